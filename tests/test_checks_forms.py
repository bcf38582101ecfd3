"""Each check kind on short written examples: the forms it reads, what it
leaves alone, and when it says skipped instead of guessing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.checks import findings_exit_code, run_checks
from extract.checks.counts import list_items
from extract.load.text import source_from_text
from extract.model import Cell, Location, Meta, Report, Source, Table
from extract.pipeline import parse_source


# The examples are excerpts of a self-evaluation report: they carry its
# title, so that the document is typed as one (an excerpt with no budget
# words at all, 获奖10项，其中一等奖2项, would be typed other and not checked).
TITLE = "2024年度项目支出绩效自评报告\n\n"


def checks_of(text: str):
    src = source_from_text(TITLE + text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines)).checks


def of(checks, rule, status=None):
    return [c for c in checks if c.rule == rule and (status is None or c.status == status)]


def para(text: str) -> str:
    return f"一、基本情况\n\n{text}\n"


# ------------------------------------------------------------------ breakdowns


def test_breakdown_across_units():
    ok = of(checks_of(para("项目预算总额1.5万元，其中设备购置5000元、培训费10000元。")), "stated_breakdown")
    assert [c.status for c in ok] == ["pass"]
    bad = of(checks_of(para("项目预算总额1.5万元，其中设备购置5000元、培训费9000元。")), "stated_breakdown")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "1.4万元"


def test_breakdown_in_parentheses_and_with_include():
    bad = of(checks_of(para("全年支出500万元（人员经费300万元，公用经费150万元）。")), "stated_breakdown")
    assert [c.status for c in bad] == ["fail"] and "450万元" in bad[0].message
    bad = of(checks_of(para("项目总投资400万元，包括中央资金300万元和省级资金200万元。")), "stated_breakdown")
    assert [c.status for c in bad] == ["fail"]


def test_a_single_parenthesised_figure_is_not_a_breakdown():
    checks = checks_of(para("新增省级平台7家（累计40家），共建协同创新中心16家（累计71家）。"))
    assert of(checks, "stated_breakdown") == []


def test_count_parts_may_be_a_selection():
    checks = checks_of(para("获奖10项，其中一等奖2项、二等奖3项。"))
    assert [c.status for c in of(checks, "stated_breakdown")] == ["skipped"]
    checks = checks_of(para("获奖10项，其中一等奖6项、二等奖5项。"))
    assert [c.status for c in of(checks, "stated_breakdown")] == ["fail"]


def test_a_part_larger_than_its_whole_fails():
    checks = checks_of(para("共有17家企业申报，其中20家获得补助。"))
    assert [c.status for c in of(checks, "stated_breakdown")] == ["fail"]


def test_scoped_figures_are_not_parts():
    checks = checks_of(para("完成投资500万元，其中同比增长100万元。"))
    assert of(checks, "stated_breakdown") == []
    checks = checks_of(para("总支出500万元，其中基本支出200万元、项目支出300万元、合计500万元。"))
    assert [c.status for c in of(checks, "stated_breakdown")] == ["pass"]


# ------------------------------------------------------------------ rates, differences


def test_budget_rate_and_balance():
    good = checks_of(para("年初预算100万元，调整后预算80万元，实际支出60万元，执行率75%，结余20万元。"))
    assert [c.status for c in of(good, "rate")] == ["pass"]
    assert [c.status for c in of(good, "difference")] == ["pass"]
    bad = checks_of(para("年初预算100万元，调整后预算80万元，实际支出60万元，执行率70%，结余25万元。"))
    assert [c.status for c in of(bad, "rate")] == ["fail"] and of(bad, "rate")[0].expected == "75.00%"
    assert [c.status for c in of(bad, "difference")] == ["fail"]


def test_rate_from_part_of_whole():
    checks = checks_of(para("抽查项目50个，其中合格45个，合格率90%。"))
    assert [c.status for c in of(checks, "rate")] == ["pass"]
    checks = checks_of(para("抽查项目50个，其中合格45个，合格率95%。"))
    assert [c.status for c in of(checks, "rate")] == ["fail"]


def test_rate_without_operands_is_skipped():
    # no figure in reach could be its operand: a stated figure, counted as such (never a pass)
    checks = checks_of(para("规上高企占比超62%。"))
    assert [c.status for c in of(checks, "rate")] == []
    assert [c.status for c in of(checks, "stated_rate")] == ["skipped"]


# ------------------------------------------------------------------ growth


def test_year_on_year_with_the_earlier_figure():
    checks = checks_of(para("营业收入120亿元，上年营业收入100亿元，同比增长20%。"))
    assert [c.status for c in of(checks, "growth")] == ["pass"]
    checks = checks_of(para("营业收入由100亿元增至125亿元，同比增长20%。"))
    assert [c.status for c in of(checks, "growth")] == ["fail"]


def test_average_growth_needs_its_years():
    checks = checks_of(para("2019至2022年，企业由100家增至133家，年均增长10%。"))
    assert [c.status for c in of(checks, "growth")] == ["pass"]  # 1.1^3 = 1.331
    checks = checks_of(para("企业由100家增至133家，年均增长10%。"))
    assert [c.status for c in of(checks, "growth")] == ["skipped"]


def test_decline():
    checks = checks_of(para("2020至2022年，能耗由100吨降至81吨，年均下降10%。"))
    assert [c.status for c in of(checks, "growth")] == ["pass"]


# ------------------------------------------------------------------ order


def test_enumeration_gap_and_heading_gap():
    checks = checks_of("一、基本情况\n\n一是甲。二是乙。四是丁。\n\n二、其他\n\n（一）甲\n\n（三）乙\n")
    enum = of(checks, "enumeration_order", "fail")
    assert [(c.stated, c.expected) for c in enum] == [("四是", "三是")]
    heads = of(checks, "heading_order", "fail")
    assert [(c.stated, c.expected, c.locations[0].line) for c in heads] == [("(三)", "(二)", 11)]


def test_a_new_list_restarts_at_one():
    checks = checks_of(para("主要原因：一是甲；二是乙。改进措施：一是丙；二是丁。"))
    assert of(checks, "enumeration_order", "fail") == []


# ------------------------------------------------------------------ counts in words


def test_list_items_split_on_joined_items_of_the_list_ending():
    items, selection = list_items("甲建设专项、乙建设专项和丙扶持专项、基础与应用基础研究重点专项", ["和", "及", "与"])
    assert items == ["甲建设专项", "乙建设专项", "丙扶持专项", "基础与应用基础研究重点专项"]
    assert not selection
    items, selection = list_items("台山、开平等", ["和"])
    assert items == ["台山", "开平"] and selection


def test_count_against_its_list():
    assert [c.status for c in of(checks_of(para("下设三个专项，包括甲专项、乙专项和丙专项。")),
                                 "count_in_words")] == ["pass"]
    bad = of(checks_of(para("下设三个专项，包括甲专项、乙专项、丙专项和丁专项。")), "count_in_words")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "4"


def test_a_list_with_etc_may_be_shorter():
    assert of(checks_of(para("大江、址山等5家专业镇获批。")), "count_in_words") == []
    bad = of(checks_of(para("台山、开平、鹤山、恩平、新会等4个县市获批。")), "count_in_words")
    assert [c.status for c in bad] == ["fail"]


# ------------------------------------------------------------------ targets, grades


SELF_EVALUATION = """项目支出绩效自评表

