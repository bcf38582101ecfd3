"""Order of enumerations (一是, 二是 …) and heading markers (一、 (一) 1. …).

:func:`check_enumeration_order` takes the check context and returns, per
section, one failed CheckResult per break in its 一是/二是 sequence (a gap:
四是 then 六是; a repeat: 七是 twice; a step back) and one passed result per
sequence without a break. An item numbered 1 starts a new sequence (a new
list: 主要原因：一是… 改进措施：一是…). Forms are not mixed (一是 and 其一 are
counted apart).

:func:`check_heading_order` does the same for the headings under one parent,
per marker style, where a count restarting at 1 among siblings is also a
break (the section builder already nests a restart under a deeper heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from ..numerals import CIRCLED, write as _cn
from ..model import CheckResult, Location, Section
from .context import CheckContext, make_result


@dataclass(frozen=True, init=False)
class Numbered:
    """One numbered item: its ordinal, marker as written, location, text."""

    ordinal: int
    marker: str
    location: Location
    text: str

    def __init__(self, ordinal: int, marker: str, location: Location, text: str) -> None:
        # (set in the instance's dict: a frozen dataclass's own __init__ sets
        # each field through object.__setattr__, at twice the cost)
        self.__dict__.update(ordinal=ordinal, marker=marker, location=location, text=text)


def _quote(ctx: CheckContext, it: Numbered, limit: int = 80) -> Optional[str]:
    """The source of a numbered item's first ``limit`` characters."""
    return ctx.quotes.verbatim(it.text[:limit], it.location)


def sequence_breaks(items: Sequence[Numbered], restart_is_break: bool) -> list[tuple[Numbered, str, str]]:
    """(item, kind, expected ordinal text) for each break of the sequence:
    "缺号" (gap), "重复" (repeat), "倒序" (step back), "重新编号" (restart)."""
    out = []
    prev: Optional[int] = None
    for it in items:
        if prev is None:
            if it.ordinal != 1:
                out.append((it, "缺号", "1"))
        elif it.ordinal == 1 and not (prev == 1 and not restart_is_break):  # (a run's 1 twice: a repeat)
            if restart_is_break:
                out.append((it, "重新编号", str(prev + 1)))
        elif it.ordinal == prev:
            out.append((it, "重复", str(prev + 1)))
        elif it.ordinal > prev + 1:
            out.append((it, "缺号", str(prev + 1)))
        elif it.ordinal < prev:
            out.append((it, "倒序", str(prev + 1)))
        prev = it.ordinal
    return out


def _judge(ctx: CheckContext, rule: str, kind: str, items: Sequence[Numbered], where: str,
           marker_of: Callable[[int], str], restart_is_break: bool) -> list[CheckResult]:
    breaks = sequence_breaks(items, restart_is_break)
    out = []
    for it, what, expected in breaks:
        wanted = marker_of(int(expected))
        if what == "缺号":
            message = f"{where}：“{it.marker}”之前缺少{_missing(marker_of, int(expected), it.ordinal)}"
        elif what == "重复":
            message = f"{where}：“{it.marker}”重复出现，此处应为“{wanted}”"
        elif what == "倒序":
            message = f"{where}：“{it.marker}”排在更大的编号之后，此处应为“{wanted}”"
        else:
            message = f"{where}：编号在“{it.marker}”处重新开始，此处应为“{wanted}”"
        out.append(make_result(ctx, rule, kind, "fail", message, expected=wanted, stated=it.marker,
                               quote=_quote(ctx, it), locations=[it.location]))
    if not breaks and len(items) > 1:
        first, last = items[0], items[-1]
        out.append(make_result(ctx, rule, kind, "pass",
                               f"{where}：“{first.marker}”至“{last.marker}”编号连续",
                               locations=[first.location]))
    return out


_MISSING_LISTED = 5


def _missing(marker_of: Callable[[int], str], first: int, stop: int) -> str:
    """The markers ``first`` … ``stop - 1`` a gap misses, quoted: each one
    when few (“一、”“二、”; apart, as a marker may end in 、), else the
    first and the last with their count (“(1)”至“(49)”共49个)."""
    if stop - first > _MISSING_LISTED:
        return f"“{marker_of(first)}”至“{marker_of(stop - 1)}”共{stop - first}个"
    return "“" + "、".join(marker_of(n) for n in range(first, stop)) + "”" \
        if not any(marker_of(n).endswith("、") for n in range(first, stop)) \
        else "".join(f"“{marker_of(n)}”" for n in range(first, stop))


