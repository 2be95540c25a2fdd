"""``{{ text|markdown }}``: people's Markdown as sanitised HTML (see bass.text)."""

from django import template
from django.utils.safestring import SafeString

from bass import text

register = template.Library()


@register.filter
def markdown(value: str | None) -> SafeString:
    return text.render(value or "")
