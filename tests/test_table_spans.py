"""Merged cells as their loader drew them: Cell.colspan/rowspan from Word
gridSpan/vMerge, HTML colspan/rowspan and a PDF's ruling lines (a merge
the page break cuts goes on on the next page). Blank merged cells are
filled as before (hierarchy columns), so the data view does not change."""

from __future__ import annotations

import shutil

import docx
import pytest

from extract.load.geometry import Row, cell_span, continue_merges
from extract.pipeline import parse_file

from conftest import ROOT, SHARED_REAL

FIXTURES = ROOT / "tests" / "fixtures"
STEM = "2024_jiangmen_kejiju_department_overall_self_evaluation"

# our own small indicator table: a two-column header cell, a label merged down
HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "完成值"]
BODY = [["产出指标", "数量指标", "新建站点数量", "≥3个", "4个"],
        ["", "", "培训人次", "≥200人次", "260人次"],
        ["", "质量指标", "验收合格率", "≥95%", "98%"],
        ["效益指标", "社会效益指标", "服务群众人次", "≥1000人次", "1200人次"]]
NOTE = "注：指标值为年初设定值"


def spans(table):
    return {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells}


def _check(report):
    """One table (the note row across it splits nothing); the label merged
    down three rows and the one merged down two; the data view filled as
    before."""
    (table,) = report.tables
    got = spans(table)
    assert got[(1, 0)] == (3, 1) and got[(1, 1)] == (2, 1) and got[(4, 0)] == (1, 1)
    assert table.cell(5, 0).text == NOTE and got[(5, 0)] == (1, 5)
    assert [(i.level1, i.level2, i.name) for i in report.indicators] == [
        ("产出指标", "数量指标", "新建站点数量"), ("产出指标", "数量指标", "培训人次"),
        ("产出指标", "质量指标", "验收合格率"), ("效益指标", "社会效益指标", "服务群众人次")]


def test_docx_grid_span_and_vertical_merge(tmp_path):
    document = docx.Document()
    document.add_paragraph("三、绩效目标完成情况")
    table = document.add_table(rows=2 + len(BODY), cols=5)
    table.style = "Table Grid"
    for j, text in enumerate(HEADER):
        table.cell(0, j).text = text
    for i, row in enumerate(BODY, 1):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(1, 0).merge(table.cell(3, 0)).text = "产出指标"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "数量指标"
    table.cell(5, 0).merge(table.cell(5, 4)).text = NOTE
    path = tmp_path / "r.docx"
    document.save(path)
    _check(parse_file(path, run_checks=False))
    if shutil.which("soffice"):  # the same printed by LibreOffice: spans from the ruling lines
        from extract.load.office import convert

        pdf = tmp_path / "r.pdf"
        pdf.write_bytes(convert(path.read_bytes(), ".docx", "pdf"))
        _check(parse_file(pdf, run_checks=False))


def test_html_colspan_and_rowspan(tmp_path):
    rows = ["<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>",
            "<tr><td rowspan=3>产出指标</td><td rowspan=2>数量指标</td>"
            + "".join(f"<td>{c}</td>" for c in BODY[0][2:]) + "</tr>",
            "<tr>" + "".join(f"<td>{c}</td>" for c in BODY[1][2:]) + "</tr>",
            "<tr>" + "".join(f"<td>{c}</td>" for c in BODY[2][1:]) + "</tr>",
            "<tr>" + "".join(f"<td>{c}</td>" for c in BODY[3]) + "</tr>",
            f"<tr><td colspan=5>{NOTE}</td></tr>"]
    p = tmp_path / "r.html"
    p.write_text("<html><head><meta charset='utf-8'></head><body><p>三、绩效目标完成情况</p>"
                 f"<table border=1>{''.join(rows)}</table></body></html>", encoding="utf-8")
    _check(parse_file(p, run_checks=False))


@pytest.mark.parametrize("form", ["docx", "html", "pdf"])
def test_fixture_spans_agree(form):
    """The 2024 fixtures: the corner column 绩效指标 is one cell over the
    18 indicator rows, in the PDF too, across its page break."""
    report = parse_file(FIXTURES / f"{STEM}.{form}", run_checks=False)
    got = spans(report.tables[1])
    assert got[(1, 0)] == (18, 1) and got[(1, 1)] == (12, 1) and got[(1, 2)] == (9, 1) and got[(13, 2)] == (2, 1)


