"""The PDF path's fast code (issue 22) against the plain code it replaced:
the same glyphs, lines and refusals, on the fixtures and on made-up pages."""

from __future__ import annotations

import array
import ctypes
import zlib

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from extract import limits
from extract.errors import LimitExceeded
from extract.load import geometry, ruling, pdf as pdf_loader
from extract.load.lines import GlyphRun, char_boxes

from conftest import ROOT, SHARED_REAL
from test_output_stable import _char_boxes_per_character


def _stream(body: bytes) -> bytes:
    packed = zlib.compress(body, 9)
    return b"4 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream\nendobj\n" % (len(packed), packed)


def test_a_stream_inflating_past_the_cap_is_refused_and_a_short_one_is_not_inflated():
    bomb = _stream(b"\0" * (3 * limits.MB))  # about 3 KB packed: 3 MB inflated
    plain = _stream(bytes(range(256)) * 40)
    with limits.enforce(limits.DEFAULT.with_(max_pdf_stream_mb=2)):
        with pytest.raises(LimitExceeded, match="inflates to more than 2.0 MB"):
            pdf_loader.check_streams(b"%PDF-1.4\n" + plain + bomb)
        pdf_loader.check_streams(b"%PDF-1.4\n" + plain + _stream(b"\0" * limits.MB))


