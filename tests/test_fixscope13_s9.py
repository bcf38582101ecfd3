"""Dates and scope beyond the forms caught before (s9 fixscope13), on
excerpts written for these tests: the order of a work's start and end with
the words of how it came (全部完工, 如期竣工), a signing date before the
evaluated year ran or years after it, dates in Chinese numerals, and a
year or scope word of another report on the report's own figures. Each
finding with its clean twin."""

from __future__ import annotations

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

PROJECT = "某区园林所2024年度公园提升改造项目支出绩效自评报告"
WHOLE = "某区档案馆2024年度部门整体支出绩效自评报告"


def _checks(text: str, title: str):
    src = source_from_text(f"{title}\n\n{text}\n")
    return parse_source(src, Source(path="<excerpt>", sha256="0" * 64, lines=src.n_lines)).checks


def found(text: str, rule: str, title: str = PROJECT) -> list[str]:
    return [c.stated for c in _checks(text, title) if c.rule == rule and c.status == "fail"]


# ------------------------------------------------------------ D1 a work's end before its start

@pytest.mark.parametrize("sentence", [
    "改造工程于2024年9月12日开工，2024年8月30日全部完工。",
    "园路铺装于2024年5月6日正式动工，2024年4月28日如期竣工。",
    "苗木补植于2024年10月8日开始施工，2024年9月26日已完工。",
    "培训活动于2024年6月18日启动，2024年6月3日结束。",
    "绿化工程于2024年7月1日进场施工，2024年6月15日完成竣工验收。",
])
def test_an_end_with_its_manner_dated_before_the_start(sentence):
    assert found("三、项目实施情况\n" + sentence, "date_validity") != []


@pytest.mark.parametrize("sentence", [
    "改造工程于2024年3月12日开工，2024年8月30日全部完工。",
    "园路铺装于2024年4月6日正式动工，2024年9月28日如期竣工。",
    "培训活动于2024年6月3日启动，2024年6月18日结束。",
    # two works: the later clause names its own
    "一期工程于2024年8月30日全部完工，二期工程于2024年9月12日开工。",
])
def test_an_end_after_its_start_or_of_another_work(sentence):
    assert found("三、项目实施情况\n" + sentence, "date_validity") == []


# ------------------------------------------------------------ D2 the signing date

BODY = "一、基本情况\n本馆负责全区档案收集保管利用工作。\n\n某区档案馆\n"


@pytest.mark.parametrize("date", ["2024年4月18日", "2024年6月30日", "2023年12月5日",
                                  "报告日期：2024年2月9日", "2028年3月10日"])
def test_a_report_signed_before_its_year_ended_or_years_after(date):
    assert found(BODY + date, "date_validity", WHOLE) != []


def test_a_filing_or_report_date_before_its_year_ended():
    for line in ("填报日期：2024年5月", "报告日期：2024年3月20日", "填报日期：2021年3月"):
        assert found("一、基本情况\n本馆负责档案工作。\n" + line + "\n二、绩效目标\n全年目标已完成。",
                     "date_validity", WHOLE) != [], line
    for line in ("填报日期：2025年3月", "报告日期：2025年2月20日", "填报日期：2024年12月"):
        assert found("一、基本情况\n本馆负责档案工作。\n" + line + "\n二、绩效目标\n全年目标已完成。",
                     "date_validity", WHOLE) == [], line


def test_a_chinese_numeral_signing_date_before_its_year():
    assert found(BODY + "二〇二四年三月十八日", "date_validity", WHOLE) != []
    assert found(BODY + "二〇二三年十二月八日", "date_validity", WHOLE) != []


@pytest.mark.parametrize("date", ["2025年3月18日", "2025年1月6日", "2026年2月20日", "2024年12月28日",
                                  "报告日期：2025年2月9日", "二〇二五年三月十八日"])
def test_a_report_signed_after_its_year(date):
    assert found(BODY + date, "date_validity", WHOLE) == []


# ------------------------------------------------------------ D3 dates in Chinese numerals

@pytest.mark.parametrize("date", ["二〇二五年十三月八日", "二〇二五年二月三十日", "二零二五年四月三十一日",
                                  "二〇二五年二月二十九日", "二〇二四年三月"])
def test_an_impossible_date_in_chinese_numerals(date):
    assert found(BODY + date, "date_validity", WHOLE) != []


@pytest.mark.parametrize("date", ["二〇二五年三月八日", "二零二五年十二月三十一日",
                                  "二〇二五年三月"])
def test_a_possible_date_in_chinese_numerals(date):
    assert found(BODY + date, "date_validity", WHOLE) == []


def test_a_chinese_numeral_date_in_running_text():
    text = "三、项目实施情况\n项目于二〇二四年十四月完成验收，资料已归档。"
    assert found(text, "date_validity") != []
    assert found("三、项目实施情况\n项目于二〇二四年十月完成验收，资料已归档。", "date_validity") == []
    assert found("三、项目实施情况\n项目于二〇二四年二月二十九日开工。", "date_validity") == []
    assert found("三、项目实施情况\n项目于二〇二三年二月二十九日开工。", "date_validity") != []


