"""Late fixes of session 9 (fixform14), on excerpts made up for these tests
(own words and figures): a whole 得分 below its 分值 is 分值 × 执行率 rounded
to whole points."""
from __future__ import annotations

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def parse(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def rate_scores(report, status=None):
    return [c for c in report.checks if c.rule == "form" and c.kind == "rate_score"
            and (status is None or c.status == status)]


def _cells(executed: str, rate: str, score: str, weight: str = "10", budget: str = "400") -> str:
    cells = ["项目支出绩效自评表", "项目资金", "(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
             "年度资金总额", budget, budget, executed, weight, rate, score]
    return "\n\n".join(cells) + "\n"


def _pipes(executed: str, rate: str, score: str, weight: str = "10", budget: str = "250.00") -> str:
    return "\n".join([
        "项目支出绩效自评表(2023年度) | |||||||",
        "项目名称 | 村级文化广场照明改造 | ||||||",
        "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |",
        f"年度资金总额 | {budget} | {budget} | {executed} | {weight} | {rate} | {score} | |",
    ]) + "\n"


@pytest.mark.parametrize("render", [_cells, _pipes])
@pytest.mark.parametrize("executed_rate_score", [
    ("358.4", "89.6%", "9"),    # 8.96 -> 9
    ("363.6", "90.9%", "9"),    # 9.09 -> 9
    ("341.2", "85.3%", "9"),    # 8.53 -> 9
])
def test_a_whole_score_below_its_weight_is_the_rounded_product(render, executed_rate_score):
    executed, rate, score = executed_rate_score
    if render is _pipes:
        executed = f"{float(rate[:-1]) * 2.5:.2f}"
    report = parse(render(executed, rate, score))
    assert rate_scores(report, "pass") and not rate_scores(report, "fail")


@pytest.mark.parametrize("render", [_cells, _pipes])
@pytest.mark.parametrize("rate_score", [("89.6%", "8"), ("84.1%", "9"), ("72.5%", "8")])
def test_a_whole_score_rounding_elsewhere_is_still_a_slip(render, rate_score):
    rate, score = rate_score
    executed = f"{float(rate[:-1]) * (4 if render is _cells else 2.5):.{1 if render is _cells else 2}f}"
    report = parse(render(executed, rate, score))
    assert rate_scores(report, "fail")


def test_full_marks_below_a_full_rate_are_not_read_as_rounding():
    # 10 of 10 for 96.5%: no deduction in whole points stated, so 9.65 is no 10
    report = parse(_cells("386", "96.5%", "10"))
    assert rate_scores(report, "fail")


def test_a_score_with_decimals_keeps_its_own_tolerance():
    assert rate_scores(parse(_cells("358.4", "89.6%", "8.96")), "pass")
    assert rate_scores(parse(_cells("358.4", "89.6%", "9.1")), "fail")  # one decimal: 9.1 is no 8.96
    assert rate_scores(parse(_cells("358.4", "89.6%", "9.6")), "fail")


# -- dates: a voucher's number of a month, a figure of the cell before -------


HEAD = "某县社区服务中心2023年度项目支出绩效自评报告\n一、项目基本情况\n"


def date_findings(report):
    return [c for c in report.checks if c.rule == "date_validity" and c.status == "fail"]


@pytest.mark.parametrize("text", [
    "本年度共支付维修费8.6万元，记账依据为4月63号凭证、9月88号凭证。\n",
    "支出明细\n\n会计凭证号\n\n办公用品采购\n\n2.4\n\n2月33号、6月57号\n",
    "详见6月7、52号凭证及10月91号付款凭证。\n",
    "资金拨付已入账（见3月44号记账凭证）。\n",
])
def test_a_voucher_number_of_a_month_is_no_day(text):
    assert date_findings(parse(HEAD + text)) == []


@pytest.mark.parametrize("text", [
    "慰问金\n\n8\n\n2月36号、5月12号\n",
    "设备维护\n\n3\n\n3月40日\n",
])
def test_a_figure_of_the_cell_before_is_no_month(text):
    assert [c for c in date_findings(parse(HEAD + text)) if "月份" in c.message] == []


@pytest.mark.parametrize("text", [
    "项目于2023年6月31日完成验收。\n",
    "资金于4月31号拨付到位。\n",
    "各乡镇于13月5日前上报材料。\n",
])
def test_an_impossible_date_away_from_vouchers_is_still_found(text):
    assert date_findings(parse(HEAD + text))


# -- names: a county and the city of its stem are two places -----------------


def name_findings(report):
    return [c for c in report.checks if c.rule == "name_variant" and c.status == "fail"]


@pytest.mark.parametrize("text", [
    "项目单位：青石县水利站。\n付青石市永固建材公司护坡材料款12万元。\n",
    "青石市财政局下达资金50万元，由青石县农业农村局组织实施。\n",
    "本项目覆盖青石县5个乡镇，青石市人民医院派出专家2名。\n",
])
def test_a_county_and_a_city_of_one_stem_are_two_places(text):
    assert name_findings(parse(HEAD + text)) == []


@pytest.mark.parametrize("text", [
    "项目覆盖青石县8个村。\n青石区农业农村局负责验收。\n",
    "青石县财政局拨付资金，青石区水利局、青石市住建局配合。\n",
    "在白沙镇建站1个，白沙乡建站2个。\n",
])
def test_one_place_written_two_ways_is_still_found(text):
    assert len(name_findings(parse(HEAD + text))) == 1


# -- score and grade: an indicator's line is not the report's total ----------


def grade_results(report):
    return [c for c in report.checks if c.rule == "score_grade" and c.kind == "score_grade"]


@pytest.mark.parametrize("lines", [
    ["本项目自评得分96分，自评等级为优秀。",
     "1.资金拨付率，目标值=100%，实际完成值=100%，得分24分；",
     "2.农户满意度，年初目标值≥85%，实际完成值为93%，自评得分24分。"],
    ["经综合评价，总分92分，等级为优。",
     "（1）设备完好率：指标值≥95%，完成值98%，得分30分；",
     "（2）培训人次：指标值为200人次，实际值为260人次，得分30分。"],
])
def test_an_indicator_line_score_is_not_the_total(lines):
    text = HEAD + "二、自评结论\n" + "\n".join(lines) + "\n"
    assert [c.status for c in grade_results(parse(text))] == ["pass"]


def test_the_total_is_still_judged_against_its_grade():
    text = HEAD + ("二、自评结论\n本项目自评得分78分，自评等级为优秀。\n"
                   "1.资金拨付率，目标值=100%，实际完成值=100%，得分24分；\n")
    assert [c.status for c in grade_results(parse(text))] == ["fail"]
    # a conclusion naming the targets met in words is no indicator line
    text = HEAD + "二、自评结论\n项目年度目标全部完成，完成值均达到预期，自评得分78分，等级为优秀。\n"
    assert [c.status for c in grade_results(parse(text))] == ["fail"]


@pytest.mark.parametrize("text", [
    "项目单位：云岭苗族自治区石溪侗族自治县教育局。\n",
    "本县为民族自治县，所在自治州下达资金80万元，自治区补助20万元。\n",
])
def test_autonomous_levels_are_no_name(text):
    assert name_findings(parse(HEAD + text)) == []
