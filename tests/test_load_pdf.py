"""PDF loading: text by PDFium, tables from ruling lines, pages and boxes on
every line, running lines dropped, continued tables joined, bad files refused."""

from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.errors import CorruptDocument, EncryptedDocument, NeedsOCR
from extract.load import load_document
from extract.load import geometry, ocr, pdf as pdf_loader
from extract.load.geometry import Glyph, LayoutSettings, PageLayout, PageTable, Row

from conftest import ROOT, SHARED_REAL

FIXTURES = ROOT / "tests" / "fixtures"
PDF_2024 = FIXTURES / "2024_jiangmen_kejiju_department_overall_self_evaluation.pdf"
PDF_2022 = FIXTURES / "2022_jiangmen_kejiju_project_self_evaluation.pdf"
REAL_BUDGET = SHARED_REAL / "shanghai_putuo_wanli_2023_budget_with_performance_targets.pdf"
REAL_ACCOUNTS = SHARED_REAL / "shanghai_putuo_finance_bureau_2024_final_accounts.pdf"


@pytest.fixture(scope="module")
def doc_2024():
    return load_document(PDF_2024)


def lines_of(doc):
    return doc.source.text.split("\n")[:-1]


# ---------------------------------------------------------------- layout of the fixture


def test_every_line_has_its_page_and_box(doc_2024):
    src = doc_2024.source
    assert doc_2024.info.format == "pdf" and doc_2024.info.pages == 8
    assert len(src.line_pages) == len(src.line_boxes) == src.n_lines
    for page, box in zip(src.line_pages, src.line_boxes):
        assert 1 <= page <= 8
        x0, top, x1, bottom = box
        assert 0 <= x0 < x1 <= 595.5 and 0 <= top < bottom <= 842.5


def test_locations_carry_page_and_box(doc_2024):
    src = doc_2024.source
    offset = src.text.index("6159.90")
    loc = src.locate(offset, offset + 7)
    assert loc.page == 3 and loc.bbox is not None
    assert src.line_origins[loc.line - 1] == "page 3 t1 r12"  # the 合计 row of table 1


def test_running_header_footer_and_page_numbers_are_dropped(doc_2024):
    text = doc_2024.source.text
    assert "江门市科学技术局　部门整体支出绩效自评报告" not in text
    assert "江门市科学技术局 部门整体支出绩效自评报告" not in text
    assert not any(line.strip() in {"- 1 -", "-1-", "- 3 -"} for line in lines_of(doc_2024))


def test_paragraph_wrapped_over_a_page_break_is_one_line(doc_2024):
    (line,) = ["".join(ln.split()) for ln in lines_of(doc_2024) if "(三)促进产学研融通创新" in ln]
    assert line.endswith("技术经纪人已超150名。")  # the paragraph's last sentence, on page 2


def test_fund_table_rows_are_tab_lines(doc_2024):
    lines = lines_of(doc_2024)
    assert "序号\t专项名称\t资金支出情况(万元)" in lines
    assert "2\t市域社会智慧治理技术创新中心建设专项\t0" in lines  # wrapped cell joined
    assert "\t合 计\t6159.90" in lines


def test_indicator_table_continued_on_next_page_is_joined(doc_2024):
    src = doc_2024.source
    lines = lines_of(doc_2024)
    header = "\t一级指标\t二级指标\t三级指标\t指标值\t完成值"
    assert lines.count(header) == 1  # the header LibreOffice repeats on page 5 is dropped
    start = lines.index(header)
    rows = lines[start:start + 19]
    assert all("\t" in r for r in rows)
    assert rows[1] == "绩效指标\t产出指标\t数量指标\t扶持科技发展专项\t≥6 项\t8 项"
    assert rows[2] == "\t\t\t高新技术企业推荐数量\t≥900 家\t949 家"  # merged cells empty
    assert rows[-1] == "\t\t\t科技统计培训人员满意度\t≥90%\t100%"
    pages = [src.line_pages[start + k] for k in range(19)]
    assert pages[0] == 4 and pages[-1] == 5
    assert src.line_origins[start + 18] == "page 5 t2 r19"


def test_numbering_and_spacing_survive(doc_2024):
    lines = lines_of(doc_2024)
    assert "1.年度总体工作完成情况" in lines
    assert any(ln.startswith("- 1.存在问题") for ln in lines)  # a converter's bullet kept for normalize


