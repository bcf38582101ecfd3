"""planter10's false alarms and structure misses (s7), each cause tested
on excerpts written for these tests, with their own figures.

- A list's last item joined by 和 (…、效益和满意度指标) may be two items of
  one shared ending: the count may be either reading.
- A form's grade line with the scale in a bracket after the grade
  (自评等级：良（评分标准：…）) states the grade before the bracket.
"""

from __future__ import annotations

from test_changes import results, statuses

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def checks(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines)).checks


def rule_results(text: str, rule: str, status: str | None = None):
    return [c for c in checks(text) if c.rule == rule and (status is None or c.status == status)]


# ------------------------------------------------- a list's last item joined by 和


def test_a_last_item_joined_by_he_may_be_two_items_of_a_shared_ending():
    # 效益和满意度指标: 效益 is an item like 时效, 满意度 shares 指标 with them all
    text = "本项目共设绩效指标{}项，包括数目、时效、成本、效益和满意度指标。"
    assert statuses(text.format("5"), "count_in_words") == ["pass"]
    for count in ("7", "3"):
        assert statuses(text.format(count), "count_in_words") == ["fail"], count


def test_yu_inside_an_item_of_a_list_of_one_ending_joins_no_items():
    text = "站内设机构{}个：综合股、农机推广股、安全与监理股、培训股。"
    assert statuses(text.format("4"), "count_in_words") == ["pass"]
    assert statuses(text.format("5"), "count_in_words") == ["fail"]


def test_he_inside_one_item_of_a_shared_ending_is_still_read_either_way():
    text = "围绕三项重点工作，包括阵地建设、队伍建设、党建和业务融合建设。"
    assert "fail" not in statuses(text, "count_in_words")


# ------------------------------------------------- a form's grade with its scale bracketed


FORM = """平川县水利局2023年度部门整体支出绩效自评报告
部门（单位）整体支出绩效自评表
（2023年度）
一级指标	二级指标	三级指标	年度指标值	实际完成值	分值	得分
产出指标	数量指标	巡查次数	≥24次	26次	60	58
效益指标	满意度指标	群众满意度	≥90%	93%	30	27
预算执行	执行率	执行率	100%	96%	10	9.6
总分					100	94.6
自评等级：{}（评分标准：90分及以上为优；80—89.99分为良；60—79.99分为中；60分以下为差）
"""


def test_a_grade_with_its_scale_in_a_bracket_after_it_is_the_grade_alone():
    ok = rule_results(FORM.format("优"), "form")
    grades = [c for c in ok if "等级" in c.message]
    assert grades and all(c.status == "pass" for c in grades), [c.message for c in grades]
    bad = [c for c in rule_results(FORM.format("良"), "form") if "等级" in c.message]
    assert [c.status for c in bad] == ["fail"] and "“良”" in bad[0].message


# ------------------------------------------------- a space-typed funds row not lined up


SPACED = """枫林镇农田灌溉渠改造项目
2023年度项目支出绩效自评报告
单位：万元
资金情况  年初预算数  全年预算数  全年执行数  分值  执行率  得分
年度资金总额  220.00  245.00  240.10  10  98.00%  9.80
其中：财政拨款  180.00  230.00  {}  —  —  —
其他资金  40.00  15.00  14.60  —  —  —
"""


def test_a_space_typed_funds_row_with_two_cells_under_one_header_cell_is_read_in_order():
    parts = [c for c in rule_results(SPACED.format("225.50"), "form") if "其他资金" in c.message]
    assert parts and all(c.status == "pass" for c in parts), [c.message for c in parts]
    bad = [c for c in rule_results(SPACED.format("226.50"), "form", "fail") if "其他资金" in c.message]
    assert bad and "14.60" in bad[0].message, [c.message for c in bad]


# ------------------------------------------------- 第X章 / 第X节 headings


CHAPTERS = """青石县林业局2023年度部门整体支出绩效自评报告

第一章　基本情况
一、人员情况。年末在编人员42人。
第二章　存在的问题
{}
第三章　下一步打算
第一节　加强预算管理
一是细化预算编制；二是加快支出进度。
"""


