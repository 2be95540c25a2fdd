"""Actions on specialties and their people, and what waits for a person.

Every write goes through a function here, in a transaction, so views stay thin and the
rules are in one place to test.
"""

from django.db import transaction

from people.models import User
from specialties.models import Membership, Profession, Site, Specialty


@transaction.atomic
def core_team_add_member(
    *, specialty: Specialty, user: User, site: Site | None, profession: Profession
) -> Membership:
    return Membership.objects.create(
        specialty=specialty,
        user=user,
        role=Membership.Role.CORE_TEAM,
        site=site,
        profession=profession,
    )


@transaction.atomic
def core_team_remove_member(*, membership: Membership) -> None:
    if membership.role != Membership.Role.CORE_TEAM:
        raise ValueError("only core-team memberships are removed here")
    membership.delete()


# -- People and their roles, kept by the secretariat (issue 24) ------------------------------


@transaction.atomic
def person_set_active(*, user: User, active: bool) -> None:
    """Deactivate a person who has left (no sign-in, with a password or the work account;
    a session they hold ends on its next request) or take them back. The account stays, so
    their history, comments and decisions keep their name."""
    user.is_active = active
    user.save(update_fields=["is_active"])


@transaction.atomic
def programme_role_set(*, user: User, programme_role: str) -> None:
    user.programme_role = programme_role
    user.save(update_fields=["programme_role"])


@transaction.atomic
def membership_add(
    *,
    specialty: Specialty,
    user: User,
    role: str,
    site: Site | None,
    profession: Profession | None,
) -> Membership:
    """A role in a specialty; the membership history records who gave it."""
    return Membership.objects.create(
        specialty=specialty, user=user, role=role, site=site, profession=profession
    )


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """A role taken; the history keeps the record of who had it and who took it."""
    membership.delete()
