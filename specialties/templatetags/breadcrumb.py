"""One breadcrumb for every page (issue 30, item 11): the same path from the same start.

A specialty's page begins at "Specialer > <the specialty>", whatever the page; the steps
after it are the block's list items, the last one the page itself::

    {% load breadcrumb %}
    {% breadcrumb specialty %}
      <li><a href="{% url 'professional:overview' specialty.slug %}">…</a></li>
      <li aria-current="page">…</li>
    {% endbreadcrumb %}

Pages that belong to no specialty (the library) give no specialty and begin where they do.
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.template.context import Context
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


class BreadcrumbNode(template.Node):
    def __init__(self, specialty: FilterExpression | None, nodelist: template.NodeList) -> None:
        self.specialty = specialty
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        specialty = self.specialty.resolve(context) if self.specialty is not None else None
        return mark_safe(  # noqa: S308 - a template's own output
            render_to_string(
                "components/breadcrumb.html",
                {"specialty": specialty, "steps": self.nodelist.render(context)},
                request=context.get("request"),
            )
        )


@register.tag
def breadcrumb(parser: Parser, token: Token) -> BreadcrumbNode:
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("{% breadcrumb [specialty] %} takes one argument")
    specialty = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endbreadcrumb",))
    parser.delete_first_token()
    return BreadcrumbNode(specialty, nodelist)
