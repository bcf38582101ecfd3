"""Spreadsheet 自评表 (.xlsx, .xls): the same indicators and findings as the
text of the form, through merged cells, number formats, formulas and
hidden sheets."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT
from extract.errors import CorruptDocument
from extract.load import load_document
from extract.load.spreadsheet import format_cell, format_number
from extract.pipeline import Extractor

openpyxl = pytest.importorskip("openpyxl")

CORPUS_FORMS = ROOT.parent / "shared" / "corpus" / "forms"
_PERCENT = re.compile(r"(\d+)\.(\d+)%")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+\.(\d+)")


def _typed(text: str):
    """A cell's text as a spreadsheet would hold it: percentages and grouped
    decimals as numbers with their number format, the rest as text."""
    m = _PERCENT.fullmatch(text)
    if m:
        return float(Decimal(text[:-1]) / 100), "0." + "0" * len(m.group(2)) + "%"
    m = _GROUPED.fullmatch(text)
    if m:
        return float(Decimal(text.replace(",", ""))), "#,##0." + "0" * len(m.group(1))
    return text, None


def workbook_of(text: str, path: Path, merge: bool = True) -> Path:
    """The lines of a text form as one sheet: TAB rows across columns, other
    lines in column A; a blank cell right under a filled one in the first
    two columns of a table merged into it (a vertical merge, as forms do)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目支出绩效自评表"
    rows = [line.split("\t") for line in text.splitlines()]
    for r, cells in enumerate(rows, 1):
        for c, cell in enumerate(cells, 1):
            if not cell:
                continue
            value, fmt = _typed(cell)
            ws.cell(r, c, value)
            if fmt:
                ws.cell(r, c).number_format = fmt
    if merge:
        for col in (1, 2):
            r = 1
            while r <= len(rows):
                cells = rows[r - 1]
                if len(cells) > 1 and len(cells) >= col and cells[col - 1]:
                    end = r
                    while (end < len(rows) and len(rows[end]) > 1 and len(rows[end]) >= col
                           and not rows[end][col - 1]):
                        end += 1
                    if end > r:
                        ws.merge_cells(start_row=r, start_column=col, end_row=end, end_column=col)
                    r = end + 1
                else:
                    r += 1
    hidden = wb.create_sheet("参数")
    hidden["A1"] = "不应读取的隐藏内容"
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def _findings(report):
    return sorted((c.rule, c.status, c.severity, c.expected, c.stated) for c in report.checks)


def _indicators(report):
    return [(i.level1, i.level2, i.name, i.target.text, i.actual_text, i.met, str(i.weight), str(i.score))
            for i in report.indicators]


@pytest.mark.skipif(not CORPUS_FORMS.is_dir(), reason="../shared/corpus is not here")
@pytest.mark.parametrize("name", ["f01", "f13"])
def test_a_form_saved_as_xlsx_gives_the_indicators_and_findings_of_its_text(name, tmp_path):
    [form] = CORPUS_FORMS.glob(f"{name}_*.txt")
    text = form.read_text(encoding="utf-8")
    book = workbook_of(text, tmp_path / f"{name}.xlsx")
    ex = Extractor()
    as_text, as_book = ex.parse(form), ex.parse(book)
    assert as_book.source.format == "xlsx"
    assert as_book.indicators and _indicators(as_book) == _indicators(as_text)
    assert {r: getattr(as_book.budget, r).quantity.value for r, f in as_text.budget if f} == \
        {r: f.quantity.value for r, f in as_text.budget if f}
    assert _findings(as_book) == _findings(as_text)
    assert as_book.source.notes == ["工作表“参数”为隐藏工作表，未读取"]
    assert "不应读取" not in load_document(book).source.text


