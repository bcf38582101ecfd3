"""Balances and the text's 全年执行数 in the planter15 trial (fixdiff15: FA-A,
miss 6, FA-C), each cause tested on excerpts written for these tests, with
their own figures: a passing and a failing twin.

- FA-A An item's own money stated in the balance's sentence (某专项安排A，
  资金A万元中，项目下达资金A，到位资金A，安排资金A) is the minuend of that
  item's balance, not the report's budget further up; a stated gap (预算数
  与执行数相差X) is no operand of another balance; the spending of a project
  in the next sentence is not the report's.
- miss 6 相差 states the budget's gap (预算数与执行数相差X: 预算 − 执行数);
  a balance's 收到财政拨款A is its minuend across a budget sentence broken
  over two lines.
- FA-C The figure after 相差, and an item's own 实际使用/已支付, is not the
  report's 全年执行数 (the form's 年度资金总额 row).
"""

from __future__ import annotations

import pytest

from test_checks_forms import of

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def report(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def balance(text: str, stated: str):
    """The difference result of the figure ``stated`` (its text, e.g. 7.25万元)."""
    found = [c for c in of(report(text).checks, "difference") if c.stated == stated]
    assert len(found) == 1, [(c.stated, c.message) for c in of(report(text).checks, "difference")]
    return found[0]


HEAD = """某县林业局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局内设机构6个，下属事业单位2个。
二、预算执行情况
2023年全年预算数3,250.40万元，实际支出3,018.60万元，预算执行率92.87%。
支出3,018.60万元中，基本支出1,406.20万元，项目支出1,612.40万元。
"""

# (the item's sentence, its right balance, a slip of it, the item's minuend as shown)
ITEMS = [
    ("森林防火专项安排86.50万元，实际使用79.25万元，剩余{x}万元结转下年。", "7.25", "7.52", "86.50"),
    ("苗木补植资金142.00万元中，已使用130.68万元，未使用{x}万元。", "11.32", "11.23", "142.00"),
    ("林区道路养护项目下达资金64.30万元，已支付60.15万元，结转{x}万元。", "4.15", "4.51", "64.30"),
    ("护林员补助到位资金53.80万元，已拨付50.40万元，尚余{x}万元。", "3.40", "3.04", "53.80"),
    ("生态公益林补偿安排资金210.00万元，累计支出196.35万元，余额{x}万元。", "13.65", "13.56", "210.00"),
]


@pytest.mark.parametrize("item,right,slip,minuend", ITEMS)
def test_an_items_own_money_is_the_minuend_of_its_balance(item, right, slip, minuend):
    ok = balance(HEAD + item.format(x=right) + "\n", f"{right}万元")
    assert ok.status == "pass", ok.message
    bad = balance(HEAD + item.format(x=slip) + "\n", f"{slip}万元")
    assert bad.status == "fail", bad.message
    assert minuend in bad.message, bad.message  # the item's own money, not the report's 3,250.40


def test_a_stated_gap_is_no_minuend_of_the_next_balance():
    text = HEAD + "预算数与执行数相差231.80万元，主要是部分造林工程尚未结算。\n" + \
        "苗木补植资金142.00万元中，已使用130.68万元，未使用{x}万元。\n"
    assert balance(text.format(x="11.32"), "11.32万元").status == "pass"
    bad = balance(text.format(x="11.23"), "11.23万元")
    assert bad.status == "fail" and "231.80" not in bad.message, bad.message


@pytest.mark.parametrize("sentence", [
    "预算数与执行数相差{x}万元，主要是部分造林工程尚未结算。",
    "全年预算与实际支出之间相差{x}万元。",
    "预算与执行数相差{x}万元，系政府采购项目未完成验收。",
])
def test_xiangcha_states_the_budgets_gap(sentence):
    ok = balance(HEAD + sentence.format(x="231.80") + "\n", "231.80万元")
    assert ok.status == "pass", ok.message
    bad = balance(HEAD + sentence.format(x="213.80") + "\n", "213.80万元")
    assert bad.status == "fail" and "231.80" in bad.message, bad.message


@pytest.mark.parametrize("sentence", [
    "与上年相比相差42.60万元，主要是造林任务减少。",
    "全年造林面积较计划相差120.00亩。",
])
def test_a_gap_from_the_year_before_or_a_plan_is_no_budget_gap(sentence):
    checks = of(report(HEAD + sentence + "\n").checks, "difference")
    assert not [c for c in checks if c.status == "fail" and ("预算" in c.message or "执行" in c.message)], \
        [c.message for c in checks]


BROKEN = """某县林业局2023年度部门整体支出绩效自评报告
二、预算执行情况
全年收到财政拨款1,520.00万元，全年支出1,391.28万元，
预算执行率为91.53%，资金使用总体规范。
项目支出主要用于森林防火和苗木补植。
{balance}
乡村振兴衔接项目下达资金45.00万元，已支付41.20万元，结转3.80万元。
"""


@pytest.mark.parametrize("sentence", [
    "年末结余资金{x}万元，已按规定结转下年使用。",
    "尚有{x}万元未支出，主要是资金下达较晚。",
    "全年结转结余{x}万元。",
])
def test_a_balance_of_the_whole_across_a_broken_budget_sentence(sentence):
    ok = balance(BROKEN.format(balance=sentence.format(x="128.72")), "128.72万元")
    assert ok.status == "pass", ok.message
    bad = balance(BROKEN.format(balance=sentence.format(x="182.72")), "182.72万元")
    assert bad.status == "fail", bad.message
    # against 收到 − 支出, never against the next sentence's project payment
    assert "1,391.28" in bad.message and "41.20" not in bad.message, bad.message


FORM = """项目支出绩效自评表(2023年度) | |||||||
项目名称 | 城区绿化提升工程 | ||||||
项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |
年度资金总额 | 2,480.00 | 2,480.00 | 2,231.50 | 10 | 89.98% | 9.00 | |
"""

PROJECT = """某县林业局2023年度城区绿化提升工程项目支出绩效自评报告
一、项目概况
二、资金使用情况
本年度资金到位2,480.00万元，已拨付使用2,231.50万元，资金拨付率为89.98%。
{lines}
三、自评表
""" + FORM


def _restated_executed(text: str):
    return [c for c in of(report(text).checks, "form") if "正文所述全年执行数" in c.message]


@pytest.mark.parametrize("lines", [
    "预算数与执行数相差248.50万元，系部分苗木尚未验收付款。",
    "行道树补植专项安排96.40万元，实际使用88.72万元，剩余7.68万元结转下年。",
    "街头游园改造资金120.00万元中，已使用112.30万元，未使用7.70万元。",
    "古树名木保护项目下达资金30.00万元，已支付27.60万元，结转2.40万元。",
])
def test_a_gap_or_an_items_spending_is_not_the_reports_execution(lines):
    r = report(PROJECT.format(lines=lines))
    assert r.budget.executed is None or r.budget.executed.quantity.value == 2231.5, r.budget.executed
    assert not [c for c in _restated_executed(PROJECT.format(lines=lines)) if c.status == "fail"]


def test_the_reports_own_execution_is_still_compared_with_the_form():
    # 本项目 names the report's own project: its 已支付 is the 全年执行数 (a slip is caught)
    text = PROJECT.format(lines="本项目下达资金2,480.00万元，已支付2,213.50万元。")
    r = report(text)
    assert r.budget.executed is not None and r.budget.executed.quantity.value == 2213.5
    assert [c.status for c in _restated_executed(text)] == ["fail"]
    text = PROJECT.format(lines="全年预算2,480.00万元，实际支出2,231.50万元。")
    assert [c.status for c in _restated_executed(text)] == ["pass"]
    # the whole's money taken apart (全年到位资金A万元中) is the report's own as well
    text = PROJECT.format(lines="全年到位资金2,480.00万元中，已支出2,213.50万元，结余266.50万元。")
    assert report(text).budget.executed.quantity.value == 2213.5
    assert [c.status for c in _restated_executed(text)] == ["fail"]
