"""Demo content for IM: Kardiologi's professional ambition, loaded by ``manage.py load_demo``.

Two frameworks (one per intervention area of the approved strategic ambition), their focus
areas, a handful of actions with milestones, indicators measured month by month over the
past year, and some overdue work: a milestone past its date, a late action, an indicator
never measured and a status row nobody has touched for three months — so a new user sees a
living example, loose ends included. Dates are relative to the day the demo is loaded.

Everything goes through the services, like real use. An existing professional ambition is
left alone, so running the demo again never overwrites what someone wrote while trying it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ambitions.models import (
    Action,
    ActionStatus,
    AreaFramework,
    InterventionFocusArea,
    Level,
    Principle,
    ProfessionalAmbition,
    StrategicAmbition,
)
from ambitions.professional import services as professional_services
from ambitions.professional.services import ActionInput, AssessmentInput, PrincipleInput
from inspiration import services as inspiration_services
from inspiration.models import Case
from people.models import User
from specialties.models import Membership, Specialty
from sustainability.models import Challenge, Perspective

FRAMEWORKS: dict[str, dict[str, Any]] = {
    "Ensartet visitation og behovsbestemt opfølgning": {
        "purpose": (
            "Alle kardiologiske patienter i regionen visiteres ens og følges op efter behov, "
            "så ventetiden falder og ressourcerne bruges dér, hvor de gør mest gavn."
        ),
        "goals": [
            (
                "Kortere ventetid til første ambulante besøg for hjertesvigt",
                "Ventetid til første besøg",
                "dage",
                "62",
                "30",
                365,
            ),
            (
                "Faste rutinekontroller erstattes af opfølgning efter behov",
                "Andel rutinekontroller erstattet",
                "%",
                "0",
                "40",
                365,
            ),
        ],
        "actors": [
            (
                "Kardiologiske afdelinger",
                "Udfører visitation og opfølgning",
                Level.HIGH,
                Level.HIGH,
            ),
            ("Almen praksis", "Henviser patienterne", Level.MEDIUM, Level.MEDIUM),
            ("Koncern Digitalisering", "Leverer PRO-løsningen", Level.LOW, Level.MEDIUM),
        ],
        "focus_areas": ["Fælles visitation", "Behovsbestemt opfølgning"],
        "status": (
            "Afdelingsledelserne i Køge og Slagelse",
            "Pilot i 2026, drift i hele regionen fra 2027",
            "Visitationsinstruksen er i brug; visitationsenheden mangler bemanding.",
            0,
        ),
    },
    "Fælles bagvagt og stillinger på tværs af matrikler": {
        "purpose": (
            "Styrkepositionerne bærer en regional bagvagt og fælles stillinger, så de mindre "
            "matrikler får faste kardiologer og færre vikarer."
        ),
        "goals": [
            (
                "Færre udgifter til vikarer",
                "Vikarudgifter i kardiologi",
                "mio. kr.",
                "4.2",
                "2.0",
                540,
            ),
            (
                "Flere faste speciallæger i Holbæk og Nykøbing F.",
                "Besatte speciallægestillinger",
                "antal",
                "3",
                "6",
                540,
            ),
        ],
        "actors": [
            ("Sygehusledelserne", "Beslutter organiseringen", Level.HIGH, Level.HIGH),
            ("HR", "Ansættelser og løn under transport", Level.MEDIUM, Level.HIGH),
            ("Yngre Læger", "Repræsenterer uddannelseslægerne", Level.HIGH, Level.MEDIUM),
        ],
        "focus_areas": ["Regional bagvagt", "Fælles stillinger"],
        # Last looked at three months ago: the status overview flags it as not updated.
        "status": (
            "Sygehusledelserne i Køge og Slagelse",
            "Bagvagt fra efteråret; stillingsopslag løbende",
            "Udstyret til telemedicinsk bagvagt er forsinket.",
            92,
        ),
    },
}

# focus area -> actions: (title, purpose, responsible, start, end, status,
#   milestones [(title, days from today, done)], indicator (name, unit, baseline, target,
#   monthly values or None), ratings {perspective: (rating, why)}, principles {code: why},
#   challenges)
# The inspiration library's cases (seed 004) the demo's actions cite, with what they take.
INSPIRATION: dict[str, list[tuple[str, str]]] = {
    "Patientrapporterede oplysninger i stedet for faste kontroller": [
        ("internetbaseret-terapi", "Asynkron opfølgning, hvor behandleren kun er med ved behov."),
    ],
    "Telemedicinsk bagvagt fra Køge og Slagelse": [
        ("ehospitalet", "Virtuel stuegang og behandlingsansvar på tværs af matrikler."),
        ("fve-bilen-kolding", "Video til speciallægen ved vurderingen."),
    ],
}

ACTIONS: dict[str, list[tuple[Any, ...]]] = {
    "Fælles visitation": [
        (
            "Fælles visitationsinstruks for hjertesvigt",
            "Én instruks for, hvem der ses hvor og hvornår, på alle fire matrikler.",
            "leder",
            -300,
            -30,
            ActionStatus.COMPLETED,
            [("Udkast til instruks", -240, True), ("Godkendt i afdelingsledelserne", -60, True)],
            (
                "Henvisninger visiteret efter fælles instruks",
                "%",
                "0",
                "100",
                [0, 10, 25, 40, 55, 70, 80, 88, 92, 95, 98, 100],
            ),
            {
                "faglig": (2, "Ensartet behandling af høj kvalitet på tværs af matrikler."),
                "organisatorisk": (1, "Klar fordeling af ansvar for visitationen."),
            },
            {"populationsansvar": "Samme visitation for alle patienter, uanset bopæl."},
            ["Ventelister"],
        ),
        (
            "Én visitationsenhed for regionen",
            "Visitationen samles i én enhed, der ser hele regionens kapacitet.",
            "leder",
            -200,
            120,
            ActionStatus.IN_PROGRESS,
            [
                ("Bemanding af visitationsenheden aftalt", -40, False),
                ("Pilotdrift i Køge", 30, False),
            ],
            (
                "Ventetid til første besøg",
                "dage",
                "62",
                "30",
                [62, 62, 61, 60, 58, 57, 56, 55, 54, 53, 52, 50],
            ),
            {
                "faglig": (1, "Patienterne ses af den rette kardiolog første gang."),
                "personalemaessig": (-1, "Personalet i visitationen skal lære nye arbejdsgange."),
                "organisatorisk": (2, "Uudnyttet kapacitet på andre matrikler bliver synlig."),
            },
            {
                "populationsansvar": "Enheden har ansvar for hele regionens ventende patienter.",
                "styrkepositioner": "Visitationen ligger i styrkepositionen i Køge.",
            },
            ["Ventelister"],
        ),
    ],
    "Behovsbestemt opfølgning": [
        (
            "Patientrapporterede oplysninger i stedet for faste kontroller",
            "Stabile patienter svarer på et spørgeskema hjemmefra og kaldes kun ind efter behov.",
            "kerneteam",
            -150,
            200,
            ActionStatus.IN_PROGRESS,
            [("Spørgeskema valideret", -90, True), ("Første 200 patienter i gang", 45, False)],
            ("Andel rutinekontroller erstattet", "%", "0", "40", [0, 3, 7, 11, 15, 19]),
            {
                "faglig": (1, "Kontroller uden evidens erstattes af opfølgning efter behov."),
                "personalemaessig": (1, "Frigør tid i ambulatoriet, hvor sygefraværet er højt."),
            },
            {"naerhed": "Patienten følges hjemmefra, tæt på sin hverdag."},
            ["Ventelister"],
        ),
    ],
    "Regional bagvagt": [
        (
            "Telemedicinsk bagvagt fra Køge og Slagelse",
            "Kardiologisk bagvagt for Holbæk og Nykøbing F. om natten via video og EKG-deling.",
            "leder",
            -120,
            -5,
            ActionStatus.DELAYED,
            [("Udstyr installeret i Holbæk", -20, False), ("Vagtplan aftalt", -60, True)],
            ("Nætter med regional bagvagt pr. måned", "antal", "0", "30", [0, 0, 4]),
            {
                "faglig": (2, "Hurtig kardiologisk vurdering på alle matrikler."),
                "personalemaessig": (1, "Færre tunge vagter for de få faste læger."),
            },
            {
                "naerhed": "Patienten bliver på sin lokale matrikel; viden flytter sig.",
                "styrkepositioner": "Bagvagten bæres af styrkepositionerne.",
            },
            ["Bagvagt på tværs af matrikler"],
        ),
    ],
    "Fælles stillinger": [
        (
            "Fælles stillingsopslag for Holbæk og Nykøbing F.",
            "Stillinger med fast tilknytning til en styrkeposition og arbejde på en mindre "
            "matrikel.",
            "leder",
            -60,
            300,
            ActionStatus.IN_PROGRESS,
            [("Stillingsprofil godkendt af HR", 20, False)],
            # Never measured yet: the traceability page lists it as a loose end.
            ("Besatte fælles stillinger", "antal", "0", "4", None),
            {"personalemaessig": (2, "Faste kolleger i stedet for vikarer.")},
            {"styrkepositioner": "Stillingerne hører til styrkepositionens faglige fællesskab."},
            [],
        ),
    ],
}


# The sites (short names) an action concerns (issue 26); an action not named here concerns
# every site of the specialty. Kardiologi is at SUH Køge, Holbæk, Nykøbing F. and Næstved.
ACTION_SITES: dict[str, list[str]] = {
    "Én visitationsenhed for regionen": ["SUH Køge"],
    "Telemedicinsk bagvagt fra Køge og Slagelse": ["SUH Køge", "Holbæk", "Nykøbing F."],
    "Fælles stillingsopslag for Holbæk og Nykøbing F.": ["Holbæk", "Nykøbing F."],
}


def load(users: dict[str, User], specialty: Specialty) -> None:
    """Open and fill the specialty's professional ambition, unless it exists already."""
    strategic = StrategicAmbition.objects.filter(specialty=specialty).first()
    if strategic is None or strategic.approved_version_id is None:
        return
    if ProfessionalAmbition.objects.filter(specialty=specialty).exists():
        return
    owner = specialty.memberships.select_related("user").get(role="owner").user
    ambition = professional_services.professional_open(specialty=specialty, by=owner)
    today = timezone.localdate()
    core_team = list(specialty.memberships.filter(role=Membership.Role.CORE_TEAM))
    for framework in AreaFramework.objects.filter(ambition=ambition).order_by("order"):
        _framework(framework, FRAMEWORKS[framework.title], owner, users, core_team, today)