def test_merged_cells_read_as_text_then_empty_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
    ws.append(["产出指标", "数量指标", "培训人次", "≥500人次"])
    ws.append([None, None, "培训场次", "≥10场"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    wb.save(tmp_path / "m.xlsx")
    source = load_document(tmp_path / "m.xlsx").source
    assert source.text.splitlines() == ["一级指标\t二级指标\t三级指标\t指标值",
                                        "产出指标\t数量指标\t培训人次\t≥500人次",
                                        "\t\t培训场次\t≥10场"]
    assert source.line_origins[2] == "Sheet!3"


@pytest.mark.parametrize("value, fmt, shown", [
    (0.9113, "0.00%", "91.13%"),
    (1, "0%", "100%"),
    (0.5, "0.0%", "50.0%"),
    (1752.9, "#,##0.00", "1,752.90"),
    (1752.99, "General", "1752.99"),
    (1752.9899999999998, None, "1752.9899999999998"),
    (95, "0.0", "95.0"),
    (100, "General", "100"),
    (100.0, "General", "100"),
    (12345.678, '#,##0.00"万元"', "12,345.68"),
    (0.0833, "0.00%;[Red]-0.00%", "8.33%"),
    (2.345, "0.00", "2.35"),  # half away from zero, as Excel shows it
    (0.12345, "0.00%", "12.35%"),
])
def test_numbers_read_as_their_format_shows_them(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_dates_and_booleans_read_in_words():
    import datetime as dt

    assert format_cell(dt.datetime(2024, 4, 1)) == "2024年4月1日"
    assert format_cell(dt.date(2023, 12, 31)) == "2023年12月31日"
    assert format_cell(True) == "是"


def test_a_formula_without_a_computed_value_is_noted(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目", "预算数", "执行数", "执行率"])
    ws.append(["合计", 100, 95, "=C2/B2"])  # openpyxl writes no cached value
    wb.save(tmp_path / "f.xlsx")
    doc = load_document(tmp_path / "f.xlsx")
    assert doc.source.text.splitlines()[1] == "合计\t100\t95\t"
    assert doc.info.notes == ["工作表“Sheet”单元格 D2 的公式没有计算结果，按空白读取"]


def test_a_damaged_workbook_is_one_line_of_error(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(CorruptDocument) as e:
        load_document(bad)
    assert e.value.path == str(bad)


def test_an_xls_workbook_is_read_with_xlrd(tmp_path):
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the .xls fixture")
    book = xlwt.Workbook()
    sheet = book.add_sheet("自评表")
    pct = xlwt.easyxf(num_format_str="0.00%")
    for c, v in enumerate(["项目", "全年预算数", "全年执行数", "执行率"]):
        sheet.write(0, c, v)
    for c, v in enumerate(["年度资金总额", 120.5, 114.3]):
        sheet.write(1, c, v)
    sheet.write(1, 3, 0.9485, pct)
    book.save(str(tmp_path / "a.xls"))
    doc = load_document(tmp_path / "a.xls")
    assert doc.info.format == "xls"
    assert doc.source.text.splitlines() == ["项目\t全年预算数\t全年执行数\t执行率", "年度资金总额\t120.5\t114.3\t94.85%"]


def test_a_workbook_whose_sheets_hold_no_values_is_empty_input(tmp_path):
    """A workbook of blank sheets (cells formatted but holding nothing) is bad
    input, exit 2 with one line naming it, and a failed row in a batch, as an
    empty .txt or .docx is: not a report to be checked and passed."""
    from click.testing import CliRunner

    from extract.cli import main
    from extract.errors import EmptyInput

    wb = openpyxl.Workbook()
    wb.active["B3"].number_format = "0.00%"
    wb.active["C4"] = "   "
    wb.create_sheet("第二页")
    folder = tmp_path / "表"
    folder.mkdir()
    path = folder / "空表.xlsx"
    wb.save(path)
    with pytest.raises(EmptyInput) as e:
        load_document(path)
    assert e.value.path == str(path) and "no cell values" in e.value.reason
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert str(path) in line and "no cell values" in line
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(folder), "--out", str(out), "--workers", "1"])
    rows = [json.loads(r) for r in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["status"], r["error_class"]) for r in rows] == [("failed", "EmptyInput")]
