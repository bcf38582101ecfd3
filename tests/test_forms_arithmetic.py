"""The form's arithmetic, relation by relation (issue 15.3): each test
plants one slip in a clean form of our own (tests/test_forms.py's 基层培训项目:
114 / 120 = 95.00%, 10 × 95.00% = 9.50, 9.50 + 40 + 30 + 18.89 = 98.39) and
fails without the check that finds it; the clean form raises nothing.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from test_forms import NOTE, failed, funds, indicators, parse, render


def problems(report):
    return [(c.rule, c.kind) for c in report.checks if c.status == "fail" and c.severity in ("error", "warning")]


def kinds(report, rule="form"):
    return sorted(c.kind for c in failed(report, rule))


def test_the_clean_form_raises_nothing():
    report = parse(render("tab"))
    assert problems(report) == []
    passed = {c.kind for c in report.checks if c.rule == "form" and c.status == "pass"}
    assert {"rate", "rate_score", "funds_sum", "weight_sum", "score_sum"} <= passed


def test_rate_of_a_part_row():
    rows = funds()
    rows[1][5] = "96.00%"  # 94.00 / 100.00 = 94.00%
    bad = failed(parse(render("tab", f=rows)))
    assert [(c.kind, c.expected, c.stated) for c in bad] == [("rate", "94.00%", "96.00%")]


@pytest.mark.parametrize("stated, ok", [("100.00%", True), ("105.00%", True), ("90.00%", False)])
def test_spending_above_its_budget_may_be_stated_as_a_capped_rate(stated, ok):
    rows = funds()
    rows[2] = ["上年结转资金", "0.00", "20.00", "21.00", "—", stated, "—"]  # 21 / 20 = 105%
    rows[0] = ["年度资金总额", "100.00", "120.00", "115.00", "10", "95.83%", "9.58"]
    assert (kinds(parse(render("tab", f=rows, total="98.47"))) == []) is ok


def test_rate_score_is_weight_times_rate():
    assert kinds(parse(render("tab", f=funds(score="9.60"), total="98.49"))) == ["rate_score"]


def test_rate_score_under_the_rounding_the_note_states():
    # 10 × 95.00% = 9.5: stated 10 is the note's whole-number rounding, not a slip
    text = render("tab", f=funds(score="10"), total="98.89")
    assert kinds(parse(text)) == ["rate_score"]
    rounded = text.replace(NOTE, "注：执行率得分=执行率×分值，得分取整；未达标的定量指标按完成比例计分。")
    assert kinds(parse(rounded)) == []


def test_funds_rows_add_up_in_each_column():
    rows = funds()
    rows[2][1] = "1.00"  # 年初预算数: 100.00 + 1.00 + 0.00 = 101.00, stated 100.00
    bad = failed(parse(render("tab", f=rows)))
    assert [(c.kind, c.expected) for c in bad] == [("funds_sum", "101.00")]


def test_weights_add_up_to_100_or_to_the_stated_total():
    heavy = indicators(weight1="42", score1="42")  # 10 + 42 + 30 + 20 = 102
    assert kinds(parse(render("tab", inds=heavy, total="100.39"))) == ["weight_sum"]
    text = render("tab", inds=heavy, total="100.39").replace("总分\t\t\t\t\t100\t", "总分\t\t\t\t\t102\t")
    assert kinds(parse(text)) == []


def test_scores_add_up_to_the_total():
    bad = failed(parse(render("tab", total="98.93")))
    assert [(c.kind, c.expected) for c in bad] == [("score_sum", "98.39")]


def test_no_score_above_its_weight():
    bad = failed(parse(render("tab", inds=indicators(score1="42"), total="100.39")))
    assert [c.kind for c in bad] == ["score_cap"]


@pytest.mark.parametrize("row", [
    ["效益指标", "满意度指标", "学员满意度", "≥90%", "85%", "20", "20", ""],          # full 得分
    ["效益指标", "满意度指标", "学员满意度", "≥90%", "85%", "20", "18.89", "已完成"],  # 已完成 beside it
])
def test_a_missed_indicator_claimed_as_met(row):
    inds = indicators()
    inds[2] = row
    total = "99.50" if row[6] == "20" else "98.39"
    report = parse(render("tab", inds=inds, total=total))
    bad = [c for c in report.checks if c.rule == "target" and c.status == "fail"]
    assert [(c.severity, c.locations[0].line) for c in bad] == [("error", report.forms[0].indicators[2].location.line)]


def test_the_form_grade_against_its_total():
    text = render("tab").replace("总分\t\t\t\t\t100\t98.39\t\n", "总分\t\t\t\t\t100\t98.39\t\n评价等级\t良\n")
    report = parse(text)
    assert report.forms[0].total["grade"].text == "良"
    bad = failed(report)
    assert [(c.kind, c.expected, c.stated) for c in bad] == [("grade", "优", "良")]
    assert kinds(parse(text.replace("评价等级\t良", "评价等级\t优"))) == []


def test_the_form_grade_against_the_reports_own_bands():
    bands = "评分标准：99分（含）以上为优秀，85分（含）至99分为良好，60分（含）至85分为合格，60分以下为不合格。"
    text = render("tab").replace("总分\t\t\t\t\t100\t98.39\t\n", "总分\t\t\t\t\t100\t98.39\t\n评价等级\t优秀\n")
    text = text.replace("评价等级为优。", "评价等级为良好。" + bands)
    bad = failed(parse(text))
    assert [(c.kind, c.expected) for c in bad] == [("grade", "良好")]
    assert kinds(parse(text.replace("评价等级\t优秀", "评价等级\t良好"))) == []


def test_the_self_score_is_the_forms_total_never_one_rows_score():
    # no self-score in the text but the 执行率得分 of a row: the self-score is 总分
    text = render("tab").replace("项目自评得分98.39分，评价等级为优。", "预算执行率得分9.50分，评价等级为良。")
    report = parse(text)
    assert report.meta.self_score == Decimal("98.39")
    bad = failed(report, "score_grade")
    assert [(c.kind, c.expected, c.stated) for c in bad] == [("score_grade", "优", "良")]


NARRATIVE = "\n二、预算执行情况\n\n项目年初预算100.00万元，全年预算120.00万元，全年执行114.00万元，预算执行率95.00%。\n"


def test_the_narratives_budget_figures_against_the_form():
    report = parse(render("tab") + NARRATIVE)
    restated = {c.stated: c.status for c in report.checks if c.kind == "restated_funds"}
    assert restated == {"100.00万元": "pass", "120.00万元": "pass", "114.00万元": "pass", "95.00%": "pass"}
    for wrong, right in (("全年预算120.00万元", "全年预算130.00万元"), ("年初预算100.00万元", "年初预算110.00万元")):
        bad = [c for c in failed(parse(render("tab") + NARRATIVE.replace(wrong, right))) if c.kind == "restated_funds"]
        assert [c.stated for c in bad] == [right[4:]]


def test_the_narratives_rate_alone_against_the_form():
    text = render("tab") + "\n二、预算执行情况\n\n项目预算执行率96.00%，资金使用规范。\n"
    bad = [c for c in failed(parse(text)) if c.kind == "restated_funds"]
    assert [(c.stated, c.expected) for c in bad] == [("96.00%", "95.00%")]


def test_a_part_of_the_funds_is_no_restatement_error():
    # the 当年财政拨款 spent (94.00) is a row of the form, the previous year's budget is no restatement
    text = render("tab") + ("\n二、预算执行情况\n\n当年财政拨款全年执行94.00万元。"
                            "上年同类项目全年预算90.00万元，执行率88.00%。\n")
    report = parse(text)
    assert [c for c in failed(report) if c.kind == "restated_funds"] == []


def test_several_forms_are_not_compared_with_one_budget():
    one = render("tab")
    two = one + "\n" + one[one.index("项目支出绩效自评表"):].replace("基层培训项目", "另一培训项目")
    report = parse(two + "\n项目全年预算130.00万元。\n")
    assert len(report.forms) == 2
    assert not [c for c in report.checks if c.kind == "restated_funds"]


def test_scores_add_up_as_written():
    # 9.50 + 40 + 30 + 18.89 = 98.39 exactly: 98.40 is a slip, 98.4 its rounding
    assert kinds(parse(render("tab", total="98.40"))) == ["score_sum"]
    assert kinds(parse(render("tab", total="98.4"))) == []


def test_a_level_stating_its_points():
    inds = indicators()
    inds[0][0] = "产出指标（70分）"  # 40 + 30 under it
    inds[2][0] = "效益指标（20分）"
    report = parse(render("tab", inds=inds))
    assert kinds(report) == []
    assert sorted(c.expected for c in report.checks if c.kind == "level_weight") == ["20", "70"]
    inds[0][0] = "产出指标（60分）"
    bad = failed(parse(render("tab", inds=inds)))
    assert [(c.kind, c.expected, c.stated) for c in bad] == [("level_weight", "70", "60")]


def test_a_department_report_is_not_compared_with_one_projects_form():
    text = render("tab").replace("2024年度培训项目支出绩效自评报告", "2024年度某县教育局部门整体支出绩效自评报告")
    report = parse(text + "\n二、预算执行情况\n\n部门全年预算1,300.00万元，执行率96.00%。\n")
    assert report.meta.report_type == "部门整体支出" and report.forms[0].kind == "project"
    assert not [c for c in report.checks if c.kind == "restated_funds"]


def test_the_narrative_may_call_an_amount_by_another_columns_name():
    # 100.00 is the form's 年初预算数: the text calling it 预算 is no slip
    text = render("tab") + "\n二、预算执行情况\n\n项目全年预算100.00万元，资金使用规范。\n"
    assert [c for c in failed(parse(text)) if c.kind == "restated_funds"] == []


def test_a_total_row_shifted_by_a_cell():
    # one separator too many before 100 | 98.93: the row's last two figures are 总分值 and 总分
    text = render("pipe", total="98.93").replace("总分 |  |  |  |  | 100 | 98.93 | ", "总分 |  |  |  |  |  | 100 | 98.93 | ")
    report = parse(text)
    assert {k: c.text for k, c in report.forms[0].total.items()} == {"weight": "100", "score": "98.93"}
    assert [(c.kind, c.stated) for c in failed(report)] == [("score_sum", "98.93")]


INDICATORS_ONLY = (Path(__file__).parent / "fixtures" / "forms" / "indicators_only.txt").read_text(encoding="utf-8")


def test_the_budget_execution_scored_as_an_indicator_row():
    # 预算执行率 | 100% | 96.40% | 10 | 9.64: 10 × 96.40% = 9.64
    report = parse(INDICATORS_ONLY)
    scored = [c for c in report.checks if c.kind == "rate_score"]
    assert [(c.status, c.expected) for c in scored] == [("pass", "9.64")]
    wrong = parse(INDICATORS_ONLY.replace("\t10\t9.64\t", "\t10\t9.46\t").replace("98.81", "98.63"))
    assert [(c.kind, c.expected, c.stated) for c in failed(wrong)] == [("rate_score", "9.64", "9.46")]
    # a floor below 100% is not read as 分值 × 执行率
    floor = parse(INDICATORS_ONLY.replace("预算执行率\t100%\t96.40%\t10\t9.64", "预算执行率\t≥90%\t96.40%\t10\t10")
                  .replace("98.81", "99.17"))
    assert not [c for c in floor.checks if c.kind == "rate_score"] and failed(floor) == []


def test_an_indicator_block_alone_is_a_form():
    report = parse(INDICATORS_ONLY)
    [form] = report.forms
    assert (form.kind, form.funds, len(form.indicators)) == ("department", [], 6)
    assert kinds(parse(INDICATORS_ONLY.replace("\t100\t98.81\t", "\t100\t98.18\t"))) == ["score_sum"]
    assert kinds(parse(INDICATORS_ONLY.replace("群众投诉处理满意度\t≥90%\t93.5%\t10\t10",
                                                "群众投诉处理满意度\t≥90%\t93.5%\t12\t10"))) == ["weight_sum"]


def test_a_part_of_bare_zero_is_none_not_a_rounded_figure():
    # "0" beside figures to the 分 is no money at all, not 0 ± 0.5: a total
    # 0.05 off its one funded part fails (issue 14)
    rows = funds()
    rows[2] = ["上年结转资金", "0", "20.00", "20.00", "—", "100.00%", "—"]
    rows[3] = ["其他资金", "0", "0", "0", "—", "—", "—"]
    assert kinds(parse(render("tab", f=rows))) == []
    rows[0] = ["年度资金总额", "100.05", "120.00", "114.00", "10", "95.00%", "9.50"]
    assert kinds(parse(render("tab", f=rows))) == ["funds_sum"]


# an indicator table of our own, given in a report without its funds block
# and without a 总分 row: 20 + 20 + 20 + 30 = 90 points, the 执行率's 10 not in it
UNSCORED_BLOCK = ("项目支出绩效自评表\n\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                  "产出指标\t数量指标\t发放补贴人数\t≥1000人\t1010人\t20\t20\n"
                  "产出指标\t质量指标\t发放准确率\t100%\t100%\t20\t20\n"
                  "效益指标\t社会效益\t群众知晓率\t≥85%\t88%\t20\t20\n"
                  "满意度指标\t满意度\t受益群众满意度\t≥90%\t92%\t30\t30\n")


def test_weights_short_of_100_in_a_block_without_funds_or_total_are_no_slip():
    # no 总分值 stated and no funds block read: the missing points may be that
    # block's, so a sum short of 100 proves nothing
    assert kinds(parse(UNSCORED_BLOCK)) == []
    # more than 100 points is a slip whatever part is missing
    assert kinds(parse(UNSCORED_BLOCK.replace("\t30\t30\n", "\t50\t30\n"))) == ["weight_sum"]


def test_a_bound_the_rate_is_compared_with_is_no_rate_restated():
    # 执行率未达100% / 力争…达到95%以上: bounds, not the form's 执行率 stated again
    for sentence in ("执行率未达100%的原因是部分资金年底才下达。", "下一步力争执行率达到98%以上。"):
        report = parse(render("tab") + "\n三、问题\n\n" + sentence + "\n")
        assert [c.stated for c in report.checks if c.kind == "restated_funds" and c.status == "fail"] == [], sentence


def test_a_rate_of_the_money_arrived_is_not_the_forms_execution_rate():
    # 到位资金支出率: spent over the money arrived, another rate than 执行数/全年预算数
    report = parse(render("tab") + "\n三、资金到位\n\n实际到位资金950.00万元，到位资金已支出900.00万元，到位资金支出率94.74%。\n")
    assert [c.stated for c in report.checks if c.kind == "restated_funds" and c.status == "fail"
            and c.stated.endswith("%")] == []
