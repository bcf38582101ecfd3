"""The same form as .txt, .docx and .xlsx gives the same records and the
same findings (issue 15).

Each text fixture (and f01 of the corpus) is rebuilt as a Word document
(python-docx: its table rows a real table, a goal cell spanning the blank
columns after it, a blank 一级/二级指标 cell under a filled one merged into
it, the other lines paragraphs) and as a workbook (openpyxl: the same grid,
amounts and percentages as numbers with their number format, merges as in
the document). Records are compared without locations (lines, paragraphs
and cells differ by nature), and findings by rule, kind, status,
severity, expected and stated.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from extract.pipeline import parse_file

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

FIXTURES = Path(__file__).parent / "fixtures" / "forms"
F01 = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "forms" / \
    "f01_canglanxian_jiaoyuju_2023_xiangmu_zipingbiao.txt"
NAMES = ["tab.txt", "merged_blank.txt", "blocks_apart.txt", "form_before_narrative.txt", "pipe_edges.txt",
         "form_after_narrative.txt", "pipe.txt", "two_row_header.txt", "indicators_only.txt", "target_form.txt"]


def _cells(line: str):
    """A table row's cells (TAB or ``|``), None for a line of text."""
    if "\t" in line:
        return line.split("\t")
    if "|" in line:
        cells = [c.strip() for c in line.split("|")]
        if line.startswith("|"):  # edge pipes (a row of a form without them may start " | |")
            cells = cells[1:-1] if line.rstrip().endswith("|") else cells[1:]
        return cells
    return None


def blocks(text: str):
    """The text as paragraphs (str) and tables (lists of rows)."""
    out: list = []
    for line in text.splitlines():
        cells = _cells(line)
        if cells is None:
            out.append(line)
        elif out and isinstance(out[-1], list):
            out[-1].append(cells)
        else:
            out.append([cells])
    return out


def merges(rows: list[list[str]]):
    """(row, col, last_row, last_col) merges of a form's table: a cell
    followed by blank cells before another filled one spans them (the goal
    cells); a blank 一级/二级指标 under a filled one continues it."""
    out = []
    n = max(len(r) for r in rows)
    for r, cells in enumerate(rows):
        cells = cells + [""] * (n - len(cells))
        filled = [c for c, t in enumerate(cells) if t]
        for a, b in zip(filled, filled[1:]):
            if b - a > 1 and r > 0 and not any(rows[r][0] == w for w in ("一级指标", "总分")):
                out.append((r, a, r, b - 1))
    header = next((i for i, row in enumerate(rows) if row and row[0] == "一级指标"), None)
    if header is not None:
        for col in (0, 1):
            r = header + 1
            while r < len(rows):
                if col < len(rows[r]) and rows[r][col] and rows[r][0] != "总分":
                    end = r
                    while end + 1 < len(rows) and col < len(rows[end + 1]) and not rows[end + 1][col] \
                            and rows[end + 1][0] != "总分" and (col == 0 or not rows[end + 1][0]):
                        end += 1
                    if end > r:
                        out.append((r, col, end, col))
                    r = end + 1
                else:
                    r += 1
    return out


def as_docx(text: str, path: Path) -> Path:
    document = docx.Document()
    for block in blocks(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        n = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=n)
        for r, cells in enumerate(block):
            for c, t in enumerate(cells):
                if t:
                    table.cell(r, c).text = t
        for r0, c0, r1, c1 in merges(block):
            table.cell(r0, c0).merge(table.cell(r1, c1))
    document.save(path)
    return path


_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.(\d+))?|-?\d+(?:\.(\d+))?")


def _typed(text: str):
    """A cell as a spreadsheet holds it: amounts and percentages as numbers
    with their number format, the rest as text."""
    if text.endswith("%") and _NUMBER.fullmatch(text[:-1]):
        decimals = len(text[:-1].split(".")[1]) if "." in text else 0
        return float(Decimal(text[:-1]) / 100), "0" + ("." + "0" * decimals if decimals else "") + "%"
    if _NUMBER.fullmatch(text):
        decimals = len(text.split(".")[1]) if "." in text else 0
        grouping = "#,##0" if "," in text else "0"
        return float(Decimal(text.replace(",", ""))), grouping + ("." + "0" * decimals if decimals else "")
    return text, None


def as_xlsx(text: str, path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    r = 1
    for block in blocks(text):
        rows = [[block]] if isinstance(block, str) else block
        for cells in rows:
            for c, t in enumerate(cells, 1):
                if t:
                    value, fmt = _typed(t)
                    ws.cell(r, c, value)
                    if fmt:
                        ws.cell(r, c).number_format = fmt
            r += 1
        if isinstance(block, list):
            top = r - len(block)
            for r0, c0, r1, c1 in merges(block):
                ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    wb.save(path)
    return path


def _cell(c):
    return (c.text, str(c.value) if c.value is not None else None, c.percent)


def record(report):
    """The forms of a report without locations or layout."""
    out = []
    for f in report.forms:
        out.append({
            "kind": f.kind, "stage": f.stage, "unit": f.funds_unit,
            "identity": {k: c.text for k, c in f.identity.items()},
            "funds": [(r.role, r.label, {k: _cell(c) for k, c in r.cells.items()}) for r in f.funds],
            "goals": {k: c.text for k, c in f.goals.items()},
            "indicators": [{k: _cell(c) for k, c in r.cells.items()} for r in f.indicators],
            "total": {k: _cell(c) for k, c in f.total.items()},
            "note": f.note.text if f.note else None,
        })
    return out


def findings(report):
    return sorted((c.rule, c.kind, c.status, c.severity or "", c.expected or "", c.stated or "")
                  for c in report.checks)


def _sources():
    out = [FIXTURES / n for n in NAMES]
    return out + ([F01] if F01.exists() else [])


@pytest.mark.parametrize("make", [as_docx, as_xlsx], ids=["docx", "xlsx"])
@pytest.mark.parametrize("source", _sources(), ids=lambda p: p.name[:12])
def test_the_same_form_in_another_format(source, make, tmp_path):
    text = source.read_text(encoding="utf-8")
    as_text = parse_file(source)
    other = parse_file(make(text, tmp_path / (source.stem + ("." + make.__name__[3:]))))
    assert other.source.format == make.__name__[3:]
    assert other.forms and record(other) == record(as_text)
    assert [(i.name, i.target.text, i.actual_text, i.met) for i in other.indicators] == \
        [(i.name, i.target.text, i.actual_text, i.met) for i in as_text.indicators]
    assert other.meta.self_score == as_text.meta.self_score and other.meta.grade == as_text.meta.grade
    assert findings(other) == findings(as_text)


def test_a_wrong_rate_is_found_in_every_format(tmp_path):
    """A planted error gives the same finding in the three formats."""
    text = (FIXTURES / "tab.txt").read_text(encoding="utf-8").replace("\t95.00%\t9.50", "\t96.00%\t9.50")
    path = tmp_path / "wrong.txt"
    path.write_text(text, encoding="utf-8")
    got = []
    for report in (parse_file(path), parse_file(as_docx(text, tmp_path / "w.docx")),
                   parse_file(as_xlsx(text, tmp_path / "w.xlsx"))):
        got.append([(c.rule, c.kind, c.expected, c.stated) for c in report.checks
                    if c.status == "fail" and c.severity == "error"])
    assert got[0] == got[1] == got[2]
    assert ("form", "rate", "95.00%", "96.00%") in got[0]
