"""Meta and budget interpretation: the two samples and short written variants."""

from __future__ import annotations

from decimal import Decimal

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def parse_text(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<test>", sha256="0" * 64, lines=src.n_lines), run_checks=False)


def fig(report, role):
    f = getattr(report.budget, role)
    return None if f is None else (f.quantity.value, f.quantity.unit)


def test_2024_meta(report_2024):
    m = report_2024.meta
    assert m.title == "部门整体支出绩效自评报告"
    assert m.department == "江门市科学技术局"
    assert m.year == 2024
    assert m.report_type == "部门整体支出"
    assert m.self_score == Decimal("99.99") and m.grade == "优秀"
    assert m.locations["self_score"].line == 100 and m.locations["grade"].line == 100


def test_2024_budget(report_2024):
    b = report_2024.budget
    assert fig(report_2024, "adjusted") == (Decimal("7406.91"), "万元")
    assert fig(report_2024, "executed") == (Decimal("6159.9"), "万元")
    assert b.executed.quantity.normalized_value == Decimal("61599000")
    assert fig(report_2024, "rate") == (Decimal("83.2"), "%")
    assert fig(report_2024, "balance") == (Decimal("1247.01"), "万元")
    assert fig(report_2024, "initial") == (Decimal("15140"), "万元")
    assert all(getattr(b, r).location.line == 43 for r in ("initial", "adjusted", "executed", "rate", "balance"))


def test_2022_meta_and_budget(report_2022):
    m = report_2022.meta
    assert m.title == "项目绩效自评报告"
    assert m.project_name == "江门市级扶持科技发展资金"
    assert m.department == "江门市科学技术局"
    assert m.year == 2022 and m.report_type == "项目支出"
    assert m.self_score == Decimal("99") and m.grade == "优"
    assert fig(report_2022, "initial") == (Decimal("16052"), "万元")
    assert fig(report_2022, "adjusted") == (Decimal("12480.11"), "万元")
    assert fig(report_2022, "executed") == (Decimal("9459.61"), "万元")
    assert fig(report_2022, "rate") == (Decimal("75.8"), "%")
    assert report_2022.budget.rate.location.line == 57
    assert report_2022.budget.balance is None


def test_budget_from_standard_self_evaluation_table():
    text = (
        "项目支出绩效自评表\n（2023年度）\n项目名称：农村公路养护\n主管部门：某县交通运输局\n"
        "一、项目资金情况\n"
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "年度资金总额\t500.00\t480.00\t456.00\t10\t95.00%\t9.5\n"
        "其中：当年财政拨款\t500.00\t480.00\t456.00\t—\t—\t—\n"
        "二、自评结论\n总分为 92.5 分，评价等级为“优”。\n"
    )
    r = parse_text(text)
    assert r.meta.project_name == "农村公路养护" and r.meta.department == "某县交通运输局"
    assert r.meta.year == 2023 and r.meta.report_type == "项目支出"
    assert fig(r, "initial") == (Decimal("500.00"), "万元")
    assert fig(r, "adjusted") == (Decimal("480.00"), "万元")
    assert fig(r, "executed") == (Decimal("456.00"), "万元")
    assert fig(r, "rate") == (Decimal("95.00"), "%")
    assert r.budget.executed.source == "table"
    assert r.meta.self_score == Decimal("92.5") and r.meta.grade == "优"


def test_budget_phrasings_of_other_reports():
    text = ("一、基本情况\n2023年年初预算安排资金 1,200 万元，年中预算调整为 1,000 万元，"
            "全年实际执行 950.5 万元，预算执行率为 95.05%，结余资金 49.5 万元。\n")
    r = parse_text(text)
    assert fig(r, "initial") == (Decimal("1200"), "万元")
    assert fig(r, "adjusted") == (Decimal("1000"), "万元")
    assert fig(r, "executed") == (Decimal("950.5"), "万元")
    assert fig(r, "rate") == (Decimal("95.05"), "%")
