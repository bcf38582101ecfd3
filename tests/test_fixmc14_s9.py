"""One metric, two values (issue 14, item 5): the same metric only when its
scope agrees. A paragraph (a line) opening on its own year or its own place
scopes all its figures: per-county paragraphs, year headings run into their
paragraph, a dated batch against the year's total. Excerpts written for
these tests, in the genre, with their own figures."""

from __future__ import annotations

from test_checks_forms import checks_of, of

RULE = "metric_consistency"


def failed(text: str) -> list[str]:
    return [c.message for c in of(checks_of(text), RULE, "fail")]


def test_per_county_paragraphs_are_each_their_own_scope():
    text = ("一、资金分配情况\n\n"
            "东河县申请奖补资金210.6万元；年末实际受益农户为3150户，实际拨付奖补资金205.3万元。\n"
            "西岭县申请奖补资金96万元；年末实际受益农户为1420户，实际拨付奖补资金93.8万元。\n"
            "南坪区申请奖补资金57.2万元；年末实际受益农户为860户，实际拨付奖补资金55.1万元。\n")
    assert failed(text) == []


def test_per_town_paragraphs_with_comma():
    text = ("二、项目实施情况\n\n"
            "青石镇，完成改厕任务412户，验收合格率98%。\n"
            "白沙乡，完成改厕任务275户，验收合格率96%。\n")
    assert failed(text) == []


def test_numbered_place_paragraphs():
    text = ("二、项目实施情况\n\n"
            "1.柳溪镇新建农村公路18.4公里，完成投资920万元。\n"
            "2.石门乡新建农村公路9.6公里，完成投资510万元。\n")
    assert failed(text) == []


def test_one_place_stating_two_values_is_still_found():
    text = ("一、项目实施情况\n\n东河县新建农村公路18.4公里，完成投资920万元。\n\n"
            "二、自评结论\n\n东河县新建农村公路19.4公里，全面完成年度任务。\n")
    [message] = failed(text)
    assert "18.4" in message and "19.4" in message


def test_a_paragraph_without_a_lead_is_compared_as_before():
    # one paragraph opening on the year, the other on nothing: compared
    text = ("一、项目实施情况\n\n2024年，新建农村公路18.4公里，完成投资920万元。\n\n"
            "二、自评结论\n\n新建农村公路19.4公里，全面完成年度任务。\n")
    [message] = failed(text)
    assert "18.4" in message and "19.4" in message


def test_the_whole_county_is_no_other_place():
    text = ("一、项目实施情况\n\n全县新建农村公路18.4公里，完成投资920万元。\n\n"
            "二、自评结论\n\n本县新建农村公路19.4公里，全面完成年度任务。\n")
    assert len(failed(text)) == 1


def test_year_headings_run_into_their_paragraph():
    text = ("一、项目基本情况\n\n（三）绩效目标\n\n"
            "1.2022年度绩效目标。改造老旧供水管网36公里，受益居民1.2万户。\n"
            "2.2023年度绩效目标。改造老旧供水管网42公里，受益居民1.5万户。\n")
    assert failed(text) == []
    text = ("一、项目基本情况\n\n（三）绩效目标\n\n"
            "（1）2022年：改造老旧供水管网36公里。\n"
            "（2）2023年：改造老旧供水管网42公里。\n")
    assert failed(text) == []


def test_one_year_stating_two_values_is_still_found():
    text = ("一、项目基本情况\n\n2024年改造老旧供水管网36公里。\n\n"
            "二、自评结论\n\n2024年度改造老旧供水管网38公里，完成年度目标。\n")
    [message] = failed(text)
    assert "36" in message and "38" in message


def test_a_dated_batch_of_another_year_is_not_the_year_total():
    text = ("一、资金下达情况\n\n"
            "2024年共拨付专项资金312.5万元（其中：中央资金280万元，省级资金32.5万元）。\n"
            "2023年12月市财政局预拨专项资金80万元（其中：中央资金60万元，省级资金20万元），"
            "2024年6月拨付专项资金232.5万元。\n")
    assert failed(text) == []


def test_a_price_list_by_class_in_one_line():
    text = ("一、考核办法\n\n"
            "养护考核按里程扣减（干线公路每出现一处坑槽未修补，每平方米扣300元；"
            "支线公路每出现一处坑槽未修补，每平方米扣200元；通组道路每出现一处坑槽未修补，每平方米扣100元）。\n")
    assert failed(text) == []
    text = ("一、补助标准\n\n"
            "一级残疾人员每人每月补助发放标准为每人补助180元；二级残疾人员每月补助发放标准为每人补助120元。\n")
    assert failed(text) == []


def test_a_unit_price_stated_twice_in_two_paragraphs_is_still_found():
    text = ("一、补助标准\n\n按照文件规定，每人补助480元，当年发放到位。\n\n"
            "二、自评结论\n\n每人补助520元，全部发放到位。\n")
    [message] = failed(text)
    assert "480" in message and "520" in message
