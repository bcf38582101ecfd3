"""False alarms and misses of the s7 trials in structure, lists, counts and
grades, each on an excerpt written for the test (own words, own figures):
grade bands whose （含） follows a bare number, grades said as 评为/档次,
and (below) headings, enumerations and lists."""

from __future__ import annotations

import pytest

from extract import Extractor

EX = Extractor()

HEAD = "某县2024年度部门整体支出绩效自评报告\n"


def results(text: str, rule: str, status: str | None = "fail"):
    return [r for r in EX.parse_text(text).checks if r.rule == rule and (status is None or r.status == status)]


# ---------------------------------------------------------------- grade bands and words

@pytest.mark.parametrize("sep", ["—", "至", "-", "～"])
def test_band_bound_with_contains_after_a_bare_number(sep):
    text = HEAD + (f"综合得分90分（含）以上为“优秀”，75（含）{sep}90分为“良好”，60（含）{sep}75分为“合格”，"
                   "60分以下为“不合格”。\n经自评，本部门得分86.40分，自评等级为良好。\n")
    assert results(text, "score_grade") == []
    assert [r.status for r in results(text, "score_grade", None)] == ["pass"]


def test_band_bound_with_contains_still_fails_a_wrong_grade():
    text = HEAD + ("综合得分90（含）以上为“优秀”，75（含）—90分为“良好”，60（含）—75分为“合格”，"
                   "60分以下为“不合格”。\n经自评，本部门得分72.50分，自评等级为良好。\n")
    found = results(text, "score_grade")
    assert len(found) == 1 and "合格" in found[0].message


@pytest.mark.parametrize("said", ["综合评定后评为良。", "该项目评为“良”。", "得分属于“良”档次。"])
def test_grade_said_as_rated_or_band(said):
    text = HEAD + f"本项目自评得分93.2分，{said}\n"
    found = results(text, "score_grade")
    assert len(found) == 1 and "良" in found[0].message


@pytest.mark.parametrize("said", ["单位被评为优秀。", "本局评为优秀单位。"])
def test_an_award_is_no_grade(said):
    text = HEAD + f"本项目自评得分83.2分，{said}\n"
    assert results(text, "score_grade") == []


# ---------------------------------------------------------------- headings

def test_first_heading_after_contents_and_repeated_title_is_a_heading():
    text = "\n".join([
        "某区2025年河道保洁项目绩效评价报告", "报告编号:某评字〔2026〕第3号", "目 录",
        "附件1:现场勘查记录.........................9",
        "某区2025年河道保洁项目 绩效评价报告",
        "一、项目概况", "本项目年度预算60万元。",
        "二、评价结论", "经评价，项目综合得分91分，评价等级为“优”。",
        "三、存在的问题", "巡查记录不全。",
    ]) + "\n"
    assert results(text, "heading_order") == []
    assert [s.marker for s in EX.parse_text(text).sections] == ["一、", "二、", "三、"]


def test_report_title_unlike_the_cover_still_ends_the_contents():
    text = "\n".join([
        "某区水务局2025年河道保洁经费评价报告", "目 录",
        "附件2:绩效目标申报表.........................21",
        "某区2025年河道保洁项目 绩效评价报告",
        "一、项目概况", "本项目年度预算60万元。",
        "二、评价结论", "经评价，项目综合得分91分。",
    ]) + "\n"
    assert results(text, "heading_order") == []


def test_column_formula_line_is_no_heading():
    text = HEAD + "\n".join([
        "一、部门支出绩效自评表",
        "资金结构 年初安排① 年中追加② 小计 全年支出④ 支出率(%)⑤=④/③",
        "  ③=①+②",
        "财政资金 50.00 5.00 55.00 52.80 96.00",
        "二、自评结论", "本部门自评得分92分。",
    ]) + "\n"
    assert results(text, "heading_order") == []


def test_attachment_file_name_is_no_heading():
    text = "\n".join([
        "6.某县文化馆2024年度单位决算.pdf", "一、概况", "(一)单位职责", "承担全县群众文化活动。",
        "二、收支情况", "2024年度收入总计150.00万元。",
    ]) + "\n"
    assert results(text, "heading_order") == []