def _save(doc, path):
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def test_page_turned_by_rotate_reads_as_displayed(tmp_path):
    """Page 3 drawn sideways inside a form XObject on a /Rotate 90 page (as
    PDF printers make landscape pages) reads as page 3 itself."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(PDF_2024))
    alone = pdfium.PdfDocument.new()
    alone.import_pages(src, [2])
    turned = pdfium.PdfDocument.new()
    form = src.page_as_xobject(2, turned).as_pageobject()
    form.transform(pdfium.PdfMatrix(0, 1, -1, 0, 842, 0))  # a quarter turn anticlockwise
    page = turned.new_page(842, 595)
    page.insert_obj(form)
    page.gen_content()
    page.set_rotation(90)
    want = load_document(_save(alone, tmp_path / "alone.pdf")).source
    got = load_document(_save(turned, tmp_path / "turned.pdf")).source
    assert got.text == want.text and "序号\t专项名称\t资金支出情况(万元)" in got.text
    assert got.line_boxes[5] == pytest.approx(want.line_boxes[5], abs=0.5)


# ---------------------------------------------------------------- tables agree with pdfplumber


def _plumber_tables(path, page_numbers):
    import pdfplumber

    out = {}
    with pdfplumber.open(path) as pl:
        for n in page_numbers:
            out[n] = pl.pages[n - 1].extract_tables()
    return out


def _pdfium_tables(path, page_numbers):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    out = {}
    try:
        for n in page_numbers:
            page = doc[n - 1]
            crop = pdf_loader.PageFrame.of(page)
            tp = page.get_textpage()
            glyphs, _ = pdf_loader.page_glyphs(tp, crop)
            tp.close()
            edges = pdf_loader.page_graphics(page.raw, crop).edges
            tables, _ = geometry.fill_tables(geometry.find_table_cells(edges), glyphs, n)
            out[n] = [[r.cells for r in t.rows] for t in tables]
            page.close()
    finally:
        doc.close()
    return out


def _squash(tables):
    return [[[None if c is None else "".join(c.split()) for c in row] for row in t] for t in tables]


@pytest.mark.parametrize("path,pages", [
    (PDF_2024, [3, 4, 5]),
    pytest.param(REAL_ACCOUNTS, [5, 6, 8, 16, 18], marks=pytest.mark.skipif(
        not REAL_ACCOUNTS.exists(), reason="../shared/real is not here")),
    pytest.param(REAL_BUDGET, [10, 31, 34], marks=pytest.mark.skipif(
        not REAL_BUDGET.exists(), reason="../shared/real is not here")),
])
def test_tables_match_pdfplumber_extract_tables(path, pages):
    """PDFium's ruling lines through pdfplumber's table algorithm give the
    cells pdfplumber's own extract_tables gives (white space aside)."""
    ours, theirs = _pdfium_tables(path, pages), _plumber_tables(path, pages)
    for n in pages:
        assert _squash(ours[n]) == _squash(theirs[n]), n


# ---------------------------------------------------------------- geometry units


def _glyphs(text, x=72.0, top=100.0, size=10.0, advance=10.0):
    out = []
    for ch in text:
        if ch != " ":
            out.append(Glyph(ch, x, top, x + size * (0.5 if ch.isascii() else 1.0), top + size))
        x += advance if not ch.isascii() else advance / 2
    return out


def test_line_text_spaces_words_and_columns():
    g = _glyphs("收入") + [Glyph(c, 160 + 5 * i, 100, 165 + 5 * i, 110) for i, c in enumerate("2,940")]
    assert geometry.line_text(sorted(g, key=lambda x: x.x0)).startswith("收入  ")
    words = [Glyph("A", 72, 100, 77, 110), Glyph("B", 80, 100, 85, 110)]
    assert geometry.line_text(words) == "A B"


def test_letter_spaced_title_is_not_columns():
    g = [Glyph(c, 72 + 40 * i, 100, 82 + 40 * i, 110) for i, c in enumerate("绩效目标")]
    assert geometry.line_text(g) == "绩 效 目 标"


def test_fake_bold_glyph_counts_once_but_repeated_digits_stay():
    bold = [Glyph("合", 72, 100, 82, 110), Glyph("合", 72.3, 100, 82.3, 110), Glyph("计", 82, 100, 92, 110)]
    assert geometry.line_text(bold) == "合计"
    digits = [Glyph("4", 72, 90, 77.5, 110), Glyph("4", 77.5, 90, 83, 110), Glyph("5", 83, 90, 88.5, 110)]
    assert geometry.line_text(digits) == "445"


