"""Fund rows and performance indicators read from tables
(extract.interpret.funds, extract.interpret.indicators)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from extract.interpret.funds import extract_funds
from extract.interpret.indicators import (
    IndicatorRules,
    date_interval,
    extract_indicators,
    load_indicator_rules,
)
from extract.rules import RuleError, parse_rule_text
from extract.span import SourceText
from extract.structure.tables import build_table, split_cells

SAMPLE_2024 = Path(__file__).resolve().parents[1] / "samples" / "2024_jiangmen_kejiju_department_overall_self_evaluation.txt"
CAPTION = re.compile(r"(?:附)?表\s*[\d一二三四五六七八九十]")


def tables_in(text: str):
    """Group consecutive row lines of ``text`` into tables (a stand-in for
    the normalizer); the caption is the nearest line above (3 at most) with
    a caption word. Returns the tables."""
    source = SourceText(text)
    n = source.n_lines
    tables, block = [], []
    for no in range(1, n + 2):
        cells = split_cells(source.line_span(no)) if no <= n else None
        if cells is not None:
            block.append((no, cells))
            continue
        if block:
            first = block[0][0]
            caption = next((source.line_span(b) for b in range(first - 1, max(first - 4, 0), -1)
                            if CAPTION.search(source.line_span(b).text)), None)
            tables.append(build_table(f"t{len(tables) + 1}", [c for _, c in block], source, caption))
            block = []
    return tables


def by_name(indicators):
    return {i.name: i for i in indicators}


# ---------------------------------------------------------------- funds

FUNDS_IN_YUAN = """表 3 2023 年度专项资金明细
序号\t项目名称\t金额（元）
1\t办公设备购置\t12,000.00
2\t差旅费\t3,500.50
\t小 计\t15,500.50
3\t培训费\t800
4\t宣传资料印制\t—
5\t专家咨询费\t0.35 万元
\t合 计\t19,800.50
"""


def test_fund_table_in_yuan_with_total_and_subtotal():
    (table,) = tables_in(FUNDS_IN_YUAN)
    assert table.total_rows == [3, 7]
    rows = extract_funds([table])
    assert [r.name for r in rows] == ["办公设备购置", "差旅费", "培训费", "专家咨询费"]
    assert [r.number for r in rows] == ["1", "2", "3", "5"]
    first = rows[0].amount
    assert (first.value, first.unit, first.normalized_value, first.normalized_unit) == (
        Decimal("12000.00"), "元", Decimal("12000.00"), "元")
    assert first.precision == 2
    assert rows[2].amount.value == Decimal("800") and rows[2].amount.precision == 0
    # a cell stating its own unit keeps it
    assert rows[3].amount.unit == "万元" and rows[3].amount.normalized_value == Decimal("3500")
    assert sum(r.amount.normalized_value for r in rows) == Decimal("19800.50")
    assert rows[0].location.line == 3 and rows[0].location.cell == ("t1", 1, 1)
    assert rows[0].amount.location.cell == ("t1", 1, 2)
    assert (rows[0].table, rows[0].row) == ("t1", 1)


def test_fund_unit_from_caption():
    text = ("表 2：项目资金执行情况（单位：万元）\n"
            "项目名称\t预算数\t执行数\n"
            "设备购置\t120\t118.5\n"
            "运行维护\t40.00\t40.00\n")
    rows = extract_funds(tables_in(text))
    assert [r.number for r in rows] == [None, None]
    # the executed figure is preferred over the budget (rules/tables.yaml order)
    assert [r.amount.value for r in rows] == [Decimal("118.5"), Decimal("40.00")]
    assert rows[0].amount.unit == "万元"
    assert rows[0].amount.normalized_value == Decimal("1185000")


def test_indicator_table_is_no_fund_table():
    text = "三级指标\t指标值\t完成值\n培训人次\t≥300人次\t320人次\n"
    assert extract_funds(tables_in(text)) == []


# ---------------------------------------------------------------- standard 自评表

SELF_EVALUATION = """附表1 项目支出绩效自评表
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
产出指标\t数量指标\t资助科研项目数\t≥40个\t42个\t10\t10\t
\t质量指标\t项目验收通过率\t≥95%\t93.5%\t10\t8\t部分项目延期结题，将加强过程督导
\t\t资金使用合规率\t=100.00(%)\t100%\t5\t5\t
\t时效指标\t资金拨付完成时间\t2023年10月31日前\t2023年9月15日\t10\t10\t
\t\t任务完成及时性\t按时完成\t按时完成\t5\t5\t
\t成本指标\t单位培训成本\t800元/人\t760元/人\t5\t5\t
\t\t项目管理费用\t80万元\t76.5万元\t5\t5\t
效益指标\t社会效益指标\t受益群众覆盖率\t不低于50%\t62%\t10\t10\t
\t\t工作目标达成情况\t达到预期\t已达到\t10\t10\t
\t可持续影响指标\t长效机制建设\t逐步完善\t基本稳定\t5\t3\t
满意度指标\t服务对象满意度指标\t服务对象满意度\t100%\t98%\t10\t9\t个别对象对办理流程不满意
合计\t\t\t\t\t85\t80\t
"""


@pytest.fixture(scope="module")
def self_evaluation():
    return by_name(extract_indicators(tables_in(SELF_EVALUATION)))


def test_self_evaluation_form_rows(self_evaluation):
    assert len(self_evaluation) == 11  # the 合计 row is no indicator
    first = self_evaluation["资助科研项目数"]
    assert (first.level1, first.level2) == ("产出指标", "数量指标")
    assert (first.target.operator, first.target.inferred_operator) == (">=", False)
    assert first.target.quantity.value == 40 and first.actual.value == 42
    assert first.met is True
    assert (first.weight, first.score, first.deviation_reason) == (Decimal("10"), Decimal("10"), None)
    assert first.location.cell == ("t1", 1, 2)


def test_self_evaluation_missed_target(self_evaluation):
    rate = self_evaluation["项目验收通过率"]
    assert rate.level1 == "产出指标"  # filled from the merged cell above
    assert rate.actual.value == Decimal("93.5") and rate.met is False
    assert rate.score == Decimal("8")
    assert rate.deviation_reason == "部分项目延期结题，将加强过程督导"


def test_self_evaluation_explicit_operators(self_evaluation):
    compliant = self_evaluation["资金使用合规率"]
    assert compliant.target.operator == "=" and compliant.target.quantity.value == 100
    assert compliant.met is True
    coverage = self_evaluation["受益群众覆盖率"]
    assert coverage.target.operator == ">=" and not coverage.target.inferred_operator
    assert coverage.target.quantity.value == 50 and coverage.met is True


def test_self_evaluation_deadline(self_evaluation):
    ind = self_evaluation["资金拨付完成时间"]
    assert ind.level2 == "时效指标"
    assert ind.target.operator == "<=" and ind.target.quantity.date == "2023-10-31"
    assert ind.actual.date == "2023-09-15" and ind.met is True


def test_self_evaluation_text_targets(self_evaluation):
    on_time = self_evaluation["任务完成及时性"]
    assert on_time.target.quantity is None and on_time.target.text == "按时完成"
    assert on_time.met is True
    assert self_evaluation["工作目标达成情况"].met is True
    assert self_evaluation["长效机制建设"].met is None


def test_self_evaluation_inferred_operators(self_evaluation):
    cost = self_evaluation["项目管理费用"]
    assert (cost.target.operator, cost.target.inferred_operator) == ("<=", True)
    assert cost.met is True
    satisfaction = self_evaluation["服务对象满意度"]
    assert (satisfaction.target.operator, satisfaction.target.inferred_operator) == (">=", True)
    assert satisfaction.met is False


def test_name_words_override_the_level():
    text = ("一级指标\t二级指标\t三级指标\t指标值\t完成值\n"
            "产出指标\t数量指标\t单户补贴上限\t3000元\t3200元\n"
            "\t\t参训人数下限\t50人\t48人\n"
            "\t\t发放补贴户数\t120户\t120户\n")
    inds = by_name(extract_indicators(tables_in(text)))
    assert inds["单户补贴上限"].target.operator == "<=" and inds["单户补贴上限"].met is False
    assert inds["参训人数下限"].target.operator == ">=" and inds["参训人数下限"].met is False
    assert inds["发放补贴户数"].target.operator == ">=" and inds["发放补贴户数"].met is True


def test_other_header_names_and_negative_text():
    text = ("指标名称\t目标值\t实际值\n"
            "年度报告编制\t按时完成\t未按时完成\n"
            "系统上线时间\t2024年6月30日前\t2024年7月10日\n"
            "数据更新时间\t2024年6月30日前\t2024年7月1日前\n")
    inds = by_name(extract_indicators(tables_in(text)))
    assert inds["年度报告编制"].met is False
    assert inds["年度报告编制"].level1 is None and inds["年度报告编制"].weight is None
    assert inds["系统上线时间"].met is False
    assert inds["数据更新时间"].met is None  # before 7-1 may or may not be before 6-30


def test_units_that_differ_are_not_compared():
    text = ("三级指标\t指标值\t完成值\n"
            "培训覆盖面\t≥90%\t320人\n")
    (ind,) = extract_indicators(tables_in(text))
    assert ind.met is None


def test_date_interval():
    import datetime as dt
    assert date_interval("2024-04-01") == (dt.date(2024, 4, 1), dt.date(2024, 4, 1))
    assert date_interval("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_interval("2024-12") == (dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    assert date_interval("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert date_interval("2024-13-01") is None and date_interval("soon") is None


def test_indicator_rules_validate():
    rules = load_indicator_rules()
    assert rules.operators.by_level["成本"] == "<="
    with pytest.raises(RuleError, match="by_level"):
        parse_rule_text("columns: {}\noperators:\n  by_level:\n    成本: '=<'\n",
                        IndicatorRules, "indicators.yaml")
    with pytest.raises(RuleError, match="unknown key"):
        parse_rule_text("columns: {}\nfoo: 1\n", IndicatorRules, "indicators.yaml")


# ---------------------------------------------------------------- the real 2024 sample


@pytest.fixture(scope="module")
def sample():
    tables = tables_in(SAMPLE_2024.read_text(encoding="utf-8"))
    return tables, extract_funds(tables), extract_indicators(tables)


def test_sample_funds_sum_to_the_total(sample):
    tables, funds, _ = sample
    fund_table = tables[0]
    assert len(funds) == 10 and {f.table for f in funds} == {fund_table.id}
    assert [f.number for f in funds] == [str(i) for i in range(1, 11)]
    assert fund_table.total_rows == [11]
    total = fund_table.grid()[11][2]
    assert total == "6159.90"
    assert sum(f.amount.value for f in funds) == Decimal(total)
    assert sum(f.amount.normalized_value for f in funds) == Decimal("61599000")
    first = funds[0]
    assert (first.name, first.amount.value, first.amount.unit) == ("江门双碳实验室建设专项", Decimal("1752.99"), "万元")
    assert first.amount.normalized_value == Decimal("17529900") and first.amount.normalized_unit == "元"
    assert first.amount.precision == 2
    assert funds[1].amount.value == 0
    assert funds[0].location.line == 48


def test_sample_indicators(sample):
    _, _, indicators = sample
    assert len(indicators) == 18
    inds = by_name(indicators)

    subsidy = inds["补助高新技术企业数量"]
    assert subsidy.target.operator == ">=" and subsidy.target.quantity.value == 700
    assert subsidy.actual.value == 105 and subsidy.met is False

    ceiling = inds["单个项目(平台)补助上限"]
    assert (ceiling.target.operator, ceiling.target.inferred_operator) == ("<=", True)
    assert ceiling.target.quantity.normalized_value == Decimal("1200000")
    assert ceiling.actual.value == 30 and ceiling.actual.unit == "万元"
    assert ceiling.met is True

    timely = inds["科技统计完成时效性"]
    assert timely.target.quantity.date == "2024-04-01" and timely.target.quantity.deadline
    assert timely.actual.date == "2024-04-01" and timely.met is True

    accepted = inds["完成省、市级科技计划项目验收数量"]
    assert accepted.target.operator == ">=" and accepted.target.quantity.value == 500
    assert accepted.actual.value == 670 and accepted.met is True

    revenue = inds["高新技术企业营业收入总额"]
    assert revenue.target.operator == ">=" and revenue.target.quantity.value == 2800
    assert revenue.actual.value == Decimal("3473.97") and revenue.met is True

    satisfaction = inds["补助企业满意度"]
    assert (satisfaction.level1, satisfaction.level2) == ("满意度指标", "服务对象满意度指标")
    assert inds["高新技术企业研发费用占销售收入比例"].level2 == "经济效益指标"
    assert inds["科技统计上报率"].target.operator == ">="
    assert all(i.met is True for n, i in inds.items() if n != "补助高新技术企业数量")
    assert inds["扶持科技发展专项"].location.line == 67
