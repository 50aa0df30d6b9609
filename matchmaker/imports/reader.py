"""Read a 征集表 (.xlsx or .csv) into a header row and numbered data rows.

- ``.xlsx`` through openpyxl in read-only mode, first worksheet, cached values of formulas
  (``data_only``). When the sheet holds formulas, a second read-only pass over it, in step, tells
  a formula cell whose cached value is missing (a file written by a program that does not
  calculate) from an empty cell: such a cell becomes ``MissingFormulaValue`` and the row reports it.
- ``.csv`` through the csv module: UTF-8 with or without BOM, else GB18030 (a superset of GBK,
  what Excel writes on Chinese Windows), tried strictly in that order; comma or tab separated.
- Row numbers are the sheet's: the header is row 1. Blank rows are skipped wherever they are (so
  trailing blank rows cost nothing) and columns without a header are ignored.

The type is decided by the content, not only the name: a PNG or a web page renamed ``.xlsx`` or
``.csv`` is refused with a clear message (``UnreadableFile``), never a stack trace.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import repeat
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from flask_babel import gettext as _

from ..errors import DomainError

EXTENSIONS = (".xlsx", ".csv")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an encrypted .xlsx
_BINARY_MAGICS = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"%PDF": "PDF",
    b"Rar!": "RAR",
    b"\x1f\x8b": "gzip",
    b"7z\xbc\xaf": "7z",
}


class UnreadableFile(DomainError):
    """The file is empty, not a spreadsheet, or cannot be decoded: nothing can be imported."""


class MissingFormulaValue:
    """A formula cell saved without its computed value."""

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __repr__(self) -> str:
        return f"MissingFormulaValue({self.formula!r})"


@dataclass
class Table:
    """The header row and the non-blank data rows, each with its sheet row number."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    #: "xlsx" or "csv"
    format: str
    #: CSV only: the encoding that decoded it.
    encoding: str | None = None


def file_format(filename: str, head: bytes) -> str:
    """"xlsx" or "csv", from the name and the first bytes; raises UnreadableFile otherwise."""
    name = (filename or "").lower()
    if not head:
        raise UnreadableFile(_("文件是空的（0 字节），请选择填写好的征集表。"))
    if not name.endswith(EXTENSIONS):
        if name.endswith(".xls"):
            raise UnreadableFile(_("不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再上传。"))
        raise UnreadableFile(_("只能导入 .xlsx 或 .csv 文件。"))
    if head.startswith(_OLE_MAGIC):
        raise UnreadableFile(_("这是旧版 .xls 或加密的 Excel 文件，请取消密码并另存为 .xlsx 后再上传。"))
    for magic, kind in _BINARY_MAGICS.items():
        if head.startswith(magic):
            raise UnreadableFile(_("文件内容是 %(kind)s，不是电子表格。请上传 .xlsx 或 .csv 征集表。", kind=kind))
    if name.endswith(".xlsx"):
        if not head.startswith(_ZIP_MAGIC):
            raise UnreadableFile(_("文件扩展名是 .xlsx，但内容不是 Excel 工作簿。请用 Excel 另存为 .xlsx 后再上传。"))
        return "xlsx"
    if head.startswith(_ZIP_MAGIC):
        raise UnreadableFile(_("文件扩展名是 .csv，但内容是压缩文件（可能是 .xlsx）。请改用正确的扩展名。"))
    return "csv"


def read_table(path: Path, filename: str, *, max_rows: int | None = None, peek: int | None = None) -> Table:
    """Read the file at ``path`` (uploaded as ``filename``); with ``peek``, stop after that many
    data rows (a quick look at a fresh upload: can it be opened, what is its header)."""
    with open(path, "rb") as fh:
        head = fh.read(16)
    fmt = file_format(filename, head)
    table = _read_xlsx(path, max_rows, peek) if fmt == "xlsx" else _read_csv(path.read_bytes(), max_rows, peek)
    if not any(table.headers):
        raise UnreadableFile(_("表格是空的：第1行没有表头，也没有数据。"))
    if not table.rows:
        raise UnreadableFile(_("表格只有表头，没有数据行。"))
    return table


# --- xlsx ----------------------------------------------------------------------------------
def _read_xlsx(path: Path, max_rows: int | None, peek: int | None = None) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values_book = load_workbook(path, read_only=True, data_only=True)
        formula_book = None
        if values_book.worksheets and _has_formulas(path, values_book.worksheets[0]):
            formula_book = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise UnreadableFile(_("无法读取这个 Excel 文件（%(why)s）。请用 Excel 打开后另存为 .xlsx 再上传。",
                               why=type(error).__name__)) from None
    except Exception as error:  # openpyxl raises many kinds on damaged XML
        raise UnreadableFile(_("Excel 文件已损坏，无法读取（%(why)s）。", why=type(error).__name__)) from None
    try:
        if not values_book.worksheets:
            raise UnreadableFile(_("工作簿里没有工作表。"))
        values = values_book.worksheets[0]
        formulas = formula_book.worksheets[0] if formula_book is not None else None
        for sheet in (values, formulas):
            if sheet is not None:
                sheet.reset_dimensions()  # some programs write wrong dimensions; read what is there
        try:
            return _xlsx_rows(values, formulas, max_rows, peek)
        except UnreadableFile:
            raise
        except Exception as error:
            raise UnreadableFile(_("Excel 文件已损坏，无法读取（%(why)s）。", why=type(error).__name__)) from None
    finally:
        values_book.close()
        if formula_book is not None:
            formula_book.close()


