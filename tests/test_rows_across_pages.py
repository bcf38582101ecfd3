"""Tables across page breaks: a table continued on the next page is one
table, and a first row that only carries the rest of the previous page's
last row (text-only cells under filled ones, 序号/分值 empty) is joined into
it. Rows a loader drew are otherwise rows of their own: never joined as
"wrapped text" on the same page, and a row with one filled cell (a title or
group row) does not split its table."""

from __future__ import annotations

import shutil
import sys

import docx
import pytest

from extract.pipeline import parse_file
from extract.ruleset import RuleSet
from extract.span import Span
from extract.structure.tables import is_page_continuation

from conftest import ROOT, SAMPLES
from test_formats_agree import comparable

STEM = "2024_jiangmen_kejiju_department_overall_self_evaluation"
FIXTURE = ROOT / "tests" / "fixtures" / f"{STEM}.rows_split.pdf"
TABLES = RuleSet.default().tables
COMPARED = ("tables", "funds", "indicators", "budget")


@pytest.fixture(scope="module")
def from_text():
    return comparable(parse_file(SAMPLES / f"{STEM}.txt", run_checks=False))


def _same(report, want):
    got = comparable(report)
    for key in COMPARED:
        assert got[key] == want[key], key


def test_fixture_cuts_a_wrapped_cell_at_the_page_break(from_text):
    """The fixture's indicator table breaks inside the 完成值 cell
    "单个项目补助最高为 30 万元": "元" starts page 5. The report gives exactly
    the text version's tables, funds, indicators and budget."""
    from extract.load import load_document

    source = load_document(FIXTURE).source
    rows = source.text.split("\n")
    top = [i for i, r in enumerate(rows[:-1]) if source.line_pages[i] == 5 and " t" in (source.line_origins[i] or "")]
    assert rows[top[0]].strip("\t") == "元" and source.line_pages[top[0] - 1] == 4
    report = parse_file(FIXTURE, run_checks=False)
    _same(report, from_text)
    cost = next(i for i in report.indicators if i.name == "单个项目(平台)补助上限")
    assert cost.actual_text == "单个项目补助最高为30万元"
    assert cost.location.page == 4


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("pad, height, tail", [
    (6, 29.7, "验 收数量"),  # the 三级指标 name cut
    (0, 30.6, "标\t研发费用占销售 收入比例"),  # the 二级指标 label and the name cut
])
def test_other_cuts_made_by_libreoffice(tmp_path, from_text, pad, height, tail):
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_fixtures

    from extract.load import load_document

    pdf = tmp_path / "split.pdf"
    make_fixtures.write_rows_split_pdf(make_fixtures.read_sample(SAMPLES / f"{STEM}.txt"), pdf, tmp_path,
                                       height, pad_before=pad)
    assert tail in load_document(pdf).source.text  # the cut is where this case wants it
    _same(parse_file(pdf, run_checks=False), from_text)


# ---------------------------------------------------------------- the rule


def _row(*texts):
    return [Span(t, tuple(range(len(t)))) for t in texts]


ROLES = ["fill", "text", "value", "value"]


@pytest.mark.parametrize("row, joins", [
    (("", "收数量", "", ""), True),            # the name's tail
    (("", "", "", "元"), True),                 # a value cell's tail (not a figure)
    (("", "科技统计完成时效性", "按时完成", "已完成"), False),  # a row of its own, text only
    (("", "收数量", "", "30"), False),          # a figure is never a tail
    (("", "收数量", "—", ""), False),           # nor a placeholder
    (("", "其中：专项", "", ""), False),        # a form label opens a row
])
def test_page_continuation(row, joins):
    above = _row("数量指标", "完成项目验", "500项以上", "单个项目补助最高为30万")
    assert is_page_continuation(_row(*row), above, ROLES, TABLES) is joins


# ---------------------------------------------------------------- drawn rows on one page


def test_word_table_group_rows_keep_the_table_whole(tmp_path):
    """A one-cell row across a Word table (a group title) is a row of the
    table, not a paragraph that splits it; and text-only rows stay rows."""
    document = docx.Document()
    document.add_paragraph("一、支出明细")
    rows = [["序号", "项目名称", "金额(万元)"], ["一、基本支出", None, None], ["1", "人员经费", "12.50"],
            ["二、项目支出", None, None], ["2", "设备购置", "8.00"], ["3", "课题研究", "4.00"],
            ["", "备注说明", "另有说明"], ["三、其他支出", None, None], ["四、结转", None, None],
            ["五、结余", None, None], ["六、往来", None, None], ["4", "其他", "1.00"], ["合计", "", "25.50"]]
    table = document.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        if row[1] is None:
            merged = table.cell(i, 0).merge(table.cell(i, 2))
            merged.text = row[0]
            continue
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    path = tmp_path / "r.docx"
    document.save(path)
    report = parse_file(path, run_checks=False)
    assert len(report.tables) == 1
    grid = report.tables[0].grid(filled=False)
    assert [r[0] for r in grid] == [r[0] for r in rows]
    assert grid[6] == ["", "备注说明", "另有说明"]  # not joined into 课题研究's row
    assert [f.name for f in report.funds] == ["人员经费", "设备购置", "课题研究", "其他"]