def test_chunk_numbers_of_a_page_are_no_gap():
    text = "\n".join([
        "《绩效自评报告.docx》由会员分享，可在线阅读。",
        "1、2024年度项目支出绩效自评报告一、项目基本情况（一）项目概况本站申请水文监测经费8万元，批复8万元，"
        "全年支出7.6万元，主要用于购置流速仪和维护测站，覆盖全县6个监测断面，实施周期为全年。",
        "2、项目主要实施内容是完成全县6个断面的汛期监测，共报送水情信息320条。",
        "3、项目实施主管部门是县水利局。",
    ]) + "\n"
    assert results(text, "heading_order") == []


def test_a_real_gap_in_headings_still_fails():
    text = HEAD + "一、部门概况\n本部门有编制12人。\n三、自评结论\n本部门自评得分92分。\n"
    assert [r.stated for r in results(text, "heading_order")] == ["三、"]


# ---------------------------------------------------------------- enumerations

def test_paren_item_glued_to_a_word_is_read_as_written():
    text = HEAD + ("一、部门概况\n1、设立依据 本馆依据县编委文件设立。2、概况(1)机构设置:内设两个部室，领导职数2人。"
                   "(2)人员情况:编制14人，实有13人。\n")
    assert results(text, "enumeration_order") == []


def test_second_list_after_a_cut_word_restarts():
    text = HEAD + ("一、收支情况 2024 年度收入总计 180.00 万元,主要原因是: 1、在职人员增加;2、津贴标准调整。 "
                   "财政拨款收入 170.00 万元,主要原 1、在职人员增加;2、津贴标准调整。\n")
    assert results(text, "enumeration_order") == []


def test_a_real_repeat_in_a_list_still_fails():
    text = HEAD + "一、存在问题\n主要问题：1、制度不全；2、进度偏慢；2、资料缺失。\n"
    assert [r.stated for r in results(text, "enumeration_order")] == ["2、"]


# ---------------------------------------------------------------- punctuation

def test_bracket_pair_parted_by_a_chunk_mark():
    text = ("2024年度项目支出绩效自评报告\n"
            "1、一、项目基本情况 本县受益人口8600人。项目资金按照市财政局关于下达补助资金的通知(市\n"
            "2、财农2024第17号)专款专用，按季度拨付。\n")
    assert results(text, "punctuation") == []


def test_an_unclosed_bracket_is_still_found():
    text = HEAD + "一、部门概况\n本部门依据县委文件(县编〔2022〕8号设立。下设两个股室。\n二、其他\n无。\n"
    assert len(results(text, "punctuation")) == 1


# ---------------------------------------------------------------- a form's cells are no prose

CELL_FORM = [
    "四、项目支出绩效自评表", "2024年度项目支出绩效自评表", "（金额单位：万元）",
    "项目名称", "社区养老服务项目", "主管部门", "县民政局", "实施单位", "县民政局",
    "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
    "年度资金总额", "300.00", "300.00", "294.00", "10", "98.00%", "9.80",
    "年度总体目标", "预期目标：完成助餐服务等年度任务", "实际完成情况：已按计划实施",
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
    "产出指标", "数量指标", "助餐服务人次", "≥5200人次", "5260人次", "20", "20.00", "无",
    "产出指标", "数量指标", "健康讲座听众", "≥150人次", "152人次", "20", "20.00", "无",
    "产出指标", "质量指标", "服务合格率", "100%", "100%", "20", "20.00", "无",
    "效益指标", "社会效益指标", "老人照护覆盖率", "≥85%", "88%", "20", "20.00", "无",
    "满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "94%", "10", "10.00", "无",
    "总分", "100", "99.80",
]


def test_cell_per_line_form_rows_lend_no_operands():
    text = "某县2024年度社区养老服务项目支出绩效自评报告\n" + "\n".join([
        "三、绩效目标完成情况",
        "1.助餐服务：目标不少于5200人次，实际5260人次。",
        "2.健康讲座：目标不少于150人次，实际152人次。",
        *CELL_FORM,
        "五、自评结论", "经自评，本项目得分99.80分，自评等级为优。",
    ]) + "\n"
    assert results(text, "rate") == []


def test_flattened_form_line_lends_no_operands():
    cells = " ".join(CELL_FORM[3:]).replace("总分 100", "总分     100")
    text = "某县2024年度社区养老服务项目支出绩效自评报告\n" + "\n".join([
        "四、项目支出绩效自评表", cells, "五、自评结论", "经自评，本项目得分99.80分，自评等级为优。",
    ]) + "\n"
    assert results(text, "rate") == []