def test_unruled_columns_become_space_aligned_rows():
    """Without ruling lines, a wide gap is a run of spaces, which the text
    table reader cuts into cells."""
    from extract.structure.tables import split_cells
    from extract.span import Span

    rows = [("项目", "预算数", "执行数"), ("科技专项", "7406.91", "6159.90"), ("合计", "7406.91", "6159.90")]
    glyphs = []
    for r, row in enumerate(rows):
        for x, cell in zip((72, 250, 400), row):
            glyphs += _glyphs(cell, x=x, top=100 + 20 * r)
    lines = geometry.make_lines(glyphs, 1)
    assert [ln.text.split() for ln in lines] == [list(r) for r in rows]
    cells = split_cells(Span.of_source(lines[1].text))
    assert [c.text for c in cells] == ["科技专项", "7406.91", "6159.90"]


def _grid_edges(xs, ys, skip_v=()):
    """Edges of a ruled grid; ``skip_v`` = (x index, row index) vertical
    pieces left out (a cell merged across them)."""
    edges = [geometry.edge(xs[0], y, xs[-1], y) for y in ys]
    for i, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if (i, r) not in skip_v:
                edges.append(geometry.edge(x, ys[r], x, ys[r + 1]))
    return edges


def test_merged_cells_come_back_as_none():
    xs, ys = [50, 150, 250, 350], [100, 120, 140, 160]
    edges = _grid_edges(xs, ys, skip_v={(2, 0)})  # row 0: columns 1-2 merged
    # rows 1-2 of column 0 merged: drop the horizontal piece between them
    edges = [e for e in edges if not (e["orientation"] == "h" and e["top"] == 140)]
    edges += [geometry.edge(150, 140, 350, 140)]
    cells = geometry.find_table_cells(edges)
    glyphs = [Glyph("甲", 60, 105, 70, 115), Glyph("乙", 200, 105, 210, 115), Glyph("丙", 60, 125, 70, 135),
              Glyph("1", 160, 125, 165, 135), Glyph("2", 160, 145, 165, 155)]
    (table,), free = geometry.fill_tables(cells, glyphs, 1)
    assert free == []
    assert [r.cells for r in table.rows] == [["甲", "乙", None], ["丙", "1", ""], [None, "2", ""]]


def _table(page, rows, columns=(50.0, 150.0, 250.0)):
    return PageTable([Row(list(r), (50, 100 + 20 * i, 250, 120 + 20 * i), page) for i, r in enumerate(rows)],
                     (50, 100, 250, 100 + 20 * len(rows)), list(columns), page)


def test_continued_table_joins_and_drops_repeated_header():
    first = PageLayout(1, 595, 842, [_table(1, [["名称", "金额"], ["甲", "1"]])])
    second = PageLayout(2, 595, 842, [_table(2, [["名称", "金额"], ["乙", "2"]])])
    geometry.join_continued_tables([first, second])
    assert second.items == []
    assert [r.cells for r in first.items[0].rows] == [["名称", "金额"], ["甲", "1"], ["乙", "2"]]
    assert first.items[0].rows[-1].page == 2


def test_tables_with_other_columns_stay_apart():
    first = PageLayout(1, 595, 842, [_table(1, [["名称", "金额"], ["甲", "1"]])])
    second = PageLayout(2, 595, 842, [_table(2, [["a", "b"]], columns=(60.0, 200.0, 300.0))])
    geometry.join_continued_tables([first, second])
    assert len(second.items) == 1


def test_running_lines_need_the_margin_band_and_recurrence():
    def page(n, texts):
        return PageLayout(n, 595, 842, [geometry.Line(t, (72, top, 300, top + 10), 10, n) for t, top in texts])

    pages = [page(1, [("某某局文件", 20), ("正文一", 300), ("- 1 -", 820)]),
             page(2, [("某某局文件", 20), ("正文二", 300), ("某某局文件", 400), ("第2页", 820)])]
    geometry.drop_running_lines(pages, pdf_loader.is_page_artifact, LayoutSettings())
    assert [it.text for it in pages[0].items] == ["正文一"]
    assert [it.text for it in pages[1].items] == ["正文二", "某某局文件"]  # mid-page line kept


