"""Section tree: levels from nesting context, titles, run-in headings, enumerations."""

from __future__ import annotations

from extract.load.text import source_from_text
from extract.structure.sections import structure_of

from conftest import SAMPLE_2022, SAMPLE_2024


def tree(text: str):
    return structure_of(source_from_text(text))


def outline(structure) -> list[tuple[int, str, str]]:
    return [(s.level, s.marker, s.title) for s in structure.sections]


def test_2024_same_marker_at_two_levels():
    st = tree(SAMPLE_2024.read_text(encoding="utf-8"))
    by_title = {s.title: s for s in st.sections}
    top = [s.title for s in st.sections if s.level == 1]
    assert top == ["部门基本情况", "绩效自评情况", "其他自评情况", "上年度绩效自评或财政重点绩效评价整改情况"]
    work = by_title["年度总体工作和重点工作任务"]
    assert (work.level, work.marker) == (2, "(二)")
    done = by_title["年度总体工作完成情况"]
    assert (done.level, done.parent) == (3, work.id)
    # (一)…(七) under 1., a level below the (一)(二) under 一、
    inner = [s for s in st.sections if s.parent == done.id]
    assert [s.ordinal for s in inner] == [1, 2, 3, 4, 5, 6, 7]
    assert all(s.level == 4 and s.style == "paren_cn" and s.run_in for s in inner)
    assert inner[0].title == "加快重大创新平台建设,区域战略科技力量逐步夯实"
    assert inner[0].body.startswith("一是国家大科学装置江门中微子实验室")
    # 2. closes the (一)…(七) level and continues 1.
    funds = by_title["重点项目资金安排情况"]
    assert (funds.level, funds.ordinal, funds.parent) == (3, 2, work.id)
    basic = by_title["基本情况"]
    assert (basic.level, basic.marker, basic.parent) == (4, "(1)", funds.id)
    # (三) continues the (一)(二) under 一、 after the deeper levels
    goals = by_title["部门整体支出绩效目标情况"]
    assert (goals.level, goals.ordinal) == (2, 3)
    spend = by_title["部门整体支出情况(以决算数为统计口径)"]
    items = [s for s in st.sections if s.parent == spend.id]
    assert [(s.marker, s.title) for s in items] == [("1.", ""), ("2.", "")]
    assert items[0].body.startswith("部门总支出6,239.85万元")
    assert by_title["自评结论"].level == 2


def test_2024_tables_placed_in_sections():
    st = tree(SAMPLE_2024.read_text(encoding="utf-8"))
    by_id = {s.id: s for s in st.sections}
    t1, t2 = st.tables
    assert t1.number == "1" and by_id[t1.section].title == "基本情况"
    assert t2.number == "2" and by_id[t2.section].title == "部门整体支出绩效目标情况"


def test_2022_sections_one_to_five_with_children():
    st = tree(SAMPLE_2022.read_text(encoding="utf-8"))
    top = [(s.marker, s.title) for s in st.sections if s.level == 1]
    assert top == [("一、", "项目概况"), ("二、", "项目组织实施情况"), ("三、", "项目绩效情况"),
                   ("四、", "项目主要做法和经验"), ("五、", "项目自评结论及得分")]
    first = st.sections[0]
    kids = [s for s in st.sections if s.parent == first.id]
    assert [(s.marker, s.title) for s in kids] == [("(一)", "管理依据"), ("(二)", "使用范围"), ("(三)", "资金安排情况")]
    perf = [s for s in st.sections if s.parent == st.sections[[s.title for s in st.sections].index("项目绩效情况")].id]
    assert len(perf) == 7 and perf[6].title == "技术交易补助专项"
    assert st.sections[-1].body.endswith("绩效评价等级为优。")


def test_run_in_and_whole_line_headings():
    st = tree("一、项目概况\n（一）管理依据。2022 年本部门按照规定执行。\n（二）使用范围\n支持对象是企业。\n")
    assert outline(st) == [(1, "一、", "项目概况"), (2, "(一)", "管理依据"), (2, "(二)", "使用范围")]
    assert st.sections[1].run_in and st.sections[1].body == "2022年本部门按照规定执行。"
    assert not st.sections[2].run_in and st.sections[2].body == "支持对象是企业。"


def test_part_headings_and_arabic_without_paren_level():
    text = ("第一部分 项目基本情况\n一、项目概况\n1.项目背景\n内容。\n2.项目内容\n内容。\n"
            "二、绩效目标\n内容。\n第二部分 绩效评价\n一、评价结论\n内容。\n")
    st = tree(text)
    assert outline(st) == [(1, "第一部分", "项目基本情况"), (2, "一、", "项目概况"), (3, "1.", "项目背景"),
                           (3, "2.", "项目内容"), (2, "二、", "绩效目标"), (1, "第二部分", "绩效评价"),
                           (2, "一、", "评价结论")]


def test_circled_and_paren_arabic_nest_below():
    text = "一、总体\n(一)预算\n(1)编制\n①编制依据。内容。\n②编制过程。内容。\n(2)执行\n"
    st = tree(text)
    assert [(s.level, s.marker) for s in st.sections] == [(1, "一、"), (2, "(一)"), (3, "(1)"), (4, "①"), (4, "②"), (3, "(2)")]
    assert st.sections[3].title == "编制依据"


def test_numbers_at_line_start_are_not_headings():
    st = tree("一、概况\n1.0698 亿元的贷款已发放。\n2024 年 4 月完成。\n")
    assert [s.marker for s in st.sections] == ["一、"]


def test_inline_enumerations_in_order():
    st = tree("一、成效\n(一)平台建设。一是建设实验室;二是引进人才,共 21 名;四是孵化企业。\n")
    sec = st.sections[1]
    assert [(e.marker, e.ordinal) for e in sec.enumerations] == [("一是", 1), ("二是", 2), ("四是", 4)]
    assert sec.enumerations[1].text == "引进人才,共21名;"
    assert "一级" not in "".join(e.text for e in sec.enumerations)


def test_enumeration_does_not_fire_inside_words():
    st = tree("一、成效\n统一是关键;唯一是它。二级指标完成。\n")
    assert st.sections[0].enumerations == []


def test_preamble_before_first_heading():
    st = tree(SAMPLE_2022.read_text(encoding="utf-8"))
    assert [p.text for p in st.preamble] == ["项目绩效自评报告", "(2022年)", "项目名称：江门市级扶持科技发展资金",
                                            "预算部门：江门市科学技术局"]
