"""Tables staff download: CSV (UTF-8 with BOM, so Excel shows Chinese) or XLSX. One writer for all, and
every download is written to the audit trail here, so no export of personal data goes unrecorded."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .audit.models import AuditEvent
from .audit.services import audit_record

FORMATS = {"csv", "xlsx"}


def _cell(value):
    # Neutralise spreadsheet formulas in user-supplied text (CSV injection).
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return "" if value is None else value


def table_response(
    *, headers: Sequence[str], rows: Iterable[Sequence], filename: str, fmt: str, request, subject=None
) -> HttpResponse:
    """The table as a download; `request` is who asked (audited), `subject` what it is about (a session…)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    rows = [[_cell(v) for v in row] for row in rows]
    audit_record(
        action=AuditEvent.Action.EXPORTED, request=request, obj=subject, detail=f"{filename}.{fmt}，{len(rows)} 行"
    )
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows(rows)
        response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook()
        sheet = book.active
        sheet.append(list(headers))
        for row in rows:
            sheet.append(list(row))
        for index, header in enumerate(headers, start=1):
            width = max([len(str(header))] + [len(str(r[index - 1])) for r in rows[:200]]) + 4
            sheet.column_dimensions[get_column_letter(index)].width = min(width * 1.6, 60)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
