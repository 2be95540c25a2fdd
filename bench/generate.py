"""A generated region for the page benchmark: ``python -m bench.generate --seed 2026``.

On top of the demo (``load_demo``) it fills specialties with everything the pages show, with
``bulk_create`` so that the ten-times region takes minutes, not hours: people with their
memberships, a strategic ambition with its five parts, challenges with lens answers, intervention
areas, submitted and approved versions (and a returned one now and then, with conditions), then a
professional ambition with one framework per intervention area, outcome goals, actors, status
comments, focus areas and actions with milestones, indicators, measurements, perspective
assessments and BASS principles.

Which specialties: those without a strategic ambition (the demo's Kardiologi and Lungesygdomme
keep theirs), then new ones until ``Scale.specialties`` are filled. The default scale is the
issue's "10x": about 30 specialties with 10-30 challenges each, 150 intervention areas, 6,000
actions, 50,000 measurements and 300 people. A seeded ``random.Random`` makes every choice, so
the same seed builds the same region.

``bulk_create`` bypasses simple_history's signals, so generated rows have no history: no page
the benchmark drives reads it.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

WORDS = [
    "ventetid",
    "visitation",
    "udskrivelse",
    "opfølgning",
    "rekruttering",
    "kompetencer",
    "telemedicin",
    "samarbejde",
    "forløb",
    "kapacitet",
    "kvalitet",
    "patientsikkerhed",
    "fastholdelse",
    "uddannelse",
    "data",
    "ambulant",
    "akut",
    "sengepladser",
    "vagtplan",
    "sygepleje",
    "diagnostik",
    "genoptræning",
    "kommune",
]
FIRST_NAMES = [
    "Anne",
    "Bo",
    "Camilla",
    "Dorthe",
    "Emil",
    "Freja",
    "Gustav",
    "Hanne",
    "Ida",
    "Jens",
    "Karin",
    "Lars",
    "Maja",
    "Niels",
    "Ole",
    "Pernille",
    "Rasmus",
    "Sofie",
    "Thomas",
    "Ulla",
    "Vibeke",
    "Aksel",
    "Birgitte",
    "Carsten",
    "Ditte",
    "Erik",
    "Fie",
    "Gorm",
]
LAST_NAMES = [
    "Hansen",
    "Jensen",
    "Nielsen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Friis",
]
PART_KINDS = [
    "situationsbillede",
    "kerneudfordringer",
    "strategisk-ambition",
    "forudsaetninger",
    "strategiske-indsatsomraader",
]


@dataclass(frozen=True)
class Scale:
    """How much to generate. Ranges are inclusive and drawn per parent."""

    specialties: int = 28  # filled here; with the demo's two, 30 with an ambition
    members: int = 9  # per specialty: owner (unless it has one), 2 leads, the rest core team
    challenges: tuple[int, int] = (10, 30)
    core_challenges: tuple[int, int] = (3, 6)
    intervention_areas: tuple[int, int] = (5, 6)  # about 150
    focus_areas: tuple[int, int] = (2, 5)  # per framework
    actions: tuple[int, int] = (30, 50)  # per framework: about 6,000
    milestones: tuple[int, int] = (1, 4)
    indicators: tuple[int, int] = (1, 2)
    measurements: tuple[int, int] = (4, 7)  # per indicator: about 50,000
    goals: tuple[int, int] = (1, 3)
    actors: tuple[int, int] = (3, 6)
    status_comments: tuple[int, int] = (1, 4)


TENFOLD = Scale()
TINY = Scale(
    specialties=2,
    members=5,
    challenges=(3, 4),
    core_challenges=(1, 2),
    intervention_areas=(2, 2),
    focus_areas=(1, 2),
    actions=(3, 4),
    milestones=(1, 2),
    indicators=(1, 1),
    measurements=(2, 3),
    goals=(1, 1),
    actors=(1, 2),
    status_comments=(1, 1),
)


class _Generator:
    def __init__(self, scale: Scale, seed: int) -> None:
        from ambitions.models import Principle
        from people.models import ProgrammeRole, User
        from specialties.models import Profession, Site
        from sustainability.models import FocusArea, Perspective

        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311 - varied test data, not secrets
        self.today = datetime.date(2026, 11, 1)  # fixed: the same seed gives the same region
        self.now = datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)
        self.perspectives = list(Perspective.objects.order_by("order"))
        self.focus_areas = list(FocusArea.objects.order_by("pk"))
        self.principles = list(Principle.objects.order_by("order"))
        self.sites = list(Site.objects.order_by("order"))
        self.clinical = list(Profession.objects.filter(is_clinical=True).order_by("order"))
        steering = User.objects.filter(programme_role=ProgrammeRole.STEERING_GROUP).first()
        if steering is None:
            steering = User.objects.create(
                username="gen-styregruppe",
                first_name="Styre",
                last_name="Gruppe",
                programme_role=ProgrammeRole.STEERING_GROUP,
            )
        self.steering = steering
        from django.contrib.auth.hashers import make_password

        self.password = make_password("bass-demo")  # one hash for every generated person

    # -- helpers ---------------------------------------------------------------------------------

    def n(self, bounds: tuple[int, int]) -> int:
        return self.rng.randint(*bounds)

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(count))

    def sentence(self, count: int = 12) -> str:
        text = self.words(count)
        return text[0].upper() + text[1:] + "."

    def paragraphs(self, count: int) -> str:
        return "\n\n".join(
            " ".join(self.sentence(self.rng.randint(8, 16)) for _ in range(4)) for _ in range(count)
        )

    def title(self, count: int = 4) -> str:
        return self.sentence(count)[:-1][:190]

    def days(self, low: int, high: int) -> datetime.date:
        return self.today + datetime.timedelta(days=self.rng.randint(low, high))

    def link(self, relation: Any, pairs: Any) -> None:
        """Rows of a many-to-many table, from (source pk, target pk) pairs."""
        field = relation.field
        through = relation.through
        source, target = field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
        through.objects.bulk_create(
            (through(**{source: s, target: t}) for s, t in pairs), batch_size=5000
        )

    # -- the region ------------------------------------------------------------------------------

    def specialties_to_fill(self) -> list[Any]:
        from specialties.models import Specialty

        free = list(
            Specialty.objects.filter(strategic_ambition__isnull=True).order_by("pk")[
                : self.scale.specialties
            ]
        )
        missing = self.scale.specialties - len(free)
        created = Specialty.objects.bulk_create(
            Specialty(
                name=f"Genereret speciale {i:02d}",
                slug=f"genereret-speciale-{i:02d}",
                description=self.sentence(),
            )
            for i in range(1, missing + 1)
        )
        present = {
            specialty.pk: self.rng.sample(self.sites, self.rng.randint(3, min(6, len(self.sites))))
            for specialty in created
        }
        self.link(Specialty.sites, ((pk, s.pk) for pk, sites in present.items() for s in sites))
        self.link(
            Specialty.strength_position_sites, ((pk, sites[0].pk) for pk, sites in present.items())
        )
        return free + created

    def fill(self, specialty: Any, index: int) -> None:
        from ambitions import models as a
        from ambitions.strategic import content
        from people.models import User
        from specialties.models import Membership
        from sustainability.models import Challenge, LensAnswer

        scale, rng = self.scale, self.rng
        sites = list(specialty.sites.all()) or self.sites[:3]

        # People: an owner unless the specialty has one, two leads, the rest core team.
        has_owner = specialty.memberships.filter(role=Membership.Role.OWNER).exists()
        roles = ([] if has_owner else ["ejer"]) + ["leder", "leder"]
        roles += ["kerne"] * (scale.members - len(roles))
        users = User.objects.bulk_create(
            User(
                username=f"gen{index:02d}-{role}-{i}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"gen{index:02d}-{role}-{i}@bass-demo.example",
                job_title="Overlæge" if role != "ejer" else "Vicedirektør",
                password=self.password,
            )
            for i, role in enumerate(roles)
        )
        role_of = {"ejer": "owner", "leder": "implementation_lead", "kerne": "core_team"}
        memberships = Membership.objects.bulk_create(
            Membership(
                specialty=specialty,
                user=user,
                role=role_of[role],
                site=sites[i % len(sites)] if role == "kerne" else None,
                profession=self.clinical[i % len(self.clinical)] if role == "kerne" else None,
            )
            for i, (user, role) in enumerate(zip(users, roles, strict=True))
        )
        owner_membership = specialty.memberships.select_related("user").get(role="owner")
        owner = owner_membership.user
        leads = [m.user for m in memberships if m.role == "implementation_lead"]
        core = [m for m in memberships if m.role == "core_team"]
        people = [owner, *leads, *(m.user for m in core)]

        # Challenges, each through all three lenses.
        n_challenges = self.n(scale.challenges)
        n_core = min(self.n(scale.core_challenges), n_challenges)
        challenges = Challenge.objects.bulk_create(
            Challenge(
                specialty=specialty,
                title=self.title(5),
                description=self.paragraphs(1),
                primary_perspective=rng.choice(self.perspectives),
                is_core=i < n_core,
                core_order=i + 1 if i < n_core else 0,
                created_by=rng.choice(people),
                created_at=self.now,
                updated_at=self.now,
            )
            for i in range(n_challenges)
        )
        LensAnswer.objects.bulk_create(
            LensAnswer(challenge=c, perspective=p, text=self.sentence(20))
            for c in challenges
            for p in self.perspectives
        )
        self.link(
            Challenge.focus_areas,
            ((c.pk, f.pk) for c in challenges for f in rng.sample(self.focus_areas, 2)),
        )
        core_challenges = challenges[:n_core]

        # The strategic ambition, approved (after a return, now and then).
        returned_first = index % 4 == 0
        ambition = a.StrategicAmbition(
            specialty=specialty,
            status=a.Status.APPROVED,
            working_version=2 if returned_first else 1,
        )
        ambition.save()  # one row; save() also keeps the FSM field honest
        a.AmbitionPart.objects.bulk_create(
            a.AmbitionPart(
                ambition=ambition,
                kind=kind,
                order=i,
                text=self.paragraphs(rng.randint(1, 3)),
                revision=1,
                updated_at=self.now,
                updated_by=rng.choice([owner, *leads]),
            )
            for i, kind in enumerate(PART_KINDS)
        )
        areas = a.InterventionArea.objects.bulk_create(
            a.InterventionArea(
                ambition=ambition, title=self.title(5), description=self.sentence(20), order=i
            )
            for i in range(self.n(scale.intervention_areas))
        )
        self.link(
            a.InterventionArea.challenges,
            (
                (area.pk, c.pk)
                for area in areas
                for c in rng.sample(core_challenges, min(2, len(core_challenges)))
            ),
        )
        self.link(
            a.InterventionArea.perspectives,
            (
                (area.pk, p.pk)
                for area in areas
                for p in rng.sample(self.perspectives, rng.randint(1, 3))
            ),
        )
        snapshot = content.snapshot(ambition)
        submitted = self.now - datetime.timedelta(days=120)
        versions = a.AmbitionVersion.objects.bulk_create(
            a.AmbitionVersion(
                ambition=ambition,
                number=number,
                content=snapshot,
                submitted_at=submitted + datetime.timedelta(days=30 * (number - 1)),
                submitted_by=owner,
                outcome=outcome,
            )
            for number, outcome in (
                [(1, "returned"), (2, "approved")] if returned_first else [(1, "approved")]
            )
        )
        approved = versions[-1]
        a.StrategicAmbition.objects.filter(pk=ambition.pk).update(approved_version=approved)
        transitions = []
        for version in versions:
            at = version.submitted_at
            transitions.append(
                a.Transition(
                    ambition=ambition,
                    version=version,
                    from_status="draft",
                    to_status="submitted",
                    by=owner,
                    at=at,
                )
            )
            transitions.append(
                a.Transition(
                    ambition=ambition,
                    version=version,
                    from_status="submitted",
                    to_status=version.outcome,
                    by=self.steering,
                    at=at + datetime.timedelta(days=7),
                    remark=self.sentence(15),
                )
            )
        a.Transition.objects.bulk_create(transitions)
        if index % 3 == 0:
            a.ApprovalCondition.objects.bulk_create(
                a.ApprovalCondition(
                    version=approved,
                    text=self.sentence(15),
                    deadline=self.days(-30, 90),
                    responsible=rng.choice(leads),
                )
                for _ in range(2)
            )
        parts = list(ambition.parts.all())
        a.Comment.objects.bulk_create(
            a.Comment(
                part=rng.choice(parts),
                author=rng.choice([self.steering, owner, *leads]),
                text=self.sentence(15),
                created_at=self.now,
            )
            for _ in range(rng.randint(0, 4))
        )

        # The professional ambition: a framework per intervention area.
        professional = a.ProfessionalAmbition.objects.create(
            specialty=specialty, based_on=approved, opened_at=self.now, opened_by=owner
        )
        frameworks = a.AreaFramework.objects.bulk_create(
            a.AreaFramework(
                ambition=professional,
                intervention_area=area,
                title=area.title,
                order=area.order,
                purpose=self.paragraphs(1),
                anchoring=self.sentence(12),
                progress_owner=rng.choice(leads),
                deadline=self.days(90, 700),
                timeline=self.sentence(10),
                status_updated_at=self.now - datetime.timedelta(days=rng.randint(1, 120)),
                status_updated_by=rng.choice(leads),
                revision=1,
            )
            for area in areas
        )
        self.link(
            a.AreaFramework.core_team,
            ((f.pk, m.pk) for f in frameworks for m in rng.sample(core, min(len(core), 4))),
        )
        a.OutcomeGoal.objects.bulk_create(
            a.OutcomeGoal(
                framework=f,
                description=self.sentence(12),
                indicator=self.title(3),
                unit="%",
                baseline=Decimal(rng.randint(10, 50)),
                target=Decimal(rng.randint(60, 95)),
                target_date=self.days(180, 900),
            )
            for f in frameworks
            for _ in range(self.n(scale.goals))
        )
        a.Actor.objects.bulk_create(
            a.Actor(
                framework=f,
                name=self.title(2),
                role=self.sentence(6),
                interest=rng.randint(1, 3),
                influence=rng.randint(1, 3),
            )
            for f in frameworks
            for _ in range(self.n(scale.actors))
        )
        a.StatusComment.objects.bulk_create(
            a.StatusComment(
                framework=f,
                text=self.sentence(15),
                author=rng.choice(leads),
                written_at=self.now - datetime.timedelta(days=rng.randint(1, 200)),
            )
            for f in frameworks
            for _ in range(self.n(scale.status_comments))
        )
        focus_areas = []
        actions_per_focus_area: dict[int, int] = {}
        for f in frameworks:
            count = self.n(scale.focus_areas)
            total = self.n(scale.actions)
            # Uneven on purpose: the first focus area is the biggest, as in real life.
            shares = sorted((rng.random() + 0.3 for _ in range(count)), reverse=True)
            split = [max(1, round(total * s / sum(shares))) for s in shares]
            for i in range(count):
                focus_areas.append(
                    a.InterventionFocusArea(
                        framework=f, title=self.title(4), description=self.sentence(12), order=i
                    )
                )
                actions_per_focus_area[len(focus_areas) - 1] = split[i]
        focus_areas = a.InterventionFocusArea.objects.bulk_create(focus_areas)
        statuses = [s.value for s in a.ActionStatus]
        actions = []
        for i, fa in enumerate(focus_areas):
            for _ in range(actions_per_focus_area[i]):
                start = self.days(-400, 60)
                actions.append(
                    a.Action(
                        focus_area=fa,
                        title=self.title(5),
                        purpose=self.sentence(20),
                        resource_hours=Decimal(rng.randint(10, 500)),
                        resource_fte=Decimal(rng.randint(0, 200)) / 100,
                        resource_dkk=Decimal(rng.randint(0, 500) * 1000),
                        resource_text=self.sentence(8),
                        success_criteria=self.sentence(10),
                        process_goals=self.sentence(10),
                        responsible=rng.choice(people),
                        contributors=self.sentence(8),
                        start_date=start,
                        end_date=start + datetime.timedelta(days=rng.randint(30, 500)),
                        status=rng.choice(statuses),
                        revision=1,
                        updated_at=self.now,
                        updated_by=rng.choice(people),
                    )
                )
        actions = a.Action.objects.bulk_create(actions, batch_size=1000)
        self.link(
            a.Action.challenges,
            (
                (action.pk, c.pk)
                for action in actions
                for c in rng.sample(core_challenges, min(len(core_challenges), rng.randint(0, 2)))
            ),
        )
        milestones = []
        for action in actions:
            for _ in range(self.n(scale.milestones)):
                due = action.start_date + datetime.timedelta(days=rng.randint(0, 300))
                done = due if due < self.today and rng.random() < 0.7 else None
                milestones.append(
                    a.Milestone(action=action, title=self.title(4), due_date=due, done_on=done)
                )
        a.Milestone.objects.bulk_create(milestones, batch_size=2000)
        indicators = a.ProgressIndicator.objects.bulk_create(
            (
                a.ProgressIndicator(
                    action=action,
                    name=self.title(3),
                    unit="%",
                    baseline=Decimal(rng.randint(10, 50)),
                    target=Decimal(rng.randint(60, 95)),
                )
                for action in actions
                for _ in range(self.n(scale.indicators))
            ),
            batch_size=2000,
        )
        measurements = []
        for indicator in indicators:
            value = float(indicator.baseline)
            count = self.n(scale.measurements)
            for k in range(count):
                value += rng.uniform(-2, 6)
                measurements.append(
                    a.Measurement(
                        indicator=indicator,
                        measured_on=self.today - datetime.timedelta(days=30 * (count - k)),
                        value=Decimal(f"{value:.2f}"),
                        recorded_by=rng.choice(people),
                        recorded_at=self.now,
                    )
                )
        a.Measurement.objects.bulk_create(measurements, batch_size=5000)
        assessments = []
        for action in actions:
            for p in self.perspectives:
                rating = rng.randint(-2, 2)
                assessments.append(
                    a.PerspectiveAssessment(
                        action=action,
                        perspective=p,
                        rating=rating,
                        justification=self.sentence(10) if rating else "",
                    )
                )
        a.PerspectiveAssessment.objects.bulk_create(assessments, batch_size=5000)
        a.ActionPrinciple.objects.bulk_create(
            (
                a.ActionPrinciple(action=action, principle=p, justification=self.sentence(10))
                for action in actions
                for p in rng.sample(self.principles, rng.randint(1, 2))
            ),
            batch_size=5000,
        )
        self.fill_later_work(specialty, sites, people, actions, challenges)

    def fill_later_work(
        self,
        specialty: Any,
        sites: list[Any],
        people: list[Any],
        actions: list[Any],
        challenges: list[Any],
    ) -> None:
        """What the region writes beside the actions (issues 26 and 28): the sites an action
        concerns, prerequisites, transition funds requests and dependencies on other
        specialties, in the proportions the demo has them."""
        from ambitions import models as a
        from specialties.models import Specialty

        rng = self.rng
        # Two actions in five name one or two of the specialty's sites; the rest concern all.
        self.link(
            a.Action.sites,
            (
                (action.pk, site.pk)
                for action in actions
                if rng.random() < 0.4
                for site in rng.sample(sites, min(len(sites), rng.randint(1, 2)))
            ),
        )
        states = list(a.PrerequisiteState)
        a.Prerequisite.objects.bulk_create(
            a.Prerequisite(
                specialty=specialty,
                title=self.title(4),
                description=self.sentence(12),
                responsible=rng.choice(people),
                deadline=self.days(-90, 180),
                state=rng.choice(states),
                revision=1,
                updated_at=self.now,
                updated_by=rng.choice(people),
                created_at=self.now,
            )
            for _ in range(rng.randint(2, 4))
        )
        funds = []
        for action in rng.sample(actions, max(1, len(actions) // 20)):
            amount = rng.randint(1, 40) * 25_000
            state = rng.choice(list(a.FundsState))
            granted = {
                a.FundsState.OPEN: None,
                a.FundsState.REFUSED: 0,
                a.FundsState.GRANTED: amount,
                a.FundsState.REDUCED: amount // 2,
            }[state]
            funds.append(
                a.FundsRequest(
                    specialty=specialty,
                    action=action,
                    subject_title=action.title,
                    amount=amount,
                    reason=self.sentence(15),
                    period_start=action.start_date,
                    period_end=action.end_date,
                    requested_by=rng.choice(people),
                    requested_at=self.now,
                    state=state,
                    granted_amount=granted,
                    decided_by=None if granted is None else rng.choice(people),
                    decided_at=None if granted is None else self.now,
                )
            )
        a.FundsRequest.objects.bulk_create(funds)
        others = list(Specialty.objects.exclude(pk=specialty.pk).values_list("pk", flat=True))
        a.Dependency.objects.bulk_create(
            a.Dependency(
                specialty=specialty,
                depends_on_id=rng.choice(others),
                challenge=rng.choice(challenges) if k % 2 else None,
                action=None if k % 2 else rng.choice(actions),
                need=self.sentence(8),
                needed_by=self.days(-30, 200),
                state=rng.choice(list(a.DependencyState)),
                created_by=rng.choice(people),
                created_at=self.now,
                updated_at=self.now,
            )
            for k in range(rng.randint(1, 3))
        )


def generate(scale: Scale = TENFOLD, seed: int = 2026) -> None:
    """Fill ``scale.specialties`` specialties in one transaction."""
    from django.db import transaction

    with transaction.atomic():
        generator = _Generator(scale, seed)
        for index, specialty in enumerate(generator.specialties_to_fill(), start=1):
            generator.fill(specialty, index)


def counts() -> dict[str, int]:
    """The region's size, as the benchmark's report shows it."""
    from ambitions import models as a
    from people.models import User
    from specialties.models import Specialty
    from sustainability.models import Challenge

    return {
        "specialties": Specialty.objects.count(),
        "strategic ambitions": a.StrategicAmbition.objects.count(),
        "people": User.objects.count(),
        "challenges": Challenge.objects.count(),
        "intervention areas": a.InterventionArea.objects.count(),
        "frameworks": a.AreaFramework.objects.count(),
        "focus areas": a.InterventionFocusArea.objects.count(),
        "actions": a.Action.objects.count(),
        "milestones": a.Milestone.objects.count(),
        "indicators": a.ProgressIndicator.objects.count(),
        "measurements": a.Measurement.objects.count(),
        "prerequisites": a.Prerequisite.objects.count(),
        "funds requests": a.FundsRequest.objects.count(),
        "dependencies": a.Dependency.objects.count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Fill the configured database (after load_demo) with the ten-times region.",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--tiny", action="store_true", help="a very small region, for trying")
    args = parser.parse_args(argv)
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    started = time.perf_counter()
    generate(TINY if args.tiny else TENFOLD, args.seed)
    print(f"Generated in {time.perf_counter() - started:.1f} s: {counts()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
