"""The demo's prerequisites (issue 28): IM: Kardiologi has two, one in place and one late,
which the lead finds in Mine opgaver; running the demo again adds none."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ambitions.models import Prerequisite, PrerequisiteState
from people.models import User

pytestmark = pytest.mark.django_db


def test_kardiologi_has_one_prerequisite_in_place_and_one_late() -> None:
    call_command("load_demo", stdout=io.StringIO())
    found = list(Prerequisite.objects.filter(specialty__slug="im-kardiologi").order_by("deadline"))
    assert [p.state for p in found] == [PrerequisiteState.IN_PLACE, PrerequisiteState.IN_PROGRESS]
    assert not found[0].is_late()
    assert found[1].is_late()
    assert found[1].responsible.username == "leder"
    client = Client()
    client.force_login(User.objects.get(username="leder"))
    assert "Aftale om løn under transport" in client.get(reverse("programme:my_tasks")).text
    call_command("load_demo", stdout=io.StringIO())
    assert Prerequisite.objects.count() == 2
