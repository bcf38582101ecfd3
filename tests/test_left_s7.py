"""Leftovers of the s6 trials (reviewer8, planter7): false alarms on clean
reports and misses of planted slips, each cause tested on excerpts written
for these tests, with their own figures.

- A balance carried in (期初结余, 上年结余) is no balance of the year to judge,
  and money added to the budget (追加上级转移支付) is no spending.
- A text 执行率 naming no part, beside a funds table with only part rows
  (基本支出, 项目支出), is the whole's: the parts' sums, not the first row.
- A rate whose words name its subject (到位资金支出率) takes the subject's own
  amount (实际到位资金) as its whole before a budget of another subject.
"""

from __future__ import annotations

from test_changes import results, statuses
from test_checks_forms import of

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def checks(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines)).checks


# ------------------------------------------------- balances carried in


def test_an_opening_balance_named_qichu_or_shangnian_is_not_judged_as_a_balance():
    for opening, closing in (("期初结余", "期末结余"), ("上年结余", "本年结余"), ("年初结余", "年末结余")):
        text = (f"全年预算640.00万元，实际支出612.00万元，执行率95.63%。"
                f"{opening}18.00万元，加本年收入640.00万元，减本年支出612.00万元，{closing}{{}}万元。")
        assert statuses(text.format("46.00"), "difference") == ["pass"], opening
        bad = results(text.format("64.00"), "difference")
        assert [c.status for c in bad] == ["fail"] and bad[0].expected == "46.00万元", opening


def test_money_added_to_the_budget_is_no_spending_of_a_balance():
    text = ("年初预算1500.00万元，年中追加上级转移支付120.00万元，调整后预算1620.00万元。"
            "全年完成支出1555.00万元，年末结转结余{}万元。")
    assert statuses(text.format("65.00"), "difference") == ["pass"]
    bad = results(text.format("56.00"), "difference")
    assert [c.status for c in bad] == ["fail"] and "完成支出1555.00万元" in bad[0].message


# ------------------------------------------------- a funds table with part rows only


FUNDS_TABLE = """某县文化馆2025年度部门整体支出绩效自评报告

一、预算执行情况
{}，预算执行情况见下表。
单位：万元
| 支出类别 | 全年预算数 | 全年执行数 | 执行率 |
|---|---|---|---|
| 基本支出 | 520.00 | 510.00 | 98.08% |
| 项目支出 | 280.00 | 250.00 | 89.29% |
| 合计 | 800.00 | 760.00 | 95.00% |
"""


def restated(sentence: str):
    return [c for c in of(checks(FUNDS_TABLE.format(sentence)), "form") if c.message.startswith("正文所述")]


def test_a_rate_naming_no_part_is_the_rate_of_the_parts_sums():
    ok = restated("本年度预算执行率为95.00%")
    assert [c.status for c in ok] == ["pass"] and "基本支出、项目支出合计执行率 95.00%" in ok[0].message
    bad = restated("本年度预算执行率为96.00%")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "95.00%"


def test_a_rate_naming_a_part_is_that_rows():
    assert [c.status for c in restated("其中基本支出执行率为98.08%")] == ["pass"]
    bad = restated("其中基本支出执行率为98.80%")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "98.08%"


# ------------------------------------------------- a rate of a named subject


ARRIVED = ("项目计划总投资2400.00万元，实际到位资金2160.00万元，资金到位率90.00%。"
           "到位资金已支出2052.00万元，到位资金支出率{}%。"
           "“三公”经费年初预算36.00万元，实际支出30.00万元。")


def test_a_rate_of_the_money_arrived_is_over_the_money_arrived():
    ok = [c for c in results(ARRIVED.format("95.00"), "rate") if c.message.startswith("到位资金支出率")]
    assert [c.status for c in ok] == ["pass"] and "实际到位资金" in ok[0].message
    bad = [c for c in results(ARRIVED.format("95.50"), "rate") if c.message.startswith("到位资金支出率")]
    assert [c.status for c in bad] == ["fail"] and "2160.00万元" in bad[0].message


# ------------------------------------------------- parts named by 来源为, and lists of some parts


def test_a_whole_followed_by_laiyuanwei_lists_its_parts():
    text = "本年度可用资金{}万元，来源为：中央补助资金420.00万元，省级补助资金260.00万元，县级配套资金75.50万元。"
    assert statuses(text.format("755.50"), "stated_breakdown") == ["pass"]
    bad = results(text.format("755.05"), "stated_breakdown")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "755.50万元"


def test_parts_followed_by_the_rest_from_elsewhere_are_some_of_the_whole():
    for cue in ("其中", "资金来源为"):
        for rest in ("不足部分由县级财政自筹", "其余由项目单位自筹解决"):
            text = f"项目总投资960.00万元，{cue}中央补助600.00万元、省级补助250.00万元，{rest}。"
            assert statuses(text, "stated_breakdown") == [], (cue, rest)
    # a list that adds up is a breakdown all the same
    text = "项目总投资960.00万元，其中中央补助600.00万元、省级补助360.00万元，不足部分由县级自筹。"
    assert statuses(text, "stated_breakdown") == ["pass"]


# ------------------------------------------------- a balance of the report's own money, its budget lines up


BALANCE_FAR = ("本年度项目资金共计2,380.60万元，其中：中央补助1,600.00万元、省级补助780.60万元。\n"
               "年初批复预算2,200.00万元，年中追加180.60万元，全年预算调整为2,380.60万元。\n\n"
               "二、资金使用情况\n"
               "资金严格按照管理办法拨付，未发生截留挪用。截至年末，累计支付2,262.35万元。预算执行率为95.03%。\n"
               "{}\n")


