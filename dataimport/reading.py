"""Reading an uploaded spreadsheet (Excel .xlsx or CSV) into rows of text, in memory only.

An upload never touches the disk: ``InMemoryUploadHandler`` keeps the file in memory
whatever its size would make Django do (above ``FILE_UPLOAD_MAX_MEMORY_SIZE`` Django writes
it to a temporary file) and stops reading at ``MAX_BYTES``, so a file that is too large is
dropped at the door and said so in Danish. The cells come back as text the way a person
would type them into the matching form field (a date as dd.mm.yyyy, a number with a
decimal comma), so the rows are checked by the same Django form fields as typing by hand.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

# Larger than a year of weekly figures for every indicator of a specialty, as .xlsx or CSV.
MAX_BYTES = 2 * 1024 * 1024
# Rows read from a file; an .xlsx of 2 MB can unpack to far more, so the rows are capped too.
MAX_ROWS = 5000


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the person, in their language."""


class InMemoryUploadHandler(FileUploadHandler):
    """Keeps an uploaded file in memory, never on disk, and skips it past ``MAX_BYTES``
    (``too_large`` then says so to the view)."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.too_large = False
        self.buffer = io.BytesIO()

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if start + len(raw_data) > MAX_BYTES:
            self.too_large = True
            raise SkipFile
        self.buffer.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def too_large_message() -> str:
    return _("The file is larger than %(size)s MB. Split it into smaller files.") % {
        "size": MAX_BYTES // (1024 * 1024)
    }


def cell_text(value: Any) -> str:
    """A cell as a person would type it in the form: dates as dd.mm.yyyy, numbers with a
    decimal comma (Excel gives numbers and dates as such, CSV gives text)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        return str(number).replace(".", ",")
    return str(value).strip()


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileProblem(_("The file could not be read as an Excel workbook (.xlsx).")) from error
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for row in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS:
                break
            rows.append([cell_text(value) for value in row])
        return rows
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> list[list[str]]:
    # Excel on a Danish Windows saves CSV as Windows-1252 with semicolons; others UTF-8.
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(rows) > MAX_ROWS:
                break
            rows.append([cell.strip() for cell in row])
    except csv.Error as error:
        raise FileProblem(_("The file could not be read as CSV.")) from error
    return rows


def read_rows(name: str, data: bytes) -> list[list[str]]:
    """The file's rows (its first sheet, for a workbook) as text, without the empty ones at
    the end; ``FileProblem`` when it cannot be read or has too many rows."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif lowered.endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise FileProblem(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))
    while rows and not any(rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS:
        raise FileProblem(
            _("The file has more than %(count)s rows. Split it into smaller files.")
            % {"count": MAX_ROWS}
        )
    return rows