def test_chapter_and_section_headings_open_sections_of_their_own():
    ok = checks(CHAPTERS.format("一是护林员培训不足；二是监测设备老化。"))
    assert not [c for c in ok if c.rule == "enumeration_order" and c.status == "fail"]
    bad = [c for c in checks(CHAPTERS.format("二是护林员培训不足；三是监测设备老化。"))
           if c.rule == "enumeration_order" and c.status == "fail"]
    assert len(bad) == 1 and "一是" in bad[0].message


# ------------------------------------------------- a score summed after 以上…累计, a band no score


SCORED = """白沙县气象局2023年度部门整体支出绩效自评报告

各项得分如下：预算编制9分（满分10分）；预算执行16分（满分20分）；履职产出33分（满分40分）；履职效益26分（满分30分）。
以上四项累计84分。
按照得分90分以上为“优”、80分至89.9分为“良”、60分至79.9分为“中”、60分以下为“差”的标准，自评等级为“{}”。
"""


def test_a_score_summed_after_yishang_leiji_is_the_self_score_and_a_band_is_none():
    ok = rule_results(SCORED.format("良"), "score_grade")
    assert [c.status for c in ok] == ["pass"] and "84" in ok[0].message, [c.message for c in ok]
    bad = rule_results(SCORED.format("优"), "score_grade")
    assert [c.status for c in bad] == ["fail"] and "84" in bad[0].message and "“良”" in bad[0].message


# ------------------------------------------------- dates: a month alone, a filing date, an order by months


TITLE = "长岭县农机站2023年度项目支出绩效自评报告\n\n"


def date_fails(text: str):
    return [c for c in checks(TITLE + text) if c.rule == "date_validity" and c.status == "fail"]


def test_a_year_and_month_without_a_day_is_checked_for_its_month():
    bad = date_fails("农机库房改造于2023年14月通过验收。\n")
    assert len(bad) == 1 and "14月" in bad[0].message
    assert not date_fails("农机库房改造于2023年12月通过验收，2023年12月5日投入使用。\n")
    # a month with a day is judged once, by the full date
    assert len(date_fails("农机库房改造于2023年13月6日通过验收。\n")) == 1


def test_a_filing_date_before_the_evaluated_year_cannot_be():
    bad = date_fails("填报日期：2022年3月6日\n")
    assert len(bad) == 1 and "2022" in bad[0].message
    assert not date_fails("填报日期：2024年3月6日\n")


def test_a_budget_is_filed_before_its_year():
    text = "长岭县农机站2024年部门预算\n\n填报日期：2023年12月20日\n"
    assert not [c for c in checks(text) if c.rule == "date_validity" and c.status == "fail"]


def test_a_start_after_the_topping_out_by_months_cannot_be():
    bad = date_fails("综合楼于2023年10月开工、2023年4月主体封顶。\n")
    assert len(bad) == 1 and "2023年4月" in bad[0].message
    assert not date_fails("综合楼于2023年4月开工、2023年10月主体封顶。\n")
    assert not date_fails("综合楼于2023年4月开工、2023年4月20日主体封顶。\n")  # the same month: undecided


# ------------------------------------------------- hygiene: an end around a bracket, a word mark twice


def body_results(text: str, rule: str):
    return [c for c in checks("长岭县农机站2023年度部门整体支出绩效自评报告\n\n二、存在的问题\n" + text + "\n")
            if c.rule == rule and c.status == "fail"]


def test_a_sentence_ended_inside_a_bracket_and_again_after_it():
    bad = body_results("（以上情况经站务会研究确认。）。下一步继续整改。", "punctuation")
    assert len(bad) == 1 and "。）。" in bad[0].message
    assert not body_results("（以上情况经站务会研究确认。）下一步继续整改。", "punctuation")
    assert not body_results("以上情况经站务会研究确认（见附件）。下一步继续整改。", "punctuation")


def test_a_word_enumeration_naming_its_first_item_twice_on_one_line():
    for first in ("其一，", "一是"):
        bad = body_results(f"{first}农机补贴申报宣传不足；{first}部分农户对政策了解不够。", "enumeration_order")
        assert len(bad) == 1 and "重复" in bad[0].message, first
    # two lists, each of its own paragraph
    assert not body_results("一是农机补贴申报宣传不足。\n一是部分农户对政策了解不够。", "enumeration_order")
    assert not body_results("一是宣传不足；二是了解不够。其一，人员少；其二，经费少。", "enumeration_order")