def _split_runs(items: list[Numbered], words: bool = False) -> list[list[Numbered]]:
    """Runs of an enumeration: a new run starts at every item numbered 1,
    except (``words``: 其一, 一是, 第一) a 1 on the line of a run of a lone 1
    (其一，…；其一，…): the same item named twice, a repeat in that run."""
    runs: list[list[Numbered]] = []
    for it in items:
        if it.ordinal == 1 and words and runs and len(runs[-1]) == 1 and runs[-1][0].ordinal == 1 \
                and runs[-1][0].location.line == it.location.line:
            runs[-1].append(it)
            continue
        if it.ordinal == 1 or not runs:
            runs.append([])
        runs[-1].append(it)
    return runs


def _enum_form(marker: str) -> str:
    """The family of an enumeration mark: 其一, 第一, 一是, 1. or (1)."""
    if marker.startswith("其"):
        return "其"
    if marker.startswith("第"):
        return "第"
    if marker[:1] in "(（":
        return "(1)"
    if marker[:1] in CIRCLED:
        return "①"
    if marker[:1].isdigit():
        return "1." + marker.strip()[-1]
    return "是"


# The heading style whose marker can be the first item of a run-on list.
_HEADING_STYLE = {"(1)": "paren_arabic", "1.、": "arabic", "1..": "arabic", "1.．": "arabic", "①": "circled"}


def _enum_marker(form: str) -> Callable[[int], str]:
    if form == "其":
        return lambda n: f"其{_cn(n)}"
    if form == "第":
        return lambda n: f"第{_cn(n)}"
    if form == "(1)":
        return lambda n: f"({n})"
    if form == "①":
        return lambda n: CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if form.startswith("1."):
        return lambda n: f"{n}{form[2:]}"
    return lambda n: f"{_cn(n)}是"


def check_enumeration_order(ctx: CheckContext) -> list[CheckResult]:
    """Breaks in the 一是/二是 sequences of every section."""
    out: list[CheckResult] = []
    previous = ""
    for section in ctx.report.sections:
        # a list may go on from the section before (its first marks there;
        # a page's chunk mark 2、 opened this one mid-sentence)
        carried, previous = previous, f"{section.title}。{section.body}"
        by_form: dict[str, list[Numbered]] = {}
        for e in section.enumerations:
            form = _enum_form(e.marker.strip())
            by_form.setdefault(form, []).append(Numbered(e.ordinal, e.marker.strip(), e.location,
                                                         f"{e.marker}{e.text}"))
        where = f"{section.marker}{section.title}".strip() or "正文"
        for form, items in by_form.items():
            for run in _split_runs(items, form in ("其", "是", "第")):
                head = None
                if run[0].ordinal != 1 and _HEADING_STYLE.get(form) == section.style \
                        and (not form.startswith("1.") or section.marker.strip().endswith(form[2:])):
                    # "(1)快检…；(2)跨区域…": the paragraph's own marker is item 1
                    # (written alike: a page's chunk mark 2、 heads no 3. 4.)
                    head = Numbered(section.ordinal, section.marker, section.location, section.title)
                results = _judge(ctx, "enumeration_order", "enumeration", ([head] if head else []) + run,
                                 where, _enum_marker(form), restart_is_break=False)
                out.extend(r for r in results if not _gap_written(section, form, run, r, carried)
                           and not _restart_written(form, run, r))
    return out


def _written_mark(form: str, n: int) -> str:
    """A search for mark ``n`` of a numbered form written anywhere (1. 2、
    (3)), not as a decimal, a range or a figure's part."""
    if form == "(1)":
        return rf"[(（]\s*{n}\s*[)）]"
    return rf"(?<![\d.．]){n}\s*[.．、](?![\d%％])"


def _restart_written(form: str, run: list[Numbered], result: CheckResult) -> bool:
    """True when a repeat or a step back follows a new list's first marks
    written inside the item before it, where no mark is read ("主要原因是：
    1、…；2、…。…主要原 1、…；2、…": a word cut before the second list's
    1、): the count starts again, it does not repeat."""
    if result.status != "fail" or not ("重复" in result.message or "排在更大" in result.message) \
            or not (form.startswith("1.") or form == "(1)"):
        return False
    k = next((i for i, it in enumerate(run) if it.location == result.locations[0]), 0)
    if k == 0:
        return False
    before = run[k - 1].text[len(run[k - 1].marker):]
    return all(re.search(_written_mark(form, n), before) for n in range(1, run[k].ordinal))