def test_no_stream_is_inflated_that_could_not_pass_the_cap(monkeypatch):
    """Deflate gives at most 1032 bytes per byte: a stream of fewer packed
    bytes than the cap over that is never inflated."""
    calls = []
    real = zlib.decompressobj
    monkeypatch.setattr(pdf_loader.zlib, "decompressobj", lambda *a: calls.append(1) or real(*a))
    with limits.enforce(limits.DEFAULT.with_(max_pdf_stream_mb=1)):
        pdf_loader.check_streams(b"%PDF-1.4\n" + _stream(b"\0" * (limits.MB // 2)))
        assert calls == []
        with pytest.raises(LimitExceeded):
            pdf_loader.check_streams(b"%PDF-1.4\n" + _stream(b"\0" * (2 * limits.MB)))
        assert calls == [1]
    # the bound holds: the most packed stream deflate makes stays under it
    packed = zlib.compress(b"\0" * (8 * limits.MB), 9)
    assert len(packed) * pdf_loader.DEFLATE_MAX_RATIO > 8 * limits.MB


# ---------------------------------------------------------------- page objects

FIXTURES = ROOT / "tests" / "fixtures"
TEXT_PDFS = [FIXTURES / "2024_jiangmen_kejiju_department_overall_self_evaluation.pdf",
             FIXTURES / "2022_jiangmen_kejiju_project_self_evaluation.pdf",
             FIXTURES / "2024_jiangmen_kejiju_department_overall_self_evaluation.rows_split.pdf",
             *sorted(SHARED_REAL.glob("*.pdf"))]


def _pages(path):
    """Each page of the PDF at ``path`` (skipped when it is not here), closed after use."""
    import pypdfium2 as pdfium

    if not path.exists():
        pytest.skip(f"{path} is not here")
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            yield page
            page.close()
    finally:
        pdf.close()


def _plain_objects(page_raw):
    """The page objects walked through pypdfium2's converting calls (the
    code the bare calls replaced)."""
    import pypdfium2.raw as raw

    def walk(get, count, outer):
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                m = pdf_loader._compose(_plain_matrix(obj), outer)
                yield from walk(lambda k, o=obj: raw.FPDFFormObj_GetObject(o, k), raw.FPDFFormObj_CountObjects(obj), m)
            elif kind in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
                yield obj, kind, outer

    yield from walk(lambda k: raw.FPDFPage_GetObject(page_raw, k), raw.FPDFPage_CountObjects(page_raw),
                    pdf_loader.IDENTITY)


def _address(obj) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_bare_calls_walk_the_same_page_objects(path):
    for page in _pages(path):
        fast = [(_address(o), k, m) for o, k, m in pdf_loader._objects(page.raw)]
        assert fast == [(_address(o), k, m) for o, k, m in _plain_objects(page.raw)]


# ---------------------------------------------------------------- ruling lines: the port against pdfplumber

def _pdfplumber_cells(edges, s=geometry.DEFAULT_SETTINGS):
    """find_table_cells as it was: pdfplumber's own functions."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    long_edges = [e for e in edges if (e["height"] if e["orientation"] == "v" else e["width"]) >= 1]
    if len([e for e in long_edges if e["orientation"] == "h"]) < 2 or \
            len([e for e in long_edges if e["orientation"] == "v"]) < 2:
        return [], []
    merged = merge_edges(long_edges, s.snap_tolerance, s.snap_tolerance, s.join_tolerance, s.join_tolerance)
    merged = [e for e in merged if (e["height"] if e["orientation"] == "v" else e["width"]) >= s.edge_min_length]
    points = edges_to_intersections(merged, s.intersection_tolerance, s.intersection_tolerance)
    return merged, cells_to_tables(intersections_to_cells(points))


def _same_as_pdfplumber(edges):
    from pdfplumber.table import Table, merge_edges

    s = geometry.DEFAULT_SETTINGS
    merged, tables = _pdfplumber_cells(edges)
    ours = geometry.find_table_cells(edges)
    assert ours == tables
    if merged:
        fast = ruling.merge_edges([e for e in edges if (e["height"] if e["orientation"] == "v" else e["width"]) >= 1],
                                  s.snap_tolerance, s.snap_tolerance, s.join_tolerance, s.join_tolerance)
        plain = merge_edges([e for e in edges if (e["height"] if e["orientation"] == "v" else e["width"]) >= 1],
                            s.snap_tolerance, s.snap_tolerance, s.join_tolerance, s.join_tolerance)
        assert [list(e.items()) for e in fast] == [list(e.items()) for e in plain]
    for cells in tables:
        assert ruling.table_rows(cells) == [row.cells for row in Table(None, cells).rows]
    return tables


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_ruling_cells_are_pdfplumbers_on_every_page(path):
    found = 0
    for page in _pages(path):
        found += len(_same_as_pdfplumber(pdf_loader.page_graphics(page.raw, pdf_loader.PageFrame.of(page)).edges))
    if path.name.startswith("2024"):
        assert found >= 2


# coordinates on a coarse grid, so edges meet, touch, overlap and fall within the tolerances of one another
_coord = st.integers(0, 60).map(lambda k: k * 1.25)
_jitter = st.sampled_from([0.0, 0.0, 0.4, -0.7, 2.9, 3.0, 3.1])


@st.composite
def _edges(draw):
    out = []
    for _ in range(draw(st.integers(0, 24))):
        a, b, c, j = draw(_coord), draw(_coord), draw(_coord), draw(_jitter)
        if draw(st.booleans()):
            e = geometry.edge(min(a, b), c + j, max(a, b), c + j)
        else:
            e = geometry.edge(c + j, min(a, b), c + j, max(a, b))
        if e is not None:
            out.append(e)
    for _ in range(draw(st.integers(0, 3))):  # whole grids: tables
        x0, y0 = draw(_coord), draw(_coord)
        xs = sorted({x0 + draw(st.integers(2, 30)) * 1.5 for _ in range(draw(st.integers(1, 4)))} | {x0})
        ys = sorted({y0 + draw(st.integers(2, 30)) * 1.5 for _ in range(draw(st.integers(1, 4)))} | {y0})
        out += [e for y in ys if (e := geometry.edge(xs[0], y, xs[-1], y + draw(_jitter) / 10)) is not None]
        out += [e for x in xs if (e := geometry.edge(x, ys[0], x, ys[-1])) is not None]
    return out


@hsettings(max_examples=200, deadline=None)
@given(_edges())
def test_ruling_cells_are_pdfplumbers_on_random_edges(edges):
    _same_as_pdfplumber(edges)


# ---------------------------------------------------------------- the document opened anew every so many pages

def _source_fields(source):
    return (source.text, source.line_pages, source.line_boxes, source.line_origins, source.line_spans,
            [None if g is None else g.tobytes() for g in source.char_boxes or []])


def test_a_document_opened_anew_every_few_pages_reads_the_same(monkeypatch):
    path = TEXT_PDFS[0]
    whole, n = pdf_loader.load_pdf(path)
    opened = []
    real = pdf_loader._reopen
    monkeypatch.setattr(pdf_loader, "_reopen", lambda data: opened.append(1) or real(data))
    monkeypatch.setattr(pdf_loader, "PAGES_PER_OPENING", 3)
    again, m = pdf_loader.load_pdf(path)
    assert (n, m) == (8, 8) and len(opened) == 2  # pages 4 and 7 start an opening
    assert _source_fields(again) == _source_fields(whole)


# ---------------------------------------------------------------- character boxes of a line

@st.composite
def _line_and_runs(draw):
    runs = []
    for _ in range(draw(st.integers(1, 3))):
        chars = draw(st.text(alphabet="资金12.%A", min_size=0, max_size=12))
        boxes = array.array("f", [draw(st.floats(0, 600, width=32)) for _ in range(4 * len(chars))])
        runs.append(GlyphRun(chars, boxes, draw(st.integers(1, 300))))
    glyphs = "".join(r.chars for r in runs)
    kind = draw(st.sampled_from(["same", "spaced", "other"]))
    if kind == "same":
        text = glyphs
    elif kind == "spaced":
        text = "".join(c + draw(st.sampled_from(["", "", " ", "  ", "\t"])) for c in glyphs)
    else:  # a glyph dropped (drawn twice), or a letter the glyphs lack
        text = draw(st.text(alphabet="资金12.% \tAB", max_size=30))
    return text, runs


@hsettings(max_examples=200, deadline=None)
@given(_line_and_runs())
def test_char_boxes_are_the_per_character_match(case):
    """The fast paths (no space at all; copied a word at a time) against the
    general one."""
    text, runs = case
    assert char_boxes(text, runs).tobytes() == _char_boxes_per_character(text, runs).tobytes()


def _plain_matrix(obj):
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return pdf_loader.IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _plain_is_drawn(obj):
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill, stroke):
        return True
    return bool(fill.value or stroke.value)


def _plain_path_points(obj, m):
    import pypdfium2.raw as raw

    x, y = ctypes.c_float(), ctypes.c_float()
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = pdf_loader._apply(m, x.value, y.value)
        yield raw.FPDFPathSegment_GetType(seg), px, py, bool(raw.FPDFPathSegment_GetClose(seg))


def _plain_page_graphics(page_raw, crop):
    """page_graphics as it was written first: each path read through
    pypdfium2's converting calls, point by point, edge by edge."""
    import pypdfium2.raw as raw

    found = pdf_loader.PageGraphics()
    area = max(crop.width * crop.height, 1.0)

    def add(box):
        e = geometry.edge(*box)
        if e is not None:
            found.edges.append(e)

    for obj, kind, matrix in _plain_objects(page_raw):
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            m = pdf_loader._compose(_plain_matrix(obj), matrix)
            corners = [pdf_loader._apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            w = min(max(xs), crop.left + crop.width) - max(min(xs), crop.left)
            h = min(max(ys), crop.top) - max(min(ys), crop.top - crop.height)
            found.image_cover = max(found.image_cover, max(w, 0) * max(h, 0) / area)
            continue
        if found.segments >= pdf_loader.MAX_SEGMENTS or not _plain_is_drawn(obj):
            continue
        start = current = None
        for kind, x, y, closes in _plain_path_points(obj, pdf_loader._compose(_plain_matrix(obj), matrix)):
            found.segments += 1
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = current = (x, y)
                continue
            if kind == raw.FPDF_SEGMENT_BEZIERTO:
                found.curves += 1
            elif current is not None:
                add(crop.box(current[0], current[1], x, y))
            current = (x, y)
            if closes and start is not None:
                add(crop.box(x, y, start[0], start[1]))
                current = start
    return found


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_bare_calls_read_the_same_paths(path):
    seen = 0
    for page in _pages(path):
        crop = pdf_loader.PageFrame.of(page)
        fast = pdf_loader.page_graphics(page.raw, crop)
        plain = _plain_page_graphics(page.raw, crop)
        assert (fast.segments, fast.curves, fast.image_cover) == (plain.segments, plain.curves, plain.image_cover)
        assert [list(e.items()) for e in fast.edges] == [list(e.items()) for e in plain.edges]
        seen += fast.segments
    if path.name.startswith("2024"):  # ruled tables (the 2022 fixture draws none)
        assert seen > 0


_edge_at = st.integers(0, 40).map(lambda k: k * 2.5)


@hsettings(max_examples=150, deadline=None)
@given(st.lists(_edge_at, min_size=1, max_size=8, unique=True), st.lists(_edge_at, min_size=1, max_size=8, unique=True),
       st.tuples(_edge_at, _edge_at, _edge_at, _edge_at), st.sampled_from([0.0, 1.0, 2.5]))
def test_cell_spans_are_counted_as_before(lefts, tops, cell, tolerance):
    lefts, tops = sorted(lefts), sorted(tops)
    rows = sum(1 for t in tops if cell[1] - tolerance <= t < cell[3] - tolerance)
    cols = sum(1 for x in lefts if cell[0] - tolerance <= x < cell[2] - tolerance)
    assert geometry.cell_span(cell, lefts, tops, tolerance) == (max(rows, 1), max(cols, 1))


def test_bare_calls_look_into_a_form_xobject_as_before():
    """A page drawn as a form XObject, scaled and moved onto another page:
    its paths are found inside the form with the form's matrix."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(TEXT_PDFS[0]))
    dst = pdfium.PdfDocument.new()
    form = src.page_as_xobject(2, dst).as_pageobject()
    form.transform(pdfium.PdfMatrix().scale(0.5, 0.5).translate(20, 30))
    page = dst.new_page(600, 900)
    page.insert_obj(form)
    page.gen_content()
    fast = [(_address(o), k, m) for o, k, m in pdf_loader._objects(page.raw)]
    assert fast == [(_address(o), k, m) for o, k, m in _plain_objects(page.raw)]
    assert len(fast) > 4 and all(m == (0.5, 0.0, 0.0, 0.5, 20.0, 30.0) for _, _, m in fast)
    assert pdf_loader.page_graphics(page.raw, pdf_loader.PageFrame.of(page)).edges


# ---------------------------------------------------------------- lines of glyphs

def _plain_group_lines(glyphs, settings=geometry.DEFAULT_SETTINGS):
    """group_lines as it was (a min() call per glyph)."""
    lines = []
    ratio = settings.line_overlap
    current = None
    top = bottom = 0.0
    for g in sorted(glyphs, key=lambda g: (g.top + g.bottom, g.x0)):
        gt, gb = g.top, g.bottom
        if current is not None:
            overlap = (gb if gb < bottom else bottom) - (gt if gt > top else top)
            smaller = min(gb - gt, bottom - top)
            if overlap >= ratio * (smaller if smaller > 0.1 else 0.1):
                current.append(g)
                top, bottom = (gt if gt < top else top), (gb if gb > bottom else bottom)
                continue
        current = [g]
        lines.append(current)
        top, bottom = gt, gb
    for line in lines:
        line.sort(key=lambda g: g.x0)
    return lines


_at = st.integers(0, 80).map(lambda k: k * 1.5)


@st.composite
def _glyphs(draw):
    out = []
    for _ in range(draw(st.integers(0, 40))):
        x, y = draw(_at), draw(_at)
        w, h = draw(st.sampled_from([0.0, 0.05, 3.0, 6.0, 10.5])), draw(st.sampled_from([0.0, 0.05, 4.0, 9.0, 12.0]))
        out.append(geometry.Glyph(draw(st.sampled_from("资金12A")), x, y, x + w, y + h))
    return out


@hsettings(max_examples=150, deadline=None)
@given(_glyphs())
def test_glyphs_group_into_the_same_lines(glyphs):
    assert geometry.group_lines(glyphs) == _plain_group_lines(glyphs)


# ---------------------------------------------------------------- glyphs of a text page

def _plain_page_glyphs(textpage, crop):
    """page_glyphs as it was written first: every non-space character found
    by a regular expression, its box read through pypdfium2's converting
    call, each glyph made field by field."""
    import re

    import pypdfium2.raw as raw

    n = raw.FPDFText_CountChars(textpage.raw)
    text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
    out = []
    for m in re.finditer(r"\S", text):
        rect = raw.FS_RECTF()
        if not raw.FPDFText_GetLooseCharBox(textpage.raw, m.start(), rect):
            continue
        x0, top, x1, bottom = crop.box(rect.left, rect.bottom, rect.right, rect.top)
        if x1 > x0 or bottom > top:
            out.append(geometry.Glyph(ch=m.group(), x0=x0, top=top, x1=x1, bottom=bottom))
    return out, text


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_page_glyphs_are_the_plain_reading(path):
    seen = 0
    for page in _pages(path):
        crop = pdf_loader.PageFrame.of(page)
        textpage = page.get_textpage()
        try:
            fast, text = pdf_loader.page_glyphs(textpage, crop)
            plain, plain_text = _plain_page_glyphs(textpage, crop)
        finally:
            textpage.close()
        assert text == plain_text
        assert [tuple(g) for g in fast] == [tuple(g) for g in plain]
        assert all(type(g) is geometry.Glyph and g.x1 == g[3] for g in fast)
        seen += len(fast)
    assert seen


def test_every_space_the_pattern_skipped_is_skipped_by_isspace():
    """page_glyphs skips what str.isspace calls a space, as r"\\S" did."""
    import re
    import sys

    pattern = re.compile(r"\S")
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if (pattern.match(c) is None) != c.isspace()] == []


def test_reading_a_pdf_leaves_the_collector_as_it_was():
    import gc

    assert gc.isenabled()
    pdf_loader.load_pdf(TEXT_PDFS[0])
    assert gc.isenabled()
    gc.disable()
    try:
        pdf_loader.load_pdf(TEXT_PDFS[0])
        assert not gc.isenabled()
    finally:
        gc.enable()
