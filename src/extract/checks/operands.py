"""Operands of the rate and difference checks: the two figures a stated
rate or difference is computed from.

- :func:`budget_pairs` takes a stated figure and the budget role it would
  be (``rate``, ``balance``) and returns (执行数, 预算数) pairs of
  :class:`Operand` — the adjusted budget first, then the initial one —
  when the report's budget interpretation gave that figure that role and the
  figures stand together (:func:`same_place`: one paragraph or one table
  row); a 支出率 is checked against 执行数 / 预算数 only then.
- :func:`pair_nearby` pairs, among the figures around a stated one
  (:meth:`~extract.checks.context.CheckContext.neighbourhood`), the nearest
  whose words match two expressions.
- :func:`judge_readings` turns the stated figure and the readings of its
  relation (:class:`Reading`: operands, what they give, whether the words
  pin them) into one CheckResult: pass when any reading holds, fail when
  none does and some reading is pinned, else skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from ..model import BudgetFigure, CheckResult, Claim, Location
from .context import CheckContext, Placed, Sentence, make_result
from .figures import Figure, interval_of, figure_name, stated_text
from .periods import is_previous
from .tolerance import Interval, holds


@dataclass(frozen=True, init=False)
class Operand:
    """A figure a check computes with: a claim or quantity, a name for
    messages, and where it stands (a paragraph or a table row)."""

    figure: Figure
    name: str
    place: Optional[str]

    def __init__(self, figure: Figure, name: str, place: Optional[str]) -> None:
        # (set in the instance's dict: a frozen dataclass's own __init__ sets
        # each field through object.__setattr__, at twice the cost)
        fields = self.__dict__
        fields["figure"] = figure
        fields["name"] = name
        fields["place"] = place

    @property
    def location(self) -> Location:
        return self.figure.location

    @property
    def label(self) -> str:
        return f"{self.name}{stated_text(self.figure)}"


def claim_operand(claim: Claim) -> Operand:
    """A text claim as an operand, placed in its paragraph."""
    return Operand(claim, figure_name(claim), f"text:{claim.section}")


def kept_operand(ctx: CheckContext, claim: Claim) -> Operand:
    """:func:`claim_operand`, made once per claim in a run of checks (the
    figures around a rate are operands of each of its readings; an Operand
    is frozen, so one serves them all)."""
    kept = ctx.kept("claim_operand")
    got = kept.get(id(claim))
    if got is None or got.figure is not claim:
        got = kept[id(claim)] = claim_operand(claim)
    return got


def previous_kept(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """:func:`~extract.checks.periods.is_previous` of ``p`` in its sentence
    ``s``, worked out once per figure in a run of checks (the growth,
    difference and rate checks ask it of the figures around each figure
    they judge)."""
    kept = ctx.kept("is_previous")
    got = kept.get(id(p))
    if got is None or got[0] is not p or got[1] is not s:
        got = kept[id(p)] = (p, s, is_previous(ctx, s, p))
    return got[2]


def budget_operand(ctx: CheckContext, role: str, name: str) -> Optional[Operand]:
    """The report's budget figure of ``role`` as an operand, or None."""
    figure: Optional[BudgetFigure] = getattr(ctx.report.budget, role)
    if figure is None:
        return None
    if figure.source == "table":
        cell = figure.location.cell
        place = f"table:{cell[0]}:{cell[1]}" if cell else None
    else:
        hit = ctx.placed_at(figure.location)
        if hit is not None:
            return claim_operand(hit[1].claim)
        place = None
    return Operand(figure.quantity, name, place)


def same_place(*operands: Operand) -> bool:
    """True when every operand stands in the same paragraph or table row."""
    places = {o.place for o in operands}
    return len(places) == 1 and None not in places


