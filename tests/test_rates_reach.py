"""Rates found wherever the report puts their operands (issue 14, item 1):
rates over bases other than 100, completion against a target, costs per
unit, shares pinned by their words, and rates stated with no operand in
reach. Excerpts written for these tests, with their own figures."""

from __future__ import annotations

from test_checks_forms import checks_of, of


def para(text: str) -> str:
    return f"一、绩效目标完成情况\n\n{text}\n"


def statuses(text: str, rule: str = "rate") -> list[str]:
    return [c.status for c in of(checks_of(para(text)), rule)]


# ------------------------------------------------------------ stated rates


def test_a_rate_with_no_figure_to_be_its_operands_is_a_stated_figure():
    # the counts around 满意度 are of other things: no numerator, no denominator
    text = "全年慰问困难群众2,180户，发放慰问物资3,460份，服务对象满意度达到96.3%。"
    assert statuses(text) == []
    stated = of(checks_of(para(text)), "stated_rate")
    assert [c.status for c in stated] == ["skipped"] and "96.3%" in stated[0].message


def test_a_rate_whose_counts_are_at_hand_stays_a_skip():
    # 参训1,240人次 could be the denominator: operands exist but cannot be pinned
    text = "组织家政服务技能培训1,240人次，培训合格率91.7%。"
    assert statuses(text) == ["skipped"]
    assert statuses(text, "stated_rate") == []


def test_last_years_rate_with_no_figures_of_last_year_is_stated():
    # 由上年的7.4%下降至5.1%: the figure of last year has no operands here
    text = "本年采购预算完成审核1,326项，超标准班额比例由上年的7.4%下降至5.1%。"
    assert "7.4%" in " ".join(c.message for c in of(checks_of(para(text)), "stated_rate"))