# ------------------------------------------------------------ S1 another year on the report's own figures

def scope(text: str, title: str = WHOLE) -> list[str]:
    return found(text, "scope_word", title)


@pytest.mark.parametrize("text", [
    # a section on the report's funds opening on the year before
    "二、收支情况\n（一）收入情况。2023年本馆总收入862.40万元。资金来源为财政拨款。",
    "二、收支情况\n（三）“三公”经费支出\n2023年“三公”经费支出2.15万元，比上年减少0.40万元。",
    "二、收支情况\n1.支出情况：2025年支出合计845.10万元，其中基本支出612.30万元。",
    "二、收支情况\n（二）预算执行情况。2023年预算执行数840.00万元，执行进度符合要求。",
])
def test_a_funds_section_opening_on_another_year(text):
    assert scope(text) != []


@pytest.mark.parametrize("text", [
    "二、收支情况\n（一）收入情况。2024年本馆总收入862.40万元。资金来源为财政拨款。",
    # the year before set beside this year, or compared with another year
    "二、收支情况\n（一）收入情况。2023年本馆总收入800.00万元，2024年862.40万元。",
    "二、收支情况\n（一）收入情况。2023年本馆总收入800.00万元。本年总收入862.40万元，增长7.8%。",
    "二、收支情况\n（二）支出情况。2023年支出800.00万元，较2022年增长4%。",
    # funds of other years
    "二、收支情况\n（二）资金情况。2023年结转资金20.00万元，已于本年使用完毕。",
    "二、收支情况\n（二）资金到位。2023年12月省财政提前下达资金40.00万元。",
    # not the section's first sentence
    "二、收支情况\n（一）收入情况。本年总收入862.40万元。2023年总收入800.00万元。",
    # a section that is not on the funds
    "一、基本情况\n（一）机构职能。2019年本馆新馆建成，总投资3,200.00万元。",
])
def test_a_funds_section_opening_on_this_year_or_funds_of_other_years(text):
    assert scope(text) == []


@pytest.mark.parametrize("text", [
    "六、其他说明\n本报告数据与2023年度部门决算一致。",
    "六、其他说明\n自评表中各项金额以2023年度决算报表为准。",
    "六、其他说明\n经核对，报告中的数据同2023年度决算数据相符。",
])
def test_data_agreeing_with_another_years_accounts(text):
    assert scope(text) != []


@pytest.mark.parametrize("text", [
    "六、其他说明\n本报告数据与2024年度部门决算一致。",
    "六、其他说明\n本年支出数与2023年度决算数相比减少12.00万元。",
])
def test_data_agreeing_with_the_years_accounts_or_compared_with_another(text):
    assert scope(text) == []


# (a cut-off before the year for the year's 执行率 is no longer read: 执行率 is
# no word of the report's own year, a later year's plan and a year before's
# result name it as often (codereview9 F15))


@pytest.mark.parametrize("text", [
    "二、资金情况\n（二）资金支出。截至2024年底累计支出96.00万元，预算执行率96.00%。",
    "二、资金情况\n截至2023年底，项目累计支出80.00万元，较上年执行率提高5个百分点。",
    "二、资金情况\n截至2023年底累计完成投资500.00万元，2024年完成投资300.00万元。",
])
def test_a_cut_off_at_the_years_end_or_of_earlier_years(text):
    assert scope(text, PROJECT) == []


# ------------------------------------------------------------ S2 the scope word of the other kind

@pytest.mark.parametrize("sentence", [
    "本馆2024年度项目支出绩效自评得分96.50分，等级为优。",
    "档案馆2024年度项目支出绩效自评得分96.50分。",
    "综上，我单位项目支出绩效自评等级为“优”。",
])
def test_a_whole_department_report_scoring_itself_as_a_project(sentence):
    assert scope("五、自评结论\n" + sentence) != []


@pytest.mark.parametrize("sentence", [
    "本馆2024年度部门整体支出绩效自评得分96.50分，等级为优。",
    # a project's own score, named before its year
    "档案数字化项目2024年度项目支出绩效自评得分95.00分。",
    "“馆藏修复”2024年度项目支出绩效自评得分95.00分。",
    "各项目的项目支出绩效自评得分均在90分以上。",
])
def test_a_whole_department_report_naming_its_own_kind_or_a_projects_score(sentence):
    assert scope("五、自评结论\n" + sentence) == []


def test_a_report_of_both_kinds_names_both():
    title = "某区档案馆2024年度部门整体和项目支出绩效自评报告"
    assert scope("五、自评结论\n本馆2024年度项目支出绩效自评得分96.50分。", title) == []


@pytest.mark.parametrize("sentence", [
    "本项目2024年度部门整体支出绩效自评得分96.50分。",
    "经评价，单位整体支出绩效自评等级为“优”。",
])
def test_a_project_report_scoring_itself_as_the_department(sentence):
    assert scope("五、自评结论\n" + sentence, PROJECT) != []
