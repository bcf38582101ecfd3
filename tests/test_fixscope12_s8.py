"""Bracketed placeholders beyond a closed list, and the order of a work's
start and end beyond 开工/竣工 (s8 fixscope12), on excerpts written for these
tests: each finding with its clean twin."""

from __future__ import annotations

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

TITLE = "某县水务局2023年度河道清淤项目支出绩效自评报告"


def _checks(text: str, title: str = TITLE):
    src = source_from_text(f"{title}\n\n{text}\n")
    return parse_source(src, Source(path="<excerpt>", sha256="0" * 64, lines=src.n_lines)).checks


def placeholders(text: str) -> list[str]:
    return [c.stated for c in _checks(text) if c.rule == "placeholder" and c.status == "fail"]


def order_findings(text: str) -> list[str]:
    return [c.stated for c in _checks(text) if c.rule == "date_validity" and c.status == "fail"]


# ------------------------------------------------------------ placeholders in brackets

def test_a_field_name_alone_in_its_brackets():
    assert placeholders("一、项目概况\n清淤河段涉及北岭镇、南湾乡、（乡镇名称）。") != []
    assert placeholders("一、项目概况\n由（施工单位全称）承担清淤任务。") != []
    # the twin: the place named
    assert placeholders("一、项目概况\n清淤河段涉及北岭镇、南湾乡、东溪镇。") == []
    # a gloss saying more than the field name
    assert placeholders("一、项目概况\n施工单位（单位名称详见附件2）已完成结算。") == []


def test_a_role_where_its_body_is_named():
    assert placeholders("五、其他\n本报告经局党组审议后报（主管部门）备案。") != []
    assert placeholders("五、其他\n项目由（实施单位）负责日常管护。") != []
    # the twin: the role glosses the body named before it
    assert placeholders("五、其他\n本报告报县农业农村局（主管部门）备案。") == []
    assert placeholders("五、其他\n项目由县河道所（实施单位）负责日常管护。") == []


def test_a_prompt_left_in_brackets():
    assert placeholders("四、存在问题\n问题原因：（待补充）") != []
    assert placeholders("四、存在问题\n整改措施：（请填写具体措施）") != []
    # real glosses in brackets are no placeholder
    assert placeholders("一、项目概况\n覆盖全旗各嘎查（苏木），由妇联（家庭和儿童工作部）协调。") == []
    assert placeholders("一、项目概况\n县水务局（以下简称“水务局”）下设三个股室（含财务股）。") == []
    assert placeholders("四、存在问题\n部分验收资料待补充完善。") == []


# ------------------------------------------------------------ a work's start and end

def test_an_end_dated_before_its_start():
    assert order_findings("三、实施情况\n本次自评于2024年2月20日启动，2024年2月12日形成报告。") == ["2024年2月12日"]
    assert order_findings("三、实施情况\n工程于2023年4月1日启动实施，2023年3月18日全部完成并通过验收。") == ["2023年3月18日"]
    assert order_findings("三、实施情况\n工程于2023年4月1日开始，2023年3月18日通过县级验收。") == ["2023年3月18日"]
    # the twins: in order
    assert order_findings("三、实施情况\n本次自评于2024年2月12日启动，2024年2月20日形成报告。") == []
    assert order_findings("三、实施情况\n工程于2023年4月1日启动实施，2023年10月18日全部完成并通过验收。") == []


def test_a_step_of_preparation_before_the_start_is_no_end():
    # 完成 of some object dated before the start: the work's preparation
    assert order_findings("三、实施情况\n工程于2023年4月1日启动实施，2023年3月18日完成招标。") == []
    assert order_findings("三、实施情况\n工程于2023年4月1日开始，2023年3月完成可研批复。") == []
    # another work's end, with a subject of its own
    assert order_findings("三、实施情况\n二期于2023年4月1日启动，一期工程于2023年3月18日全部完成。") == []


# ------------------------------------------------------------ the report's own figures under another year

DEPT = "某县档案馆2023年度部门整体支出绩效自评报告"


def scope_years(text: str, title: str = TITLE) -> list[str]:
    return [c.stated for c in _checks(text, title) if c.rule == "scope_word" and c.status == "fail"]


def test_a_years_total_under_another_year():
    assert scope_years("一、收支情况\n（一）收入。2022年度收入合计286.30万元，均为财政拨款。", DEPT) != []
    # the twins: the report's year; both years set side by side
    assert scope_years("一、收支情况\n（一）收入。2023年度收入合计286.30万元，均为财政拨款。", DEPT) == []
    assert scope_years("一、收支情况\n（一）收入。2022年度收入合计270.00万元，本年度收入合计286.30万元。", DEPT) == []


def test_a_self_score_under_another_year():
    assert scope_years("五、自评结论\n经逐项打分，2022年度部门整体支出绩效自评得分为92.40分，等级为优。", DEPT) != []
    assert scope_years("五、自评结论\n经逐项打分，2023年度部门整体支出绩效自评得分为92.40分，等级为优。", DEPT) == []
    # an earlier year's score set against this one's
    assert scope_years("五、自评结论\n2022年度绩效自评得分为90.10分，较上年有所提高。", DEPT) == []


def test_a_projects_score_words_in_a_department_report():
    assert any(_c.rule == "scope_word" and _c.status == "fail" for _c in
               _checks("五、自评结论\n本项目2023年度整体支出绩效自评得分96分。", DEPT))
    assert not any(_c.rule == "scope_word" and _c.status == "fail" for _c in
                   _checks("五、自评结论\n本部门2023年度整体支出绩效自评得分96分。", DEPT))


def signing(text: str, title: str = TITLE) -> list[str]:
    return [c.stated for c in _checks(text, title) if c.rule == "date_validity" and c.status == "fail"]


def test_a_report_signed_before_its_year():
    body = "一、项目概况\n项目全年预算80.00万元，实际支出78.00万元。\n某县水务局\n"
    assert signing(body + "2022年1月15日") == ["2022"]
    assert signing(body + "２０２２年１月１５日") == ["2022"]
    # the twins: signed after the year; a date alone but far up in the text
    assert signing(body + "2024年2月26日") == []
    assert signing("一、项目概况\n2022年3月1日\n项目全年预算80.00万元。\n二、绩效目标\n三、实施\n四、结论\n某县水务局\n2024年2月26日") == []
