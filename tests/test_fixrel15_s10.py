"""Differences, growth and one metric stated twice, from the s10 brief
(fixrel15), each cause tested on excerpts written for these tests, with
their own figures, a passing and a failing twin, in several phrasings.

- W1 A change stated after a whole and its parts listed without 其中
  (支出A，B费b，C费c，比上年P减少d) is the whole's when the parts add up
  to it.
- W2 A comparative word followed by a verb (多受理, 多出, 少办理) ends the
  words of a change, not of a year's figure.
- W3 The plan a completion ratio is taken of (为计划80场的110.0%) is no
  figure of this year for a growth.
- Z 上年该项支出为0 / 上年无此项支出 before a growth rate: no rate from a
  zero base.
- I Items marked as two instalments (dates, documents, 第一批) are two
  figures, not one metric stated twice.
- T A form row's bare actual takes the text's unit of its metric; names
  differing by a qualifier inside them are one metric by inference.
- C1 The joined target-gap search and the longest-first word lists are
  kept by the one identity-keyed cache (screen.compiled_once).
"""

from __future__ import annotations

# (one parse of a narrative excerpt under a 部门整体 title, and its results by rule)
from test_fixrel13_s9 import failed, report, statuses


# ------------------------------------------ W1 the whole of parts with no 其中

def test_a_change_after_unmarked_parts_is_of_their_whole():
    text = "“三公”经费支出6.30万元，公务用车运行维护费5.10万元，公务接待费1.20万元，比上年7.00万元减少{}万元。\n"
    assert statuses(text.format("0.70"), "difference") == ["pass"]
    assert statuses(text.format("0.90"), "difference") == ["fail"]
    assert "6.30" in failed(text.format("0.90"), "difference")[0]


def test_three_unmarked_parts_and_a_fall():
    text = "全年会议培训支出9.60万元，会议费4.00万元，培训费3.50万元，差旅费2.10万元，较上年10.40万元下降{}万元。\n"
    assert statuses(text.format("0.80"), "difference") == ["pass"]
    assert statuses(text.format("1.80"), "difference") == ["fail"]


def test_parts_that_do_not_add_up_leave_the_last_figure():
    # 5.10 + 0.50 is not 6.30: no whole; the change is of the figure right before it
    text = "公用经费支出6.30万元，水电费5.10万元，物业费0.50万元，比上年0.80万元减少{}万元。\n"
    assert statuses(text.format("0.30"), "difference") == ["pass"]
    assert statuses(text.format("0.40"), "difference") == ["fail"]


def test_a_change_of_the_last_part_still_holds_by_the_part():
    text = "“三公”经费支出6.30万元，公务用车运行维护费5.10万元，公务接待费1.20万元，比上年的1.50万元减少0.30万元。\n"
    assert statuses(text, "difference") == ["pass"]


# --------------------------------- W2 a comparative word and a verb: a change

def test_more_handled_after_the_year_before_is_a_change_for_growth():
    text = "本年受理信访事项312件，比上年多受理52件，增长{}%。\n"
    assert statuses(text.format("20.0"), "growth") == ["pass"]
    assert statuses(text.format("25.0"), "growth") == ["fail"]


def test_more_out_after_the_year_befores_figure_is_a_change():
    text = "全年办理审批事项920件，比上年的840件多出{}件。\n"
    assert statuses(text.format("80"), "difference") == ["pass"]
    assert statuses(text.format("90"), "difference") == ["fail"]


def test_fewer_handled_is_a_fall():
    text = "全年办理行政复议案件45件，比上年的57件少办理{}件。\n"
    assert statuses(text.format("12"), "difference") == ["pass"]
    assert statuses(text.format("10"), "difference") == ["fail"]


def test_most_handled_is_no_change():
    # 最多 / 较多 are no comparison: no change is read from them
    text = "全年受理咨询820件，比上年增长5.0%，单日最多受理46件。\n"
    assert not failed(text, "growth") and not failed(text, "difference")


# ----------------------------------- W3 a plan of a completion ratio

def test_a_plan_before_a_completion_ratio_is_no_figure_of_this_year():
    text = "全年完成巡回演出88场，为计划80场的110.0%，比上年76场增长{}%。\n"
    assert statuses(text.format("15.8"), "growth") == ["pass"]
    assert statuses(text.format("18.0"), "growth") == ["fail"]


def test_a_yearly_target_share_before_a_growth():
    text = "全年发放助学补贴资金320.00万元，达到年初计划300.00万元的106.7%，较上年280.00万元增长{}%。\n"
    assert statuses(text.format("14.3"), "growth") == ["pass"]
    assert statuses(text.format("7.1"), "growth") == ["fail"]


def test_a_share_of_no_plan_is_still_a_figure_of_this_year():
    # 支出500万元的80% is no plan: the figure before the rate stays this year's
    text = "本年培训支出120.00万元，为上年100.00万元的120.0%，比上年增长{}%。\n"
    assert statuses(text.format("20.0"), "growth") == ["pass"]
    assert statuses(text.format("25.0"), "growth") == ["fail"]


# ------------------------------------------------ C1 the gap search cache

def test_the_gap_search_is_kept_by_the_one_identity_cache():
    from extract.checks import differences, screen

    assert not hasattr(differences, "_GAP_WORDS")
    r = report("全年完成培训120人次，较目标100人次多20人次。\n")
    assert r is not None
    assert any(name == "gap_words" for name, _ in screen._COMPILED)


# ------------------------------------------------ Z a zero base, in words

def test_growth_after_a_year_before_said_to_be_zero_is_an_error():
    text = "印刷费9.60万元，上年该项支出为0，同比增长100.00%。\n"
    assert len(failed(text, "growth")) == 1
    assert "无从计算" in failed(text, "growth")[0]


