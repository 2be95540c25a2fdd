"""``{% help_url %}``: the user guide's section for the page being shown (bass.help)."""

from typing import Any

from django import template

from bass import help as guide

register = template.Library()


@register.simple_tag(takes_context=True)
def help_url(context: dict[str, Any]) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return guide.help_url(match.view_name if match is not None else None)
