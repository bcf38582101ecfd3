"""Rate operands of the s10 findings (fixrate15), each cause tested on
excerpts written for these tests, with their own figures.

- A share whose whole is stated inside its cue (占…万元的r%): over that
  whole, the part the figure before it (or the one after the percent, or
  the one the words before 占 name).
- A bracket after a rate that states its part (满意率r（n份满意）): the part
  its words name, over the bases before it; another part of the sentence is
  a reading its words allow, none they pin.
- The word that keeps 上年结转 this year's money is rule data.
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from extract.checks.rates import _names_year_before
from extract.checks.rulebook import load_rulebook
from extract.rulefiles.checks import OperandRules
from extract.ruleset import DEFAULT_RULES_DIR

from test_fixrate11_s8 import rates, report, status


PROJECT = "某镇2023年度污水管网改造项目支出绩效自评报告"


# ------------------------------------------------- a share stating its whole

@pytest.mark.parametrize("build", [
    # the part in the clause before
    lambda r: f"项目全年支出86.40万元，其中管材采购51.84万元，占全年支出86.40万元的{r}。",
    # the part right before 占 in its clause
    lambda r: f"管材采购51.84万元占全年支出86.40万元的{r}。",
    # the whole in brackets, 比重为
    lambda r: f"其中管材采购51.84万元，占项目总支出（86.40万元）的比重为{r}。",
    # the part after the percent
    lambda r: f"管材采购占项目预算86.40万元的{r}，计51.84万元。",
    # people counts
    lambda r: f"本年培训管护人员6,480人次，占培训计划10,800人次的{r}。",
])
def test_a_share_stating_its_whole_is_over_that_whole(build):
    good = report(PROJECT, "一、资金使用情况", build("60.00%"))
    assert status(good, "60.00%") == ["pass"]
    bad = report(PROJECT, "一、资金使用情况", build("66.00%"))
    assert status(bad, "66.00%") == ["fail"]
    assert rates(bad, "66.00%")[0].expected == "60.000%"


def test_a_share_stating_its_whole_names_no_part_of_another_clause():
    # 全年支出 is no 管材采购: the clause before states another figure, so the
    # share's part is not pinned and a figure of other words is no reading it pins
    r = report(PROJECT, "一、资金使用情况", "全年支出64.80万元，管材采购占项目预算86.40万元的38.00%。")
    assert "fail" not in status(r, "38.00%")


def test_a_share_of_a_whole_named_without_its_figure_is_unchanged():
    # 占全年支出的: the whole named, its figure elsewhere (the share cue's reading)
    def build(rate: str):
        return report(PROJECT, "一、资金使用情况", f"项目全年支出86.40万元，其中管材采购51.84万元，占全年支出的{rate}。")
    assert status(build("60.00%"), "60.00%") == ["pass"]
    assert status(build("66.00%"), "66.00%") == ["fail"]


def test_the_inline_share_rules_are_validated_on_load():
    with pytest.raises(ValueError):
        OperandRules.model_validate({"share_inline_before": "占[^，]{1,20}$"})  # no group ``whole``


# ------------------------------------------------- a bracket naming the part

@pytest.mark.parametrize("sentence", [
    "共回收有效问卷360份，其中非常满意210份，群众满意率为{r}（342份满意）。",
    "发放问卷400份，收回360份，满意度{r}（342份表示满意）。",
    "本年回访服务对象360人，满意度达{r}（其中满意的342人）。",
])
def test_a_bracket_stating_the_satisfied_is_the_part(sentence):
    good = report(PROJECT, "三、满意度情况", sentence.format(r="95.00%"))
    assert status(good, "95.00%") == ["pass"]
    bad = report(PROJECT, "三、满意度情况", sentence.format(r="97.00%"))
    assert status(bad, "97.00%") == ["fail"]


def test_a_bracket_with_the_base_still_reads_the_base():
    def build(rate: str):
        return report(PROJECT, "三、满意度情况", f"满意342份，满意率{rate}（收回问卷360份）。")
    assert status(build("95.00%"), "95.00%") == ["pass"]
    assert status(build("92.00%"), "92.00%") == ["fail"]


# ------------------------------------------------- the carry-over word

def _book_with(tmp_path, words: str):
    for f in DEFAULT_RULES_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    text = (tmp_path / "checks.yaml").read_text(encoding="utf-8")
    assert "carryover_words: [结转]" in text
    (tmp_path / "checks.yaml").write_text(text.replace("carryover_words: [结转]", f"carryover_words: {words}"),
                                          encoding="utf-8")
    return SimpleNamespace(book=load_rulebook(tmp_path))


def test_the_carry_over_word_is_rule_data(tmp_path):
    shipped = SimpleNamespace(book=load_rulebook())
    # 上年结转 is this year's money; 上年支出 and 上年结余 (no carry-over word shipped) are the year before's
    assert not _names_year_before(shipped, "全年支出（含上年结转资金安排的支出）")
    assert _names_year_before(shipped, "上年支出")
    assert _names_year_before(shipped, "含上年结余资金")
    # a rule set naming 结余 as well keeps 上年结余 this year's too
    wider = _book_with(tmp_path, "[结转, 结余]")
    assert not _names_year_before(wider, "含上年结余资金")
    assert _names_year_before(wider, "上年支出")


def test_no_carry_over_word_leaves_every_previous_year_word_the_year_before(tmp_path):
    none = _book_with(tmp_path, "[]")
    assert _names_year_before(none, "全年支出（含上年结转资金安排的支出）")


# ------------------------------------------------- a nearer base among the listed parts

DEPT = "某县卫生健康局2023年度部门整体支出绩效自评报告"


@pytest.mark.parametrize("build", [
    lambda r: f"全县常住人口86,000人，其中65岁以上老年人9,600人，健康管理7,200人，健康管理率{r}。",
    lambda r: f"全镇户籍人口27,500人，其中高血压患者3,200人，规范管理2,400人，规范管理率{r}。",
    lambda r: f"全年受理样品1,600批次，其中送检800批次，合格600批次，合格率{r}。",
])
def test_a_rate_of_a_part_may_be_over_the_nearer_part_before_it(build):
    good = report(DEPT, "一、履职效果", build("75.00%"))
    assert status(good, "75.00%") == ["pass"]
    bad = report(DEPT, "一、履职效果", build("78.00%"))
    assert status(bad, "78.00%") == ["fail"]


def test_parts_of_one_list_stay_siblings():
    # 、 makes 男性 and 女性 one list: 女性 over 男性 is no reading
    def build(r: str):
        return report(DEPT, "一、履职效果", f"全镇户籍人口27,500人，其中男性14,300人、女性13,200人，女性占比{r}。")
    assert status(build("48.00%"), "48.00%") == ["pass"]
    assert status(build("92.31%"), "92.31%") != ["pass"]  # 13,200 / 14,300


def test_a_share_of_a_listed_part_is_over_the_whole_even_with_commas():
    # 占比 of 女性: over 户籍人口, never over 男性 before it
    def build(r: str):
        return report(DEPT, "一、履职效果", f"全镇户籍人口27,500人，其中男性14,300人，女性13,200人，女性占比{r}。")
    assert status(build("48.00%"), "48.00%") == ["pass"]
    assert status(build("92.31%"), "92.31%") == ["fail"]  # 13,200 / 14,300 is no reading


# ------------------------------------------------- cut-offs and items with budgets of their own

YEAR = ("二、预算执行情况", "全年预算总额3,600.00万元，全年支出3,420.00万元，预算执行率95.00%。")


@pytest.mark.parametrize("heading", ["（二）截至9月30日预算执行情况", "（二）前三季度执行情况", "（二）上半年执行进度"])
def test_a_rate_under_a_cut_off_heading_is_no_rate_of_the_year(heading):
    r = report(DEPT, *YEAR, heading, "部门预算执行率为68.00%，执行进度符合序时要求。")
    assert "fail" not in status(r, "68.00%")
    assert status(r, "95.00%") == ["pass"]


def test_a_section_opening_on_a_cut_off_reads_its_own_spending():
    def build(rate: str):
        return report(DEPT, *YEAR, "（二）序时进度", "截至2023年8月31日，本局已支出2,448.00万元。",
                      f"预算执行率为{rate}，高于序时进度。")
    assert status(build("68.00%"), "68.00%") == ["pass"]  # 2,448 / 3,600
    assert status(build("71.00%"), "71.00%") == ["fail"]


def test_a_year_end_cut_off_is_the_year():
    r = report(DEPT, "二、预算执行情况", "（一）全年执行情况", "截至2023年12月31日，全年预算总额3,600.00万元，支出3,420.00万元。",
               "预算执行率为97.00%。")
    assert status(r, "97.00%") == ["fail"]


@pytest.mark.parametrize("lines", [
    ("（三）“三公”经费", "“三公”经费全年支出22.40万元，执行率80.00%。"),
    ("（三）“三公”经费", "全年支出22.40万元，执行率80.00%。"),
])
def test_an_items_rate_is_no_rate_of_the_departments_budget(lines):
    r = report(DEPT, *YEAR, *lines)
    assert "fail" not in status(r, "80.00%")


@pytest.mark.parametrize("lines", [
    ("（三）“三公”经费", "“三公”经费预算28.00万元，全年支出22.40万元，执行率{r}。"),
    ("（三）“三公”经费", "全年预算28.00万元，支出22.40万元，执行率{r}。"),
])
def test_an_items_rate_is_over_its_own_budget(lines):
    head, body = lines
    assert status(report(DEPT, *YEAR, head, body.format(r="80.00%")), "80.00%") == ["pass"]
    assert status(report(DEPT, *YEAR, head, body.format(r="84.00%")), "84.00%") == ["fail"]


def test_the_departments_rate_after_an_item_part_stays_the_departments():
    def build(rate: str):
        return report(DEPT, "二、预算执行情况", "全年预算总额3,600.00万元，其中“三公”经费预算28.00万元。",
                      f"全年支出3,420.00万元，其中“三公”经费22.40万元，部门预算执行率{rate}。")
    assert status(build("95.00%"), "95.00%") == ["pass"]
    assert status(build("96.00%"), "96.00%") == ["fail"]


# ------------------------------------------------- the spending a line or two below the budget

@pytest.mark.parametrize("lines", [
    ("全年预算总额260.00万元，支出247.00万元。", "预算执行率为{r}。"),
    ("本项目年度预算260.00万元，其中省级补助180.00万元，县级配套80.00万元。", "截至12月底，项目共支出247.00万元，预算执行率{r}。"),
    ("本项目2023年预算260.00万元。", "全年专项资金支出247.00万元，", "预算执行率{r}。"),
    ("本项目2023年预算260.00万元，由县财政安排。", "项目于4月开工、10月完工。", "全年总支出247.00万元，预算执行率{r}。"),
])
def test_a_budget_rate_reads_the_spending_below_its_budget(lines):
    def build(r: str):
        return report(PROJECT, "一、预算执行情况", *(x.format(r=r) for x in lines))
    assert status(build("95.00%"), "95.00%") == ["pass"]
    assert status(build("97.00%"), "97.00%") == ["fail"]


def test_a_named_part_of_the_spending_is_no_bare_spending():
    # 基本支出 is a part's name: no numerator of the whole budget's rate by the bare-支出 words
    def build(r: str):
        return report("某区统计局2023年度部门整体支出绩效自评报告", "一、预算执行情况",
                      "全年预算总额500.00万元。", f"基本支出320.00万元，预算执行率{r}。")
    assert "fail" not in status(build("96.00%"), "96.00%")


# ------------------------------------------------- fresh trial causes (s10)

OFFICE = "某区档案局2023年度部门整体支出绩效自评报告"


@pytest.mark.parametrize("share", ["从结构看，项目支出所占比重为{r}。", "其中项目支出占比{r}。", "项目支出的比例为{r}，主要用于档案数字化。"])
def test_a_share_alone_reads_the_breakdown_on_the_line_before(share):
    def build(r: str):
        return report(OFFICE, "一、支出情况", "全年支出合计4,250.00万元，其中基本支出1,530.00万元、项目支出2,720.00万元。",
                      share.format(r=r))
    assert status(build("64.00%"), "64.00%") == ["pass"]
    assert status(build("62.00%"), "62.00%") == ["fail"]


def test_a_share_alone_after_another_paragraph_is_not_pinned():
    r = report(OFFICE, "一、支出情况", "全年支出合计4,250.00万元，其中基本支出1,530.00万元、项目支出2,720.00万元。",
               "二、其他情况", "项目支出所占比重为62.00%。")
    assert "fail" not in status(r, "62.00%")


@pytest.mark.parametrize("done,rate,verdict", [
    ("完成540户", "100%", "pass"),      # more than planned, stated capped
    ("完成480户", "100%", "fail"),      # less than planned, stated at the cap
    ("完成540户", "108.00%", "pass"),   # more than planned, stated as it is
    ("完成540户", "106.00%", "fail"),
])
def test_a_completion_rate_may_be_stated_capped(done, rate, verdict):
    r = report(PROJECT, "二、产出情况", f"农户改厕：计划500户，{done}，目标完成率{rate}。")
    assert status(r, rate) == [verdict]


@pytest.mark.parametrize("joined", ["、", "和"])
def test_a_share_reads_the_figure_its_name_stands_for_in_a_respective_list(joined):
    def build(name: str, r: str):
        return report(OFFICE, "一、支出情况",
                      f"全年支出3,200.00万元，按经济分类，工资福利支出、商品和服务支出、对个人和家庭的补助{joined}资本性支出"
                      "分别为1,600.00万元、960.00万元、320.00万元、320.00万元。",
                      f"{name}占全年支出的{r}。")
    assert status(build("商品和服务支出", "30.00%"), "30.00%") == ["pass"]
    assert status(build("商品和服务支出", "50.00%"), "50.00%") == ["fail"]   # 1,600 is 工资福利支出's
    assert status(build("资本性支出", "10.00%"), "10.00%") == ["pass"]
    assert status(build("资本性支出", "12.00%"), "12.00%") == ["fail"]