def test_growth_after_no_such_item_the_year_before():
    assert failed("本年软件购置费34.00万元，上年无此项支出，比上年增长100%。\n", "growth")
    assert failed("全年新增科研课题经费7.5万元，去年为零，较上年增长100.0%。\n", "growth")


def test_a_zero_base_of_another_clause_run_or_a_real_base_is_no_error():
    # a base of 0.5 is a base; a zero in another ；-run names another item
    assert statuses("印刷费9.60万元，上年为0.5万元的项目已并入，较上年8.00万元增长20.0%。\n", "growth") == ["pass"]
    assert not failed("邮电费上年为0；印刷费9.60万元，较上年8.00万元增长20.0%。\n", "growth")
    # a change in 万元 from a zero base is no rate
    assert not failed("印刷费9.60万元，上年该项支出为0，同比增加9.60万元。\n", "growth")


# -------------------------------------- I instalments are no one metric twice

INSTALMENTS = "一、资金到位情况\n{}\n"


def test_instalments_marked_by_date_and_document_are_two_figures():
    text = ("2022年12月，市财政局以《关于提前下达2023年补助资金的通知》下达我县学生资助资金2600万元；"
            "2023年4月，市财政局以《关于下达2023年补助资金的通知》下达我县学生资助资金900万元；合计3500万元。")
    assert not failed(INSTALMENTS.format(text), "metric_consistency")


def test_instalments_marked_by_document_numbers():
    text = ("3月12日，区财政局以〔2023〕8号文件下达水利补助资金310万元；"
            "9月5日，区财政局以〔2023〕31号文件下达水利补助资金90万元。")
    assert not failed(INSTALMENTS.format(text), "metric_consistency")


def test_one_metric_restated_under_the_same_mark_or_none_is_still_compared():
    same = "2023年6月，下达水利补助资金310万元；2023年6月，下达水利补助资金290万元。"
    assert failed(INSTALMENTS.format(same), "metric_consistency")
    apart = "一、资金到位情况\n全年下达水利补助资金400万元。\n二、资金使用情况\n全年下达水利补助资金420万元，已全部支出。\n"
    assert failed(apart, "metric_consistency")


# ------------------------------- T one metric: a form row, a qualifier word

FORM = ("二、绩效自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n"
        "| 产出指标 | 数量指标 | {} | ≥2,000 | {} | 15 | 15 | 无 |\n")


def test_a_form_rows_bare_actual_is_in_the_texts_unit_of_its_metric():
    text = "一、项目实施情况\n全年发放防汛宣传折页2,460份，覆盖沿河各村。\n" + FORM
    assert failed(text.format("发放防汛宣传折页", "2,640"), "metric_consistency")
    assert not failed(text.format("发放防汛宣传折页", "2,460"), "metric_consistency")
    # the row label's own unit, in brackets, must be the text's
    assert failed(text.format("发放防汛宣传折页（份）", "2,640"), "metric_consistency")
    assert not failed(text.format("发放防汛宣传折页（册）", "2,640"), "metric_consistency")


def test_a_bare_cell_is_not_read_in_a_scaled_unit():
    # 2.46万份 may be written 2.46 or 24600 in a bare cell: no unit is lent
    text = "一、项目实施情况\n全年发放防汛宣传折页2.46万份。\n" + FORM
    assert not failed(text.format("发放防汛宣传折页", "2.52"), "metric_consistency")


def test_names_differing_by_a_qualifier_are_one_metric_for_a_near_miss():
    text = "一、项目实施情况\n全年清淤河道18.6公里，新建护岸3处。\n二、项目绩效\n清淤{}河道{}公里，完成年度目标。\n"
    assert failed(text.format("主干", "18.9"), "metric_consistency")
    assert not failed(text.format("主干", "18.6"), "metric_consistency")
    # far apart: two metrics after all (主干河道 a part of all 河道)
    assert not failed(text.format("主干", "9.2"), "metric_consistency")


def test_a_scope_or_negating_qualifier_keeps_two_metrics():
    base = "一、项目实施情况\n全年清淤河道18.6公里。\n二、项目绩效\n{}18.9公里。\n"
    for other in ("清淤累计河道", "清淤未完成河道", "清淤新增河道"):
        assert not failed(base.format(other), "metric_consistency"), other


def test_qualified_names_in_two_projects_or_two_rows_are_not_joined():
    text = ("一、项目实施情况\n（一）东片区项目。清淤河道18.6公里。\n（二）西片区项目。清淤主干河道18.9公里。\n")
    assert not failed(text, "metric_consistency")
    rows = ("一、项目实施情况\n全年完成清淤任务。\n| 项目 | 长度（公里） |\n| 清淤河道 | 18.6 |\n| 清淤主干河道 | 18.9 |\n")
    assert not failed(rows, "metric_consistency")


def test_the_longest_first_lists_are_kept_by_the_one_identity_cache():
    from extract.checks import consistency, screen

    assert not hasattr(consistency, "_LONGEST_FIRST")
    words = ["本年", "本年度"]
    assert consistency._longest_first(words) == ("本年度", "本年")
    assert ("longest_first", id(words)) in screen._COMPILED


def test_a_figure_restated_after_ji_is_of_the_metric_named_before_it():
    text = "一、项目实施情况\n全年发放困难学生生活补助26400元。\n二、项目绩效\n发放困难学生生活补助即{}元。\n"
    assert failed(text.format("26,900"), "metric_consistency")
    assert not failed(text.format("26,400"), "metric_consistency")