def test_a_form_alone_takes_its_year_from_its_caption_not_its_filing_date():
    text = FORM.replace("平川县水利局2023年度部门整体支出绩效自评报告\n", "").format("优") + "填报日期：{}年2月10日\n"
    bad = [c for c in checks(text.format("2022")) if c.rule == "date_validity" and c.status == "fail"]
    assert len(bad) == 1 and "2023" in bad[0].message
    src = source_from_text(text.format("2024"))
    report = parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))
    assert report.meta.year == 2023


# ------------------------------------------------- a budget or plan after the report's year named before it


def test_a_later_budget_or_plan_named_with_a_year_before_the_reports():
    for text in ("评价结果将作为编制2022年度部门预算的重要依据。", "下一步，我站将在2021年度项目实施中加强资金调度。"):
        bad = body_results(text, "scope_word")
        assert len(bad) == 1 and ("2022" in bad[0].message or "2021" in bad[0].message), text
    for text in ("评价结果将作为编制2024年度部门预算的重要依据。", "下一步，我站将在2024年度项目实施中加强资金调度。",
                 "下一步，我站将继续巩固2021年以来的整改成果。"):
        assert not body_results(text, "scope_word"), text


# ------------------------------------------------- a one-cell-per-line total row with blank cells


def _cells(*rows) -> str:
    return "\n\n".join("\n".join(r) for r in rows) + "\n"


CELL_FORM = "部门（单位）整体支出绩效自评表\n（2023年度）\n单位：万元\n" + _cells(
    ("预算执行情况", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    ("年度资金总额", "80.00", "90.00", "88.20", "10", "98.00%", "9.80"),
    ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
    ("产出指标", "数量指标", "检测农机", "≥300台", "320台", "50", "50"),
    ("效益指标", "满意度指标", "机手满意度", "≥90%", "92%", "40", "38"),
    ("总分", "/", "/", "/", "/", "100", "97.80"),
) + "自评等级：{}\n"


def test_a_one_cell_per_line_total_row_reads_its_figures_past_its_blank_cells():
    src = source_from_text(CELL_FORM.format("优"))
    report = parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))
    totals = [{k: c.text for k, c in f.total.items()} for f in report.forms]
    assert any(t.get("score") == "97.80" and t.get("weight") == "100" for t in totals), totals
    bad = [c for c in rule_results(CELL_FORM.format("良"), "form", "fail") if "等级" in c.message]
    assert bad and "97.80" in bad[0].message, [c.message for c in bad]


def test_a_short_indicator_table_named_by_zhibiao_alone_is_read():
    text = ("宁远县海事处2023年度部门整体支出绩效自评报告\n\n"
            "指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
            "船舶检查 | ≥500艘次 | {} | 30 | 30\n"
            "群众满意度 | ≥90% | 95% | 70 | 70\n"
            "合计 |  |  | 100 | 100\n"
            "各项指标均已完成。\n")
    assert [c.status for c in rule_results(text.format("520艘次"), "target")] == ["pass", "pass"]
    bad = rule_results(text.format("470艘次"), "target", "fail")
    assert len(bad) == 1 and "船舶检查" in bad[0].message


def test_a_claim_that_all_indicators_were_met_leaves_out_a_deducted_budget_execution_row():
    text = ("宁远县海事处2023年度部门整体支出绩效自评报告\n\n"
            "指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
            "预算执行率 | 100% | 93.60% | 10 | {}\n"
            "船舶检查 | ≥500艘次 | 520艘次 | 90 | 90\n"
            "合计 |  |  | 100 | 99.36\n"
            "各项指标均已完成。\n")
    owned = [c for c in rule_results(text.format("9.36"), "target", "fail") if "预算执行率" in c.message]
    assert owned and all(c.severity == "info" and "如实扣分" in c.message for c in owned), [c.message for c in owned]
    claimed = [c for c in rule_results(text.format("10"), "target", "fail") if "预算执行率" in c.message]
    assert claimed and claimed[0].severity in ("error", "warning")
