"""Key figures by the file (issue 27, item 3): the second kind of import."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dataimport.models import DataImport
from effect.models import KeyFigure, KeyFigureValue
from people.models import User
from specialties.models import Site
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

HEADER = "Effektmål;Speciale;Matrikel;Måned;Værdi;Note"


@pytest.fixture
def sick_leave(cast: Cast) -> KeyFigure:
    figure = KeyFigure.objects.create(name="Sygefravær", unit="%", better="lower")
    figure.specialties.add(cast.specialty)
    return figure


@pytest.fixture
def travel(cast: Cast) -> KeyFigure:
    return KeyFigure.objects.create(
        name="Patienter behandlet uden for regionen",
        unit="antal",
        better="lower",
        per_site_only=True,
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, lines: list[str]) -> Any:
    text = "\n".join([HEADER, *lines]) + "\n"
    upload = SimpleUploadedFile("effekt.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("dataimport:upload"), {"kind": "key_figures", "file": upload})


def _payload(response: Any) -> str:
    found = re.search(r'name="payload" value="([^"]+)"', response.content.decode())
    assert found, "the preview has no save button"
    return found.group(1)


def test_the_owner_imports_a_year_of_values_and_undoes_it(
    cast: Cast, sick_leave: KeyFigure
) -> None:
    client = _client(cast.owner)
    lines = [f"Sygefravær;IM: Testkardiologi;SUH Køge;{m:02d}.2025;5,{m};" for m in range(1, 13)]
    response = _upload(client, lines)
    assert "Filen har 12 rækker, alle uden fejl." in response.content.decode()
    assert (
        client.post(reverse("dataimport:confirm"), {"payload": _payload(response)}).status_code
        == 302
    )
    values = KeyFigureValue.objects.filter(key_figure=sick_leave).order_by("period")
    assert values.count() == 12
    assert values[0].period == datetime.date(2025, 1, 1)
    assert values[0].site.short_name == "SUH Køge"
    assert values[0].recorded_by == cast.owner
    data_import = DataImport.objects.get()
    assert data_import.kind == "key_figures"
    assert client.post(reverse("dataimport:undo", args=[data_import.pk])).status_code == 302
    assert not KeyFigureValue.objects.exists()


def test_every_rows_errors_are_shown_and_nothing_is_saved(
    cast: Cast, sick_leave: KeyFigure, travel: KeyFigure
) -> None:
    KeyFigureValue.objects.create(
        key_figure=sick_leave,
        specialty=cast.specialty,
        site=Site.objects.get(short_name="SUH Køge"),
        period=datetime.date(2025, 6, 1),
        value=Decimal("4.2"),
        recorded_by=cast.lead,
    )
    lines = [
        "Sygefravær;IM: Testkardiologi;SUH Køge;05.2025;5,1;",  # good
        "Trivsel;IM: Testkardiologi;SUH Køge;05.2025;5,1;",  # unknown figure
        "Sygefravær;IM: Ukendt;SUH Køge;05.2025;5,1;",  # unknown specialty
        "Sygefravær;IM: Testkardiologi;Holbæk;05.2025;5,1;",  # a site the specialty is not at
        "Sygefravær;IM: Testkardiologi;Ingensteds;05.2025;5,1;",  # unknown site
        "Sygefravær;IM: Testkardiologi;SUH Køge;maj;5,1;",  # not a month
        "Sygefravær;IM: Testkardiologi;SUH Køge;04.2025;fem;",  # not a number
        "Sygefravær;IM: Testkardiologi;SUH Køge;05.2025;5,2;",  # the same month as row 2
        "Sygefravær;IM: Testkardiologi;SUH Køge;06.2025;5,2;",  # a value exists that month
        "Sygefravær;IM: Testkardiologi;SUH Køge;01.2099;5,2;",  # not begun
        "Sygefravær;IM: Testnefrologi;SUH Køge;07.2025;5,2;",  # not recorded for it
        "Sygefravær;;SUH Køge;07.2025;5,2;",  # no specialty
        "Patienter behandlet uden for regionen;IM: Testkardiologi;SUH Køge;07.2025;3;",
    ]
    response = _upload(_client(cast.owner), lines)
    page = response.content.decode()
    assert "12 af 13 rækker har fejl." in page
    assert "Der er intet effektmål, der hedder “Trivsel”." in page
    assert "Der er intet speciale, der hedder “IM: Ukendt”." in page
    assert "IM: Testkardiologi er ikke på Holbæk." in page
    assert "Der er ingen matrikel, der hedder “Ingensteds”." in page
    assert "Måned: Skriv måneden som mm.åååå" in page
    assert "Værdi: Skriv et tal, fx 6,5." in page
    assert "Række 2 i filen har allerede en værdi for denne serie i måneden." in page
    assert "Serien har allerede en værdi for 06.2025 (4,20)." in page
    assert "Måneden er ikke begyndt" in page
    assert "“Sygefravær” registreres ikke for IM: Testnefrologi." in page
    assert "“Sygefravær” registreres pr. speciale: skriv specialet." in page
    assert "registreres kun pr. matrikel: lad specialet være tomt." in page
    assert 'name="payload"' not in page
    assert KeyFigureValue.objects.count() == 1
    assert not DataImport.objects.exists()


def test_the_core_team_may_not_record_key_figures(cast: Cast, sick_leave: KeyFigure) -> None:
    page = _upload(
        _client(cast.core), ["Sygefravær;IM: Testkardiologi;SUH Køge;05.2025;5,1;"]
    ).content.decode()
    assert "Du må ikke registrere effektmålene for IM: Testkardiologi" in page
    assert 'name="payload"' not in page


def test_the_secretariat_imports_a_figure_per_site_and_the_owner_may_not(
    cast: Cast, travel: KeyFigure
) -> None:
    line = "Patienter behandlet uden for regionen;;Holbæk;05.2025;3;"
    refused = _upload(_client(cast.owner), [line]).content.decode()
    assert "registreres pr. matrikel af sekretariatet" in refused
    client = _client(cast.secretariat)
    payload = _payload(_upload(client, [line]))
    assert client.post(reverse("dataimport:confirm"), {"payload": payload}).status_code == 302
    value = KeyFigureValue.objects.get()
    assert value.specialty is None
    assert value.site.short_name == "Holbæk"


def test_the_template_lists_the_owners_series(cast: Cast, sick_leave: KeyFigure) -> None:
    from openpyxl import load_workbook

    response = _client(cast.owner).get(reverse("dataimport:template", args=["effektmaal", "xlsx"]))
    sheet, listing = load_workbook(io.BytesIO(response.content)).worksheets
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == ["Effektmål", "Speciale", "Matrikel", "Måned", "Værdi", "Note"]
    assert rows[1][:3] == ("Sygefravær", "IM: Testkardiologi", "SUH Køge")
    assert {row[3] for row in listing.iter_rows(min_row=2, values_only=True)} == {
        "SUH Køge",
        "Slagelse",
    }


def test_the_template_read_back_is_ready_to_save(cast: Cast, sick_leave: KeyFigure) -> None:
    client = _client(cast.owner)
    template = client.get(reverse("dataimport:template", args=["effektmaal", "xlsx"]))
    upload = SimpleUploadedFile("skabelon.xlsx", template.content)
    response = client.post(reverse("dataimport:upload"), {"kind": "key_figures", "file": upload})
    assert _payload(response)
