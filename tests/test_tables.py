"""Text tables: split_cells and build_table (extract.structure.tables)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.rules import RuleError, parse_rule_text
from extract.span import SourceText, Span
from extract.structure.tables import (
    TableRules,
    build_table,
    clean_cell,
    load_table_rules,
    split_cells,
)

SAMPLE_2024 = Path(__file__).resolve().parents[1] / "samples" / "2024_jiangmen_kejiju_department_overall_self_evaluation.txt"
CAPTION = re.compile(r"(?:附)?表\s*[\d一二三四五六七八九十]")


def texts(cells):
    return None if cells is None else [c.text for c in cells]


def tables_in(text: str, prefix: str = "t"):
    """Group consecutive row lines of ``text`` into tables (a stand-in for
    the normalizer): a non-row line between two rows joins the table as a
    wrapped tail; the caption is the nearest line above (3 at most) with a
    caption word. Returns (source, [Table])."""
    source = SourceText(text)
    n = source.n_lines
    rows = {no: split_cells(source.line_span(no)) for no in range(1, n + 1)}
    tables, block, no = [], [], 1
    while no <= n + 1:
        cells = rows.get(no)
        if cells is None and block and no + 1 <= n and rows.get(no + 1) is not None:
            cells = split_cells(source.line_span(no), within_table=True)
        if cells is not None:
            block.append((no, cells))
        elif block:
            first = block[0][0]
            caption = None
            for back in range(first - 1, max(first - 4, 0), -1):
                line = source.line_span(back)
                if CAPTION.search(line.text):
                    caption = line
                    break
            tables.append(build_table(f"{prefix}{len(tables) + 1}", [c for _, c in block],
                                      source, caption))
            block = []
        no += 1
    return source, tables


# ---------------------------------------------------------------- split_cells


def line(text: str, start: int = 0) -> Span:
    return Span.of_source(text, start)


def test_tab_row_keeps_empty_cells():
    assert texts(split_cells(line("\t一级指标\t二级指标"))) == ["", "一级指标", "二级指标"]
    assert texts(split_cells(line("\t\t\t收数量\t\t"))) == ["", "", "", "收数量", ""]


def test_one_trailing_tab_adds_no_cell():
    assert texts(split_cells(line("1\t污水处理补助\t35.6\t"))) == ["1", "污水处理补助", "35.6"]
    assert texts(split_cells(line("1\t污水处理补助\t\t"))) == ["1", "污水处理补助", ""]


def test_cells_keep_source_offsets():
    cells = split_cells(line("序号\t名 称\t金额", start=100))
    assert [c.start for c in cells] == [100, 103, 107]
    assert cells[1].text == "名 称"


def test_body_text_is_not_a_row():
    assert split_cells(line("发动 110 家高企参加，举办 3 场培训")) is None
    assert split_cells(line("一是  加强管理")) is None  # one gap only
    assert split_cells(line("\t全年共开展检查 12 次。")) is None  # a paragraph indent
    assert split_cells(line("   ")) is None
    assert split_cells(line("\t\t")) is None


def test_space_aligned_row():
    assert texts(split_cells(line("序号    项目名称      金额(元)"))) == ["序号", "项目名称", "金额(元)"]
    assert texts(split_cells(line("  1   Project Alpha   12,000"))) == ["1", "Project Alpha", "12,000"]


def test_within_table_accepts_a_lone_tail():
    tail = line("            指标          度")
    assert split_cells(tail) is None
    assert texts(split_cells(tail, within_table=True)) == ["指标", "度"]


def test_clean_cell_spacing():
    assert clean_cell(line("验 收数量")).text == "验收数量"
    assert clean_cell(line("≥2800 亿 元")).text == "≥2800亿元"
    assert clean_cell(line(" Project   Alpha  2 ")).text == "Project Alpha 2"
    span = clean_cell(line("合 计", start=10))
    assert span.text == "合计" and span.offsets == (10, 12)


# ---------------------------------------------------------------- captions


@pytest.mark.parametrize("caption, number, title", [
    ("表 1.2024 年度市级专项资金支出情况", "1", "2024年度市级专项资金支出情况"),
    ("表2：绩效目标完成情况", "2", "绩效目标完成情况"),
    ("表 3 部门整体支出情况（单位：万元）", "3", "部门整体支出情况（单位：万元）"),
    ("（二）绩效目标情况 表 4.2023 年度绩效指标", "4", "2023年度绩效指标"),
    ("附表1 项目支出绩效自评表", "1", "项目支出绩效自评表"),
    ("表一、资金使用情况", "一", "资金使用情况"),
    ("表12024年度资金情况", "1", "2024年度资金情况"),
])
def test_caption_number_and_title(caption, number, title):
    text = caption + "\n序号\t名称\t金额\n1\t甲\t2\n"
    source = SourceText(text)
    rows = [split_cells(source.line_span(2)), split_cells(source.line_span(3))]
    table = build_table("t1", rows, source, caption=source.line_span(1))
    assert (table.number, table.caption) == (number, title)
    assert table.location.line == 1 and table.location.end_line == 3
    assert text[table.location.start] in "附表"


def test_no_caption():
    source = SourceText("名称\t金额\n甲\t2\n")
    table = build_table("t1", [split_cells(source.line_span(i)) for i in (1, 2)], source)
    assert table.number is None and table.caption is None
    assert table.location.line == 1


# ---------------------------------------------------------------- merged and wrapped cells

WRAPPED = """表 5 2023 年度绩效指标完成情况
一级指标\t二级指标\t三级指标\t指标值\t完成值\t
产出指标\t数量指标\t新建农村公路里程\t≥45 公里\t47.2 公里\t
\t\t改造危旧桥梁\t≥6 座\t6 座\t
\t质量指标\t工程交工验收一次合格\t≥98%\t100%\t
\t\t率\t\t\t
效益指标\t社会效益\t沿线群众出行时间缩短比\t≥15%\t18%\t
\t指标\t例\t\t\t
\t\t道路安全隐患整改\t按时完成\t已完成\t
满意度指标\t服务对象满意度\t沿线群众满意度\t≥90%\t93%\t
"""


def test_wrapped_cells_join_the_cell_above():
    source, (table,) = tables_in(WRAPPED)
    grid = table.grid(filled=False)
    assert table.n_rows == 7 and table.n_cols == 5 and table.header_rows == 1
    assert table.columns == ["一级指标", "二级指标", "三级指标", "指标值", "完成值"]
    assert grid[3][2] == "工程交工验收一次合格率"
    assert grid[4][1] == "社会效益指标"
    assert grid[4][2] == "沿线群众出行时间缩短比例"
    assert grid[4][3:] == ["≥15%", "18%"]
    joined = table.cell(3, 2).location
    assert (joined.line, joined.end_line) == (5, 6)
    assert joined.cell == ("t1", 3, 2)


def test_merged_hierarchy_cells_are_filled_not_values():
    _, (table,) = tables_in(WRAPPED)
    filled = table.grid()
    assert filled[2][:2] == ["产出指标", "数量指标"]
    assert filled[3][:2] == ["产出指标", "质量指标"]
    assert filled[5][:2] == ["效益指标", "社会效益指标"]
    assert table.cell(2, 0).filled_from == 1 and table.cell(2, 1).filled_from == 1
    assert table.cell(3, 1).filled_from is None  # its own label
    assert table.cell(1, 0).rowspan == 3
    assert table.cell(4, 1).rowspan == 2
    # a blank 三级指标 or value cell is never filled
    assert all(table.cell(i, j).filled_from is None for i in range(table.n_rows) for j in (2, 3, 4))
    assert table.cell(2, 0).location is None and table.cell(2, 0).text == ""


def test_corner_column_is_a_hierarchy_column():
    text = ("\t一级指标\t二级指标\t三级指标\t指标值\t完成值\n"
            "绩效指标\t产出指标\t数量指标\t培训人次\t≥300 人次\t320 人次\n"
            "\t\t\t发放手册\t≥500 册\t600 册\n"
            "\t效益指标\t社会效益指标\t知晓率\t≥85%\t88%\n")
    _, (table,) = tables_in(text)
    assert table.columns[0] == ""
    assert table.cell(1, 0).rowspan == 3
    assert table.grid()[3][0] == "绩效指标"
    assert table.grid()[2][1:3] == ["产出指标", "数量指标"]
    assert table.cell(3, 2).filled_from is None


def test_header_wrapped_onto_a_second_line():
    text = ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\n"
            "\t\t\t\t\t\t\t及改进措施\n"
            "产出指标\t时效指标\t资金拨付及时率\t≥95%\t100%\t10\t10\t无\n")
    _, (table,) = tables_in(text)
    assert table.header_rows == 1 and table.n_rows == 2
    assert table.columns[-1] == "偏差原因分析及改进措施"


def test_two_header_rows_are_joined_into_column_labels():
    text = ("序号\t项目名称\t预算数\t执行数\n"
            "\t\t(万元)\t(万元)\n"
            "1\t设备购置\t120.00\t118.50\n")
    _, (table,) = tables_in(text)
    assert table.header_rows == 1
    assert table.columns == ["序号", "项目名称", "预算数(万元)", "执行数(万元)"]


# ---------------------------------------------------------------- aligned dumps

ALIGNED = """表 6：道路工程绩效目标
一级指标        二级指标        三级指标                  指标值         完成值
产出指标        数量指标        新建污水管网长度              ≥12公里       12.5公里
                        改造老旧小区                ≥30个        32个
            质量指标        工程验收合格率               100%        100%
