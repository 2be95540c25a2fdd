"""Text that people write: simple formatting in, safe HTML out.

People write Markdown (paragraphs, lists, emphasis, links). markdown-it-py renders it as
CommonMark with raw HTML switched off, so typed tags come out as text; nh3 (Ammonia) then
keeps only the tags and attributes below and only http(s)/mailto links. Both steps run on
what is shown, on a page or in a PDF (never on what is stored), so nothing stored can
inject a script.
"""

import functools
import unicodedata

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.disable("image")  # a picture from elsewhere would be a request to the network

# The longest text one field takes (about ten pages): enough for any part of an ambition,
# and a bound on what one request can make the server store and render.
MAX_TEXT_LENGTH = 20_000

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "em", "strong", "a", "blockquote", "h3", "h4", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def normalise(text: str) -> str:
    """What we store: NFC Unicode, Unix line ends, no NUL or other control characters
    (tabs and newlines kept), no trailing white space."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return text.strip()


def render(text: str) -> SafeString:
    """Markdown to sanitised HTML.

    The same text always gives the same HTML, so each process keeps the last few thousand
    renders: a page shown again (or thirty people opening it during a meeting) renders
    each text once, and an edited text is a new key, so nothing stale is ever shown.
    """
    if not text:
        return mark_safe("")
    return _render(text)


@functools.lru_cache(maxsize=4096)
def _render(text: str) -> SafeString:
    html = _md.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
