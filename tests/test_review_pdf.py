"""A PDF on the reviewer's desk: figures located by their own glyph boxes,
the review page's page images with a box per finding, and the annotated
PDF (`extract check REPORT.pdf --annotated-pdf OUT.pdf`).

Everything here runs on the project's own fixture PDF (made from the 2024
sample by scripts/make_fixtures.py)."""

from __future__ import annotations

import array
import math
import re

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.load import load_document
from extract.load.lines import GlyphRun, char_boxes
from extract.load.pdf import PageFrame
from extract.pipeline import parse_file
from extract.report.annotate import annotated_pdf, first_place
from extract.report.html import numbered_findings, render_review
from extract.report.pages import BOX_PAD, page_box, render_pages

from conftest import ROOT, SAMPLE_2024

FIXTURES = ROOT / "tests" / "fixtures"
PDF_2024 = FIXTURES / "2024_jiangmen_kejiju_department_overall_self_evaluation.pdf"
PRIMARY = re.compile(r'<a class="pbox sev-(\w+)" id="hl-(\d+)"[^>]*style="left: ([\d.]+)%; top: ([\d.]+)%; '
                     r'width: ([\d.]+)%; height: ([\d.]+)%"')


@pytest.fixture(scope="module")
def report_pdf():
    return parse_file(PDF_2024)


@pytest.fixture(scope="module")
def page_images():
    return render_pages(PDF_2024)


@pytest.fixture(scope="module")
def annotated(report_pdf):
    return annotated_pdf(report_pdf)


def with_page(report):
    return [(n, r) for n, r in numbered_findings(report) if first_place(r) is not None]


def pdfium_text_in(page, box) -> str:
    """PDFium's text inside ``box`` (x0, top, x1, bottom from the top left)."""
    frame = PageFrame.of(page)
    x0, y0, x1, y1 = frame.user_box(*box)
    textpage = page.get_textpage()
    try:
        return "".join(textpage.get_text_bounded(x0, y0, x1, y1).split())
    finally:
        textpage.close()


def figure_box(page, figure: str):
    """The glyph box (x0, top, x1, bottom) of the first ``figure`` on the page, by PDFium's search."""
    frame = PageFrame.of(page)
    textpage = page.get_textpage()
    try:
        search = textpage.search(figure)
        first = search.get_next()
        assert first is not None, figure
        index, count = first
        boxes = [textpage.get_charbox(i, loose=True) for i in range(index, index + count)]
    finally:
        textpage.close()
    shown = [frame.box(*b) for b in boxes]
    return (min(b[0] for b in shown), min(b[1] for b in shown), max(b[2] for b in shown), max(b[3] for b in shown))


# ---------------------------------------------------------------- glyph boxes


def test_char_boxes_follow_the_glyphs_past_added_spaces_and_overprints():
    runs = [GlyphRun("AAB", array.array("f", [0, 0, 5, 10, 0.2, 0, 5.2, 10, 10, 0, 15, 10]), 3),
            GlyphRun("C", array.array("f", [0, 20, 5, 30]), 4)]
    boxes = char_boxes("A B C", runs)  # A drawn twice (fake bold), spaces put in by the layout
    assert len(boxes) == 25
    assert list(boxes[0:5]) == [3, 0, 0, 5, 10]
    assert all(math.isnan(v) for v in boxes[5:10])
    assert list(boxes[10:15]) == [3, 10, 0, 15, 10]
    assert list(boxes[20:25]) == [4, 0, 20, 5, 30]


def test_a_cell_figure_is_located_by_its_glyphs_not_its_row():
    source = load_document(PDF_2024).source
    offset = source.text.index("6159.90")
    loc = source.locate(offset, offset + 7)
    row = source.line_boxes[loc.line - 1]
    x0, top, x1, bottom = loc.bbox
    assert row[0] <= x0 < x1 <= row[2] and row[1] <= top < bottom <= row[3]
    assert x1 - x0 < (row[2] - row[0]) / 3  # one cell's figure, not the row
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(PDF_2024))
    try:
        assert pdfium_text_in(pdf[loc.page - 1], loc.bbox) == "6159.90"
    finally:
        pdf.close()


def test_a_figure_in_a_paragraph_continued_on_the_next_page_is_on_that_page(report_pdf):
    (finding,) = [r for r in report_pdf.checks if r.status == "fail" and "“六是”之前缺少“五是”" in r.message]
    loc = finding.locations[0]
    starts = load_document(PDF_2024).source.line_pages[loc.line - 1]
    assert starts == 5 and loc.page == 6  # the paragraph starts on page 5; 六是 stands on page 6


def test_page_frame_user_box_undoes_box_for_every_rotation():
    for rotation in (0, 90, 180, 270):
        frame = PageFrame(10, 800, 600, 780, rotation)
        shown = frame.box(100, 200, 150, 230)
        assert frame.user_box(*shown) == pytest.approx((100, 200, 150, 230))


# ---------------------------------------------------------------- the review page of a PDF


def test_page_images_are_embedded_at_a_readable_size(page_images):
    assert [p.number for p in page_images] == list(range(1, 9))
    for p in page_images:
        assert p.src.startswith("data:image/png;base64,")
        assert p.pixel_width >= 1000 and abs(p.pixel_width / p.pixel_height - p.width / p.height) < 0.01