_FORMULA_ELEMENT = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?f[\s>/]")


def _has_formulas(path: Path, sheet) -> bool:
    """Whether the sheet's XML holds any formula element: only then is the second pass needed.

    A streamed scan of the raw XML (a few hundredths of a second for 10 000 rows) instead of a
    second full parse. When the sheet's part cannot be found, assume there are formulas.
    """
    member = getattr(sheet, "_worksheet_path", None)
    if not member:
        return True
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
            tail = b""
            for block in iter(lambda: stream.read(1 << 20), b""):
                if _FORMULA_ELEMENT.search(tail + block):
                    return True
                tail = block[-64:]
    except (KeyError, zipfile.BadZipFile, OSError):
        return True
    return False


def _xlsx_rows(values, formulas, max_rows: int | None, peek: int | None = None) -> Table:
    formula_rows = formulas.iter_rows(values_only=True) if formulas is not None else repeat(())

    def records() -> Iterator[list[Any]]:
        for row, formula_row in zip(values.iter_rows(values_only=True), formula_rows):
            cells = list(row)
            for i, cell in enumerate(cells):
                if cell is None and i < len(formula_row) and _is_formula(formula_row[i]):
                    cells[i] = MissingFormulaValue(str(getattr(formula_row[i], "text", formula_row[i])))
            yield cells

    headers, rows = _table(records(), _xlsx_value, None, max_rows, peek)
    return Table(headers, rows, "xlsx")


def _table(records: Iterable[list[Any]], convert: Callable[[Any], Any], pad: Any, max_rows: int | None,
           peek: int | None) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """The header (the first row, cut after its last filled cell) and the data rows with their
    sheet row numbers, blank rows left out; ``convert`` turns a cell into a value, ``pad`` fills
    a short row. Stops after ``peek`` data rows when given."""
    headers: list[str] | None = None
    width = 0
    rows: list[tuple[int, list[Any]]] = []
    for number, record in enumerate(records, start=1):
        if headers is None:
            headers = [_header_text(c) for c in record]
            width = _last_filled(headers)
            headers = headers[:width]
            continue
        cells = [convert(c) for c in record[:width]]
        cells += [pad] * (width - len(cells))
        if _blank(cells):
            continue
        rows.append((number, cells))
        _check_size(rows, max_rows)
        if peek is not None and len(rows) >= peek:
            break
    return headers or [], rows


def _is_formula(value: Any) -> bool:
    text = getattr(value, "text", value)  # an array formula is an object holding its text
    return isinstance(text, str) and text.startswith("=") and len(text) > 1


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, time):  # a time-only cell means nothing here: show it as text
        return value.isoformat()
    return value


# --- csv -----------------------------------------------------------------------------------
def decode_csv(data: bytes) -> tuple[str, str]:
    """The text and the encoding: UTF-8 (BOM or not), else GB18030, each tried strictly."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("无法识别 CSV 文件的编码。请另存为“CSV UTF-8（逗号分隔）”或 GBK 编码的 CSV。"))


def _read_csv(data: bytes, max_rows: int | None, peek: int | None = None) -> Table:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(_("文件含有二进制内容，不是 CSV 表格。"))
    text, encoding = decode_csv(data)
    start = text.lstrip()[:200].lower()
    if start.startswith(("<!doctype", "<html", "<?xml", "<table", "<head", "<body")):
        raise UnreadableFile(_("文件内容是网页（HTML/XML），不是 CSV 表格。请在 Excel 中另存为 .xlsx 或 .csv。"))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as error:
        raise UnreadableFile(_("CSV 文件格式有误：%(why)s", why=str(error))) from None
    headers, rows = _table(records, str.strip, "", max_rows, peek)
    return Table(headers, rows, "csv", encoding)


# --- shared --------------------------------------------------------------------------------
def _header_text(value: Any) -> str:
    if value is None or isinstance(value, MissingFormulaValue):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value).strip()


def _last_filled(cells: list[str]) -> int:
    """Width of the header row: blank columns after the last header are dropped."""
    for index in range(len(cells), 0, -1):
        if cells[index - 1]:
            return index
    return 0


def _blank(cells: list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _check_size(rows: list, max_rows: int | None) -> None:
    if max_rows is not None and len(rows) > max_rows:
        raise UnreadableFile(_("文件超过 %(n)d 行数据的上限，请分成几个文件导入。", n=max_rows))