一、自评结论

本项目自评得分{score}分，评价等级为{grade}。

二、指标

表2 绩效指标完成情况

一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
产出指标\t数量指标\t培训人次\t≥100人次\t{actual}人次\t50\t45
效益指标\t满意度指标\t满意度\t≥90%\t95%\t50\t45
\t合计\t\t\t\t100\t90
"""


def test_score_grade_and_indicator_scores():
    good = checks_of(SELF_EVALUATION.format(score=90, grade="优", actual=120))
    assert {c.status for c in of(good, "score_grade")} == {"pass"}
    assert [c.status for c in of(good, "table_totals")] == ["pass", "pass"]
    bad = checks_of(SELF_EVALUATION.format(score=85, grade="优", actual=120))
    # the scored indicator table is a form (its 合计 90 is the form's 总分): the
    # text's 85 is a restatement of it, not a second sum of the rows
    assert [c.kind for c in of(bad, "score_grade", "fail")] == ["score_grade", "restated_total"]


def test_missed_target_under_top_grade():
    checks = checks_of(SELF_EVALUATION.format(score=90, grade="优", actual=80))
    assert [c.status for c in of(checks, "target", "fail")] == ["fail"]
    rating = of(checks, "target_rating", "fail")
    assert len(rating) == 1 and "培训人次" in rating[0].message
    checks = checks_of(SELF_EVALUATION.format(score=90, grade="良", actual=80))
    assert of(checks, "target_rating") == []


# ------------------------------------------------------------------ one metric, two values


def test_same_metric_two_values_but_not_across_scopes():
    checks = checks_of(para("补助高新技术企业105家。") + "\n二、其他\n\n共补助高新技术企业1050家。\n")
    assert [c.status for c in of(checks, "metric_consistency")] == ["fail"]
    checks = checks_of(para("补助高新技术企业105家。") + "\n二、其他\n\n累计补助高新技术企业1050家。\n")
    assert of(checks, "metric_consistency", "fail") == []
    checks = checks_of(para("新引进博士科技特派员21名（累计77名）。") + "\n二、其他\n\n引进博士科技特派员77名。\n")
    assert of(checks, "metric_consistency", "fail") == []


def test_parallel_subsections_are_different_subjects():
    text = ("三、项目绩效情况\n\n（一）甲专项。本年度安排补助资金100万元。\n\n"
            "（二）乙专项。本年度安排补助资金200万元。\n")
    assert of(checks_of(text), "metric_consistency") == []


# ------------------------------------------------------------------ table totals (hand-built tables)


def _loc(line: int) -> Location:
    return Location(line=line, end_line=line, start=line * 100, end=line * 100 + 5)


def _report(rows: list[list[str]], total_rows: list[int]) -> Report:
    cells = [Cell(row=i, col=j, text=t, location=_loc(i + 10)) for i, row in enumerate(rows)
             for j, t in enumerate(row)]
    table = Table(id="t1", number="1", header_rows=1, columns=rows[0], n_rows=len(rows),
                  n_cols=len(rows[0]), cells=cells, total_rows=total_rows, location=_loc(9))
    return Report(source=Source(path="<t>", sha256="0" * 64), meta=Meta(), tables=[table])


HEADER = ["序号", "项目名称", "合计", "中央资金", "省级资金"]


def test_subtotals_totals_and_total_columns():
    rows = [HEADER,
            ["1", "甲项目", "30.5", "20", "10.5"],
            ["2", "乙项目", "20", "15", "5"],
            ["", "小计", "50.5", "35", "15.5"],
            ["3", "丙项目", "10", "6", "4"],
            ["", "小计", "10", "6", "4"],
            ["", "合计", "60.5", "41", "19.5"]]
    results = [c for c in run_checks(_report(rows, [3, 5, 6])) if c.rule == "table_totals"]
    assert results and all(c.status == "pass" for c in results)
    # 3 total rows × 3 columns, plus the 合计 column on 7 rows
    assert len(results) == 9 + 6


def test_a_wrong_cell_fails_at_its_row():
    rows = [HEADER,
            ["1", "甲项目", "30.5", "20", "10.5"],
            ["2", "乙项目", "21.00", "15.00", "5.00"],
            ["", "合计", "50.5", "35", "15.5"]]
    failed = [c for c in run_checks(_report(rows, [3])) if c.rule == "table_totals" and c.status == "fail"]
    # the 合计 column of row 2 (21.00 ≠ 15.00 + 5.00) and the 合计 row of that column (50.5 ≠ 30.5 + 21)
    assert len(failed) == 2
    assert all(12 in {loc.line for loc in c.locations} for c in failed)


def test_a_text_cell_makes_a_column_unsummable():
    rows = [HEADER, ["1", "甲项目", "30.5", "20", "见附件"], ["", "合计", "30.5", "20", "10.5"]]
    results = [c for c in run_checks(_report(rows, [2])) if c.rule == "table_totals"]
    assert "skipped" in {c.status for c in results} and "fail" not in {c.status for c in results}


# ------------------------------------------------------------------ run_checks


def test_exit_code_by_severity():
    checks = checks_of(para("一是甲。三是丙。"))
    assert findings_exit_code(checks, "error") == 0
    assert findings_exit_code(checks, "warning") == 1


@pytest.mark.parametrize("value", ["0", "0.00"])
def test_zero_cells_are_figures(value):
    rows = [HEADER[:3], ["1", "甲", value], ["2", "乙", "3.5"], ["", "合计", "3.5"]]
    results = [c for c in run_checks(_report(rows, [3])) if c.rule == "table_totals"]
    assert [c.status for c in results] == ["pass"]
    assert results[0].expected == "3.50" or Decimal(results[0].expected) == Decimal("3.5")
