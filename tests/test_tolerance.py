"""Tolerance by stated precision (extract.checks.tolerance): examples, edges
and properties.

The properties are the promise that matters: a figure correctly rounded from
the true numbers never fails its check (no false alarm from rounding), and a
figure off by more than its parts' rounding always does.
"""

from __future__ import annotations

import doctest
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extract.checks import tolerance
from extract.checks.tolerance import (
    INF,
    Interval,
    Qualifiers,
    compound_growth_interval,
    half_unit,
    holds,
    ratio_interval,
    sum_interval,
)
from extract.checks.tolerance import stated_interval as _stated_interval
from extract.checks.rulebook import load_rulebook

D = Decimal
#: The qualifier directions of the shipped glossary (rules/glossary.yaml).
SHIPPED = load_rulebook().qualifiers


def stated_interval(value, precision, qualifier=None, **kw):
    """:func:`tolerance.stated_interval` under the shipped qualifiers."""
    kw.setdefault("qualifiers", SHIPPED)
    return _stated_interval(value, precision, qualifier, **kw)


def rounded(x: Decimal, decimals: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def test_docstring_examples():
    result = doctest.testmod(tolerance)
    assert result.failed == 0 and result.attempted > 5


# ------------------------------------------------------------- examples


def test_stated_figure_is_half_a_unit_either_way():
    assert stated_interval(D("83.2"), 1) == Interval(D("83.15"), D("83.25"))
    assert stated_interval(D("6159.90"), 2) == Interval(D("6159.895"), D("6159.905"))
    assert stated_interval(D("160"), 0) == Interval(D("159.5"), D("160.5"))
    assert half_unit(0) == D("0.5") and half_unit(2) == D("0.005")


def test_exact_counts_and_zeros():
    # a zero is a stated figure like any other: "0" may be 0.3 rounded
    assert stated_interval(D("0"), 0) == Interval(D("-0.5"), D("0.5"))
    assert stated_interval(D("908"), 0, exact=True) == Interval(D(908), D(908))


def test_expenditure_rate_of_the_2024_sample_holds():
    r = ratio_interval(stated_interval(D("6159.9"), 1), stated_interval(D("7406.91"), 2), percent=True)
    assert holds(r, stated_interval(D("83.2"), 1))
    assert not holds(r, stated_interval(D("83.3"), 1))
    assert not holds(r, stated_interval(D("83.1"), 1))


def test_over_widens_upwards_only():
    # 通过率超 82.4% with 941 / 1141 = 82.47%: holds only because of 超
    r = ratio_interval(stated_interval(D(941), 0, exact=True), stated_interval(D(1141), 0, exact=True),
                       percent=True)
    assert holds(r, stated_interval(D("82.4"), 1, "超"))
    assert not holds(r, stated_interval(D("82.4"), 1))
    assert stated_interval(D("82.4"), 1, "超").lo == D("82.35")
    assert stated_interval(D("82.4"), 1, "超").hi == INF
    assert holds(r, stated_interval(D("82.5"), 1, "超"))  # 82.47 rounds to 82.5
    assert not holds(r, stated_interval(D("82.6"), 1, "超"))


def test_ceiling_and_approximation():
    assert stated_interval(D("5"), 0, "不足") == Interval(-INF, D("5.5"))
    assert stated_interval(D("100"), 0, "约") == Interval(D("94.50"), D("105.50"))
    assert stated_interval(D("100"), 0, "近") == Interval(D("94.50"), D("105.50"))
    q = Qualifiers(SHIPPED.at_least, SHIPPED.at_most, SHIPPED.approximate, D("0.1"))
    assert stated_interval(D("100"), 0, "约", qualifiers=q) == Interval(D("89.50"), D("110.50"))


def test_every_qualifier_of_the_glossary_has_its_direction():
    # 不到 was listed as a ceiling but never recorded as a qualifier: now it is
    # both (units.yaml reads it, the glossary gives its direction).
    from extract.quantities import find_quantities

    (q,) = find_quantities("不到5家")
    assert q.qualifier == "不到"
    assert stated_interval(q.value, 0, q.qualifier, exact=True) == Interval(-INF, D("5"))
    assert stated_interval(D("5"), 0, "不到") == stated_interval(D("5"), 0, "不足")
    assert stated_interval(D("5"), 0, "不到", qualifiers=Qualifiers()) == Interval(D("4.5"), D("5.5"))


def test_unknown_qualifier_changes_nothing():
    assert stated_interval(D("71"), 0, "累计") == stated_interval(D("71"), 0)


def test_sum_of_the_2024_breakdowns():
    parts = [stated_interval(D("3708.71"), 2), stated_interval(D("2451.19"), 2)]
    assert holds(sum_interval(parts), stated_interval(D("6159.9"), 1))
    parts = [stated_interval(D("1642.6"), 1), stated_interval(D("153.99"), 2)]
    assert holds(sum_interval(parts), stated_interval(D("1796.59"), 2))
    parts = [stated_interval(D("1642.6"), 1), stated_interval(D("120.99"), 2)]
    assert holds(sum_interval(parts), stated_interval(D("1763.59"), 2))
    assert not holds(sum_interval(parts), stated_interval(D("1764.59"), 2))


def test_compound_growth_of_the_2022_sample():
    cases = [(908, 1273, "18.41"), (84, 123, "21.01"), ("2293.94", "3284.16", "19.65"),
             ("91.82", "146.31", "26.23"), ("23.75", "31.08", "14.40")]
    for a, b, r in cases:
        a, b = D(str(a)), D(str(b))
        pa, pb = max(-a.as_tuple().exponent, 0), max(-b.as_tuple().exponent, 0)
        g = compound_growth_interval(stated_interval(a, pa, exact=pa == 0),
                                     stated_interval(b, pb, exact=pb == 0), 2)
        assert holds(g, stated_interval(D(r), 2)), (a, b, r, g)
        assert not holds(g, stated_interval(D(r) + D("0.2"), 2))


def test_ratio_undefined_for_zero_denominator():
    assert ratio_interval(Interval.exact(D(1)), stated_interval(D(0), 0)) is None
    assert compound_growth_interval(Interval.exact(D(0)), Interval.exact(D(5)), 2) is None


# ------------------------------------------------------------- properties

decimals = st.integers(min_value=0, max_value=3)
amounts = st.decimals(min_value=D("0.001"), max_value=D("1000000"), places=4, allow_nan=False,
                      allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(amounts, decimals)
def test_a_rounded_figure_covers_the_true_value(x, d):
    assert stated_interval(rounded(x, d), d).contains(x)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(amounts, decimals), min_size=1, max_size=12), decimals)
