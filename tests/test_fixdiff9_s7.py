"""Differences and balances of the s7 trials (reviewer9 D1-D3, planter9 FA2
and M2, field7 FA-6): each cause tested on excerpts written for these tests,
with their own figures.

- 超过年度目标T: T may be the target itself as well as the excess; 较目标T少d:
  T is the target compared with, d the gap.
- A balance of a named source (年末财政拨款结转) takes the year's income and
  spending of that source (本年财政拨款收入 / 支出), stated in its sentence;
  the whole budget's 预算数 − 执行数 pins it no more.
- A figure whose words name an earlier period (上年实际支出) is no figure of
  this year's budget (its spending, its budget, its rate).
- 结存, 未拨付 are remainders; 尚有…未使用 after a year-end cut-off names no
  subject: the report's budget facts are its operands.
- 提升了 is a rise: 提升了5.5个百分点 is a points change.
- A rate after a part and its rest (支付540万元，未支60万元，支付率90%) is the
  part over their sum; the rest is never a numerator.
"""

from __future__ import annotations

from test_changes import results, statuses
from test_checks_forms import checks_of, of

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def report(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


FORM = """某县疾控中心2025年度村级防疫项目支出绩效自评报告
一、绩效指标完成情况
{}
二、自评表
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 培训村级防疫员 | ≥{}人次 | 1260人次 | 10 | 10 |
| 产出指标 | 数量指标 | 新建村级服务站 | ≥16个 | 14个 | 10 | 8 |
"""


def gaps(sentence: str, target: str = "1200"):
    return [c for c in of(report(FORM.format(sentence, target)).checks, "difference")]


# ------------------------------------------------- the target itself or the gap


def test_a_figure_after_chaoguo_mubiao_may_be_the_target_itself():
    ok = gaps("全年培训村级防疫员1260人次，超过年度目标1200人次。")
    assert [c.status for c in ok] == ["pass"] and "超过此目标" in ok[0].message
    # the excess reading holds as before
    assert [c.status for c in gaps("全年培训村级防疫员1260人次，超过年度目标60人次。")] == ["pass"]


def test_a_target_named_after_chaoguo_that_is_neither_fails():
    # the form's target is 1300: neither 1260 − 1300 nor the target itself is 1200
    bad = gaps("全年培训村级防疫员1260人次，超过年度目标1200人次。", "1300")
    assert [c.status for c in bad] == ["fail"]
    # the actual does not exceed the target it names
    bad = gaps("全年培训村级防疫员1260人次，超过年度目标1300人次。", "1300")
    assert [c.status for c in bad] == ["fail"]


def test_the_figure_after_jiao_mubiao_is_the_target_and_the_gap_follows():
    ok = gaps("新建村级服务站仅完成14个，较目标16个少2个，原因是选址调整。")
    assert [c.status for c in ok] == ["pass"] and "较目标16个 − " in ok[0].message
    bad = gaps("新建村级服务站仅完成14个，较目标16个少3个，原因是选址调整。")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "2个"


def test_a_gap_after_a_comparand_in_other_words():
    assert [c.status for c in gaps("全年培训村级防疫员1260人次，比目标值1200人次多完成60人次。")] == ["pass"]
    assert [c.status for c in gaps("全年培训村级防疫员1260人次，与目标1300人次相比少40人次。")] == ["pass"]
    assert [c.status for c in gaps("全年培训村级防疫员1260人次，与目标1300人次相比少50人次。")] == ["fail"]


# ------------------------------------------------- a balance of a named source


SOURCE = ("全年预算数900.00万元，全年执行数870.00万元，预算执行率96.67%，年末结转结余30.00万元。"
          "财政拨款年初结转15.00万元，本年财政拨款收入420.00万元，本年财政拨款支出410.00万元，"
          "年末财政拨款结转{}万元。")


def test_a_balance_of_a_named_source_takes_its_own_income_and_spending():
    ok = results(SOURCE.format("25.00"), "difference")
    assert [c.status for c in ok] == ["pass", "pass"]
    assert "本年财政拨款收入420.00万元 − 本年财政拨款支出410.00万元" in ok[1].message
    bad = results(SOURCE.format("28.00"), "difference")
    assert [c.status for c in bad] == ["pass", "fail"] and bad[1].expected == "25.00万元"


def test_a_balance_of_a_named_source_is_not_pinned_by_the_whole_budget():
    # other sources' money is in 预算数 − 执行数; 财政拨款预算 − 执行数 mixes two scopes
    for lead in ("", "其中财政拨款预算500.00万元。"):
        text = f"全年预算数800.00万元，全年执行数760.00万元，预算执行率95.00%。{lead}年末财政拨款结转30.00万元。"
        assert "fail" not in statuses(text, "difference"), lead


# ------------------------------------------------- a figure of the year before


PREVIOUS = ("全年预算560.00万元。\n全年支出共计532.00万元，包括基本支出312.00万元和项目支出220.00万元。\n"
            "预算执行率{}%，年末资金余额{}万元。\n与上年实际支出480.00万元相比，本年多支出52.00万元。")


def test_the_spending_of_the_year_before_is_no_operand_of_this_years_balance_and_rate():
    r = report(f"一、预算执行情况\n\n{PREVIOUS.format('95.00', '28.00')}\n")
    assert r.budget.executed is not None and r.budget.executed.quantity.text == "532.00万元"
    assert [c.status for c in of(r.checks, "rate")] == ["pass"]
    assert [c.status for c in of(r.checks, "difference") if "年末资金余额" in c.message] == ["pass"]
    r = report(f"一、预算执行情况\n\n{PREVIOUS.format('85.71', '80.00')}\n")
    assert [c.status for c in of(r.checks, "rate")] == ["fail"]
    assert [c.status for c in of(r.checks, "difference") if "年末资金余额" in c.message] == ["fail"]


def test_a_figure_of_the_year_before_takes_no_budget_role():
    r = report("一、预算执行情况\n\n上年实际支出480.00万元，上年预算执行率92.00%。\n")
    assert r.budget.executed is None and r.budget.rate is None


# ------------------------------------------------- remainder words


def test_jiecun_is_a_remainder():
    text = "全年预算600.00万元，全年支出570.00万元。年末结存资金{}万元。"
    assert statuses(text.format("30.00"), "difference") == ["pass"]
    bad = results(text.format("35.00"), "difference")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "30.00万元"


def test_weibofu_is_a_remainder_of_the_money_allotted():
    text = "项目下达资金500.00万元，已拨付460.00万元，未拨付{}万元。"
    assert statuses(text.format("40.00"), "difference") == ["pass"]
    assert statuses(text.format("45.00"), "difference") == ["fail"]


def test_jiecun_after_a_table_of_budget_and_spending():
    text = ("一、预算执行情况\n\n支出类别\t全年预算数\t实际支出数\t执行率\n基本支出\t400.00\t396.00\t99.00%\n"
            "项目支出\t200.00\t174.00\t87.00%\n合计\t600.00\t570.00\t95.00%\n年末结存资金{}万元，主要是尾款未到支付节点。\n")
    assert [c.status for c in of(checks_of(text.format("30.00")), "difference")] == ["pass"]
    assert [c.status for c in of(checks_of(text.format("33.00")), "difference")] == ["fail"]


def test_shangyou_weishiyong_after_a_year_end_cutoff_is_the_reports_balance():
    text = "全年预算700.00万元。\n全年累计支付665.00万元。\n资金执行率为95.00%。\n截至12月31日，尚有{}万元未使用。"
    assert statuses(text.format("35.00"), "difference") == ["pass"]
    bad = results(text.format("53.00"), "difference")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "35.00万元"


def test_a_mid_year_cutoff_still_names_a_scope():
    text = "全年预算700.00万元。\n全年累计支付665.00万元。\n资金执行率为95.00%。\n截至6月30日，尚有53.00万元未使用。"
    assert "fail" not in statuses(text, "difference")


# ------------------------------------------------- 提升了 N 个百分点


def test_tisheng_le_is_a_points_rise():
    text = "培训覆盖率由上年的76.0%提高至81.5%，提升了{}个百分点。"
    assert statuses(text.format("5.5"), "difference") == ["pass"]
    bad = results(text.format("6.5"), "difference")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "5.5个百分点"


# ------------------------------------------------- a part and its rest before a rate


def rates(text: str):
    return of(checks_of(f"一、预算执行情况\n\n{text}\n"), "rate")


def test_the_rest_is_no_numerator_and_the_whole_a_paragraph_up_is_the_base():
    text = "本年项目安排资金600.00万元，资金已全部到位。\n\n本年项目资金支付540.00万元，未支60.00万元，支付率{}%。"
    ok = rates(text.format("90"))
    assert [c.status for c in ok] == ["pass"] and "540.00万元/600.00万元" in ok[0].message
    bad = rates(text.format("88"))
    assert [c.status for c in bad] == ["fail"] and "60.00万元/540.00万元" not in bad[0].message


def test_a_part_and_its_rest_give_the_whole():
    text = "本年项目资金支付540.00万元，未支60.00万元，支付率{}%。"
    assert [c.status for c in rates(text.format("90"))] == ["pass"]
    bad = rates(text.format("92"))
    assert [c.status for c in bad] == ["fail"] and "540.00万元/(540.00万元+60.00万元)" in bad[0].message
