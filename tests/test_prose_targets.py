"""Targets stated in running text (年度目标为96%，实际达到90%), read as
indicators and judged like a form's rows: the bare target of a rate to
reach or of an amount completed is a floor, a claim beside it (已完成) makes
a miss an error, a reason owns it, and a deduction the text states
reflects it under a top rating. Excerpts written for these tests."""

from __future__ import annotations

from extract import Extractor

EX = Extractor()
HEAD = "某县排水管理所2023年度部门整体支出绩效自评报告\n一、绩效目标完成情况\n"
TAIL = "二、自评结论\n自评得分96分，等级为优。\n"


def results(text: str, rule: str):
    return [r for r in EX.parse_text(text).checks if r.rule == rule]


def failed(text: str, rule: str):
    return [r for r in results(text, rule) if r.status == "fail"]


def test_a_missed_prose_target_claimed_met_is_an_error():
    text = HEAD + "泵站设备完好率年度目标为98%，实际达到95%，已完成年度目标。\n" + TAIL
    got = failed(text, "target")
    assert len(got) == 1 and got[0].severity == "error" and "泵站设备完好率" in got[0].message
    assert got[0].locations[0].line == 3


def test_the_same_target_met_passes():
    text = HEAD + "泵站设备完好率年度目标为98%，实际达到98.6%，已完成年度目标。\n" + TAIL
    assert not failed(text, "target") and not failed(text, "target_rating")
    assert any(r.status == "pass" for r in results(text, "target"))


def test_a_target_after_a_colon_takes_the_label_as_its_name():
    text = HEAD + "管网巡查覆盖率：目标92%，完成88.5%。\n" + TAIL
    got = failed(text, "target")
    assert len(got) == 1 and "管网巡查覆盖率" in got[0].message and got[0].severity == "warning"


def test_a_miss_with_its_reason_is_owned_not_a_problem():
    text = HEAD + ("雨水口清掏年度目标3600个，全年实际完成3420个，未完成，主要原因是"
                   "第三季度持续降雨，部分路段无法作业。\n") + TAIL
    got = failed(text, "target")
    assert len(got) == 1 and got[0].severity == "info"


def test_a_rate_that_should_stay_low_is_not_a_floor():
    text = HEAD + "群众投诉率年度目标3%，实际完成2.1%。\n" + TAIL
    assert not [r for r in failed(text, "target") if r.severity in ("error", "warning")]


def test_a_completion_rate_after_target_is_no_target():
    text = HEAD + "目标完成率102.5%，全年完成清淤4100立方米。\n" + TAIL
    assert not results(text, "target")


def test_a_deadline_stays_a_ceiling():
    text = HEAD + "报修办理时限目标5个工作日，实际完成4个工作日。\n" + TAIL
    assert not failed(text, "target")


def test_a_deduction_the_text_states_reflects_the_miss():
    body = HEAD + "雨水口清掏年度目标3600个，全年实际完成3420个，未完成，原因是持续降雨。\n"
    tail = "二、自评结论\n经综合评价，本单位自评等级为优。\n"  # no score stated
    plain = body + tail
    owned = body + "产出指标扣3分，主要是雨水口清掏未达目标。\n" + tail
    assert [r.severity for r in failed(plain, "target_rating")] == ["warning"]
    assert [r.severity for r in failed(owned, "target_rating")] == ["info"]


def test_a_bare_rate_of_a_form_row_stays_undecided():
    # a 率 that may have to stay low (结转结余率, 预算调整率): no floor inferred
    text = ("某县水务局2023年度部门整体支出绩效自评报告\n二、绩效指标完成情况\n"
            "| 一级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n|---|---|---|---|---|---|\n"
            "| 过程 | 结转结余率 | 8% | 4.1% | 20 | 20 |\n| 过程 | 预算调整率 | 12% | 7.5% | 20 | 20 |\n"
            "三、自评结论\n经评价，本部门自评得分100分，等级为优。\n")
    assert not failed(text, "target") and not failed(text, "target_rating")


def test_a_rate_of_use_or_a_time_or_a_price_is_no_floor_in_prose():
    for line in ("住院患者抗菌药物使用率：目标35%，实际完成31.2%，已完成年度目标。",
                 "不动产登记办结时长：目标7个工作日，实际完成4个工作日。",
                 "平均住院日：目标10天，实际完成8.6天。",
                 "应急广播安全播出年度目标6500小时，全年实际完成6812小时。",
                 "管网改造单位造价：目标2600元/米，实际完成2480元/米。"):
        text = HEAD + line + "\n" + TAIL
        assert not [r for r in failed(text, "target") + failed(text, "target_rating")
                    if r.severity in ("error", "warning")], line