def budget_pairs(ctx: CheckContext, stated: Claim, role: str) -> list[tuple[Operand, Operand]]:
    """(执行数, 预算数) pairs for ``stated`` when it is the budget's figure
    of ``role`` and stands with them: adjusted budget first, then initial."""
    figure: Optional[BudgetFigure] = getattr(ctx.report.budget, role)
    if figure is None or figure.location.start != stated.location.start:
        return []
    executed = budget_operand(ctx, "executed", "执行数")
    if executed is None:
        return []
    me = claim_operand(stated)
    pairs = []
    for budget_role, name in (("adjusted", "调整后预算"), ("initial", "年初预算")):
        budget = budget_operand(ctx, budget_role, name)
        if budget is not None and same_place(executed, budget, me):
            pairs.append((executed, budget))
    return pairs


_LABEL_BEFORE = re.compile(r"([^，,。；;：:\n]{1,12})[：:][ \t]*$")


def own_words(p: Placed, s: Optional[Sentence] = None) -> str:
    """A figure's words: its metric's words, or, for the value right after
    a label (差额：83.52万元, 执行率：94.26%) that has none, the label (after
    the figure before it in ``s``, if given: lines of labels and values
    read as one sentence)."""
    c = p.claim
    if c.metric_text.strip() or p.start < 0:
        return c.metric_text
    before = c.sentence[:p.start]
    ends = [q.end for q in (s.placed if s is not None else ()) if q is not p and 0 <= q.end <= p.start]
    label = _LABEL_BEFORE.search(before[max(ends):] if ends else before)
    return label.group(1) if label else c.metric_text


def operand_words(s: Sentence, p: Placed) -> str:
    """The words that name a figure as an operand: its own words and those
    right after it (none after a label's value: there the next label follows)."""
    return f"{own_words(p)} {s.after(p, 12)}" if p.claim.metric_text.strip() else own_words(p)


def trailing_words(s: Sentence, p: Placed, limit: int = 12) -> str:
    """The words right after a figure that name it (其中有941家通过 -> 通过):
    those up to the next clause break or enumeration comma (预算1,000万元、
    执行960万元: 执行 names the next figure, not this one), and not the
    words of the next figure when it follows in the clause (a flattened
    line, 项目支出170.00万元全年预算执行率94.00%: 全年预算执行率 is the
    percent's)."""
    words = s.after(p, limit).split("、", 1)[0]
    at = next((i for i, q in enumerate(s.placed) if q is p), None)
    if words and at is not None and at + 1 < len(s.placed):
        then = s.placed[at + 1]
        between, own = s.text[p.end:then.start], then.claim.metric_text
        if then.start >= p.end >= 0 and own.strip() and between.endswith(own):
            words = words[:len(between) - len(own)]
    return words


def named_by_words(ctx: CheckContext, near: list[tuple[Sentence, Placed]], words: Optional[re.Pattern],
                   limit: int) -> list[Placed]:
    """The first ``limit`` figures of ``near`` (nearest first) whose words
    match ``words`` and name no remainder (rules
    ``operands.complement_words``)."""
    if words is None:
        return []
    out: list[Placed] = []
    kept = ctx.kept("named_by_words")
    for s2, p in near:
        if len(out) >= limit:
            break
        got = kept.get((id(s2), id(p)))
        if got is None:
            # a label's value (全年执行数：1,372.48万元) is named by its label
            own = own_words(p, s2)
            text = f"{own} {trailing_words(s2, p)}" if p.claim.metric_text.strip() else own if own.strip() \
                else ctx.words_of(s2, p)
            got = kept[(id(s2), id(p))] = (None if names_remainder(ctx, own) else text)
        if got is not None and words.search(got):
            out.append(p)
    return out


def names_remainder(ctx: CheckContext, words: str) -> bool:
    """Whether ``words`` name a remainder or an excess (rules
    ``operands.complement_words``: 未执行的83.52万元, 结余资金), not what a
    remainder paid for (``complement_use_words`` right after it: 教育结余用于
    项目建设经费 is spent)."""
    kept = ctx.kept("names_remainder")
    pattern = kept.get(None)
    if pattern is None:
        pattern = kept[None] = remainder_pattern(ctx.book.rules.operands)
    return pattern.search(words) is not None


