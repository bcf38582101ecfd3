"""Rates of a part and rates over a stated base (review 5): a rate in a
part's clause is of that part's own figures, not the whole's stated before
it; a change over a plan (比计划多) is never a rate's operand, and a bracket
right after the rate naming the plan gives its base. Excerpts written for
these tests, with their own figures."""

from __future__ import annotations

import pytest

from test_checks_forms import checks_of, of


def rates(text: str, heading: str = "一、预算执行情况") -> list:
    return of(checks_of(f"{heading}\n\n{text}\n"), "rate")


def statuses(text: str, heading: str = "一、预算执行情况") -> list[str]:
    return [c.status for c in rates(text, heading)]


# ------------------------------------------------ the rate of a listed part


@pytest.mark.parametrize("sep", ["；", "，"])
def test_the_rate_of_a_listed_part_is_over_its_own_amount(sep):
    # 专项资金500万元，执行480万元: 96% of the part, not 480 / 800 of the whole
    text = (f"全年预算数800万元，实际支出760万元，执行率95%。其中：专项资金500万元，执行480万元，执行率96%{sep}"
            "公用经费300万元，执行280万元，执行率93.33%。")
    found = rates(text)
    assert [c.status for c in found] == ["pass", "pass", "pass"], [c.message for c in found]
    assert "480万元/500万元" in found[1].message
    assert "280万元/300万元" in found[2].message


def test_a_parts_rate_equal_to_the_wholes_is_no_pass_of_the_whole():
    # 95% is the whole's 760 / 800, but the part's own figures give 96%
    text = ("全年预算数800万元，实际支出760万元，执行率95%。其中：专项资金500万元，执行480万元，执行率95%；"
            "公用经费300万元，执行280万元，执行率93.33%。")
    assert statuses(text) == ["pass", "fail", "pass"]


def test_parts_listed_with_enumeration_commas_read_their_own_budget():
    # 专项资金预算500万元、执行480万元: 执行 names the next figure, not the budget
    text = ("全年预算数800万元，执行760万元，执行率95%。其中专项资金预算500万元、执行480万元、执行率96%，"
            "公用经费预算300万元、执行280万元、执行率93.33%。")
    assert statuses(text) == ["pass", "pass", "pass"]


def test_the_wholes_own_clause_pins_its_rate():
    # the whole's sentence states its own pair: 100% is no capped 760 / 500
    text = ("全年预算数800万元，实际支出760万元，执行率100%。其中：专项资金500万元，执行480万元，执行率96%；"
            "公用经费300万元，执行280万元，执行率93.33%。")
    assert statuses(text) == ["fail", "pass", "pass"]


def test_a_part_after_the_numerator_is_no_whole_of_it():
    # 其中困难户300户 is a part of the 1,200 done: no 1,200 / 300 reading
    text = "完成改造1,200户，其中困难户300户，完成率100%。计划改造1,200户。"
    assert statuses(text, "三、绩效目标完成情况") == ["pass"]


# ------------------------------------------------ a change over the plan


@pytest.mark.parametrize("stated,status", [("103%", "pass"), ("104%", "fail")])
def test_a_bracketed_plan_after_the_rate_is_its_base(stated, status):
    # 比计划多60户 names 计划 but is the excess: 2,060 / 2,000 = 103%
    text = f"改造农户2,060户，比计划多60户，完成率{stated}（计划2,000户）。"
    found = rates(text, "三、绩效目标完成情况")
    assert [c.status for c in found] == [status]
    assert "2,060户/2,000户" in found[0].message


def test_an_excess_over_the_plan_is_no_denominator():
    # the plan is not stated: the rate cannot be checked, and never fails
    # against 2,060 / 60
    text = "改造农户2,060户，比计划多60户，完成率103%。"
    found = rates(text, "三、绩效目标完成情况")
    assert all(c.status != "fail" for c in found)
    assert not any("/60户" in c.message for c in found)


def test_a_part_named_by_its_amount_alone_takes_no_operands_of_the_whole():
    # 专项资金500万元，执行率96%: the part's spending is not stated; 760 / 800
    # is the whole's rate, no reading of the part's (95% would fail against it)
    text = ("全年预算数800万元，实际支出760万元。分科目看，专项资金500万元，执行率96%；"
            "公用经费300万元，执行率93.33%。")
    found = rates(text)
    assert [c.status for c in found] == ["skipped", "skipped"], [c.message for c in found]


def test_an_amount_restating_an_operand_keeps_the_whole_pair():
    # 本年支出760万元 restates the spending: 760 / 800 is the rate's reading
    text = "全年预算数800万元，实际支出760万元。本年支出760万元，执行率95%。"
    assert statuses(text) == ["pass"]


@pytest.mark.parametrize("second,status", [("93.33%", "pass"), ("96%", "fail")])
def test_a_bracket_after_a_rate_states_its_calculation(second, status):
    # the first rate's bracket is its own: no operands of the second rate's clause
    text = f"专项资金执行率96%（执行480万元/预算500万元），公用经费执行率{second}（执行280万元/预算300万元）。"
    found = rates(text)
    assert [c.status for c in found] == ["pass", status]
    assert "480万元/500万元" in found[0].message and "280万元/300万元" in found[1].message


def test_the_parts_after_the_numerator_are_no_wholes_of_it():
    # 到位率均为100% of each part: 900 / 300 is no reading
    text = "全年到位资金900万元，其中中央资金500万元、省级资金300万元、县级资金100万元，到位率均为100%。"
    assert "fail" not in statuses(text)


def test_a_parts_budget_is_no_whole_of_the_wholes_spending():
    # 基本支出预算600万元，执行率100%: 760 / 600 (capped at 100%) mixes the
    # whole's spending with the part's budget; no reading, so no pass
    text = ("全年预算数800万元，执行数760万元，执行率95%。基本支出预算600万元，执行率100%；"
            "项目支出预算200万元，执行160万元，执行率80%。")
    found = rates(text)
    assert [c.status for c in found] == ["pass", "skipped", "pass"], [c.message for c in found]


def test_a_figure_of_the_year_before_is_no_operand_of_this_years_rate():
    """比上年X人 before a rate of this year (覆盖率, 参保率) is the year before's
    count: no base of the rate (its base, the insured population, is not
    stated), so the rate is not failed on it; a rate of the year before may
    still take it."""
    text = "全县城乡居民医保参保人数41,230人，比上年42,018人减少788人，参保率95.80%。"
    assert "fail" not in statuses(text)
    text2 = "抽检食品800批次，合格776批次，合格率97.10%。"
    assert statuses(text2) == ["fail"]


def test_a_cost_per_item_is_no_total_of_the_cost_per_household_beside_it():
    """个均投入 is itself a cost per unit (per 个): no total that 户均投入
    divides; with the total stated both are judged on it."""
    text = "全年改造老旧小区24个、涉及居民3,600户，户均投入8,000.00元，个均投入120.00万元。"
    assert "fail" not in statuses(text)
    text = "全年投入改造资金2,880.00万元，改造老旧小区24个、涉及居民3,600户，户均投入8,100.00元，个均投入120.00万元。"
    assert "fail" in statuses(text)
