"""The funds block's total row found in every layout, so that the form's
总分 sums its 分值/得分 with the indicators': a value row with no label cell
under a header with no corner cell, a header whose corner cell names the
total (年度资金总额) over a row labelled 资金总额, column word / value pairs one
cell per line; and a grade line ending a sentence (自评等级：良。).
Excerpts and figures are made up for these tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from test_forms import _aligned, failed, parse

COLUMNS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
VALUES = ["500.00", "600.00", "540.00", "10", "90.00%", "9.0"]
IND_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
INDICATORS = [["产出指标", "数量指标", f"培训场次{k}", "≥6场", "7场", "10", "10"] for k in range(9)]
TOTAL = ["总分", "", "", "", "", "100", "99.0"]


def grid(sep: str, corner=None, label=None, pipes=False) -> str:
    head = ([corner] if corner else []) + COLUMNS
    row = ([label] if label else []) + VALUES
    rows = [head, row, IND_HEADER] + INDICATORS + [TOTAL]
    wrap = (lambda cells: "|" + "|".join(cells) + "|") if pipes else (lambda cells: sep.join(cells))
    return "2025年度某县技能培训项目支出绩效自评表\n" + "\n".join(wrap(r) for r in rows) + "\n"


def aligned(corner=None, label=None) -> str:
    head = ([corner] if corner else []) + COLUMNS
    row = ([label] if label else []) + VALUES
    funds = _aligned([head, row])
    rest = _aligned([IND_HEADER] + INDICATORS + [TOTAL])
    return "2025年度某县技能培训项目支出绩效自评表\n" + "\n".join(funds + rest) + "\n"


def cells(head: list[str], funds: list[str]) -> str:
    rest = IND_HEADER + [c for r in INDICATORS for c in r] + ["总分", "100", "99.0"]
    return "2025年度某县技能培训项目支出绩效自评表\n" + "\n".join(head + funds + rest) + "\n"


def total_row(report):
    (form,) = report.forms
    rows = [r for r in form.funds if r.role == "total"]
    assert len(rows) == 1
    return rows[0]


LAYOUTS = {
    "pipe, no label cell": grid("|", pipes=True),
    "tab, no label cell": grid("\t"),
    "tab, corner 年度资金总额, row 资金总额": grid("\t", corner="年度资金总额", label="资金总额"),
    "pipe, corner 年度资金总额, row 资金总额": grid("|", corner="年度资金总额", label="资金总额", pipes=True),
    "space-aligned, no label cell": aligned(),
    "space-aligned, corner 年度资金总额, row 资金总额": aligned("年度资金总额", "资金总额"),
    "cells, no corner cell": cells(COLUMNS, VALUES),
    "cells, corner and row label": cells(["年度资金总额"] + COLUMNS, ["资金总额"] + VALUES),
    "cells, column/value pairs": cells([], [x for pair in zip(COLUMNS, VALUES) for x in pair]),
    "cells, labelled column/value pairs": cells(["年度资金总额", "资金总额"],
                                                [x for pair in zip(COLUMNS, VALUES) for x in pair]),
}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_the_funds_total_row_counts_into_the_form_total(name):
    report = parse(LAYOUTS[name])
    row = total_row(report)
    assert row.cells["executed"].value == Decimal("540.00")
    assert row.cells["weight"].value == Decimal("10")
    assert row.cells["score"].value == Decimal("9.0")
    assert failed(report) == []


def test_a_wrong_total_still_fails_with_the_funds_row_counted():
    text = LAYOUTS["tab, no label cell"].replace("100\t99.0", "100\t98.0")
    msgs = [c.message for c in failed(parse(text))]
    assert any("98.0" in m and "99.0" in m for m in msgs), msgs


def test_a_header_with_no_corner_cell_does_not_take_an_indicator_row():
    # a row of figures under the indicator header is no funds row
    report = parse(LAYOUTS["pipe, no label cell"])
    assert len(report.forms[0].indicators) == 9


def test_a_grade_line_ending_a_sentence_is_read_without_its_full_stop():
    text = cells(COLUMNS, VALUES) + "\n自评等级：优。\n"
    report = parse(text)
    assert report.forms[0].total["grade"].text == "优"
    assert failed(report) == []


def test_a_budget_execution_row_scored_alone_one_cell_per_line():
    # a 部门整体 form's indicator block ends with 预算执行率 | 分值 | 得分 only
    rows = [["产出指标", "数量指标", f"走访户数{k}", "≥50户", "52户", "10", "10"] for k in range(9)]
    rest = IND_HEADER + [c for r in rows for c in r] + ["预算执行率", "10", "9.0", "总分", "100", "99.0"]
    text = "2025年度某镇部门整体支出绩效自评表\n" + "\n".join(
        ["年度预算", "预算数", "执行数", "执行率", "年度资金总额", "600.00", "540.00", "90.0%"] + rest) + "\n"
    report = parse(text)
    (form,) = report.forms
    assert [r.label for r in form.indicators][-1] == "预算执行率"
    assert failed(report) == []
