"""Tolerance by stated precision: every stated figure is an interval.

The rule follows XBRL Calculations 1.1 (Arelle, ``ValidateXbrlCalcs.py``):
a figure is only as exact as it is written, so a check compares intervals,
never floats, and never uses a fixed tolerance.

**A stated figure.** A value ``v`` written with ``d`` decimals stands for
every number that rounds to it: ``[v - 0.5·10^-d, v + 0.5·10^-d]``.

    >>> stated_interval(Decimal("83.2"), 1)
    Interval(lo=Decimal('83.15'), hi=Decimal('83.25'))
    >>> stated_interval(Decimal("6159.90"), 2)
    Interval(lo=Decimal('6159.895'), hi=Decimal('6159.905'))
    >>> stated_interval(Decimal("160"), 0)          # 160 万元 may be 159.5 .. 160.5
    Interval(lo=Decimal('159.5'), hi=Decimal('160.5'))

A figure the caller marks ``exact`` is just itself: a whole count of things
(``908 家``) is not a rounded number.

    >>> stated_interval(Decimal("908"), 0, exact=True)
    Interval(lo=Decimal('908'), hi=Decimal('908'))

**A qualifier widens the interval in its own direction** (the words and
their directions are rule data, rules/glossary.yaml ``qualifiers``, given
here as :class:`Qualifiers`):

- at least (超, 超过, 逾, 以上, 多, 余, 突破): the figure is a floor,
  ``超 82.4%`` is ``[82.35, +∞)``;
- at most (以下, 不足, 不到, 以内): a ceiling, ``不足 5 家`` is
  ``(-∞, 5.5]`` (``(-∞, 5]`` when exact);
- approximately (近, 约, 大约, 左右, 接近, 将近): both ways by a relative
  amount, 5 % of the value by default, added to the rounding half-unit:
  ``约 100`` is ``[94.5, 105.5]``.

    >>> q = Qualifiers(at_least=frozenset({"超"}), approximate=frozenset({"约"}))
    >>> stated_interval(Decimal("82.4"), 1, "超", qualifiers=q)
    Interval(lo=Decimal('82.35'), hi=Decimal('Infinity'))
    >>> stated_interval(Decimal("100"), 0, "约", qualifiers=q)
    Interval(lo=Decimal('94.50'), hi=Decimal('105.50'))

**A sum holds** when the interval of the summed parts (lows added, highs
added) overlaps the interval of the stated total:

    >>> parts = [stated_interval(Decimal("3708.71"), 2), stated_interval(Decimal("2451.19"), 2)]
    >>> holds(sum_interval(parts), stated_interval(Decimal("6159.9"), 1))
    True

**A rate holds** when numerator/denominator, computed on the intervals
(low/high and high/low, rounded outwards), overlaps the stated rate:
支出率 83.2% against 6159.9 / 7406.91 = 83.1647…% holds, because
[83.15, 83.25] meets [83.1637…, 83.1658…].

    >>> r = ratio_interval(stated_interval(Decimal("6159.9"), 1),
    ...                    stated_interval(Decimal("7406.91"), 2), percent=True)
    >>> holds(r, stated_interval(Decimal("83.2"), 1))
    True
    >>> holds(r, stated_interval(Decimal("83.3"), 1))
    False

**Compound growth** over ``n`` years, ``r = (B/A)^(1/n) - 1``, is monotonic
in A and B, so its interval comes from the ends of theirs (908 -> 1273 家
over 2019..2021 gives 18.40…%, and 18.41% holds).

Every bound is rounded outwards (floor for lows, ceiling for highs), so an
interval always contains the exact result; a computed interval is never
narrower than the truth, and a check fails only on a real disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from typing import Iterable, Optional

INF = Decimal("Infinity")
_PREC = 40
_DOWN = Context(prec=_PREC, rounding=ROUND_FLOOR)
_UP = Context(prec=_PREC, rounding=ROUND_CEILING)
# n-th roots are bracketed to this step (far below any stated precision):
# a float gives the estimate, integer powers (exact to 40 digits) prove it.
_ROOT_STEP = Decimal("1e-12")


@dataclass(frozen=True, init=False)
class Interval:
    """A closed interval of Decimals; ``lo`` may be -∞ and ``hi`` +∞."""

    lo: Decimal
    hi: Decimal

    def __init__(self, lo: Decimal, hi: Decimal) -> None:
        # (set in the instance's dict: a frozen dataclass's own __init__ sets
        # each field through object.__setattr__, at twice the cost)
        fields = self.__dict__
        fields["lo"] = lo
        fields["hi"] = hi

    @classmethod
    def exact(cls, value: Decimal) -> "Interval":
        return cls(value, value)

    def overlaps(self, other: "Interval") -> bool:
        """True when some number lies in both intervals."""
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(_DOWN.add(self.lo, other.lo), _UP.add(self.hi, other.hi))

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(_DOWN.subtract(self.lo, other.hi), _UP.subtract(self.hi, other.lo))

    def scaled(self, factor: Decimal) -> "Interval":
        """The interval times a positive ``factor`` (a unit conversion)."""
        return Interval(_DOWN.multiply(self.lo, factor), _UP.multiply(self.hi, factor))

    @property
    def midpoint(self) -> Optional[Decimal]:
        """The middle of a bounded interval (for messages), else None."""
        if not (self.lo.is_finite() and self.hi.is_finite()):
            return None
        return (self.lo + self.hi) / 2


@dataclass(frozen=True)
class Qualifiers:
    """Which qualifier words make a figure a floor, a ceiling or an
    approximation, and how far an approximation reaches (relative)."""

    at_least: frozenset[str] = frozenset()
    at_most: frozenset[str] = frozenset()
    approximate: frozenset[str] = frozenset()
    approximate_relative: Decimal = Decimal("0.05")

    def direction(self, qualifier: Optional[str]) -> Optional[str]:
        """"at_least", "at_most", "approximate" or None for ``qualifier``."""
        if not qualifier:
            return None
        for name in ("at_least", "at_most", "approximate"):
            if qualifier in getattr(self, name):
                return name
        return None


#: No qualifier word: a figure is only as wide as its precision.
NO_QUALIFIERS = Qualifiers()


def half_unit(precision: int) -> Decimal:
    """Half a unit of the last stated decimal: 1 -> 0.05, 0 -> 0.5, -2 -> 50."""
    return Decimal(5).scaleb(-(precision + 1))


_ZERO = Decimal(0)
# (half units of the precisions figures are stated to, made once: every figure judged asks)
_HALF_UNITS = {p: half_unit(p) for p in range(-12, 13)}


def stated_interval(value: Decimal, precision: int, qualifier: Optional[str] = None, *,
                    exact: bool = False, qualifiers: Qualifiers = NO_QUALIFIERS) -> Interval:
    """The numbers a figure written as ``value`` with ``precision`` decimals
    stands for, widened by its ``qualifier`` (see the module docstring)."""
    half = _ZERO if exact else (_HALF_UNITS.get(precision) or half_unit(precision))
    lo, hi = value - half, value + half
    direction = qualifiers.direction(qualifier)
    if direction == "at_least":
        hi = INF
    elif direction == "at_most":
        lo = -INF
    elif direction == "approximate":
        reach = abs(value) * qualifiers.approximate_relative
        lo, hi = lo - reach, hi + reach
    return Interval(lo, hi)


def score_interval(value: Decimal, precision: int) -> Interval:
    """A score (得分, 总分, a self-score) as stated: one with decimals is
    rounded (9.69 for 9.694), a whole one is exact (scores are given in
    points: 90 is not 89.8)."""
    return stated_interval(value, precision, exact=precision == 0)


def sum_interval(parts: Iterable[Interval]) -> Interval:
    """The interval of a sum: lows added, highs added."""
    total = Interval.exact(Decimal(0))
    for p in parts:
        total = total + p
    return total


def ratio_interval(numerator: Interval, denominator: Interval,
                   percent: bool = False) -> Optional[Interval]:
    """numerator / denominator (× 100 with ``percent``) of amounts that are
    never negative (a stated ``0`` is [-0.5, 0.5]; its negative half is
    dropped); None when the denominator may be zero, the numerator is
    negative, or either is unbounded (the ratio is then not determined)."""
    n, d = numerator, denominator
    if d.lo <= 0 or n.hi < 0 or not (n.hi.is_finite() and d.hi.is_finite()):
        return None
    if n.lo < 0:
        n = Interval(Decimal(0), n.hi)
    lo, hi = _DOWN.divide(n.lo, d.hi), _UP.divide(n.hi, d.lo)
    if percent:
        lo, hi = _DOWN.multiply(lo, 100), _UP.multiply(hi, 100)
    return Interval(lo, hi)


def compound_growth_interval(start: Interval, end: Interval, years: int) -> Optional[Interval]:
    """Average yearly growth in percent from ``start`` to ``end`` over
    ``years`` (compound: ``((end/start)^(1/years) - 1) × 100``); with
    ``years == 1`` this is plain growth (同比). None when not determined."""
    if years < 1:
        return None
    ratio = ratio_interval(end, start)
    if ratio is None or ratio.lo <= 0:
        return None
    if years == 1:
        lo_root, hi_root = ratio.lo, ratio.hi
    else:
        lo_root, hi_root = _root_below(ratio.lo, years), _root_above(ratio.hi, years)
    lo = _DOWN.multiply(_DOWN.subtract(lo_root, Decimal(1)), 100)
    hi = _UP.multiply(_UP.subtract(hi_root, Decimal(1)), 100)
    return Interval(lo, hi)


def _root_below(x: Decimal, n: int) -> Decimal:
    """A number r with r^n <= x (r at most a step below the n-th root)."""
    r = Decimal(float(x) ** (1.0 / n)).quantize(_ROOT_STEP, rounding=ROUND_FLOOR) - _ROOT_STEP
    while r > 0 and _UP.power(r, n) > x:
        r -= _ROOT_STEP
    return r


def _root_above(x: Decimal, n: int) -> Decimal:
    """A number r with r^n >= x (r at most a step above the n-th root)."""
    r = Decimal(float(x) ** (1.0 / n)).quantize(_ROOT_STEP, rounding=ROUND_CEILING) + _ROOT_STEP
    while _DOWN.power(r, n) < x:
        r += _ROOT_STEP
    return r


def holds(computed: Interval, stated: Interval) -> bool:
    """Whether a stated figure agrees with what its parts give: the two
    intervals overlap."""
    return computed.overlaps(stated)


def round_for_message(value: Decimal, decimals: int) -> str:
    """``value`` rounded half-up to ``decimals`` places, as text for a message."""
    q = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    return str(value.quantize(q, rounding=ROUND_HALF_UP))
