"""reviewer12's false alarms outside rates (s8), each cause tested on
excerpts written for these tests, with their own figures.

- A figure per head (人均人员经费) is a ratio of the figure it names, no
  part of a breakdown; a figure naming a composition's part as well as its
  total (基本支出中人员经费) is that part, no whole.
- The 分值 a scoring scheme sets out (采用百分制，A 20分) and the 得分 of the
  same category are two metrics.
- A count right after its list and before a total (五类共12项指标) counts the
  list; the total counts something else. A list of short names joins its
  last two by 和 (效益和满意度: two items).
- A dash in a form's empty label column (—  年度资金总额 …) is an empty
  cell, as a blank is.
"""

from __future__ import annotations

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def checks(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines)).checks


def rule_results(text: str, rule: str, status: str | None = None):
    return [c for c in checks(text) if c.rule == rule and (status is None or c.status == status)]


# ------------------------------------------------- a figure per head is no part

HEAD = "某县气象服务中心2023年度部门整体支出绩效自评报告\n一、预算执行情况\n"
PLAIN = HEAD + ("全年支出合计820.00万元，分为基本支出610.00万元和项目支出210.00万元；"
                "基本支出中人员经费486.40万元，公用经费{}万元。\n按编制内职工32人测算，人均人员经费15.20万元。\n")
BRACKET = HEAD + ("全年支出合计820.00万元，其中基本支出610.00万元（人员经费486.40万元，公用经费{}万元），"
                  "项目支出210.00万元。\n按编制内职工32人测算，人均人员经费15.20万元。\n")


@pytest.mark.parametrize("text", [PLAIN, BRACKET], ids=["plain", "bracket"])
def test_a_figure_per_head_is_no_part_of_the_breakdown(text):
    ok = rule_results(text.format("123.60"), "stated_breakdown")
    assert not [c.message for c in ok if c.status == "fail"]
    assert not [c for c in ok if "人均" in c.message]
    # the twin whose 公用经费 misses: 486.40 + 113.60 = 600 is no 610
    bad = rule_results(text.format("113.60"), "stated_breakdown", "fail")
    assert len(bad) == 1 and "610.00" in bad[0].message and "人均" not in bad[0].message


def test_a_figure_per_student_or_household_is_no_part_either():
    text = HEAD + "基本支出610.00万元，包括人员经费{}万元和公用经费123.60万元。生均人员经费0.80万元，户均公用经费0.30万元。\n"
    assert not rule_results(text.format("486.40"), "stated_breakdown", "fail")
    bad = rule_results(text.format("476.40"), "stated_breakdown", "fail")
    assert len(bad) == 1 and "生均" not in bad[0].message and "户均" not in bad[0].message


# ------------------------------------------------- 分值 and 得分 are two metrics

SCORES = ("某县2022年度农村饮水安全巩固提升项目支出绩效自评报告\n一、评价方法\n"
          "本次自评{}，投入管理15分、过程监管25分、产出成效40分、效益影响20分。\n{}"
          "自评得分：投入管理14分，过程监管23分，产出成效38分，效益影响18分。\n")


@pytest.mark.parametrize("scheme", ["按百分制计分", "实行100分制", "各项分值为", "满分100分", "依据评分标准", "按照计分办法"])
@pytest.mark.parametrize("heading", ["", "二、自评结果\n"], ids=["one_section", "two_sections"])
def test_the_weights_of_a_scoring_scheme_are_not_the_scores(scheme, heading):
    assert not rule_results(SCORES.format(scheme, heading), "metric_consistency", "fail")


def test_one_score_stated_twice_with_two_values_still_fails():
    text = ("某县2022年度农村饮水安全巩固提升项目支出绩效自评报告\n一、自评结论\n"
            "各项自评得分为投入管理14分、过程监管23分、产出成效38分、效益影响18分。\n"
            "二、主要问题\n从分项看，投入管理14分，过程监管21分。\n")
    bad = rule_results(text, "metric_consistency", "fail")
    assert len(bad) == 1 and "过程监管" in bad[0].message


# ------------------------------------------------- 五类共12项指标

COUNT = ("某县动物卫生监督所2022年度项目支出绩效自评报告\n一、绩效目标\n"
         "年度目标细化为产出、成本、效果、效益和满意度{}类共{}项指标，逐项设定目标值。\n")


@pytest.mark.parametrize("total", ["14", "十四"])
def test_a_count_before_a_total_counts_the_list(total):
    ok = rule_results(COUNT.format("五", total), "count_in_words")
    assert [c.status for c in ok] == ["pass"] and "5 项" in ok[0].message
    for wrong in ("四", "六"):
        bad = rule_results(COUNT.format(wrong, total), "count_in_words")
        assert [c.status for c in bad] == ["fail"] and f"“{wrong}类”" in bad[0].message


def test_a_count_of_kinds_before_a_total_after_its_noun_counts_the_list():
    text = "某县动物卫生监督所2022年度项目支出绩效自评报告\n一、绩效目标\n目标分解为数量、质量、时效、成本和效益{}类指标共12项。\n"
    assert [c.status for c in rule_results(text.format("五"), "count_in_words")] == ["pass"]
    assert [c.status for c in rule_results(text.format("四"), "count_in_words")] == ["fail"]


def test_a_list_of_short_names_joins_its_last_two_by_he():
    text = "某县动物卫生监督所2022年度项目支出绩效自评报告\n一、绩效目标\n绩效指标分为{}类，包括产出、成本、效果、效益和满意度。\n"
    assert [c.status for c in rule_results(text.format("五"), "count_in_words")] == ["pass"]
    assert [c.status for c in rule_results(text.format("四"), "count_in_words")] == ["fail"]


# ------------------------------------------------- a dash in a form's empty label column

FORM_ROWS = [
    ["项目资金（万元）", "—", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["{d}", "年度资金总额", "150.00", "160.00", "152.00", "10", "95.00%", "9.50"],
    ["{d}", "其中：当年财政拨款", "150.00", "160.00", "152.00", "—", "95.00%", "—"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["{d}", "产出指标", "数量指标", "新建机井", "≥30眼", "31眼", "40", "40"],
    ["{d}", "产出指标", "质量指标", "验收合格率", "100%", "100%", "20", "20"],
    ["{d}", "效益指标", "社会效益指标", "受益人口", "≥6000人", "6200人", "20", "20"],
    ["{d}", "满意度指标", "满意度指标", "受益群众满意度", "≥90%", "94%", "10", "10"],
    ["总分", "—", "—", "—", "—", "—", "100", "{t}"],
]


def _form(sep: str, dash: str, total: str) -> str:
    lines = ["2022年度项目支出绩效自评表", f"项目名称{sep}农田机井建设项目"]
    for row in FORM_ROWS:
        cells = [c.format(d=dash, t=total) for c in row]
        line = "    " + sep.join(cells[1:]) if sep == "   " and not cells[0] else sep.join(cells)
        lines.append(f"| {line} |" if sep == " | " else line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("sep", ["   ", "\t", " | "], ids=["space", "tab", "pipe"])
@pytest.mark.parametrize("dash", ["—", "－", "/", "无", ""], ids=["dash", "fullwidth", "slash", "none", "blank"])
def test_a_dash_in_an_empty_label_column_is_an_empty_cell(sep, dash):
    ok = rule_results(_form(sep, dash, "99.50"), "form")
    assert ok and not [c.message for c in ok if c.status == "fail"]
    bad = rule_results(_form(sep, dash, "97.50"), "form", "fail")
    assert [c.message for c in bad] == ["总分 97.50 与执行率得分及各指标得分之和 99.50 不符"]
