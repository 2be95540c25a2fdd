"""The page benchmark's region generator (bench/generate.py), at a tiny scale: every kind of
row the benchmarked pages show is made, in the numbers the scale asks for."""

import pytest
from django.db import transaction

from ambitions import models as a
from bench import generate
from specialties.models import Membership
from sustainability.models import LensAnswer

pytestmark = pytest.mark.django_db


def test_tiny_region_fills_every_page():
    scale = generate.TINY
    before = generate.counts()

    generate.generate(scale, seed=7)

    after = generate.counts()
    grown = {name: after[name] - before[name] for name in after}
    n = scale.specialties
    assert grown["strategic ambitions"] == n
    assert a.ProfessionalAmbition.objects.count() == n
    assert Membership.objects.count() == n * scale.members
    assert n * scale.challenges[0] <= grown["challenges"] <= n * scale.challenges[1]
    assert LensAnswer.objects.count() == 3 * grown["challenges"]
    areas = grown["intervention areas"]
    assert n * scale.intervention_areas[0] <= areas <= n * scale.intervention_areas[1]
    assert grown["frameworks"] == areas
    assert areas * scale.focus_areas[0] <= grown["focus areas"] <= areas * scale.focus_areas[1]
    actions = grown["actions"]
    assert actions >= grown["focus areas"]
    assert a.PerspectiveAssessment.objects.count() == 3 * actions
    assert actions <= a.ActionPrinciple.objects.count() <= 2 * actions
    assert actions <= grown["milestones"] <= actions * scale.milestones[1]
    assert grown["indicators"] == actions * scale.indicators[0]
    indicators = grown["indicators"]
    low, high = scale.measurements
    assert indicators * low <= grown["measurements"] <= indicators * high
    for ambition in a.StrategicAmbition.objects.all():
        assert ambition.status == a.Status.APPROVED
        assert ambition.approved_version is not None
        assert ambition.parts.count() == 5
        assert ambition.transitions.count() >= 2
    assert a.OutcomeGoal.objects.count() >= areas
    assert a.Actor.objects.count() >= areas
    assert a.StatusComment.objects.count() >= areas


def _actions() -> list[tuple[object, ...]]:
    return list(
        a.Action.objects.order_by(
            "focus_area__framework__ambition__specialty__name", "title"
        ).values_list("title", "status", "start_date", "focus_area__title")
    )


def test_the_same_seed_builds_the_same_region():
    with transaction.atomic():
        generate.generate(generate.TINY, seed=7)
        first = _actions()
        transaction.set_rollback(True)

    generate.generate(generate.TINY, seed=7)

    assert first
    assert _actions() == first
