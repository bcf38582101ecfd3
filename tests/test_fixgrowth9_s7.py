"""Growth and same-metric causes of the s7 trials (planter9, reviewer9,
field7), each tested on excerpts written for these tests, with their own
figures.

- An amount after a comparison with the year before whose words end with a
  comparative word (本年多支出, 比上年的P少G, 比上年节约) is the change, not
  this year's figure (nor the year before's): the growth is G / P, or
  G / (B ∓ G) against this year's B.
- A growth whose current figure stands a few sentences up, in a table, or
  only in the report's budget facts is reached by the same metric (同口径支出
  is 实际支出 of the year before); a growth with the year before's figure and
  no current one says so (未找到本年数), not 未给出上年数.
"""

from __future__ import annotations

from test_changes import results, statuses
from test_left_s7 import checks
from test_checks_forms import of


TITLE = "青川县水利局2024年度部门整体支出绩效自评报告\n一、预算执行情况\n"


def growth(text: str):
    return of(checks(TITLE + text), "growth")


# ------------------------------------------------- comparative change words


def test_more_spent_after_a_comparison_with_the_year_before_is_the_change():
    text = "与上年实际支出760.00万元相比，本年多支出38.00万元，增幅{}。"
    ok = results(text.format("5.00%"), "growth")
    assert [c.status for c in ok] == ["pass"] and "38.00万元/760.00万元" in ok[0].message
    bad = results(text.format("5.50%"), "growth")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "5.000%"


def test_less_than_the_year_befores_figure_is_a_fall_of_that_amount():
    text = "本年支出比上年的480.00万元少24.00万元，降幅{}。"
    assert statuses(text.format("5.00%"), "growth") == ["pass"]
    assert statuses(text.format("4.00%"), "growth") == ["fail"]


def test_more_than_the_year_before_with_this_years_figure_first():
    # 比上年多支出 G: the change, not the year before's figure; B − G is
    for words in ("多支出", "多", "超支"):
        text = f"本年支出1,380.00万元，比上年{words}180.00万元，增幅{{}}。"
        assert statuses(text.format("15.00%"), "growth") == ["pass"], words
        assert statuses(text.format("13.04%"), "growth") == ["fail"], words


def test_a_saving_against_the_year_before_is_a_fall():
    text = "本年支出950.00万元，比上年节约50.00万元，降幅{}。"
    assert statuses(text.format("5.00%"), "growth") == ["pass"]
    assert statuses(text.format("5.26%"), "growth") == ["fail"]


def test_at_least_is_no_comparative_change():
    from extract.checks.rulebook import load_rulebook
    rx = load_rulebook().comparative_change
    assert rx.search("比上年多支出") and rx.search("比上年的640万元少") and rx.search("比上年节约")
    assert rx.search("至少") is None and rx.search("较多") is None and rx.search("减少") is None
    assert rx.search("最少") is None and rx.search("多支出资金") is None


# ------------------------------------------------- the current figure out of the sentence


def test_same_scope_spending_of_the_year_before_against_spending_two_sentences_up():
    text = ("全年实际支出1,320.00万元。资金执行率为96.00%，剩余55.00万元结转下年使用。"
            "上年同口径支出为1,200.00万元，本年较上年提高{}。")
    ok = growth(text.format("10.00%"))
    assert [c.status for c in ok] == ["pass"] and "1,200.00万元→1,320.00万元" in ok[0].message
    assert [c.status for c in growth(text.format("11.00%"))] == ["fail"]


def test_a_bracketed_year_before_figure_against_the_spending_above():
    text = "本年支出合计2,850.00万元。受工期影响，支出较上年（3,000.00万元）下降{}。"
    assert [c.status for c in growth(text.format("5.00%"))] == ["pass"]
    assert [c.status for c in growth(text.format("6.00%"))] == ["fail"]


def test_the_year_befores_figure_in_the_sentence_before():
    text = "上年接待游客8,000人次。本年接待游客8,800人次，比上年增长{}。"
    assert [c.status for c in growth(text.format("10.00%"))] == ["pass"]
    assert [c.status for c in growth(text.format("12.00%"))] == ["fail"]


def test_this_years_spending_from_the_budget_table():
    text = ("单位：万元\n| 支出类别 | 全年预算数 | 实际支出数 | 执行率 |\n|---|---|---|---|\n"
            "| 基本支出 | 500.00 | 480.00 | 96.00% |\n| 项目支出 | 300.00 | 270.00 | 90.00% |\n"
            "| 合计 | 800.00 | 750.00 | 93.75% |\n年末结存资金50.00万元，主要是工程尾款未到期。\n"
            "上年同口径支出为600.00万元，本年较上年提高{}。\n")
    ok = growth(text.format("25.00%"))
    assert [c.status for c in ok] == ["pass"] and "600.00万元→" in ok[0].message
    assert [c.status for c in growth(text.format("20.00%"))] == ["fail"]


def test_a_growth_with_the_year_befores_figure_only_says_this_years_is_missing():
    found = growth("上年同口径支出为600.00万元，本年较上年提高10.00%。")
    assert [c.status for c in found] == ["skipped"] and "未找到本年数" in found[0].message


def test_another_metric_nearby_is_no_current_figure():
    # 培训费 is no spending name: the growth of spending is not against it
    found = growth("培训费支出30.00万元。上年同口径支出为600.00万元，本年较上年提高10.00%。")
    assert [c.status for c in found] == ["skipped"]
