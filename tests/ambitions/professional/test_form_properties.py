"""Property-based tests over every form (issue #11, item 10), with hypothesis.

Whatever arrives (text of control characters or lone surrogates, a megabyte, huge and
negative numbers, dates from year 1 to 9999, ids of other specialties or beyond the
database's integers, the wrong type in every field), the answer is never a 500: the form
either takes it (and what is stored is normalised and within bounds) or refuses it with a
field error, and then nothing at all is stored.

Two layers: every form class directly (``is_valid()`` never raises; what it accepts is
clean), and every writing view through HTTP, with the body encoded as a browser might
send it (lone surrogates become invalid UTF-8 bytes). Examples are few per form so the
file stays fast; hypothesis keeps the failing ones in its database between runs.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import pytest
from django import forms
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ambitions.models import (
    Action,
    Actor,
    AmbitionPart,
    AreaFramework,
    Comment,
    InterventionArea,
    InterventionFocusArea,
    Measurement,
    Milestone,
    OutcomeGoal,
    Principle,
    ProfessionalAmbition,
    ProgressIndicator,
    StrategicAmbition,
)
from ambitions.professional import services as professional_services
from ambitions.professional.forms import actions as action_forms
from ambitions.professional.forms import frameworks as framework_forms
from ambitions.strategic import forms as strategic_forms
from ambitions.strategic import services
from bass.forms import EARLIEST_DATE, LATEST_DATE
from documents.forms import DocumentRequestForm
from documents.models import DocumentJob
from specialties.forms import CoreTeamMemberForm
from specialties.models import Membership
from sustainability.forms import ChallengeForm
from sustainability.models import Challenge, LensAnswer, Perspective
from tests.ambitions.professional.test_actions import make_action
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

# A handful of examples per run (each posts to every view); hypothesis remembers failures.
FEW = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Forms alone are cheap: more examples.
MORE = settings(FEW, max_examples=30)

MEGABYTE = "å" * 500_000  # 1 MB of UTF-8
CONTROL = "\x01\x02\x1b\x7f\x85"

HOSTILE_TEXT = st.one_of(
    st.sampled_from(["", " ", CONTROL, " \x00 ", "\ud800", "\udfff\x07", "\u200b", MEGABYTE]),
    st.text(alphabet=st.characters(categories=["Cc", "Cs", "Cf", "Zs", "Zl"]), max_size=12),
    st.text(max_size=30),
)
HOSTILE_NUMBER = st.one_of(
    st.sampled_from(
        ["1e999", "NaN", "-Infinity", "1,5", "1.234,5", "-1", "0", "", "٣", "1_000"]
        + [str(n) for n in (2**31, 2**63 - 1, 2**63, -(2**63), 10**30)]
    ),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
HOSTILE_DATE = st.one_of(
    st.sampled_from(["0001-01-01", "9999-12-31", "1899-12-31", "2026-02-30", "2026-13-01", ""]),
    st.dates().map(datetime.date.isoformat),
)
HOSTILE_ID = st.one_of(
    st.sampled_from([str(2**63), str(2**63 - 1), str(10**30), "-1", "0", "1e3", "x", ""]),
    st.integers(min_value=1, max_value=60).map(str),  # real rows, of this and other specialties
)
ANY = st.one_of(HOSTILE_TEXT, HOSTILE_NUMBER, HOSTILE_DATE, HOSTILE_ID)


def values_for(field: forms.Field) -> st.SearchStrategy[list[str]]:
    """Mostly what the field could be confused by; sometimes anything at all."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        likely = st.lists(HOSTILE_ID, max_size=3)
    elif isinstance(field, forms.ModelChoiceField):
        likely = st.lists(HOSTILE_ID, max_size=1)
    elif isinstance(field, forms.DateField):
        likely = st.lists(HOSTILE_DATE, max_size=1)
    elif isinstance(field, forms.DecimalField | forms.IntegerField):
        likely = st.lists(HOSTILE_NUMBER, max_size=1)
    elif isinstance(field, forms.CharField):
        likely = st.lists(HOSTILE_TEXT, max_size=1)
    else:
        likely = st.lists(ANY, max_size=1)
    return st.one_of(likely, likely, likely, st.lists(ANY, max_size=3))


# Control characters (but tab and newline) and surrogates must never be stored.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def post_raw(client: Client, url: str, data: dict[str, list[str]]) -> Any:
    """POST as a browser might: lone surrogates reach the server as invalid UTF-8."""
    pairs = [(key, value) for key, values in data.items() for value in values]
    body = urlencode(pairs, encoding="utf-8", errors="surrogatepass")
    return client.post(
        url, body, content_type="application/x-www-form-urlencoded", headers={"HX-Request": "true"}
    )


