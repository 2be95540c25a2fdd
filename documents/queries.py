"""What the documents app reads (no writes: those are in services.py)."""

from __future__ import annotations

import re

from documents.models import DocumentJob, DocumentKind

_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def download_filename(job: DocumentJob) -> str:
    """The document's title as a file name every system accepts (Danish letters kept)."""
    title = job.title or str(DocumentKind(job.kind).label)
    name = re.sub(r"\s+", " ", _NOT_IN_FILE_NAMES.sub("", title)).strip(" .")
    return f"{name[:150] or 'BASS'}.pdf"
