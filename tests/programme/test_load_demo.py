"""The demo region (`manage.py load_demo`): complete roles, the core-team showcase, logins."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from ambitions.models import StrategicAmbition
from people.models import ProgrammeRole, User
from programme.management.commands.load_demo import DEMO_LOGINS, DEMO_PASSWORD
from specialties.models import Invitation, Membership, Specialty
from sustainability.models import Challenge

pytestmark = pytest.mark.django_db

REQUIRED_USERNAMES = ["ejer", "leder", "kerneteam", "styregruppe", "sekretariat", "ude"]
ONLY_AT_SUH_KOEGE = {"im-haematologi", "im-infektionsmedicin"}


def load_demo(**options: str) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def output() -> str:
    return load_demo()


def kardiologi() -> Specialty:
    return Specialty.objects.with_people().get(slug="im-kardiologi")


def test_every_specialty_has_one_owner_and_implementation_leads(output: str) -> None:
    specialties = list(Specialty.objects.with_people())
    # The reference data's nine, and Radiologi, which IM: Kardiologi depends on.
    assert len(specialties) == 10
    for specialty in specialties:
        assert len(specialty.members(Membership.Role.OWNER)) == 1, specialty
        assert 1 <= len(specialty.implementation_leads) <= 3, specialty
        assert all(m.site is not None for m in specialty.implementation_leads), specialty
        assert specialty.owner is not None
        assert specialty.owner.user.job_title.startswith("Vicedirektør"), specialty


def test_sites_and_strength_positions(output: str) -> None:
    for specialty in Specialty.objects.with_people():
        sites = {s.short_name for s in specialty.sites.all()}
        strong = {s.short_name for s in specialty.strength_position_sites.all()}
        assert strong <= sites, specialty
        if specialty.slug in ONLY_AT_SUH_KOEGE:
            assert sites == strong == {"SUH Køge"}
        else:
            assert len(strong) >= 2, specialty
    cardio = kardiologi()
    assert {s.short_name for s in cardio.sites.all()} == {
        "SUH Køge",
        "Holbæk",
        "Nykøbing F.",
        "Slagelse",
    }
    assert {s.short_name for s in cardio.strength_position_sites.all()} == {"SUH Køge", "Slagelse"}
    assert cardio.description


def test_kardiologi_core_team_is_complete_and_interdisciplinary(output: str) -> None:
    cardio = kardiologi()
    assert cardio.sites_lacking_core_team() == []
    for site in cardio.sites.all():
        clinical = [
            m
            for m in cardio.core_team
            if m.site == site and m.profession and m.profession.is_clinical
        ]
        assert len({m.profession for m in clinical}) >= 2, site
    non_clinical = [m for m in cardio.core_team if m.profession and not m.profession.is_clinical]
    assert [m.profession.name for m in non_clinical if m.profession] == [
        "Konsulent (fx Koncern Digitalisering)"
    ]


def test_another_core_team_has_gaps_to_warn_about(output: str) -> None:
    with_gaps = [
        s
        for s in Specialty.objects.with_people().exclude(slug="im-kardiologi")
        if s.core_team and s.sites_lacking_core_team()
    ]
    assert with_gaps


def test_kardiologi_is_approved_and_lungesygdomme_awaits_the_steering_group(output: str) -> None:
    states = dict(StrategicAmbition.objects.values_list("specialty__slug", "status"))
    assert states == {"im-kardiologi": "approved", "im-lungesygdomme": "submitted"}
    kardiologi = StrategicAmbition.objects.get(specialty__slug="im-kardiologi")
    assert kardiologi.approved_version.number == 1
    assert kardiologi.approved_version.conditions.get().responsible.username == "leder"
    assert kardiologi.intervention_areas.count() == 2
    assert all(part.text for part in kardiologi.parts.all())


def test_the_worked_ventelister_example_of_seed_000(output: str) -> None:
    challenge = Challenge.objects.get(specialty__slug="im-kardiologi", title="Ventelister")
    assert challenge.is_core
    answers = {a.perspective.code: a.text for a in challenge.lens_answers.all()}
    assert answers["faglig"].startswith("Der udføres rutinekontroller")
    assert "sygefravær" in answers["personalemaessig"]
    assert "uudnyttet kapacitet på et andet sygehus" in answers["organisatorisk"]


def test_running_again_keeps_what_was_written_during_a_demonstration(output: str) -> None:
    from ambitions.models import AmbitionPart

    part = AmbitionPart.objects.filter(ambition__specialty__slug="im-kardiologi").first()
    AmbitionPart.objects.filter(pk=part.pk).update(text="Skrevet under demonstrationen")
    call_command("load_demo", stdout=io.StringIO())
    part.refresh_from_db()
    assert part.text == "Skrevet under demonstrationen"
    assert StrategicAmbition.objects.count() == 2


def test_required_logins_exist_with_their_roles(output: str) -> None:
    for username in REQUIRED_USERNAMES:
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert user.get_full_name(), username
    cardio = kardiologi()
    assert cardio.owner is not None
    assert cardio.owner.user.username == "ejer"
    assert "leder" in {m.user.username for m in cardio.implementation_leads}
    assert "kerneteam" in {m.user.username for m in cardio.core_team}
    assert User.objects.get(username="styregruppe").is_steering_group
    assert User.objects.get(username="sekretariat").is_secretariat
    outsider = User.objects.get(username="ude")
    assert outsider.programme_role == ProgrammeRole.NONE
    assert not outsider.memberships.exists()


def test_programme_roles_and_no_superusers(output: str) -> None:
    assert User.objects.filter(programme_role=ProgrammeRole.STEERING_GROUP).count() == 2
    assert User.objects.filter(programme_role=ProgrammeRole.SECRETARIAT).count() == 1
    assert not User.objects.filter(is_superuser=True).exists()


def test_output_lists_the_demo_logins(output: str) -> None:
    assert [login.username for login in DEMO_LOGINS] == REQUIRED_USERNAMES
    for username, role in DEMO_LOGINS:
        assert username in output
        assert role in output
        assert User.objects.get(username=username).get_full_name() in output
    assert DEMO_PASSWORD in output


def test_running_twice_changes_nothing(output: str) -> None:
    def snapshot() -> tuple[object, ...]:
        return (
            User.objects.count(),
            Membership.objects.count(),
            StrategicAmbition.objects.count(),
            set(
                Membership.objects.values_list(
                    "specialty__slug", "user__username", "role", "site", "profession"
                )
            ),
            set(
                Specialty.objects.values_list(
                    "slug", "sites__short_name", "strength_position_sites__short_name"
                )
            ),
        )

    before = snapshot()
    load_demo()
    assert snapshot() == before


def test_password_can_be_overridden() -> None:
    output = load_demo(password="andet-kodeord")
    assert "andet-kodeord" in output
    assert authenticate(username="ejer", password="andet-kodeord") is not None
    assert authenticate(username="ejer", password=DEMO_PASSWORD) is None


def test_one_invitation_is_pending_and_running_again_keeps_it_single(output: str) -> None:
    invitation = Invitation.objects.pending().get()
    assert invitation.specialty.slug == "im-lungesygdomme"
    assert invitation.role == Membership.Role.CORE_TEAM
    load_demo()
    assert Invitation.objects.count() == 1


def test_kardiologi_depends_on_radiologi_once_answered_and_once_open(output: str) -> None:
    from ambitions.models import Dependency, DependencyState

    found = {
        d.state: d
        for d in Dependency.objects.filter(specialty__slug="im-kardiologi").select_related(
            "depends_on"
        )
    }
    assert set(found) == {DependencyState.ACCEPTED, DependencyState.OPEN}
    assert {d.depends_on.name for d in found.values()} == {"Radiologi"}
    assert found[DependencyState.ACCEPTED].challenge is not None
    assert found[DependencyState.ACCEPTED].answer
    assert found[DependencyState.OPEN].action is not None
    load_demo()  # again: the same two, whatever people did with them since
    assert Dependency.objects.count() == 2
