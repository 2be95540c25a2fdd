"""Data in by the file (issue 27, item 3): templates, the preview with every row's errors,
saving in one transaction, the history and undo, and who may use each page."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ambitions.models import Action, Measurement, ProgressIndicator
from dataimport import reading
from dataimport.kinds import KINDS
from dataimport.models import DataImport, ImportedMeasurement, ImportKind
from dataimport.views import sign_preview
from people.models import User
from tests.conftest import Cast
from tests.dataimport.conftest import HEADER, csv_file, xlsx_file

pytestmark = pytest.mark.django_db

MEASUREMENTS = KINDS[ImportKind.MEASUREMENTS]


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, upload: Any, **headers: Any) -> Any:
    return client.post(
        reverse("dataimport:upload"), {"kind": "measurements", "file": upload}, **headers
    )


def _payload(response: Any) -> str:
    found = re.search(r'name="payload" value="([^"]+)"', response.content.decode())
    assert found, "the preview has no save button"
    return found.group(1)


def _good_rows(indicator: ProgressIndicator) -> list[list[Any]]:
    return [
        [indicator.pk, "Ventetid", "15.01.2026", "41,5", "Uge 3"],
        [indicator.pk, "", "2026-02-15", "40", ""],
    ]


# -- Templates --------------------------------------------------------------------------------


def test_the_excel_template_has_danish_columns_an_example_and_the_persons_indicators(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    from openpyxl import load_workbook

    response = _client(cast.core).get(reverse("dataimport:template", args=["maalinger", "xlsx"]))
    assert response.status_code == 200
    assert 'filename="skabelon-maalinger.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet, listing = workbook.worksheets
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][0] == indicator.pk
    assert rows[1][1] == "Ventetid"
    assert isinstance(rows[1][2], datetime.datetime)
    assert [row[:3] for row in listing.iter_rows(min_row=2, values_only=True)] == [
        (indicator.pk, "Ventetid", "dage")
    ]


def test_the_template_uploaded_as_it_is_reads_back_without_errors(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    client = _client(cast.core)
    template = client.get(reverse("dataimport:template", args=["maalinger", "xlsx"]))
    response = _upload(client, SimpleUploadedFile("skabelon.xlsx", template.content))
    assert response.status_code == 200
    assert "Intet er gemt endnu" in response.content.decode()
    assert _payload(response)


def test_the_csv_template_has_the_danish_header(cast: Cast, indicator: ProgressIndicator) -> None:
    response = _client(cast.core).get(reverse("dataimport:template", args=["maalinger", "csv"]))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(HEADER)
    assert text.splitlines()[1].startswith(f"{indicator.pk};Ventetid;")


def test_an_unknown_kind_or_format_of_template_is_not_there(cast: Cast) -> None:
    client = _client(cast.core)
    assert client.get(reverse("dataimport:template", args=["noget", "xlsx"])).status_code == 404
    assert client.get(reverse("dataimport:template", args=["maalinger", "pdf"])).status_code == 404


# -- The preview --------------------------------------------------------------------------------


def test_a_good_file_is_previewed_and_nothing_is_saved_before_confirming(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    before = Measurement.objects.count()
    response = _upload(_client(cast.core), csv_file(_good_rows(indicator)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Filen har 2 rækker, alle uden fejl." in page
    assert "Klar: Ventetid (IM: Testkardiologi)" in page
    assert Measurement.objects.count() == before
    assert not DataImport.objects.exists()


def test_every_rows_errors_are_shown_in_danish_and_nothing_is_saved(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    future = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d.%m.%Y")
    rows = [
        [indicator.pk, "Ventetid", "15.03.2026", "10", ""],  # good
        [999999, "", "15.03.2026", "10", ""],  # unknown indicator
        [indicator.pk, "", "31.02.2026", "10", ""],  # not a date
        [indicator.pk, "", "16.03.2026", "ti", ""],  # not a number
        [indicator.pk, "", future, "10", ""],  # in the future
        [indicator.pk, "", "15.03.2026", "11", ""],  # the same day as row 2
        [indicator.pk, "", "15.01.2025", "11", ""],  # a measurement exists that day
        [indicator.pk, "Liggetid", "17.03.2026", "11", ""],  # another indicator's name
        ["", "", "", "", "En note uden tal"],  # nothing but a note
    ]
    before = Measurement.objects.count()
    response = _upload(_client(cast.core), csv_file(rows))
    page = response.content.decode()
    assert response.status_code == 200
    assert "8 af 9 rækker har fejl." in page
    assert "Intet er gemt: ret rækkerne i filen, og indlæs den igen." in page
    assert "Der er ingen indikator med nummer 999999." in page
    assert "Skriv datoen som dd.mm.åååå" in page
    assert "Skriv værdien som et tal, fx 12,5." in page
    assert "En måling kan ikke dateres i fremtiden." in page
    assert "Række 2 i filen har allerede en værdi for denne indikator den 15. marts 2026." in page
    assert "Indikatoren har allerede en måling den 15. januar 2025 (59,00)." in page
    assert f"Indikator nummer {indicator.pk} er “Ventetid”, ikke “Liggetid”." in page
    assert "Angiv indikatorens nummer." in page
    assert 'name="payload"' not in page
    assert Measurement.objects.count() == before
    assert not DataImport.objects.exists()


def test_a_row_of_a_specialty_the_person_is_not_part_of_is_refused(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    # The other specialty's owner reads the approved professional ambition, writes none of it.
    response = _upload(_client(cast.other_owner), csv_file(_good_rows(indicator)))
    page = response.content.decode()
    assert "Du må ikke registrere målinger af “Ventetid”" in page
    assert 'name="payload"' not in page


def test_a_file_without_a_required_column_says_which(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    upload = csv_file([[indicator.pk, "10"]], header=["Indikator-nr.", "Værdi"])
    page = _upload(_client(cast.core), upload).content.decode()
    assert "kolonnen “Dato” mangler" in page
    assert "Intet er gemt." in page


def test_a_file_of_another_type_is_refused(cast: Cast, indicator: ProgressIndicator) -> None:
    upload = SimpleUploadedFile("maalinger.pdf", b"%PDF-1.4")
    page = _upload(_client(cast.core), upload).content.decode()
    assert "Indlæs en Excel-projektmappe (.xlsx) eller en CSV-fil (.csv)." in page


def test_a_damaged_workbook_is_refused(cast: Cast, indicator: ProgressIndicator) -> None:
    upload = SimpleUploadedFile("maalinger.xlsx", b"not a zip at all")
    page = _upload(_client(cast.core), upload).content.decode()
    assert "Filen kunne ikke læses som en Excel-projektmappe (.xlsx)." in page


def test_a_file_over_the_limit_is_refused_in_danish_and_kept_in_memory_only(
    cast: Cast, indicator: ProgressIndicator, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django alone would write this to disk
    big = csv_file([[indicator.pk, "", "15.03.2026", "10", "x" * 200]] * 10)
    with mock.patch("django.core.files.uploadhandler.TemporaryUploadedFile") as on_disk:
        response = _upload(_client(cast.core), big)
    assert response.status_code == 400
    assert "Filen er større end 0 MB. Del den i mindre filer." in response.content.decode()
    on_disk.assert_not_called()


def test_a_small_file_over_djangos_memory_limit_stays_in_memory(
    cast: Cast, indicator: ProgressIndicator, settings: Any
) -> None:
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    with mock.patch("django.core.files.uploadhandler.TemporaryUploadedFile") as on_disk:
        response = _upload(_client(cast.core), csv_file(_good_rows(indicator)))
    assert response.status_code == 200
    assert _payload(response)
    on_disk.assert_not_called()


def test_an_excel_file_with_real_dates_and_numbers_is_read(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    upload = xlsx_file([[indicator.pk, "Ventetid", datetime.date(2026, 1, 20), 39.25, None]])
    response = _upload(_client(cast.core), upload)
    page = response.content.decode()
    assert "20.01.2026" in page
    assert "39,25" in page
    assert _payload(response)


def test_an_htmx_upload_answers_with_the_preview_alone(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    response = _upload(
        _client(cast.core),
        csv_file(_good_rows(indicator)),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="part-upload",
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="part-upload">')
    assert "<html" not in page


def test_an_upload_without_a_file_says_so(cast: Cast, indicator: ProgressIndicator) -> None:
    client = _client(cast.core)
    response = client.post(reverse("dataimport:upload"), {"kind": "measurements"})
    assert response.status_code == 400
    assert "Vælg filen, der skal indlæses." in response.content.decode()
    # By htmx, with the form in the fragment (htmx swaps no 4xx answer).
    response = client.post(
        reverse("dataimport:upload"),
        {"kind": "measurements"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="part-upload",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="part-upload">')
    assert "Vælg filen, der skal indlæses." in page


# -- Saving and undoing ------------------------------------------------------------------------


def test_confirming_saves_every_row_as_one_import_in_the_history(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    client = _client(cast.core)
    payload = _payload(_upload(client, csv_file(_good_rows(indicator), name="uge.csv")))
    response = client.post(reverse("dataimport:confirm"), {"payload": payload})
    assert response.status_code == 302
    assert response["Location"] == reverse("dataimport:history")
    data_import = DataImport.objects.get()
    assert (data_import.kind, data_import.file_name, data_import.row_count) == (
        "measurements",
        "uge.csv",
        2,
    )
    assert data_import.imported_by == cast.core
    saved = Measurement.objects.filter(indicator=indicator, measured_on__year=2026)
    assert sorted((m.measured_on, m.value, m.note) for m in saved) == [
        (datetime.date(2026, 1, 15), Decimal("41.50"), "Uge 3"),
        (datetime.date(2026, 2, 15), Decimal("40.00"), ""),
    ]
    assert {m.recorded_by for m in saved} == {cast.core}
    page = client.get(reverse("dataimport:history")).content.decode()
    assert "uge.csv" in page
    assert "Fortryd importen" in page


def test_a_failure_halfway_saves_nothing(cast: Cast, indicator: ProgressIndicator) -> None:
    client = _client(cast.core)
    payload = _payload(_upload(client, csv_file(_good_rows(indicator))))
    before = Measurement.objects.count()
    # The measurements are created, then linking them to the import fails.
    with (
        mock.patch.object(
            ImportedMeasurement.objects, "bulk_create", side_effect=RuntimeError("disk full")
        ),
        pytest.raises(RuntimeError),
    ):
        client.post(reverse("dataimport:confirm"), {"payload": payload})
    assert Measurement.objects.count() == before
    assert not DataImport.objects.exists()


def test_confirming_checks_again_and_saves_nothing_when_a_row_has_become_wrong(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    client = _client(cast.core)
    payload = _payload(_upload(client, csv_file(_good_rows(indicator))))
    # Someone typed the February value by hand meanwhile.
    Measurement.objects.create(
        indicator=indicator,
        measured_on=datetime.date(2026, 2, 15),
        value=Decimal(1),
        recorded_by=cast.lead,
    )
    before = Measurement.objects.count()
    response = client.post(reverse("dataimport:confirm"), {"payload": payload})
    assert response.status_code == 409
    assert "Noget er ændret siden forhåndsvisningen" in response.content.decode()
    assert Measurement.objects.count() == before
    assert not DataImport.objects.exists()


def test_a_damaged_preview_is_refused(cast: Cast, indicator: ProgressIndicator) -> None:
    response = _client(cast.core).post(reverse("dataimport:confirm"), {"payload": "made-up"})
    assert response.status_code == 400
    assert not DataImport.objects.exists()


def _imported(cast: Cast, indicator: ProgressIndicator, by: User | None = None) -> DataImport:
    client = _client(by or cast.core)
    payload = _payload(_upload(client, csv_file(_good_rows(indicator))))
    assert client.post(reverse("dataimport:confirm"), {"payload": payload}).status_code == 302
    return DataImport.objects.get()


def test_undo_deletes_exactly_the_rows_the_import_created(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    data_import = _imported(cast, indicator)
    # A value typed by hand after the import is no part of it.
    by_hand = Measurement.objects.create(
        indicator=indicator,
        measured_on=datetime.date(2026, 3, 1),
        value=Decimal(5),
        recorded_by=cast.core,
    )
    response = _client(cast.core).post(reverse("dataimport:undo", args=[data_import.pk]))
    assert response.status_code == 302
    remaining = set(Measurement.objects.values_list("measured_on", flat=True))
    assert datetime.date(2026, 1, 15) not in remaining
    assert datetime.date(2026, 2, 15) not in remaining
    assert by_hand.measured_on in remaining
    assert Measurement.objects.filter(measured_on__year=2025).count() == 12
    data_import.refresh_from_db()
    assert data_import.undone_by == cast.core
    assert data_import.undone_at is not None
    page = _client(cast.core).get(reverse("dataimport:history")).content.decode()
    assert "Fortrudt af Karen Kerne" in page


def test_undo_by_htmx_answers_with_the_history_alone(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    data_import = _imported(cast, indicator)
    response = _client(cast.secretariat).post(
        reverse("dataimport:undo", args=[data_import.pk]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="part-history",
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="part-history">')
    assert "2 rækker slettet" in page


def test_an_import_is_undone_once(cast: Cast, indicator: ProgressIndicator) -> None:
    data_import = _imported(cast, indicator)
    client = _client(cast.core)
    assert client.post(reverse("dataimport:undo", args=[data_import.pk])).status_code == 302
    assert client.post(reverse("dataimport:undo", args=[data_import.pk])).status_code == 403


# -- Who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["core", "lead", "owner", "other_owner", "secretariat"])
@pytest.mark.parametrize(
    "url",
    [
        reverse("dataimport:start"),
        reverse("dataimport:history"),
        reverse("dataimport:template", args=["maalinger", "xlsx"]),
        reverse("dataimport:template", args=["maalinger", "csv"]),
    ],
)
def test_whoever_may_record_something_or_the_secretariat_opens_the_pages(
    cast: Cast, who: str, url: str
) -> None:
    assert _client(getattr(cast, who)).get(url).status_code == 200


@pytest.mark.parametrize("who", ["steering", "outsider"])
@pytest.mark.parametrize(
    "url",
    [
        reverse("dataimport:start"),
        reverse("dataimport:history"),
        reverse("dataimport:template", args=["maalinger", "xlsx"]),
    ],
)
def test_the_steering_group_and_people_without_a_role_may_not(
    cast: Cast, who: str, url: str
) -> None:
    assert _client(getattr(cast, who)).get(url).status_code == 403


def test_anonymous_people_are_sent_to_log_in(cast: Cast) -> None:
    for url in (reverse("dataimport:start"), reverse("dataimport:upload")):
        method = Client().get if url.endswith("/indlaes/") else Client().post
        response = method(url)
        assert response.status_code == 302
        assert "/log-ind/" in response["Location"]


@pytest.mark.parametrize("who", ["steering", "outsider"])
def test_the_steering_group_and_outsiders_may_not_upload(
    cast: Cast, indicator: ProgressIndicator, who: str
) -> None:
    response = _upload(_client(getattr(cast, who)), csv_file(_good_rows(indicator)))
    assert response.status_code == 403


def _signed(indicator: ProgressIndicator) -> str:
    return sign_preview(
        MEASUREMENTS,
        "uge.csv",
        [
            {
                "number": 2,
                "indicator": str(indicator.pk),
                "measured_on": "01.03.2026",
                "value": "7",
            }
        ],
    )


@pytest.mark.parametrize("who", ["core", "lead", "owner"])
def test_the_specialtys_people_may_save(cast: Cast, indicator: ProgressIndicator, who: str) -> None:
    response = _client(getattr(cast, who)).post(
        reverse("dataimport:confirm"), {"payload": _signed(indicator)}
    )
    assert response.status_code == 302
    assert DataImport.objects.get().imported_by == getattr(cast, who)


@pytest.mark.parametrize("who", ["other_owner", "secretariat", "steering", "outsider"])
def test_others_may_not_save_rows_of_the_specialty(
    cast: Cast, indicator: ProgressIndicator, who: str
) -> None:
    before = Measurement.objects.count()
    response = _client(getattr(cast, who)).post(
        reverse("dataimport:confirm"), {"payload": _signed(indicator)}
    )
    assert response.status_code == 403
    assert Measurement.objects.count() == before
    assert not DataImport.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("core", 302), ("secretariat", 302)])
def test_the_importer_and_the_secretariat_may_undo(
    cast: Cast, indicator: ProgressIndicator, who: str, status: int
) -> None:
    data_import = _imported(cast, indicator)
    response = _client(getattr(cast, who)).post(reverse("dataimport:undo", args=[data_import.pk]))
    assert response.status_code == status
    assert not Measurement.objects.filter(measured_on__year=2026).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("lead", 404), ("owner", 404), ("steering", 404), ("outsider", 404)]
)
def test_nobody_else_may_undo_and_nothing_changes(
    cast: Cast, indicator: ProgressIndicator, who: str, status: int
) -> None:
    data_import = _imported(cast, indicator)
    response = _client(getattr(cast, who)).post(reverse("dataimport:undo", args=[data_import.pk]))
    assert response.status_code == status
    assert Measurement.objects.filter(measured_on__year=2026).count() == 2
    data_import.refresh_from_db()
    assert data_import.undone_at is None


def test_the_history_shows_a_person_their_own_imports_and_the_secretariat_all(
    cast: Cast, indicator: ProgressIndicator, action: Action
) -> None:
    _imported(cast, indicator)
    assert "maalinger.csv" in _client(cast.core).get(reverse("dataimport:history")).content.decode()
    assert "maalinger.csv" in (
        _client(cast.secretariat).get(reverse("dataimport:history")).content.decode()
    )
    assert "maalinger.csv" not in (
        _client(cast.lead).get(reverse("dataimport:history")).content.decode()
    )


def test_the_history_reads_a_fixed_number_of_queries(
    cast: Cast, indicator: ProgressIndicator, django_assert_max_num_queries: Any
) -> None:
    _imported(cast, indicator)
    client = _client(cast.secretariat)
    client.get(reverse("dataimport:history"))
    with django_assert_max_num_queries(12):
        client.get(reverse("dataimport:history"))
