"""Stated figures as intervals, and figures as text for messages.

Takes claims, quantities and table cell texts; returns
:class:`~extract.checks.tolerance.Interval` values in the figure's
normalized unit (元 for money, so 6,239.85 万元 and 62398500 元 compare), or
the text a message shows. The tolerance rule itself is in
:mod:`extract.checks.tolerance`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional, Union

from ..model import Claim, Quantity
from .rulebook import Rulebook, first_with_word
from .tolerance import Interval, round_for_message, stated_interval

Figure = Union[Claim, Quantity]


def unit_factor(figure: Figure, book: Rulebook) -> Decimal:
    """What one stated unit is in the normalized unit (万元 -> 10000): the
    figure's own ratio, or, for a figure of 0 (结余0.00万元, which has none),
    its unit's factor in the rule set's units (1 for a unit it does not
    know)."""
    if figure.value != 0:
        return figure.normalized_value / figure.value
    known = book.units(figure.unit) if figure.unit else None
    return known[2] if known is not None else Decimal(1)


def is_exact_count(figure: Figure, book: Rulebook) -> bool:
    """A whole count of things not scaled by 万/亿 (908 家) is exact."""
    return (figure.unit_class in book.rules.tolerance.exact_count_classes
            and figure.precision == 0 and figure.normalized_value == figure.value)


def cue_rule(book: Rulebook, claim: Claim) -> Optional[int]:
    """Index of the per-unit rule (rules ``per_unit``) whose cue ``claim``'s
    words hold (人均, 每公里 …): a figure per one of something, whatever it
    states (a cost, a standard, a gain)."""
    return first_with_word(book.rules.per_unit, claim.metric_text, "cues")


def glued_to_money(text: str, start: int, end: int, claim: Claim) -> bool:
    """Whether the figure ``text[start:end]`` of a unit other than money
    runs into 元 ending a word (费用6万亩元, a slip for 6万元; not 3场元宵晚会):
    a unit slip, so no measure (area, count) to compute with."""
    return (0 <= start < end < len(text) and text[end] == "元" and claim.normalized_unit != "元"
            and not (end + 1 < len(text) and "\u4e00" <= text[end + 1] <= "\u9fff"))


def count_unit(claim: Claim, units: list[str]) -> Optional[Decimal]:
    """How many of a per-unit rule's unit one stated unit of ``claim`` is (1,
    or 10,000 for 万亩 …); None when the claim counts something else."""
    for unit in units:
        if claim.unit == unit:
            return Decimal(1)
        if claim.unit == f"万{unit}":
            return Decimal(10000)
    return None


def figure_interval(figure: Figure, book: Rulebook, qualified: bool = True) -> Interval:
    """The numbers ``figure`` stands for, in its normalized unit, widened
    by its qualifier (超, 约 …) unless ``qualified`` is False."""
    interval = stated_interval(figure.value, figure.precision,
                               figure.qualifier if qualified else None,
                               exact=is_exact_count(figure, book), qualifiers=book.qualifiers)
    factor = unit_factor(figure, book)
    return interval if factor == 1 else interval.scaled(factor)


def rate_magnitude(figure: Figure, book: Rulebook) -> Interval:
    """The magnitudes a stated growth rate stands for: its rounding band,
    and, stated to at least rules ``growth.truncated_decimals`` decimals
    with no qualifier, up to one unit of its last place above (a cut
    figure: 38.28% for 38.2877%). The growth check reads a rate so, and so
    does a change read through one (differences), to agree on one triple."""
    iv = figure_interval(figure, book)
    cut = book.rules.growth.truncated_decimals
    if cut is None or figure.precision < cut or figure.qualifier:
        return iv
    return Interval(iv.lo, iv.hi + Decimal(1).scaleb(-figure.precision) / 2)


def stated_text(figure: Figure) -> str:
    """The figure as written, spaces dropped: ``6,239.85万元``."""
    text = figure.text  # a claim holds its figure's text as stated
    return "".join(text.split()) or f"{figure.value}{figure.unit}"


_CUE_WORDS = re.compile(r"^(?:其中|包括|包含|以及|及|和|与|、|，|,|\s)+")


def figure_name(figure: Figure) -> str:
    """What a message calls a claim: its metric, unless the metric was
    carried over from the figure before (``其中有 941 家`` has the metric of
    1141 家 but not its words); then its own words, or nothing."""
    if not isinstance(figure, Claim):
        return ""
    own = _CUE_WORDS.sub("", figure.metric_text.strip())
    metric = _CUE_WORDS.sub("", figure.metric)
    if not own:
        return ""
    if any(own[i:i + 2] in metric for i in range(max(len(own) - 1, 1))):
        return metric
    return own if len(own) >= 2 else ""


def in_unit(value: Decimal, figure: Figure, book: Rulebook) -> Decimal:
    """A normalized ``value`` expressed in ``figure``'s stated unit."""
    return value / unit_factor(figure, book)


