"""Code-review fixes (s7, wt-fixcr2): false alarms and lost catches this
session's changes brought, each on an excerpt written for the test (own
words, own figures)."""

from __future__ import annotations

import re

import pytest

from conftest import edit_rule
from extract import Extractor
from extract.rules import RuleError
from extract.ruleset import RuleSet

EX = Extractor()

HEAD = "某区档案馆2024年度部门整体支出绩效自评报告\n一、资金使用情况\n"


def results(text: str, rule: str, status: str | None = "fail"):
    return [r for r in EX.parse_text(text).checks if r.rule == rule and (status is None or r.status == status)]


# ---------------------------------------------------------------- F4: a marked list under a selection head

@pytest.mark.parametrize("head", ["资金主要用于：", "资金重点保障了以下工作：", "部分资金用于："])
def test_marked_items_under_a_selection_head_are_no_whole_list(head):
    text = HEAD + f"全年专项支出650.00万元。{head}一是档案数字化，支出260.00万元；二是库房改造，支出310.00万元。\n"
    assert results(text, "stated_breakdown") == []


def test_marked_items_under_a_selection_head_that_add_up_pass():
    text = HEAD + "全年专项支出570.00万元。资金主要用于：一是档案数字化，支出260.00万元；二是库房改造，支出310.00万元。\n"
    assert results(text, "stated_breakdown") == []


def test_marked_items_under_a_plain_head_still_fail():
    text = HEAD + "全年专项支出650.00万元。专项支出项目有：一是档案数字化，支出260.00万元；二是库房改造，支出310.00万元。\n"
    assert len(results(text, "stated_breakdown")) == 1


# ---------------------------------------------------------------- F7: a project's bare 支出 under its own heading

PROJECT = ("某区档案馆2024年度部门整体支出绩效自评报告\n一、预算执行情况\n"
           "全年预算数为900.00万元，全年执行数为840.00万元，预算执行率93.33%。\n"
           "二、重点项目情况\n（一）档案抢救保护项目\n上年支出40.00万元，本年较上年增长15%，主要用于破损档案修复。\n")


def test_a_projects_spending_of_the_year_before_is_not_the_reports():
    assert results(PROJECT, "growth") == []


def test_the_reports_spending_of_the_year_before_still_meets_its_executed_figure():
    text = PROJECT.replace("（一）档案抢救保护项目\n上年支出40.00万元", "上年同口径支出为800.00万元")
    assert len(results(text, "growth")) == 1
    assert len(results(text.replace("增长15%", "增长5%"), "growth")) == 0


# ---------------------------------------------------------------- F5: 合计 + other words names another quantity

LISTED = HEAD + "本年拨入专项经费3笔：1.档案征集经费90.00万元；2.修复经费60.00万元；3.展陈经费30.00万元。{}\n"


def test_a_total_naming_another_quantity_totals_no_list():
    assert results(LISTED.format("合计使用资金150.00万元，结余30.00万元。"), "stated_breakdown") == []


@pytest.mark.parametrize("total", ["合计170.00万元。", "合计：170.00万元。", "以上合计金额170.00万元。"])
def test_a_bare_total_still_totals_the_list(total):
    assert len(results(LISTED.format(total), "stated_breakdown")) == 1


# ---------------------------------------------------------------- F9: a heading scopes figures to an item only alone and nearest

SPENT = ("某区档案馆2024年度部门整体支出绩效自评报告\n一、预算执行情况\n全年预算数为900.00万元，全年实际支出850.00万元。\n"
         "{heading}\n{line}\n")


@pytest.mark.parametrize("heading,line", [
    ("二、“三公”经费及支出控制情况", "全年实际支出860.00万元，严格控制一般性支出。"),
    ("二、支出控制情况", "全年实际支出860.00万元，严格控制一般性支出。"),
])
def test_a_whole_figure_under_an_item_heading_still_meets_the_whole(heading, line):
    found = results(SPENT.format(heading=heading, line=line), "metric_consistency")
    assert len(found) == 1 and "850.00万元" in found[0].message


