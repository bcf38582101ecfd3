"""Rate false alarms and skipped rates of the s7 end measure (reviewer11,
planter11), each cause tested on excerpts written for these tests, with
their own figures.

- The rate of a part (其中基本支出执行A，执行率r; 当年财政拨款执行率r) is over
  that part's own budget, wherever the report states it, or left unchecked
  with the reason: never over the whole.
- A pair of counts another rate before it names (回收率 over 发放/回收) is no
  reading of a rate of another subject; the start and end of one change
  (由3天缩短到2天) are never a part and its whole, nor a span of 工作日 an
  operand of a percent.
- A flattened 收支 line: the 全年预算执行率 is 支出合计 / 收入合计, and a listed
  part's money (项目支出) pins no reading of a rate naming no part.
- The report's budget rate (项目全年支出A，预算执行率r) reads the report's own
  budget stated chapters before; 资金使用率 is a budget rate.
"""

from __future__ import annotations

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def report(title: str, *lines: str):
    text = "\n".join((title,) + lines) + "\n"
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def rates(r, stated: str):
    return [c for c in r.checks if c.rule in ("rate", "stated_rate") and c.stated == stated]


def status(r, stated: str) -> list[str]:
    return [c.status for c in rates(r, stated)]


def twins(build, good: str, wrong: str, expected: str, calculation: str):
    """The rate right (passes over ``calculation``) and wrong (fails, ``expected``
    shown) in the excerpt ``build`` writes; the failed result."""
    ok = build(good)
    assert status(ok, good) == ["pass"] and calculation in rates(ok, good)[0].message
    bad = build(wrong)
    assert status(bad, wrong) == ["fail"] and rates(bad, wrong)[0].expected == expected
    return rates(bad, wrong)[0]


DEPT = "某区档案馆2022年度部门整体支出绩效自评报告"
PROJECT = "某乡2023年度村道养护项目支出绩效自评报告"


# ------------------------------------------------- the rate of a part

def dept(basic_rate: str, project_rate: str, with_part_budgets: bool = True, verb: str = "执行"):
    budget = ("（二）支出预算。全年支出预算1200.00万元，其中基本支出760.00万元，项目支出440.00万元。"
              if with_part_budgets else "（二）支出预算。全年支出预算1200.00万元。")
    return report(DEPT, "一、部门概况", "本馆为区政府直属事业单位。", "二、预算安排情况",
                  "（一）收入预算。全年收入预算1200.00万元，全部为财政拨款。", budget,
                  "年初预算1150.00万元，年中追加50.00万元，调整后预算1200.00万元。", "三、预算执行情况",
                  f"全年实际支出1120.00万元，预算执行率为93.33%。其中基本支出{verb}741.00万元，执行率{basic_rate}；"
                  f"项目支出{verb}379.00万元，执行率{project_rate}。")


def test_a_parts_rate_is_over_its_own_budget_in_another_chapter():
    r = dept("97.50%", "86.14%")
    assert status(r, "93.33%") == ["pass"]
    basic = rates(r, "97.50%")
    assert [c.status for c in basic] == ["pass"] and "741.00万元/760.00万元" in basic[0].message
    project = rates(r, "86.14%")
    assert [c.status for c in project] == ["pass"] and "379.00万元/440.00万元" in project[0].message
    bad = dept("96.50%", "88.14%")
    assert status(bad, "96.50%") == ["fail"] and rates(bad, "96.50%")[0].expected == "97.500%"
    assert status(bad, "88.14%") == ["fail"] and rates(bad, "88.14%")[0].expected == "86.136%"


def test_a_listed_part_of_the_spending_is_a_parts_spending():
    # 其中基本支出741万元 under 全年实际支出: the part's spending, its rate over its budget
    assert status(dept("97.50%", "86.14%", verb=""), "97.50%") == ["pass"]
    bad = dept("96.50%", "86.14%", verb="")
    assert status(bad, "96.50%") == ["fail"] and rates(bad, "96.50%")[0].expected == "97.500%"


