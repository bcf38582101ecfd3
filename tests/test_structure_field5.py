"""Structure false alarms of the field trial s5, each on an excerpt written
for the test: a heading with a comma over a list opening at 一是, a form's
分值 cell "（30）" after its level cell, data-table rows numbered anew
under each group row, and the message of a long gap or a restart."""

from __future__ import annotations

from extract import Extractor

EX = Extractor()

HEAD = "某县某局2023年度部门整体支出绩效自评报告\n\n"


def failures(text: str, rule: str):
    return [r for r in EX.parse_text(text).checks if r.rule == rule and r.status == "fail"]


# ---------------------------------------------------------------- FA-S1

def test_heading_with_comma_over_a_list_at_item_one_stays_a_heading():
    text = HEAD + "\n\n".join([
        "二、发现的问题",
        "(一)资金拨付不够及时,支出进度偏慢",
        "一是拨付环节较多。审批要经三道手续。二是项目启动较迟。下半年才开工。",
        "(二)监督还需加强",
        "一是抽查偏少。二是整改不快。",
    ]) + "\n"
    assert failures(text, "enumeration_order") == []
    report = EX.parse_text(text)
    first = next(s for s in report.sections if s.marker == "(一)")
    assert (first.title + first.body).split("\n")[0] == "资金拨付不够及时,支出进度偏慢"
    assert [e.marker for e in first.enumerations] == ["一是", "二是"]


def test_marked_line_wrapped_mid_sentence_across_blank_line_is_still_joined():
    # a marked line cut inside its sentence (no list opening below): one paragraph
    text = HEAD + "(一)本年度共安排专项资金80万元,其中用于\n\n设备购置50万元。\n"
    report = EX.parse_text(text)
    assert any("其中用于设备购置50万元" in s.title + s.body for s in report.sections)


# ---------------------------------------------------------------- FA-S2

def test_bare_weight_cell_after_level_cell_is_no_heading():
    cells = ["一级指标", "分值", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "产出指标", "(30)", "数量指标", "培训人数", "200人", "200人", "10", "10",
             "效益指标", "(20)", "社会效益指标", "就业人数", "50人", "50人", "20", "20"]
    text = "某项目支出绩效自评表\n\n" + "\n\n".join(cells) + "\n"
    assert failures(text, "heading_order") == []


def test_bare_marker_after_other_line_is_still_a_heading():
    # "一、" alone on its line, its title on the next: still a heading
    text = HEAD + "\n\n".join(["一、", "基本情况", "本局负责全县的统计工作。", "三、", "存在问题", "人员偏少。"]) + "\n"
    assert [r.stated for r in failures(text, "heading_order")] == ["三、"]


# ---------------------------------------------------------------- FA-S3

def test_rows_numbered_anew_under_group_rows_of_a_data_table():
    text = "部门整体支出绩效评价基础数据表\n" + "\n".join([
        "经费控制情况2022年决算数2023年预算数2023年决算数",
        "差旅经费6.105.804.90",
        "1、市内交通费1.201.101.00",
        "2、住宿费4.904.703.90",
        "专项支出:320.00300.00280.00",
        "1、设备更新经费120.00110.00100.00",
        "2、系统维护经费",
    ]) + "\n"
    assert failures(text, "heading_order") == []


def test_restart_after_a_sentence_is_still_flagged_in_its_own_form():
    text = HEAD + "\n\n".join([
        "一、基本情况", "1、人员情况。本局在职12人。", "2、资产情况。本局车辆2台。",
        "1、职能情况。本局负责统计。",
    ]) + "\n"
    found = failures(text, "heading_order")
    assert [(r.stated, r.expected) for r in found] == [("1、", "3、")]
    assert "此处应为“3、”" in found[0].message


# ---------------------------------------------------------------- messages

def test_long_gap_names_its_ends_and_count():
    text = HEAD + "\n\n".join(["一、基本情况", "(1)人员情况。本局在职12人。", "(40)资产情况。本局车辆2台。"]) + "\n"
    found = failures(text, "heading_order")
    assert len(found) == 1
    assert "之前缺少“(2)”至“(39)”共38个" in found[0].message


def test_short_gap_lists_markers_apart_when_they_end_in_a_comma_mark():
    text = HEAD + "\n\n".join(["三、存在问题", "人员偏少。"]) + "\n"
    found = failures(text, "heading_order")
    assert [r.message for r in found] == ["一级标题：“三、”之前缺少“一、”“二、”"]
