"""The findings of a check run as a spreadsheet (.xlsx) or CSV, for the
people who check drafts in spreadsheets.

:func:`finding_rows` gives one row per finding (failed check) of every
file read, most severe first within a file, with the columns of
:data:`COLUMNS`: 文件, 页 (the pages, ``3、4``), 行 (lines of the laid-out
text), 严重程度 (错误/警告/提示), 规则 (rule id), 说明 (the message), 原文 (the
quoted text), 应为, 实为, 处理 (确认 or 不是问题, when decided), 备注 (the
decision's note, who and when) and 指纹 (the finding's fingerprint, what
``extract review`` takes). :func:`write_findings` writes them to a path by
its suffix: ``.xlsx`` (openpyxl: bold frozen header with a filter, columns
sized to their text) or ``.csv`` (UTF-8 with a byte-order mark, so that
Excel reads the Chinese).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..report.text import SEVERITY_NAMES
from ..widths import display_width

if TYPE_CHECKING:
    from ..check_run import CheckRun
    from ..model import CheckResult
    from ..review import Decision

COLUMNS = ("文件", "页", "行", "严重程度", "规则", "说明", "原文", "应为", "实为", "处理", "备注", "指纹")
SHEET_SUFFIXES = (".xlsx", ".csv")
MAX_WIDTH = 60  # characters: a long quote wraps instead of widening its column


def _joined(values) -> str:
    seen: list = []
    for v in values:
        if v is not None and v not in seen:
            seen.append(v)
    return "、".join(str(v) for v in seen)


def decision_note(d: "Decision") -> str:
    """The 备注 of a decision: its note, then who and the day (``口径不同（张三，2026-12-01）``)."""
    who = "，".join(x for x in (d.by, d.at[:10]) if x)
    return d.note + (f"（{who}）" if who else "")


def finding_row(path: str, fp: str, r: "CheckResult", d: Optional["Decision"] = None) -> dict[str, str]:
    """The row (column name -> text) of one finding of the file ``path``,
    with its fingerprint ``fp`` and its decision ``d`` (if any)."""
    return dict(zip(COLUMNS, (
        path, _joined(loc.page for loc in r.locations), _joined(loc.line for loc in r.locations),
        SEVERITY_NAMES.get(r.severity, r.severity or ""), r.rule, r.message, r.quote or "",
        r.expected or "", r.stated or "", d.label if d is not None else "",
        decision_note(d) if d is not None else "", fp)))


def finding_rows(run: "CheckRun") -> list[dict[str, str]]:
    """One row (column name -> text) per finding of every file of ``run`` that was read."""
    return [finding_row(f.path, fp, r, d) for f in run.checked for fp, r, d in f.fingerprinted()]



def write_xlsx(rows: list[dict[str, str]], path: os.PathLike | str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "发现"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([row[c] for c in COLUMNS])
    for i, name in enumerate(COLUMNS, start=1):
        widest = max([display_width(name), *(display_width(row[name]) for row in rows)])
        ws.column_dimensions[get_column_letter(i)].width = min(widest + 2, MAX_WIDTH)
        if widest > MAX_WIDTH:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    wb.save(path)


def write_csv(rows: list[dict[str, str]], path: os.PathLike | str) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)


def write_findings(run: "CheckRun", path: os.PathLike | str) -> int:
    """Write the findings of ``run`` to ``path`` (.xlsx or .csv); returns the number of rows."""
    suffix = Path(path).suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise ValueError(f"cannot export findings to {suffix or 'a file without suffix'} "
                         f"(give {' or '.join(SHEET_SUFFIXES)})")
    rows = finding_rows(run)
    (write_xlsx if suffix == ".xlsx" else write_csv)(rows, path)
    return len(rows)


__all__ = ["finding_row", "finding_rows", "decision_note", "write_findings", "COLUMNS"]
