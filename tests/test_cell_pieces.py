"""claims.cell_pieces: a span over many form cells is cut at every cell's
line break, not only in the last few cells it runs over."""

from __future__ import annotations

from extract.claims import cell_pieces
from extract.span import Span


def _lines_and_cells(n: int):
    lines = [f"指标{i}完成{i}0项" for i in range(1, n + 1)]
    text = "\n".join(lines)
    cells, at = [], 0
    for line in lines:
        cells.append((at, at + len(line), True))
        at += len(line) + 1
    return text, cells


def _joined(text: str) -> Span:
    """The lines of ``text`` joined as a paragraph is (the line breaks
    dropped, each character keeping its source offset)."""
    parts, at = [], 0
    for line in text.split("\n"):
        parts.append(Span.of_source(line, at))
        at += len(line) + 1
    return Span.join(parts)


def test_a_paragraph_over_many_cells_is_cut_at_each():
    for n in (2, 4, 5, 9):
        text, cells = _lines_and_cells(n)
        span = _joined(text)
        pieces = cell_pieces(span, text, cells)
        assert [p.text for p in pieces] == text.split("\n"), n


def test_a_span_starting_inside_a_cell_keeps_that_cell():
    text, cells = _lines_and_cells(6)
    start = "指标1".__len__()  # in the joined text, past 指标1
    span = _joined(text)[start:]
    pieces = cell_pieces(span, text, cells)
    assert pieces[0].text == "完成10项" and len(pieces) == 6, [p.text for p in pieces]