# ---------------------------------------------------------------- counts and breakdowns

def test_bracket_inside_a_list_item_holds_no_items():
    text = HEAD + "一、部门概况\n协会核定编制12人，内设办公室(党建室、档案室)、联络部、宣传部3个部室。\n"
    assert results(text, "count_in_words") == []
    assert [r.status for r in results(text, "count_in_words", None)] == ["pass"]


def test_list_going_on_after_a_comma_is_counted_whole():
    text = HEAD + ("一、部门概况\n本局下属事业单位6个：县农技站、县植保站、县土肥站、县种子站，新增县农机站、县畜牧站。\n")
    assert results(text, "count_in_words") == []
    wrong = text.replace("事业单位6个", "事业单位7个")
    assert len(results(wrong, "count_in_words")) == 1


def test_posts_among_a_headcount_are_no_partition():
    text = HEAD + "一、部门概况\n中心核定事业编制11名。其中：主任1名、副主任2名、科长3名。现有在职人员10人。\n"
    assert results(text, "stated_breakdown") == []
    over = text.replace("科长3名", "科长9名")
    assert len(results(over, "stated_breakdown")) == 1


def test_number_cut_by_a_chunk_mark_is_no_whole():
    text = HEAD + ("2、部门预算情况:2024年度预算支出732.6\n"
                   "3、8万元,其中人员经费510.40万元,公用经费122.28万元;项目支出100万元。\n")
    assert results(text, "stated_breakdown") == []
    joined = HEAD + ("2、部门预算情况:2024年度预算支出732.6\n\n"
                     "3、8万元,其中人员经费510.40万元,公用经费122.28万元;项目支出100万元。\n")
    assert results(joined, "stated_breakdown") == []


def test_circled_list_run_on_then_wrapped_is_one_list():
    text = HEAD + ("一、部门概况\n本部门有编制12人。\n二、存在问题\n当前仍有以下不足：①制度不够细化，部分条款难以执行；\n"
                   "②预算执行前慢后快；③结果运用不够。\n")
    assert results(text, "enumeration_order") == []
    assert results(text, "heading_order") == []
    gap = text.replace("③结果", "④结果")
    assert [r.stated for r in results(gap, "enumeration_order")] == ["④"]


def test_circled_items_on_lines_of_their_own_stay_headings():
    text = HEAD + "一、部门概况\n本部门有编制12人。\n二、目标完成情况\n①培训120人次。\n②走访36户。\n③宣讲8场。\n"
    assert [s.marker for s in EX.parse_text(text).sections][-3:] == ["①", "②", "③"]


# ---------------------------------------------------------------- misses (planter9)

def test_list_in_the_bracket_after_the_nouns_own():
    text = HEAD + "一、部门概况\n本会下设两个股（科）室（救护部、宣传部、综合科），负责日常工作。\n"
    assert [r.stated for r in results(text, "count_in_words")] == ["两个"]
    right = text.replace("两个股", "三个股")
    assert results(right, "count_in_words") == []


def test_list_after_yici_wei_is_counted():
    text = HEAD + "一、部门概况\n单位内设机构两个，依次为：办公室、业务科、财务科。年末实有人员20人。\n"
    assert [r.stated for r in results(text, "count_in_words")] == ["两个"]


def test_field_name_left_in_brackets_is_a_placeholder():
    text = HEAD + "一、部门概况\n（部门名称）认真落实预算绩效管理要求。\n"
    assert len(results(text, "placeholder")) == 1


def test_work_ending_before_it_starts():
    text = HEAD + "一、项目概况\n项目于2024年2月10日竣工验收，于2024年6月1日开工建设。\n"
    found = results(text, "date_validity")
    assert len(found) == 1 and "早于" in found[0].message
    right = HEAD + "一、项目概况\n项目于2024年6月1日竣工验收，于2024年2月10日开工建设。\n"
    assert results(right, "date_validity") == []


def test_list_parted_by_a_pages_chunk_mark_goes_on():
    text = ("2024年度项目支出绩效自评报告\n"
            "1、一、项目基本情况 1.项目背景 依据县政府文件实施。2.项目实施情况 本县扶持移民5200人。收到上级拨\n"
            "2、付的扶持资金后按季度发放到户。3.资金管理情况 资金专款专用。\n")
    assert results(text, "enumeration_order") == []