def show(value: Optional[Decimal], decimals: int, unit: str = "") -> str:
    """``value`` rounded for a message, with ``unit``; "?" when unknown."""
    if value is None:
        return "?"
    return f"{round_for_message(value, max(decimals, 0))}{unit}"


def show_interval(interval: Interval, decimals: int, unit: str = "") -> str:
    """The middle of ``interval`` for a message (its bounds if unbounded)."""
    mid = interval.midpoint
    if mid is not None:
        return show(mid, decimals, unit)
    if interval.lo.is_finite():
        return f"≥{show(interval.lo, decimals, unit)}"
    if interval.hi.is_finite():
        return f"≤{show(interval.hi, decimals, unit)}"
    return "?"


_CELL_NUMBER = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_EMPTY_CELL = {"", "-", "—", "－", "/", "／", "——", "–"}


def cell_number(text: str) -> Optional[tuple[Decimal, int]]:
    """A table cell holding only a number: (value, decimals stated);
    ``"6,159.90"`` -> (6159.90, 2). None for anything else (text, a unit,
    an operator)."""
    t = "".join(text.split())
    if not _CELL_NUMBER.fullmatch(t):
        return None
    try:
        value = Decimal(t.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None
    decimals = len(t.split(".", 1)[1]) if "." in t else 0
    return value, decimals


def is_empty_cell(text: str) -> bool:
    """A cell that states nothing (blank, a dash)."""
    return "".join(text.split()) in _EMPTY_CELL


def interval_of(ctx, figure: Figure, qualified: bool = True) -> Interval:
    """:func:`figure_interval` of ``figure`` under ``ctx``'s rule book,
    worked out once per figure in a run of checks (a figure is read as an
    operand of many readings)."""
    kept = ctx.kept("interval" if qualified else "interval, not qualified")
    got = kept.get(id(figure))
    if got is None or got[0] is not figure:
        got = kept[id(figure)] = (figure, figure_interval(figure, ctx.book, qualified))
    return got[1]


def table_grid(ctx, table, filled: bool = True) -> list[list[str]]:
    """``table.grid(filled)``, made once per table in a run of checks (the
    rate, difference, per-unit and consistency checks read a table's rows
    for each figure they judge); shared: read it, do not change it."""
    kept = ctx.kept("table_grid")
    key = (id(table), filled)
    got = kept.get(key)
    if got is None or got[0] is not table:
        got = kept[key] = (table, table.grid(filled))
    return got[1]


def table_header_columns(ctx, table) -> list[dict[str, int]]:
    """For each row of ``table``'s unfilled grid (:func:`table_grid`), its
    :func:`~extract.interpret.budget.budget_header_columns` (``{}`` for a
    row that is no header of a budget block), worked out once per table in
    a run of checks (a budget rate looks for its row in every table);
    shared: read them, do not change them."""
    kept = ctx.kept("table_header_columns")
    got = kept.get(id(table))
    if got is None or got[0] is not table:
        from ..interpret.budget import budget_header_columns

        got = kept[id(table)] = (table, [budget_header_columns(row, ctx.rules.metrics)
                                         for row in table_grid(ctx, table, filled=False)])
    return got[1]
