"""Structure false alarms and a miss of the trials s6 (planted reports and
new real texts), each on an excerpt written for the test: a form's title
under a numbered heading, an inline (1) after a lead-in clause, 第一/第二
lists, and a table of contents whose last entry has a leader and no page
number."""

from __future__ import annotations

import pytest

from extract import Extractor
from extract.markers import marker_set

EX = Extractor()

HEAD = "某市体育局2024年度全民健身项目支出绩效自评报告\n"


def failures(text: str, rule: str):
    return [r for r in EX.parse_text(text).checks if r.rule == rule and r.status == "fail"]


FORM = "\n".join([
    "三级指标\t年度指标值\t实际完成值\t分值\t得分",
    "健身器材安装数量\t≥120套\t126套\t60\t60",
    "群众满意度\t≥85%\t91%\t40\t40",
    "总分\t\t\t100\t100",
])


# ---------------------------------------------------------------- a form's title

def report_with_form(title: str, after: str) -> str:
    return HEAD + "\n".join([
        "一、项目概况", "项目由市体育局组织实施。",
        "二、绩效目标完成情况", "全年各项目标均已完成。",
        "三、绩效自评表", title, FORM,
        after, "该项目自评得分为100分，自评等级为“优”。",
    ]) + "\n"


@pytest.mark.parametrize("title", ["项目支出绩效自评表（2024年度）", "部门整体支出绩效自评表",
                                   "2024年度全民健身项目绩效自评表"])
def test_form_title_under_a_numbered_heading_opens_no_new_numbering(title):
    text = report_with_form(title, "四、自评结论")
    assert failures(text, "heading_order") == []
    report = EX.parse_text(text)
    assert [s.marker for s in report.sections] == ["一、", "二、", "三、", "四、"]
    assert all(s.parent is None for s in report.sections)


def test_gap_after_a_form_title_is_still_a_gap_of_the_report():
    text = report_with_form("项目支出绩效自评表（2024年度）", "五、自评结论")
    # 五、 goes on with the report's count: the gap is the report's own
    found = failures(text, "heading_order")
    assert [r.stated for r in found] == ["五、"]
    assert found[0].message == "一级标题：“五、”之前缺少“四、”"


def test_second_document_after_its_form_is_still_numbered_anew():
    text = "\n".join([
        "全民健身项目支出绩效自评表", FORM,
        "全民健身项目支出绩效自评报告",
        "一、项目概况", "项目由市体育局组织实施。",
        "二、自评结论", "自评得分为100分。",
    ]) + "\n"
    assert failures(text, "heading_order") == []
    text2 = HEAD + "\n".join([
        "一、项目概况", "项目由市体育局组织实施。",
        "二、自评结论", "自评得分为100分。",
        "附件全民健身项目支出绩效自评报告",
        "一、项目概况", "同上。",
        "二、自评结论", "同上。",
    ]) + "\n"
    assert failures(text2, "heading_order") == []
    titles = [s for s in EX.parse_text(text2).sections if s.style == "title"]
    assert len(titles) == 1
