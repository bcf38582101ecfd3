"""Balances in the reviewer12/planter12 trials (fixdiff12: DF1, DF2, DM1),
each cause tested on excerpts written for these tests, with their own
figures: a passing and a failing twin.

- DF1 A budget raised during the year (年初…，年中追加…，合计…) is the total
  a balance is left of, not the 年初 figure; operands that leave less than
  nothing are a misreading, never an expectation of 0.00.
- DF2 A balance of an item (图书馆维修项目预算A，…结余X; 部分项目…结余X) is
  judged only by that item's own figures, never by the whole's 预算 − 执行.
- DM1 A balance after words taking 支出 from 收入 (收入大于支出, 收入减去支出,
  扣除全部支出后) is the section's 收入 − 支出 however far up they stand;
  尚余 and 留存资金 are remainder words.
"""

from __future__ import annotations

from test_checks_forms import of

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def report(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def results(text: str, rule: str = "difference"):
    return of(report(text).checks, rule)


def statuses(text: str, rule: str = "difference") -> list[str]:
    return [c.status for c in results(text, rule)]


# ------------------------------------------------- DF1 the raised budget

RAISED = """某区水务局2024年度河道保洁专项资金绩效自评报告
项目年初预算安排260.00万元，年中追加30.00万元，调整后合计290.00万元。
全年实际支出271.50万元，结余资金{}万元。
"""


def test_a_balance_is_left_of_the_raised_budget_not_the_initial_one():
    assert statuses(RAISED.format("18.50")) == ["pass"]
    [fail] = results(RAISED.format("21.50"))
    assert fail.status == "fail" and "290.00" in fail.message and "18.50" in fail.message


BELOW = """某区水务局2024年度河道保洁专项资金绩效自评报告
项目年初预算安排260.00万元。
全年实际支出271.50万元，结余资金{}万元。
"""


def test_operands_leaving_less_than_nothing_are_no_expectation_of_zero():
    # 260.00 − 271.50 is no balance: a misreading, not "= 0.00"
    assert "fail" not in statuses(BELOW.format("18.50"))
    assert all("0.00万元 不符" not in c.message for c in results(BELOW.format("18.50")))


def test_a_balance_of_nothing_after_spending_above_the_budget_still_holds():
    assert statuses(BELOW.format("0.00")) == ["pass"]


# ------------------------------------------------- DF2 an item's balance

ITEMS = """某县文化馆2023年度公共文化服务项目绩效自评报告
一、项目概况
项目年初预算120.00万元，全年执行110.00万元，预算执行率91.67%。
二、项目实施情况
{}
"""


def test_an_items_balance_is_not_judged_by_the_wholes_budget_and_spending():
    for line in ("图书馆维修项目预算30.00万元，工程结算审计之后结余资金5.00万元。",
                 "部分项目因进度滞后，结余12.00万元。",
                 "因部分乡镇配套工程未完工，剩余资金7.00万元。",
                 # the item named the sentence before: a balance naming a subject of its own is the item's
                 "图书馆维修项目预算30.00万元。工程结算审计之后，结余资金5.00万元。"):
        assert "fail" not in statuses(ITEMS.format(line)), line


def test_an_items_balance_is_judged_by_its_own_figures():
    assert statuses(ITEMS.format("图书馆维修项目预算30.00万元，实际支出24.00万元，结余资金6.00万元。")) == ["pass"]
    assert statuses(ITEMS.format("图书馆维修项目预算30.00万元，实际支出24.00万元，结余资金5.00万元。")) == ["fail"]
    assert statuses(ITEMS.format("部分项目预算40.00万元，已支出31.00万元，结余12.00万元。")) == ["fail"]
    # the item named in the sentence before: its spending is the item's own
    assert statuses(ITEMS.format("图书馆维修实际支出24.00万元。图书馆维修项目预算30.00万元，结余5.00万元。")) == ["fail"]


def test_the_wholes_remainder_is_still_the_wholes():
    assert statuses(ITEMS.format("截至年底，项目结余资金10.00万元。")) == ["pass"]
    assert statuses(ITEMS.format("截至年底，项目结余资金12.00万元。")) == ["fail"]


# ------------------------------------------------- DM1 收入 − 支出 named by the words

INCOME = """某县气象局2023年度部门整体支出绩效自评报告
一、收支情况
本年度收入合计512.00万元，均为财政拨款。
与2022年度的470.00万元相比，收入增长42.00万元，增幅8.94%。
本年度支出合计489.30万元。
{}
"""


def test_a_balance_after_income_less_spending_words_reaches_the_sections_totals():
    for words in ("收入大于支出，差额{}万元，结转下年使用。", "扣除全部支出后，账面尚余{}万元。",
                  "收入减去支出，年末留存资金{}万元。"):
        for stated, status in (("22.70", "pass"), ("27.70", "fail")):
            got = [c.status for c in results(INCOME.format(words.format(stated))) if f"{stated}万元" in c.message]
            assert got == [status], (words, stated)


CHAPTER = """某县档案馆2022年度部门整体支出绩效自评报告
二、部门收支情况
（一）收入。本年度收入合计845.60万元，均为财政拨款。
与2021年度的801.20万元相比，收入增加44.40万元，增幅5.54%。
（二）支出。本年度支出合计819.35万元。
（三）结余。收入大于支出，差额{}万元，按规定结转下年使用。
"""


def test_the_netted_totals_are_reached_across_the_chapters_sub_sections():
    for stated, status in (("26.25", "pass"), ("21.25", "fail")):
        got = [c.status for c in results(CHAPTER.format(stated)) if f"{stated}万元" in c.message]
        assert got == [status], stated
