"""Causes the lead fixed from session 10's fresh trials: excerpts written for
these tests, in our own words and figures."""

from __future__ import annotations

import logging

import pytest

from extract.pipeline import parse_file

DEPT = "某乡人民政府2022年度部门整体支出绩效评价基础数据表\n"


def failed(tmp_path, text: str, rule: str) -> list[str]:
    """The messages of the failed ``rule`` checks of a report of ``text``."""
    logging.getLogger("extract").setLevel(logging.CRITICAL)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return [c.message for c in parse_file(path).checks if c.status == "fail" and c.rule == rule]


def heading_findings(tmp_path, text: str) -> list[str]:
    return failed(tmp_path, text, "heading_order")


@pytest.mark.parametrize("label", ["公用经费：", "专项业务费:", "其他支出："])
def test_rows_numbered_anew_under_a_label_line_are_no_restart(tmp_path, label):
    text = (DEPT + "基本支出：\n1、人员经费\n2、办公经费\n3、会议费\n"
            + label + "\n1、设备维护\n2、宣传印刷\n")
    assert heading_findings(tmp_path, text) == []


def test_a_gap_under_a_label_line_is_still_caught(tmp_path):
    text = DEPT + "基本支出：\n1、人员经费\n2、办公经费\n专项业务费：\n1、设备维护\n2、宣传印刷\n4、培训\n"
    assert any("缺少" in m for m in heading_findings(tmp_path, text))


def test_a_sentence_ending_in_a_colon_is_no_label(tmp_path):
    # a long lead-in sentence is a paragraph, not a table's group label
    text = (DEPT + "一、基本情况\n1、机构设置\n2、人员情况\n"
            "根据县财政局关于开展年度绩效自评工作的通知要求，现将有关情况报告如下：\n1、预算执行\n")
    assert any("重新开始" in m for m in heading_findings(tmp_path, text))


@pytest.mark.parametrize("body, group", [
    ("公用经费：\n12.00\n11.50\n11.50", True),   # the row's figures one cell a line
    ("专项业务费:\n0\n0", True),
    ("专项业务费： 640.30 215.12", True),           # on the label's line
    ("专项业务费：", True),
    ("本年共开展培训12期。\n96.00", False),          # a sentence is no label
    ("640.30\n215.12", False),                      # figures with no label
])
def test_a_group_row_before_a_restart(body, group):
    from types import SimpleNamespace

    from extract.checks.ordering import _under_group_row
    from extract.ruleset import RuleSet

    pattern = RuleSet.default().headings.group_row_before
    assert _under_group_row(SimpleNamespace(body=body), pattern) is group


def scope_findings(tmp_path, text: str) -> list[str]:
    return failed(tmp_path, text, "scope_word")


PROJECT = "某县交通运输局2024年度项目支出绩效自评报告\n一、基本情况\n项目运行正常。\n二、下一步工作\n"


@pytest.mark.parametrize("plan", [
    "2025年将加快项目支出进度，力争全年执行率不低于95%。",
    "2025年计划全年完成养护里程120公里。",
    "2025年争取全年预算执行率达到98%以上。",
])
def test_a_later_years_plan_naming_the_whole_year_is_no_wrong_year(tmp_path, plan):
    assert scope_findings(tmp_path, PROJECT + plan + "\n") == []


@pytest.mark.parametrize("slip", [
    "2025年全年实际支出318.40万元，预算执行率96.20%。",   # this year's figures under the next year
    "2023年全年实际支出318.40万元，预算执行率96.20%。",   # a year before, whatever its words
])
def test_this_years_figures_under_another_year_are_still_caught(tmp_path, slip):
    text = PROJECT.replace("二、下一步工作\n", "二、资金情况\n") + slip + "\n"
    assert scope_findings(tmp_path, text)
