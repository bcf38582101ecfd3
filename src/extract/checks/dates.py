"""Dates that cannot be: a day the month does not have, and years with a
digit dropped or doubled.

:func:`check_dates` takes the check context and returns one failed
CheckResult per impossible date in the source text (``2023年9月31日``,
``2023年2月29日`` in a common year, ``13月5日``) and per year of three or
five digits where a year stands (``202年度``, ``20233年12月``), per work
dated to end before it starts and per paragraph dating a step of the
self-evaluation before an earlier step (形成自评报告 before 启动自评工作);
the forms are rules/checks.yaml ``dates``. A date of a valid year, month and day is
not reported (passes are not listed one by one: there are hundreds). The
text is scanned as its search key (widths folded, white space dropped), so
``２０２３ 年 ６ 月 ３１ 日`` is read too; without a source, the sections'
own text is scanned and the finding points at the section.
"""

from __future__ import annotations

import bisect
import calendar
import re
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from ..model import CheckResult, Location
from ..numerals import numerals_of
from .context import CheckContext, make_result
from .screen import led

if TYPE_CHECKING:
    from ..rulefiles.checks import DateRules
    from ..rulefiles.units import DateRules as UnitDateRules

RULE = "date_validity"


def _texts(ctx: CheckContext) -> Iterator[tuple[str, Sequence[int], Optional[Location]]]:
    """(text, source offsets per character or (), fallback location)."""
    key = ctx.quotes.key  # search_key(source text), made once for the quotes
    if key is not None:
        yield key.text, key.offsets, None  # (read, not copied)
        return
    for s in ctx.report.sections:
        yield f"{s.title}\n{s.body}", (), s.location


def _problem(m: re.Match, rx_year: str) -> Optional[tuple[str, str]]:
    """(what is wrong, the token) of one date match, or None."""
    if m.re.pattern == rx_year:
        return f"年份“{m.group('year')}”不是四位数", m.group(0)
    year = int(m.group("y")) if m.group("y") else None
    month, day = int(m.group("m")), int(m.group("d"))
    if not 1 <= month <= 12:
        return f"月份“{month}月”不存在", m.group(0)
    if month == 2 and day == 29 and year is not None and not calendar.isleap(year):
        return f"{year}年不是闰年，没有2月29日", m.group(0)
    days = calendar.monthrange(year if year is not None else 2000, month)[1]
    if not 1 <= day <= days:
        return f"{month}月只有{days}天", m.group(0)
    return None


def _not_a_day(ctx: CheckContext, m: re.Match, text: str, offsets: Sequence[int]) -> bool:
    """Whether an impossible 月…号 is no date: a voucher's number of that
    month (12月75号凭证, a 凭证号 column: checks.yaml ``dates.voucher_words``
    within ``voucher_reach`` characters), or a figure read across a line
    break (a cell's 6 and the next cell's 1月: the month's digits on two lines)."""
    if "m" not in m.re.groupindex or "d" not in m.re.groupindex or m.group("d") is None:
        return False
    rules = ctx.book.rules.dates
    if rules.voucher_words and text[m.end("d"):m.end("d") + 1] == "号":
        near = text[max(0, m.start() - rules.voucher_reach):m.end() + rules.voucher_reach]
        if any(w in near for w in rules.voucher_words):
            return True
    if offsets and ctx.quotes.source is not None:
        raw = ctx.quotes.source.text
        a, b = m.span("m")
        return "\n" in raw[offsets[a]:offsets[b - 1]]
    return False


def anchored_finditer(rx: re.Pattern, anchor: Optional[str], reach: int, text: str) -> Iterator[re.Match]:
    """The matches of ``rx`` in ``text``, found by trying ``rx`` only around
    the matches of ``anchor`` (each match of ``rx`` holds one and starts at
    most ``reach`` characters before it): the same matches as
    ``rx.finditer(text)``, without testing every character."""
    if anchor is None:
        yield from rx.finditer(text)
        return
    last = 0
    for a in re.finditer(anchor, text):
        start = max(last, a.start() - reach)
        m = rx.search(text, start, a.end() + reach)
        while m is not None and m.end() <= a.start():  # one that ends before the anchor: not this one
            m = rx.search(text, m.end(), a.end() + reach)
        if m is not None and m.start() >= last:
            yield m
            last = m.end()