# ---------------------------------------------------------------- text layer quality


@pytest.mark.parametrize("text,bad", [
    ("部门整体支出绩效自评报告", 0.0),
    ("(cid:123)(cid:45)", 1.0),
    ("\ufffd\ufffd自评", 0.5),
    ("\ue001\ue002\ue003\ue004", 1.0),
    ("", 0.0),
])
def test_bad_char_share(text, bad):
    assert pdf_loader.bad_char_share(text) == pytest.approx(bad)


def test_ocr_reasons():
    body = [Glyph("字", 100, 400, 110, 410)] * 100
    footer = [Glyph(c, 280 + 5 * i, 810, 285 + 5 * i, 820) for i, c in enumerate("-3-")]
    nothing, scan = pdf_loader.PageGraphics(), pdf_loader.PageGraphics(image_cover=0.95)
    assert pdf_loader.ocr_reason(body, "字" * 100, nothing, 842) is None
    assert pdf_loader.ocr_reason(body, "\ue001" * 100, nothing, 842) == "100% of its characters are unmapped"
    assert pdf_loader.ocr_reason(footer, "-3-", scan, 842) == "a scanned image without a text layer"
    assert pdf_loader.ocr_reason(body[:8], "字" * 8, scan, 842) is None  # a cover: title over a picture
    outlined = pdf_loader.PageGraphics(segments=9000, curves=6000)
    assert pdf_loader.ocr_reason([], "", outlined, 842) == "drawn content without a text layer"
    ruled = pdf_loader.PageGraphics(edges=[geometry.edge(0, 0, 100, 0)] * 22, segments=44)
    assert pdf_loader.ocr_reason([], "", ruled, 842) is None  # an empty ruled table
    assert pdf_loader.ocr_reason([], "", nothing, 842) is None  # a blank page


def test_page_ranges():
    assert pdf_loader.page_ranges([1, 2, 3, 7, 9, 10]) == "1-3, 7, 9-10"


@pytest.fixture
def no_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "get_engine", lambda: None)


def test_garbled_text_layer_needs_ocr(no_ocr):
    with pytest.raises(NeedsOCR) as e:
        load_document(FIXTURES / "garbled_text_layer.pdf")
    msg = str(e.value)
    assert "page 1 has no usable text layer" in msg and "scripts/setup.sh ocr" in msg
    assert "\n" not in msg


def test_scanned_pdf_needs_ocr_naming_its_pages(no_ocr):
    with pytest.raises(NeedsOCR, match=r"pages 1-4 have no usable text layer"):
        load_document(FIXTURES / "2022_jiangmen_kejiju_project_self_evaluation.scanned.pdf")


def test_one_bad_page_in_a_text_pdf_is_named(no_ocr, tmp_path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(PDF_2022))
    doc.import_pages(pdfium.PdfDocument(str(FIXTURES / "garbled_text_layer.pdf")))
    with pytest.raises(NeedsOCR, match=r"^.*: page 5 has no usable text layer"):
        load_document(_save(doc, tmp_path / "mixed.pdf"))


def test_unusable_page_is_sent_to_ocr(monkeypatch):
    """With an engine at hand, the garbled page is OCR'd, not read."""

    class FakeEngine:
        pass

    def fake_ocr_image(image, engine, scale):
        assert isinstance(engine, FakeEngine) and image.size[0] > 1000
        return _glyphs("项目绩效自评报告", x=200, top=100), []

    monkeypatch.setattr(ocr, "get_engine", lambda: FakeEngine())
    monkeypatch.setattr(ocr, "ocr_image", fake_ocr_image)
    doc = load_document(FIXTURES / "garbled_text_layer.pdf")
    assert doc.source.text == "项目绩效自评报告\n" and doc.source.line_pages == [1]


@pytest.mark.slow
def test_garbled_page_is_read_by_ocr():
    pytest.importorskip("rapidocr")
    doc = load_document(FIXTURES / "garbled_text_layer.pdf")
    text = doc.source.text
    assert "项目绩效自评报告" in text and "江门市科学技术局" in text
    assert pdf_loader.bad_char_share(text) == 0


# ---------------------------------------------------------------- bad files


def test_encrypted_with_empty_password_is_read():
    doc = load_document(FIXTURES / "encrypted_empty_password.pdf")
    assert "Adjusted budget 7406.91" in doc.source.text


