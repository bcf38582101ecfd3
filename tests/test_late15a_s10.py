"""A stated 相差 is budget − 执行数 only where its clause names a budget and
a spending (late15a, review F3/C4): 两者相差 / 两项相差 after two budgets or
two projects leave the terms open, and a negative reading pins nothing. The
session's catch (预算数与执行数相差X with a wrong X) stays."""

from __future__ import annotations

import pytest

from test_checks_forms import of
from test_fixdiff15_s10 import report

HEAD = """某市水务局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局内设科室5个，下属单位3个。
二、预算执行情况
"""


def failing(text: str) -> list[str]:
    return [c.message for c in of(report(HEAD + text + "\n").checks, "difference") if c.status == "fail"]


@pytest.mark.parametrize("sentence", [
    "供水管网改造预算340.00万元，水质监测预算290.00万元，两项相差50.00万元。全年实际支出815.00万元。",
    "年初预算800.00万元，调整后预算870.00万元，全年支出815.00万元，两者相差70.00万元。",
    "全年预算870.00万元，实际支出815.00万元，其中甲工程与乙工程预算相差36.00万元。",
    "调整后预算870.00万元与年初预算800.00万元二者相差70.00万元，全年支出815.00万元。",
    "全年预算870.00万元，实际支出815.00万元，两个片区的投入相差12.00万元。",
])
def test_a_gap_between_two_budgets_or_open_terms_is_no_budget_gap(sentence):
    assert not failing(sentence)


def test_no_negative_expected_value():
    msgs = failing("全年预算500.00万元，实际支出530.00万元，预算与实际支出相差30.00万元。")
    assert not [m for m in msgs if "= -" in m], msgs


@pytest.mark.parametrize("sentence", [
    "全年预算870.00万元，实际支出815.00万元，预算数与执行数相差{x}万元。",
    "全年预算870.00万元，实际支出815.00万元，预算与实际支出之间相差{x}万元。",
    "全年预算870.00万元，实际支出815.00万元，实际支出与预算相差{x}万元。",
])
def test_a_named_budget_gap_is_still_checked(sentence):
    assert not failing(sentence.format(x="55.00"))
    bad = failing(sentence.format(x="45.00"))
    assert bad and any("870.00" in m and "815.00" in m for m in bad), bad


PROJECT = """某市水务局2023年度老旧管网改造项目支出绩效自评报告
一、项目概况
二、资金使用情况
本年度资金到位1,260.00万元，已拨付使用1,104.30万元，资金拨付率为87.64%。
预算数与执行数相差{x}万元，系部分管段尚未完成竣工结算。
"""


def test_a_projects_money_in_place_is_the_budget_of_its_gap():
    # a 项目 report states its money in place (资金到位) where a 部门 report states its budget
    ok = [c for c in of(report(PROJECT.format(x="155.70")).checks, "difference") if c.stated == "155.70万元"]
    assert ok and ok[0].status == "pass", [c.message for c in ok]
    bad = [c for c in of(report(PROJECT.format(x="157.50")).checks, "difference") if c.stated == "157.50万元"]
    assert bad and bad[0].status == "fail" and "1,260.00" in bad[0].message, [c.message for c in bad]
