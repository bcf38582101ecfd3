"""Rate false alarms of the s7 trials (reviewer9, planter9, field7), each
cause tested on excerpts written for these tests, with their own figures.

- A count in a measure word (例, 具, 宗, 眼, 组, 课时 …) is a count; and an
  item of an enumeration never lends its operands to another item's rate.
- 执行率=执行数÷预算数×100%=r: the ×100% is the formula's factor.
- A bracket elaborating an amount (全年预算A（年初B、追加C）) holds that
  amount's parts: no figure the words after it go on with.
- A listed part's rate (其中：财政拨款执行A，执行率x%) is over that part's own
  budget or nothing; two parts of one list are never part and whole.
- The year before's rate (由上年的88.0%提高到95.0%) takes no figure of this year.
- 森林覆盖率 is over the land area its words name, never the 林地面积 beside it;
  a figure compared with a limit (低于控制指标N) pins no reading; an
  allocation's weights (各占50%的比例分配) are no shares.
"""

from __future__ import annotations

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def report(title: str, *lines: str):
    text = "\n".join((title,) + lines) + "\n"
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def of(r, rule: str = "rate", status: str | None = None):
    return [c for c in r.checks if c.rule == rule and (status is None or c.status == status)]


DEPT = "某县2024年度部门整体支出绩效自评报告"
PROJECT = "某县2024年度病例监测项目支出绩效自评报告"


# ------------------------------------------------- measure words and enumerated items


def test_a_count_in_a_measure_word_is_checked_as_its_own_items_rate():
    for word in ("例", "具", "宗", "眼", "组", "课时"):
        r = report(PROJECT, "一、绩效指标完成情况",
                   f"1.第一项任务：计划420{word}，实际完成399{word}，完成率{{}}，未完成原因是部分对象失访。",
                   "2.培训基层人员：计划60人，实际完成63人，完成率105.00%。")
        r_ok = report(PROJECT, "一、绩效指标完成情况",
                      f"1.第一项任务：计划420{word}，实际完成399{word}，完成率95.00%，未完成原因是部分对象失访。",
                      "2.培训基层人员：计划60人，实际完成63人，完成率105.00%。")
        assert not of(r_ok, status="fail"), word
        assert len(of(r_ok, status="pass")) == 2, word
        r_bad = report(PROJECT, "一、绩效指标完成情况",
                       f"1.第一项任务：计划420{word}，实际完成399{word}，完成率59.00%，未完成原因是部分对象失访。",
                       "2.培训基层人员：计划60人，实际完成63人，完成率105.00%。")
        bad = of(r_bad, status="fail")
        assert len(bad) == 1 and "399" in bad[0].message, word
        del r


def test_a_numbered_item_lends_no_operands_to_another_items_rate():
    # 孔 is no unit the rules know: the first item's rate has no figures of its own
    r = report(PROJECT, "一、绩效指标完成情况",
               "1.维修涵洞：计划30孔，实际完成27孔，完成率90.00%，未完成原因是汛期延误。",
               "2.新建护栏：计划12公里，实际完成12.6公里，完成率105.00%。")
    assert not of(r, status="fail")
    assert [c.status for c in of(r) if "90.00%" in c.message] == ["skipped"]


def test_an_inline_item_lends_no_operands_to_the_rate_before_it():
    r = report(DEPT, "一、主要工作",
               "全年一是维修涵洞，计划30孔，实际完成27孔，完成率90.00%；二是新建护栏，计划12公里，实际完成12.6公里，完成率105.00%。")
    assert not of(r, status="fail")
    # the second item's own rate is still checked
    r_bad = report(DEPT, "一、主要工作",
                   "全年一是维修涵洞，计划30孔，实际完成27孔，完成率90.00%；二是新建护栏，计划12公里，实际完成12.6公里，完成率115.00%。")
    assert len(of(r_bad, status="fail")) == 1


# ------------------------------------------------- a formula's factor


def test_the_factor_of_a_formula_is_no_rate_stated():
    lines = ("一、资金情况", "年初预算240.00万元，全年预算250.00万元，全年执行245.00万元。",
             "预算执行率=全年执行数÷全年预算数×100%=245.00÷250.00×100%=98.00%。",
             "二、自评表",
             "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
             "| 年度资金总额 | 240.00 | 250.00 | 245.00 | 10 | 98.00% | 9.80 |")
    r = report("某县2022年度水位监测项目支出绩效自评报告", *lines)
    assert not [c for c in r.checks if c.status == "fail"]
    assert not [c for c in of(r) if "100%" in c.stated]
    # the text's 执行率 is the one after the last =, not the factor
    assert r.budget.rate is not None and r.budget.rate.quantity.value == 98


