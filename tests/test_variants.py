"""Forms of other departments, provinces and years (docs/forms.md).

Every excerpt here was written for these tests in the style of a form seen in
published self-evaluation reports; none is copied from one. One test per form.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from test_meta_budget import fig, parse_text

from extract.span import SourceText
from extract.structure.tables import build_table, split_cells, table_segments


def ind(report, name):
    (found,) = [i for i in report.indicators if i.name == name]
    return found


def target(i):
    q = i.target.quantity
    return i.target.operator, (None if q is None else (q.value, q.unit))


def actual(i):
    return None if i.actual is None else (i.actual.value, i.actual.unit)


# ---------------------------------------------------------------- the standard 项目支出绩效自评表

STANDARD_FORM = (
    "项目支出绩效自评表\n"
    "（2023年度）\n"
    "项目名称\t乡村道路日常养护\t\n"
    "主管部门\t某县交通运输局\t实施单位\t某县公路事务中心\n"
    "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "\t年度资金总额\t300.00\t280.00\t266.00\t10\t95.00%\t9.5\n"
    "\t其中：当年财政拨款\t300.00\t280.00\t266.00\t—\t—\t—\n"
    "\t上年结转资金\t\t\t\t—\t—\t—\n"
    "年度总体目标\t预期目标\t实际完成情况\n"
    "\t完成辖区道路日常养护\t已完成辖区道路日常养护\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "\t产出指标\t数量指标\t养护里程\t≥120公里\t126公里\t20\t20\t\n"
    "\t\t质量指标\t路面优良率\t≥85%\t88%\t15\t15\t\n"
    "\t\t时效指标\t养护任务完成时间\t2023年12月31日前\t2023年12月20日\t15\t15\t\n"
    "\t\t成本指标\t单公里养护成本\t≤2.5万元\t2.2\t10\t10\t\n"
    "\t效益指标\t社会效益指标\t群众出行条件\t明显改善\t明显改善\t20\t18\t部分路段仍需提升\n"
    "\t满意度指标\t服务对象满意度指标\t沿线群众满意度\t≥90%\t93%\t10\t10\t\n"
    "总分\t100\t97.5\t\n"
)


def test_standard_form_stacked_in_one_tab_table():
    """The whole 自评表 is one block of tab rows: 项目名称 rows without a
    header, the 项目资金 part, the 年度总体目标 part and the 绩效指标 part each
    under its own header row."""
    r = parse_text(STANDARD_FORM)
    (t,) = r.tables
    segs = table_segments(t)
    assert [(s.start, s.header_rows) for s in segs] == [(0, 0), (2, 1), (6, 1), (8, 1)]
    grid = t.grid()
    # "—" placeholders and form labels are never wrapped text of the row above
    assert grid[4][1] == "其中：当年财政拨款" and grid[5][1] == "上年结转资金"
    assert grid[7][1] == "完成辖区道路日常养护"
    m = r.meta
    assert (m.title, m.year, m.report_type) == ("项目支出绩效自评表", 2023, "项目支出")
    assert (m.project_name, m.department) == ("乡村道路日常养护", "某县交通运输局")
    assert m.self_score == Decimal("97.5")  # the 总分 row: 满分 100, then 得分
    assert fig(r, "initial") == (Decimal("300.00"), "万元")
    assert fig(r, "adjusted") == (Decimal("280.00"), "万元")
    assert fig(r, "executed") == (Decimal("266.00"), "万元")
    assert fig(r, "rate") == (Decimal("95.00"), "%")
    assert [i.name for i in r.indicators] == ["养护里程", "路面优良率", "养护任务完成时间", "单公里养护成本",
                                              "群众出行条件", "沿线群众满意度"]
    cost = ind(r, "单公里养护成本")
    assert (cost.level1, cost.level2) == ("产出指标", "成本指标")
    assert target(cost) == ("<=", (Decimal("2.5"), "万元"))
    assert actual(cost) == (Decimal("2.2"), "万元") and cost.met is True  # bare 2.2 read in 万元
    assert ind(r, "群众出行条件").deviation_reason == "部分路段仍需提升"
    assert ind(r, "养护任务完成时间").met is True
    assert (ind(r, "沿线群众满意度").weight, ind(r, "沿线群众满意度").score) == (Decimal("10"), Decimal("10"))


# ---------------------------------------------------------------- 指标性质 / 指标值 / 度量单位

SPLIT_TARGET_FORM = (
    "部门预算项目支出绩效自评表（2023年度）\n"
    "项目名称\t51234500T0000012345-社区文化活动经费\n"
    "主管部门\t某县文化广电旅游局\t实施单位（盖章）\t某县文化馆\n"
    "预算执行情况（10分）\t年度预算数（万元）\t年初预算\t调整后预算数\t预算执行数\t预算执行率\t权重\t得分\t原因\n"
    "\t总额\t40.00\t36.50\t35.04\t96.00%\t10\t9.6\t\n"
    "\t其中：财政资金\t40.00\t36.50\t35.04\t96.00%\t/\t/\t\n"
    "绩效指标（90分）\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析\n"
    "\t产出指标\t数量指标\t举办群众文化活动场次\t≥\t24\t场\t26\t30\t30\t\n"
    "\t\t质量指标\t活动安全事故发生率\t=\t0\t%\t0\t20\t20\t\n"
    "\t\t时效指标\t资金支付及时率\t≥\t95\t%\t93\t10\t8\t部分款项年底结算\n"
    "\t效益指标\t社会效益指标\t群众参与人次\t≥\t5000\t人次\t6200\t20\t20\t\n"
    "\t合计\t\t\t\t\t\t\t100\t97.6\t\n"
)


def test_target_split_over_operator_value_and_unit_columns():
    """部门预算项目支出绩效自评表: 年初预算 / 调整后预算数 / 预算执行数 /
    预算执行率 on a 总额 row; the target split into 指标性质, 指标值 and
    度量单位; the actual a bare number in that unit."""
    r = parse_text(SPLIT_TARGET_FORM)
    assert fig(r, "initial") == (Decimal("40.00"), "万元")
    assert fig(r, "adjusted") == (Decimal("36.50"), "万元")
    assert fig(r, "executed") == (Decimal("35.04"), "万元")
    assert fig(r, "rate") == (Decimal("96.00"), "%")
    shows = ind(r, "举办群众文化活动场次")
    assert shows.target.text == "≥24场" and not shows.target.inferred_operator
    assert target(shows) == (">=", (Decimal("24"), "场")) and actual(shows) == (Decimal("26"), "场")
    assert shows.met is True
    late = ind(r, "资金支付及时率")
    assert target(late) == (">=", (Decimal("95"), "%")) and actual(late) == (Decimal("93"), "%")
    assert late.met is False and late.deviation_reason == "部分款项年底结算"
    assert target(ind(r, "活动安全事故发生率")) == ("=", (Decimal("0"), "%"))
    # the project code before the name is dropped; the score is the 合计 row's 得分 (分值 100)
    assert r.meta.project_name == "社区文化活动经费"
    assert r.meta.self_score == Decimal("97.6")


TWO_ROW_HEADER_FORM = (
    "2021年度项目支出绩效自评表\n"
    "项目名称\t农村饮水工程维修养护补助\n"
    "绩效指标\t\t\t年度指标值\t\t\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t\t\t\t\n"
    "产出指标\t数量指标\t维修养护工程处数\t﹦\t18\t处\t18\t20.00\t20.00\t\n"
    "\t成本指标\t维修养护补助资金\t≤\t126000\t元\t126000\t10.00\t10.00\t\n"
    "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥\t90\t%\t88\t10.00\t8.00\t个别村组供水不稳\n"
)


def test_two_header_rows_under_a_merged_target_label():
    """年度指标值 merged over 指标性质 / 指标值 / 度量单位 in the row below; the
    small equals sign ﹦; a money target in 元."""
    r = parse_text(TWO_ROW_HEADER_FORM)
    works = ind(r, "维修养护工程处数")
    assert target(works) == ("=", (Decimal("18"), "处")) and works.met is True
    money = ind(r, "维修养护补助资金")
    assert money.level1 == "产出指标"
    assert target(money) == ("<=", (Decimal("126000"), "元")) and money.met is True
    assert money.target.quantity.normalized_value == Decimal("126000")
    sat = ind(r, "受益群众满意度")
    assert (sat.met, sat.weight, sat.score) == (False, Decimal("10.00"), Decimal("8.00"))


def test_stated_comparison_words_and_text_targets():
    """部门整体绩效自评表 columns (指标名称 / 计量单位 / 指标性质 / 年初指标值 /
    全年完成值): 反向指标 states "at most"; 定性 targets 高, 合规, 是."""
    text = (
        "部门整体绩效自评表\n"
        "指标名称\t计量单位\t指标性质\t年初指标值\t全年完成值\t指标权重（分）\t指标得分（分）\n"
        "预算调整率\t%\t反向指标\t5\t3\t5\t5\n"
        "资金使用合规性\t\t定性指标\t合规\t合规\t5\t5\n"
        "信息公开及时性\t\t定性指标\t高\t高\t5\t5\n"
        "重大舆情处置到位\t是/否\t定性指标\t是\t否\t5\t0\n"
        "宣传任务完成情况\t\t定性指标\t全部完成\t基本完成\t5\t4\n"
    )
    r = parse_text(text)
    assert r.meta.report_type == "部门整体支出"
    rate = ind(r, "预算调整率")
    assert rate.target.text == "5%" and target(rate) == ("<=", (Decimal("5"), "%"))
    assert not rate.target.inferred_operator and rate.met is True
    assert [ind(r, n).met for n in ("资金使用合规性", "信息公开及时性", "重大舆情处置到位", "宣传任务完成情况")] \
        == [True, True, False, None]


@pytest.mark.parametrize("target_text, actual_text, operator, met", [
    ("100%", "100%", ">=", True),        # a bare full percentage
    ("=100%", "98%", "=", False),
    ("≥95%", "96", ">=", True),           # a bare actual read in the target's unit
    ("≤10次", "12次", "<=", False),
    ("＞90%", "92%", ">", True),          # a full-width comparison
    ("90%-100%", "95%", "range", True),
    ("按时完成", "已按时完成", None, True),
    ("达到预期", "达成预期指标", None, True),
    ("效果明显", "未达到预期", None, False),
])
def test_target_forms(target_text, actual_text, operator, met):
    text = ("一级指标\t二级指标\t三级指标\t指标值\t完成值\n"
            f"产出指标\t质量指标\t某项指标\t{target_text}\t{actual_text}\n")
    (i,) = parse_text(text).indicators
    assert (i.target.operator, i.met) == (operator, met)


# ---------------------------------------------------------------- other table layouts

def test_pipe_table_with_rule_row():
    """A form converted to Markdown: cells between pipes, a |---| rule row."""
    text = (
        "| 项目名称 | 城区公厕保洁服务 ||||\n"
        "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n"
        "|---|---|---|---|---|\n"
        "| 年度资金总额 | 58.00 | 58.00 | 55.10 | 95% |\n"
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n"
        "| 产出指标 | 数量指标 | 保洁公厕座数 | ≥40座 | 42座 |\n"
        "| | 时效指标 | 保洁服务时段 | 全年 | 全年 |\n"
    )
    r = parse_text(text)
    (t,) = r.tables
    assert t.grid()[2][0] == "年度资金总额"  # the rule row is gone
    assert r.meta.project_name == "城区公厕保洁服务"
    assert fig(r, "executed") == (Decimal("55.10"), "万元") and fig(r, "rate") == (Decimal("95"), "%")
    seats = ind(r, "保洁公厕座数")
    assert target(seats) == (">=", (Decimal("40"), "座")) and seats.met is True
    assert ind(r, "保洁服务时段").level1 == "产出指标"  # merged cell filled from above


def test_split_cells_pipes():
    def cells(text):
        return [c.text for c in split_cells(SourceText(text).line_span(1))]

    assert cells("| 一级指标 | 二级指标 | 三级指标 |") == ["一级指标", "二级指标", "三级指标"]
    assert cells("产出指标 | 成本指标 | 成本控制数 | ≤ | 30 | ||") == ["产出指标", "成本指标", "成本控制数", "≤", "30", "", ""]
    assert split_cells(SourceText("全年开展宣传 | 共 3 次").line_span(1)) is None  # one pipe is no row


def test_space_aligned_form_with_label_lines():
    """pdftotext -layout: a label and its value apart by spaces, no colon;
    cells aligned by runs of spaces, merged cells blank."""
    text = (
        "                       项目支出绩效自评表\n"
        "                          （2022年度）\n"
        " 项目名称          森林防火巡护\n"
        " 一级指标    二级指标        三级指标              年度指标值     实际完成值    分值    得分\n"
        " 产出指标    数量指标        巡护里程              ≥3000公里      3260公里      20      20\n"
        "             质量指标        火情发现及时率        100%           100%          20      20\n"
        " 效益指标    社会效益指标    森林火灾受害率        ≤0.9‰          0.2‰          30      30\n"
    )
    r = parse_text(text)
    assert (r.meta.project_name, r.meta.year) == ("森林防火巡护", 2022)
    rate = ind(r, "火情发现及时率")
    assert rate.level1 == "产出指标" and target(rate) == (">=", (Decimal("100"), "%")) and rate.met is True
    assert ind(r, "森林火灾受害率").met is True


# ---------------------------------------------------------------- budget tables and phrasings

def test_budget_table_with_bracketed_headers():
    """全年（调整）预算数 and 执行率（%）: labels compared without brackets."""
    text = (
        "部门预算执行情况（万元）\t年初预算数\t全年（调整）预算数\t全年执行数\t执行率（%）\t执行率权重\n"
        "\t860.00\t910.00\t887.25\t97.5%\t10\n"
    )
    r = parse_text(text)
    assert fig(r, "initial") == (Decimal("860.00"), "万元")
    assert fig(r, "adjusted") == (Decimal("910.00"), "万元")
    assert fig(r, "executed") == (Decimal("887.25"), "万元")
    assert fig(r, "rate") == (Decimal("97.5"), "%")


def test_budget_table_budget_and_execution_only_in_yuan():
    """预算数 / 执行数 / 执行率 with the unit 元 in the header."""
    text = ("预算执行情况（元）\t预算数\t执行数\t执行率\n"
            "年度财政资金总额\t1,250,000.00\t1,236,400.00\t98.91%\n")
    r = parse_text(text)
    assert fig(r, "adjusted") == (Decimal("1250000.00"), "元")
    assert fig(r, "executed") == (Decimal("1236400.00"), "元") and fig(r, "initial") is None


def test_budget_text_phrasings():
    """年初批复 … （含年初结转结余 …）, 调整预算后, 已支出, 支出进度, 结余资金:
    money carried INTO the year is no balance."""
    text = ("二、部门整体支出情况\n"
            "2019年年初批复预算320万元（含年初结转结余资金12万元），年中调整预算后全年预算345.6万元，"
            "已支出338.2万元，支出进度97.86%，结余资金7.4万元。\n")
    r = parse_text(text)
    assert fig(r, "initial") == (Decimal("320"), "万元")
    assert fig(r, "adjusted") == (Decimal("345.6"), "万元")
    assert fig(r, "executed") == (Decimal("338.2"), "万元")
    assert fig(r, "rate") == (Decimal("97.86"), "%")
    assert fig(r, "balance") == (Decimal("7.4"), "万元")


def test_project_budget_in_a_sentence_with_counts():
    text = ("一、基本情况\n"
            "本单位实施项目共9个，年初批复预算6个项目720万元（含1个年初结转结余项目40万元），"
            "调整预算后项目预算655.5万元，全年实际支出630.12万元，预算执行率96.13%。\n")
    r = parse_text(text)
    assert fig(r, "initial") == (Decimal("720"), "万元")
    assert fig(r, "adjusted") == (Decimal("655.5"), "万元")
    assert fig(r, "executed") == (Decimal("630.12"), "万元")
    assert r.budget.balance is None


# ---------------------------------------------------------------- title, labels, year

def test_cover_page_title_on_two_lines_and_spaced_labels():
    text = (
        "某市2019年度部门整体支出\n"
        "绩效评价自评报告\n\n"
        "部门（单位）名称：  某市城市管理服务中心\n"
        "预 算 编 码：  801023\n"
        "报告日期：2020年05月20日\n\n"
        "一、部门（单位）基本概况\n"
        "本中心负责市政设施日常巡查。\n"
    )
    m = parse_text(text).meta
    assert m.title == "某市2019年度部门整体支出绩效评价自评报告"
    assert (m.report_type, m.year) == ("部门整体支出", 2019)
    assert m.department == "某市城市管理服务中心"


def test_year_of_the_report_not_of_its_filing_date():
    text = "项目支出绩效自评表\n填报日期：2024年3月15日\n（2023年度）\n项目名称：农机购置补贴\n"
    m = parse_text(text).meta
    assert m.year == 2023 and m.project_name == "农机购置补贴"


def test_form_label_cells_and_score_cell():
    """自评总分（分） | 95.8 | 部门联系人 …: the value is the next cell; a code
    before a department name is dropped."""
    text = ("部门整体绩效自评表\n"
            "主管部门\t219-某区融媒体中心\t自评总分（分）\t95.8\t部门联系人\t张某\t联系电话\t12345678\n"
            "自评等级\t优\t\t\t\t\t\t\n")
    m = parse_text(text).meta
    assert m.department == "某区融媒体中心"
    assert m.self_score == Decimal("95.8") and m.grade == "优"


def test_score_and_grade_in_a_form_conclusion_cell():
    text = ("项目支出绩效自评表\n"
            "项目名称\t社区养老服务补助\n"
            "评价结论\t项目自评得分93.5分，绩效等级为“优”。\n")
    m = parse_text(text).meta
    assert m.self_score == Decimal("93.5") and m.grade == "优"


@pytest.mark.parametrize("sentence, score, grade", [
    ("经自评，本部门整体支出绩效自评得分为92.5分，自评等级为“优”。", "92.5", "优"),
    ("按照评价指标体系开展自评，综合评分为97分，评价等次为优秀。", "97", "优秀"),
    ("项目自评总分88分，绩效评级为‘良’。", "88", "良"),
    ("自评分数：76分，自评结果为中。", "76", "中"),
    ("本项目得分 58 分，评价结论为“差”。", "58", "差"),
])
def test_score_and_grade_phrasings(sentence, score, grade):
    m = parse_text("一、自评结论\n" + sentence + "\n").meta
    assert (m.self_score, m.grade) == (Decimal(score), grade)


# ---------------------------------------------------------------- headings

def test_parts_over_cn_headings_over_arabic_items():
    """第一部分 / 一、 / 1. — no (一) level at all."""
    text = (
        "某县农业农村局2022年度部门整体支出绩效自评报告\n\n"
        "第一部分 部门基本情况\n"
        "一、部门职能\n"
        "负责全县农业农村工作。\n"
        "二、机构设置\n"
        "1.内设机构6个。\n"
        "2.年末在职人员45人。\n"
        "第二部分 自评结论\n"
        "一、自评得分\n"
        "经自评，得分92.5分。\n"
    )
    r = parse_text(text)
    got = [(s.id, s.level, s.style) for s in r.sections]
    assert got == [("s1", 1, "part"), ("s1.1", 2, "cn"), ("s1.2", 2, "cn"), ("s1.2.1", 3, "arabic"),
                   ("s1.2.2", 3, "arabic"), ("s2", 1, "part"), ("s2.1", 2, "cn")]
    assert r.meta.year == 2022 and r.meta.self_score == Decimal("92.5")


def test_cn_headings_with_arabic_run_in_items():
    """一、 then 1、 run-in items ("1、收入：792.22万元。") straight under it."""
    text = ("部门整体支出绩效评价报告\n"
            "一、基本情况\n"
            "1、收入：792.22万元。其中财政拨款收入792.22万元。\n"
            "2、支出：799.12万元。其中人员经费支出434.89万元。\n"
            "二、绩效评价结论\n"
            "综合评分为95分。\n")
    r = parse_text(text)
    assert [(s.marker, s.level, s.title) for s in r.sections] == [
        ("一、", 1, "基本情况"), ("1、", 2, "收入"), ("2、", 2, "支出"), ("二、", 1, "绩效评价结论")]


# ---------------------------------------------------------------- table building

def test_placeholders_and_form_labels_never_join_rows():
    text = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\n"
            "年度资金总额\t50\t50\t48\n"
            "其中：当年财政拨款\t50\t50\t48\n"
            "上年结转资金\t—\t—\t—\n"
            "其他资金\t/\t/\t/\n")
    source = SourceText(text)
    rows = [split_cells(source.line_span(i)) for i in range(1, 6)]
    t = build_table("t1", rows, source)
    assert [row[0] for row in t.grid()] == ["项目资金（万元）", "年度资金总额", "其中：当年财政拨款",
                                            "上年结转资金", "其他资金"]


def test_template_lines_and_numbered_names():
    """A form filled in over the template: "指标1…" before each name, an
    unused "指标2" line marked with "/", bare figures without unit."""
    text = ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
            "产出指标\t质量指标\t指标1工程完工率\t100\t100\t10\t10\n"
            "\t\t指标2\t\t\t/\t/\n"
            "\t时效指标\t指标1项目完成及时率\t100\t96\t10\t9\n")
    r = parse_text(text)
    assert [i.name for i in r.indicators] == ["工程完工率", "项目完成及时率"]
    # bare figures: the comparison comes from the level (质量/时效 -> at least)
    assert [i.met for i in r.indicators] == [True, False]
    assert r.indicators[1].target.inferred_operator
