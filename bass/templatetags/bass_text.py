"""``{{ text|markdown }}``: people's Markdown as sanitised HTML (see bass.text);
``{{ chunks|markdown_diff }}``: a word diff of Markdown, rendered, with the changes marked;
``{{ "2027-03-01"|iso_date|date }}``: a date kept as ISO text (a snapshot's) as a date."""

import datetime
from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from bass import text

register = template.Library()


@register.filter
def markdown(value: str | None) -> SafeString:
    return text.render(value or "")


@register.filter
def markdown_diff(chunks: Any) -> SafeString:
    """Diff chunks (``kind`` and ``text``, see bass.history.word_diff)."""
    return text.render_diff(
        ((chunk.kind, chunk.text) for chunk in chunks or []),
        added=gettext("added"),
        removed=gettext("removed"),
    )


@register.filter
def iso_date(value: str | None) -> datetime.date | None:
    """A date a JSON snapshot keeps as ISO text, back as a date for ``|date``."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