def remainder_pattern(ops) -> re.Pattern:
    """A complement word not followed by a use word (rules ``operands``), as
    one pattern: a search finds it where the loop over the words and their
    places would (tests/test_check_cost.py holds the two together)."""
    words = "|".join(re.escape(w) for w in ops.complement_words) or r"(?!x)x"
    uses = "|".join(re.escape(w) for w in ops.complement_use_words)
    return re.compile(f"(?:{words})(?!{uses})" if ops.complement_use_words else f"(?:{words})")


def pair_nearby(ctx: CheckContext, near: list[tuple[Sentence, Placed]], first: Optional[re.Pattern],
                second: Optional[re.Pattern], limit: int = 3) -> list[tuple[Operand, Operand]]:
    """Every pair of a figure of ``near`` matching ``first`` and another
    matching ``second``, of the ``limit`` nearest of each (either side of the
    stated figure, its sentence first): the readings the words allow,
    nearest first; [] if either is missing."""
    firsts = named_by_words(ctx, near, first, limit)
    seconds = named_by_words(ctx, near, second, limit)
    return [(kept_operand(ctx, a.claim), kept_operand(ctx, b.claim)) for a in firsts for b in seconds if a is not b]


def head_terms(words: str) -> tuple[str, ...]:
    """The terms that name what a figure per something counts: the
    two-character runs of the last three characters (letters) of ``words``
    (城镇调查失业 -> 查失, 失业; 拥有养老床位 -> 老床, 床位); () when fewer
    than two are left."""
    text = "".join(ch for ch in words if ch.isalnum() and not ch.isdigit())[-3:]
    return tuple(text[i:i + 2] for i in range(len(text) - 1))


def counted_words(s: Sentence, p: Placed, to_cues: tuple[str, ...] = ()) -> str:
    """What a figure counts, in words: those before it, the number of its
    unit and those right after it (发动110家高企参加 -> 发动 家数 高企参加;
    开放233天 -> 开放 天数), apart so that no term runs across them (培训 人次
    holds no 训人); the end of a change (由1,860张增至2,740张: ``to_cues`` 增至
    …) counts what its start counts."""
    own = f"{p.claim.metric_text} {p.claim.unit}数 {s.after(p, 12)}"
    at = next((i for i, q in enumerate(s.placed) if q is p), 0)
    if at and p.claim.metric_text.strip() in to_cues:
        return f"{s.placed[at - 1].claim.metric_text} {own}"
    return own


def names_head(head: tuple[str, ...], words: str) -> bool:
    """Whether ``words`` hold one of the ``head`` terms (:func:`head_terms`)."""
    return any(h in words for h in head)


def named_figure(ctx: CheckContext, near: list[tuple[Sentence, Placed]], subject: str, head: tuple[str, ...],
                 fits: Callable[[Sentence, Placed], bool],
                 names: Optional[Callable[[str], bool]] = None) -> Optional[tuple[Sentence, Placed]]:
    """The one figure that words name (培训, 法律援助案件) among those of this
    year that ``fits`` accepts: not of the year before (上年办理…1,052件), not
    the start of a change (由1,860张), not a bound (1,100件以上, ≥32张), not
    a remainder (rules ``operands.complement_words``: 未执行的83.52万元).
    Those of the text whose words (:func:`counted_words`) hold the whole
    ``subject``, else a ``head`` term (or that ``names`` accepts, if given;
    the parts of a stated breakdown left
    out where its whole is one of them): when they all state one value (a
    figure stated again), the one of them nearest in ``near`` (else the
    first), else None."""
    if not head and names is None:
        return None
    words = _claims_counted(ctx)  # what each text claim counts, and whether it is a plain figure of this year
    mine = [(ks, k, text) for (ks, k), (text, plain) in zip(ctx.text_claims(), words) if fits(ks, k) and plain]
    tests = (names,) if names is not None else (lambda t: bool(subject) and subject in t,
                                                lambda t: names_head(head, t))
    for test in tests:
        found = [(ks, k) for ks, k, text in mine if test(text)]
        wholes = [(ks, k) for ks, k in found if id(k.claim) not in ctx.wholes_of]
        if wholes and len(wholes) < len(found):
            found = wholes  # 培训补贴资金1,372.48万元 over the four 补贴 it is divided into
        if found:
            if len({k.claim.normalized_value for _, k in found}) != 1:
                return None
            ids = {id(k) for _, k in found}
            return next(((ks, k) for ks, k in near if id(k) in ids), found[0])
    return None