def numeric_date(rules: "UnitDateRules") -> re.Pattern:
    r"""A numeric date (2023.9.31, 2023-02-30, 2023/4/31): a four-digit year,
    a month and a day joined by the same one of units.yaml
    ``dates.numeric_separators`` twice; groups y, m, d (as ``dates.date``).
    The year opens the pattern, the place before it looked at from its
    first digit (``(?<![\d.])\d{4}`` written so): a search skips to the
    digits instead of trying the lookbehind at every character (issue 14)."""
    separators = "|".join(re.escape(s) for s in rules.numeric_separators)
    return re.compile(rf"(?P<y>\d(?<![\d.]\d)\d{{3}})(?P<s>{separators})(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?![\d.])")


def _a_numeric_date(m: re.Match, rules: "UnitDateRules") -> bool:
    """A numeric match is a date only with a year of the range and a month of
    the year (2023.15.3 is some other figure: only its day is judged)."""
    return rules.year_min <= int(m.group("y")) <= rules.year_max and 1 <= int(m.group("m")) <= 12


# a date of a year and a month, its day if stated (开工 in 2023年3月 or on 2023年3月5日)
_FULL_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")
_CLAUSE_END = re.compile(r"[，,；;：:]")


def _date_event_patterns(ctx: CheckContext) -> Optional[tuple[re.Pattern, re.Pattern, re.Pattern]]:
    """The rule's ``date_event`` compiled once per rule book, with the screen
    of its ``end`` group's words (a sentence naming no end is not searched)
    and its ``date_event_same_work``."""
    rules = ctx.book.rules.dates

    def build():
        if rules.date_event is None:
            return None
        event = re.compile(rules.date_event)
        ends = re.search(r"\(\?P<end>((?:[^()]|\([^()]*\))*)\)", rules.date_event)
        screen = led(ends.group(1) if ends else rules.date_event)
        return event, screen, re.compile(rules.date_event_same_work)
    return ctx.rules.derived("checks.dates.date_event", build)


def _before(end: tuple[int, int, int], start: tuple[int, int, int]) -> bool:
    """Whether a work's end date falls before its start: a date without a
    day (0) is its whole month, before only a date of a later month."""
    if end[2] and start[2]:
        return end < start
    return end[:2] < start[:2]


def _date_order(ctx: CheckContext, text: str, offsets: Sequence[int]) -> list[CheckResult]:
    """A sentence dating a work's end before its start (checks.yaml
    ``dates.date_event``), the later dated clause naming no work of its own
    (``date_event_same_work``): one failed result per such sentence."""
    patterns = _date_event_patterns(ctx)
    if patterns is None or not offsets:
        return []
    event, screen, same_work = patterns
    if screen.search(text) is None:
        return []
    out: list[CheckResult] = []
    for sentence in re.finditer(r"[^。！？!?\n]+", text):
        body = sentence.group()
        if screen.search(body) is None:
            continue
        dated: dict[str, tuple[tuple[int, int, int], re.Match]] = {}
        for m in _FULL_DATE.finditer(body):
            e = event.match(body, m.end())
            if e is None:
                continue
            try:
                key = (int(m.group("y")), int(m.group("m")), int(m.group("d") or 0))
                calendar.weekday(key[0], key[1], key[2] or 1)
            except ValueError:
                continue  # an impossible date: check_dates reports it
            dated.setdefault("start" if e.group("start") else "end", (key, m))
        if "start" in dated and "end" in dated and _before(dated["end"][0], dated["start"][0]):
            (_, s), (_, f) = dated["start"], dated["end"]
            first, later = sorted((s, f), key=lambda m: m.start())
            words = body[first.end():later.start()]
            clause = [c.end() for c in _CLAUSE_END.finditer(words)]
            if clause and same_work.fullmatch(words[clause[-1]:].strip()) is None:
                continue  # the later date of another work (…竣工，乙桥工程于…开工)
            a, b = sentence.start() + min(s.start(), f.start()), sentence.start() + max(s.end(), f.end())
            where = ctx.quotes.source.locate(offsets[a], offsets[b - 1] + 1)
            out.append(make_result(ctx, RULE, "date_order", "fail",
                                   f"完成日期“{f.group()}”早于开始日期“{s.group()}”",
                                   expected=None, stated=f.group(), quote=ctx.quotes.sentence_at(where),
                                   locations=[where]))
    return out


