"""Signing in, with what every page asks of the person loaded at once.

Every page's header asks whether the person has a role in the programme (the link to the
programme overview, ``bass.permissions.is_programme_member``): for someone without a
programme role, that is whether they hold a role in any specialty. ``MemberBackend`` loads
the answer with the person, in the one query each request makes for them anyway.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from people.models import User
from specialties.models import Membership


class MemberBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        member = Exists(Membership.objects.filter(user=OuterRef("pk")))
        user = User._default_manager.annotate(_bass_is_programme_member=member).filter(pk=user_id)
        found = user.first()
        return found if found is not None and self.user_can_authenticate(found) else None
