"""Differences, percentage points and growth in the phrasings reports use
(issue 14, items 2 and 4): excerpts written for these tests, each with its
own figures. A relation passes when a reading its words allow holds, fails
only when the words pin the operands and none holds, and is skipped (or
not made) where the text gives no operand."""

from __future__ import annotations

from test_checks_forms import checks_of, of


def para(text: str) -> str:
    return f"一、绩效目标完成情况\n\n{text}\n"


def results(text: str, rule: str):
    return of(checks_of(para(text)), rule)


def statuses(text: str, rule: str) -> list[str]:
    return [c.status for c in results(text, rule)]


# ------------------------------------------------------- percentage points


def test_points_against_this_years_rate_of_the_same_metric_stated_earlier():
    # this year's 执行率 two sentences before the change: 91.30 − 87.15 = 4.15
    text = ("截至年底项目已支付356.12万元，执行率91.30%。年末未支付部分待验收后支付。"
            "上年同类项目执行率87.15%，本年执行率较上年提高{}个百分点。")
    assert statuses(text.format("4.15"), "difference") == ["pass"]
    assert statuses(text.format("4.65"), "difference") == ["fail"]


def test_points_whose_words_name_no_metric_take_the_previous_years():
    # 本年提高 names nothing: the metric is the previous rate's (支付率)
    text = "全年累计支出2,416.30万元，支付率96.20%。上年支付率为92.75%，本年提高{}个百分点。"
    assert statuses(text.format("3.45"), "difference") == ["pass"]
    bad = results(text.format("3.95"), "difference")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "3.45个百分点"


def test_points_against_a_part_of_the_sentence_that_opens_with_the_previous_year():
    # 上年… ；本年…: the 支出率 before the ； is the year before's
    text = ("全年实际支出12,604.20万元，支出率96.84%。"
            "上年同口径预算11,920.00万元，实际支出11,382.60万元，支出率95.49%；本年支出率较上年提高{}个百分点。")
    assert statuses(text.format("1.35"), "difference") == ["pass"]
    assert statuses(text.format("1.85"), "difference") == ["fail"]


def test_points_against_the_year_before_named_by_its_year():
    # a 2024 report (the excerpts' title): 2023年 is the year before
    text = "全年空气质量优良天数比例91.8%，较2023年的89.9%提高{}个百分点。"
    assert statuses(text.format("1.9"), "difference") == ["pass"]
    assert statuses(text.format("1.4"), "difference") == ["fail"]


def test_points_with_no_figure_of_the_year_before_stay_skipped():
    text = "全年预算执行率96.40%，较上年提高1.15个百分点。"
    assert statuses(text, "difference") == ["skipped"]


# ------------------------------------------------------------------ growth


def test_growth_against_a_year_named_compares_the_subject_of_the_sentence_before():
    # 较2023年的 opens its sentence: this year's figure is the one before's
    text = ("2024年公用经费支出48.60万元，其中办公费12.30万元、差旅费6.10万元。"
            "较2023年的54.20万元下降{}%，主要是压减会议和差旅。")
    assert statuses(text.format("10.33"), "growth") == ["pass"]
    assert statuses(text.format("10.83"), "growth") == ["fail"]


def test_a_figure_after_a_to_cue_is_the_level_reached_not_a_growth():
    # 降至4.1% states where the share went; 下降1.6个百分点 is the change
    text = "全县学校大班额比例由上年的5.7%下降至4.1%，下降1.6个百分点。"
    assert statuses(text, "growth") == []
    assert statuses(text, "difference") == ["pass"]
    assert statuses(text.replace("1.6个", "1.1个"), "difference") == ["fail"]


def test_growth_of_a_concentration():
    # μg/m³ and 微克/立方米 are one unit: 31.4 → 27.3 is −13.06%; 40.2 → 27.3
    # over 4 years −9.22% a year
    text = ("PM2.5年均浓度27.3μg/m³，较上年31.4μg/m³下降{}%。"
            "2020年至2024年，全市PM2.5年均浓度由40.2微克/立方米降至27.3微克/立方米，年均下降{}%。")
    assert statuses(text.format("13.06", "9.22"), "growth") == ["pass", "pass"]
    assert statuses(text.format("13.56", "9.72"), "growth") == ["fail", "fail"]
    # the start of a change is of an earlier year: no second value of this year's metric
    assert of(checks_of(para(text.format("13.06", "9.22"))), "metric_consistency", "fail") == []
