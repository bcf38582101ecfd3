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


# ------------------------------------------------- one metric, two values


def consistency(text: str):
    return [c for c in of(checks(TITLE + text), "metric_consistency") if c.status == "fail"]


def test_items_named_by_a_plan_word_are_their_items_not_the_plan_word():
    text = ("①义诊活动：年初目标不少于30场，实际达到34场，比目标多4场。\n"
            "②慢病随访：年初目标不少于1800人次，实际达到1950人次，比目标多150人次。\n"
            "③健康宣讲：年初目标不少于45场，实际达到52场，比目标多7场。\n")
    assert consistency(text) == []


def test_the_subject_after_an_item_marker_scopes_its_figures():
    text = ("本年安排非遗项目两个：一是县剪纸传习所，下达预算资金86万元，用于传承人补助。"
            "二是县皮影剧团，下达预算资金64万元，用于剧目复排。\n")
    assert consistency(text) == []
    # the same subject stated twice with two values is still one metric
    slip = ("全县下达预算资金86万元，用于传承人补助。经核对，全县下达预算资金68万元，已全部拨付。\n")
    assert len(consistency(slip)) == 1


def test_figures_of_a_year_left_as_a_placeholder_are_compared_with_none():
    text = ("两年内累计救助40人。20xx年救助11人，发放救助资金3300元；"
            "20xx年救助29人，发放救助资金45800元。\n")
    assert consistency(text) == []
    with_years = ("两年内累计救助40人。2022年救助11人，发放救助资金3300元；"
                  "2023年救助29人，发放救助资金45800元。\n")
    assert consistency(with_years) == []


FORM = """
| 年度资金总额 | 1000.00 | 1000.00 | 940.00 | 10 | 94.00% | 9.40 |
| 其中：当年财政拨款 | 800.00 | 800.00 | 760.00 | — | 95.00% | — |
| 其他资金 | 200.00 | 200.00 | 180.00 | — | 90.00% | — |
"""
FORM_HEAD = ("| 项目名称 | 河道保洁 |\n| 年度资金总额 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
             "|---|---|---|---|---|---|---|")


def test_a_rate_after_a_qizhong_part_is_the_parts_not_the_totals():
    text = ("全年预算数1000.00万元，全年执行数940.00万元，执行率94.00%。"
            "其中：当年财政拨款执行760.00万元，执行率95.00%；自有资金执行180.00万元，执行率90.00%。\n"
            + FORM_HEAD + FORM)
    found = [c.message for c in consistency(text)]
    assert not any("年度资金总额执行率" in m for m in found), found


INDICATORS = """
二、自评表
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
|---|---|---|---|---|---|---|
| 产出指标 | 数量指标 | 巡河里程 | ≥3000公里 | 3150公里 | 20 | 20 |
{}"""
ONE = "| 满意度指标 | 服务对象满意度指标 | 沿河群众满意度 | ≥85% | 93.40% | 10 | 10 |\n"
TWO = ONE + "| 满意度指标 | 服务对象满意度指标 | 社会公众满意度 | ≥80% | 88.10% | 10 | 10 |\n"


def test_a_generic_satisfaction_is_the_reports_one_satisfaction_indicator():
    text = "回收有效问卷260份。经统计，综合满意度为{}。\n" + INDICATORS
    assert len(consistency(text.format("91.40%", ONE))) == 1
    assert consistency(text.format("93.40%", ONE)) == []
    # two satisfaction indicators: which one would it be?
    assert consistency(text.format("91.40%", TWO)) == []


FUNDS_FORM = """
二、自评表
| 资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
|---|---|---|---|---|---|---|
| 年度资金总额 | 640.00 | 640.00 | 608.00 | 10 | 95.00% | 9.50 |
"""


def test_the_years_payments_in_total_restate_the_forms_executed_cell():
    text = "各项支付均经审批，全年资金支付总额{}万元。\n" + FUNDS_FORM
    assert consistency(text.format("608.00")) == []
    found = consistency(text.format("680.00"))  # far off: another subject, no near miss
    assert found == []
    assert len(consistency(text.format("618.00"))) == 1