def test_one_numbered_box_per_finding_with_a_page(report_pdf, page_images):
    html = render_review(report_pdf, load_document(PDF_2024).source.text, page_images)
    boxes = PRIMARY.findall(html)
    assert sorted(int(b[1]) for b in boxes) == [n for n, _ in with_page(report_pdf)]
    assert len(boxes) >= 7  # the fixture's findings, every one on a page
    assert html.count('class="pdf-page"') == 8
    assert 'class="line"' not in html  # the pages, not the laid-out text


def test_each_box_contains_the_glyph_box_of_its_figure(report_pdf, page_images):
    """The 105家 of the indicator table (a table cell) and the 九个 of the text."""
    import pypdfium2 as pdfium

    html = render_review(report_pdf, load_document(PDF_2024).source.text, page_images)
    drawn = {int(n): tuple(float(v) for v in rest) for _, n, *rest in PRIMARY.findall(html)}
    numbered = dict(with_page(report_pdf))
    pdf = pdfium.PdfDocument(str(PDF_2024))
    try:
        cases = [(n, r) for n, r in numbered.items() if r.rule in ("metric_consistency", "count_in_words")]
        assert {r.rule for _, r in cases} == {"metric_consistency", "count_in_words"}
        for n, result in cases:
            loc = first_place(result)
            figure = "105" if result.rule == "metric_consistency" else "九个"
            if result.rule == "metric_consistency":
                assert loc.cell is not None  # a table cell's figure
            page = page_images[loc.page - 1]
            left, top, width, height = drawn[n]
            x0, y0 = left * page.width / 100, top * page.height / 100
            x1, y1 = x0 + width * page.width / 100, y0 + height * page.height / 100
            g = figure_box(pdf[loc.page - 1], figure)
            assert x0 <= g[0] and y0 <= g[1] and g[2] <= x1 and g[3] <= y1, (figure, (x0, y0, x1, y1), g)
            # and it is the figure's box, not its row's or line's
            assert (x1 - x0) < 4 * (g[2] - g[0]) + 2 * BOX_PAD + 4
    finally:
        pdf.close()


def test_box_stays_inside_its_page(page_images):
    page = page_images[0]
    left, top, width, height = page_box((500.0, 10.0, 900.0, 40.0), page)
    assert left + width <= 100.0001 and top >= 0
    assert page_box((700.0, 10.0, 900.0, 40.0), page) is None


def test_text_reports_keep_the_text_view(report_2024):
    html = render_review(report_2024, load_document(SAMPLE_2024).source.text)
    assert 'class="pbox' not in html and 'class="line"' in html
    assert 'id="filter-rule"' in html and 'id="filter-section"' in html and 'id="filter-text"' in html


def test_side_list_names_pages_and_carries_filter_keys(report_pdf, page_images):
    html = render_review(report_pdf, load_document(PDF_2024).source.text, page_images)
    assert "第4、5页 第35、57行" in html
    items = re.findall(r'<li class="sev-\w+" id="item-(\d+)" data-finding="f\d+" data-sev="(\w+)" '
                       r'data-rule="(\w+)" data-section="([^"]*)"', html)
    assert len(items) == len(numbered_findings(report_pdf)) and all(section for *_, section in items)


# ---------------------------------------------------------------- the annotated PDF


def test_annotated_pdf_has_one_note_per_finding_with_a_page_inside_its_page(report_pdf, annotated, tmp_path):
    import pdfplumber

    data, count = annotated
    expected = with_page(report_pdf)
    assert count == len(expected) >= 7
    out = tmp_path / "a.pdf"
    out.write_bytes(data)
    notes = []
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            for a in page.annots:
                assert a["data"]["Subtype"].name == "Square"
                assert 0 <= a["x0"] < a["x1"] <= page.width and 0 <= a["top"] < a["bottom"] <= page.height
                notes.append((page.page_number, a["contents"]))
    assert len(notes) == count
    by_number = {int(re.match(r"\[\w\w(\d+)\]", text).group(1)): (page, text) for page, text in notes}
    for n, result in expected:
        page, text = by_number[n]
        assert page == first_place(result).page and result.message in text


def test_annotated_pdf_keeps_the_text_layer(annotated):
    import pdfplumber
    import pypdfium2 as pdfium

    data, _ = annotated

    def texts(source):
        pdf = pdfium.PdfDocument(source)
        try:
            out = []
            for i in range(len(pdf)):
                tp = pdf[i].get_textpage()
                out.append(tp.get_text_range())
                tp.close()
            return out
        finally:
            pdf.close()

    assert texts(data) == texts(PDF_2024.read_bytes())
    import io

    with pdfplumber.open(io.BytesIO(data)) as a, pdfplumber.open(PDF_2024) as b:
        assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages]
    assert load_document(PDF_2024).source.text == _loaded(data)


def _loaded(data: bytes) -> str:
    from extract.load.pdf import load_pdf

    return load_pdf("annotated.pdf", data)[0].text


def test_cli_writes_annotated_pdf_beside_the_review_page(tmp_path):
    out, page = tmp_path / "out" / "annotated.pdf", tmp_path / "review.html"
    result = CliRunner().invoke(main, ["check", str(PDF_2024), "--annotated-pdf", str(out), "--html", str(page)])
    assert result.exit_code == 1, result.output  # the fixture has errors
    assert out.read_bytes().startswith(b"%PDF") and page.stat().st_size > 500_000


def test_cli_annotated_pdf_of_a_text_report_is_bad_input(tmp_path):
    out = tmp_path / "annotated.pdf"
    result = CliRunner().invoke(main, ["check", str(SAMPLE_2024), "--annotated-pdf", str(out)])
    assert result.exit_code == 2 and "PDF report only" in result.output
    assert not out.exists()