STORED: list[type[models.Model]] = [
    Challenge,
    LensAnswer,
    InterventionArea,
    AmbitionPart,
    Comment,
    OutcomeGoal,
    Actor,
    InterventionFocusArea,
    Action,
    Milestone,
    ProgressIndicator,
    Measurement,
    Membership,
    DocumentJob,
]


def counts() -> list[int]:
    return [m.objects.count() for m in STORED]  # type: ignore[attr-defined]


def assert_everything_stored_is_clean() -> None:
    """What any accepted input left behind: normalised text, required text not empty,
    dates within the programme's horizon."""
    required = {
        Challenge: ["title"],
        InterventionArea: ["title"],
        OutcomeGoal: ["description", "indicator", "unit"],
        Actor: ["name"],
        InterventionFocusArea: ["title"],
        Action: ["title", "purpose"],
        Milestone: ["title"],
        ProgressIndicator: ["name", "unit"],
        Comment: ["text"],
    }
    for model, names in required.items():
        for row in model.objects.values(*names):  # type: ignore[attr-defined]
            for name, value in row.items():
                assert value, (model.__name__, name)
                assert not FORBIDDEN.search(value), (model.__name__, name, value)
                assert unicodedata.is_normalized("NFC", value)
    for model, names in {
        OutcomeGoal: ["target_date"],
        Action: ["start_date", "end_date"],
        Milestone: ["due_date"],
        Measurement: ["measured_on"],
        AreaFramework: ["deadline"],
    }.items():
        for row in model.objects.values(*names):  # type: ignore[attr-defined]
            for value in row.values():
                assert value is None or EARLIEST_DATE <= value <= LATEST_DATE


# -- The setting: an approved ambition under revision, with a professional ambition ---------


@pytest.fixture
def world(cast: Cast, professional: ProfessionalAmbition) -> dict[str, Any]:
    ambition = StrategicAmbition.objects.get(specialty=cast.specialty)
    services.ambition_start_revision(ambition=ambition, by=cast.owner)
    framework = AreaFramework.objects.filter(ambition=professional).order_by("pk").first()
    assert framework is not None
    focus_area = InterventionFocusArea.objects.create(framework=framework, title="Visitation")
    action = make_action(cast, focus_area)
    indicator = professional_services.indicator_add(
        action=action,
        by=cast.owner,
        name="Ventetid",
        unit="dage",
        baseline=Decimal(60),
        target=Decimal(30),
    )
    return {
        "framework": framework,
        "focus_area": focus_area,
        "action": action,
        "indicator": indicator,
    }


def endpoints(cast: Cast, world: dict[str, Any]) -> list[tuple[str, forms.Form]]:
    """Every view that writes from a form, with the form (and prefix) it reads."""
    slug = cast.specialty.slug
    specialty = cast.specialty

    def strategic(name: str, **kw: object) -> str:
        return reverse(f"ambitions:{name}", kwargs={"slug": slug, **kw})

    def professional(name: str, **kw: object) -> str:
        return reverse(f"professional:{name}", kwargs={"slug": slug, **kw})

    framework, action = world["framework"], world["action"]
    perspectives = list(Perspective.objects.prefetch_related("focus_areas"))
    kind = "situationsbillede"
    return [
        (
            reverse("sustainability:challenge_add", args=[slug]),
            ChallengeForm(perspectives=perspectives),
        ),
        (
            strategic("area_add"),
            strategic_forms.InterventionAreaForm(specialty=specialty, prefix="area"),
        ),
        (strategic("part", kind=kind), strategic_forms.PartForm(prefix=kind)),
        (
            strategic("comment_add", kind=kind),
            strategic_forms.CommentForm(prefix=f"comment-{kind}"),
        ),
        (
            professional("goal_add", pk=framework.pk),
            framework_forms.OutcomeGoalForm(prefix="goal"),
        ),
        (professional("actor_add", pk=framework.pk), framework_forms.ActorForm(prefix="actor")),
        (
            professional("focus_area_add", pk=framework.pk),
            framework_forms.FocusAreaForm(prefix="focus"),
        ),
        (
            professional("framework_core_team", pk=framework.pk),
            framework_forms.CoreTeamForm(prefix="team", specialty=specialty),
        ),
        (
            professional("framework", pk=framework.pk),
            framework_forms.PurposeForm(prefix="purpose"),
        ),
        (
            professional("status_update", pk=framework.pk),
            framework_forms.StatusForm(prefix=f"status-{framework.pk}", specialty=specialty),
        ),
        (
            professional("action_add", pk=world["focus_area"].pk),
            action_forms.ActionForm(
                specialty=specialty,
                perspectives=perspectives,
                principles=list(Principle.objects.all()),
                challenges=[],
            ),
        ),
        (professional("milestone_add", pk=action.pk), action_forms.MilestoneForm()),
        (professional("indicator_add", pk=action.pk), action_forms.IndicatorForm()),
        (
            professional("measurement_add", pk=action.pk, indicator=world["indicator"].pk),
            action_forms.MeasurementForm(),
        ),
        (
            reverse("specialties:core_team_add", args=[slug]),
            CoreTeamMemberForm(specialty=specialty),
        ),
        (reverse("documents:request"), DocumentRequestForm()),
    ]