# a date of a month, its year and day if stated (1月20日, 2024年12月, 12月10号)
_STEP_DATE = re.compile(r"(?:(?<!\d)(?P<y>\d{4})年)?(?<!\d)(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")
_CLAUSE_BREAKS = "，,；;：:。！？!?"
_SENTENCE_MARKS = "。！？!?"


def _step_patterns(ctx: CheckContext) -> Optional[tuple[re.Pattern, list[tuple[str, int]]]]:
    """The rule's ``evaluation_steps`` as one alternation (group ``s<k>`` for
    the k-th step) with the (name, rank) of each, compiled once per rule book."""
    steps = ctx.book.rules.dates.evaluation_steps

    def build():
        if len(steps) < 2:
            return None
        # (searched from its first characters only: no step names most of a report)
        rx = led("|".join(f"(?P<s{k}>{step.words})" for k, step in enumerate(steps)))
        return rx, [(step.name, step.rank) for step in steps]
    return ctx.rules.derived("checks.dates.evaluation_steps", build)


def _paragraph_end(ctx: CheckContext, text: str, offsets: Sequence[int], at: int) -> bool:
    """Whether the sentence mark at ``at`` of the scanned text ends its
    source line (the scanned text has no line breaks): a paragraph's end."""
    if at + 1 >= len(text):
        return True
    line_of = ctx.quotes.source.line_of
    return line_of(offsets[at + 1]) > line_of(offsets[at])


def _paragraph_ends(ctx: CheckContext, text: str, offsets: Sequence[int]) -> list[int]:
    """The ends (one past) of the paragraphs of the scanned text, in order:
    after each sentence mark that ends its source line (a heading line
    without a mark goes with the paragraph after it), and the text's end."""
    marks = re.finditer(f"[{re.escape(_SENTENCE_MARKS)}]", text)
    return [m.end() for m in marks if _paragraph_end(ctx, text, offsets, m.start())] + [len(text)]


def _paragraph_dates(text: str, start: int, end: int, next_year: tuple[str, ...]
                     ) -> dict[int, tuple[tuple[int, int, int], re.Match]]:
    """The dates of a paragraph (``start``:``end`` of ``text``) by their
    start, each as (year, month, day: 0 when not stated): a date without a
    year has the last year stated before it in the paragraph, the year
    after that after a word of ``next_year`` (2023年12月20日…，次年1月5日…，
    1月15日: 2024 twice); left out without a year before it, or when it
    cannot be."""
    out = {}
    year: Optional[int] = None
    for m in _STEP_DATE.finditer(text, start, end):
        if m.group("y"):
            year = int(m.group("y"))
        elif year is not None and text[max(start, m.start() - 3):m.start()].endswith(next_year):
            year += 1
        if year is None:
            continue
        key = (year, int(m.group("m")), int(m.group("d") or 0))
        try:
            calendar.weekday(key[0], key[1], key[2] or 1)
        except ValueError:
            continue  # an impossible date: check_dates reports it
        out[m.start()] = (key, m)
    return out


