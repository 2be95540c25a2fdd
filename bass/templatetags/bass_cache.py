"""``{% fragment name version vary… %}…{% endfragment %}``: keep a rendered piece of a page
until its content changes.

The key is the fragment's name, the content version it shows (``bass.cache.version``; pass
today's date too where the fragment counts what is overdue), the language, and the few
permission flags that decide which buttons it holds. Nothing personal may be inside but the
CSRF token, which is rendered as a placeholder and put in on the way out, so a form in a
cached fragment posts with the reader's own token. The placeholder is drawn at random for
each rendering and kept with it (issue 25, item 9): text someone wrote cannot contain it, so
no user text turns into the reader's token.

What the fragment shows should come from lazy context values (callables, or
``django.utils.functional.SimpleLazyObject``): on a hit they are never evaluated, so a
cached page neither queries nor computes what it does not render.
"""

from __future__ import annotations

import secrets

from django import template
from django.template.base import (
    FilterExpression,
    Node,
    NodeList,
    Parser,
    Token,
    Variable,
    VariableDoesNotExist,
)
from django.template.context import Context
from django.template.exceptions import TemplateSyntaxError
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from bass.cache import kept

register = template.Library()

_PLACEHOLDER_PREFIX = "bass-csrf-"


def _placeholder() -> str:
    """Unguessable, and never shown: it is replaced before the page leaves."""
    return _PLACEHOLDER_PREFIX + secrets.token_hex(16)


class FragmentNode(Node):
    def __init__(
        self,
        name: str,
        parts: list[FilterExpression],
        unless: FilterExpression | None,
        nodelist: NodeList,
    ) -> None:
        self.name = name
        self.parts = parts
        self.unless = unless
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        if self.unless is not None and self.unless.resolve(context):
            return mark_safe(self.nodelist.render(context))  # noqa: S308 - see below
        values = [str(self._resolve(part, context)) for part in self.parts]

        def render() -> tuple[str, str]:
            placeholder = _placeholder()
            with context.push(csrf_token=placeholder):
                return placeholder, str(self.nodelist.render(context))

        # Kept only outside a transaction of the request's own (``kept``): what it read may
        # still roll back. The placeholder is kept with the HTML it was rendered into.
        placeholder, html = kept(
            f"fragment:{self.name}:{translation.get_language()}", *values, compute=render
        )
        token = context.get("csrf_token")
        if placeholder in html:
            html = html.replace(placeholder, "" if token is None else str(token))
        return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there

    def _resolve(self, part: FilterExpression, context: Context) -> object:
        """A part of the key; one missing from the context is an error, not an empty
        string: two pages that differ only in it would share one fragment."""
        if isinstance(part.var, Variable):
            try:
                part.var.resolve(context)
            except VariableDoesNotExist:
                raise TemplateSyntaxError(
                    f"fragment {self.name!r}: {part.var} is not in the context"
                ) from None
        return part.resolve(context)


@register.tag("fragment")
def do_fragment(parser: Parser, token: Token) -> FragmentNode:
    """``{% fragment "status_row" content_version today can_edit unless editing %}…``

    ``unless X`` renders without the cache while X is true: a form being edited, with what
    the person typed and its errors, is never kept.
    """
    bits = token.split_contents()
    unless = None
    if len(bits) > 2 and bits[-2] == "unless":
        unless = parser.compile_filter(bits[-1])
        bits = bits[:-2]
    if len(bits) < 3:
        raise TemplateSyntaxError("fragment takes a name and at least the content version it shows")
    name = bits[1].strip("\"'")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, [parser.compile_filter(b) for b in bits[2:]], unless, nodelist)
