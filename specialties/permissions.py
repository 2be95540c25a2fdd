"""A person's roles in a specialty (``Membership.Role``) and what they may do with its
people: see it, manage its core team, invite.

Specialty predicates read ``specialty.memberships.all()``, which the pages prefetch, so
asking them in a loop costs no queries.
"""

from __future__ import annotations

from bass.permissions import AnyUser, is_signed_in
from people.permissions import is_secretariat, is_steering_group, programme_role
from specialties.models import Membership, Specialty

Role = Membership.Role


def roles_in(user: AnyUser, specialty: Specialty) -> frozenset[str]:
    """The user's roles in the specialty (values of ``Membership.Role``).

    Asked for every button of every row, so the answer is kept on the specialty object for
    the rest of the request (a fresh object, as every request loads, asks again)."""
    if not is_signed_in(user):
        return frozenset()
    known: dict[object, frozenset[str]] = specialty.__dict__.setdefault("_roles_by_user", {})
    if user.pk not in known:
        known[user.pk] = frozenset(
            m.role for m in specialty.memberships.all() if m.user_id == user.pk
        )
    return known[user.pk]


def is_owner(user: AnyUser, specialty: Specialty) -> bool:
    return Role.OWNER in roles_in(user, specialty)


def is_implementation_lead(user: AnyUser, specialty: Specialty) -> bool:
    return Role.IMPLEMENTATION_LEAD in roles_in(user, specialty)


def is_core_team_member(user: AnyUser, specialty: Specialty) -> bool:
    return Role.CORE_TEAM in roles_in(user, specialty)


def is_owner_or_lead(user: AnyUser, specialty: Specialty) -> bool:
    """The specialty's owner or one of its implementation leads: the ambitions' writers."""
    return bool(roles_in(user, specialty) & {Role.OWNER, Role.IMPLEMENTATION_LEAD})


def holds_a_specialty_role(user: AnyUser) -> bool:
    """Whether the person holds a role in at least one specialty (owner, implementation lead,
    core team). Loaded with the person (``specialties.auth.MemberBackend``); asked otherwise,
    and then kept on the user object for the rest of the request."""
    if not is_signed_in(user):
        return False
    cached = getattr(user, "_bass_is_programme_member", None)
    if cached is None:
        memberships = getattr(user, "memberships", None)
        cached = bool(memberships is not None and memberships.exists())
        user._bass_is_programme_member = cached  # type: ignore[union-attr]
    return bool(cached)


def is_programme_member(user: AnyUser) -> bool:
    """A signed-in, active person with a programme role (steering group, secretariat) or a
    role in at least one specialty (owner, implementation lead, core team)."""
    if not is_signed_in(user):
        return False
    return bool(programme_role(user)) or holds_a_specialty_role(user)


def can_view_specialty(user: AnyUser, specialty: Specialty) -> bool:
    """Every signed-in person may see every specialty and who carries it: the programme
    works in the open across sites, and knowing whom to ask is the point of the page."""
    return is_signed_in(user)


def can_manage_core_team(user: AnyUser, specialty: Specialty) -> bool:
    """The owner picks the core team (the guides "BASS kort fortalt" and "Hvad er en faglig
    ambition?"); the secretariat helps keep it right."""
    return is_owner(user, specialty) or is_secretariat(user)


def can_view_ambition(user: AnyUser, specialty: Specialty) -> bool:
    """The specialty's own people and the programme (steering group, secretariat) read the
    strategic ambition, its challenges and its history; drafts are not for everyone."""
    return bool(roles_in(user, specialty)) or is_steering_group(user) or is_secretariat(user)


# -- People: invitations (issue 24) -----------------------------------------------------------


def can_invite(user: AnyUser, specialty: Specialty, role: str) -> bool:
    """The secretariat invites to any role of any specialty; the owner and the
    implementation leads invite people to their own specialty's core team."""
    if is_secretariat(user):
        return True
    return role == Role.CORE_TEAM and (
        is_owner(user, specialty) or is_implementation_lead(user, specialty)
    )


def can_invite_to_specialty(user: AnyUser, specialty: Specialty) -> bool:
    """Whether the person may invite anyone to the specialty (at least to its core team),
    and so see and resend or withdraw its pending invitations to the roles they may give."""
    return can_invite(user, specialty, Role.CORE_TEAM)


def can_edit_population_picture(user: AnyUser, specialty: Specialty) -> bool:
    """The population picture (sites, services, strength positions and its introduction) is
    written by the owner with the implementation leads (issue 26, item 2)."""
    return is_owner_or_lead(user, specialty)
