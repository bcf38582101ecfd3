"""A target stated in running text by its comparison, its actual in the
next clause ("<name>≥<target>，实际<name><actual>"): read as an indicator and
judged like a table row (field6 section 3, "Prose target not met, not
checked"). Excerpts written for the test, figures made up. Only a stated
operator and one unit pin the reading: no false alarm from a change, a
share, another unit or a date."""

from __future__ import annotations

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def parse(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def targets(text: str):
    return [c for c in parse(text).checks if c.rule == "target"]


def prose(report):
    return [(i.level2, i.name, i.target.text, i.actual_text, i.met) for i in report.indicators if i.table == "text"]


def test_a_missed_prose_target_is_warned_as_a_table_row_is():
    text = "三、绩效目标完成情况\n（一）产出指标\n数量指标：河道巡护时长≥600小时，实际巡护时长566.5小时。\n"
    report = parse(text)
    assert prose(report) == [("数量指标", "河道巡护时长", "≥600小时", "566.5小时", False)]
    failed = [c for c in report.checks if c.rule == "target" and c.status == "fail"]
    assert len(failed) == 1 and failed[0].severity == "warning"
    assert (failed[0].expected, failed[0].stated) == ("≥600小时", "566.5小时")
    assert "也未说明原因" in failed[0].message


@pytest.mark.parametrize("text, expected", [
    ("全年组织业务培训不少于12期，实际完成15期。", ("全年组织业务培训", "不少于12期", "15期", True)),
    ("群众满意度达到90%以上，实际满意度为93.6%。", ("群众满意度", "90%以上", "93.6%", True)),
    ("质量指标：设备完好率≥98%，达到98%；时效指标：维修响应时长≤24小时，实际平均18小时。",
     ("设备完好率", "≥98%", "98%", True)),
])
def test_met_prose_targets_pass(text, expected):
    report = parse(text)
    got = prose(report)
    assert got and got[0][1:] == expected
    assert not [c for c in report.checks if c.rule == "target" and c.status == "fail"]


def test_two_prose_targets_in_one_sentence():
    text = "数量指标：新建公共厕所≥8座，实际新建8座；改造旧厕所面积≥1200平方米，实际改造1080平方米。"
    got = [(n, t, a, m) for _, n, t, a, m in prose(parse(text))]
    assert got == [("新建公共厕所", "≥8座", "8座", True), ("改造旧厕所面积", "≥1200平方米", "1080平方米", False)]


@pytest.mark.parametrize("text", [
    "门诊覆盖率≥95%，实际较上年提高2%。",            # a change, not the actual
    "门诊覆盖率≥95%，实际占全县的40%。",              # a share
    "培训人数不少于200人次，完成培训任务的90%。",     # another unit
    "培训人数不少于200人次，实际培训180人次的80%。",  # the figure does not end its clause
    "全年巡查不少于500小时，其中夜间巡查120小时。",   # a part, no actual word
    "项目于2023年10月底前完工，实际完工时间为2023年9月。",  # a date: not read here
    "每户补助标准不低于800元，实际人均发放600元。",    # per head is not per household
])
def test_no_prose_target_without_operator_and_one_unit(text):
    assert prose(parse(text)) == []
    assert not [c for c in targets(text) if c.status == "fail"]


def test_a_stated_reason_is_found_for_a_prose_miss():
    text = ("数量指标：举办科普讲座≥20场，实际举办16场。\n"
            "四、偏差原因\n全年举办科普讲座16场，未达到目标，原因是受场馆维修影响，下半年暂停举办。\n")
    failed = [c for c in targets(text) if c.status == "fail"]
    assert failed and all("也未说明原因" not in c.message for c in failed)


def test_target_word_sentences_are_read_once():
    text = "驿站数量绩效目标值是≥6个，实际完成值为5个。"
    got = prose(parse(text))
    assert len(got) == 1 and got[0][2:4] == ("≥6个", "5个")


def test_a_plan_word_names_no_indicator_the_clause_before_does():
    text = ("某县档案馆2023年度部门整体支出绩效自评报告\n一、绩效目标完成情况\n"
            "1.档案数字化率指标，计划≥85%，实际完成88.6%，完成计划。\n"
            "2.查档接待人次指标，计划≥3000人次，实际完成2860人次，偏差原因：场馆维修闭馆两周。\n"
            "本年度共设置三级绩效指标六项。\n")
    report = parse(text)
    assert [(name, met) for _, name, _, _, met in prose(report)] == [("档案数字化率", True), ("查档接待人次", False)]
    # indicators of the running text are no table's rows: the count of six is not set against two
    assert [c for c in report.checks if c.rule == "count_in_words" and c.status == "fail"] == []
