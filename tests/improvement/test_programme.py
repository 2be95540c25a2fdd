"""Where the improvement tools meet the programme: the overview's signals per specialty and
"Mine opgaver"'s PDSA cycles whose Study is due."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambitions.models import Action, ProgressIndicator
from bass import cache as content
from improvement import queries, services
from tests.conftest import Cast


def test_overview_shows_each_indicator_with_its_signal(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    client = cast.client_for(cast.steering)
    client.get(reverse("programme:overview"))
    response = client.get(reverse("programme:overview"))
    html = response.content.decode()
    section = html.split('id="overview-signals"')[1].split("</section>")[0]
    assert reverse("improvement:indicator", args=[cast.specialty.slug, indicator.pk]) in section
    assert 'data-verdict="signal"' in section
    assert cast.other_specialty.name not in section  # it has no indicators


def test_overview_signals_cost_the_same_for_more_indicators(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    client = cast.client_for(cast.steering)

    def computed() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("programme:overview"))
        return len(ctx)

    one = computed()
    for n in range(3):
        extra = ProgressIndicator.objects.create(
            action=indicator.action, name=f"Andet {n}", unit="%", baseline=1, target=2
        )
        for m in indicator.measurements.all():
            extra.measurements.create(
                measured_on=m.measured_on, value=m.value, recorded_by=cast.core
            )
    assert computed() == one


def test_the_summaries_count_what_the_run_charts_say_and_are_kept(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    """Counted without reading the measurements where there are too few for a run chart;
    the same verdicts as the charts drawn from every measurement."""
    for n, values in enumerate([[], [5, 6, 7], list(range(12))]):
        more = ProgressIndicator.objects.create(
            action=indicator.action, name=f"Andet {n}", unit="%", baseline=1, target=2
        )
        for day, value in enumerate(values, start=1):
            more.measurements.create(
                measured_on=datetime.date(2025, 1, day), value=value, recorded_by=cast.core
            )
    content.request_started()  # as a request does: the writes above were another's
    (charts,) = queries.charts_by_specialty([cast.specialty.pk]).values()
    verdicts = [c.verdict for c in charts]
    (summary,) = queries.signal_summaries([cast.specialty.pk]).values()
    assert summary.counts == tuple(verdicts.count(v) for v in queries.VERDICTS)
    assert summary.counts == (2, 0, 1, 1)  # the step 0…11 crosses its median once: a signal
    assert [s.indicator_id for s in summary.signals] == [
        c.indicator.pk for c in charts if c.verdict == queries.Verdict.SIGNAL
    ]
    with CaptureQueriesContext(connection) as kept:
        queries.signal_summaries([cast.specialty.pk])
    assert len(kept) == 1  # the content versions, read from the database; no measurement
    indicator.name = "Ventetid til første samtale"
    indicator.save()
    (changed,) = queries.signal_summaries([cast.specialty.pk]).values()
    assert changed.signals[0].indicator == "Ventetid til første samtale"
    for measurement in indicator.measurements.all():
        measurement.delete()
    (emptied,) = queries.signal_summaries([cast.specialty.pk]).values()
    assert emptied.counts == (1, 0, 1, 2)


def test_my_tasks_lists_a_study_that_is_due(cast: Cast, action: Action) -> None:
    today = timezone.localdate()
    cycle = services.cycle_add(
        action=action,
        by=cast.core,
        plan="Tjekliste.",
        responsible=cast.core,
        starts_on=today - datetime.timedelta(days=30),
        study_on=today - datetime.timedelta(days=1),
        prediction="Bedre.",
    )
    url = (
        reverse("improvement:cycles", args=[cast.specialty.slug, action.pk]) + f"#cycle-{cycle.pk}"
    )
    client = cast.client_for(cast.core)
    assert url not in client.get(reverse("programme:my_tasks")).content.decode()  # no Do yet
    services.cycle_update(
        cycle=cycle, by=cast.core, stage="do", base_revision=0, data={"do": "Gjort."}
    )
    html = client.get(reverse("programme:my_tasks")).content.decode()
    assert url in html
    assert 'id="tasks-pdsa_study"' in html
    # not someone else's task
    assert url not in cast.client_for(cast.lead).get(reverse("programme:my_tasks")).content.decode()
    services.cycle_update(
        cycle=cycle, by=cast.core, stage="study", base_revision=1, data={"study": "Set."}
    )
    assert url not in client.get(reverse("programme:my_tasks")).content.decode()
