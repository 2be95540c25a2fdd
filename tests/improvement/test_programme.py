"""Where the improvement tools meet the programme: the overview's signals per specialty and
"Mine opgaver"'s PDSA cycles whose Study is due."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambitions.models import Action, ProgressIndicator
from improvement import services
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
    client.get(reverse("programme:overview"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("programme:overview"))
    for n in range(3):
        ProgressIndicator.objects.create(
            action=indicator.action, name=f"Andet {n}", unit="%", baseline=1, target=2
        )
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("programme:overview"))
    assert len(four) == len(one)


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
