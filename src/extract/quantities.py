"""Quantities: numbers, Chinese numerals, 万/亿, units, qualifiers and comparisons.

Given a piece of text, :func:`find_quantities` returns every figure it states
as a :class:`QuantityMatch`, in text order, with exact ``Decimal`` values:

    ``支出率83.2%``            -> 83.2 %      (percent, precision 1)
    ``授信金额 47979.5 万元``  -> 47979.5 万元 = 479795000 元
    ``1 万多平方``             -> 1 万平方 = 10000 平方米, qualifier 多
    ``服务企业超700家``        -> 700 家, qualifier 超, operator >
    ``500 项以上``             -> 500 项, qualifier 以上, operator >=
    ``下设九个二级项目``       -> 9 个 (二级 is no number)
    ``2024年4 月1日前``        -> date 2024-04-01, deadline, operator <=
    ``2019 至 2021 年``        -> years 2019..2021, operator range

The grammar is a regular expression grammar first (jieba splits numbers, and
cn2an raises on ``九个``; see DESIGN.md): a number (Arabic, with exact
3-digit thousands groups, or a Chinese numeral), then optionally an inner
qualifier (多, 余), a multiplier (万, 亿, 千万 ...), a unit, and a qualifier
or operator after it (以上, 左右); qualifiers and operators may also stand
before the number (超, 约, ≥, 不低于). All the words are data in
rules/units.yaml (:class:`UnitRules`); this module only interprets them.

Chinese numerals count only where they really are numbers: followed by a
unit or a multiplier (九个, 十六届, 一万多平方, 二〇二四年), never in 一是,
二级指标, 一流, 统一, 一些, 第一 (ordinals after 第 are skipped, Arabic ones
too), and a lone 一 before a measure word is an article (一批, 一次).

Exactness: values are ``Decimal`` built from the digits as written; the
normalized value is ``value * multiplier * factor`` computed with enough
precision to be exact, trailing zeros dropped (``6159.90万元`` -> ``61599000``
元, ``precision`` keeps 2). Floats are never used.

Offsets: ``start``/``end`` index the input string as given (width folding is
one character for one character, so offsets never shift).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from decimal import Context, Decimal, Inexact, InvalidOperation
from typing import Literal, Optional

from .model import Location, Operator, Quantity, UnitClass
from .numerals import ChineseNumerals
from .rulefiles.glossary import DIRECTIONS, QualifierDirections
from .ruleset import RuleSet, RulesLike
from .widths import FIGURE_TABLE, FOLD
from .rulefiles.units import DateRules, NumeralRules, OperatorRules, QualifierDef, UnitDef, UnitRules

__all__ = [
    "QuantityMatch", "UnitRules", "UnitDef", "find_quantities",
    "parse_number", "format_number", "parse_target", "resolve_unit", "qualifier_direction",
]


# ====================================================================== rules


# ====================================================================== result


@dataclass(frozen=True)
class QuantityMatch:
    """One figure found in a text.

    ``value``/``unit`` as stated (``6159.9``, ``万元``; a multiplier is part of
    the unit), ``normalized_value``/``normalized_unit`` in the unit's base
    (``61599000``, ``元``). ``precision`` counts the decimals stated.
    Dates have unit class ``date``, ``date`` in ISO form (``2024``,
    ``2024-04``, ``2024-04-01``, ``--04-01`` without a year, ``2022/2024`` for
    a range of years), ``value`` the date's digits (``20240401``) and ``unit``
    its granularity (``年``/``年度``, ``月``, ``日``).

    ``qualifier`` is the word that loosens the figure (超, 约, 多, 以上 ...;
    where there are several, the first with a direction, so ``累计超100家``
    gives 超); see :func:`qualifier_direction`. ``operator`` comes from a
    comparison word or symbol (≥, 不低于, 以上), else from the qualifier
    (超 -> ``>``); ranges have ``range`` and ``upper``, deadlines ``<=``.
    """

    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    unit_class: str
    normalized_value: Decimal
    normalized_unit: str
    precision: int
    qualifier: Optional[str] = None
    operator: Optional[str] = None
    upper: Optional[Decimal] = None
    date: Optional[str] = None
    deadline: bool = False

    def to_quantity(self, location: Location) -> Quantity:
        """This match as a :class:`~extract.model.Quantity` at ``location``."""
        return Quantity(
            text=self.text, value=self.value, unit=self.unit, unit_class=self.unit_class,
            normalized_value=self.normalized_value, normalized_unit=self.normalized_unit,
            precision=self.precision, qualifier=self.qualifier, operator=self.operator,
            upper=self.upper, date=self.date, deadline=self.deadline, location=location,
        )


# ====================================================================== exact arithmetic


_ONE = Decimal(1)
# Wide enough for any figure in a report; a longer one falls back to a
# context sized to its digits. Inexact is trapped: a product is exact or fails.
_WIDE = Context(prec=200, Emax=10**9, Emin=-(10**9), traps=[Inexact, InvalidOperation])


def _sized(*ds: Decimal) -> Context:
    n = sum(len(d.as_tuple().digits) + abs(int(d.as_tuple().exponent)) for d in ds) + 4
    return Context(prec=n, Emax=10**9, Emin=-(10**9), traps=[Inexact, InvalidOperation])


def _mul(a: Decimal, b: Decimal) -> Decimal:
    """a * b, exactly."""
    if b == _ONE:
        return a
    try:
        return _WIDE.multiply(a, b)
    except Inexact:
        return _sized(a, b).multiply(a, b)


def _tidy(d: Decimal) -> Decimal:
    """``d`` without trailing zeros, and in plain integer form when whole
    (``61599000.0`` -> ``61599000``, never ``6.1599E+7``)."""
    if not d:
        return Decimal(0)
    try:
        n = d.normalize(_WIDE)
        if n.as_tuple().exponent > 0:
            n = n.quantize(_ONE, context=_WIDE)
    except (Inexact, InvalidOperation):
        ctx = _sized(d)
        n = d.normalize(ctx)
        if n.as_tuple().exponent > 0:
            n = n.quantize(_ONE, context=ctx)
    return n


def _precision(number_text: str) -> int:
    return len(number_text.split(".", 1)[1]) if "." in number_text else 0


# ====================================================================== width folding

# The table is extract.widths' (every wide character, as figures are read).
_FOLD_TABLE = FIGURE_TABLE
_FW_COMMA = re.compile("(?<=[０-９])，(?=[０-９])")
_NEEDS_FOLD = re.compile("[%s]" % re.escape("".join(FOLD)))


def _fold(text: str) -> str:
    """Width-fold ``text`` character for character (offsets are kept)."""
    if not _NEEDS_FOLD.search(text):
        return text
    if "，" in text:
        text = _FW_COMMA.sub(",", text)
    return text.translate(_FOLD_TABLE)


# ====================================================================== grammar


def _alt(words) -> str:
    """An alternation of literal words, longest first (so 个百分点 beats 个)."""
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ws) or "(?!)"


def _rx(pattern: str) -> re.Pattern:
    """Compiled with ASCII classes: ``\\d`` is 0-9 only (input is width-folded)."""
    return re.compile(pattern, re.ASCII)


def _cls(chars) -> str:
    return re.escape("".join(sorted(set(chars))))


@dataclass
class _Num:
    start: int          # where the number's text starts (sign included)
    end: int            # after the numeral (incl. a Chinese numeral's own 万/亿)
    value: Decimal
    precision: int
    kind: str           # "ar" or "cn"
    mult: str = ""      # a Chinese numeral's trailing section marker(s)
    mult_factor: Decimal = Decimal(1)
    int_text: Optional[str] = None   # plain integer digits (years)
    int_end: int = 0
    int_digits: Optional[str] = None  # integer part of an Arabic number, when ungrouped


@dataclass
class _Suffix:
    end: int
    mult: str = ""
    mult_factor: Decimal = Decimal(1)
    unit_text: str = ""
    unit_name: Optional[str] = None
    qualifiers: tuple[str, ...] = ()
    operator: Optional[str] = None


class _Grammar:
    """The compiled form of one :class:`UnitRules`."""

    def __init__(self, r: UnitRules, directions: "QualifierDirections"):
        self.r = r
        self.directions = {w: DIRECTIONS[directions.direction(w) or "framing"] for w in r.qualifiers}
        n = r.numerals
        self.digits = dict(n.digits)
        self.powers = dict(n.powers)
        self.sections = dict(n.sections)
        self.points = set(n.decimal_point)
        self.numerals = ChineseNumerals(n.digits, n.powers, n.sections, n.decimal_point)
        dcls = _cls(self.digits)
        start_cls = _cls(list(self.digits) + [k for k, v in self.powers.items() if v == 10])
        body_cls = _cls(list(self.digits) + list(self.powers) + list(self.sections))
        sec_cls = _cls(self.sections)
        pt = _alt(self.points)
        self.cn_pat = f"[{start_cls}][{body_cls}]*(?:(?:{pt})[{dcls}]+[{sec_cls}]*)?"
        seps = _cls(r.thousands_separators) if r.thousands_separators else None
        yw = _alt(r.dates.year_words)
        frac = rf"(?:\.(?!\d{{4}} *(?:{yw}))\d+)"
        if seps:
            int_pat = rf"(?:\d{{1,3}}(?:[{seps}]\d{{3}})+(?!\d)|\d+)"
        else:
            int_pat = r"\d+"
        self.ar_pat = rf"-?{int_pat}{frac}?"
        pp = _alt(r.prefix_units)
        first = _cls(set("-0123456789") | {w[0] for w in r.prefix_units} | set(self.digits)
                     | {k for k, v in self.powers.items() if v == 10})
        # the leading class lets the regex engine skip text that cannot start a number
        self.token_rx = _rx(
            rf"(?=[{first}])(?:(?P<pp>(?:{pp})(?=[{start_cls}]|\d))|(?P<ar>{self.ar_pat})|(?P<cn>{self.cn_pat}))")
        self.ar_rx = _rx(rf"(?P<int>{int_pat})(?P<frac>{frac})?")
        self.cn_rx = _rx(self.cn_pat)
        self.seps = set(r.thousands_separators)
        self.sep_table = str.maketrans({c: None for c in self.seps})

        # units: every spelling -> unit name
        self.spelling: dict[str, str] = {}
        alts = []
        for name, u in r.units.items():
            for s in [name, *u.synonyms]:
                self.spelling[s] = name
                la = f"(?!{_alt(u.not_before)})" if u.not_before else ""
                alts.append((s, re.escape(s) + la))
        alts.sort(key=lambda x: (-len(x[0]), x[0]))
        unit_alt = "|".join(a for _, a in alts)
        self.unit_rx = _rx(rf" *(?:(?P<u>{unit_alt})|\((?P<pu>{unit_alt})\))")
        # a unit in brackets, multiplier inside: "=5.00(万人次)", "≥13459.00(平方米)"
        self.paren_rx = _rx(rf" *\( *(?P<m>{_alt(r.multipliers)})? *(?P<u>{unit_alt}) *\)")
        self.mult_rx = _rx(rf" *(?P<m>{_alt(r.multipliers)})")
        self.inner_words = {w: q for w, q in r.qualifiers.items() if q.position == "inner"}
        self.inner_rx = _rx(rf" *(?P<q>{_alt(self.inner_words)})")
        after = {w for w, q in r.qualifiers.items() if q.position == "after"} | set(r.operators.after)
        self.after_rx = _rx(rf" *(?P<w>{_alt(after)})")
        before = {w for w, q in r.qualifiers.items() if q.position == "before"} | set(r.operators.before)
        self.before_word_rx = _rx(_alt(before))
        self.before_last = {w[-1] for w in before}
        self.before_rx = _rx(rf"(?:(?:{_alt(before)}) *)+$")
        self.range_rx = _rx(rf" *(?:{_alt(r.range_separators)}) *")
        self.ordinal_rx = _rx(rf"(?:{_alt(r.ordinal_prefixes)}) *$")
        # what may follow a Chinese numeral for it to be a number at all
        follow = set(self.spelling) | set(r.multipliers) | set(self.inner_words) | set(r.range_separators) \
            | set(r.dates.year_words) | set(r.dates.month_words) | set(r.dates.day_words) | {" ", "("}
        self.cn_follow = {w[0] for w in follow}
        # what may follow an Arabic number for it to be more than a bare number
        ar_follow = follow | set(r.dates.numeric_separators) | set(r.operators.after) \
            | {w for w, q in r.qualifiers.items() if q.position == "after"}
        self.ar_follow = {w[0] for w in ar_follow}
        self.cn_not_after_chars = {w for w in n.not_after if len(w) == 1}
        self.cn_not_after_long = tuple(w for w in n.not_after if len(w) > 1)
        self.not_numbers = set(n.not_numbers)
        self.indefinite = set(n.indefinite)
        self.minus_words = tuple(n.minus)
        self.no_sign_after = set(self.digits) | set(self.powers) | set(self.sections) \
            | {c for m in r.multipliers for c in m} | {s[-1] for s in self.spelling} \
            | {w[-1] for w in r.dates.year_words + r.dates.month_words + r.dates.day_words}

        d = r.dates
        self.year_word_rx = _rx(rf" *(?P<w>{_alt(d.year_words)})")
        self.month_rx = _rx(rf" *(?P<n>\d{{1,2}}(?!\d)|[{start_cls}]{{1,3}}) *(?P<w>{_alt(d.month_words)})")
        self.day_rx = _rx(rf" *(?P<n>\d{{1,2}}(?!\d)|[{start_cls}]{{1,4}}) *(?P<w>{_alt(d.day_words)})")
        nb = list(d.deadline_not_before) + list("0123456789")
        self.deadline_rx = _rx(rf" *(?P<w>{_alt(d.deadline_words)})(?!{_alt(nb)})")
        self.year_range_rx = _rx(
            rf" *(?:{_alt(d.year_words)})? *(?:{_alt(r.range_separators)}) *"
            rf"(?P<y>\d{{4}}(?!\d)|[{dcls}]{{4}}) *(?P<w>{_alt(d.year_words)})")
        self.iso_rx = _rx(
            rf"(?P<s>{_alt(d.numeric_separators)})(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?![\d.])")
        self.cn_year_rx = _rx(f"[{dcls}]{{4}}")

        # parse_number: Arabic with multiplier, or a Chinese numeral
        self.parse_ar_rx = _rx(rf"(?P<n>{int_pat}(?:\.\d+)?) *(?P<m>{_alt(r.multipliers)})?")
        self.parse_cn_rx = _rx(self.cn_pat)

    # ------------------------------------------------------------ numerals

    def split_cn(self, s: str) -> tuple[str, str, Decimal]:
        """A Chinese numeral -> (core, trailing section markers, their factor):
        ``五千万`` -> (``五千``, ``万``, 10000)."""
        core = s
        mult = ""
        while len(core) > 1 and core[-1] in self.sections and len(mult) < 2:
            mult = core[-1] + mult
            core = core[:-1]
        if any(c in self.sections for c in core):
            return s, "", Decimal(1)  # 一亿零五万: the 万 is a section, not a multiplier
        factor = Decimal(1)
        for c in mult:
            factor = _mul(factor, Decimal(self.sections[c]))
        return core, mult, factor

    # ------------------------------------------------------------ scanning

    def number_at(self, t: str, pos: int) -> Optional[_Num]:
        m = self.ar_rx.match(t, pos)
        if m:
            txt = m.group(0)
            it = m.group("int")
            value = Decimal(txt.translate(self.sep_table) if len(it) > 3 and not it.isdigit() else txt)
            plain = it if it.isdigit() and m.group("frac") is None else None
            return _Num(pos, m.end(), value, _precision(txt), "ar", int_text=plain,
                        int_end=m.end("int"), int_digits=it if it.isdigit() else None)
        m = self.cn_rx.match(t, pos)
        if m:
            return self.cn_num(m.group(0), pos)
        return None

    def cn_num(self, s: str, pos: int) -> Optional[_Num]:
        core, mult, factor = self.split_cn(s)
        try:
            value, prec = self.numerals.read(core)
        except ValueError:
            return None
        int_text = core if all(c in self.digits for c in core) and len(core) == 4 else None
        return _Num(pos, pos + len(s), value, prec, "cn", mult, factor,
                    int_text=str(value) if int_text else None, int_end=pos + len(core))

    def unit_at(self, t: str, pos: int, scaled: bool) -> Optional[tuple[int, str, str]]:
        """(end, spelling, unit name) of a unit at ``pos`` (after spaces, or
        in brackets); with ``scaled``, only a unit a multiplier may precede."""
        mu = self.unit_rx.match(t, pos)
        if not mu:
            return None
        ut = mu.group("u") or mu.group("pu")
        name = self.spelling[ut]
        if scaled and not self.r.units[name].scalable:
            return None
        return mu.end(), ut, name

    def after(self, t: str, pos: int) -> tuple[int, list[str], Optional[str]]:
        """A qualifier or operator word after a figure (以上, 左右)."""
        ma = self.after_rx.match(t, pos)
        if not ma:
            return pos, [], None
        w = ma.group("w")
        quals, op = [], None
        q = self.r.qualifiers.get(w)
        if q is not None and q.position == "after":
            quals.append(w)
            op = q.operator
        if w in self.r.operators.after:
            op = self.r.operators.after[w]
        return ma.end(), quals, op

    def suffix(self, t: str, pos: int, have_mult: bool) -> _Suffix:
        """Inner qualifier, multiplier, unit and after-word following ``pos``.
        ``have_mult``: the numeral carries its own multiplier (五千万)."""
        p = pos
        inner = None
        mi = self.inner_rx.match(t, p)
        if mi:
            inner, p = mi.group("q"), mi.end()
        mult, mfac = "", Decimal(1)
        uname, utext = None, ""
        mp = None if have_mult else self.paren_rx.match(t, p)
        if mp and mp.group("m") and not self.r.units[self.spelling[mp.group("u")]].scalable:
            mp = None
        u = self.unit_at(t, p, have_mult) if mp is None else None
        if mp is not None:
            if mp.group("m"):
                mult = mp.group("m")
                mfac = self.r.multipliers[mult]
            utext, uname, p = mp.group("u"), self.spelling[mp.group("u")], mp.end()
        elif u is not None:
            p, utext, uname = u
        elif not have_mult:
            mm = self.mult_rx.match(t, p)
            if mm:
                mult = mm.group("m")
                mfac = self.r.multipliers[mult]
                p = mm.end()
                if inner is None:
                    mi = self.inner_rx.match(t, p)
                    if mi:
                        inner, p = mi.group("q"), mi.end()
                u = self.unit_at(t, p, True)
                if u is not None:
                    p, utext, uname = u
        if inner is not None and not (mult or uname or have_mult):
            inner, p = None, pos  # 200多 with nothing after: the 多 is not ours
        quals = [inner] if inner is not None else []
        end, aq, op = self.after(t, p)
        quals += aq
        return _Suffix(end, mult, mfac, utext, uname, tuple(quals), op)

    def before(self, t: str, start: int, floor: int) -> tuple[int, list[str], Optional[str]]:
        """Qualifiers and operators right before ``start`` (not before ``floor``)."""
        k = start - 1
        while k >= floor and t[k] == " ":
            k -= 1
        if k < floor or t[k] not in self.before_last:
            return start, [], None
        lo = max(floor, start - 12)
        window = t[lo:start]
        m = self.before_rx.search(window)
        if not m:
            return start, [], None
        words = []
        for w in self.before_word_rx.finditer(window, m.start()):
            words.append((lo + w.start(), w.group(0)))
        # drop words that are the tail of another word (节约, 赶超)
        keep: list[tuple[int, str]] = []
        for at, w in words:
            q = self.r.qualifiers.get(w)
            if q is not None and q.position == "before" and q.not_after:
                if any(t[max(0, at - len(na)):at] == na for na in q.not_after):
                    keep = []
                    continue
            keep.append((at, w))
        if not keep:
            return start, [], None
        quals, op = [], None
        for _, w in keep:
            q = self.r.qualifiers.get(w)
            if q is not None and q.position == "before":
                quals.append(w)
                if op is None and q.operator:
                    op = q.operator
            if w in self.r.operators.before:
                op = self.r.operators.before[w]
        return keep[0][0], quals, op

    def pick_qualifier(self, quals) -> Optional[str]:
        if not quals:
            return None
        for w in quals:
            if self.directions.get(w, "none") != "none":
                return w
        return quals[0]

    def unit_info(self, mult: str, mfac: Decimal, uname: Optional[str]) -> tuple[str, str, Decimal]:
        """(unit class, normalized unit, factor) of a multiplier + unit."""
        if uname is None:
            return ("none", "", mfac)
        u = self.r.units[uname]
        return (u.unit_class, u.base or uname, _mul(mfac, u.factor))

    # ------------------------------------------------------------ dates

    def _small(self, s: str) -> Optional[int]:
        if s.isdigit():
            return int(s)
        try:
            return self.numerals.read_int(s)
        except ValueError:
            return None

    def date_at(self, t: str, num: _Num) -> Optional[tuple[int, str, Decimal, str, Optional[Decimal], bool, Optional[str]]]:
        """A date starting with ``num``: (end, iso, value, unit, upper, deadline, operator)."""
        d = self.r.dates
        if num.kind == "ar" and num.int_text is None and num.int_digits is not None \
                and len(num.int_digits) == 4 and t[num.start] != "-" \
                and d.year_min <= int(num.int_digits) <= d.year_max:
            mi = self.iso_rx.match(t, num.int_end)  # 2024.4.1 (read as 2024.4 first)
            if mi:
                try:
                    dt = datetime.date(int(num.int_digits), int(mi.group("m")), int(mi.group("d")))
                except ValueError:
                    return None
                return self._deadline(t, mi.end(), dt.isoformat(), Decimal(dt.strftime("%Y%m%d")), "日")
            return None
        if num.int_text is not None and d.year_min <= int(num.int_text) <= d.year_max \
                and t[num.start] != "-" and (num.kind == "cn" or len(num.int_text) == 4):
            y = int(num.int_text)
            ystart = num.int_end
            # numeric date: 2024-04-01, 2024/4/1, 2024.4.1
            if num.kind == "ar":
                mi = self.iso_rx.match(t, ystart)
                if mi:
                    try:
                        dt = datetime.date(y, int(mi.group("m")), int(mi.group("d")))
                    except ValueError:
                        dt = None
                    if dt is not None:
                        return self._deadline(t, mi.end(), dt.isoformat(), Decimal(dt.strftime("%Y%m%d")), "日")
            # range of years: 2022-2024年, 2019至2021年, 2019年至2021年
            mr = self.year_range_rx.match(t, ystart)
            if mr:
                y2 = self._year(mr.group("y"))
                if y2 is not None and y < y2 <= d.year_max:
                    return (mr.end(), f"{y}/{y2}", Decimal(y), "年", Decimal(y2), False, "range")
            my = self.year_word_rx.match(t, ystart)
            if not my:
                return None
            end, iso, unit, value = my.end(), f"{y:04d}", my.group("w"), Decimal(y)
            mm = self.month_rx.match(t, end)
            if mm:
                mo = self._small(mm.group("n"))
                if mo is not None and 1 <= mo <= 12:
                    end, iso, unit, value = mm.end(), f"{y:04d}-{mo:02d}", "月", Decimal(y * 100 + mo)
                    md = self.day_rx.match(t, end)
                    if md:
                        da = self._small(md.group("n"))
                        try:
                            dt = datetime.date(y, mo, da) if da is not None else None
                        except ValueError:
                            dt = None
                        if dt is not None:
                            end, iso, unit, value = md.end(), dt.isoformat(), "日", Decimal(dt.strftime("%Y%m%d"))
            return self._deadline(t, end, iso, value, unit)
        # month (and day) without a year: 4月1日前, 6月底前
        small_ar = num.kind == "ar" and num.int_text is not None and len(num.int_text) <= 2 \
            and t[num.start] != "-"
        small_cn = num.kind == "cn" and not num.mult and not num.precision
        if small_ar or small_cn:
            mm = self.month_rx.match(t, num.start)
            if mm and mm.start("n") == num.start:
                mo = self._small(mm.group("n"))
                if mo is not None and 1 <= mo <= 12:
                    end, iso, unit, value = mm.end(), f"--{mo:02d}", "月", Decimal(mo)
                    md = self.day_rx.match(t, end)
                    if md:
                        da = self._small(md.group("n"))
                        if da is not None and 1 <= da <= 31:
                            end, iso, unit, value = md.end(), f"--{mo:02d}-{da:02d}", "日", Decimal(mo * 100 + da)
                    return self._deadline(t, end, iso, value, unit)
        return None

    def _year(self, s: str) -> Optional[int]:
        if s.isdigit():
            return int(s)
        if self.cn_year_rx.fullmatch(s):
            return self.numerals.read_int(s)  # 二〇二四: four digits
        return None

    def _deadline(self, t, end, iso, value, unit):
        md = self.deadline_rx.match(t, end)
        if md:
            return (md.end(), iso, value, unit, None, True, "<=")
        return (end, iso, value, unit, None, False, None)


def _grammar(rules: "RulesLike") -> _Grammar:
    """The compiled grammar of a rule set's units.yaml (default: the rules
    shipped with the package), built once per rule set."""
    rs = RuleSet.of(rules)
    return rs.derived("quantities.grammar", lambda: _Grammar(rs.units, rs.glossary.qualifiers))


# ====================================================================== finding


# A minus sign counts only after one of these (or a Chinese character that
# is not part of a numeral or unit): "增长-3.2%" is negative, "2022-2024" a range.
_SIGN_AFTER = set(" (:,;=<>≥≤、：，；（")


def find_quantities(text: str, rules: "RulesLike" = None) -> list[QuantityMatch]:
    """Every figure stated in ``text``, in order, never overlapping.

    Arabic numbers without a unit come back too (unit ``""``, class
    ``none``), so ``1+6+3`` gives three numbers; Chinese numerals only with a
    unit or multiplier. Ordinals (``第6``, ``第一名``) are skipped.
    """
    if not text:
        return []
    g = _grammar(rules)
    t = _fold(text)
    out: list[QuantityMatch] = []
    last = 0
    for tok in g.token_rx.finditer(t):
        if tok.start() < last:
            continue
        q = _read_at(g, t, text, tok, last)
        if q is not None:
            out.append(q)
            last = q.end
    return out


def _read_at(g: _Grammar, t: str, text: str, tok: re.Match, floor: int) -> Optional[QuantityMatch]:
    """The figure whose number token is ``tok``, or None."""
    start = tok.start()
    kind = tok.lastgroup
    if kind == "pp":
        num = g.number_at(t, tok.end())
        if num is None:
            return None
        num = replace(num, start=start)
    elif kind == "ar":
        if t[start] == "-":
            prev = t[start - 1] if start > 0 else " "
            if not (prev in _SIGN_AFTER or ("\u4e00" <= prev <= "\u9fff" and prev not in g.no_sign_after)):
                start += 1  # a hyphen, not a sign
        prev = t[start - 1] if start > 0 else ""
        if prev.isascii() and prev.isalpha():
            return None  # a number inside a Latin token: CO2, H7N9, V2
        neg = t[start] == "-"
        num = g.number_at(t, start + 1 if neg else start)
        if num is None:
            return None
        if neg:
            num = replace(num, start=start, value=num.value.copy_negate())
        if prev == "." and start >= 2 and t[start - 2].isdigit() and g.date_at(t, num) is None:
            return None  # 1.2.3; but "表 1.2024 年度" has a year after its caption number
    else:
        nxt = tok.end()
        if (nxt >= len(t) or t[nxt] not in g.cn_follow) and t[nxt - 1] not in g.sections:
            return None  # 一是, 二级, 十四五: nothing a number could take
        if start > 0 and (t[start - 1] in g.cn_not_after_chars
                          or any(t[max(0, start - len(w)):start] == w for w in g.cn_not_after_long)):
            return None  # 统一, 唯一, 之一
        num = g.cn_num(tok.group("cn"), start)
        if num is None:
            return None

    if start > 0 and g.ordinal_rx.search(t, max(floor, start - 4), start):
        return None  # 第6, 第一名, 第十六届

    if kind == "ar":  # fast path: a bare number (table cells, codes, counts without unit)
        j, n = num.end, len(t)
        while j < n and t[j] == " ":
            j += 1
        if j >= n or (t[j] not in g.ar_follow and not (t[j].isascii() and t[j].isalpha())):
            return _build(g, t, text, start, floor, num.end, num.value, "", "none", num.value, "",
                          num.precision, [], None)

    if kind == "pp":  # 百分之八十
        name = g.r.prefix_units[tok.group("pp")]
        u = g.r.units[name]
        end, aq, aop = g.after(t, num.end)
        value = _mul(num.value, num.mult_factor)
        return _build(g, t, text, start, floor, end, value, name, u.unit_class, _mul(value, u.factor),
                      u.base or name, num.precision, aq, aop)

    dq = g.date_at(t, num)
    if dq is not None:
        end, iso, value, unit, upper, deadline, op = dq
        return _build(g, t, text, start, floor, end, value, unit, "date", value,
                      "年" if unit == "年度" else unit, 0, [], op, upper, iso, deadline)

    core = t[num.start:num.end - len(num.mult)]
    if num.kind == "cn" and len(core) > 1 and all(c in g.digits for c in core):
        return None  # 五六个, 一二级: digit strings count only as years

    suf = g.suffix(t, num.end, bool(num.mult))
    if num.kind == "ar" and suf.unit_name is None and not suf.mult and num.end < len(t) \
            and t[num.end].isascii() and t[num.end].isalpha():
        return None  # a code: 5G, 10kV

    rq = _range(g, t, num, suf)  # 10-20万元, 3至5项, 10%-20%
    if rq is not None:
        n2, suf2 = rq
        mult = n2.mult or suf2.mult
        mfac = n2.mult_factor if n2.mult else suf2.mult_factor
        uclass, nunit, factor = g.unit_info(mult, mfac, suf2.unit_name)
        return _build(g, t, text, start, floor, suf2.end, num.value, mult + suf2.unit_text, uclass,
                      _mul(num.value, factor), nunit, max(num.precision, n2.precision),
                      list(suf2.qualifiers), "range", n2.value)

    mult = num.mult or suf.mult
    mfac = num.mult_factor if num.mult else suf.mult_factor
    if num.kind == "cn":
        if not mult and suf.unit_name is None:
            return None  # a Chinese numeral needs a unit or multiplier: 一是, 二级
        if not mult and core in g.indefinite:
            return None  # 一批, 一次: an article
        if (core + suf.unit_text) in g.not_numbers:
            return None  # 十分
    uclass, nunit, factor = g.unit_info(mult, mfac, suf.unit_name)
    return _build(g, t, text, start, floor, suf.end, num.value, mult + suf.unit_text, uclass,
                  _mul(num.value, factor), nunit, num.precision, list(suf.qualifiers), suf.operator)


def _build(g: _Grammar, t: str, text: str, start: int, floor: int, end: int, value: Decimal, unit: str,
           uclass: str, nvalue: Decimal, nunit: str, precision: int, quals: list[str],
           op: Optional[str], upper: Optional[Decimal] = None, date: Optional[str] = None,
           deadline: bool = False) -> QuantityMatch:
    """The match, with the qualifiers and operators standing before it."""
    bstart, bquals, bop = g.before(t, start, floor)
    return QuantityMatch(bstart, end, text[bstart:end], value, unit, uclass, _tidy(nvalue), nunit,
                         precision, g.pick_qualifier(bquals + quals), op or bop, upper, date, deadline)


def _range(g: _Grammar, t: str, n1: _Num, suf1: _Suffix) -> Optional[tuple[_Num, _Suffix]]:
    """The high end of a range starting with ``n1`` (and its suffix), if one
    follows: both ends in one unit, the low end below the high end."""
    p = n1.end
    if suf1.mult or suf1.unit_name:
        if suf1.qualifiers or suf1.operator:
            return None
        p = suf1.end
    m = g.range_rx.match(t, p)
    if not m:
        return None
    n2 = g.number_at(t, m.end())
    if n2 is None or n2.kind != n1.kind:
        return None
    suf2 = g.suffix(t, n2.end, bool(n2.mult))
    u1 = n1.mult + suf1.mult + suf1.unit_text
    m2 = n2.mult or suf2.mult
    u2 = m2 + suf2.unit_text
    if u1 and u1 != u2 and not (u1 in g.r.multipliers and u2.startswith(u1)):
        return None  # 10万-20万元 shares 万; 5千-1万元 does not
    if n1.mult and not u2.startswith(n1.mult):
        return None
    if n1.kind == "cn" and not u2:
        return None
    if not n1.value < n2.value:
        return None
    if n1.kind == "ar" and (_code(t, n1) or _code(t, n2)):
        return None  # 0750-3501234 is a phone number
    return n2, suf2


def _code(t: str, n: _Num) -> bool:
    s = t[n.start:n.end].lstrip("-")
    return len(s) > 1 and s[0] == "0" and s[1].isdigit()


# ====================================================================== numbers


@dataclass(frozen=True)
class DateParts:
    """The parts of a date as :attr:`QuantityMatch.date` writes it: ``year``
    is None for a date stated without one (``4月30日前`` is ``--04-30``,
    ``6月`` is ``--06``); ``last_year`` ends a range of years (``2022/2024``)."""

    year: Optional[int]
    month: Optional[int] = None
    day: Optional[int] = None
    last_year: Optional[int] = None


_ISO_DATE = re.compile(r"(?P<y>\d{4})(?:/(?P<y2>\d{4})|-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?"
                       r"|--(?P<mo>\d{2})(?:-(?P<da>\d{2}))?")


def date_parts(iso: str) -> DateParts:
    """``2024-04-01`` -> (2024, 4, 1); ``--04-30`` -> (None, 4, 30);
    ``2022/2024`` -> (2022, last_year 2024). ValueError for anything else."""
    m = _ISO_DATE.fullmatch(iso)
    if m is None:
        raise ValueError(f"not a date of the quantity grammar: {iso!r}")

    def num(*names: str) -> Optional[int]:
        for name in names:
            if m.group(name) is not None:
                return int(m.group(name))
        return None

    return DateParts(num("y"), num("m", "mo"), num("d", "da"), num("y2"))


def parse_number(s: str, rules: "RulesLike" = None) -> Decimal:
    """The exact value of a number as written.

    ``"6,239.85"``, ``"１２３"``, ``"一万二千"``, ``"二〇二四"``, ``"十六"``,
    ``"5.7万"`` (57000), ``"1.0698亿"`` (106980000), ``"-3.5"``, ``"负五"``.
    A number without multiplier keeps its stated exponent (``"6159.90"`` ->
    ``Decimal("6159.90")``). Raises ``ValueError`` on anything else.
    """
    if not isinstance(s, str):
        raise ValueError(f"not a number: {s!r}")
    g = _grammar(rules)
    t = _fold(s).strip()
    neg = False
    if t[:1] in ("-", "+"):
        neg, t = t[0] == "-", t[1:].lstrip()
    else:
        for w in g.minus_words:
            if t.startswith(w):
                neg, t = True, t[len(w):].lstrip()
                break
    if not t:
        raise ValueError(f"not a number: {s!r}")
    m = g.parse_ar_rx.fullmatch(t)
    if m:
        n = m.group("n")
        value = Decimal("".join(c for c in n if c.isdigit() or c == "."))
        if m.group("m"):
            value = _tidy(_mul(value, g.r.multipliers[m.group("m")]))
    elif g.parse_cn_rx.fullmatch(t):
        core, mult, factor = g.split_cn(t)
        base, _ = g.numerals.read(core)
        value = _tidy(_mul(base, factor)) if mult else base
    else:
        raise ValueError(f"not a number: {s!r}")
    return value.copy_negate() if neg else value  # exact, unlike unary minus


def format_number(d: Decimal, grouping: bool = False) -> str:
    """``d`` as plain text (no exponent) that :func:`parse_number` reads back
    to the same value; with ``grouping``, thousands separated by commas."""
    if not isinstance(d, Decimal):
        d = Decimal(d) if isinstance(d, (int, str)) else Decimal(str(d))
    if not d.is_finite():
        raise ValueError(f"not a finite number: {d}")
    return format(d, ",f" if grouping else "f")


def resolve_unit(unit: str, rules: "RulesLike" = None) -> Optional[tuple[str, str, Decimal]]:
    """A unit as written in a header or label (``万元``, ``(万元)``, ``亿 元``,
    ``%``) -> (unit class, normalized unit, exact factor), or None."""
    g = _grammar(rules)
    u = _fold(unit).strip().strip("()（）[]【】").replace(" ", "")
    if not u:
        return None
    if u in g.spelling:
        return g.unit_info("", Decimal(1), g.spelling[u])
    for m in sorted(g.r.multipliers, key=len, reverse=True):
        if u.startswith(m):
            rest = u[len(m):]
            if not rest:
                return ("none", "", g.r.multipliers[m])
            name = g.spelling.get(rest)
            if name is not None and g.r.units[name].scalable:
                return g.unit_info(m, g.r.multipliers[m], name)
    return None


def qualifier_direction(word: Optional[str], rules: "RulesLike" = None) -> Optional[str]:
    """The direction a qualifier loosens its figure in: ``lower`` (超, 多,
    以上: the figure is a lower bound), ``upper`` (不足, 以下), ``approx``
    (近, 约, 左右), ``none`` (累计); None for no or an unknown word."""
    if not word:
        return None
    return _grammar(rules).directions.get(word)


def parse_target(text: str, rules: "RulesLike" = None) -> tuple[Optional[str], Optional[QuantityMatch]]:
    """An indicator-table target cell -> (operator, quantity).

    ``"≥6 项"`` -> (``>=``, 6 项); ``"500 项以上"`` -> (``>=``, 500 项);
    ``"100%"`` -> (None, 100 %); ``"2024年4 月1日前"`` -> (``<=``, deadline
    date); ``"=100.00(%)"`` -> (``=``, 100.00 %); ``"按时完成"`` -> (None, None).
    Where the cell states several figures, a leading plain year (context,
    ``2024年完成率≥90%``) gives way to the first other figure.
    """
    if not text or not text.strip():
        return None, None
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    found = find_quantities(flat, rules)
    if not found:
        return None, None
    q = found[0]
    if len(found) > 1 and q.unit_class == "date" and not q.deadline and q.operator is None:
        q = found[1]
    q = replace(q, text=text[q.start:q.end])
    return q.operator, q