# ------------------------------------------------- a bracket elaborating an amount


def test_a_bracket_of_the_budgets_parts_keeps_the_sentences_own_spending():
    r = report(DEPT, "一、预算执行情况",
               "全年预算总额800.00万元（年初预算760.00万元、年中追加40.00万元），支出720.00万元，预算完成率{}。",
               "二、“三公”经费", "本年度“三公”经费预算12.00万元，实际支出9.00万元。")
    assert not of(r, status="fail")
    text = ("全年预算总额800.00万元（年初预算760.00万元、年中追加40.00万元），支出720.00万元，预算完成率{}。")
    ok = report(DEPT, "一、预算执行情况", text.format("90.00%"), "二、“三公”经费",
                "本年度“三公”经费预算12.00万元，实际支出9.00万元。")
    assert not of(ok, status="fail") and of(ok, status="pass")
    bad = report(DEPT, "一、预算执行情况", text.format("95.00%"), "二、“三公”经费",
                 "本年度“三公”经费预算12.00万元，实际支出9.00万元。")
    assert len(of(bad, status="fail")) == 1


def test_a_share_after_a_bracket_is_the_head_amounts():
    text = ("本年收入合计400.00万元；包括财政拨款收入380.00万元（其中，一般公共预算380.00万元，政府性基金预算0万元，"
            "国有资本经营预算0万元），占收入合计{}；其他收入20.00万元，占收入合计5.00%。")
    ok = report("某县救助站2023年度部门决算", "一、收入决算情况", text.format("95.00%"))
    assert not of(ok, status="fail") and len(of(ok, status="pass")) == 2
    bad = report("某县救助站2023年度部门决算", "一、收入决算情况", text.format("93.00%"))
    assert [c.status for c in of(bad) if "93.00%" in c.message] == ["fail"]


def test_a_contained_part_in_a_bracket_is_no_numerator_of_a_share_of_another_whole():
    r = report("某县红十字会2023年度项目支出绩效自评报告", "一、自评范围",
               "单位对2023年度项目支出全面开展绩效自评，共涉及项目5个，资金1200.00万元（含对下转移支付资金240万元），"
               "除预备费外，占项目支出总额的100%。")
    assert not of(r, status="fail")


# ------------------------------------------------- a listed part's rate


FORM = ("二、自评表",
        "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "| 年度资金总额 | 500.00 | 500.00 | 460.00 | 10 | 92.00% | 9.20 |",
        "| 其中：当年财政拨款 | 400.00 | 400.00 | 380.00 | — | 95.00% | — |",
        "| 其他资金 | 100.00 | 100.00 | 80.00 | — | 80.00% | — |")
PARTS = ("全年预算数500.00万元，全年执行数460.00万元，执行率92.00%。其中：当年财政拨款执行380.00万元，执行率{}；"
         "单位自有资金执行80.00万元，执行率80.00%。")


def test_a_listed_parts_rate_is_over_its_own_budget_or_nothing():
    r = report("某县少年宫2024年度研学活动项目支出绩效自评报告", "一、资金使用情况", PARTS.format("95.00%"), *FORM)
    assert not [c for c in r.checks if c.status == "fail" and c.rule in ("rate", "metric_consistency")]
    assert [c.status for c in of(r) if c.stated == "95.00%" and c.locations[0].line == 3] == ["pass"]
    bad = report("某县少年宫2024年度研学活动项目支出绩效自评报告", "一、资金使用情况", PARTS.format("97.00%"), *FORM)
    assert [c.status for c in of(bad) if c.stated == "97.00%"] == ["fail"]
    # no form: the part's budget is nowhere, its rate is not judged
    alone = report(DEPT, "一、资金使用情况", PARTS.format("95.00%"))
    assert not of(alone, status="fail")


def test_a_sibling_part_is_never_the_denominator():
    r = report(DEPT, "一、预算执行情况", "全年预算2000.00万元，全年支出1800.00万元，预算执行率90.00%。",
               "其中基本支出1200.00万元，项目支出600.00万元，项目支出执行率75.00%。")
    assert not of(r, status="fail")