def test_a_parts_rate_without_its_own_budget_is_not_compared_with_the_whole():
    for basic, project in (("97.50%", "86.14%"), ("61.75%", "31.58%")):  # (741/1200 and 379/1200: the whole's)
        r = dept(basic, project, with_part_budgets=False)
        assert status(r, basic) == ["skipped"] and status(r, project) == ["skipped"]
        assert "基本支出自身的预算数" in rates(r, basic)[0].message
        assert status(r, "93.33%") == ["pass"]


def fund_rate(own_rate: str, spent: str = ""):
    return report(PROJECT, "一、项目资金情况",
                  "项目全年预算数300.00万元，其中当年财政拨款270.00万元，上年结转30.00万元；",
                  f"全年执行数285.00万元，执行率95.00%。{spent}当年财政拨款执行率{own_rate}，上年结转资金执行率100.00%。")


def test_a_rate_naming_a_listed_fund_is_that_funds():
    # its budget stated (270), its spending not: unchecked, never 285 / 300
    for own in ("93.33%", "94.00%"):  # (285 / 300 is 95.00%)
        r = fund_rate(own)
        assert status(r, own) == ["skipped"], own
        assert status(r, "95.00%") == ["pass"]
    # its spending stated too: checked over its own budget
    ok = fund_rate("93.33%", "其中当年财政拨款实际支出252.00万元。")
    assert status(ok, "93.33%") == ["pass"]
    bad = fund_rate("95.33%", "其中当年财政拨款实际支出252.00万元。")
    assert status(bad, "95.33%") == ["fail"] and rates(bad, "95.33%")[0].expected == "93.333%"


# ------------------------------------------------- figures another rate names, one change twice

def test_counts_named_by_the_rate_before_are_not_another_subjects():
    ok = report(PROJECT, "三、满意度情况", "开展服务对象满意度测评发放表格320份，回收304份，回收率95%，满意率93.8%。")
    assert status(ok, "95%") == ["pass"]
    assert "fail" not in status(ok, "93.8%")
    bad = report(PROJECT, "三、满意度情况", "开展服务对象满意度测评发放表格320份，回收304份，回收率96%，满意率93.8%。")
    assert status(bad, "96%") == ["fail"]
    assert "fail" not in status(bad, "93.8%")
    # the counts the satisfaction rate's words name stay its own
    own = report(PROJECT, "三、满意度情况", "发放测评表320份，回收304份，表示满意的285份，回收率95%，满意率93.8%。")
    assert status(own, "93.8%") == ["pass"]
    wrong = report(PROJECT, "三、满意度情况", "发放测评表320份，回收304份，表示满意的285份，回收率95%，满意率95.8%。")
    assert status(wrong, "95.8%") == ["fail"]


def test_the_start_and_end_of_a_change_are_no_part_and_whole():
    for first in ("92.6%", "50.0%", "66.7%"):  # (2/4 and 2/3 would be readings of the two spans)
        r = report(PROJECT, "二、服务情况",
                   f"证明材料平均办理时间由3个工作日缩短到2个工作日，服务对象满意度由{first}提高到96.1%。")
        assert "fail" not in status(r, first)
    days = report(PROJECT, "二、服务情况", "审批时限由6天压减至4天，窗口满意率由88.0%提高到93.5%。")
    assert "fail" not in status(days, "88.0%")


# ------------------------------------------------- a flattened 收支 line

def flattened(rate: str):
    return report("某站2024年度部门整体支出绩效自评报告", "一、收支情况",
                  "收支总表 收入合计800.00万元 财政拨款收入720.00万元 其他收入80.00万元 "
                  "支出合计752.00万元 基本支出512.00万元 项目支出240.00万元",
                  f"全年预算执行率{rate}，总体执行良好。")


def test_a_flattened_lines_rate_is_spending_total_over_income_total():
    bad = twins(flattened, "94.00%", "95.00%", "94.000%", "752.00万元/800.00万元")
    assert "240.00万元" not in bad.message


# ------------------------------------------------- the report's own budget, chapters away

