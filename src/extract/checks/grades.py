"""Score and grade: the self-score against the stated grade, and against the
indicator scores it is the sum of.

:func:`check_score_grade` takes the check context and returns CheckResults:
the grade the scale gives the self-score (rules/meta.yaml ``grade_scale``:
90 and above 优, 80 良, 60 中, below 60 差, unless checks.yaml sets its own)
against the grade the report states (unless both are the cells of a form's
total, which the form's own check judges); and, where every indicator
states a score, their sum against the self-score; and the first-level
scores the text lists (投入（20分）：…得19分；…) against the total stated
after them (:func:`check_prose_score_sum`). Missing either side: skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..model import CheckResult, Location
from ..ruleset import RuleSet
from .context import CheckContext, make_result
from .figures import show
from .grade_scale import FULL_SCORE, grade_for, stated_scale
from .quotes import join_places
from .tolerance import holds, score_interval, sum_interval

RULE = "score_grade"


def _decimals(value) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _form_judges(ctx: CheckContext) -> bool:
    """Whether the self-score and grade are the 总分 and grade of a form
    (the same cells): the form's own grade check judges them
    (checks/forms.py), one finding for one problem."""
    meta = ctx.report.meta
    score, grade = meta.locations.get("self_score"), meta.locations.get("grade")
    if score is None or grade is None:
        return False
    for form in ctx.report.forms:
        cells = [form.total.get("score"), form.total.get("grade")]
        if all(c is not None for c in cells) and [(c.location.start, c.location.end) for c in cells] == [  # type: ignore[union-attr]
                (score.start, score.end), (grade.start, grade.end)]:
            return True
    return False


def check_grade(ctx: CheckContext) -> Optional[CheckResult]:
    meta = ctx.report.meta
    locs = [meta.locations[k] for k in ("self_score", "grade") if k in meta.locations]
    if meta.self_score is None or meta.grade is None:
        missing = "自评得分" if meta.self_score is None else "评价等级"
        return make_result(ctx, RULE, "score_grade", "skipped", f"未找到{missing}，无法核对得分与等级",
                           locations=locs)
    if _form_judges(ctx):
        return None
    own = stated_scale(ctx)
    band = grade_for(meta.self_score, own or ctx.book.grade_scale)
    if band is None:
        return make_result(ctx, RULE, "score_grade", "skipped",
                           f"得分 {meta.self_score} 不在等级表范围内", locations=locs)
    ok = meta.grade in band.words
    verdict = "相符" if ok else "不符"
    scale = "按报告所列等级标准，" if own else ""
    return make_result(ctx, RULE, "score_grade", "pass" if ok else "fail",
                       f"{scale}自评得分 {meta.self_score} 分对应等级“{band.grade}”，与所述等级“{meta.grade}”{verdict}",
                       expected=band.grade, stated=meta.grade, quote=join_places(ctx.quote_at(loc) for loc in locs),
                       locations=locs)


def check_score_sum(ctx: CheckContext) -> Optional[CheckResult]:
    """The self-score against the sum of indicator scores, when every
    indicator states one and, where they state their 分值, those add up to
    the full score (a table of some indicators only is no sum of it)."""
    meta = ctx.report.meta
    inds = ctx.report.indicators
    if not ctx.book.rules.indicator_score_sum or meta.self_score is None or not inds:
        return None
    if any(f.total.get("score") is not None and f.indicators for f in ctx.report.forms):
        return None  # the form's own 总分 against its rows: checks/forms.py
    scores = [i.score for i in inds]
    if all(s is None for s in scores):
        return None
    # a form's funds block scores its 执行率 beside the indicators
    funds = [r.cells for f in ctx.report.forms for r in f.funds
             if r.role == "total" and "score" in r.cells and r.cells["score"].value is not None]
    scores += [c["score"].value for c in funds]
    locs = [meta.locations["self_score"]] if "self_score" in meta.locations else []
    if any(s is None for s in scores):
        return make_result(ctx, RULE, "score_sum", "skipped", "部分指标未给出得分，无法核对得分合计",
                           locations=locs + [i.location for i in inds if i.score is None][:1])
    weights = [i.weight for i in inds] + [c["weight"].value if "weight" in c else None for c in funds]
    if all(w is not None for w in weights) and sum(weights) != FULL_SCORE:  # type: ignore[arg-type]
        # a table of some indicators only (产出和效益部分): their scores are part of the self-score
        weight = show(sum(weights), max(_decimals(w) for w in weights))  # type: ignore[arg-type]
        return make_result(ctx, RULE, "score_sum", "skipped",
                           f"所列指标分值合计 {weight} 分，不是满分 {FULL_SCORE} 分，只列出部分指标，无法核对得分合计",
                           locations=locs + [inds[0].location])
    total = sum_interval(score_interval(s, _decimals(s)) for s in scores)  # type: ignore[arg-type]
    stated = score_interval(meta.self_score, _decimals(meta.self_score))
    ok = holds(total, stated)
    expected = show(total.midpoint, max(_decimals(s) for s in scores))  # type: ignore[arg-type]
    verdict = "相符" if ok else "不符"
    return make_result(ctx, RULE, "score_sum", "pass" if ok else "fail",
                       f"自评得分 {meta.self_score} 分与各项得分之和 {expected} 分{verdict}",
                       expected=expected, stated=str(meta.self_score),
                       quote=join_places(ctx.quote_at(loc) for loc in locs),
                       locations=locs + [i.location for i in inds])


def check_restated_total(ctx: CheckContext) -> list[CheckResult]:
    """The self-score the text states against the 总分 of the report's
    form (one form with a total only; the score read from the form
    itself is not a restatement)."""
    meta = ctx.report.meta
    totals = [f for f in ctx.report.forms if f.total.get("score") is not None
              and f.total["score"].value is not None]
    loc = meta.locations.get("self_score")
    if meta.self_score is None or loc is None or len(totals) != 1:
        return []
    form = totals[0]
    cell = form.total["score"]
    if form.location.line <= loc.line <= form.location.end_line:
        return []
    ok = score_interval(meta.self_score, _decimals(meta.self_score)).overlaps(
        score_interval(cell.value, cell.precision))  # type: ignore[arg-type]
    verdict = "相符" if ok else "不符"
    return [make_result(ctx, RULE, "restated_total", "pass" if ok else "fail",
                        f"正文所述自评得分 {meta.self_score} 分与自评表总分 {cell.text} 分{verdict}",
                        expected=cell.text, stated=str(meta.self_score),
                        quote=join_places([ctx.quote_at(loc), ctx.quotes.at(cell.location)]),
                        locations=[loc, cell.location])]


@dataclass(frozen=True)
class ProseScore:
    """One first-level score a text lists: its name, weight (分值) and
    score (得分) as stated, and where the score stands."""

    name: str
    weight: Decimal
    score: Decimal
    location: Location


class _ProsePatterns:
    """checks.yaml ``prose_scores``, compiled once per rule set."""

    def __init__(self, rules) -> None:
        self.rules = rules
        self.marker = re.compile(rules.marker) if rules.marker else None
        self.name = re.compile(rules.name)
        self.weight = re.compile(rules.weight)
        self.bare_weight = re.compile(rules.bare_weight)
        self.score = re.compile(rules.score)
        self.total = re.compile(rules.total)
        self.full_mark = re.compile(rules.full_mark) if rules.full_mark else None
        self.adjustment = re.compile(rules.adjustment) if rules.adjustment else None
        self.other_year = re.compile(rules.other_year) if rules.other_year else None


def _prose_patterns(ctx: CheckContext) -> Optional[_ProsePatterns]:
    rs = RuleSet.of(ctx.rules)
    rules = rs.checks.prose_scores
    return None if rules is None else rs.derived("checks.grades.prose_scores", lambda: _ProsePatterns(rules))


def _item_of(pats: _ProsePatterns, seg: str) -> Optional[tuple[str, str, str, int, int]]:
    """(name, weight, score, score start, score end) of one item of a
    score list (``seg``: a line or a ；-part of one), None for no item."""
    at = pats.marker.match(seg).end() if pats.marker is not None else 0  # type: ignore[union-attr]
    name = pats.name.match(seg, at)
    if name is None or any(w in name.group() for w in pats.rules.not_names):
        return None
    w = pats.bare_weight.match(seg, name.end()) or pats.weight.search(seg, name.end())
    if w is None:
        return None
    sc = pats.score.search(seg, w.end("w")) or pats.score.search(seg, name.start(), w.start())
    if sc is None:
        return None
    label = name.group()[:sc.start() - name.start()] if sc.start() < name.end() else name.group()
    return label.strip(), w.group("w"), sc.group("s"), sc.start("s"), sc.end("s")


def _full_mark(pats: _ProsePatterns, text: str) -> Optional[Decimal]:
    m = pats.full_mark.search(text) if pats.full_mark is not None else None
    if m is None:
        return None
    return Decimal(next(v for v in m.groups() if v is not None))


def prose_score_lists(ctx: CheckContext) -> list[tuple[list[ProseScore], Optional[re.Match], int, int]]:
    """The runs of first-level scores the text lists on consecutive lines
    outside tables, each with the total stated after it, else on the line
    before it (a match of ``total`` on the line at offset ``at``; None when
    none is) and the full mark stated before it or with the total (0: none)."""
    pats = _prose_patterns(ctx)
    src = ctx.quotes.source
    if pats is None or src is None or not pats.score.search(src.text):
        return []
    in_table = set()
    for t in ctx.report.tables:
        in_table.update(range(t.location.line, t.location.end_line + 1))
    out = []
    run: list[ProseScore] = []
    lead, lead_at = "", 0
    last_line = 0
    n = src.n_lines

    def close(after_line: int, rest: str, rest_at: int):
        found, at = None, 0
        between = ""  # (the text from the list's end to its total)
        m = pats.total.search(rest)
        if m is not None:
            found, at, between = m, rest_at, rest[:m.start()]
        else:
            seen = 0
            between = rest
            for k in range(after_line + 1, n + 1):
                line = src.line_text(k)
                if not line.strip():
                    continue
                seen += 1
                if seen > pats.rules.total_lines:
                    break
                m = pats.total.search(line)
                if m is not None:
                    found, at = m, src.line_starts[k - 1]
                    between += line[:m.start()]
                    break
                between += line
        if found is not None and pats.adjustment is not None and pats.adjustment.search(between):
            out.append((list(run), None, 0, 0))  # (adjusted: the list's sum is no total)
            return
        if found is None and lead:  # 自评总分93.5分，其中：投入（20分）得19分；…
            m = pats.total.search(lead)
            if m is not None and not (pats.other_year is not None and pats.other_year.search(lead[:m.start()])):
                found, at = m, lead_at
        full = _full_mark(pats, lead)
        if found is not None and full is None:
            full = _full_mark(pats, src.text[at:at + found.end() + 20])
        out.append((list(run), found, at, full or 0))

    tail, tail_at = "", 0
    for k in range(1, n + 1):
        line = src.line_text(k)
        if not line.strip():
            continue
        items = []
        if k not in in_table and "得" in line:
            start = src.line_starts[k - 1]
            offset = 0
            for seg in re.split(r"[；;]", line):
                item = _item_of(pats, seg)
                if item is not None:
                    name, w, sc, a, b = item
                    items.append((ProseScore(name, Decimal(w), Decimal(sc),
                                             src.locate(start + offset + a, start + offset + b)),
                                  start + offset + b))
                offset += len(seg) + 1
        if items:
            if not run:
                lead = src.line_text(k - 1) if k > 1 else ""
                lead_at = src.line_starts[k - 2] if k > 1 else 0
            run.extend(i for i, _ in items)
            end = items[-1][1] - src.line_starts[k - 1]
            tail, tail_at, last_line = line[end:], items[-1][1], k
        elif run:
            close(last_line, tail, tail_at)
            run = []
    if run:
        close(last_line, tail, tail_at)
    return out


def check_prose_score_sum(ctx: CheckContext) -> list[CheckResult]:
    """The first-level scores a text lists against the total stated right
    after them, where their weights add up to the full mark (stated, else
    checks.yaml ``prose_scores.full_score``): a list with a level missing,
    or a score above its weight, is no whole and is not summed."""
    pats = _prose_patterns(ctx)
    out = []
    for items, total, at, full in prose_score_lists(ctx):
        if total is None or len(items) < 2 or pats is None:
            continue
        full = full or pats.rules.full_score
        if sum(i.weight for i in items) != full or any(i.score > i.weight for i in items):
            continue
        value = Decimal(total.group("t"))
        src = ctx.quotes.source
        where = src.locate(at + total.start("t"), at + total.end("t"))  # type: ignore[union-attr]
        places = max(_decimals(i.score) for i in items)
        summed = sum_interval(score_interval(i.score, _decimals(i.score)) for i in items)
        ok = holds(summed, score_interval(value, _decimals(value)))
        expected = show(summed.midpoint, places)
        names = "、".join(i.name for i in items)
        verdict = "相符" if ok else "不符"
        out.append(make_result(ctx, RULE, "score_sum", "pass" if ok else "fail",
                               f"所述合计 {total.group('t')} 分与所列{len(items)}项得分（{names}）之和 {expected} 分{verdict}",
                               expected=expected, stated=total.group("t"),
                               quote=join_places([ctx.quote_at(where)] + [ctx.quote_at(i.location) for i in items[:1]]),
                               locations=[where] + [i.location for i in items]))
    return out


def check_score_grade(ctx: CheckContext) -> list[CheckResult]:
    graded = check_grade(ctx)
    out = [graded] if graded is not None else []
    out.extend(check_restated_total(ctx))
    summed = check_score_sum(ctx)
    if summed is not None:
        out.append(summed)
    judged = summed.stated if summed is not None and summed.status != "skipped" else None
    # the same total summed from the indicator table is one finding
    out.extend(r for r in check_prose_score_sum(ctx) if r.stated != judged)
    return out
