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


# ---------------------------------------------------------------- (1) after a lead-in

def test_inline_paren_list_after_a_lead_in_comma_starts_at_its_first_item():
    text = HEAD + "一、主要做法\n为推进项目落地，（1）健全工作机制；（2）细化资金管理；（3）加强跟踪问效。\n"
    assert failures(text, "enumeration_order") == []
    sec = EX.parse_text(text).sections[0]
    assert [e.ordinal for e in sec.enumerations] == [1, 2, 3]


def test_inline_paren_list_after_a_lead_in_comma_with_a_gap_is_flagged():
    text = HEAD + "一、主要做法\n为推进项目落地，（1）健全工作机制；（2）细化资金管理；（4）加强跟踪问效。\n"
    assert [r.stated for r in failures(text, "enumeration_order")] == ["(4)"]


# ---------------------------------------------------------------- 第一，第二

def test_di_ordinal_list_with_a_gap_is_flagged():
    text = HEAD + "一、主要做法\n第一，压实主体责任；第二，规范资金拨付；第四，强化结果运用。\n"
    found = failures(text, "enumeration_order")
    assert [(r.stated, r.expected) for r in found] == [("第四", "第三")]
    assert "“第四”之前缺少“第三”" in found[0].message


def test_di_ordinal_list_after_a_lead_in_in_order_passes():
    text = HEAD + "一、主要做法\n在资金管理上，第一，压实主体责任；第二，规范资金拨付；第三，强化结果运用。\n"
    assert failures(text, "enumeration_order") == []
    sec = EX.parse_text(text).sections[0]
    assert [e.marker for e in sec.enumerations] == ["第一", "第二", "第三"]


@pytest.mark.parametrize("sentence", [
    "第二季度完成器材安装，第三季度完成验收。",
    "第二批资金已于6月到位，第四批资金于年底拨付。",
    "委托第三方机构开展满意度调查，第五方面工作另行报告。",
    "全市排名第二，较上年提升两位，全省第四，",
    "第一、二季度支出进度偏慢，第三、四季度明显加快。",
])
def test_di_ordinals_of_periods_batches_and_ranks_are_no_list(sentence):
    assert marker_set().enumerations(sentence) == []
    assert failures(HEAD + "一、主要做法\n" + sentence + "\n", "enumeration_order") == []


# ---------------------------------------------------------------- table of contents

def test_contents_with_varied_leaders_and_an_unnumbered_last_entry_is_one_block():
    # entries joined into paragraphs by their widths; the last, with a leader
    # and no page number, is longer than a heading line can be
    dots = [50, 45, 46, 41, 48, 43, 41, 37, 38, 50, 47]
    entries = ["1.总体情况", "1.1单位基本职能", "1.2年度支出概况", "1.3重点项目安排", "2.评价工作开展",
               "2.1评价依据", "2.2评价方法", "2.3评价的不足", "3.部门整体支出评价结论分析", "3.1资金投入",
               "3.2资金使用"]
    pages = ["1", "1", "2", "2", "3", "3", "3", "4", "4", "4", ""]
    lines = ["目  录", ""]
    for title, n, page in zip(entries, dots, pages):
        lines += [title + "·" * n + page, ""]
    text = "\n".join(lines) + "\n"
    assert failures(text, "heading_order") == []
    assert EX.parse_text(text).sections == []


def test_body_after_a_cut_contents_keeps_its_headings():
    lines = ["目录", "1.总体情况··························1", "2.评价工作开展··························3",
             "3.评价结论与分析" + "·" * 52, "",
             "1.总体情况", "本单位负责全市的体育工作。", "2.评价工作开展", "按有关办法组织评价。",
             "3.评价结论与分析", "评价得分为92分。"]
    text = "\n".join(lines) + "\n"
    assert failures(text, "heading_order") == []
    assert [s.marker for s in EX.parse_text(text).sections] == ["1.", "2.", "3."]
