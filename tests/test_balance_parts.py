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


# ------------------------------------------------- a balance stated in parts


def test_carried_over_and_left_over_together_are_the_remainder():
    text = "全年预算420.00万元，实际支出391.00万元，年末结转{}万元，结余{}万元。"
    assert statuses(text.format("29.00", "0.00"), "difference") == ["pass", "pass"]
    assert statuses(text.format("25.00", "4.00"), "difference") == ["pass", "pass"]
    # 结转 + 结余 = 31 ≠ 29: one finding, on the first part
    bad = results(text.format("27.00", "4.00"), "difference")
    assert [c.status for c in bad] == ["fail", "skipped"]
    assert "− 结余4.00万元 = 25.00万元" in bad[0].message and bad[0].expected == "25.00万元"


def test_one_balance_restated_by_a_second_word_still_holds():
    text = "全年预算420.00万元，实际支出391.00万元，结余29.00万元，节约资金29.00万元。"
    assert statuses(text, "difference") == ["pass", "pass"]


# ------------------------------------------------- where a balance's operands stand


SANGONG = "\n\n二、“三公”经费\n\n“三公”经费年初预算6.00万元，实际支出5.20万元，节约0.80万元。"


def test_a_balance_is_income_less_spending_above_it_not_a_later_sections_budget():
    text = ("本年收入合计820.00万元（含财政拨款760.00万元、其他收入60.00万元）。\n支出合计786.00万元。\n"
            "年末结转和结余{}万元，其中基本支出结转{}万元，项目支出结转{}万元。" + SANGONG)
    ok = results(text.format("34.00", "12.00", "22.00"), "difference")
    assert [c.status for c in ok] == ["pass", "pass"]  # the balance and the 三公 节约; the parts: the breakdown's
    assert "收入820.00万元 − 支出786.00万元 = 34.00万元" in ok[0].message
    assert statuses(text.format("43.00", "21.00", "22.00"), "difference") == ["fail", "pass"]


def test_a_later_sections_budget_alone_pins_no_balance():
    text = "年末结转和结余34.00万元，主要为跨年实施的项目资金。" + SANGONG
    assert statuses(text, "difference") == ["skipped", "pass"]


def test_the_balance_carried_in_is_added():
    text = "年初结转结余52.00万元，本年收入640.00万元，本年支出655.00万元，年末结转结余{}万元。"
    assert statuses(text.format("37.00"), "difference") == ["pass"]
    assert statuses(text.format("73.00"), "difference") == ["fail"]


def test_an_items_saving_takes_the_items_figures_only():
    # “三公”经费…比预算节约: its own budget is not stated, so the department's is no operand
    text = "全年预算1,200.00万元，实际支出1,140.00万元，执行率95.00%。\n三公经费共支出14.00万元，比预算节约{}万元。"
    assert statuses(text.format("2.00"), "difference") in ([], ["skipped"])
    # (the department's own gap is still a loose reading: never a failure either way)
    assert "fail" not in statuses(text.format("60.00"), "difference")
    # with its own budget stated it is judged
    own = "全年预算1,200.00万元，实际支出1,140.00万元。\n三公经费预算16.00万元，三公经费实际支出14.00万元，节约{}万元。"
    assert statuses(own.format("2.00"), "difference") == ["pass"]
    assert statuses(own.format("3.00"), "difference") == ["fail"]


def test_the_reports_balance_takes_no_items_figures():
    text = ("本年度收入总计1,500.00万元。\n本年度支出总计1,440.00万元。\n收支相抵，结余{}万元。\n"
            "三公经费决算数18.00万元，预算数24.00万元，预算完成率75.00%。")
    assert statuses(text.format("60.00"), "difference") == ["pass"]
    assert statuses(text.format("6.00"), "difference") == ["fail"]