def test_a_balance_naming_only_its_operation_is_the_reports_own():
    for wording in ("扣除已支付部分，项目资金余额{}万元，已按规定结转下年。", "未支出部分{}万元为工程质保金，待质保期满后支付。"):
        text = BALANCE_FAR.format(wording)
        assert statuses(text.format("118.25"), "difference") == ["pass"], wording
        bad = results(text.format("118.52"), "difference")
        assert [c.status for c in bad] == ["fail"] and bad[0].expected == "118.25万元", wording


def test_a_balance_naming_a_subject_of_its_own_is_not_the_reports():
    text = BALANCE_FAR.format("其中设备购置资金余额18.52万元，已按规定结转下年。")
    assert "fail" not in statuses(text, "difference")


# ------------------------------------------------- a list of no common ending, then its count


def test_a_list_of_short_names_then_its_count_is_the_whole_list():
    text = "年内组织开展了防汛演练、山洪排查、护林巡查、应急培训{}项工作，均按计划完成。"
    assert statuses(text.format("四"), "count_in_words") == ["pass"]
    bad = results(text.format("三"), "count_in_words")
    assert [c.status for c in bad] == ["fail"] and bad[0].expected == "4"


def test_a_conjunction_inside_an_item_may_join_two():
    # (s10, codereview F12: the last 和 of A、B和C joins one more item, so the
    # count is three, not two or three)
    assert statuses("全年完成了清淤、护坡和植草三项任务。", "count_in_words") == ["pass"]
    for count in ("两", "五"):
        assert statuses(f"全年完成了清淤、护坡和植草{count}项任务。", "count_in_words") == ["fail"], count


def test_a_list_of_long_or_numbered_items_or_another_count_is_not_read_so():
    for text in ("开展了关于进一步加强农村饮水安全工程运行管护的专项检查、乡镇督导两项工作。",
                 "北坡、南坡两个片区的五个村完成了改造。"):
        assert "fail" not in statuses(text, "count_in_words"), text


# ------------------------------------------------- this year's figure under another year


def year_findings(text: str):
    return [c for c in of(checks(text), "year_scope") if c.status == "fail"]


SPENT = ("某县水利局2025年度项目支出绩效自评报告\n\n一、资金使用情况\n"
         "全年预算3,860.00万元，截至2025年12月31日累计支付3,642.17万元。\n"
         "二、项目实施情况\n"
         "{}年度项目实际支出{}万元，资金全部用于渠道维修等三项内容。\n")


def test_this_years_spending_stated_under_another_year_is_flagged():
    bad = year_findings(SPENT.format(2024, "3,642.17"))
    assert len(bad) == 1 and bad[0].expected == "2025" and bad[0].stated == "2024"
    assert year_findings(SPENT.format(2025, "3,642.17")) == []


def test_another_years_own_figure_or_a_round_one_is_not():
    assert year_findings(SPENT.format(2024, "3,318.40")) == []  # last year's own spending
    text = SPENT.replace("3,642.17", "3,600.00")
    assert year_findings(text.format(2024, "3,600.00")) == []  # a round sum may recur
    # a balance carried over is the same money in two years
    carried = ("某县水利局2025年度项目支出绩效自评报告\n\n一、资金使用情况\n"
               "年初结转结余资金126.35万元，本年支出3,642.17万元。\n"
               "2024年末结转结余资金126.35万元。\n")
    assert year_findings(carried) == []


def test_a_department_report_concluding_on_the_project_with_its_year_is_flagged():
    head = "某县民政局2024年度部门整体支出绩效自评报告\n\n一、部门基本情况\n本局内设六个股室。\n二、自评结论\n"
    bad = [c for c in of(checks(head + "经综合评价，该项目2024年度绩效自评得分为95.20分。\n"), "scope_word")
           if c.status == "fail"]
    assert len(bad) == 1
    # a key project discussed in the report, with no year of its own
    ok = head + "重点实施的养老服务项目开展了绩效自评，该项目绩效自评得分为93.00分。\n"
    assert [c for c in of(checks(ok), "scope_word") if c.status == "fail"] == []


# ------------------------------------------------- money restated in another unit, sentences later


RESTATED = ("截至年末，已拨付资金3,418.26万元，资金执行进度93.12%。"
            "扣除已支付部分，项目资金余额252.54万元，已按规定结转下年。"
            "{}")


def restatements(text: str):
    return [c for c in results(text, "metric_consistency") if "换算复述" in c.message]


def test_a_later_sentence_restating_money_in_yuan_must_agree_within_precision():
    for wording in ("上述支出（合计{}元）已全部纳入国库集中支付系统核算。", "按元计，全年拨付资金{}元。"):
        # 3,418.26万元 is 34,182,550–34,182,650元
        assert [c.status for c in restatements(RESTATED.format(wording.format("34,182,600")))] == ["pass"]
        assert [c.status for c in restatements(RESTATED.format(wording.format("34,182,630")))] == ["pass"]
        bad = restatements(RESTATED.format(wording.format("34,128,600")))
        assert [c.status for c in bad] == ["fail"] and bad[0].expected == "3,418.26万元", wording


def test_money_of_no_cue_or_far_from_any_earlier_figure_is_no_restatement():
    assert restatements(RESTATED.format("本年项目支出账面金额为34,128,600元。")) == []
    assert restatements(RESTATED.format("上述支出中，设备购置12,500,000元。")) == []