def test_correctly_rounded_sums_always_hold(parts, d_total):
    """Parts and total each rounded from the true numbers: never a false alarm."""
    true_total = sum((x for x, _ in parts), D(0))
    stated_parts = [stated_interval(rounded(x, d), d) for x, d in parts]
    assert holds(sum_interval(stated_parts), stated_interval(rounded(true_total, d_total), d_total))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(amounts, decimals), min_size=1, max_size=12), decimals,
       st.decimals(min_value=D("0.001"), max_value=D("1000"), places=3))
def test_a_total_off_by_more_than_the_rounding_fails(parts, d_total, extra):
    stated_parts = [stated_interval(rounded(x, d), d) for x, d in parts]
    summed = sum_interval(stated_parts)
    slack = sum((half_unit(d) for _, d in parts), D(0)) + half_unit(d_total)
    wrong = rounded(sum((rounded(x, d) for x, d in parts), D(0)) + slack + extra, d_total)
    assume(wrong - half_unit(d_total) > summed.hi)
    assert not holds(summed, stated_interval(wrong, d_total))


@settings(max_examples=300, deadline=None)
@given(amounts, amounts, decimals, decimals, decimals)
def test_correctly_rounded_rates_always_hold(num, den, dn, dd, dr):
    n, d = rounded(num, dn), rounded(den, dd)
    assume(d > 0 and n >= 0)
    # d - half a unit must stay positive for the ratio to be bounded
    assume(d - half_unit(dd) > 0)
    r = ratio_interval(stated_interval(n, dn), stated_interval(d, dd), percent=True)
    assert r is not None
    true_rate = num / den * 100
    assert holds(r, stated_interval(rounded(true_rate, dr), dr))


@settings(max_examples=200, deadline=None)
@given(amounts, amounts, st.integers(min_value=1, max_value=6), decimals, decimals)
def test_correctly_rounded_growth_always_holds(a, b, years, da, dr):
    sa, sb = rounded(a, da), rounded(b, da)
    assume(sa - half_unit(da) > 0 and sb > 0)
    g = compound_growth_interval(stated_interval(sa, da), stated_interval(sb, da), years)
    assert g is not None
    true_growth = (D(float(b) / float(a)) ** (D(1) / D(years)) - 1) * 100
    # floats give the true growth to ~1e-12: well inside any stated precision
    assert holds(g, stated_interval(rounded(true_growth, dr), dr)) or \
        abs(true_growth - rounded(true_growth, dr)) > half_unit(dr) - D("1e-9")


@settings(max_examples=200, deadline=None)
@given(amounts, decimals, st.decimals(min_value=D(0), max_value=D("1000"), places=3))
def test_at_least_covers_everything_above(v, d, above):
    stated = rounded(v, d)
    assert stated_interval(stated, d, "超").contains(stated + above)
    assert stated_interval(stated, d, "以上").contains(stated + above)
    assert not stated_interval(stated, d, "超").contains(stated - half_unit(d) - D("0.0001"))