def test_a_figure_naming_the_whole_under_an_item_heading_meets_the_whole():
    text = SPENT.replace("全年实际支出850", "部门实际支出850").format(
        heading="二、“三公”经费管理情况", line="部门实际支出860.00万元，严格控制一般性支出。")
    assert len(results(text, "metric_consistency")) == 1


def test_an_items_figure_under_its_own_heading_is_the_items():
    text = SPENT.format(heading="二、“三公”经费管理情况", line="预算36.00万元，实际支出30.00万元，较预算节约6.00万元。")
    assert results(text, "metric_consistency") == []


def test_a_chapter_heading_no_longer_scopes_its_subsections():
    text = SPENT.format(heading="二、“三公”经费管理情况\n（一）制度建设", line="实际支出860.00万元，严格控制一般性支出。")
    assert len(results(text, "metric_consistency")) == 1


# ---------------------------------------------------------------- F10: a gap is excused by the section before only when the list goes on from it

DUTIES = "某区档案馆2024年度部门整体支出绩效自评报告\n一、部门基本情况\n本馆主要职责：1、收集保管档案；2、提供查阅利用；3、开展档案编研。\n"


def test_a_list_of_its_own_gets_no_mark_from_the_section_before():
    text = DUTIES + "二、存在的问题\n主要问题：1、专业人员偏少；3、库房面积不足；4、数字化进度偏慢。\n"
    found = results(text, "enumeration_order", None)
    assert [r.status for r in found if "缺少" in r.message] == ["fail"]


def test_a_list_going_on_after_a_closed_section_gets_no_mark_from_it():
    text = DUTIES + "二、存在的问题\n专业人员偏少。3、库房面积不足；4、数字化进度偏慢。\n"
    found = results(text, "enumeration_order", None)
    assert [r.status for r in found if "缺少" in r.message] == ["fail"]


# ---------------------------------------------------------------- F11: 上述资金中… is a part, no restatement

FUNDS = (HEAD + "本项目全年预算资金300.00万元，全年执行297.00万元，执行率99.00%。\n{}\n")


def restatements(text: str):
    return [r for r in EX.parse_text(text).checks if r.rule == "metric_consistency" and "换算复述" in r.message]


@pytest.mark.parametrize("part", ["上述资金中，已向承办单位拨付服务费2,985,000元，其余用于耗材采购。",
                                  "以上资金用于档案修复2,985,000元。"])
def test_a_part_of_the_money_above_is_no_restatement(part):
    assert restatements(FUNDS.format(part)) == []


@pytest.mark.parametrize("said", ["上述资金合计{}元已全部支付。", "上述支出（共计{}元）已纳入国库集中支付。"])
def test_a_total_of_the_money_above_is_still_a_restatement(said):
    assert [r.status for r in restatements(FUNDS.format(said.format("2,970,000")))] == ["pass"]
    assert [r.status for r in restatements(FUNDS.format(said.format("2,975,000")))] == ["fail"]


# ---------------------------------------------------------------- C1: item_mark in the fast form, same matches

@pytest.mark.parametrize("text", ["一是甲", "：二是乙", "；三是丙", " 四是丁", "统一是", "a五是", "其中，一是A；二是B", "\n一是"])
def test_item_mark_matches_as_the_lookbehind_first_form(text):
    fast = re.compile(RuleSet.default().checks.breakdowns.item_mark)
    slow = re.compile(r"(?:^|(?<=[：:，,。；;\s]))(?P<n>[一二三四五六七八九十])是")
    assert [(m.span(), m.group("n")) for m in fast.finditer(text)] == \
        [(m.span(), m.group("n")) for m in slow.finditer(text)]


# ---------------------------------------------------------------- F14: a budget role's patterns validated on load

@pytest.mark.parametrize("old,new,key", [
    ("not_words: '{previous_period}'", "not_words: '(上年'", "not_words"),
    ("not_before: '{sub_budget}'", "not_before: '[三公'", "not_before"),
])
def test_a_bad_budget_role_pattern_names_file_and_key(rules_copy, old, new, key):
    edit_rule(rules_copy, "metrics.yaml", old, new)
    with pytest.raises(RuleError) as e:
        RuleSet.load(rules_copy)
    msg = str(e.value)
    assert "metrics.yaml" in msg and key in msg and "regular expression" in msg
