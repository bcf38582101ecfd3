"""Units stated once for a table: a unit line above it ("单位：万元"), its
caption, or a column header ("支出金额(元)") apply to each figure of the
table or column that states no unit of its own; a cell's own unit wins.
Titles without 表N right above a table are its caption. The same in every
loader (text, DOCX, HTML, PDF printed by LibreOffice)."""

from __future__ import annotations

import io
import shutil

import docx
import pytest

from extract.pipeline import Extractor, parse_file
from extract.ruleset import RuleSet
from extract.structure.tables import is_table_title, is_unit_line, stated_unit, table_preamble

from conftest import SHARED_REAL

RULES = RuleSet.default()
TABLES = RULES.tables

# Our own excerpt: a title without 表N, a unit line, a fund table.
REPORT = """一、专项资金使用情况
本年度各专项资金支出如下。
专项资金支出明细表
单位：万元
序号\t专项名称\t支出金额
1\t示范园区建设专项\t315.40
2\t人才引进补助专项\t88.00
3\t设备购置补贴专项\t1200元
合计\t\t403.52
"""


def funds_of(report):
    return [(f.name, str(f.amount.value), f.amount.unit, str(f.amount.normalized_value)) for f in report.funds]


WANT = [("示范园区建设专项", "315.40", "万元", "3154000"), ("人才引进补助专项", "88.00", "万元", "880000"),
        ("设备购置补贴专项", "1200", "元", "1200")]


@pytest.mark.parametrize("line, unit", [("单位：万元", "万元"), ("（金额单位：元）", "元"), ("单位: 亿元", "亿元"),
                                        ("单位：万元 ", "万元")])
def test_unit_lines(line, unit):
    assert is_unit_line(line, TABLES) and stated_unit(line, TABLES) == unit


@pytest.mark.parametrize("line", ["单位名称：某某局", "本单位支出5万元", "（三）单位：万元以上的项目"])
def test_no_unit_lines(line):
    assert not is_unit_line(line, TABLES)


def test_titles_without_a_number():
    assert is_table_title("收入支出决算总表", TABLES, above_unit_line=False)
    assert is_table_title("重点项目推进情况", TABLES, above_unit_line=True)
    assert not is_table_title("重点项目推进情况", TABLES, above_unit_line=False)  # could be any line
    assert not is_table_title("各专项资金支出如下，详见下表。", TABLES, above_unit_line=True)
    assert not is_table_title("2,940.05", TABLES, above_unit_line=True)


def test_preamble_nearest_first():
    assert table_preamble(["单位：万元", "收入决算表"], TABLES) == (1, 0)
    assert table_preamble(["收入决算表", "正文。"], TABLES) == (0, None)
    assert table_preamble(["单位：万元", None], TABLES) == (None, 0)  # a heading is never the title
    assert table_preamble([None, "收入决算表"], TABLES) == (None, None)
    assert table_preamble(["收入决算表    单位：万元", "正文。"], TABLES) == (0, 0)
    assert table_preamble(["编制部门：某某街道办事处    单位：元", "2023年部门收入预算总表"], TABLES) == (1, 0)
    assert table_preamble(["本段所列金额的单位：元", "x"], TABLES) == (None, None)


def test_text_unit_line_and_title():
    report = Extractor().parse_text(REPORT, run_checks=False)
    (table,) = report.tables
    assert (table.caption, table.unit, table.number) == ("专项资金支出明细表", "万元", None)
    assert funds_of(report) == WANT
    # the fund amounts are claims too, in the table's unit
    claims = {c.metric: (str(c.value), c.unit) for c in report.claims if c.origin == "table"}
    assert claims["示范园区建设专项"] == ("315.40", "万元")
    # the title and the unit line are no paragraphs of the section
    assert "专项资金支出明细表" not in report.sections[0].body and "单位" not in report.sections[0].body


def test_column_header_unit_wins_over_the_unit_line():
    text = REPORT.replace("支出金额", "支出金额(元)").replace("1200元", "1200")
    report = Extractor().parse_text(text, run_checks=False)
    assert [f.amount.unit for f in report.funds] == ["元", "元", "元"]