@FEW
@given(data=st.data())
def test_no_writing_view_answers_500_or_stores_half_of_a_refused_input(
    cast: Cast, world: dict[str, Any], data: st.DataObject
) -> None:
    client = cast.client_for(cast.owner)
    # Each example starts from the same rows: what one example stored is rolled back.
    with transaction.atomic():
        post_everywhere(client, cast, world, data)
        transaction.set_rollback(True)


def post_everywhere(client: Client, cast: Cast, world: dict[str, Any], data: st.DataObject) -> None:
    for url, form in endpoints(cast, world):
        values = {
            form.add_prefix(name): data.draw(values_for(field), label=form.add_prefix(name))
            for name, field in form.fields.items()
        }
        before = counts()
        response = post_raw(client, url, values)  # a 500 raises here
        assert response.status_code in {200, 302, 400}, (url, response.status_code)
        refused = response.status_code == 400 or (
            response.status_code == 200
            and ('aria-invalid="true"' in response.text or "error-summary" in response.text)
        )
        if refused:
            assert counts() == before, (url, values)
        assert_everything_stored_is_clean()


# -- Every form class, directly ----------------------------------------------------------------


def form_factories(cast: Cast, world: dict[str, Any]) -> list[Callable[[Any], forms.Form]]:
    specialty = cast.specialty
    perspectives = list(Perspective.objects.prefetch_related("focus_areas"))
    principles = list(Principle.objects.all())
    challenges = list(Challenge.objects.filter(specialty=specialty))
    return [
        lambda d: strategic_forms.PartForm(d),
        lambda d: strategic_forms.CommentForm(d),
        lambda d: strategic_forms.InterventionAreaForm(d, specialty=specialty),
        lambda d: strategic_forms.DecisionForm(d),
        lambda d: strategic_forms.ConditionForm(d, specialty=specialty),
        lambda d: strategic_forms.ConditionMetForm(d),
        lambda d: framework_forms.PurposeForm(d),
        lambda d: framework_forms.OutcomeGoalForm(d),
        lambda d: framework_forms.ActorForm(d),
        lambda d: framework_forms.FocusAreaForm(d),
        lambda d: framework_forms.CoreTeamForm(d, specialty=specialty),
        lambda d: framework_forms.StatusForm(d, specialty=specialty),
        lambda d: action_forms.ActionForm(
            d,
            specialty=specialty,
            perspectives=perspectives,
            principles=principles,
            challenges=challenges,
        ),
        lambda d: action_forms.MilestoneForm(d),
        lambda d: action_forms.IndicatorForm(d),
        lambda d: action_forms.MeasurementForm(d),
        lambda d: ChallengeForm(d, perspectives=perspectives),
        lambda d: CoreTeamMemberForm(d, specialty=specialty),
        lambda d: DocumentRequestForm(d),
    ]


def assert_clean_value(value: object) -> None:
    if isinstance(value, str):
        assert not FORBIDDEN.search(value), value
    elif isinstance(value, datetime.date):
        assert EARLIEST_DATE <= value <= LATEST_DATE, value
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        assert -(2**63) <= value < 2**63, value
    elif isinstance(value, Decimal):
        assert value.is_finite(), value


@MORE
@given(data=st.data())
def test_every_form_refuses_with_field_errors_or_cleans(
    cast: Cast, world: dict[str, Any], data: st.DataObject
) -> None:
    for make in form_factories(cast, world):
        fields = make(None).fields
        raw = MultiValueDict(
            {name: data.draw(values_for(field), label=name) for name, field in fields.items()}
        )
        form = make(raw)
        if form.is_valid():  # never raises
            for value in form.cleaned_data.values():
                assert_clean_value(value)
        else:
            assert all(isinstance(key, str) for key in form.errors)
            assert all(form.errors[key] for key in form.errors)