def test_the_wholes_rate_after_its_list_of_parts_is_still_the_wholes():
    text = "全年支出950.00万元，其中基本支出600.00万元、项目支出350.00万元，预算执行率{}，年末结转50.00万元。"
    lines = ("一、预算执行情况", "全年预算1000.00万元。")
    ok = report(DEPT, *lines, text.format("95.00%"))
    assert not of(ok, status="fail") and of(ok, status="pass")


# ------------------------------------------------- the year before's rate


def test_the_year_befores_rate_takes_no_figure_of_this_year():
    r = report(DEPT, "一、预算执行情况", "全年预算600.00万元，实际支出570.00万元。",
               "资金执行率由上年的88.0%提高到95.0%，提高7.0个百分点。")
    assert not of(r, status="fail")
    # the end of the change is this year's rate, read as one
    assert [c.stated for c in of(r, status="pass")] == ["95.0%"]


# ------------------------------------------------- bases, limits and weights


def test_forest_cover_is_over_the_land_area_not_the_forest_land():
    r = report(DEPT, "一、基本情况",
               "全县林地面积36.40万公顷，森林面积30.12万公顷，森林覆盖率达58.40%，活立木蓄积0.31亿立方米。")
    assert not of(r, status="fail")
    ok = report(DEPT, "一、基本情况", "全县国土总面积60.00万公顷，森林面积35.04万公顷，森林覆盖率达58.40%。")
    assert [c.status for c in of(ok)] == ["pass"]
    bad = report(DEPT, "一、基本情况", "全县国土总面积60.00万公顷，森林面积35.04万公顷，森林覆盖率达56.40%。")
    assert [c.status for c in of(bad)] == ["fail"]


def test_a_figure_compared_with_a_limit_pins_no_rate():
    r = report(DEPT, "一、森林防火",
               "全年防火期内，全县森林受害面积8.40公顷，低于控制指标291.60公顷；森林受害率0.0240‰，低于控制指标0.876个千分点。")
    assert not of(r, status="fail")


def test_allocation_weights_are_no_shares():
    r = report("某县2023年度库区扶助资金绩效评价报告", "一、项目基本情况",
               "扶助资金为5000万元，其中1500万元按照各乡镇水库的数量和库容各占50%的比例分配到乡镇，"
               "剩余部分3500万元按照上年补贴款的分配比例分配。")
    assert not of(r, status="fail")


def test_a_division_written_in_the_rates_bracket_is_its_reading():
    text = "全县政务终端5120台纳入统一管理，系统管理率{}（4992÷5120），运行平稳。"
    ok = report(DEPT, "一、工作成效", text.format("97.50%"))
    assert [c.status for c in of(ok)] == ["pass"]
    bad = report(DEPT, "一、工作成效", text.format("97.00%"))
    assert [c.status for c in of(bad)] == ["fail"] and "4992/5120" in of(bad)[0].message


def test_an_item_with_a_budget_of_its_own_lends_no_figure_to_the_reports_budget_rate():
    r = report(DEPT, "一、预算执行情况",
               "全年预算总额800.00万元，其中年初预算760.00万元，年中追加40.00万元，全年支出720.00万元，预算完成率90.00%。",
               "二、“三公”经费", "本年度“三公”经费预算12.00万元，实际支出9.00万元。")
    assert not of(r, status="fail")
    # the item's own rate still reads the item's figures
    text = "本年度“三公”经费预算12.00万元，实际支出9.00万元，预算执行率{}。"
    assert [c.status for c in of(report(DEPT, "一、“三公”经费", text.format("75.00%")))] == ["pass"]
    assert [c.status for c in of(report(DEPT, "一、“三公”经费", text.format("85.00%")))] == ["fail"]


def test_a_number_split_by_a_space_is_no_operand():
    split = report(DEPT, "一、目标完成情况", "1、设置绩效目标数 1616 个、绩效目标完成数 1 2 个,绩效目标完成率75.00%。")
    assert not of(split, status="fail")
    spaced = report(DEPT, "一、目标完成情况", "1、设置绩效目标数 16 个、绩效目标完成数 12 个,绩效目标完成率75.00%。")
    assert [c.status for c in of(spaced)] == ["pass"]