def far_budget(rate: str, budget: str = "河道清淤项目由镇水务站实施，项目预算480.00万元，资金来源为区级财政资金。"):
    return report("某镇2020年度河道清淤项目支出绩效自评报告", "一、项目概况", budget,
                  "项目内容为清淤河道12条，疏浚沟渠36公里，新建护坡8处。",
                  "二、项目实施情况", "全年清淤河道12条，疏浚沟渠37公里，新建护坡8处。",
                  "项目于2020年4月开工，11月全部完工。",
                  f"项目全年支出456.00万元，预算执行率{rate}。")


def test_a_budget_rate_reads_the_reports_own_budget_stated_chapters_before():
    twins(far_budget, "95.00%", "96.00%", "95.000%", "456.00万元/480.00万元")


def test_a_budget_named_by_the_reports_own_project_is_its_budget():
    assert status(far_budget("95.00%", "河道清淤项目预算480.00万元，由镇水务站实施。"), "95.00%") == ["pass"]
    assert status(far_budget("96.00%", "河道清淤项目预算480.00万元，由镇水务站实施。"), "96.00%") == ["fail"]
    # another item's budget is no budget of the report's rate
    assert "fail" not in status(far_budget("96.00%", "护坡修缮子项预算480.00万元，由镇水务站实施。"), "96.00%")


def use_rate(rate: str):
    return report("某县灌区2022年度渠系维修项目支出绩效自评报告", "一、项目基本情况", "项目安排预算250.00万元。",
                  "二、资金使用情况", "全年支出230.00万元。", f"对照年初预算，资金使用率{rate}。")


def test_a_funds_use_rate_is_a_budget_rate():
    twins(use_rate, "92.00%", "93.00%", "92.000%", "230.00万元/250.00万元")


def test_a_parts_rate_reads_the_pair_its_clause_states():
    line = "全年实际支出1120.00万元，调整后预算1200.00万元，预算执行率为93.33%。其中基本支出执行741.00万元，预算760.00万元，执行率{}。"
    assert status(report(DEPT, "一、预算执行情况", line.format("97.50%")), "97.50%") == ["pass"]
    assert status(report(DEPT, "一、预算执行情况", line.format("96.50%")), "96.50%") == ["fail"]


def spent_before(rate: str):
    return report("某市2023年便民服务专项资金绩效自评报告", "一、项目基本情况",
                  "本专项由市民服务中心实施，2023年安排预算420.00万元。", "（一）实施内容。主要为窗口运行和系统维护。",
                  "（二）组织管理。成立工作专班，明确责任科室。", "二、资金使用情况",
                  "全年支出378.00万元。其中劳务费200.00万元、运维费178.00万元。",
                  f"对照年初预算，资金使用率{rate}，结余42.00万元收回财政。")


def test_a_budget_rate_takes_the_spending_stated_before_it_over_the_reports_budget():
    twins(spent_before, "90.00%", "91.00%", "90.000%", "378.00万元/420.00万元")


def arrived(rate: str):
    return report("某县种子站2022年度部门整体支出绩效自评报告", "一、预算执行情况",
                  "项目计划总投资1500.00万元，实际到位1380.00万元，资金到位率92.00%。",
                  f"已支付1311.00万元，到位资金使用率{rate}。", "（二）“三公”经费情况",
                  "“三公”经费年初预算6.00万元，决算5.40万元，节约率10.00%。")


def test_an_items_own_budget_nearby_leaves_the_other_figures_readings_open():
    # (资金使用率 is a budget rate: the “三公”经费's figures are none of its
    # operands, and those of the rest stay its readings)
    ok = arrived("95.00%")
    assert status(ok, "95.00%") == ["pass"] and "1311.00万元/1380.00万元" in rates(ok, "95.00%")[0].message


def bracketed_parts(rate: str):
    return report(DEPT, "一、重点项目资金情况",
                  "2022年科普专项资金调整后预算为800.00万元，实际支出640.00万元（本级支出400.00万元，转移支付240.00万元），"
                  f"支出率{rate}，结余160.00万元已收回。")


def test_a_rate_after_two_parts_of_one_list_is_the_wholes():
    # (转移支付 names a part, and it is listed, but 支出率 follows both parts: 640 / 800)
    twins(bracketed_parts, "80.0%", "81.0%", "80.00%", "640.00万元/800.00万元")
