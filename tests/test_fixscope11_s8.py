"""Years that bound the report's own figures, and the order of the
self-evaluation's own steps (s8 fixscope11), on excerpts written for these
tests: each finding with its clean twin."""

from __future__ import annotations

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source
from extract.rules import RuleError, parse_rule_text
from extract.rulefiles.hygiene import HygieneRules

TITLE = "某县园林所2023年度绿道养护项目支出绩效自评报告"


def _checks(text: str, title: str = TITLE):
    src = source_from_text(f"{title}\n\n{text}\n")
    return parse_source(src, Source(path="<excerpt>", sha256="0" * 64, lines=src.n_lines)).checks


def years(text: str, title: str = TITLE) -> list[str]:
    """The years scope_word flags in ``text`` (a 2023 project report)."""
    return [c.stated for c in _checks(text, title) if c.rule == "scope_word" and c.status == "fail"]


def step_findings(text: str, title: str = TITLE):
    return [c for c in _checks(text, title) if c.rule == "date_validity" and c.status == "fail"
            and "环节" in c.message]


# ------------------------------------------------------------ funds paid before the year began

def test_funds_paid_by_a_cutoff_before_the_report_year():
    assert years("一、资金情况\n截至2022年12月31日，已支付养护资金58.20万元，其余待验收后支付。") == ["2022"]
    assert years("一、资金情况\n截止2022年底，资金到位42.00万元。") == ["2022"]
    # the twin: the report's own year's end
    assert years("一、资金情况\n截至2023年12月31日，已支付养护资金58.20万元，其余待验收后支付。") == []


def test_a_cutoff_before_the_year_that_is_no_funds_of_the_year():
    # cumulative figures of a multi-year work, funds carried over, counts
    assert years("一、项目概况\n截至2022年12月31日，项目累计支付资金310.00万元。") == []
    assert years("一、项目概况\n截至2022年底，上年结转资金12.00万元已全部支付。") == []
    assert years("一、项目概况\n截至2022年底，全县已建成绿道41公里。") == []
    # a comparison: the earlier year is one of comparison
    assert years("一、资金情况\n截至2022年12月31日支付58.20万元，较上年增加6.00万元。") == []
    # a progress note after the year (when the report is written)
    assert years("一、资金情况\n截至2024年3月31日，已支付养护资金60.00万元。") == []


# ------------------------------------------------------------ the data's year and cut-off

def test_the_data_of_another_year():
    assert years("九、其他说明\n本报告引用的2022年度数据来自财务账簿。") == ["2022"]
    assert years("九、其他说明\n以上2024年数据均为初步统计。") == ["2024"]
    assert years("九、其他说明\n报告中各项数据来源于2022年度部门决算。") == ["2022"]
    assert years("九、其他说明\n本报告引用的2023年度数据来自财务账簿。") == []
    assert years("九、其他说明\n报告中各项数据来源于2023年度部门决算。") == []


def test_the_data_cut_off_outside_the_report_year():
    assert years("九、其他说明\n本项目统计数据截至2024年12月31日。") == ["2024"]
    assert years("九、其他说明\n报告数据截止2022年12月31日。") == ["2022"]
    assert years("九、其他说明\n本项目统计数据截至2023年12月31日。") == []
    # a cut-off a few months on: the time of writing, no finding
    assert years("九、其他说明\n本项目统计数据截至2024年2月28日。") == []


def test_a_budget_document_compares_with_the_year_before():
    title = "某县园林所2024年部门预算"
    assert years("一、说明\n本表数据来源于2023年度部门决算。", title=title) == []


# ------------------------------------------------------------ the frame year and its own comparison

def test_a_frame_year_with_its_own_comparison_to_the_year_before_it():
    # 2021 compared with 2020 in a 2023 report: the frame year is no year of comparison
    assert years("三、项目绩效\n2021年全年养护绿道36公里，上年为30公里，同比增长20.00%。") == ["2021"]
    # the report's own year of comparison, 2022, may be described with its change
    assert years("三、项目绩效\n2022年全年养护绿道36公里，上年为30公里，同比增长20.00%。") == []
    # compared with the report's year: a year of comparison
    assert years("三、项目绩效\n2021年全年养护绿道36公里，本年增至40公里。") == []
    assert years("三、项目绩效\n2023年全年养护绿道36公里，上年为30公里，同比增长20.00%。") == []