def _step_date(text: str, step: re.Match, start: int, end: int,
               dates: dict[int, tuple[tuple[int, int, int], re.Match]], not_words: tuple[str, ...]
               ) -> Optional[tuple[tuple[int, int, int], re.Match]]:
    """The date of the step ``step`` (of ``dates``, its paragraph's, from
    ``start`` to ``end``): the date of its clause nearest before it, else
    the first after it; None without one, or when the clause names one of
    ``not_words`` (another body's step)."""
    a = max(max(text.rfind(ch, start, step.start()) for ch in _CLAUSE_BREAKS) + 1, start)
    ends = [j for j in (text.find(ch, step.end(), end) for ch in _CLAUSE_BREAKS) if j >= 0]
    b = min(ends) if ends else end
    if any(w in text[a:b] for w in not_words):
        return None
    inside = [d for at, d in dates.items() if a <= at < b]
    if not inside:
        return None
    before = [d for d in inside if d[1].end() <= step.start()]
    return before[-1] if before else inside[0]


def _step_order(ctx: CheckContext, text: str, offsets: Sequence[int]) -> list[CheckResult]:
    """A paragraph dating a step of the self-evaluation (checks.yaml
    ``dates.evaluation_steps``) before a step of a lower rank (形成自评报告
    before 启动自评工作): one failed result per paragraph."""
    patterns = _step_patterns(ctx)
    if patterns is None or not offsets:
        return []
    rx, steps = patterns
    found = list(rx.finditer(text))
    if len(found) < 2:
        return []
    next_year = tuple(ctx.book.rules.dates.next_year_words)
    not_words = tuple(ctx.book.rules.dates.step_not_words)
    out: list[CheckResult] = []
    k = 0
    bounds = _paragraph_ends(ctx, text, offsets)
    while k < len(found):
        at = bisect.bisect_right(bounds, found[k].start())
        start, end = (bounds[at - 1] if at else 0), bounds[min(at, len(bounds) - 1)]
        group = []
        while k < len(found) and found[k].start() < end:
            group.append(found[k])
            k += 1
        if len(group) < 2:
            continue
        dates = _paragraph_dates(text, start, end, next_year)
        dated = []
        for m in group:
            name, rank = steps[int(m.lastgroup[1:])]
            when = _step_date(text, m, start, end, dates, not_words)
            if when is not None:
                dated.append((rank, name, when[0], when[1]))
        pair = next(((x, y) for x in dated for y in dated
                     if x[0] < y[0] and _before(y[2], x[2])), None)
        if pair is None:
            continue
        (_, first_name, _, first), (_, later_name, _, later) = pair
        a, b = min(first.start(), later.start()), max(first.end(), later.end())
        where = ctx.quotes.source.locate(offsets[a], offsets[b - 1] + 1)
        out.append(make_result(ctx, RULE, "step_order", "fail",
                               f"自评工作环节顺序颠倒：“{later_name}”的日期“{later.group()}”"
                               f"早于“{first_name}”的日期“{first.group()}”",
                               expected=None, stated=later.group(), quote=ctx.quotes.sentence_at(where),
                               locations=[where]))
    return out


def _place(ctx: CheckContext, m: re.Match, offsets: Sequence[int], fallback: Optional[Location],
           token: str) -> tuple[Optional[Location], str]:
    """Where a match of the scanned text stands, and its sentence."""
    if offsets:
        where = ctx.quotes.source.locate(offsets[m.start()], offsets[m.end() - 1] + 1)
        return where, ctx.quotes.sentence_at(where)
    return fallback, ctx.quotes.verbatim(token)


def _month_dates(ctx: CheckContext, text: str, offsets: Sequence[int],
                 fallback: Optional[Location]) -> list[CheckResult]:
    """A year and month with no day whose month cannot be (2023年13月:
    checks.yaml ``dates.year_month``); a date with a day is ``date``'s."""
    pattern = ctx.book.rules.dates.year_month
    if pattern is None or "月" not in text:
        return []
    out = []
    for m in re.compile(pattern).finditer(text):
        where, quote = _place(ctx, m, offsets, fallback, m.group())
        out.append(make_result(ctx, RULE, "date", "fail", f"日期“{m.group()}”不成立：月份“{int(m.group('m'))}月”不存在",
                               expected=None, stated=m.group(), quote=quote, locations=[where] if where else []))
    return out