def test_caption_unit_and_unit_line_under_a_numbered_caption():
    text = REPORT.replace("专项资金支出明细表\n单位：万元\n", "表1 专项资金支出明细表（单位：元）\n")
    report = Extractor().parse_text(text, run_checks=False)
    assert report.tables[0].number == "1" and report.tables[0].unit == "元"
    assert [f.amount.unit for f in report.funds] == ["元", "元", "元"]
    text = REPORT.replace("专项资金支出明细表\n", "表1 专项资金支出明细表\n")
    report = Extractor().parse_text(text, run_checks=False)
    assert (report.tables[0].number, report.tables[0].caption, report.tables[0].unit) == ("1", "专项资金支出明细表", "万元")


def test_unit_line_repeated_for_every_table_is_no_running_header():
    block = REPORT.split("专项资金支出明细表\n", 1)[1]
    text = "一、资金情况\n" + "".join(f"第{k}季度支出表\n" + block for k in "一二三")
    report = Extractor().parse_text(text, run_checks=False)
    assert [(t.caption, t.unit) for t in report.tables] == [(f"第{k}季度支出表", "万元") for k in "一二三"]
    assert len(report.funds) == 9 and {f.amount.unit for f in report.funds} == {"万元", "元"}


def test_budget_figures_of_a_unit_line_table():
    text = ("一、预算执行情况\n项目资金情况表\n单位：元\n项目资金\t年初预算数\t全年预算数\t全年执行数\t执行率\n"
            "年度资金总额\t500000\t480000\t456000\t95%\n")
    report = Extractor().parse_text(text, run_checks=False)
    assert report.budget.executed is not None
    assert (str(report.budget.executed.quantity.value), report.budget.executed.quantity.unit) == ("456000", "元")


# ---------------------------------------------------------------- other loaders


def _docx(path):
    document = docx.Document()
    for line in REPORT.split("\n")[:4]:
        document.add_paragraph(line)
    rows = [r.split("\t") for r in REPORT.strip().split("\n")[4:]]
    table = document.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    document.save(path)
    return path


def test_docx_unit_line(tmp_path):
    report = parse_file(_docx(tmp_path / "r.docx"), run_checks=False)
    assert (report.tables[0].caption, report.tables[0].unit) == ("专项资金支出明细表", "万元")
    assert funds_of(report) == WANT


def test_html_unit_line(tmp_path):
    head, rows = REPORT.split("\n")[:4], [r.split("\t") for r in REPORT.strip().split("\n")[4:]]
    body = "".join(f"<p>{t}</p>" for t in head) + "<table border=1>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    p = tmp_path / "r.html"
    p.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    report = parse_file(p, run_checks=False)
    assert (report.tables[0].caption, report.tables[0].unit) == ("专项资金支出明细表", "万元")
    assert funds_of(report) == WANT


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_pdf_unit_line(tmp_path):
    from extract.load.office import convert

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(convert(_docx(tmp_path / "r.docx").read_bytes(), ".docx", "pdf"))
    report = parse_file(pdf, run_checks=False)
    assert report.source.format == "pdf"
    assert (report.tables[0].caption, report.tables[0].unit) == ("专项资金支出明细表", "万元")
    assert funds_of(report) == WANT


# ---------------------------------------------------------------- a real 决算

FINAL_ACCOUNTS = SHARED_REAL / "shanghai_putuo_finance_bureau_2024_final_accounts.pdf"


@pytest.mark.skipif(not FINAL_ACCOUNTS.exists(), reason="../shared/real is not here")
def test_final_accounts_funds_all_have_units():
    report = parse_file(FINAL_ACCOUNTS, run_checks=False)
    assert len(report.funds) == 12
    assert {f.amount.unit for f in report.funds} == {"万元"}
    assert report.funds[0].amount.normalized_value == 20828500  # 2,082.85 万元
    titled = [t for t in report.tables if t.caption]
    assert "一般公共预算财政拨款基本支出决算表" in [t.caption for t in titled]
    assert all(t.unit == "万元" for t in titled)


def test_indicator_figures_take_their_column_unit():
    text = ("一、绩效目标完成情况\n一级指标\t二级指标\t三级指标\t指标值(万元)\t完成值(万元)\n"
            "产出指标\t成本指标\t设备购置支出\t≤80\t76.5\n"
            "\t\t培训支出\t≤12\t12.40元\n")
    report = Extractor().parse_text(text, run_checks=False)
    first, second = report.indicators
    assert (first.target.quantity.unit, first.actual.unit, first.met) == ("万元", "万元", True)
    assert second.actual.unit == "元"  # a cell's own unit wins