def test_encrypted_with_password_is_refused():
    with pytest.raises(EncryptedDocument, match="password"):
        load_document(FIXTURES / "encrypted_password.pdf")


def test_no_pages_is_refused():
    with pytest.raises(CorruptDocument):
        load_document(FIXTURES / "no_pages.pdf")


def test_garbage_named_pdf_is_refused(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"<html>not found</html>")
    with pytest.raises(CorruptDocument, match="not a PDF"):
        load_document(bad)


def test_damaged_pdf_is_refused(tmp_path):
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(CorruptDocument):
        load_document(bad)


@pytest.mark.parametrize("name", ["encrypted_password.pdf", "no_pages.pdf"])
def test_cli_exits_2_with_one_line(name):
    result = CliRunner().invoke(main, ["parse", str(FIXTURES / name), "--no-checks"])
    assert result.exit_code == 2
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert err.count("\n") == 1 and name in err


# ---------------------------------------------------------------- real published PDFs

needs_real = pytest.mark.skipif(not REAL_BUDGET.exists(), reason="../shared/real is not here")


@needs_real
def test_real_budget_indicator_tables():
    doc = load_document(REAL_BUDGET)
    src, lines = doc.source, lines_of(doc)
    assert doc.info.pages == 35
    assert all(p is not None for p in src.line_pages) and all(b is not None for b in src.line_boxes)
    headers = [k for k, ln in enumerate(lines) if "一级指标\t二级指标\t三级指标" in ln]
    assert len(headers) == 5  # the five 绩效目标填报表
    assert {src.line_pages[k] for k in headers} == {31, 32, 33, 34, 35}
    assert any(ln.startswith("绩效指标\t产出指标\t数量指标\t规划建筑面积") and "≥13459.00(平方米)" in ln for ln in lines)
    assert any("=100.00(%)" in ln for ln in lines)


@needs_real
def test_real_accounts_tables_continue_across_pages():
    doc = load_document(REAL_ACCOUNTS)
    lines = lines_of(doc)
    assert "201\t06\t01\t行政运行\t1,511.90\t1,511.89\t\t\t\t\t0.01" in lines
    # 收入决算表 runs over pages 8-9: its rows on page 9 follow without a new header
    k = lines.index("210\t11\t01\t行政单位医疗\t60.99\t60.99\t\t\t\t\t")
    assert doc.source.line_pages[k] == 9 and "\t" in lines[k - 1]


@needs_real
def test_real_budget_parses_to_located_indicators():
    from extract.pipeline import parse_file

    report = parse_file(REAL_BUDGET, run_checks=False)
    assert report.source.format == "pdf" and report.source.pages == 35
    assert all(t.location.page is not None for t in report.tables)
    (area,) = [i for i in report.indicators if i.target.text == "≥13459.00(平方米)"]
    assert (area.level1, area.level2, area.name) == ("产出指标", "数量指标", "规划建筑面积")
    assert area.target.quantity.unit == "平方米" and area.target.operator == ">="
    assert area.location.page == 31 and area.location.bbox is not None
    assert len(report.indicators) >= 40


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_ocr_shows_page_n_of_m_on_a_terminal(monkeypatch):
    """Each page sent to OCR is announced (``OCR page N of M``) on a
    terminal, in place, and the line is cleared at the end; nothing is
    written when stderr is not a terminal (issue 19 item 8). The engine is
    a stand-in that recognizes nothing: OCR itself is a slow test."""
    import sys

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(ocr, "get_engine", lambda: object())
    monkeypatch.setattr(ocr, "ocr_page", lambda page, number, w, h, engine, settings:
                        geometry.layout_page(number, w, h, [], [], settings))
    path = FIXTURES / "2022_jiangmen_kejiju_project_self_evaluation.scanned.pdf"
    try:
        load_document(path)
    except Exception:
        pass  # pages with no text: the document is empty, which is not what is tested here
    shown = terminal.getvalue()
    pages = re.findall(r"OCR page (\d+) of (\d+)", shown)
    assert pages and [int(n) for n, _ in pages] == list(range(1, len(pages) + 1))
    assert {m for _, m in pages} == {str(len(pages))} and str(path) in shown
    assert shown.endswith("\r\x1b[K")

    quiet = io.StringIO()
    progress = ocr.OcrProgress(3, "x.pdf", quiet)
    progress.page(1)
    progress.close()
    assert quiet.getvalue() == ""
