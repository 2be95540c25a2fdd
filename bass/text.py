"""Text that people write: simple formatting in, safe HTML out.

People write Markdown (paragraphs, lists, emphasis, links). markdown-it-py renders it as
CommonMark with raw HTML switched off, so typed tags come out as text; nh3 (Ammonia) then
keeps only the tags and attributes below and only http(s)/mailto links. Both steps run on
what is shown, on a page or in a PDF (never on what is stored), so nothing stored can
inject a script.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable

import nh3
from django.utils.html import escape
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


_MARKERS = re.compile(r"\*+|`+|(?<!\w)_+|_+(?!\w)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)


def unmarked(text: str) -> str:
    """The words of a Markdown text without its emphasis, code and heading marks: for an
    excerpt shown as plain text (a search hit), where "**Ventelister**" read as asterisks
    (issue 30, item 11)."""
    return _MARKERS.sub("", _HEADING.sub("", text))


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


# -- Differences, rendered ---------------------------------------------------------------------
# Two versions are compared word by word on the Markdown source; a reader should see the
# rendered text with the changes marked, not "**" and "- ". The changed runs are wrapped in
# private-use characters that Markdown and nh3 leave alone, the text is rendered as usual, and
# the characters then become <ins>/<del> (in text only, never inside a tag).

_MARKS = {"added": ("\ue000", "\ue001"), "removed": ("\ue002", "\ue003")}
# Block syntax at the start of a line stays outside a mark, so a changed list item or heading
# is still a list item or heading.
_LINE_START = re.compile(r"^(\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*|#{1,6}\s+)?)")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def _mark(text: str, kind: str, at_line_start: bool) -> str:
    opening, closing = _MARKS[kind]
    out = []
    for i, line in enumerate(text.split("\n")):
        prefix = ""
        if at_line_start or i > 0:
            match = _LINE_START.match(line)
            prefix = match.group(1) if match else ""
            line = line[len(prefix) :]
        core = line.strip()
        if core:
            lead = line[: len(line) - len(line.lstrip())]
            trail = line[len(line.rstrip()) :]
            line = f"{lead}{opening}{core}{closing}{trail}"
        out.append(prefix + line)
    return "\n".join(out)


def render_diff(chunks: Iterable[tuple[str, str]], *, added: str, removed: str) -> SafeString:
    """(kind, text) runs ("same", "added", "removed") as rendered, sanitised HTML with the
    changes in <ins>/<del>; ``added``/``removed`` are the words a screen reader hears."""
    source = ""
    for kind, chunk in chunks:
        if kind in _MARKS:
            source += _mark(chunk, kind, at_line_start=source == "" or source.endswith("\n"))
        else:
            source += chunk
    html = str(render(source))
    tags = {
        "\ue000": f'<ins><span class="visually-hidden">[{escape(added)}: </span>',
        "\ue001": '<span class="visually-hidden">]</span></ins>',
        "\ue002": f'<del><span class="visually-hidden">[{escape(removed)}: </span>',
        "\ue003": '<span class="visually-hidden">]</span></del>',
    }
    pieces = []
    for piece in _TAG_OR_TEXT.split(html):
        if piece.startswith("<"):
            pieces.append(re.sub("[\ue000-\ue003]", "", piece))
        else:
            pieces.append("".join(tags.get(ch, ch) for ch in piece))
    # A change that crossed an emphasis or a link leaves tags crossed; parsing and cleaning
    # once more nests them properly.
    clean = nh3.clean(
        "".join(pieces),
        tags=ALLOWED_TAGS | {"ins", "del", "span"},
        attributes={**ALLOWED_ATTRIBUTES, "span": {"class"}},
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
