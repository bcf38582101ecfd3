"""Balances in the phrasings of new reports (s6): a zero stated in a scaled
unit (结余0.00万元) is worth that unit's factor of the rule set, a balance
stated in parts in one sentence (年末结转X，结余Y) is judged by the parts'
sum, a balance's operands are looked for before it and in its own section
first, and a spending named by 支付 in the sentence before pins it.
Excerpts written for these tests, with their own figures."""

from __future__ import annotations

import shutil
from decimal import Decimal

from test_changes import results, statuses

from extract.checks.figures import figure_interval, in_unit, unit_factor
from extract.checks.rulebook import load_rulebook
from extract.model import Location, Quantity
from extract.ruleset import DEFAULT_RULES_DIR


def zero(unit: str) -> Quantity:
    return Quantity(text=f"0.0{unit}", value=Decimal("0.0"), unit=unit, unit_class="money",
                    normalized_value=Decimal(0), normalized_unit="元", precision=1, location=Location(line=1, end_line=1, start=0, end=6))


# ------------------------------------------------- a zero in a scaled unit


def test_a_zero_in_wan_yuan_is_worth_ten_thousand_yuan_a_unit():
    book = load_rulebook()
    assert unit_factor(zero("万元"), book) == 10000
    iv = figure_interval(zero("万元"), book)
    assert (iv.lo, iv.hi) == (Decimal(-500), Decimal(500))  # 0.0 ± 0.05 万元
    assert in_unit(Decimal(180000), zero("万元"), book) == 18


def test_a_zeros_unit_factor_comes_from_the_rule_set_given(tmp_path):
    for f in DEFAULT_RULES_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    units = (tmp_path / "units.yaml").read_text(encoding="utf-8")
    units = units.replace("  千克: {", "  公担: {class: other, base: 千克, factor: 100}\n  千克: {", 1)
    (tmp_path / "units.yaml").write_text(units, encoding="utf-8")
    assert unit_factor(zero("公担"), load_rulebook(tmp_path)) == 100
    assert unit_factor(zero("公担"), load_rulebook()) == 1  # the default rules know no 公担


def test_a_zero_balance_is_shown_in_its_own_unit():
    bad = results("全年预算360.00万元，实际支出342.00万元，结余0.00万元。", "difference")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "18.00万元"
    assert "= 18.00万元" in bad[0].message
    assert statuses("全年预算360.00万元，实际支出360.00万元，结余0.00万元。", "difference") == ["pass"]


# ------------------------------------------------- operands the words name


def test_spending_named_by_zhifu_in_the_sentence_before_pins_the_balance():
    for wording in ("年末尚有{}万元未使用，已按规定结转下年。", "年末结余{}万元。"):
        text = "全年预算调整为620.00万元，累计支付583.50万元。" + wording
        assert statuses(text.format("36.50"), "difference") == ["pass"], wording
        bad = results(text.format("63.50"), "difference")
        assert [c.status for c in bad] == ["fail"] and bad[0].expected == "36.50万元", wording


def test_a_change_naming_its_metric_is_of_that_figure_not_the_nearest():
    # 执行数 is three sentences up; 培训类支出 right before is another figure
    text = ("全年预算数720.00万元，执行数684.00万元，执行率95.00%；结转结余36.00万元。"
            "培训类支出410.00万元，占执行数的59.94%。"
            "与上年的640.00万元相比，执行数增加{}万元，增长6.88%。")
    ok = results(text.format("44.00"), "difference")
    assert [c.status for c in ok] == ["pass", "pass"] and "执行数684.00万元 − 上年640.00万元" in ok[1].message
    assert statuses(text.format("54.00"), "difference") == ["pass", "fail"]


def test_a_planned_figure_is_another_metric():
    # 应参保人数 is no 参保人数: the change is 36,200 × 1.10%, not 36,200 − 38,000
    text = ("全镇应参保人数38,000人，实际参保35,802人，参保率94.22%。"
            "参保人数较上年（36,200人）减少{}人，下降1.10%。")
    assert statuses(text.format("398"), "difference") == ["pass"]
    assert statuses(text.format("498"), "difference") == ["fail"]
