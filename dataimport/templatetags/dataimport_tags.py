"""``user|can_import``: whether the menu shows "Indlæs fra fil" (the same predicate the
import pages ask)."""

from django import template

from bass.permissions import AnyUser
from dataimport import access

register = template.Library()


@register.filter
def can_import(user: AnyUser) -> bool:
    return access.can_import(user)
