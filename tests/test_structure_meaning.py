"""Structure and meaning (issue 23, items 1-6), each on an excerpt written
for the test: headings after a table of contents and around tables, the
self-score said of other items and a report's own grade bands, years placed
in the report's own period, impossible dates, numbered lists run on in a
paragraph, and counts in words against what they count."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract import Extractor

EX = Extractor()


def check(text: str):
    return EX.parse_text(text).checks


def failures(text: str, rule: str):
    return [r for r in check(text) if r.rule == rule and r.status == "fail"]


HEAD = "某县某局2023年度部门整体支出绩效自评报告\n"


# ---------------------------------------------------------------- 1 headings

def test_contents_row_labels_and_second_document_are_no_restart():
    text = HEAD + "\n".join([
        "目 录",
        "第一部分 部门概况",
        "第二部分 绩效情况",
        "第一部分 部门概况",
        "一、主要职能",
        "本局负责全县统计工作。",
        "二、支出明细",
        "项目名称                   全年预算数   全年执行数",
        "一、调查类",
        "人口抽样调查经费           42.15        40.80",
        "二、保障类",
        "执法检查经费               36.20        29.74",
        "第二部分 绩效情况",
        "一、产出",
        "（一）数量",
        "1.调查项目完成数：46项。",
        "2.清查单位数：2.86万个。",
        "（二）质量",
        "3.差错率：0.35%。",
        "某县某局关于2023年度项目绩效自评情况的报告",
        "一、项目概况",
        "项目运行正常。",
    ]) + "\n"
    report = EX.parse_text(text)
    assert [r.message for r in report.checks if r.rule == "heading_order" and r.status == "fail"] == []
    assert not any(s.title == "调查类" for s in report.sections)


def test_body_chapters_named_by_the_contents():
    text = "某街道2023年部门预算\n" + "\n".join([
        "目 录", "一、部门主要职能", "二、项目经费情况说明",
        "部门主要职能", "一、加强党的建设。落实基层党建责任制。", "二、统筹社区发展。统筹落实规划。",
        "项目经费情况说明", "一、项目概况。新建服务中心。", "二、立项依据。根据规划建设。",
    ]) + "\n"
    report = EX.parse_text(text)
    assert [s.title for s in report.sections if s.style == "contents"] == ["部门主要职能", "项目经费情况说明"]
    assert [r for r in report.checks if r.rule == "heading_order" and r.status == "fail"] == []


# ---------------------------------------------------------------- 2 meta

def test_score_of_other_projects_is_not_the_reports():
    text = HEAD + "一、预算绩效管理\n绩效自评的项目4个，平均得分99.43分（其中，绩效评级为“优”的项目4个；绩效评级为“不合格”的项目0个）。\n"
    meta = EX.parse_text(text, run_checks=False).meta
    assert meta.self_score is None and meta.grade is None


def test_the_self_score_is_the_total_not_a_part_score():
    # the parts' 合计 after them is the score; a kind of indicators' score is a part
    summed = HEAD + "一、自评结论\n本项目执行率得分9.6分，绩效指标得分82.7分，合计92.3分，等级为优。\n"
    assert EX.parse_text(summed, run_checks=False).meta.self_score == Decimal("92.3")
    assert failures(summed, "score_grade") == []
    parts = (HEAD + "一、自评结论\n自评总分91.5分，其中产出指标得分45.5分，效益指标得分28.0分，"
             "满意度指标得分9.0分，预算执行得分9.0分。等级：优。\n")
    assert EX.parse_text(parts, run_checks=False).meta.self_score == Decimal("91.5")
    # a sum of minutes is no score
    minutes = HEAD + "一、培训\n每期授课40分，合计120分钟。\n"
    assert EX.parse_text(minutes, run_checks=False).meta.self_score is None


def test_a_whole_score_is_exact():
    # scores are given in points: a form's 总分 of 85 is not the text's 84.70
    form = ("一、自评表\n三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n修缮档案册数 | ≥300册 | 310册 | 50 | 50\n"
            "查档满意度 | ≥90% | 92% | 35 | 35\n总分 | — | — | 85 | 85\n二、自评结论\n本项目自评得分为{}分，等级为良。\n")
    found = failures(HEAD + form.format("84.70"), "score_grade")
    assert [r.kind for r in found] == ["restated_total"]
    assert failures(HEAD + form.format("85.00"), "score_grade") == []


def test_grade_bands_written_as_ranges_and_a_partial_scale():
    ranges = HEAD + "一、自评结论\n综合得分86.40分（≥88分为优秀，76-88分为良好，60-76分为合格），评价等级为{}。\n"
    assert [r.expected for r in failures(ranges.format("优秀"), "score_grade")] == ["良好"]
    assert failures(ranges.format("良好"), "score_grade") == []
    # 及以上 without （含）
    plain = HEAD + "一、自评结论\n评分标准：93分及以上为“优”、83-92.99分为“良”、60-82.99分为“中”。本项目得分92.50分，等级为“良”。\n"
    assert failures(plain, "score_grade") == []
    # a scale whose top band is not read is partial: the national one judges
    partial = HEAD + "一、自评结论\n评分标准：83-92.99分为“良”、60-82.99分为“中”。本项目得分97.20分，等级为“优”。\n"
    assert failures(partial, "score_grade") == []


def test_grade_against_the_reports_own_bands():
    text = HEAD + "一、自评结论\n自评得分95分（含）以上为优秀，85分（含）至95分为良好，60分（含）至85分为合格，60分以下为不合格。本项目自评得分93.20分，评价等级为优秀。\n"
    found = failures(text, "score_grade")
    assert len(found) == 1 and found[0].expected == "良好" and found[0].stated == "优秀"



@pytest.mark.parametrize("cut", ["以上为“优”，", "80分（含）至", "（90分（含）"])
def test_bands_wrapped_over_a_line_are_one_scale(cut):
    """A band sentence broken by a line break anywhere (a text dump's
    wrapped line) states the same scale."""
    bands = "按照评分标准（90分（含）以上为“优”，80分（含）至90分为“良”，60分（含）至80分为“中”，60分以下为“差”），"
    at = bands.index(cut) + len(cut)
    text = HEAD + "一、自评结论\n" + bands[:at] + "\n" + bands[at:] + "本项目自评得分97.40分，等级为“优”。\n"
    assert failures(text, "score_grade") == []
    wrong = text.replace("97.40分", "86.40分")
    found = failures(wrong, "score_grade")
    assert len(found) == 1 and found[0].expected == "良", found


# ---------------------------------------------------------------- 3 years

def test_year_in_the_reports_own_period():
    """A budget figure of an earlier year is no finding; a year framing this
    year's figures is one finding (hygiene's scope_word), not two."""
    years = ("year_scope", "scope_word")
    wrong = HEAD + "一、资金\n截至2022年12月31日，项目全年实际支出274.63万元。\n"
    assert [r.rule for r in check(wrong) if r.rule in years and r.status == "fail"] == ["scope_word"]
    compared = HEAD + "一、资金\n2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，比2022年增加77.70%。\n"
    assert [r for r in check(compared) if r.rule in years and r.status == "fail"] == []


# ---------------------------------------------------------------- 4 dates

def test_impossible_dates_and_years():
    text = HEAD + "一、进度\n2023年9月31日完成验收；2023年2月29日开展评查；20233年度计划已下达；2024年2月29日复查。\n"
    found = failures(text, "date_validity")
    assert sorted(r.stated for r in found) == ["20233年", "2023年2月29日", "2023年9月31日"]
    assert all(r.severity == "error" for r in found)


def test_impossible_dates_written_with_hao_or_numerically():
    """A day written 号 and a numeric date (one separator twice) are dates
    too; a numeric figure with no month of the year is no date at all."""
    text = (HEAD + "一、进度\n工程于2022年4月31号通过初验，2022.11.31完成结算，2022-02-29召开总结会，"
            "2022/6/30上报，2022.10.8归档，2023年3月5号复核。\n二、说明\n按2021.14.2号口径不变。\n")
    found = failures(text, "date_validity")
    assert [r.stated for r in found] == ["2022年4月31号", "2022.11.31", "2022-02-29"]
    assert [r.locations[0].line for r in found] == [3, 3, 3]
    clean = HEAD + "一、进度\n2022.12.31前完成，2024-02-29复查，2022年4月30号验收。\n"
    assert failures(clean, "date_validity") == []


# ---------------------------------------------------------------- 5 numbered lists

def test_run_on_numbered_list_gap_and_repeat():
    gap = HEAD + "一、存在问题\n主要问题：1.审批周期长；2.人员不足；4.宣传不够。\n"
    assert [r.stated for r in failures(gap, "enumeration_order")] == ["4."]
    repeat = HEAD + "一、存在问题\n(1)审批周期长；(2)人员不足；(2)宣传不够。\n"
    assert [r.stated for r in failures(repeat, "enumeration_order")] == ["(2)"]


# ---------------------------------------------------------------- 6 counts

def test_counts_against_colon_lists_enumerations_and_tables():
    colon = HEAD + "一、机构\n局机关内设机构九个：办公室、人事股、计划财务股、基础教育股、安全稳定股、教育督导室、学生资助管理中心、职业与成人教育股。\n"
    assert [r.expected for r in failures(colon, "count_in_words")] == ["8"]
    names = HEAD + "一、机构\n局机关内设股室七个，分别是办公室、规划财务股、医政医管股、基层卫生与妇幼健康股、疾病预防控制股、中医药管理股、人口监测与家庭发展股。\n"
    assert failures(names, "count_in_words") == []
    inline = HEAD + "一、工作\n全年重点做了四个方面工作：一是强化调度；二是完善制度；三是加强监督。\n"
    assert [r.expected for r in failures(inline, "count_in_words")] == ["3"]
    table = HEAD + "\n".join([
        "一、建设内容", "共实施提档升级路段八条，总里程22.6公里。具体路段见表1。",
        "表1 路段明细", "序号\t路段名称\t建设里程（公里）", "1\t甲至乙\t6.8", "2\t丙至丁\t5.4", "3\t戊至己\t10.4",
    ]) + "\n"
    found = failures(table, "count_in_words")
    assert len(found) == 1 and "所列 3 行不符" in found[0].message
    open_list = HEAD + "一、范围\n项目涉及溪口镇、双溪乡、龙潭镇等6个乡镇。\n"
    assert failures(open_list, "count_in_words") == []