效益指标        社会效益        受益居民户数满意              ≥90%        95%
            指标          度
满意度指标      服务对象        居民满意度                    ≥85%        91%
"""


def test_space_aligned_table():
    _, (table,) = tables_in(ALIGNED)
    assert table.number == "6" and table.caption == "道路工程绩效目标"
    assert table.n_cols == 5 and table.n_rows == 6
    grid = table.grid()
    assert grid[2] == ["产出指标", "数量指标", "改造老旧小区", "≥30个", "32个"]
    assert grid[3] == ["产出指标", "质量指标", "工程验收合格率", "100%", "100%"]
    assert grid[4] == ["效益指标", "社会效益指标", "受益居民户数满意度", "≥90%", "95%"]
    assert grid[5] == ["满意度指标", "服务对象", "居民满意度", "≥85%", "91%"]
    assert table.cell(2, 1).filled_from == 1


# ---------------------------------------------------------------- totals


def test_total_and_subtotal_rows():
    text = ("序号\t项目名称\t金额（元）\n"
            "1\t办公设备\t12,000.00\n"
            "2\t差旅费\t3,500.50\n"
            "\t小 计\t15,500.50\n"
            "3\t培训费\t800\n"
            "\t合 计\t16,300.50\n")
    _, (table,) = tables_in(text)
    assert table.total_rows == [3, 5]
    assert table.grid()[3][0] == ""  # 序号 is never filled


# ---------------------------------------------------------------- rules


def test_rule_file_loads_and_rejects_unknown_keys():
    rules = load_table_rules()
    assert "合计" in rules.totals and "一级指标" in rules.labels.fill
    text = Path(rules_path()).read_text(encoding="utf-8") + "\nunknown_key: 1\n"
    with pytest.raises(RuleError, match="unknown_key"):
        parse_rule_text(text, TableRules, "tables.yaml")
    with pytest.raises(RuleError, match="caption"):
        parse_rule_text(Path(rules_path()).read_text(encoding="utf-8").replace(
            "caption: '", "caption: '(", 1), TableRules, "tables.yaml")


def rules_path():
    from extract.rules import DEFAULT_RULES_DIR
    return DEFAULT_RULES_DIR / "tables.yaml"


# ---------------------------------------------------------------- the real 2024 sample


@pytest.fixture(scope="module")
def sample_tables():
    return tables_in(SAMPLE_2024.read_text(encoding="utf-8"))


def test_sample_has_two_tables(sample_tables):
    _, tables = sample_tables
    assert [t.number for t in tables] == ["1", "2"]
    assert tables[0].caption == "2024年度市级扶持科技发展资金支出情况"
    assert tables[1].caption == "2024年度部门整体支出绩效目标完成情况"


def test_sample_fund_table(sample_tables):
    _, (funds, _) = sample_tables
    assert funds.columns == ["序号", "专项名称", "资金支出情况(万元)"]
    assert (funds.n_rows, funds.n_cols) == (12, 3)
    assert funds.total_rows == [11]
    assert funds.grid()[11] == ["", "合计", "6159.90"]
    assert funds.location.line == 45


def test_sample_indicator_table(sample_tables):
    source, (_, ind) = sample_tables
    assert ind.header_rows == 1 and ind.n_rows == 19 and ind.n_cols == 6
    grid = ind.grid()
    assert grid[6][3] == "完成省、市级科技计划项目验收数量"
    assert grid[13][2:5] == ["经济效益指标", "高新技术企业研发费用占销售收入比例", "≥3%"]
    assert grid[14][4] == "≥2800亿元"
    assert grid[17][:3] == ["绩效指标", "满意度指标", "服务对象满意度指标"]
    assert grid[18][:3] == ["绩效指标", "满意度指标", "服务对象满意度指标"]
    assert ind.cell(1, 0).rowspan == 18
    cell = ind.cell(6, 3)
    assert source.text[cell.location.start:cell.location.end] == "完成省、市级科技计划项目验 收数量"


def test_first_row_of_words_over_figures_is_a_header_even_with_total_column():
    from extract.load.text import source_from_text
    from extract.structure.sections import structure_of

    text = ("表 3 资金来源（万元）\n序号\t项目名称\t合计\t中央资金\t省级资金\n"
            "1\t道路养护\t300\t200\t100\n2\t桥梁维修\t150\t50\t100\n")
    t = structure_of(source_from_text(text)).tables[0]
    assert t.header_rows == 1 and t.total_rows == [] and t.columns[2] == "合计"


def test_a_tables_cells_are_the_cells_validation_makes():
    # _cells makes its cells without pydantic's validation
    # (model.as_validated): each must be the model Cell(...) makes of the
    # same fields, a merged (filled) cell and an empty one among them
    from extract.load.text import source_from_text
    from extract.model import Cell
    from extract.structure.sections import structure_of

    text = ("一、资金\n表1 资金情况\n项目\t预算数\t执行数\n"
            "专项甲\t120.50\t118.20\n\t80.00\t\n合计\t200.50\t118.20\n")
    source = source_from_text(text)
    tables = structure_of(source).tables
    cells = [c for t in tables for c in t.cells]
    assert cells and any(c.location is None for c in cells)
    for c in cells:
        again = Cell(**{name: getattr(c, name) for name in Cell.model_fields})
        assert again.__dict__ == c.__dict__ and list(again.__dict__) == list(c.__dict__)
        assert again.model_fields_set == c.model_fields_set and c.__pydantic_private__ is None
        assert again.model_dump_json() == c.model_dump_json()


def test_a_sections_enumerations_are_the_items_validation_makes():
    # _body makes its enumeration items without pydantic's validation
    from extract.load.text import source_from_text
    from extract.model import Enumeration
    from extract.structure.sections import structure_of

    source = source_from_text("一、主要成效\n一是完成了甲项工作；二是推进了乙项改革；三是建立了丙项制度。\n")
    items = [e for s in structure_of(source).sections for e in s.enumerations]
    assert [e.ordinal for e in items] == [1, 2, 3]
    for e in items:
        again = Enumeration(**{name: getattr(e, name) for name in Enumeration.model_fields})
        assert again.__dict__ == e.__dict__ and list(again.__dict__) == list(e.__dict__)
        assert again.model_fields_set == e.model_fields_set
        assert again.model_dump_json() == e.model_dump_json()
