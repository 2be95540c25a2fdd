"""Benchmarks: the pages under load (pages.py) and the PDF documents (pdfs.py)."""