def test_ruling_spans():
    lefts, tops = [0, 50, 100, 150], [0, 20, 40]
    assert cell_span((0, 0, 100, 20), lefts, tops) == (1, 2)
    assert cell_span((100, 0, 200, 60), lefts, tops) == (3, 2)
    assert cell_span((50.4, 19.6, 100, 40), lefts, tops) == (1, 1)


def test_merge_cut_by_the_page_break_goes_on():
    page = [Row(["绩效指标", "甲"], (0, 0, 1, 1), 1, spans=[(2, 1), (1, 1)]),
            Row([None, "乙"], (0, 0, 1, 1), 1, spans=[None, (1, 1)])]
    top = Row(["", "丙"], (0, 0, 1, 1), 2, spans=[(1, 1), (1, 1)])
    continue_merges(page, top)
    assert page[0].spans[0] == (3, 1) and top.spans[0] is None and top.cells[0] is None
    # a one-row cell above an empty one is no merge
    page = [Row(["合计", "5"], (0, 0, 1, 1), 1, spans=[(1, 1), (1, 1)])]
    top = Row(["备注", ""], (0, 0, 1, 1), 2, spans=[(1, 1), (1, 1)])
    continue_merges(page, top)
    assert page[0].spans == [(1, 1), (1, 1)] and top.cells[1] == ""


FINAL_ACCOUNTS = SHARED_REAL / "shanghai_putuo_finance_bureau_2024_final_accounts.pdf"


@pytest.mark.skipif(not FINAL_ACCOUNTS.exists(), reason="../shared/real is not here")
def test_final_accounts_title_row_and_header_spans():
    report = parse_file(FINAL_ACCOUNTS, run_checks=False)
    assert len(report.tables) == 10  # one-cell rows inside ruled tables split none
    three = next(t for t in report.tables if t.caption == "财政拨款“三公”经费支出决算表")
    got = spans(three)
    assert three.cell(0, 0).text == "财政拨款“三公”经费" and got[(0, 0)] == (1, 12)
    assert got[(1, 4)] == (1, 6) and got[(1, 0)] == (2, 2)
    total = next(t for t in report.tables if t.caption == "收入支出决算总表")
    assert spans(total)[(0, 0)] == (1, 2) and total.n_rows == 32


# ---------------------------------------------------------------- a scan without ruling lines


def _cell_glyphs(text, x, top, size=10.0):
    from extract.load.geometry import Glyph

    return [Glyph(ch, x + size * k, top, x + size * (k + 1) - 1, top + size) for k, ch in enumerate(text)]


def test_unruled_table_rows_and_columns_from_box_positions():
    """OCR'd glyphs of a table printed without lines: columns where the
    lines' runs start, a row where a line starts one; a cell's wrapped
    lines (名称 wrapped, and the value's tail "日前") join in reading order;
    a caption above and prose below stay lines."""
    from extract.load.geometry import PageTable, layout_page

    cols = [60, 200, 300, 400]
    layout = [  # (top, {column: text}); 14 pt a line
        (100, {0: "表1甲乙丙情况"}),
        (130, {0: "指标名称", 1: "指标值", 2: "完成值", 3: "备注"}),
        (144, {0: "新建站点数", 1: "≥3个", 2: "4个", 3: "无"}),
        (158, {0: "量"}),
        (172, {0: "完成时限", 1: "2024年4月", 2: "2024年4月", 3: "无"}),
        (186, {1: "1日前", 2: "1日前"}),
        (200, {0: "培训人次", 1: "≥200人次", 2: "260人次", 3: "无"}),
        (214, {0: "合格率", 1: "≥95%", 2: "98%"}),
        (260, {0: "以上指标均已完成。"}),
    ]
    glyphs = [g for top, cells in layout for k, text in cells.items() for g in _cell_glyphs(text, cols[k], top)]
    page = layout_page(1, 595, 842, glyphs, [], ocr=True)
    tables = [it for it in page.items if isinstance(it, PageTable)]
    assert len(tables) == 1
    assert [[c or "" for c in r.cells] for r in tables[0].rows] == [
        ["指标名称", "指标值", "完成值", "备注"], ["新建站点数量", "≥3个", "4个", "无"],
        ["完成时限", "2024年4月1日前", "2024年4月1日前", "无"], ["培训人次", "≥200人次", "260人次", "无"],
        ["合格率", "≥95%", "98%", ""]]
    lines = [it.text for it in page.items if not isinstance(it, PageTable)]
    assert lines == ["表1甲乙丙情况", "以上指标均已完成。"]
    # a text-layer page is never given made-up ruling
    assert not [it for it in layout_page(1, 595, 842, glyphs, [], ocr=False).items if isinstance(it, PageTable)]
