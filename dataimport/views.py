"""The import pages: choose and upload a file (with templates to start from), its preview,
saving it, and the history where an import is undone.

The file is read in memory during the upload request and forgotten: the preview carries
its rows as text in a signed form field, and saving checks them again, so what is saved is
what the rules allow at that moment, whatever the browser sends back.
"""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from dataimport import services
from dataimport.access import (
    can_see_all_imports,
    can_undo_import,
    get_import_for_undo,
    get_imports_for_use,
    imports_of,
)
from dataimport.forms import UploadForm
from dataimport.kinds import KINDS, Kind, kind_by_slug
from dataimport.reading import (
    FileProblem,
    InMemoryUploadHandler,
    cell_text,
    read_rows,
    too_large_message,
)
from dataimport.rows import Checked, cells_by_column

START = "dataimport/start.html"
HISTORY = "dataimport/history.html"

# The preview's rows, signed so that saving reads back exactly what was shown; a preview
# older than this is uploaded again.
SALT = "dataimport.preview"
PREVIEW_MAX_AGE = 60 * 60 * 4


def sign_preview(kind: Kind, file_name: str, rows: list[dict[str, Any]]) -> str:
    return signing.dumps(
        {"kind": kind.value, "file_name": file_name, "rows": rows}, salt=SALT, compress=True
    )


def _check(kind: Kind, user: Any, name: str, data: bytes) -> tuple[Checked, list[dict[str, Any]]]:
    try:
        rows = cells_by_column(read_rows(name, data), kind.columns)
    except FileProblem as problem:
        return Checked(rows=[], problem=str(problem)), []
    return Checked(rows=kind.check(user, rows)), rows


def _start_context(
    request: HttpRequest,
    form: UploadForm | None = None,
    checked: Checked | None = None,
    kind: Kind | None = None,
    file_name: str = "",
    payload: str = "",
) -> dict[str, Any]:
    return {
        "kinds": list(KINDS.values()),
        "form": form or UploadForm(auto_id="upload-%s"),
        "checked": checked,
        "kind": kind,
        "file_name": file_name,
        "payload": payload,
        "columns": kind.columns if kind else (),
    }


@require_safe
@login_required
def start(request: HtmxHttpRequest) -> HttpResponse:
    """Indlæs fra fil: the templates, and the form to upload a file for its preview."""
    get_imports_for_use(request.user)
    return render(request, START, _start_context(request))


@require_safe
@login_required
def template(request: HtmxHttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The kind's template as an Excel workbook (with the person's own indicators or key
    figures on a second sheet) or as CSV, with the columns and an example row."""
    get_imports_for_use(request.user)
    found = kind_by_slug(kind)
    examples, listed = found.examples(request.user)
    headers = [str(column.label) for column in found.columns]
    # Outside the f-string, where the catalogue's extraction finds it.
    prefix = _("template")
    file_name = f"{prefix}-{found.slug}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(headers)
        for row in examples:
            writer.writerow([_csv_cell(value) for value in row])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            _workbook(found, headers, examples, listed),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def _csv_cell(value: Any) -> str:
    return cell_text(value)


def _workbook(
    kind: Kind, headers: list[str], examples: list[list[Any]], listed: list[list[Any]]
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = str(kind.sheet)
    sheet.append(headers)
    for row in examples:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
    for column, header in zip(sheet.columns, headers, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = max(14, len(header) + 4)
    listing = workbook.create_sheet(str(kind.list_sheet))
    listing.append([str(label) for label in kind.list_columns])
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for row in listed:
        listing.append(row)
    for column in listing.columns:
        listing.column_dimensions[column[0].column_letter].width = 24
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@csrf_exempt
@require_POST
@login_required
def upload(request: HtmxHttpRequest) -> HttpResponse:
    """Read the uploaded file and show every row with its errors; nothing is saved."""
    # The file stays in memory and stops at the size limit: the handlers must be set before
    # anything reads the body, CSRF's check included, so that check follows here.
    request.upload_handlers = [InMemoryUploadHandler(request)]
    return _upload(request)


@csrf_protect
def _upload(request: HtmxHttpRequest) -> HttpResponse:
    get_imports_for_use(request.user)
    form = UploadForm(request.POST, request.FILES, auto_id="upload-%s")
    handler = request.upload_handlers[0]
    if isinstance(handler, InMemoryUploadHandler) and handler.too_large:
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", too_large_message())
    checked, kind, payload, file_name = None, None, "", ""
    if form.is_valid():
        kind = KINDS[form.cleaned_data["kind"]]
        uploaded = form.cleaned_data["file"]
        file_name = uploaded.name
        checked, rows = _check(kind, request.user, file_name, uploaded.read())
        if checked.ready:
            payload = sign_preview(kind, file_name, rows)
    context = _start_context(request, form, checked, kind, file_name, payload)
    return render_page_or_fragment(
        request,
        START,
        "part_upload",
        page=lambda: context,
        fragment_context=lambda: context,
        # htmx swaps no 4xx answer: the form's errors are swapped in with a 200.
        status=200 if form.is_valid() or request.htmx else 400,
    )


@require_POST
@login_required
def confirm(request: HtmxHttpRequest) -> HttpResponse:
    """Save the previewed file as one import, after checking its rows again."""
    get_imports_for_use(request.user)
    try:
        preview = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=PREVIEW_MAX_AGE)
        kind = KINDS[preview["kind"]]
        file_name, rows = str(preview["file_name"]), list(preview["rows"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return HttpResponseBadRequest(
            _("The preview is out of date or damaged. Upload the file again.")
        )
    checked = Checked(rows=kind.check(request.user, rows))
    if any(row.refused for row in checked.rows):
        # The preview refused these rows already; only a changed role, or a body made by
        # hand, brings them here.
        raise PermissionDenied
    if not checked.ready:
        context = _start_context(request, None, checked, kind, file_name)
        context["changed"] = True
        return render(request, START, context, status=409)
    data_import = services.import_save(
        kind=kind, file_name=file_name, rows=checked.rows, by=signed_in_user(request)
    )
    messages.success(
        request,
        _("%(count)s rows from “%(file)s” are saved as one import. It can be undone here.")
        % {"count": data_import.row_count, "file": data_import.file_name},
    )
    return redirect("dataimport:history")


def _history_context(request: HttpRequest, note: str = "") -> dict[str, Any]:
    imports = list(imports_of(request.user)[:200])
    for data_import in imports:
        data_import.may_undo = can_undo_import(request.user, data_import)  # type: ignore[attr-defined]
    return {
        "imports": imports,
        "sees_all": can_see_all_imports(request.user),
        "note": note,
        "kinds": KINDS,
    }


@require_safe
@login_required
def history(request: HtmxHttpRequest) -> HttpResponse:
    """The imports: who imported which file when, how many rows, and whether undone."""
    get_imports_for_use(request.user)
    return render(request, HISTORY, _history_context(request))


@require_POST
@login_required
def undo(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Undo an import: exactly the rows it created are deleted; the record stays."""
    data_import = get_import_for_undo(request.user, pk)
    deleted = services.import_undo(data_import=data_import, by=signed_in_user(request))
    note = _("The import of “%(file)s” is undone: %(count)s rows deleted.") % {
        "file": data_import.file_name,
        "count": deleted,
    }
    if wants_fragment(request, "part-history"):
        return render(request, f"{HISTORY}#part_history", _history_context(request, note))
    messages.success(request, note)
    return redirect("dataimport:history")
