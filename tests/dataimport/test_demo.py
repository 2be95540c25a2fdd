"""The demo region holds one past import in the history (issue 27, item 3)."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from dataimport.models import DataImport, ImportedMeasurement
from people.models import User
from programme.demo.imports import FILE_NAME

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_import_that_its_maker_may_undo() -> None:
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # a rerun keeps the one import
    data_import = DataImport.objects.get()
    assert data_import.file_name == FILE_NAME
    assert data_import.imported_by.username == "kerneteam"
    assert data_import.row_count == ImportedMeasurement.objects.count() >= 3
    client = Client()
    client.force_login(User.objects.get(username="kerneteam"))
    page = client.get(reverse("dataimport:history")).content.decode()
    assert FILE_NAME in page
    assert "Fortryd importen" in page
