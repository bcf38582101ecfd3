"""Causes of false alarms found by reading the tool's findings on published
reports (a field trial, 2026-12), one test per cause, each on an excerpt
written for the test in the same form as the published phrasing: web page
furniture before the title, titles run on into the text or set on two
lines, brackets opened at a line break, a closing mark left without its
opening mark, numbered items right after a run-in title, form notes and
option lists numbered inside one line, and comparison words whose clause
names its own subject."""

from __future__ import annotations

from extract import Extractor
from extract.interpret.document_type import document_type
from extract.load.text import source_from_text
from extract.normalize import normalize

EX = Extractor()
HEAD = "某县农业农村局2023年度项目支出绩效自评报告\n"


def failures(text: str, rule: str):
    return [r for r in EX.parse_text(text).checks if r.rule == rule and r.status == "fail"]


def paragraphs(text: str) -> list[str]:
    return [b.span.text for b in normalize(source_from_text(text)).blocks if b.kind != "table"]


# ---------------------------------------------------------------- what the document is

def test_page_furniture_before_the_title_is_passed_over():
    page = ("- 索引号：1153xxxx/2024-00031\n- 发布机构：某县农业农村局\n- 文号：\n"
            "- 发布日期：2024-05-06\n- 时效性：有效\n|\n|\n"
            "某县农业农村局2023年度项目支出绩效单位自评报告\n一、基本情况\n")
    assert document_type(page) == "project_self_evaluation"
    page = ("您现在的位置：首页 > 信息公开 > 财政资金\n"
            "某县文化馆2023年度部门整体支出绩效自评报告\n"
            "【字体：大 中 小】 【发布时间：2024-04-12】 【阅读：\n一、部门概况\n本馆编制8人。\n")
    report = EX.parse_text(page)
    assert report.meta.title == "某县文化馆2023年度部门整体支出绩效自评报告"
    assert report.meta.document_type == "department_self_evaluation"
    # the page's counter (【阅读：…】, filled in by a script) is no unclosed bracket of the report
    assert [r for r in report.checks if r.rule == "punctuation" and r.status == "fail"] == []


def test_a_title_set_on_two_lines_types_the_document():
    assert document_type("某市2022年度部门整体支出\n绩效评价自评报告\n单位名称：某市某中心\n") == \
        "department_self_evaluation"


def test_a_title_run_on_into_the_text_is_cut_after_its_title_words():
    dump = ("2023年某县水利局部门整体支出绩效自评报告.pdf 2023年某县水利局部门整体支出绩效自评报告 "
            "根据县财政局通知要求，我局及时布置自评任务，填写自评表格，形成本报告。\n")
    assert EX.parse_text(dump).meta.title == "2023年某县水利局部门整体支出绩效自评报告"
    form = ("模板 2019-05-22T04:56:35Z 15.00 0 0 False False 附件：项目支出绩效自评表（2023年度）项目名称 "
            "道路养护项目 主管部门 某镇人民政府 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n")
    assert EX.parse_text(form).meta.title == "项目支出绩效自评表(2023年度)"
    twice = "某县林业局2023年度项目资金绩效自评报告某县林业局2023年度项目资金绩效自评报告\n一、概况\n"
    assert EX.parse_text(twice).meta.title == "某县林业局2023年度项目资金绩效自评报告"


# ---------------------------------------------------------------- brackets

def test_a_bracket_opened_at_a_line_break_goes_on_below():
    text = "项目管理（\n12分）资金使用规范。\n"
    assert paragraphs(text) == ["项目管理(12分)资金使用规范。"]
    scores = HEAD + "一、评分\n项目决策得分 8 (\n10 ) 项目管理得分 9 (\n10 分) 合计 17 分。\n"
    assert failures(scores, "punctuation") == []
    assert failures(scores, "heading_order") == []


def test_a_closing_mark_without_its_opening_mark_is_one_finding():
    text = HEAD + "一、依据\n根据《某县专项资金管理办法》(某财农2023〕15号)要求开展自评。\n"
    found = failures(text, "punctuation")
    assert [r.stated for r in found] == ["〕"]
    assert "没有对应的起始标点" in found[0].message


# ---------------------------------------------------------------- numbered items

