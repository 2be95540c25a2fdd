"""The calendar feed: a person's deadlines as iCalendar at a secret address they can reset."""

from __future__ import annotations

import datetime
import re

from django.test import Client
from django.urls import reverse

from ambitions.models import ApprovalCondition, Milestone, ProfessionalAmbition
from api import ical, services
from api.models import CalendarFeed
from rounds.models import StatusRound
from tests.ambitions.professional.conftest import frameworks_of, make_action, make_focus_area
from tests.conftest import Cast

STAMP = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


def _feed(secret: str) -> str:
    return reverse("access:calendar_feed", kwargs={"secret": secret})


def test_escaping_and_folding_follow_rfc_5545() -> None:
    summary = "Milepæl; første, del\\ og en meget lang titel " + "æ" * 60
    text = ical.calendar(
        [ical.Event(uid="x@bass", day=datetime.date(2026, 3, 9), summary=summary)],
        name="Test",
        stamp=STAMP,
    )
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "\n" not in text.replace("\r\n", "")
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Milepæl\\; første\\, del\\\\ og en meget lang titel " + "æ" * 60 in unfolded
    assert "DTSTART;VALUE=DATE:20260309\r\n" in unfolded
    assert "DTEND;VALUE=DATE:20260310\r\n" in unfolded
    assert "DTSTAMP:20260301T120000Z\r\n" in unfolded
    assert unfolded.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == 1


def test_a_newline_in_a_text_is_escaped() -> None:
    assert ical.escape("a\nb\r\nc") == "a\\nb\\nc"


def test_the_feed_holds_the_persons_deadlines(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    action = make_action(
        make_focus_area(frameworks_of(professional)[0]), responsible=cast.lead, title="Triage"
    )
    Milestone.objects.create(
        action=action, title="Pilot i Køge", due_date=datetime.date(2026, 5, 4)
    )
    Milestone.objects.create(
        action=action,
        title="Færdig",
        due_date=datetime.date(2026, 1, 4),
        done_on=datetime.date(2026, 1, 2),
    )
    condition = ApprovalCondition.objects.filter(responsible=cast.lead).first()
    round_ = StatusRound.objects.create(
        name="Forår 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        deadline=datetime.date(2026, 4, 15),
        opened_by=cast.secretariat,
    )
    round_.specialties.add(cast.specialty)
    feed = services.calendar_feed_for(user=cast.lead)
    response = Client().get(_feed(feed.secret))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode().replace("\r\n ", "")
    assert "SUMMARY:Milepæl: Pilot i Køge" in text
    assert "Færdig" not in text  # done: no longer a deadline
    assert "DTSTART;VALUE=DATE:20260504" in text
    assert f"UID:milestone-{Milestone.objects.get(title='Pilot i Køge').pk}@bass" in text
    assert f"UID:round-{round_.pk}@bass" in text
    assert "DTSTART;VALUE=DATE:20260415" in text
    if condition is not None and condition.met_at is None:
        assert f"UID:condition-{condition.pk}@bass" in text
    uids = re.findall(r"^UID:(.*)$", text, re.MULTILINE)
    assert len(uids) == len(set(uids)) == text.count("BEGIN:VEVENT")
    # Someone else's deadlines are not in it.
    other = Client().get(_feed(services.calendar_feed_for(user=cast.outsider).secret))
    assert "BEGIN:VEVENT" not in other.content.decode()


def test_resetting_the_address_makes_the_old_one_404(cast: Cast) -> None:
    old = services.calendar_feed_for(user=cast.owner).secret
    assert Client().get(_feed(old)).status_code == 200
    client = cast.client_for(cast.owner)
    response = client.post(
        reverse("access:calendar_reset"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="part-calendar"
    )
    assert response.status_code == 200
    new = services.calendar_feed_for(user=cast.owner).secret
    assert new != old
    assert new in response.text
    assert Client().get(_feed(old)).status_code == 404
    assert Client().get(_feed(new)).status_code == 200


def test_an_unknown_address_is_404(cast: Cast) -> None:
    assert Client().get(_feed("made-up")).status_code == 404


def test_a_deactivated_persons_feed_is_404(cast: Cast) -> None:
    secret = services.calendar_feed_for(user=cast.owner).secret
    cast.owner.is_active = False
    cast.owner.save(update_fields=["is_active"])
    assert Client().get(_feed(secret)).status_code == 404


def test_the_address_is_made_by_the_button_not_by_looking(cast: Cast) -> None:
    client = cast.client_for(cast.core)
    assert "Lav min kalenderadresse" in client.get(reverse("access:mine")).text
    assert not CalendarFeed.objects.exists()
    assert client.post(reverse("access:calendar_reset")).status_code == 302
    assert CalendarFeed.objects.get().user == cast.core


def test_my_page_shows_the_address(cast: Cast) -> None:
    secret = services.calendar_feed_for(user=cast.core).secret
    page = cast.client_for(cast.core).get(reverse("access:mine"))
    assert page.status_code == 200
    assert _feed(secret) in page.text
    assert Client().get(reverse("access:mine")).status_code == 302
