"""Chinese numerals: the one reader and the one writer.

:class:`ChineseNumerals` reads a numeral with the characters of a rule set
(rules/units.yaml ``numerals``: digits with their financial forms 壹 贰 …,
powers 十 百 千, sections 万 亿, the decimal point 点), as
:mod:`extract.quantities`, the heading markers and the checks read them:

>>> n = ChineseNumerals({"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "五": 5},
...                     {"十": 10, "百": 100, "千": 1000}, {"万": 10000, "亿": 100000000})
>>> n.read_int("三千零五"), n.read_int("十二"), n.read_int("二〇二二"), n.read_int("一万二")
(3005, 12, 2022, 12000)
>>> n.read("三点五")
(Decimal('3.5'), 1)

:func:`write` writes a whole number as a count reads (and Word numbers a
list): 一, 十, 十一, 二十三, 一百零五, 一万零二, 一亿二千万.

>>> [write(k) for k in (1, 10, 11, 23, 105, 110, 10002, 120000000)]
['一', '十', '十一', '二十三', '一百零五', '一百一十', '一万零二', '一亿二千万']
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Iterable, Mapping, Optional

if TYPE_CHECKING:
    from .ruleset import RulesLike

#: The characters :func:`write` writes with.
WRITTEN_DIGITS = "零一二三四五六七八九"
_WRITTEN_POWERS = ((1000, "千"), (100, "百"), (10, "十"))
_WRITTEN_SECTIONS = ((10 ** 8, "亿"), (10 ** 4, "万"))


class ChineseNumerals:
    """A reader of Chinese numerals over one table of characters."""

    def __init__(self, digits: Mapping[str, int], powers: Mapping[str, int],
                 sections: Mapping[str, int], points: Iterable[str] = ("点",)):
        self.digits = dict(digits)
        self.powers = dict(powers)
        self.sections = dict(sections)
        self.points = tuple(points)
        self._sections = sorted(self.sections.items(), key=lambda kv: -kv[1])
        self._ordinals: dict[str, int] = {}  # what ordinal() read (few texts, asked of every marked line)

    @property
    def characters(self) -> set[str]:
        """Every character a numeral of this table may hold."""
        return set(self.digits) | set(self.powers) | set(self.sections)

    def read_block(self, s: str) -> int:
        """A numeral below 10000 (``三千零五``, ``十六``, ``二百五``)."""
        total, digit, last_p, zero = 0, None, 10 ** 9, False
        for c in s:
            if c in self.digits:
                v = self.digits[c]
                if v == 0:
                    if digit is not None:
                        raise ValueError(f"misplaced zero in {s!r}")
                    zero = True
                    continue
                if digit is not None:
                    raise ValueError(f"two digits in a row in {s!r}")
                digit = v
            elif c in self.powers:
                p = self.powers[c]
                if p >= last_p:
                    raise ValueError(f"powers out of order in {s!r}")
                if digit is None:
                    if p == 10 and (total == 0 or zero):
                        digit = 1
                    else:
                        raise ValueError(f"power without digit in {s!r}")
                total += digit * p
                last_p, digit, zero = p, None, False
            else:
                raise ValueError(f"not a numeral: {s!r}")
        if digit is not None:
            if zero or last_p == 10 ** 9:
                total += digit
            else:  # colloquial 二百五 = 250, 三千五 = 3500
                total += digit * last_p // 10
        elif zero and last_p != 10 ** 9:
            raise ValueError(f"trailing zero in {s!r}")
        return total

    def read_int(self, s: str, secs: Optional[list[tuple[str, int]]] = None) -> int:
        """A Chinese integer numeral (``一万二千``, ``十六``, ``二〇二四``)."""
        if not s:
            raise ValueError("empty numeral")
        if all(c in self.digits for c in s):
            if len(s) == 1:
                return self.digits[s]
            return int("".join(str(self.digits[c]) for c in s))  # 二〇二四
        if secs is None:
            secs = self._sections
        for i, (ch, val) in enumerate(secs):
            k = s.find(ch)
            if k < 0:
                continue
            left, right = s[:k], s[k + 1:]
            if not left:
                raise ValueError(f"section marker without a number in {s!r}")
            lower = [x for x in secs[i + 1:] if x[1] < val]
            lv = self.read_int(left, lower) if len(left) > 1 or left not in self.digits else self.digits[left]
            if lv == 0:
                raise ValueError(f"zero before a section marker in {s!r}")
            if not right:
                return lv * val
            gap = False
            while right and right[0] in self.digits and self.digits[right[0]] == 0:
                right, gap = right[1:], True
            if not right:
                raise ValueError(f"trailing zero in {s!r}")
            if len(right) == 1 and right in self.digits and not gap:
                return lv * val + self.digits[right] * val // 10  # 一万二 = 12000
            rv = self.read_int(right, lower) if any(c not in self.digits for c in right) or len(right) == 1 \
                else None
            if rv is None:
                raise ValueError(f"digits in a row in {s!r}")
            if rv >= val:
                raise ValueError(f"section out of order in {s!r}")
            return lv * val + rv
        if any(c in self.sections for c in s):
            raise ValueError(f"repeated section marker in {s!r}")
        return self.read_block(s)

    def read(self, s: str) -> tuple[Decimal, int]:
        """A Chinese numeral with an optional decimal part -> (value, decimals)."""
        for p in self.points:
            if p in s:
                ip, fp = s.split(p, 1)
                if not fp or any(c not in self.digits for c in fp):
                    raise ValueError(f"bad decimal part in {s!r}")
                iv = self.read_int(ip)
                frac = "".join(str(self.digits[c]) for c in fp)
                return Decimal(f"{iv}.{frac}"), len(frac)
        return Decimal(self.read_int(s)), 0

    def ordinal(self, s: str) -> int:
        """The number of an ordinal as a heading or enumeration writes it:
        ``12``, ``十二``, ``⑫``."""
        try:
            return self._ordinals[s]
        except KeyError:
            pass
        if s in CIRCLED:
            n = CIRCLED.index(s) + 1
        elif s.isdigit():  # 12, and full-width １２
            n = int(s)
        else:
            n = self.read_int(s)  # (a ValueError is not kept: raised again each time)
        if len(self._ordinals) >= 4096:
            self._ordinals.clear()
        self._ordinals[s] = n
        return n


#: Circled numbers ① … ⑳ (heading markers).
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _write_block(n: int, leading: bool) -> str:
    """``0 < n < 10000`` in Chinese; ``leading``: the first block written
    (一十 is written 十 only there)."""
    out = ""
    for value, name in _WRITTEN_POWERS:
        digit, n = divmod(n, value)
        if digit:
            out += ("" if (value == 10 and digit == 1 and not out and leading) else WRITTEN_DIGITS[digit]) + name
        elif out and n:
            out += "零" if not out.endswith("零") else ""
    if n:
        out += WRITTEN_DIGITS[n]
    return out


def write(n: int) -> str:
    """A whole number ``0 <= n < 10**12`` in Chinese, as a count reads:
    十一, 一百零五, 一万零二; ValueError outside that range."""
    if n < 0 or n >= 10 ** 12:
        raise ValueError(f"{n}: not a count Chinese numerals are written for here")
    if n == 0:
        return WRITTEN_DIGITS[0]
    out, rest, gap = "", n, False
    for value, name in _WRITTEN_SECTIONS:
        block, rest = divmod(rest, value)
        if block:
            if out and (gap or block < 1000):
                out += "零"
            out += _write_block(block, not out) + name
            gap = False
        elif out:
            gap = True
    if rest:
        if out and (gap or rest < 1000):
            out += "零"
        out += _write_block(rest, not out)
    return out


def numerals_of(rules: "RulesLike" = None) -> ChineseNumerals:
    """The reader of a rule set's numerals (units.yaml ``numerals``), built
    once per rule set."""
    from .ruleset import RuleSet

    rs = RuleSet.of(rules)
    n = rs.units.numerals
    return rs.derived("numerals", lambda: ChineseNumerals(n.digits, n.powers, n.sections, n.decimal_point))
