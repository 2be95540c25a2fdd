"""Fetch a thread of comments, or the signed-in person's notifications, or refuse.

A thread is about a framework ("Rammer for indsatsområdet"), a framework's row in "Status og
fremdrift", or an action. 404 when the person may not read its comments (the rule is
``permissions.can_discuss_professional``) or it does not belong to the specialty in the
address; the one rule covers reading and writing, as for the strategic ambition's comments.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from ambitions import permissions as ambition_permissions
from ambitions.models import Action, AreaFramework
from bass.permissions import AnyUser
from conversations.models import Topic
from specialties.access import get_specialty
from specialties.models import Specialty


@dataclass(frozen=True)
class Thread:
    """What a thread is about, and where it and its thing are shown."""

    topic: str
    specialty: Specialty
    framework: AreaFramework
    action: Action | None = None

    @property
    def pk(self) -> int:
        return self.action.pk if self.action is not None else self.framework.pk

    @property
    def title(self) -> str:
        if self.action is not None:
            return self.action.title
        return self.framework.title

    @property
    def kind_label(self) -> str:
        if self.topic == Topic.STATUS:
            return _("Status and progress")
        if self.topic == Topic.ACTION:
            return _("Action")
        return _("Framework for the intervention area")

    @property
    def url(self) -> str:
        return reverse(
            f"conversations:{self.topic}_thread",
            kwargs={"slug": self.specialty.slug, "pk": self.pk},
        )

    @property
    def dom_id(self) -> str:
        return f"thread-{self.topic}-{self.pk}"

    @property
    def thing_url(self) -> str:
        """The page where the thing itself is shown."""
        slug = self.specialty.slug
        if self.action is not None:
            page = reverse(
                "professional:focus_area", kwargs={"slug": slug, "pk": self.action.focus_area_id}
            )
            return f"{page}#action-{self.action.pk}"
        if self.topic == Topic.STATUS:
            page = reverse("professional:status", kwargs={"slug": slug})
            return f"{page}#status-row-{self.framework.pk}"
        return reverse("professional:framework", kwargs={"slug": slug, "pk": self.framework.pk})


def _specialty_for_discussion(user: AnyUser, slug: str) -> Specialty:
    return get_specialty(user, slug, may_see=ambition_permissions.can_discuss_professional)


def _framework(specialty: Specialty, pk: int) -> AreaFramework:
    framework = (
        AreaFramework.objects.select_related("ambition", "progress_owner")
        .filter(ambition__specialty=specialty, pk=pk)
        .first()
    )
    if framework is None:
        raise Http404
    framework.ambition.specialty = specialty
    return framework


def get_thread_for_discussion(user: AnyUser, slug: str, topic: str, pk: int) -> Thread:
    """The thread (to read it and to write in it) if the person may discuss the specialty's
    professional ambition and the thing belongs to it."""
    specialty = _specialty_for_discussion(user, slug)
    if topic == Topic.ACTION:
        action = (
            Action.objects.select_related("focus_area__framework__ambition", "responsible")
            .filter(focus_area__framework__ambition__specialty=specialty, pk=pk)
            .first()
        )
        if action is None:
            raise Http404
        framework = action.focus_area.framework
        framework.ambition.specialty = specialty
        return Thread(topic=topic, specialty=specialty, framework=framework, action=action)
    if topic not in (Topic.FRAMEWORK, Topic.STATUS):
        raise Http404
    return Thread(topic=topic, specialty=specialty, framework=_framework(specialty, pk))
