"""Rates the field trial s5 found skipped though their operands are in
the text: a pair of two units that pinned nothing yet shut out the
readings of one unit, an enumerated item after a sentence opening with
counts, and a balance named as what it paid for. Excerpts written for
these tests, with their own figures."""

from __future__ import annotations

from test_checks_forms import checks_of, of


def rates(text: str, heading: str = "一、绩效自评工作开展情况") -> list:
    return of(checks_of(f"{heading}\n\n{text}\n"), "rate")


# ------------------------- a worded pair of two units pins nothing


_LONG = ("为落实年度目标，我处财务科严格执行内部经费管理规定，逐笔审核每笔预算资金的拨付，"
         "各业务组按季度对所管项目开展督查，重点查看支出进度和使用方向等内容，")


def test_a_worded_pair_of_two_units_leaves_the_money_pair_open():
    # 预算 names the count 28个 (安排…项目28个) as a budget: a pair of money
    # over a count is no reading, so the spent money over the funds is tried
    text = f"2025年预算安排专项项目共计28个，专项资金640万元。{_LONG}截至年底执行金额512万元，执行率80%。"
    found = rates(text)
    assert [c.status for c in found] == ["pass"]
    assert "512万元/640万元" in found[0].message


def test_the_money_pair_past_a_count_passes_no_wrong_rate():
    # the pair is read, not pinned (the funds are a sentence back): a rate
    # it does not give stays unjudged, as with a short middle sentence
    text = f"2025年预算安排专项项目共计28个，专项资金640万元。{_LONG}截至年底执行金额512万元，执行率85%。"
    assert [c.status for c in rates(text)] == ["skipped"]


# ------------------- an enumerated item after an opening of counts


_ITEMS = ("2025年本单位项目支出自评项目16个，分为三个方面，一是用于机关事务支出，即会务保障经费合计18万元，"
          "已于本年度支出18万元，预算完成率{first}。主要用于会议支出；二是职业教育支出，即实训补助合计44万元，"
          "已于本年度支出44万元，预算完成率100%。主要用于实训补助；三是高中教育支出，即公用经费、"
          "学生资助经费、教育结余用于校舍维修经费63万元，于本年度支出63万元，预算完成率100%。主要用于运转。")


def test_the_first_item_after_an_opening_of_counts_takes_its_own_pair():
    # 16个 and 三个 before it are two counts too: the two figures right
    # before the rate, after every other, are its operands
    found = rates(_ITEMS.format(first="100%"))
    assert [c.status for c in found] == ["pass", "pass", "pass"]
    assert "18万元/18万元" in found[0].message


def test_the_first_item_with_a_wrong_rate_fails():
    assert [c.status for c in rates(_ITEMS.format(first="90%"))] == ["fail", "pass", "pass"]


def test_a_budget_rate_after_two_pairs_takes_the_money_pair():
    # 资金执行率 is of money: the counts right before it (285/300 = 95%) are
    # no operands, so 95% is judged on the money and fails
    text = "培训经费60万元，已支出54万元，培训300人次，考核合格285人次，资金执行率95%。"
    found = rates(text, "一、项目实施情况")
    assert [c.status for c in found] == ["fail"]
    assert "54万元/60万元" in found[0].message


def test_a_count_rate_after_two_pairs_takes_no_money_pair():
    # 抽检合格率 after the funds: money is no operand its words allow
    text = "抽检样品400批次，合格392批次，检测经费10万元，已支出9万元，抽检合格率98%。"
    found = rates(text, "一、项目实施情况")
    assert [c.status for c in found] == ["pass"]
    assert "392批次/400批次" in found[0].message


def test_a_balance_named_as_what_it_paid_for_is_no_remainder():
    # 教育结余用于校舍维修经费63万元 is spent out of a balance, not a
    # remainder: it is the third item's budget
    found = rates(_ITEMS.format(first="100%"))
    assert "63万元/63万元" in found[2].message


def test_a_remainder_before_a_rate_is_still_no_operand():
    # 结余资金 is a remainder: of 结余资金2万元 and 支出38万元 no pair is read
    text = "本年安排培训经费40万元。已支出38万元，结余资金2万元，预算执行率95%。"
    found = rates(text)
    assert [c.status for c in found] == ["pass"]
    assert "38万元/40万元" in found[0].message


# ------------------- payment progress is the execution rate in other words


def test_payment_progress_is_an_execution_rate():
    # 支付进度 / 执行进度: spent over the budget, judged like 执行率
    wrong = "全年预算调整为640.00万元，累计支付601.60万元，资金支付进度达到94.60%。"
    found = rates(wrong)
    assert [c.status for c in found] == ["fail"] and found[0].expected == "94.000%"
    right = "全年预算调整为640.00万元，累计支付601.60万元，项目执行进度94.00%。"
    assert [c.status for c in rates(right)] == ["pass"]
