"""The e-mails of a dependency between specialties: asked (or asked again) to the owner and
leads of the specialty depended on; answered and withdrawn to the other side. Queued in the
outbox in the transaction of the change (``bass.outbox``), in Danish, one per person, like
the strategic ambition's (``ambitions.strategic.notifications``)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ambitions.models import Dependency
from ambitions.strategic.notifications import (
    DEFAULT_SITE_URL,
    EMAIL_LANGUAGE,
    _message,
    _reachable,
    _send,
)
from people.models import User
from specialties.models import Membership, Specialty


def dependencies_link(specialty: Specialty, dependency: Dependency) -> str:
    """The specialty's dependencies page, at the dependency, as an absolute address."""
    site_url = getattr(settings, "SITE_URL", DEFAULT_SITE_URL).rstrip("/")
    path = reverse("dependencies:list", kwargs={"slug": specialty.slug})
    return f"{site_url}{path}#dependency-{dependency.pk}"


def _writers(specialty: Specialty) -> list[User]:
    """The specialty's owner and implementation leads, read fresh from the database."""
    return list(
        User.objects.filter(
            memberships__specialty=specialty,
            memberships__role__in=[Membership.Role.OWNER, Membership.Role.IMPLEMENTATION_LEAD],
        )
        .distinct()
        .order_by("pk")
    )


ASKED = _("%(asker)s depends on %(other)s")
ASKED_AGAIN = _("%(asker)s asks again what it needs from %(other)s")
ANSWERED = _("%(other)s has answered what %(asker)s needs")
WITHDRAWN = _("%(asker)s has withdrawn what it asked of %(other)s")


def _send_to(
    specialty: Specialty, dependency: Dependency, subject: Promise, template: str, **extra: object
) -> int:
    with translation.override(EMAIL_LANGUAGE):
        context = {
            "dependency": dependency,
            "specialty": specialty,
            "link": dependencies_link(specialty, dependency),
            **extra,
        }
        values = {"asker": dependency.specialty.name, "other": dependency.depends_on.name}
        messages = [
            _message(str(subject) % values, template, context, user)
            for user in _reachable(_writers(specialty))
        ]
    return _send(messages)


def send_asked(*, dependency: Dependency, again: bool) -> int:
    """Tell the owner and leads of the specialty depended on what is asked of them."""
    return _send_to(
        dependency.depends_on,
        dependency,
        ASKED_AGAIN if again else ASKED,
        "ambitions/email/dependency_asked.txt",
        again=again,
    )


def send_answered(*, dependency: Dependency) -> int:
    """Tell the owner and leads of the asking specialty how the other one answered."""
    return _send_to(
        dependency.specialty,
        dependency,
        ANSWERED,
        "ambitions/email/dependency_answered.txt",
    )


def send_withdrawn(*, dependency: Dependency) -> int:
    """Tell the owner and leads of the specialty depended on that it is no longer needed."""
    return _send_to(
        dependency.depends_on,
        dependency,
        WITHDRAWN,
        "ambitions/email/dependency_withdrawn.txt",
    )
