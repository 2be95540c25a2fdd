"""HTML to a tagged PDF with WeasyPrint, and the bits of CSS the page margins need.

Documents are self-contained: their CSS is inline, their charts are inline SVG and their
fonts are the DejaVu fonts from the Debian package. The URL fetcher therefore refuses
every URL but ``data:``, so no text someone wrote can make the renderer fetch anything.
"""

from __future__ import annotations

import re

import weasyprint
from django.conf import settings
from weasyprint.urls import URLFetcher

PDF_VARIANT = "pdf/ua-1"
# What, besides the HTML, decides the bytes of the PDF: part of the content hash, so a new
# WeasyPrint renders the documents again.
RENDER_OPTIONS = {"pdf_variant": PDF_VARIANT, "weasyprint": weasyprint.__version__}


def write_pdf(html: str) -> bytes:
    """The document as a PDF/UA-1 (tagged, with its language and title) in memory."""
    document = weasyprint.HTML(
        string=html,
        base_url=settings.SITE_URL + "/",
        url_fetcher=URLFetcher(allowed_protocols={"data"}),
    )
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the style element."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;–-()!?/'" else f"\\{ord(ch):x} " for ch in str(text)
    )
    return f'"{escaped}"'


def css_content(text: str, **counters: str) -> str:
    """A translated sentence with ``%(name)s`` placeholders as a CSS ``content`` value.

    ``css_content(gettext("Page %(page)s of %(pages)s"), page="counter(page)",
    pages="counter(pages)")`` gives ``"Page " counter(page) " of " counter(pages)``, so
    translators see the whole sentence and may move the numbers.
    """
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            parts.append(css_string(text[position : match.start()]))
        parts.append(counters[match.group(1)])
        position = match.end()
    if position < len(text):
        parts.append(css_string(text[position:]))
    return " ".join(parts) or '""'