_CLOSED = ("。", "；", ";", "！", "？", "!", "?")


def _gap_written(section: Section, form: str, run: list[Numbered], result: CheckResult,
                 carried: str = "") -> bool:
    """True when the numbers a gap misses stand in the section's text before
    the item after the gap, only not after a sentence end: "(一)项目概况1.
    项目名称：[名称]2.项目背景：…3.…" (1. inside the run-in title, 2. after a
    bracket; "2、概况(1)机构情况：…(2)…", the (1) glued to a word). Only
    numbered marks (1. 2、 (1)); 一是 stands inside words (统一是). ``carried``:
    the text of the section before, which the list may go on from — only
    when the run opens without 1 and that text ends mid-sentence (收到上级拨⏎
    2、付的…3.: a page's chunk mark): a list of its own (主要问题：1、…；3、…)
    or a section closed by 。 carries nothing."""
    if result.status != "fail" or "缺少" not in result.message or not (form.startswith("1.") or form == "(1)"):
        return False
    item = next((it for it in run if it.location == result.locations[0]), None)
    if item is None:
        return False
    if run[0].ordinal == 1 or carried.rstrip()[-1:] in _CLOSED:
        carried = ""
    text = f"{section.title}。{section.body}"
    at = text.find(item.text[:12])
    before = carried + text[:at if at >= 0 else len(text)]
    first = re.search(r"\d+", result.expected or "")
    wanted = range(int(first.group()), item.ordinal) if first else ()
    return bool(wanted) and all(re.search(_written_mark(form, n), before) for n in wanted)


_HEADING_FORMS: dict[str, Callable[[int], str]] = {
    "cn": lambda n: f"{_cn(n)}、",
    "paren_cn": lambda n: f"({_cn(n)})",
    "arabic": lambda n: f"{n}.",
    "paren_arabic": lambda n: f"({n})",
    "arabic_paren": lambda n: f"{n})",
    "part": lambda n: f"第{_cn(n)}部分",
    "circled": lambda n: CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n),
}


def _as_written(first: Numbered, style: str) -> Callable[[int], str]:
    """The marker of ordinal n written as the series' first heading is
    ("1、" -> "4、", "（一）" -> "（四）"); the style's plain form when its
    number cannot be told apart in it."""
    plain = _HEADING_FORMS.get(style, lambda n: str(n))
    marker, ordinal = first.marker, first.ordinal
    if style == "circled" or ordinal < 1:
        return plain
    if re.search(r"\d", marker):
        return lambda n: re.sub(r"\d+", str(n), marker, count=1)
    numeral = _cn(ordinal)
    if marker.count(numeral) == 1 and len(numeral) == 1 and re.fullmatch(r"[一-龥]", numeral):
        at = marker.index(numeral)
        if not re.search(r"[一二三四五六七八九十]", marker[:at] + marker[at + 1:]):
            return lambda n: marker[:at] + _cn(n) + marker[at + 1:]
    return plain


def _continued(groups: dict[tuple[Optional[str], str], list[Numbered]],
               sections: dict[str, "Section"], parent: Optional[str], style: str,
               first: int) -> bool:
    """True when the numbering under ``parent`` goes on from the same style
    under the sibling before it: indicators 1.–6. under (一) and 7.–9.
    under (二) are one list."""
    p = sections.get(parent or "")
    if p is None:
        return False
    siblings = [s for s in sections.values() if s.parent == p.parent and s.style == p.style]
    idx = next((i for i, s in enumerate(siblings) if s.id == p.id), 0)
    for prev in reversed(siblings[:idx]):
        before = groups.get((prev.id, style))
        if before:
            return before[-1].ordinal + 1 == first
    return False


def _run_on(section: "Section", missing: list[str]) -> bool:
    """True when every missing marker stands in the previous heading's own
    text after a sentence end: the layout ran two items into one paragraph
    ("…规则。（八）负责…")."""
    text = f"{section.title}。{section.body}"
    return all(re.search(r"[。；;]\s*" + re.escape(m), text) for m in missing)


_ITEM_SEPARATORS = "；;。，,、 □☑■√✓"


def _next_marker(marker: str, ordinal: int, style: str) -> Optional[str]:
    """The marker after ``marker`` written the same way ("1、" -> "2、",
    "(一)" -> "(二)"), None for a style without digits or numerals."""
    if style == "circled":
        return CIRCLED[ordinal] if ordinal < len(CIRCLED) else None
    if re.search(r"\d", marker):
        return re.sub(r"\d+", str(ordinal + 1), marker, count=1)
    numeral = _cn(ordinal)
    return marker.replace(numeral, _cn(ordinal + 1), 1) if numeral in marker else None