def _claims_counted(ctx: CheckContext) -> list[tuple[str, bool]]:
    """For each text claim (in the order of ``ctx.text_claims()``), what it
    counts (:func:`counted_words`, the end of a change counting what its
    start counts: rules ``growth.to_cues``) and whether it is a plain
    figure of this year by its words: no bound, no remainder (rules
    ``operands.complement_words``), none of the year before (its counted
    words hold no ``growth.previous_year_words``), no start of a change
    (``growth.from_cues``). Read once per run of checks: :func:`named_figure`
    walks every claim for each rate."""
    kept = ctx.kept("claims_counted")
    got = kept.get(0)
    if got is None:
        growth = ctx.book.rules.growth
        previous, to_cues, from_cues = growth.previous_year_words, tuple(growth.to_cues), tuple(growth.from_cues)
        rest = ctx.book.rules.operands.complement_words
        got = kept[0] = []
        for ks, k in ctx.text_claims():
            text = counted_words(ks, k, to_cues)
            got.append((text, k.claim.operator is None and k.claim.qualifier is None
                        and not any(w in k.claim.metric_text for w in rest)
                        and not any(w in text for w in previous) and not k.claim.metric_text.rstrip().endswith(from_cues)))
    return got


@dataclass(frozen=True, init=False)
class Reading:
    """One reading of a relation: its operands, the interval they give (None:
    undetermined), whether the words pin these operands, and the expected
    value and calculation as text for the message."""

    operands: tuple[Operand, ...]
    interval: Optional[Interval]
    pinned: bool
    expected: str
    calculation: str

    def __init__(self, operands: tuple[Operand, ...], interval: Optional[Interval], pinned: bool,
                 expected: str, calculation: str) -> None:
        # (in the instance's dict, as Operand's: a reading is made for every pair tried)
        fields = self.__dict__
        fields["operands"] = operands
        fields["interval"] = interval
        fields["pinned"] = pinned
        fields["expected"] = expected
        fields["calculation"] = calculation

    @staticmethod
    def written_later(operands: tuple[Operand, ...], interval: Optional[Interval], pinned: bool,
                      write: Callable[[], tuple[str, str]]) -> "Reading":
        """A reading whose expected value and calculation, ``write()``, are
        written when first read: a message shows one reading of the many
        tried (the others' text would be written for nothing)."""
        r = _new_later(_LaterReading)
        fields = r.__dict__
        fields["operands"] = operands
        fields["interval"] = interval
        fields["pinned"] = pinned
        fields["_write"] = write
        return r


class _LaterReading(Reading):
    """A :class:`Reading` made by :meth:`Reading.written_later`."""

    def __getattr__(self, name: str):
        # (only for the two fields not yet in the instance's dict)
        fields = self.__dict__
        write = fields.get("_write")
        if write is None or name not in ("expected", "calculation"):
            raise AttributeError(name)
        fields["expected"], fields["calculation"] = write()
        del fields["_write"]
        return fields[name]


_new_later = object.__new__


