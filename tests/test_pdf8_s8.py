"""PDF layout made cheaper (issue 22): each faster step is held to the
code it replaced, on random glyphs and on every page of the text PDFs."""

from __future__ import annotations

import array

import pytest
from hypothesis import given, settings as hsettings

from extract.load import geometry, pdf as pdf_loader
from extract.load.lines import GlyphRun

from test_pdf_speed import TEXT_PDFS, _glyphs, _pages


def _plain_make_lines(glyphs, page, settings=geometry.DEFAULT_SETTINGS):
    """make_lines as it was: each line's type size, box and glyph run read
    glyph by glyph."""
    out = []
    for group in geometry.group_lines(glyphs, settings):
        heights = sorted([g.bottom - g.top for g in group])
        em = heights[len(heights) // 2] or 1.0
        text = geometry._BULLET_BEFORE_MARKER.sub(r"\1 ", geometry.line_text(group, settings, em))
        if text.strip():
            box = (group[0].x0, min([g.top for g in group]), max([g.x1 for g in group]),
                   max([g.bottom for g in group]))
            boxes = array.array("f", [v for g in group for v in g[1:]])
            out.append(geometry.Line(text, box, em, page, GlyphRun("".join([g[0] for g in group]), boxes, page)))
    return out


def _same_lines(fast, plain):
    assert [(l.text, l.bbox, l.em, l.page, l.glyphs.chars, l.glyphs.boxes.tobytes(), l.glyphs.page) for l in fast] == \
        [(l.text, l.bbox, l.em, l.page, l.glyphs.chars, l.glyphs.boxes.tobytes(), l.glyphs.page) for l in plain]
    assert all(type(l.bbox[k]) is type(m.bbox[k]) for l, m in zip(fast, plain) for k in range(4))


@hsettings(max_examples=200, deadline=None)
@given(_glyphs())
def test_lines_are_made_as_before(glyphs):
    _same_lines(geometry.make_lines(glyphs, 3), _plain_make_lines(glyphs, 3))


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_lines_of_every_page_are_made_as_before(path):
    seen = 0
    for page in _pages(path):
        crop = pdf_loader.PageFrame.of(page)
        textpage = page.get_textpage()
        try:
            glyphs, _ = pdf_loader.page_glyphs(textpage, crop)
        finally:
            textpage.close()
        fast = geometry.make_lines(glyphs, 1)
        _same_lines(fast, _plain_make_lines(glyphs, 1))
        seen += len(fast)
    assert seen
