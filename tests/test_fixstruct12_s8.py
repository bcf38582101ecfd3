"""Growth, restatements, fund rows and breakdowns missed by the planter12
trial (GR1, GR2, TT1, TV1, BR1): each cause tested on excerpts written for
these tests, with their own figures, a passing and a failing twin.

- GR1 A change opening its sentence with a short subject (支出比上年多X) is
  the change of the one figure of the sentence before whose name ends with
  that subject (…，实际支出B。): the base is B − X.
- GR2 A year stated earlier in a sentence is no year of a figure its own
  words put in this year (2022年…，本年…); a rate whose sentence states no
  figure reads both years' figures named like its subject before it.
- TT1 Funds named by level (中央补助资金, 省级补助, 县级配套资金) are parts of
  年度资金总额.
- TV1 支出总额 and 实际支出(合计) name one metric; a restatement cue's reach
  counts only the sentences stating money.
- BR1 A 其中 list past a ；that names every member of a partition is the
  whole list, shares or not.
"""

from __future__ import annotations

from test_checks_forms import of

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def report(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def results(text: str, rule: str):
    return [c for c in report(text).checks if c.rule == rule]


def statuses(text: str, rule: str) -> list[str]:
    return [c.status for c in of(report(text).checks, rule)]


def failed(text: str, rule: str) -> list[str]:
    return [c.message for c in results(text, rule) if c.status == "fail"]


# ------------------------------------------------- GR1 支出比上年多X

SHORT_SUBJECT = """某县水利站2021年度灌溉渠修缮项目绩效自评报告
本项目全年预算320.00万元，实际支出264.00万元，预算执行率为82.50%。
支出比上年多24.00万元，增长{}%，主要是修缮里程增加。
"""


def test_a_change_with_a_short_subject_is_of_the_figure_named_so_before():
    # 24 / (264 − 24) = 10%
    assert statuses(SHORT_SUBJECT.format("10.00"), "growth") == ["pass"]
    assert statuses(SHORT_SUBJECT.format("9.09"), "growth") == ["fail"]


# ------------------------------------------------- GR2 2023年… in a 2024 report

NAMED_YEAR = """某县档案馆2023年度部门整体支出绩效自评报告
2022年部门支出为250.00万元，本年支出{}万元，同比增长8.00%。
"""

NO_FIGURE = """某县档案馆2023年度部门整体支出绩效自评报告
全年支出{}万元。2022年部门支出为250.00万元。本年支出同比增长8.00%，主要是档案数字化投入增加。
"""


def test_a_figure_named_this_year_is_not_of_the_year_stated_before_it():
    assert statuses(NAMED_YEAR.format("270.00"), "growth") == ["pass"]
    assert statuses(NAMED_YEAR.format("280.00"), "growth") == ["fail"]


def test_a_rate_with_no_figure_reads_both_years_named_like_its_subject():
    assert statuses(NO_FIGURE.format("270.00"), "growth") == ["pass"]
    assert statuses(NO_FIGURE.format("280.00"), "growth") == ["fail"]


# ------------------------------------------------- TT1 funds named by level

LEVELS = """某县畜牧站2021年度动物防疫补助项目支出绩效自评表
项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t80.00\t80.00\t76.00\t10\t95.00%\t9.50
其中：中央补助资金\t50.00\t50.00\t50.00\t—\t100.00%\t—
省级补助\t20.00\t20.00\t{}\t—\t{}\t—
县级配套资金\t10.00\t10.00\t6.00\t—\t60.00%\t—
"""


def test_funds_named_by_level_are_summed_to_the_total():
    ok = [m for m in failed(LEVELS.format("20.00", "100.00%"), "form") if "年度资金总额" in m]
    assert ok == []
    bad = [m for m in failed(LEVELS.format("24.00", "120.00%"), "form") if "全年执行数" in m]
    assert bad and "76.00" in bad[0]


# ------------------------------------------------- TV1 支出总额 / 实际支出合计

TOTAL_NAMES = """某县图书馆2021年度部门整体支出绩效自评报告
全年支出总额412.36万元。
注：表中实际支出合计{}万元，为部门决算数。
"""


def test_spending_total_and_actual_spending_name_one_metric():
    assert not failed(TOTAL_NAMES.format("412.36"), "metric_consistency")
    assert failed(TOTAL_NAMES.format("421.36"), "metric_consistency")


RESTATED_PAST_RATES = """某县图书馆2021年度部门整体支出绩效自评报告
执行数：全年支出518.40万元。
执行率：97.30%。
结余：年末结余14.20万元，为图书采购尾款。
注：结余率=年末结余÷全年预算数×100%。
本部门整体支出绩效自评得分98分，评价等级为“优”。全年支出合计{}元，与部门决算一致。
"""


def test_a_restatement_reaches_past_sentences_without_money():
    assert not failed(RESTATED_PAST_RATES.format("5,184,000.00"), "metric_consistency")
    assert failed(RESTATED_PAST_RATES.format("5,148,000.00"), "metric_consistency")


# ------------------------------------------------- BR1 parts with shares past a ；

SHARES = """某县供销社2021年度部门整体支出绩效自评报告
本年度支出合计{}万元，其中基本支出420.00万元，占60.00%；项目支出280.00万元，占40.00%。
"""


def test_a_partition_past_a_semicolon_is_summed_against_its_whole():
    assert statuses(SHARES.format("700.00"), "stated_breakdown") == ["pass"]
    assert "fail" in statuses(SHARES.format("730.00"), "stated_breakdown")


UNREAD_LEVEL = LEVELS.replace("县级配套资金", "乡镇统筹经费")


def test_levels_beside_an_unread_row_are_not_summed():
    # 50 + 20 makes up no column of 80: a level row was not read, no sum is judged
    assert not [m for m in failed(UNREAD_LEVEL.format("20.00", "100.00%"), "form") if "年度资金总额" in m]


def test_a_rate_with_no_figure_reads_this_year_under_another_spending_name():
    text = NO_FIGURE.replace("全年支出{}", "全年支出总额{}")
    assert statuses(text.format("270.00"), "growth") == ["pass"]
    assert statuses(text.format("280.00"), "growth") == ["fail"]
