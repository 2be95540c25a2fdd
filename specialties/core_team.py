"""The core-team rule of the guide "Hvad er en faglig ambition?" for any group of people, e.g. one
framework's core team.

"Kerneteamet består af minimum to kliniske repræsentanter fra hver matrikel, som specialet
er repræsenteret på." ``Specialty.core_team_coverage`` applies it to the specialty's own
core-team role; a framework picks its own team among all the specialty's people, so the
same count is made here over whichever memberships were chosen.
"""

from __future__ import annotations

from collections.abc import Iterable

from specialties.models import Membership, Site, SiteCoverage


def counts_as_clinical_representative(member: Membership) -> bool:
    """A member counts for a site when they work there in a clinical profession, and only
    while their account is active: a deactivated person has left the team in practice."""
    return (
        member.user.is_active
        and member.site_id is not None
        and member.profession is not None
        and member.profession.is_clinical
    )


def coverage(members: Iterable[Membership], sites: Iterable[Site]) -> list[SiteCoverage]:
    """Clinical representatives per site among ``members``, for each of ``sites`` in site
    order. A person counts once per site even if they hold two roles there."""
    people: dict[int, set[int]] = {}
    for member in members:
        if counts_as_clinical_representative(member):
            assert member.site_id is not None
            people.setdefault(member.site_id, set()).add(member.user_id)
    return [
        SiteCoverage(site=site, clinical_representatives=len(people.get(site.pk, ())))
        for site in sorted(sites, key=lambda s: (s.order, s.name))
    ]


def lacking(members: Iterable[Membership], sites: Iterable[Site]) -> list[SiteCoverage]:
    """The sites where ``members`` do not meet the rule, with how many are missing."""
    return [c for c in coverage(members, sites) if not c.is_met]
