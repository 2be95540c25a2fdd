"""What every "may this person do this?" of BASS Ambitions is built from, knowing no domain.

The rules themselves live next to the models they ask about, comparing those models' enums:
``people.permissions`` (the programme roles), ``specialties.permissions`` (the roles in a
specialty), ``sustainability.permissions``, ``ambitions.permissions``,
``inspiration.permissions``, ``rounds.permissions`` and ``programme.permissions``.

Views never call those predicates to refuse: they load what they act on through the
``get_*_for_<verb>`` access functions of each app's ``access.py``, which turn a "no" into
404 (may not see) or 403 (``require``: may see, may not do this). Templates ask the same
predicates through the ``bass_permissions`` template tags (``programme/templatetags``), so a
button is shown exactly when pressing it works.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

# What ``request.user`` may be.
AnyUser = AbstractBaseUser | AnonymousUser


def require(allowed: bool) -> None:
    """403 unless ``allowed``: for access functions, once the object is known to be visible
    (what the user may not see is a 404, raised before this)."""
    if not allowed:
        raise PermissionDenied


def is_signed_in(user: AnyUser) -> bool:
    """A signed-in person whose account is active: what every rule asks first."""
    return bool(user.is_authenticated and user.is_active)
