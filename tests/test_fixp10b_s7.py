"""Relation misses of planter10 (M1, M5, M6, M2, M7): each cause tested on
excerpts written for these tests, with their own figures.

- M1: a remainder (剩余, 结余, 结存, 尚有…未使用, 其余…结转下年使用) whose
  minuend and subtrahend its words name (项目资金共计, 预算安排, 收入合计 …
  and 累计支付, 共支出, 支出合计 …) fails when it is wrong, the named
  operands looked for up to operands.named_reach_sentences sentences before.
"""

from __future__ import annotations

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

TITLE = "东林县农机推广站2023年度部门整体支出绩效自评报告\n"


def report(body: str):
    src = source_from_text(TITLE + body)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def of(body: str, rule: str) -> list:
    return [c for c in report(body).checks if c.rule == rule]


def failed(body: str, rule: str) -> list:
    return [c for c in of(body, rule) if c.status == "fail"]


def passed(body: str, rule: str) -> list:
    return [c for c in of(body, rule) if c.status == "pass"]


# ------------------------------------------------------------ M1 remainders


def test_a_remainder_of_a_named_whole_and_payment_in_its_sentence():
    wrong = "一、资金情况\n农机补贴资金共计1,530,600元，累计支付1,402,300元，剩余138,300元为待结算尾款。\n"
    right = wrong.replace("138,300", "128,300")
    assert [c.status for c in of(wrong, "difference")] == ["fail"]
    assert "128300" in failed(wrong, "difference")[0].message
    assert [c.status for c in of(right, "difference")] == ["pass"]


def test_a_remainder_whose_whole_stands_three_sentences_before():
    wrong = ("一、资金情况\n农机补贴资金共计1,530,600元。\n其中省级补助900,000元，县级配套630,600元。\n"
             "截至12月31日，累计支付1,402,300元。\n剩余138,300元为待结算尾款。\n")
    assert [c.status for c in of(wrong, "difference")] == ["fail"]
    assert passed(wrong.replace("138,300", "128,300"), "difference")


def test_a_balance_after_gong_zhichu_with_the_budget_two_lines_up():
    wrong = "一、资金情况\n年度预算安排58.00万元。\n培训支出用于教材和场地租赁。\n全年共支出54.30万元，结余4.20万元。\n"
    assert [c.status for c in of(wrong, "difference")] == ["fail"]
    assert [c.status for c in of(wrong.replace("4.20", "3.70"), "difference")] == ["pass"]


def test_a_closing_stock_after_income_and_spending_totals():
    wrong = ("一、收支情况\n全年收入合计1,320.50万元。\n收入构成：财政拨款收入1,200.00万元，其他收入120.50万元。\n"
             "全年支出合计1,250.30万元，其中人员经费800.00万元、公用经费450.30万元。\n年末结存资金75.20万元。\n")
    assert [c.status for c in of(wrong, "difference")] == ["fail"]
    assert [c.status for c in of(wrong.replace("75.20", "70.20"), "difference")] == ["pass"]


def test_an_unused_rest_with_the_income_in_the_section_before():
    wrong = ("（一）收入情况\n本年收入总计420.60万元。\n资金来源为：财政拨款400.00万元，其他收入20.60万元。\n"
             "（二）支出情况\n全年支出共380.40万元，其中基本支出300.00万元，项目支出80.40万元。\n"
             "基本支出主要用于人员工资和日常运转。\n收支相抵后，年末尚有42.20万元未使用。\n")
    assert [c.status for c in of(wrong, "difference")] == ["fail"]
    assert [c.status for c in of(wrong.replace("42.20", "40.20"), "difference")] == ["pass"]


def test_the_rest_carried_to_next_year_is_a_remainder():
    wrong = "一、预算情况\n全年财政拨款预算860.00万元，当年实际支出812.50万元，其余50.50万元结转下年使用。\n"
    assert [c.status for c in of(wrong, "difference")] == ["fail"]
    assert [c.status for c in of(wrong.replace("50.50", "47.50"), "difference")] == ["pass"]


# ------------------------------------------------------------ M6 / FA5 growth


def test_an_amount_cut_after_last_years_figure_is_the_change():
    right = "一、三公经费\n“三公”经费支出27.00万元，比上年30.00万元压减3.00万元，降幅10.00%。\n"
    assert [c.status for c in of(right, "growth")] == ["pass"]
    assert [c.status for c in of(right.replace("降幅10.00%", "降幅12.00%"), "growth")] == ["fail"]


def test_a_fall_after_a_cut_with_last_year_in_the_sentence_before():
    text = "一、三公经费\n上年度“三公”经费支出25.00万元。\n本年度“三公”经费支出22.50万元，压减2.50万元，降幅{}%。\n"
    assert [c.status for c in of(text.format("10.00"), "growth")] == ["pass"]
    assert [c.status for c in of(text.format("12.00"), "growth")] == ["fail"]


