"""The run charts, signals and driver diagram in the professional ambition's PDFs: the same
SVG as the page, and text a PDF reader can find."""

import datetime
from decimal import Decimal

import pytest

from ambitions.models import Action, Measurement, ProgressIndicator
from documents import builders, pdf, rendering
from documents.models import DocumentKind
from improvement import queries, services
from improvement.svg import driver_diagram_svg, run_chart_svg
from tests.conftest import Cast
from tests.documents.conftest import flat, pdf_text

TODAY = datetime.date(2026, 1, 10)


def _diagram(cast: Cast, action: Action) -> None:
    framework = action.focus_area.framework
    primary = services.driver_add(framework=framework, by=cast.core, text="Ensartet praksis")
    secondary = services.driver_add(
        framework=framework, by=cast.core, text="Fælles kriterier", parent=primary
    )
    idea = services.idea_add(driver=secondary, by=cast.core, text="Tjekliste ved visitation")
    services.idea_link_actions(idea=idea, by=cast.core, actions=[action])


def test_actions_pdf_draws_the_pages_run_chart(cast: Cast, indicator: ProgressIndicator) -> None:
    action = indicator.action
    services.cycle_add(
        action=action,
        by=cast.core,
        plan="Tjekliste.",
        responsible=cast.core,
        starts_on=datetime.date(2025, 6, 20),
        study_on=datetime.date(2025, 7, 20),
        prediction="Kortere ventetid.",
    )
    rendered = rendering.render_html(
        DocumentKind.ACTIONS, cast.specialty.pk, action.focus_area_id, TODAY
    )
    (chart,) = queries.charts_for_action(action)
    assert str(run_chart_svg(chart, dom_id=f"run-chart-{indicator.pk}")) in rendered.html
    assert "PDSA 1" in rendered.html
    text = flat(pdf_text(pdf.write_pdf(rendered.html)))
    assert "Ventetid" in text
    assert "PDSA 1" in text  # the SVG's own text is in the PDF


def test_framework_pdf_has_the_driver_diagram(cast: Cast, action: Action) -> None:
    _diagram(cast, action)
    framework = action.focus_area.framework
    rendered = rendering.render_html(DocumentKind.FRAMEWORK, cast.specialty.pk, framework.pk, TODAY)
    diagram = queries.driver_diagram(framework)
    assert (
        str(driver_diagram_svg(diagram, dom_id=f"driver-diagram-{framework.pk}")) in rendered.html
    )
    text = flat(pdf_text(pdf.write_pdf(rendered.html)))
    assert "Tjekliste ved visitation" in text
    assert action.title in text


def test_status_pdf_lists_the_signals(cast: Cast, indicator: ProgressIndicator) -> None:
    rendered = rendering.render_html(DocumentKind.STATUS, cast.specialty.pk, None, TODAY)
    (chart,) = queries.charts_for_action(indicator.action)
    assert chart.verdict == queries.Verdict.SIGNAL
    assert chart.verdict_label in rendered.html
    assert chart.messages[0] in rendered.html


def test_status_pdf_counts_every_chart_and_lists_the_first_signals(
    cast: Cast, indicator: ProgressIndicator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A specialty may have hundreds of indicators: the summary counts them by verdict and
    lists the signals, the first REPORT_LIST_LIMIT, with how many more there are."""
    monkeypatch.setattr(builders.base, "REPORT_LIST_LIMIT", 1)
    second = ProgressIndicator.objects.create(
        action=indicator.action,
        name="Genindlæggelser",
        unit="%",
        baseline=Decimal(9),
        target=Decimal(5),
    )
    for measurement in indicator.measurements.all():
        Measurement.objects.create(
            indicator=second,
            measured_on=measurement.measured_on,
            value=measurement.value,
            recorded_by=cast.core,
        )
    quiet = ProgressIndicator.objects.create(
        action=indicator.action,
        name="Tilfredshed",
        unit="%",
        baseline=Decimal(70),
        target=Decimal(90),
    )
    charts = queries.charts_for_action(indicator.action)
    assert [c.verdict for c in charts] == ["signal", "signal", "no_data"]
    html = rendering.render_html(DocumentKind.STATUS, cast.specialty.pk, None, TODAY).html
    assert f"{charts[0].verdict_label}: 2" in html
    assert f"{charts[2].verdict_label}: 1" in html
    assert "<td>Ventetid</td>" in html
    assert "<td>Genindlæggelser</td>" not in html  # beyond the list, counted below it
    assert f"<td>{quiet.name}</td>" not in html  # no signal: counted, not listed
    assert "Og 1 mere i dokumenterne for fokusområderne" in html
