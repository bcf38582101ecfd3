"""Space-aligned narrative tables whose 合计/小计 row has too few runs of
spaces to be a row on its own (a blank 序号 cell, a blank middle cell):
the row joins the table when it lies under the table's columns, so the
total is checked; prose, signatures and lines after tab/pipe tables stay
as they were. Excerpts written for these tests."""

from __future__ import annotations

import logging

import pytest

from extract.normalize import normalize
from extract.pipeline import parse_file
from extract.span import SourceText

DEPT = ("某县文化广电旅游局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
        "本局2023年度全年支出合计83.40万元。\n二、资金使用情况\n")
TAIL = "三、下一步工作\n继续加强预算管理。\n"


def table_totals(tmp_path, text: str) -> list[tuple[str, str]]:
    logging.getLogger("extract").setLevel(logging.CRITICAL)
    path = tmp_path / "report.txt"
    path.write_text(DEPT + text + TAIL, encoding="utf-8")
    return [(c.status, c.message) for c in parse_file(path).checks if c.rule == "table_totals"]


def table_rows(text: str) -> list[list[list[str]]]:
    doc = normalize(SourceText(text))
    return [[[c.text for c in r if c.text] for r in b.rows] for b in doc.blocks if b.kind == "table"]


# Each table in two forms: its total right (83.40 / 52.70) and wrong.
INDENTED = ("表3  公用经费支出明细（单位：万元）\n序号    支出用途    金额\n1    物业管理费    31.20\n"
            "2    公务用车运行维护费    21.50\n3    维修（护）费    30.70\n    合计    {total}\n")
WIDE_GAP = ("表3  公用经费支出明细（单位：万元）\n序号    支出用途    金额\n1    物业管理费    31.20\n"
            "2    公务用车运行维护费    21.50\n3    维修（护）费    30.70\n合计            {total}\n")
SPREAD = ("表3  公用经费支出明细（单位：万元）\n\n序号    支出用途    金额\n\n1    物业管理费    31.20\n\n"
          "2    公务用车运行维护费    21.50\n\n3    维修（护）费    30.70\n\n    合计    {total}\n\n")
COLUMNS = ("单位：万元\n序号  科目                  金额\n1     物业管理费            31.20\n"
           "2     公务用车运行维护费    21.50\n      小计                {sub}\n3     维修（护）费          30.70\n"
           "      合计                {total}\n")


@pytest.mark.parametrize("table", [INDENTED, WIDE_GAP, SPREAD], ids=["indented", "wide_gap", "blank_lines"])
def test_closing_total_row_is_checked(tmp_path, table):
    wrong = table_totals(tmp_path, table.format(total="84.30"))
    assert [s for s, _ in wrong] == ["fail"], wrong
    assert "84.30" in wrong[0][1] and "83.40" in wrong[0][1]
    right = table_totals(tmp_path, table.format(total="83.40"))
    assert [s for s, _ in right] == ["pass"], right


def test_subtotal_and_total_under_aligned_columns(tmp_path):
    results = table_totals(tmp_path, COLUMNS.format(sub="52.70", total="83.50"))
    assert sorted(s for s, _ in results) == ["fail", "pass"], results
    assert any(s == "fail" and "83.50" in m for s, m in results)
    results = table_totals(tmp_path, COLUMNS.format(sub="52.70", total="83.40"))
    assert [s for s, _ in results] == ["pass", "pass"], results


HEAD = "序号    支出用途    金额\n1    物业管理费    31.20\n2    维修（护）费    30.70\n"


@pytest.mark.parametrize("line", [
    "全年共支出  61.90万元",                      # body text with one wide space
    "    全年共支出61.90万元，较上年有所减少。",   # an indented paragraph
    "    合计支出    61.90万元，已全部支付。",      # punctuation: a sentence
    "            某县文化广电旅游局    2024年3月",  # a signature with its date
    "    资料来源    财务科",                        # no figure
])
def test_lines_after_a_space_table_stay_text(line):
    tables = table_rows(HEAD + line + "\n")
    assert tables == [[["序号", "支出用途", "金额"], ["1", "物业管理费", "31.20"], ["2", "维修（护）费", "30.70"]]]


def test_closing_row_cells_placed_under_their_columns():
    rows = table_rows(HEAD + "合计            61.90\n")[0]
    assert rows[-1] == ["合计", "61.90"]
    rows = table_rows(HEAD + "    合计    61.90\n")[0]
    assert rows[-1] == ["合计", "61.90"]


def test_tab_and_pipe_tables_untouched():
    tab = "序号\t支出用途\t金额\n1\t物业管理费\t31.20\n2\t维修（护）费\t30.70\n    备注    61.90\n"
    assert len(table_rows(tab)[0]) == 3
    pipe = "| 序号 | 支出用途 | 金额 |\n| 1 | 物业管理费 | 31.20 |\n| 2 | 维修（护）费 | 30.70 |\n    备注    61.90\n"
    assert len(table_rows(pipe)[0]) == 3


def test_label_value_lines_without_a_table_stay_text():
    # form-like label / value lines with one wide space, no table above
    text = "年初预算数    120.00\n全年预算数    126.50\n全年执行数    118.20\n"
    assert table_rows(text) == []