def test_a_fall_after_a_cut_with_no_year_before_named_is_no_growth():
    assert not of("一、三公经费\n本年度“三公”经费支出22.50万元，压减2.50万元，降幅12.00%。\n", "growth")


def test_fish_fry_counted_in_wei_is_a_count():
    wrong = "一、增殖放流\n全年放流鱼苗3.40亿尾（上年放流2.90亿尾），比上年增加0.60亿尾。\n"
    assert [c.status for c in of(wrong, "difference")] == ["fail"]
    assert [c.status for c in of(wrong.replace("0.60亿尾", "0.50亿尾"), "difference")] == ["pass"]
    # 尾款 is a word, not a count
    assert not [c for c in report("一、资金\n支付工程尾款3.20万元。\n").claims if c.unit == "尾"]


# ------------------------------------------------------------ M5 rates


def test_a_share_naming_its_part_and_whole_with_the_figures_a_sentence_before():
    text = "一、支出情况\n全年支出共640.00万元，其中基本支出480.00万元，项目支出160.00万元。\n基本支出占全年支出的{}%。\n"
    assert [c.status for c in of(text.format("75.00"), "rate")] == ["pass"]
    bad = of(text.format("72.00"), "rate")
    assert [c.status for c in bad] == ["fail"] and "75.000%" in bad[0].message


def test_an_employment_rate_over_the_graduates_of_the_sentence_before():
    text = "一、人才培养。本届毕业生2400人，较上届增加100人。\n截至8月31日实现就业2300人，初次就业率{}%。\n"
    assert [c.status for c in of(text.format("95.8"), "rate")] == ["pass"]
    assert [c.status for c in of(text.format("98.0"), "rate")] == ["fail"]


def test_an_execution_rate_over_the_project_total_a_line_up():
    text = "一、基本情况\n项目总额90.00万元，由省级资金60.00万元和县级配套30.00万元组成。\n二、资金执行\n全年支出855,000元，执行率{}%。\n"
    assert [c.status for c in of(text.format("95.00"), "rate")] == ["pass"]
    assert [c.status for c in of(text.format("97.50"), "rate")] == ["fail"]


# ------------------------------------------------------------ M7 score sums


def test_scores_listed_over_semicolons_then_totalled_in_the_next_sentence():
    text = "一、自评得分\n各项得分：预算编制8.5分；预算执行18分；履职产出37分；履职效益28分。\n以上四项累计{}分。\n"
    assert [c.status for c in of(text.format("91.5"), "stated_breakdown")] == ["pass"]
    assert [c.status for c in of(text.format("93.5"), "stated_breakdown")] == ["fail"]


def test_scores_with_their_maxima_beside_them_total_the_scores_only():
    text = ("一、自评得分\n本部门各项得分如下：预算编制8.5分（满分10分）；预算执行18分（满分20分）；"
            "履职产出37分（满分40分）；履职效益28分（满分30分）。\n以上四项累计{}分。\n")
    assert [c.status for c in of(text.format("91.5"), "stated_breakdown")] == ["pass"]
    assert [c.status for c in of(text.format("92.5"), "stated_breakdown")] == ["fail"]


def test_scores_over_semicolons_closed_by_heji_in_the_last_item():
    text = "一、自评得分\n各项得分：预算编制8.5分；预算执行18分；履职产出37分；履职效益28分，合计{}分。\n"
    assert [c.status for c in of(text.format("91.5"), "stated_breakdown")] == ["pass"]
    assert [c.status for c in of(text.format("90.0"), "stated_breakdown")] == ["fail"]


def test_a_total_above_scores_naming_every_first_level_indicator_fails():
    text = "一、自评得分\n项目自评得分{}分，其中决策得分14分、过程得分18.5分、产出得分38分、效益得分27分。\n"
    assert [c.status for c in of(text.format("97.5"), "stated_breakdown")] == ["pass"]
    assert [c.status for c in of(text.format("98.5"), "stated_breakdown")] == ["fail"]
    # two of the four named: the others may be left out
    some = "一、自评得分\n项目自评得分98.5分，其中产出得分38分、效益得分27分。\n"
    assert [c.status for c in of(some, "stated_breakdown")] == ["skipped"]


# ------------------------------------------------------------ M2 restatements


def test_money_said_to_agree_with_the_statements_restates_the_figure_before():
    text = "一、资金情况\n全年调整预算640.00万元，实际支出612.00万元，预算执行率为95.63%。\n全年累计拨付资金{}元，与决算报表一致。\n"
    bad = [c for c in of(text.format("6,180,000"), "metric_consistency") if c.status == "fail"]
    assert bad and "612.00万元" in bad[0].message
    assert not [c for c in of(text.format("6,120,000"), "metric_consistency") if c.status == "fail"]
    # another amount, far from any before it: no restatement
    assert not [c for c in of(text.format("1,350,000"), "metric_consistency") if c.status == "fail"]