def test_a_year_bound_without_its_year_group_is_refused_on_load():
    bad = """
kinds: []
period_frame: '^(?P<year>\\d{4})年'
this_period_words: [全年]
year_bounds:
  - pattern: '截至\\d{4}年'
    message: 截止日期不符
examples: {flagged: [a], clean: [b]}
"""
    with pytest.raises(RuleError) as e:
        parse_rule_text(bad, HygieneRules.model_fields["scope"].annotation, "hygiene.yaml")
    assert "year_bounds" in str(e.value)


# ------------------------------------------------------------ the self-evaluation's steps

def test_a_report_formed_before_the_evaluation_started():
    text = "六、自评工作\n我所于2024年1月8日部署自评工作，1月22日完成资料复核，2023年12月12日形成自评报告。"
    found = step_findings(text)
    assert len(found) == 1
    assert found[0].stated == "2023年12月12日" and found[0].severity == "error"
    assert "形成报告" in found[0].message and "启动自评" in found[0].message
    twin = "六、自评工作\n我所于2024年1月8日部署自评工作，1月22日完成资料复核，2月12日形成自评报告。"
    assert step_findings(twin) == []


def test_a_date_without_a_year_takes_the_last_year_stated():
    # 2月 of 2024 after 2024年1月: in order; 次年 rolls to the year after
    assert step_findings("六、自评工作\n2023年12月20日启动自评工作，次年1月15日报送自评报告。") == []
    # the year rolled stays for the dates after it
    assert step_findings("六、自评工作\n2023年12月20日启动自评工作，次年1月5日完成数据核查，1月15日报送自评报告。") == []
    # without 次年, 1月 is of 2023: the report sent before the start
    found = step_findings("六、自评工作\n2023年12月20日启动自评工作，1月15日报送自评报告。")
    assert [c.stated for c in found] == ["1月15日"]


def test_steps_in_several_sentences_of_one_paragraph():
    text = ("六、自评工作\n2024年1月10日，成立自评工作小组。2024年1月25日开展现场核查。"
            "2024年1月18日报送自评报告。")
    assert len(step_findings(text)) == 1
    twin = ("六、自评工作\n2024年1月10日，成立自评工作小组。2024年1月25日开展现场核查。"
            "2024年2月18日报送自评报告。")
    assert step_findings(twin) == []


def test_a_project_schedule_out_of_order_is_no_step_order():
    text = ("二、实施情况\n2023年9月完成绿道铺装，2023年3月完成苗木补植，2023年6月完成照明改造。")
    assert step_findings(text) == []
    # steps in two paragraphs are not compared
    text = "六、自评工作\n2024年1月8日启动自评工作。\n七、上年评价\n2023年1月20日报送2022年度自评报告。"
    assert step_findings(text) == []


def test_the_period_reported_or_evaluated_of_another_year():
    assert years("一、说明\n报告期为2022年1月1日至2022年12月31日。") == ["2022"]
    assert years("一、说明\n报告期为2023年1月1日至12月31日。") == []
    assert years("一、说明\n评价期间为2022年1月至12月。") == ["2022"]
    # the time of the evaluation, after the year: no finding
    assert years("一、说明\n自评期间为2024年1月至2月。") == []


def test_the_start_named_after_the_evaluation_and_the_approval_after_the_report():
    found = step_findings("六、自评工作\n2024年1月9日召开自评工作部署会，2023年12月30日报送自评报告。")
    assert [c.stated for c in found] == ["2023年12月30日"]
    # the report approved after it is formed, then sent: in order
    assert step_findings("六、自评工作\n2024年1月9日启动自评工作，2月10日形成自评报告，"
                         "2月15日经所务会审核后报送自评报告。") == []


def test_another_bodys_steps_after_the_report_is_sent():
    text = ("六、自评工作\n2024年1月9日启动自评工作，2月20日报送自评报告，"
            "3月财政局组织现场核查。")
    assert step_findings(text) == []
    twin = "六、自评工作\n2024年1月9日启动自评工作，2月20日报送自评报告，3月开展现场核查。"
    assert len(step_findings(twin)) == 1