def _lines_open_with(ctx: CheckContext, missing: list[str], first: int, stop: int) -> bool:
    """True when each missing marker opens a line from ``first`` up to line
    ``stop`` that was read as no heading (a line too long to be one, its
    number run into a figure: "1、2023年度…", a page's chunk numbered 1、
    2、 3、), or after the line's lead-in (rules/headings.yaml ``list_lead``:
    "附件：1.…"): the number is there, the count has no gap."""
    src = ctx.quotes.source
    if src is None or not missing or stop - first > 400:
        return False
    heads = [src.line_text(n).lstrip() for n in range(max(1, first), stop)]
    lead = ctx.rules.headings.list_lead
    if lead:  # the first item after a lead-in on its line (附件：1.…)
        heads += [h[m.end():] for h in heads if (m := re.match(lead, h))]
    return all(any(h.startswith(m) for h in heads) for m in missing)


def _inline_list(section: "Section") -> bool:
    """True when a heading's own paragraph goes on to its next item after a
    separator: "1、部门预算项目□2、县直专项☑3、…" (the options of a form
    cell), "1.预算执行率=…;2.年中…;3.…" (a note). Such a paragraph is a
    list of its own, not a heading restarting the count."""
    nxt = _next_marker(section.marker, section.ordinal, section.style)
    if not nxt:
        return False
    text = f"{section.title}{section.body.split(chr(10))[0] if section.body else ''}"
    i = text.find(nxt)
    return i > 0 and text[i - 1] in _ITEM_SEPARATORS


def _under_group_row(before: "Section", pattern: str) -> bool:
    """True when the text under the heading before a restart ends with a
    group row of a data table ("项目支出：500.00 400.00"; rules/headings.yaml
    ``group_row_before``): the rows under it are numbered anew. The row's
    figures may stand in cells of their own lines after its label (a form
    written one cell a line: "项目支出：", "874.20", "308.17")."""
    lines = [ln.strip() for ln in before.body.split("\n") if ln.strip()]
    while len(lines) > 1 and _FIGURE_CELL.fullmatch(lines[-1]):
        lines.pop()
    return bool(pattern) and bool(lines) and re.search(pattern, lines[-1]) is not None


_FIGURE_CELL = re.compile(r"[-+]?\d[\d.,，]*%?")


def check_heading_order(ctx: CheckContext) -> list[CheckResult]:
    """Breaks in the numbering of the headings under each parent; chapters
    named by a table of contents and the titles of second documents have
    no number of their own and are left out."""
    groups: dict[tuple[Optional[str], str], list[Numbered]] = {}
    ids: dict[tuple[Optional[str], str], list[str]] = {}
    for s in ctx.report.sections:
        if s.style not in _HEADING_FORMS:
            continue
        groups.setdefault((s.parent, s.style), []).append(
            Numbered(s.ordinal, s.marker, s.location, f"{s.marker}{s.title}"))
        ids.setdefault((s.parent, s.style), []).append(s.id)
    out: list[CheckResult] = []
    for (parent, style), items in groups.items():
        p = ctx.sections.get(parent or "")
        where = f"“{p.marker}{p.title}”下的标题" if p else "一级标题"
        marker_of = _as_written(items[0], style)
        results = _judge(ctx, "heading_order", "heading", items, where, marker_of, restart_is_break=True)
        kept = []
        for r in results:
            if r.status == "fail" and "缺少" in r.message:
                k = next(i for i, it in enumerate(items) if it.location == r.locations[0])
                expected = items[k - 1].ordinal + 1 if k else 1
                missing = [marker_of(n) for n in range(expected, items[k].ordinal)]
                if k == 0 and _continued(groups, ctx.sections, parent, style, items[0].ordinal):
                    continue
                if k == 0 and _lines_open_with(ctx, missing, p.location.line if p else 1, items[0].location.line):
                    continue
                if k and _run_on(ctx.sections[ids[(parent, style)][k - 1]],
                                 missing):
                    continue
            if r.status == "fail" and "重新开始" in r.message:
                k = next(i for i, it in enumerate(items) if it.location == r.locations[0])
                if _inline_list(ctx.sections[ids[(parent, style)][k]]):
                    continue
                if k and _under_group_row(ctx.sections[ids[(parent, style)][k - 1]],
                                          ctx.rules.headings.group_row_before):
                    continue
            kept.append(r)
        out.extend(kept)
    return out
