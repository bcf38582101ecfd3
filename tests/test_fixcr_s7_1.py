"""False alarms and lost catches the s7 code review found in this session's
fixes (F1, F2, F3, F6, F8, F12): each fix narrowed to its cause, tested on
excerpts written for these tests, with their own figures.
"""

from __future__ import annotations

from test_fixmiss9_s7 import checks, found, statuses


PROJECT = "某镇2025年度农村供水改造项目绩效自评报告\n"


def table(rows: list[list[str]]) -> str:
    return "".join("\t".join(r) + "\n" for r in rows)


# ------------------------------------------------------------ F2 rate columns


def test_a_deviation_or_shortfall_rate_column_is_no_completion_rate():
    for head in ("偏差率", "未完成率", "增长率"):
        rows = [["项目", "计划数", "完成数", head], ["铺设管网（公里）", "60", "57", "-5.0%"],
                ["新建水池（座）", "300", "330", "10.0%"]]
        assert statuses(PROJECT + table(rows), "rate") == [], head


def test_a_completion_rate_column_is_still_done_over_plan():
    rows = [["项目", "计划数", "完成数", "完成率"], ["铺设管网（公里）", "60", "57", "95.0%"],
            ["新建水池（座）", "300", "270", "80.0%"]]
    assert statuses(PROJECT + table(rows), "rate") == ["pass", "fail"]


def test_a_row_of_a_ceiling_target_rated_100_percent_is_skipped():
    rows = [["指标名称", "目标值", "实际值", "完成率"], ["停水抢修平均用时（小时）", "8", "6", "100.0%"],
            ["水质超标次数（次）", "30", "14", "100%"], ["入户改造（户）", "400", "380", "95.0%"]]
    assert statuses(PROJECT + table(rows), "rate") == ["pass"]


# ------------------------------------------------------------ F1 dates of two works


def test_two_works_dated_in_one_sentence_are_no_date_order():
    text = PROJECT + "一、项目概况\n其中东片水厂扩建工程于2024年4月8日竣工，西片管网改造工程于2024年7月2日开工，目前进展顺利。\n"
    assert statuses(text, "date_validity") == []


def test_one_work_dated_to_end_before_it_starts_is_still_caught():
    for join in ("，于", "，并于", "并于", "，"):
        text = PROJECT + f"一、项目概况\n水厂扩建工程于2024年4月8日竣工验收{join}2024年7月2日开工建设。\n"
        assert statuses(text, "date_validity") == ["fail"], join


# ------------------------------------------------------------ F3 grades of others


def test_others_rated_in_a_count_are_no_grade_of_the_report():
    for said in ("全年抽查供水站15处，其中11处评为合格，4处限期整改。", "3名管水员评为优秀。"):
        text = PROJECT + f"一、绩效目标完成情况\n{said}\n经自评，本项目自评得分94分。\n"
        assert statuses(text, "score_grade") == [], said


def test_the_report_rated_in_its_own_words_is_still_its_grade():
    for said in ("综合评定后评为良。", "本项目评为“合格”。"):
        text = PROJECT + f"经自评，本项目自评得分94分，{said}\n"
        assert statuses(text, "score_grade") == ["fail"], said


# ------------------------------------------------------------ F8 plan and actual of two things


def test_a_plan_and_an_actual_of_two_things_are_no_miss():
    text = PROJECT + "一、绩效目标完成情况\n项目计划覆盖6个行政村，实际完成蓄水池建设4个，全面完成年度目标任务。\n"
    assert statuses(text, "target") == []


def test_a_plan_and_a_lower_actual_of_one_thing_are_still_a_miss():
    for sentence in ("计划新建蓄水池6个，实际建成蓄水池4个，全面完成年度目标任务。",
                     "计划铺设管网60公里，实际完成52公里，全面完成年度目标任务。",
                     "计划培训管水员80人，实际培训72人，全面完成年度目标任务。"):
        assert statuses(PROJECT + "一、绩效目标完成情况\n" + sentence + "\n", "target") == ["fail"], sentence


# ------------------------------------------------------------ F6 the comparison's cue


def _growth_fails(text: str) -> list[str]:
    return [m for s, m in found(text, "growth") if s == "fail"]


def test_the_yu_of_canyu_is_no_comparison_cue():
    for sentence in ("全年新增参与农户60户，参与农户总数较上年末的300户增长20%。",
                     "本年新签合同单位12家，合同单位总数比上年的48家增长25%。"):
        assert _growth_fails(PROJECT + "一、绩效目标完成情况\n" + sentence + "\n") == [], sentence


def test_a_growth_against_the_wrong_base_is_still_caught():
    text = PROJECT + "一、绩效目标完成情况\n全年供水量为360万吨，供水量较上年的300万吨增长25%。\n"
    assert len(_growth_fails(text)) == 1


# ------------------------------------------------------------ F12 a later cut-off's figure


YEAR_PROJECT = "某镇2024年度农村供水改造项目绩效自评报告\n一、资金使用情况\n全年累计支付资金2,468.35万元，支付进度100%。"


def _year_slips(text: str) -> list[str]:
    return [c.message for c in checks(text) if c.rule == "year_scope" and c.status == "fail" and "年份似应" in c.message]


def test_a_later_cut_off_figure_equal_to_the_years_is_no_slip():
    for later in ("2025年一季度项目累计支付资金2,468.35万元，剩余资金待结算后支付。",
                  "截至2025年3月底项目支付资金2,468.35万元。"):
        assert _year_slips(YEAR_PROJECT + later + "\n") == [], later


def test_the_years_figure_under_another_year_is_still_a_slip():
    for slip in ("2023年度项目实际支出2,468.35万元。", "2025年度项目实际支出2,468.35万元。"):
        assert len(_year_slips(YEAR_PROJECT + slip + "\n")) == 1, slip