def _framework(
    framework: AreaFramework,
    data: dict[str, Any],
    owner: User,
    users: dict[str, User],
    core_team: list[Membership],
    today: datetime.date,
) -> None:
    framework = professional_services.framework_purpose_save(
        framework=framework, purpose=data["purpose"], base_revision=framework.revision, by=owner
    )
    for description, indicator, unit, baseline, target, days in data["goals"]:
        professional_services.outcome_goal_add(
            framework=framework,
            by=owner,
            description=description,
            indicator=indicator,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            target_date=today + datetime.timedelta(days=days),
        )
    for name, role, interest, influence in data["actors"]:
        professional_services.actor_add(
            framework=framework,
            by=owner,
            name=name,
            role=role,
            interest=interest,
            influence=influence,
        )
    professional_services.framework_core_team_set(
        framework=framework, by=owner, memberships=core_team
    )
    for title in data["focus_areas"]:
        focus_area = professional_services.focus_area_add(
            framework=framework, by=owner, title=title
        )
        for row in ACTIONS[title]:
            _action(focus_area, row, users, today)

    anchoring, timeline, comment, days_ago = data["status"]
    framework.refresh_from_db()
    framework = professional_services.status_update(
        framework=framework,
        by=users["leder"],
        base_revision=framework.revision,
        anchoring=anchoring,
        progress_owner=users["leder"],
        deadline=today + datetime.timedelta(days=365),
        timeline=timeline,
        comment=comment,
    )
    if days_ago:
        then = timezone.now() - datetime.timedelta(days=days_ago)
        AreaFramework.objects.filter(pk=framework.pk).update(status_updated_at=then)
        framework.status_comments.update(written_at=then)


