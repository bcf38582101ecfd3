"""False alarms codereview8 found in this session's changes, each pinned on
an excerpt written for the test (own words and figures)."""

from __future__ import annotations

from extract import Extractor

EX = Extractor()


def problems(text: str, rule: str):
    return [r for r in EX.parse_text(text).checks
            if r.rule == rule and r.status == "fail" and r.severity in ("error", "warning")]


def test_the_weights_summed_are_not_the_self_score():
    text = ("某县档案馆2023年度部门整体支出绩效自评报告\n一、自评结论\n经综合评价，本馆自评得分88分，等级为良。\n"
            "二、评价方法\n指标体系由决策、过程、产出、效益构成，四项合计100分，其中产出分值最高。\n")
    assert not problems(text, "score_grade")
    scored = text.replace("等级为良", "等级为优")  # 88分 is 良 under the usual bands
    assert problems(scored, "score_grade")