def test_an_item_right_after_a_run_in_title_counts():
    text = HEAD + ("一、年度主要工作\n"
                   "1.完成全县农技培训。2.开展田间督导检查。3.组织年度考核评估。4.整理归档项目资料。\n")
    assert failures(text, "enumeration_order") == []
    repeat = text.replace("4.整理", "3.整理")
    assert [r.stated for r in failures(repeat, "enumeration_order")] == ["3."]


def test_a_numbered_form_note_or_option_list_is_no_restart():
    note = HEAD + ("1.项目年度目标完成情况 |\n2.项目实施内容及过程概述 |\n预算执行情况 |\n"
                   "1.预算执行率=执行数/调整后预算数，未达到90%的说明原因；2.年中调整预算的说明理由；"
                   "3.其他资金含社会投入。 |\n")
    assert failures(note, "heading_order") == []
    options = HEAD + ("1.项目名称 某村道路硬化\n2.项目属性\n"
                      "1、部门预算项目 □ 2、县级专项 ☑ 3、转移支付项目 □\n")
    assert failures(options, "heading_order") == []
    # a real restart still is one
    restart = HEAD + "一、概况\n1.项目背景\n本项目为续建项目。\n2.资金安排\n全年安排资金20万元。\n1.绩效目标\n完成道路养护。\n"
    assert [r.stated for r in failures(restart, "heading_order")] == ["1."]


# ---------------------------------------------------------------- comparison words

def test_a_clause_naming_its_own_subject_compares_its_own_figure():
    rate = HEAD + "一、评分\n项目完成率为80%，得分原因为：资金使用率大于95%的得满分。\n"
    assert failures(rate, "comparison_word") == []
    amount = HEAD + ("一、评分\n成本目标：资金投入目标值是10万元，实际完成值为0万元，目标完成率为0%，"
                     "完成资金投入项目满分10分，得0分，扣分原因为：资金投入目标值大于10万元。\n")
    assert failures(amount, "comparison_word") == []
    # the subject carried over from the clause before still is compared
    carried = HEAD + "一、满意度\n群众满意度83.6%，高于85%的年度目标。\n"
    assert [r.stated for r in failures(carried, "comparison_word")] == ["高于"]


# ---------------------------------------------------------------- indicators in running text

def test_an_indicator_stated_in_running_text_is_judged():
    text = HEAD + ("一、自评结论\n本项目自评得分96分，评价等级为优。\n二、绩效目标完成情况\n"
                   "（一）数量指标：新建村级服务站数量绩效目标值是3个，实际完成值为1个。"
                   "开展技术培训场次目标值为12场，实际完成值为15场。\n"
                   "（二）质量指标：培训合格率年度指标值≥90%，实际完成值为93%。\n三、存在问题\n无。\n")
    report = EX.parse_text(text)
    stated = [(i.level2, i.name, i.target.text, i.actual_text, i.met) for i in report.indicators]
    assert stated == [("数量指标", "新建村级服务站数量", "3个", "1个", False),
                      ("数量指标", "开展技术培训场次", "12场", "15场", True),
                      ("质量指标", "培训合格率", "≥90%", "93%", True)]
    assert [r.stated for r in failures(text, "target")] == ["1个"]
    assert len(failures(text, "target_rating")) == 1
    # a figure far from its word, or of another unit, states no indicator
    loose = HEAD + "一、情况\n目标值设定科学，全年实际完成投资120万元，服务群众3000人次。\n"
    assert EX.parse_text(loose).indicators == []


# ---------------------------------------------------------------- names and numbers in web pages

def test_a_word_starting_with_a_suffix_is_no_place_name():
    text = HEAD + "一、服务\n某山市政务服务热线：0000-12345（某山区域拨打）。\n"
    assert failures(text, "name_variant") == []
    assert len(failures(HEAD + "一、范围\n项目覆盖某山市3个村。某山区农业农村局负责验收。\n",
                        "name_variant")) == 1


def test_numbers_written_without_a_sentence_end_before_them_are_no_gap():
    text = HEAD + ("一、项目基本情况\n(一)项目概况1.项目名称：[名称]2.项目背景：说明政策依据。"
                   "3.实施主体：说明实施单位。4.实施地点：说明地点。\n")
    assert failures(text, "enumeration_order") == []
    gap = HEAD + "一、存在问题\n主要问题：1.审批周期长；2.人员不足，经费3.5万元未拨付；4.宣传不够。\n"
    assert [r.stated for r in failures(gap, "enumeration_order")] == ["4."]
