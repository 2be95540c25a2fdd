"""Issue #10, a real user's first hour: what the pages say and refuse, tested through HTTP.
What the browser does (focus, the leave-page guard, widths) is in tests/browser/."""

import re

import pytest
from django.urls import reverse

from ambitions.models import StrategicAmbition
from ambitions.strategic import services
from sustainability.models import Challenge
from tests.ambitions.strategic.test_workflow import fill, start, submitted, url
from tests.conftest import Cast
from tests.sustainability.test_challenges import _data

HTMX = {"HX-Request": "true"}

pytestmark = pytest.mark.django_db


# -- 2. Feedback ---------------------------------------------------------------------------


def test_a_refused_submit_is_a_styled_error_next_to_the_submit_button(cast: Cast) -> None:
    start(cast)
    page = cast.client_for(cast.owner).post(url(cast, "submit"), follow=True).text
    statusbar = page[page.index('class="statusbar"') :]
    statusbar = statusbar[: statusbar.index('class="part"')]
    assert 'class="message message--error"' in statusbar
    assert "Ambitionen kan ikke indsendes endnu" in statusbar
    assert "Ikke gennemført:" in statusbar
    top = page[page.index('<div class="messages">') : page.index('class="breadcrumb"')]
    assert "Ambitionen kan ikke indsendes endnu" not in top  # not twice
    assert 'id="live-status" class="visually-hidden" role="status"' in page


def test_a_success_is_a_styled_notice_announced_to_screen_readers(cast: Cast) -> None:
    ambition = start(cast)
    fill(cast, ambition)
    page = cast.client_for(cast.owner).post(url(cast, "submit"), follow=True).text
    assert re.search(r'class="message message--success" data-announce>\s*<p>', page)
    assert "Version 1 er indsendt til styregruppen" in page


def test_adding_a_challenge_confirms_and_warns_about_a_title_that_is_taken(cast: Cast) -> None:
    client = cast.client_for(cast.core)
    add_url = reverse("sustainability:challenge_add", args=[cast.specialty.slug])
    first = client.post(add_url, _data("Ventelister"), headers=HTMX).text
    added = Challenge.objects.get(title="Ventelister")
    assert "Udfordringen “Ventelister” er tilføjet." in first
    assert f'href="#challenge-{added.pk}"' in first
    assert "data-focus-after-swap" in first
    assert "samme titel" not in first

    second = client.post(add_url, _data("ventelister "), headers=HTMX).text
    assert Challenge.objects.filter(title__iexact="ventelister").count() == 2  # not refused
    assert "En anden udfordring har samme titel" in second

    # Without JavaScript: the same words as messages on the page the browser is sent to.
    third = client.post(add_url, _data("Ventelister"), follow=True).text
    assert "Udfordringen “Ventelister” er tilføjet." in third
    assert "En anden udfordring har samme titel" in third


# -- 3. The un-mark button says what it does -------------------------------------------------


def test_the_unmark_button_is_an_action(cast: Cast) -> None:
    start(cast)
    client = cast.client_for(cast.owner)
    client.post(
        reverse("sustainability:challenge_add", args=[cast.specialty.slug]), _data("Ventelister")
    )
    challenge = Challenge.objects.get()
    client.post(
        reverse("sustainability:challenge_core", args=[cast.specialty.slug, challenge.pk]),
        {"core": "1"},
    )
    page = client.get(reverse("sustainability:challenges", args=[cast.specialty.slug])).text
    assert "Fjern som kerneudfordring" in page
    assert "Ikke en kerneudfordring" not in page


# -- 4. Irreversible clicks ask first ------------------------------------------------------


def test_submit_and_revise_ask_first_and_say_what_happens(cast: Cast) -> None:
    ambition = start(cast)
    fill(cast, ambition)
    client = cast.client_for(cast.owner)
    page = client.get(url(cast, "detail")).text
    assert '<details class="confirm" id="confirm-submit">' in page
    assert "Indsend til styregruppen…" in page
    assert "sendes til BASS-programstyregruppen" in page
    assert "Ja, indsend version 1" in page
    assert StrategicAmbition.objects.get().status == "draft"  # showing the question changes nothing

    submitted(cast, ambition)
    services.ambition_approve(ambition=StrategicAmbition.objects.get(), by=cast.steering, remark="")
    page = client.get(url(cast, "detail")).text
    assert '<details class="confirm" id="confirm-revise">' in page
    assert "Version 1 forbliver godkendt og gældende" in page
    assert "Ja, start revisionen" in page
