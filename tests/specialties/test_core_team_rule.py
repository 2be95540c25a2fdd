"""The core-team rule of the guide "Hvad er en faglig ambition?": at least two clinical
representatives from each site."""

import pytest

from specialties.models import Membership, Profession, Site
from tests.factories import MembershipFactory, SpecialtyFactory


@pytest.fixture
def sites(db: None) -> dict[str, Site]:
    return {s.short_name: s for s in Site.objects.all()}


def test_a_site_needs_two_clinical_representatives(sites: dict[str, Site]) -> None:
    specialty = SpecialtyFactory(sites=[sites["SUH Køge"], sites["Holbæk"]])
    MembershipFactory(specialty=specialty, site=sites["SUH Køge"])
    MembershipFactory(
        specialty=specialty,
        site=sites["SUH Køge"],
        profession=Profession.objects.get(name="Sygeplejerske"),
    )
    MembershipFactory(specialty=specialty, site=sites["Holbæk"])

    specialty = type(specialty).objects.with_people().get(pk=specialty.pk)
    coverage = {c.site.short_name: c for c in specialty.core_team_coverage()}
    assert coverage["SUH Køge"].clinical_representatives == 2
    assert coverage["SUH Køge"].is_met
    assert coverage["Holbæk"].clinical_representatives == 1
    assert coverage["Holbæk"].missing == 1
    assert [c.site.short_name for c in specialty.sites_lacking_core_team()] == ["Holbæk"]


def test_non_clinical_members_and_other_roles_do_not_count(sites: dict[str, Site]) -> None:
    koege = sites["SUH Køge"]
    specialty = SpecialtyFactory(sites=[koege])
    consultant = Profession.objects.get(is_clinical=False, name__startswith="Konsulent")
    MembershipFactory(specialty=specialty, site=koege, profession=consultant)
    MembershipFactory(specialty=specialty, site=koege, role=Membership.Role.IMPLEMENTATION_LEAD)
    MembershipFactory(specialty=specialty, site=koege)

    specialty = type(specialty).objects.with_people().get(pk=specialty.pk)
    assert [
        (c.site.short_name, c.clinical_representatives) for c in specialty.core_team_coverage()
    ] == [("SUH Køge", 1)]


def test_representatives_from_a_site_where_the_specialty_is_absent_do_not_count(
    sites: dict[str, Site],
) -> None:
    specialty = SpecialtyFactory(sites=[sites["Slagelse"]])
    MembershipFactory(specialty=specialty, site=sites["Holbæk"])
    MembershipFactory(specialty=specialty, site=sites["Holbæk"])

    specialty = type(specialty).objects.with_people().get(pk=specialty.pk)
    assert [c.site.short_name for c in specialty.sites_lacking_core_team()] == ["Slagelse"]


def test_only_active_people_count(sites: dict[str, Site]) -> None:
    """Issue 24: a deactivated person (who left) no longer fills a seat, for the specialty's
    core team and for a framework's own team alike."""
    from specialties import core_team

    koege = sites["SUH Køge"]
    specialty = SpecialtyFactory(sites=[koege])
    MembershipFactory(specialty=specialty, site=koege)
    left = MembershipFactory(specialty=specialty, site=koege)
    left.user.is_active = False
    left.user.save(update_fields=["is_active"])

    specialty = type(specialty).objects.with_people().get(pk=specialty.pk)
    assert [c.clinical_representatives for c in specialty.core_team_coverage()] == [1]
    assert [c.missing for c in specialty.sites_lacking_core_team()] == [1]
    members = Membership.objects.filter(specialty=specialty).select_related("user", "profession")
    assert [c.clinical_representatives for c in core_team.coverage(members, [koege])] == [1]


def test_a_specialty_without_sites_has_nothing_to_check(sites: dict[str, Site]) -> None:
    specialty = SpecialtyFactory()
    specialty = type(specialty).objects.with_people().get(pk=specialty.pk)
    assert specialty.core_team_coverage() == []
    assert specialty.sites_lacking_core_team() == []


def test_a_specialty_has_at_most_one_owner(sites: dict[str, Site]) -> None:
    from django.db import IntegrityError, transaction

    specialty = SpecialtyFactory()
    MembershipFactory(specialty=specialty, role=Membership.Role.OWNER, profession=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(specialty=specialty, role=Membership.Role.OWNER, profession=None)