def judge_readings(ctx: CheckContext, rule: str, s: Sentence, claim: Claim, readings: list[Reading],
                   missing: str, stated: Optional[Interval] = None,
                   explain: Optional[Callable[[Reading], str]] = None, name: str = "") -> CheckResult:
    """The verdict on a stated figure (interval ``stated``, default its own)
    against the readings of its relation: pass when some reading holds (the
    first that does is shown); fail when none does and some reading is
    pinned by the words (where some are, only those count; the first pinned is shown, with ``explain(reading)``
    added to the message if given); skipped when no reading is pinned
    (operands not determined) or there is none (``missing``). The figure
    is named in messages by its metric, else ``name`` (a label), else ``rule``."""
    name = claim.metric or name or FIGURE_NAMES.get(rule, rule)
    stated_as = stated_text(claim)
    usable = [r for r in readings if r.interval is not None]
    if stated is None:
        stated = interval_of(ctx, claim)
    pinned = [r for r in usable if r.pinned]
    # where the words pin readings, only those are allowed
    good = [r for r in (pinned or usable) if holds(r.interval, stated)]  # type: ignore[arg-type]
    if not good and not pinned:
        if not usable:
            reason = missing if not readings else "计算无意义（分母或起点可能为零）"
        else:
            reason = "附近的数字都得不出这个数，其运算对象无法确定"
        return make_result(ctx, rule, rule, "skipped", f"{name} {stated_as}：{reason}，无法核对",
                           stated=stated_as, quote=ctx.quote_sentence(s), locations=[claim.location])
    shown = (good or pinned)[0]
    verdict = "相符" if good else "不符"
    extra = explain(shown) if explain is not None and not good else ""
    return make_result(ctx, rule, rule, "pass" if good else "fail",
                       f"{name} {stated_as} 与 {shown.calculation} {verdict}{extra}",
                       expected=shown.expected, stated=stated_as, quote=ctx.quote_sentence(s),
                       locations=[claim.location] + [o.location for o in shown.operands])


STATED = "stated_rate"

#: What a message calls a stated figure with no name of its own (the later
#: items of a respective list: 分别增加2座和4座), by the rule judging it.
FIGURE_NAMES = {"rate": "比率", "growth": "增减幅度", "difference": "增减额"}


def stated_rate(ctx: CheckContext, s: Sentence, c: Claim) -> CheckResult:
    """The result of a rate stated with no candidate operand in reach
    (rule ``stated_rate``, kind ``rate``, always skipped): a stated figure,
    not a relation to check, counted among the checks that could not run
    and apart from the rate checks that found operands but could not pin
    them."""
    name = c.metric or FIGURE_NAMES["rate"]
    return make_result(ctx, STATED, "rate", "skipped",
                       f"{name} {stated_text(c)}：所述比率附近没有可作其分子或分母的数字（陈述的数值，不是可核对的运算关系）",
                       stated=stated_text(c), quote=ctx.quote_sentence(s), locations=[c.location])


def part_with_rate(ctx: CheckContext, s: Sentence, rate: Placed) -> Optional[Claim]:
    """The part of a stated breakdown that ``rate`` is stated with: the one
    amount listed as a part between the rate and the figure in a rate unit
    before it in its sentence (其中：当年财政拨款执行380万元，执行率95%；自有
    资金执行80万元，执行率80%: 380 for 95%, 80 for 80%). None where the rate
    follows two or more parts of one list (其中基本支出A、项目支出B，预算执行率
    r: the whole's rate) or none."""
    kept = ctx.kept("part_with_rate")
    got = kept.get(id(rate))
    if got is None or got[0] is not rate:
        units = ctx.book.rules.operands.rate_units
        wholes = ctx.wholes_of
        parts: list[Claim] = []
        for p in s.placed:
            if p is rate:
                break
            if p.claim.unit in units:
                parts = []  # a rate before: the parts after it are the next rate's
            elif id(p.claim) in wholes:
                parts.append(p.claim)
        got = kept[id(rate)] = (rate, parts[0] if len(parts) == 1 else None)
    return got[1]
