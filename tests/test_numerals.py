"""One width-fold table (extract.widths) and one Chinese-numeral reader and
writer (extract.numerals), used by every stage: properties and examples."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import numerals, widths
from extract.numerals import numerals_of, write
from extract.ruleset import RuleSet

READER = numerals_of(RuleSet.default())


def test_docstring_examples():
    for module in (numerals, widths):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted >= 2


@given(st.integers(min_value=0, max_value=10 ** 12 - 1))
def test_a_written_numeral_reads_as_its_number(n):
    assert READER.read_int(write(n)) == n


@given(st.integers(min_value=1, max_value=10 ** 12 - 1))
def test_the_quantity_grammar_reads_what_the_writer_writes(n):
    from extract.quantities import parse_number

    assert parse_number(write(n)) == n


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"),
                                     (105, "一百零五"), (110, "一百一十"), (1001, "一千零一"),
                                     (10000, "一万"), (10002, "一万零二"), (100000, "十万"),
                                     (110000, "十一万"), (100010000, "一亿零一万"), (120000000, "一亿二千万")])
def test_written_forms(n, text):
    assert write(n) == text


@pytest.mark.parametrize("text, n", [("十二", 12), ("⑫", 12), ("12", 12), ("１２", 12), ("二十", 20)])
def test_ordinals_of_markers(text, n):
    assert READER.ordinal(text) == n


def test_word_numbering_and_enumeration_order_write_with_it():
    from extract.checks.ordering import _enum_marker
    from extract.load.docx import chinese_count

    assert [chinese_count(n) for n in (1, 11, 110)] == [write(1), write(11), write(110)]
    assert _enum_marker("一是")(12) == write(12) + "是"


_TEXT = st.text(alphabet=st.sampled_from(sorted(widths.FOLD) + list("一二三0123456789%()：:.，。ab \u3000")))


@given(_TEXT)
def test_folding_is_idempotent_and_keeps_length(text):
    for table in (widths.TEXT_TABLE, widths.FIGURE_TABLE):
        once = text.translate(table)
        assert once.translate(table) == once
        assert len(once) == len(text)


@given(_TEXT)
def test_the_text_fold_is_the_figure_fold_but_for_chinese_punctuation(text):
    a, b = widths.fold_text(text), widths.fold_figures(text)
    assert all(x == y or x in widths.KEPT_IN_TEXT for x, y in zip(a, b))


def test_normalize_quantities_and_meta_fold_through_the_one_table():
    from extract import normalize, quantities
    from extract.interpret import meta

    assert normalize._TABLE is widths.TEXT_TABLE
    assert quantities._FOLD_TABLE is widths.FIGURE_TABLE
    assert meta._FOLD is widths.FIGURE_TABLE
