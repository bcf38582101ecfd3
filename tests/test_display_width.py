"""extract.widths.display_width: columns of text on a fixed-pitch page."""

from __future__ import annotations

from extract.widths import _WIDE, display_width


def test_a_wide_character_counts_two_columns():
    assert display_width("") == 0
    assert display_width("abc 12") == 6
    assert display_width("表1 合计") == 8
    assert display_width("预算执行率（％）98.5%") == 2 * 8 + 5
    assert display_width("\U00020000a\u1100") == 5  # an astral ideograph, a Hangul jamo


def test_the_width_counts_each_character_by_its_class():
    # runs of wide characters counted as the characters one by one
    text = "一、部门概况 Dept 2024年 ㈠ ｱ ①·—\U0002a6a5\uff61\uffe0x"
    assert display_width(text) == sum(2 if _WIDE.fullmatch(ch) else 1 for ch in text)
