"""Spreadsheets (.xlsx, .xlsm with openpyxl; .xls with xlrd) -> :class:`~extract.span.SourceText`.

Many 自评表 are published as spreadsheets. Each visible sheet is laid out
like every other loader's tables: one TAB-separated line per row that has
text, over the sheet's used columns, so the text pipeline reads the same
form whether it came as a spreadsheet, a PDF or a Word file. A merged range
shows its text in its first cell and empty cells over the rest (as a
``gridSpan``/``vMerge`` does in Word). Each line's origin is ``SHEET!ROW``
(1-based row; column k of the line is the sheet's k-th used column).

What a cell shows is what a reader of the sheet sees:

- a formula reads as its cached value (the value Excel last computed); a
  formula with no cached value (a file written by a program that never
  calculated it) reads as empty and is noted;
- numbers are shown through their number format: ``0.00%`` holding 0.9113
  reads ``91.13%``, ``#,##0.00`` holding 1752.9 reads ``1,752.90``,
  ``0.0`` holding 95 reads ``95.0``; General numbers read as written
  (1752.99, not 1752.9899999999998); dates read ``2024年4月1日``;
- hidden sheets are not read, and are noted.

The notes (formulas without a value, hidden sheets) come back with the text
so that :class:`~extract.model.Source` can carry them. A package is checked
for zip bombs and entity declarations before openpyxl opens it, as a .docx is.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Iterable, Optional, Sequence

from .. import limits
from ..errors import CorruptDocument, EmptyInput, EncryptedDocument, UnsupportedFormat
from ..span import SourceText
from .lines import SourceBuilder
from .package import check_package

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# The parts of a number format that say how a number is shown.
_SECTION = re.compile(r'(?:"[^"]*"|\\.|\[[^\]]*\]|[^;])*')
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def format_number(value: float | int | Decimal, number_format: Optional[str]) -> str:
    """``value`` as its number format shows it: decimals and grouping of the
    format's first section, a percent format times 100 (``0.00%``, 0.9113 ->
    ``91.13%``); General (or no format) as the shortest text that reads back
    as the same number (``1752.99``, ``100``)."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    fmt = (number_format or "General").strip()
    if fmt.lower() in ("general", "@", ""):
        return _plain(number)
    section = _SECTION.match(fmt).group(0)  # positive numbers' section
    bare = _QUOTED.sub("", section)
    percent = "%" in bare
    if percent:
        number *= 100
    point = bare.find(".")
    decimals = 0
    if point >= 0:
        decimals = len(re.match(r"[0#?]*", bare[point + 1:]).group(0))
    if not re.search(r"[0#?]", bare):
        return _plain(number) + ("%" if percent else "")
    # Excel rounds half away from zero when it shows a number (2.345 as 0.00 is 2.35)
    number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{number:,.{decimals}f}" if "," in bare.split(".")[0] else f"{number:.{decimals}f}"
    return text + ("%" if percent else "")


def _plain(number: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 1752.990 -> 1752.99, 1E+2 -> 100."""
    return format(number.normalize(), "f")


def format_cell(value: object, number_format: Optional[str] = None) -> str:
    """The text a cell shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) == (0, 0, 0):
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    if isinstance(value, (int, float, Decimal)):
        try:
            return format_number(value, number_format)
        except (InvalidOperation, ValueError):
            return str(value)
    return str(value)


def _lay_out(builder: SourceBuilder, sheet: str, rows: Iterable[tuple[int, Sequence[str]]]) -> None:
    """The rows of one sheet (row number, cell texts) into ``builder``,
    trimmed to the sheet's used columns; a row of one cell is a paragraph."""
    rows = [(n, list(cells)) for n, cells in rows]
    used = [i for _, cells in rows for i, c in enumerate(cells) if c.strip()]
    if not used:
        return
    first, last = min(used), max(used)
    for n, cells in rows:
        cells = cells[first:last + 1]
        texts = [c for c in cells if c.strip()]
        origin = f"{sheet}!{n}"
        if len(texts) == 1 and cells and cells[0].strip():
            builder.line(texts[0], origin=origin)  # a title or a note across the sheet
        else:
            builder.row(cells, origin=origin)


