"""Changes against the year before whose operands the words place
(review s5, items 1, 2, 2b): the figure in a bracket right after 比上年 is
the year before's; a comparison that names its subject (与上年支出…相比)
is of that subject's figure, not of any amount before it; a rate compared
with 前年 is against 前年's figure; parallel lists (分别…分别) pair in
order. Excerpts written for these tests, with their own figures."""

from __future__ import annotations

from test_changes import results, statuses

PARTS = "全年决算数2,350.00万元，执行率94.00%。其中办公费310.00万元、差旅费95.00万元。"


def test_a_bracket_after_the_comparison_holds_the_year_befores_figure():
    # the subject (本年支出) states no figure: 2,150 is the year before's, not this year's
    text = PARTS + "本年支出较上年（2,150.00万元）增加{}万元，增长{}%。"
    assert statuses(text.format("200.00", "9.30"), "difference") == ["pass"]
    assert statuses(text.format("200.00", "9.30"), "growth") == ["pass"]
    bad = results(text.format("240.00", "9.30"), "difference")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "199.95万元"
    assert statuses(text.format("200.00", "9.80"), "growth") == ["fail"]


def test_a_bracket_after_the_comparison_with_the_subjects_own_figure():
    text = "全年支出2,350.00万元，较上年（2,150.00万元）增长{}%。"
    assert statuses(text.format("9.30"), "growth") == ["pass"]
    assert statuses(text.format("9.80"), "growth") == ["fail"]


def test_a_comparison_naming_its_subject_is_not_of_the_parts_before_it():
    # 办公费/差旅费 are no 支出 of the year: the change is checked as 1,900 × 10.00%
    text = PARTS + "与上年支出1,900.00万元相比，增加{}万元，增长10.00%。"
    assert statuses(text.format("190.00"), "difference") == ["pass"]
    assert statuses(text.format("190.00"), "growth") == ["pass"]
    assert statuses(text.format("215.00"), "difference") == ["fail"]


def test_points_with_the_year_befores_rate_in_a_bracket_after_them():
    text = "全镇垃圾分类覆盖率86.4%，比上年提高{}个百分点（上年84.1%）。"
    assert statuses(text.format("2.3"), "difference") == ["pass"]
    assert statuses(text.format("2.8"), "difference") == ["fail"]


def test_rates_against_the_year_before_and_the_one_before_that():
    text = ("本年培训3,450人次，上年培训3,000人次，前年培训2,760人次，"
            "比上年增长{}%，比前年增长{}%。")
    assert statuses(text.format("15.00", "25.00"), "growth") == ["pass", "pass"]
    assert statuses(text.format("15.00", "8.70"), "growth") == ["pass", "fail"]
    assert statuses(text.format("25.00", "25.00"), "growth") == ["fail", "pass"]


def test_parallel_lists_pair_in_order():
    text = ("公用经费和项目支出分别为420.00万元和1,260.00万元，上年分别为400.00万元和1,400.00万元，"
            "分别增长{}%和下降{}%。")
    assert statuses(text.format("5.00", "10.00"), "growth") == ["pass", "pass"]
    assert statuses(text.format("5.00", "12.00"), "growth") == ["pass", "fail"]


def test_the_year_befores_figure_in_a_bracket_after_the_change():
    text = "本年培训支出比上年减少{}万元（上年86.00万元），下降{}%。"
    assert statuses(text.format("6.88", "8.00"), "difference") == ["pass"]
    assert statuses(text.format("6.88", "8.00"), "growth") == ["pass"]
    assert statuses(text.format("6.88", "8.50"), "growth") == ["fail"]


# ------------------------------------------------- listed parts of a whole


def test_this_years_figure_is_the_whole_not_a_part_listed_after_it():
    # 820 / 800 − 1 = 2.5%: 本年 is the year's 总支出, not the 基本支出 listed under it
    text = "全年总支出820.00万元。总支出中基本支出470.00万元、项目支出350.00万元。上年同期支出800.00万元，本年同比增长{}%。"
    assert statuses(text.format("2.50"), "growth") == ["pass"]
    assert statuses(text.format("3.50"), "growth") == ["fail"]


def test_parts_in_a_bracket_after_the_whole_are_an_aside():
    text = "全年支出820.00万元（基本支出470.00万元，项目支出350.00万元），较上年的800.00万元增长{}%。"
    assert statuses(text.format("2.50"), "growth") == ["pass"]
    assert statuses(text.format("3.50"), "growth") == ["fail"]


def test_a_part_after_qizhong_may_be_the_subject_of_its_own_growth():
    # 470 / 400 − 1 = 17.5%: the growth follows the part in its own clause
    text = "全年支出820.00万元，其中基本支出470.00万元，较上年的400.00万元增长{}%。"
    assert statuses(text.format("17.50"), "growth") == ["pass"]
    assert statuses(text.format("2.50"), "growth") == ["fail"]


def test_parts_of_a_partition_without_their_whole_are_no_years_figure():
    # the year's figure is 基本 + 项目, stated nowhere: no single part is it
    text = "基本支出470.00万元、项目支出350.00万元。上年同期支出800.00万元，本年同比增长2.50%。"
    assert statuses(text, "growth") == ["skipped"]


def test_a_bracket_after_the_comparison_and_the_metrics_own_words():
    # 比上年支出（P）: the words between the cue and the bracket are the
    # metric's; P is still the year before's figure
    text = "全年支出912.00万元，比上年支出（760.00万元）增加{}万元，同比增长{}%。"
    assert statuses(text.format("152.00", "20.00"), "difference") == ["pass"]
    assert statuses(text.format("152.00", "20.00"), "growth") == ["pass"]
    assert statuses(text.format("152.00", "25.00"), "growth") == ["fail"]
    assert statuses(text.format("125.00", "20.00"), "difference") == ["fail"]


def test_a_balance_whose_words_follow_its_figure():
    # 尚有X未使用 / 剩余X / 资金余额X: a balance, budget − spent
    for wording in ("尚有{}万元未使用", "截至年底剩余{}万元未支付", "项目资金余额{}万元"):
        text = "全年预算640.00万元，实际支出598.40万元，" + wording + "，已按规定结转。"
        assert statuses(text.format("41.60"), "difference") == ["pass"], wording
        assert statuses(text.format("46.10"), "difference") == ["fail"], wording


def test_a_change_after_a_list_of_parts_is_the_wholes():
    # 其中A、B，与上年P相比，减少d: the whole's change, not the last part's
    text = "全年支出合计1,180.00万元，其中基本支出860.00万元、项目支出320.00万元，与上年1,250.00万元相比，减少{}万元。"
    assert statuses(text.format("70.00"), "difference") == ["pass"]
    assert statuses(text.format("80.00"), "difference") == ["fail"]
