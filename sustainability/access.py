"""Fetch a specialty's challenges for what the user wants to do with them, or refuse.

404 when the user may not see the challenges (they belong to the strategic ambition, which
is for the specialty's people and the programme), 403 when they may see them but not make
this change. The predicates live in each app's ``permissions`` module; the specialty and its
ambition are
loaded by ``specialties.access``.
"""

from django.http import Http404

from bass.permissions import AnyUser, require
from specialties import permissions as specialty_permissions
from specialties.access import get_specialty, strategic_ambition_of
from specialties.models import Specialty
from sustainability import permissions as sustainability_permissions
from sustainability.models import Challenge


def get_challenges_for_view(user: AnyUser, slug: str) -> Specialty:
    """The specialty, with its people prefetched, if the user may read its challenges."""
    return get_specialty(user, slug, may_see=specialty_permissions.can_view_ambition)


def get_specialty_for_challenge_add(user: AnyUser, slug: str) -> Specialty:
    specialty = get_challenges_for_view(user, slug)
    require(sustainability_permissions.can_edit_challenges(user, specialty))
    return specialty


def _challenge_of(specialty: Specialty, pk: int) -> Challenge:
    challenge = Challenge.objects.filter(specialty=specialty, pk=pk).first()
    if challenge is None:
        raise Http404
    challenge.specialty = specialty  # the prefetched one, so predicates cost nothing
    return challenge


def get_challenge_for_edit(user: AnyUser, slug: str, pk: int) -> Challenge:
    specialty = get_challenges_for_view(user, slug)
    challenge = _challenge_of(specialty, pk)
    require(
        sustainability_permissions.can_edit_challenge(
            user, challenge, strategic_ambition_of(specialty)
        )
    )
    return challenge


def get_challenge_for_core_choice(user: AnyUser, slug: str, pk: int) -> Challenge:
    """For marking a challenge as core and ordering the core challenges."""
    specialty = get_challenges_for_view(user, slug)
    challenge = _challenge_of(specialty, pk)
    require(
        sustainability_permissions.can_choose_core_challenges(
            user, specialty, strategic_ambition_of(specialty)
        )
    )
    return challenge


def get_challenge_for_history(user: AnyUser, slug: str, pk: int) -> Challenge:
    """For the challenge's history: whoever reads the challenges."""
    specialty = get_specialty(
        user, slug, may_see=sustainability_permissions.can_view_professional_history
    )
    return _challenge_of(specialty, pk)