def _workbook_text(out: SourceBuilder, notes: list[str], path) -> tuple[SourceText, list[str]]:
    """The laid-out text of a workbook; EmptyInput when its sheets hold no
    cell values, as an empty .txt or .docx is: no report to check and pass."""
    source = out.build()
    if not source.text.strip():
        hidden = " (its hidden sheets are not read)" if notes else ""
        raise EmptyInput(f"the workbook's sheets hold no cell values{hidden}", path)
    return source, notes


def _open_xlsx(data: bytes, path, data_only: bool):
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds for a damaged package
        raise CorruptDocument(f"not a readable .xlsx workbook ({type(e).__name__}: {e})", path) from None


def load_xlsx(path: os.PathLike | str, data: Optional[bytes] = None) -> tuple[SourceText, list[str]]:
    """Read an .xlsx/.xlsm workbook; return its laid-out text and the
    loader's notes (hidden sheets, formulas without a cached value)."""
    if data is None:
        with open(path, "rb") as f:
            data = f.read()
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise EncryptedDocument("the workbook is protected by a password: save an unprotected copy", path)
        return load_xls(path, data)
    check_package(data, path, ".xlsx")
    values = _open_xlsx(data, path, data_only=True)
    formulas = _open_xlsx(data, path, data_only=False) if _has_formulas(data) else None
    out = SourceBuilder()
    notes: list[str] = []
    try:
        for ws in values.worksheets:
            if ws.sheet_state != "visible":
                notes.append(f"工作表“{ws.title}”为隐藏工作表，未读取")
                continue
            rows = []
            for r, row in enumerate(ws.iter_rows(), 1):
                limits.check_deadline()
                rows.append((r, [format_cell(getattr(c, "value", None), getattr(c, "number_format", None))
                                 for c in row]))
            if formulas is not None:
                notes.extend(f"工作表“{ws.title}”单元格 {ref} 的公式没有计算结果，按空白读取"
                             for ref in _formulas_without_value(formulas[ws.title], rows))
            _lay_out(out, ws.title, rows)
    finally:
        values.close()
        if formulas is not None:
            formulas.close()
    return _workbook_text(out, notes, path)


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the package holds a formula (an ``<f>``
    element), read from the zip without openpyxl."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                body = package.read(name)
                if b"<f>" in body or b"<f " in body or b"<x:f" in body:
                    return True
    return False


def _formulas_without_value(ws, rows: list[tuple[int, list[str]]]) -> list[str]:
    """Cells that hold a formula in ``ws`` (a workbook opened with
    formulas) but showed nothing in ``rows`` (the cached values)."""
    shown = {r: cells for r, cells in rows}
    out = []
    for r, row in enumerate(ws.iter_rows(), 1):
        for k, c in enumerate(row):
            value = getattr(c, "value", None)
            if isinstance(value, str) and value.startswith("="):
                cells = shown.get(r, [])
                if k >= len(cells) or not cells[k].strip():
                    out.append(getattr(c, "coordinate", f"R{r}C{k + 1}"))
    return out


def load_xls(path: os.PathLike | str, data: Optional[bytes] = None) -> tuple[SourceText, list[str]]:
    """Read an Excel 97-2003 (.xls) workbook with xlrd."""
    if data is None:
        with open(path, "rb") as f:
            data = f.read()
    try:
        import xlrd
    except ImportError:
        raise UnsupportedFormat("an Excel 97-2003 (.xls) workbook needs xlrd: pip install xlrd, "
                                "or save it as .xlsx", path) from None
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as e:  # noqa: BLE001 - xlrd raises many kinds for a damaged file
        raise CorruptDocument(f"not a readable .xls workbook ({type(e).__name__}: {e})", path) from None
    out = SourceBuilder()
    notes: list[str] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if getattr(sheet, "visibility", 0):
                notes.append(f"工作表“{sheet.name}”为隐藏工作表，未读取")
                continue
            rows = []
            for r in range(sheet.nrows):
                limits.check_deadline()
                rows.append((r + 1, [_xls_cell(book, sheet, r, c) for c in range(sheet.ncols)]))
            _lay_out(out, sheet.name, rows)
    finally:
        book.release_resources()
    return _workbook_text(out, notes, path)


def _xls_cell(book, sheet, r: int, c: int) -> str:
    import xlrd

    cell = sheet.cell(r, c)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        return format_cell(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = None
        try:
            fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
        except (IndexError, KeyError, AttributeError):
            pass
        return format_cell(cell.value, fmt)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return format_cell(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ""
    return str(cell.value)
