"""Write tables to ``.xlsx`` and ``.csv`` safely: every export, chart download and template uses this.

Spreadsheet programs run a cell that starts with ``= + - @`` (or a tab / carriage return followed
by one) as a formula: text typed by one user could then run in another user's Excel (CSV / formula
injection, OWASP). Every text cell written here is neutralised by a leading apostrophe, which Excel
and LibreOffice show as plain text. Numbers, dates and booleans stay typed so sums still work.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Sequence
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

#: Characters that make a spreadsheet treat a text cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv; charset=utf-8"


def attachment(filename: str, ascii_filename: str | None = None) -> str:
    """A ``Content-Disposition: attachment`` value with an RFC 6266 / 5987 UTF-8 name (e.g.
    技术需求_2026-12-02.xlsx) and a plain ASCII fallback for old clients."""
    fallback = ascii_filename or filename.encode("ascii", "ignore").decode() or "download"
    fallback = fallback.replace('"', "").replace("\\", "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def neutralise(value: Any) -> Any:
    """A value safe to put in a cell: text that could run as a formula gets a leading apostrophe."""
    if isinstance(value, str):
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
        return value
    return value


def cell_value(value: Any) -> Any:
    """Typed where a spreadsheet can use the type (numbers, dates), neutralised text otherwise."""
    if value is None or isinstance(value, (bool, int, float, date, datetime)):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)
        return value
    if isinstance(value, Decimal):
        return float(value)
    label = getattr(value, "label", None)  # LabeledEnum members are shown by their title
    text = str(label if label is not None else value)
    return neutralise(text)


@dataclass
class Sheet:
    """One worksheet: a title, the header row and the data rows."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]] = field(default_factory=list)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An ``.xlsx`` workbook with one worksheet per sheet, headers bold and frozen."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        ws = workbook.create_sheet(title=_sheet_title(sheet.title))
        widths = [max(8, min(40, len(str(h)) * 2 + 2)) for h in sheet.headers]
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        ws.append([_clean(neutralise(str(h))) for h in sheet.headers])
        for row in sheet.rows:
            ws.append([_clean(cell_value(v)) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so that Excel on Chinese Windows opens it correctly."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else _csv_text(cell_value(v)) for v in row])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def _csv_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _clean(value: Any) -> Any:
    """openpyxl refuses control characters in text; drop them rather than fail the export."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _sheet_title(title: str) -> str:
    """Excel limits sheet titles to 31 characters and forbids ``[]:*?/\\``."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title).strip() or "Sheet"
    return cleaned[:31]