def _filing_dates(ctx: CheckContext, text: str, offsets: Sequence[int],
                  fallback: Optional[Location]) -> list[CheckResult]:
    """A self-evaluation filed or dated (填报日期, 报告日期: checks.yaml
    ``dates.filing_date``) at a date it cannot be (:func:`_misdated`)."""
    pattern, year = ctx.book.rules.dates.filing_date, ctx.report.meta.year
    if pattern is None or year is None or ctx.report.meta.document_type in ("budget", "other"):
        return []  # a budget is filed before its year
    out = []
    for m in re.compile(pattern).finditer(text):
        wrong = _misdated(ctx.book.rules.dates, year, int(m.group("y")), int(m.groupdict().get("m") or 0))
        if wrong is None:
            continue
        where, quote = _place(ctx, m, offsets, fallback, m.group())
        out.append(make_result(ctx, RULE, "filing_date", "fail", f"填报日期“{m.group()[m.start('y') - m.start():]}”{wrong}",
                               expected=f"{year + 1}", stated=m.group("y"), quote=quote,
                               locations=[where] if where else []))
    return out


def _misdated(rules: "DateRules", year: int, stated: int, month: int) -> Optional[str]:
    """What is wrong with a self-evaluation of ``year`` filed or signed in
    ``stated`` (``month``: 0 when not stated), or None: before that year
    (a far earlier year is no date of this report), in it before
    ``signing_month_from``, or more than ``signing_years_after`` years
    after it (up to ten: no date of this report beyond)."""
    if year - 5 <= stated < year:
        return f"早于所评价的 {year} 年度（自评在年度结束后进行）"
    if stated == year and 1 <= month < rules.signing_month_from:
        return f"在所评价的 {year} 年度结束之前（自评在年度结束后进行）"
    if rules.signing_years_after and year + rules.signing_years_after < stated <= year + 10:
        return f"晚于所评价的 {year} 年度 {stated - year} 年（自评在年度结束后次年进行），年份似有误"
    return None


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CIRCLE_ZERO = str.maketrans("○", "〇")  # (a circle written for the zero of a year)


def _chinese_pattern(ctx: CheckContext) -> Optional[re.Pattern]:
    """checks.yaml ``dates.chinese_date`` compiled once per rule set."""
    source = ctx.book.rules.dates.chinese_date
    return ctx.rules.derived("checks.dates.chinese_date", lambda: re.compile(source) if source else None)


def _chinese_parts(ctx: CheckContext, m: re.Match) -> Optional[tuple[int, int, Optional[int]]]:
    """(year, month, day or None) of a Chinese-numeral date match, None
    when a part is no numeral (十十)."""
    numerals = numerals_of(ctx.rules)
    try:
        y = numerals.read_int(m.group("y").translate(_CIRCLE_ZERO))
        month = numerals.read_int(m.group("m"))
        day = numerals.read_int(m.group("d")) if m.group("d") else None
    except (ValueError, KeyError):
        return None
    return y, month, day


def _chinese_dates(ctx: CheckContext, text: str, offsets: Sequence[int],
                   fallback: Optional[Location]) -> list[CheckResult]:
    """A date in Chinese numerals (二〇一九年十三月二十日, 二〇二〇年二月三十日:
    checks.yaml ``dates.chinese_date``) whose month or day cannot be, judged
    as the same date in digits."""
    rx = _chinese_pattern(ctx)
    if rx is None or "月" not in text:
        return []
    out = []
    for m in rx.finditer(text):
        parts = _chinese_parts(ctx, m)
        if parts is None:
            continue
        y, month, day = parts
        if not 1 <= month <= 12:
            what = f"月份“{m.group('m')}月”（{month}月）不存在"
        elif day is not None and month == 2 and day == 29 and not calendar.isleap(y):
            what = f"{y}年不是闰年，没有2月29日"
        elif day is not None and not 1 <= day <= calendar.monthrange(y, month)[1]:
            what = f"{month}月只有{calendar.monthrange(y, month)[1]}天"
        else:
            continue
        where, quote = _place(ctx, m, offsets, fallback, m.group())
        out.append(make_result(ctx, RULE, "date", "fail", f"日期“{m.group()}”不成立：{what}",
                               expected=None, stated=m.group(), quote=quote, locations=[where] if where else []))
    return out


