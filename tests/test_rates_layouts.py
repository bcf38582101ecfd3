"""Rates whose operands stand in layouts and phrasings beyond one sentence
(issue 14, item 1): a rate on a label line, a base stated 按…计算 for the
clauses of its sentence, a lone count over its chapter's total, a cost per
unit whose subject names its money and count, a stated sum of shares, a
generic budget rate in a report with a 自评表, and a candidate with no
partner. Excerpts written for these tests, with their own figures."""

from __future__ import annotations

from test_checks_forms import checks_of, of
from test_forms import parse, render


def para(text: str) -> str:
    return f"一、绩效目标完成情况\n\n{text}\n"


def rates(text: str, rule: str = "rate") -> list[tuple[str, str]]:
    return [(c.status, c.message) for c in of(checks_of(text), rule)]


def status_of(text: str, figure: str, rule: str = "rate") -> list[str]:
    return [s for s, m in rates(text, rule) if figure in m]


# ------------------------------------------------------------ label lines

LABELS = """项目名称：社区康复服务
年初预算数：500.00万元
全年预算数：620.00万元
全年执行数：589.00万元
执行率：{rate}
"""


def test_a_rate_on_a_label_line_reads_the_label_lines_around_it():
    # 589.00 / 620.00 = 95.00%
    assert status_of(LABELS.format(rate="95.00%"), "95.00%") == ["pass"]
    assert status_of(LABELS.format(rate="95.40%"), "95.40%") == ["fail"]


# ------------------------------------------------------------ a stated base


def test_a_base_stated_for_one_clause_is_the_base_of_the_clause_before_it():
    # 4.20 / 75.0 = 5.60%; 0.15 / 75.0 = 2.00‰: one sentence, two clauses
    text = "全年林地发生病虫害面积4.20万亩，发生率{r}；\n成灾面积0.15万亩，按林地面积75.0万亩计算，成灾率2.00‰。"
    assert status_of(para(text.format(r="5.60%")), "发生率") == ["pass"]
    assert status_of(para(text.format(r="5.90%")), "发生率") == ["fail"]


def test_a_base_of_another_sentence_pins_no_rate():
    # 按常住人口计算 is the base of the births per thousand, not of the infant deaths
    text = "全年出生2,500人，按常住人口40.0万人计算，出生率6.25‰。\n婴儿死亡8人，婴儿死亡率3.20‰。"
    assert "fail" not in status_of(para(text), "婴儿死亡率")


# ------------------------------------------------------------ a chapter's total

CASES = """全年受理调解纠纷2,400件，其中邻里纠纷1,300件、婚姻家庭纠纷700件、其他纠纷400件。
组织回访当事人600人，回访满意576人，满意度96.0%。
全年收到当事人投诉12件，投诉率{r}。"""


def test_a_lone_count_is_over_the_total_its_chapter_states_with_parts():
    # 12 / 2,400 = 0.5%
    assert status_of(para(CASES.format(r="0.5%")), "投诉率") == ["pass"]
    assert status_of(para(CASES.format(r="0.8%")), "投诉率") == ["fail"]


# ------------------------------------------------------------ costs per unit

COSTS = """全年支付水质检测费360.00万元。

二、产出

全年完成水质检测2,400批次，合格2,352批次。
每批次平均检测费用{c}。"""


def test_a_cost_per_unit_whose_subject_names_its_money_and_count():
    # 3,600,000元 / 2,400批次 = 1,500元: both named by 检测
    assert status_of(para(COSTS.format(c="1,500元")), "检测费用") == ["pass"]
    assert status_of(para(COSTS.format(c="1,520元")), "检测费用") == ["fail"]


def test_a_cost_whose_base_its_sentence_names():
    # 按全年实际支出计算: 2,016.00万元 / 14,400亩 = 1,400元
    text = "全年实际支出2,016.00万元。\n\n二、产出\n\n建成高标准农田14,400亩；新建机耕路12.5公里。\n建成泵站3座。\n按全年实际支出计算，亩均投入1,400元。"
    assert status_of(para(text), "亩均投入") == ["pass"]


def test_a_cost_whose_subject_names_no_money_stated_is_a_stated_figure():
    # no money of 殡葬 is stated: no relation to check
    text = "全年发放临时救助金860.00万元。\n全年办理结婚登记2,150对，惠民殡葬基本服务人均成本1,280元，未超过1,500元的控制标准。"
    assert status_of(para(text), "人均成本") == []
    assert status_of(para(text), "人均成本", "stated_rate") == ["skipped"]


# ------------------------------------------------------------ sum of shares

SHARES = """人员经费300.00万元，占33.33%；公用经费300.00万元，占33.33%；项目支出300.00万元，占33.33%。
注：占比按四舍五入保留两位小数，{n}合计为{t}。"""


def test_a_stated_sum_of_shares_against_the_shares():
    # 33.33% × 3 = 99.99%, each ± 0.005%
    assert status_of(para(SHARES.format(n="三项", t="99.99%")), "合计为") == ["pass"]
    assert status_of(para(SHARES.format(n="三项", t="99.95%")), "合计为") == ["fail"]
    # a count that is not the number of shares listed: not their sum
    assert status_of(para(SHARES.format(n="两项", t="99.99%")), "合计为") == []


# ------------------------------------------------------------ a form's total funds


def test_a_generic_budget_rate_reads_the_forms_total_funds_row():
    # the form: 114.00 / 120.00 = 95.00%
    for rate, status in (("95.00%", "pass"), ("96.00%", "fail")):
        text = render("pipe") + f"\n二、自评说明\n\n全年资金执行率{rate}，资金按进度拨付。\n"
        found = [c for c in parse(text).checks if c.rule == "rate" and "资金执行率" in c.message]
        assert [c.status for c in found] == [status]
        assert "年度资金总额" in found[0].message


# ------------------------------------------------------------ no partner


def test_a_candidate_of_another_paragraph_with_no_partner_is_no_operand():
    # 86件 of complaints, alone of its unit, is no operand of 满意度
    text = "全年受理群众投诉举报86件。\n\n组织满意度测评，群众满意度91.5%。"
    assert status_of(para(text), "91.5%") == []
    assert status_of(para(text), "91.5%", "stated_rate") == ["skipped"]


def test_a_figure_of_the_year_before_is_no_candidate_of_this_years_rate():
    text = "上年办理法律援助案件960件。\n\n全年农民工讨薪法律援助案件办结率100%。"
    assert status_of(para(text), "办结率") == []
