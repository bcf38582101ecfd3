"""Every quote (原文) of every finding is text that stands in the source.

A quote from table cells joins the cells' own texts with " | ", a quote of
two places joins them with " / "; each part must be a substring of the
document's source text, the text the loader laid out. Both sides are
compared without white space: the loaders' layouts break lines (a PDF line,
a wrapped cell) and LibreOffice spaces Latin and Chinese runs apart, so a
quote may join what the layout broke, but it may not fold, reword or
compose anything (no "得分99.43分，等级不合格" where the document says
neither, no "指标：数值").
"""

from __future__ import annotations

import re

import pytest

from extract.checks.quotes import SourceQuotes, join_places, tidy
from extract.model import Location
from extract.span import SourceText

from conftest import checked_documents

PARTS = re.compile(r" \| | / ")


def _squash(text: str) -> str:
    return "".join(text.split())


def composed_parts(quote: str, source_text: str) -> list[str]:
    """The parts of ``quote`` that the source does not hold."""
    source = _squash(source_text)
    return [part for part in PARTS.split(quote) if _squash(part) not in source]


@pytest.mark.parametrize("path", checked_documents())
def test_every_quote_stands_in_the_source(parse_with_source, path):
    loaded, report = parse_with_source(path)
    quoted = [r for r in report.checks if r.quote]
    assert quoted, "no finding quotes anything"
    bad = [(r.rule, part) for r in quoted for part in composed_parts(r.quote, loaded.source.text)]
    assert not bad, bad[:5]
    failed = [r for r in report.checks if r.status == "fail"]
    assert all(r.quote for r in failed), [r.message for r in failed if not r.quote][:3]


def test_a_composed_quote_is_caught():
    source = "自评得分99.43分。\n绩效评级为“不合格”的项目0个。"
    assert composed_parts("得分99.43分，等级不合格", source) == ["得分99.43分，等级不合格"]
    assert composed_parts("自评得分99.43分。 / 绩效评级为“不合格”的项目0个。", source) == []


def test_normalized_text_is_quoted_as_the_source_wrote_it():
    text = "支出率 83.2％，结余\n1247.01 万元。（见表1）"
    quotes = SourceQuotes(SourceText(text))
    # the normalizer folded ％ and （ and dropped the spaces and the line break
    got = quotes.verbatim("支出率83.2%，结余1247.01万元。", Location(line=1, end_line=1, start=4, end=9))
    assert got == "支出率 83.2％，结余1247.01 万元。"
    assert quotes.verbatim("(见表1)") == "（见表1）"


def test_the_occurrence_nearest_the_location_is_quoted():
    text = "合计 10 万元。\n其他内容。\n合计　10 万元。"
    quotes = SourceQuotes(SourceText(text))
    later = text.rindex("10")
    assert quotes.find("合计10万元。", Location(line=3, end_line=3, start=later, end=later + 2))[0] == \
        text.rindex("合计")
    assert quotes.find("合计10万元。")[0] == 0


def test_a_text_the_source_does_not_hold_falls_back_to_the_source_sentence():
    text = "一是完成验收 5 项；二是新增 3 家。"
    quotes = SourceQuotes(SourceText(text))
    start = text.index("3")
    at = Location(line=1, end_line=1, start=start, end=start + 1)
    assert quotes.verbatim("新增3家，共计8家", at) == "二是新增 3 家。"
    assert SourceQuotes(None).verbatim(" 新增3家 ") == "新增3家"


def test_line_breaks_are_joined_back_and_cells_kept_apart():
    assert tidy("孵化器\n  总数达 37 家\n") == "孵化器总数达 37 家"
    assert tidy("A\nB") == "A B"
    assert join_places(["105 家", "105 家"], " | ") == "105 家 | 105 家"
    assert join_places(["一句。", None, "一句。", "另一句。"]) == "一句。 / 另一句。"