def _in_digits(ctx: CheckContext, line: str) -> str:
    """``line`` with wide digits folded and a Chinese-numeral date written in
    digits (二〇二四年三月二十日 → 2024年3月20日), for the signing-date form."""
    line = line.translate(_WIDE_DIGITS)
    rx = _chinese_pattern(ctx)
    if rx is None or "年" not in line:
        return line

    def digits(m: re.Match) -> str:
        parts = _chinese_parts(ctx, m)
        if parts is None:
            return m.group()
        y, month, day = parts
        return f"{y}年{month}月" + (f"{day}日" if day is not None else "")
    return rx.sub(digits, line)


def _signing_dates(ctx: CheckContext) -> list[CheckResult]:
    """A report signed (checks.yaml ``dates.signing_date``: a line that is a
    date alone among the last ``signing_lines`` lines of text, in digits or
    Chinese numerals) at a date it cannot be (:func:`_misdated`: before the
    year it evaluates has run, or years after)."""
    rules, year = ctx.book.rules.dates, ctx.report.meta.year
    source = ctx.quotes.source
    if rules.signing_date is None or year is None or source is None \
            or ctx.report.meta.document_type in ("budget", "other"):
        return []
    pattern = re.compile(rules.signing_date)
    out, seen = [], 0
    for no in range(source.n_lines, 0, -1):
        if seen >= rules.signing_lines:
            break
        line = source.line_text(no)
        if not line.strip():
            continue
        seen += 1
        m = pattern.fullmatch(_in_digits(ctx, line))
        if m is None:
            continue
        wrong = _misdated(rules, year, int(m.group("y")), int(m.groupdict().get("m") or 0))
        if wrong is None:
            continue  # after the year's end (or a far year: no date of this report)
        start = source.line_starts[no - 1]
        where = source.locate(start, start + len(line))
        out.append(make_result(ctx, RULE, "signing_date", "fail", f"报告落款日期“{line.strip()}”{wrong}",
                               expected=f"{year + 1}", stated=m.group("y"), quote=ctx.quotes.sentence_at(where),
                               locations=[where]))
    return out


def check_dates(ctx: CheckContext) -> list[CheckResult]:
    rules = ctx.book.rules.dates
    numeric = ctx.rules.units.dates
    numeric_rx = numeric_date(numeric) if numeric.numeric_separators else None
    patterns = [(re.compile(rules.date), rules.date_anchor, rules.date_reach),
                (re.compile(rules.bad_year), rules.bad_year_anchor, rules.bad_year_reach)]
    out: list[CheckResult] = []
    for text, offsets, fallback in _texts(ctx):
        matches = [m for rx, anchor, reach in patterns for m in anchored_finditer(rx, anchor, reach, text)]
        if numeric_rx is not None:
            matches += [m for m in numeric_rx.finditer(text) if _a_numeric_date(m, numeric)]
        for m in matches:
            found = _problem(m, rules.bad_year)
            if found is None or _not_a_day(ctx, m, text, offsets):
                continue
            what, token = found
            if offsets:
                start, end = offsets[m.start()], offsets[m.end() - 1] + 1
                where = ctx.quotes.source.locate(start, end)
                quote = ctx.quotes.sentence_at(where)
            else:
                where, quote = fallback, ctx.quotes.verbatim(token)
            out.append(make_result(ctx, RULE, "date", "fail", f"日期“{token}”不成立：{what}",
                                   expected=None, stated=token, quote=quote,
                                   locations=[where] if where else []))
        out.extend(_month_dates(ctx, text, offsets, fallback))
        out.extend(_chinese_dates(ctx, text, offsets, fallback))
        out.extend(_filing_dates(ctx, text, offsets, fallback))
        out.extend(_date_order(ctx, text, offsets))
        out.extend(_step_order(ctx, text, offsets))
    out.extend(_signing_dates(ctx))
    return out