def _action(
    focus_area: InterventionFocusArea,
    row: tuple[Any, ...],
    users: dict[str, User],
    today: datetime.date,
) -> Action:
    (title, purpose, responsible, start, end, status, milestones, indicator, ratings,
     principles, challenges) = row  # fmt: skip
    specialty = focus_area.framework.ambition.specialty
    perspectives = {p.code: p for p in Perspective.objects.all()}
    by_code = {p.code: p for p in Principle.objects.all()}
    by = users[responsible]
    start_date = today + datetime.timedelta(days=start)
    action = professional_services.action_create(
        focus_area=focus_area,
        by=by,
        data=ActionInput(
            title=title,
            purpose=purpose,
            responsible=by,
            start_date=start_date,
            end_date=today + datetime.timedelta(days=end),
            status=status,
            principles=[PrincipleInput(by_code[code], why) for code, why in principles.items()],
            assessments=[
                AssessmentInput(perspectives[code], rating, why)
                for code, (rating, why) in ratings.items()
            ],
            challenges=list(Challenge.objects.filter(specialty=specialty, title__in=challenges)),
            sites=list(
                specialty.sites.filter(short_name__in=ACTION_SITES.get(title, [])).order_by("order")
            ),
            resource_hours=Decimal(120),
            resource_text="Tid fra kerneteamet og afdelingsledelserne.",
            success_criteria="Målt på indikatoren nedenfor.",
            process_goals="Status på kerneteamets møde hver måned.",
            contributors="Kerneteamet udarbejder; afdelingsledelserne godkender.",
        ),
    )
    for milestone_title, days, done in milestones:
        milestone = professional_services.milestone_add(
            action=action,
            by=by,
            title=milestone_title,
            due_date=today + datetime.timedelta(days=days),
        )
        if done:
            professional_services.milestone_set_done(
                milestone=milestone, by=by, done=True, today=milestone.due_date
            )
    name, unit, baseline, target, values = indicator
    progress = professional_services.indicator_add(
        action=action,
        by=by,
        name=name,
        unit=unit,
        baseline=Decimal(baseline),
        target=Decimal(target),
    )
    for months_ago, value in zip(range(len(values or []) - 1, -1, -1), values or [], strict=True):
        professional_services.measurement_add(
            indicator=progress,
            by=by,
            measured_on=max(start_date, today - datetime.timedelta(days=30 * months_ago)),
            value=Decimal(value),
        )
    for slug, note in INSPIRATION.get(title, []):
        case = Case.objects.filter(slug=slug).first()
        if case is not None:
            inspiration_services.citation_add(action=action, case=case, note=note, by=by)
    return action
