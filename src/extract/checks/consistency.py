"""One metric, two values: the same metric stated in two places that disagree.

:func:`check_metric_consistency` takes the check context and returns, per
metric stated in more than one place, a passed result when the values agree
(within their stated precision) and a failed one when they do not
(补助高新技术企业 1050 家 in the text, 105 家 in 表2).

Two figures are the same metric only when everything says so:

- the same metric name (after endings such as 数量 that change nothing:
  补助高新技术企业数量 is 补助高新技术企业, and a word of what was achieved
  opening it: 实际完成苗圃改造 is the form row's 完成苗圃改造, an achievement
  even under a heading of aims) of at least ``min_metric_chars``
  characters, beyond growth and rate words (年均增长 names no metric);
- for a figure whose words name only what it is measured against, the
  metric of its clause subject (:func:`subject_metrics`): 占基本支出预算80%
  after 工资福利支出预算40万元 is the share of 工资福利支出预算, so the shares
  of two parts of one base are two metrics; 比上年支出90万元 after “三公”经费
  支出80万元 is 上年三公经费支出;
- the same normalized unit, and the same scope: the same scope words
  (累计, 新增, 上年 …) in their own words, and, for parts of a stated
  breakdown, the same whole (项目支出 of 部门总支出 is not 项目支出 of
  财政拨款支出), a list past a "；" included (:func:`listed_wholes`);
- no year other than the report's: a metric stated for several years is a
  series, not a repeat;
- not a target (``≥700 家`` in text is an aim, not a figure), nor the start
  of a change (由45μg/m³降至29μg/m³: of an earlier year);
- a metric the text states with two values in one sentence (新引进 21 名 …
  累计 77 名) is ambiguous there and is not compared at all;
- for a figure per one of something (人均救助1500元, 每公里成本98万元: a
  cue of rules ``per_unit``), the same divisor and the same total where
  both sentences state them: 人均 over the 3,200 人 helped in all is not
  人均 over 1,000 人次 of one fund. A count the two state differently
  (another unit, another name and another value) makes two metrics; a
  sentence that names no count is not told apart by it;
- not two parallel items: text of two subsections of one chapter (三、项目
  绩效情况 → (一)专项甲, (二)专项乙) is about two subjects, so "安排资金" may
  differ between them. Text of two chapters, and a table against the text,
  are compared.

A figure restated is one metric though its words differ, where the
report's structure says so: a text figure named by a budget role alone
(项目累计支出, 预算执行率) and the form's funds cell of that role
(:func:`form_cell_role`); the 合计 of a table whose heading names a funds
row (项目支出明细) and that row's cell; a table row and the text's 其中
figure of its label, in another unit (1,285,600.00元 and 128.56万元); a
count after a light verb (组织…名普查员) and the count of its object. Such
an inferred identity is flagged only as a near miss
(``inferred_near_relative``): far apart, the two are two subjects. A name
with a qualifier put inside another (新建硬化道路 of 新建道路) usually names
a part of it, so its figure is flagged only when it exceeds the whole's.

Two statements agree when their intervals share more than an end
(:func:`agree`): one figure stated to the cent in two places is written
one way, so 1,312.84 and 1,312.85 disagree.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..interpret.budget import budget_header_columns
from ..interpret.funds import amount_quantity, table_unit
from ..model import CheckResult, Claim, Quantity, Table
from ..quantities import find_quantities
from .context import CLAUSE_BREAK, LEAD_LABEL, CheckContext, make_result
from .quotes import join_places
from .figures import count_unit, cue_rule, interval_of, stated_text, table_grid
from .operands import part_with_rate
from .relations.forms import restated_by_form
from .sentences import Placed, Sentence
from .screen import compiled_once
from .tolerance import Interval

RULE = "metric_consistency"
SKIP_CLASSES = {"date", "duration", "none"}


@dataclass(frozen=True, init=False)
class Statement:
    claim: Claim
    sentence: Optional[int]  # index of the text sentence; None for a table cell
    scope: frozenset[str]
    # for a figure per one of something: the counts of its sentence it may be
    # per (3,200 人 of 人均救助 1,500 元) and the totals it may divide (发放
    # 480 万元); empty when it is no such figure or its sentence states none
    per: tuple[Claim, ...] = ()
    of: tuple[Claim, ...] = ()
    # for a figure named by a budget role alone (年初预算, 支出决算): what its
    # sentence or label says it is the role of; None when it names nothing
    subject: Optional[str] = None
    # identity inferred, not named (a form cell and the text's budget-role
    # words; a count after a light verb): a mismatch counts only as a near miss
    inferred: bool = False
    # for a figure of a name with a qualifier put inside the group's name
    # (维修灌溉渠道 of 维修渠道): that name; perhaps a part, so never flagged
    # for being under the whole, nor against another part's figure
    qualified: Optional[str] = None

    def __init__(self, claim: Claim, sentence: Optional[int], scope: frozenset[str],
                 per: tuple[Claim, ...] = (), of: tuple[Claim, ...] = (), subject: Optional[str] = None,
                 inferred: bool = False, qualified: Optional[str] = None) -> None:
        # (set in the instance's dict: a frozen dataclass's own __init__ sets
        # each field through object.__setattr__, at twice the cost)
        self.__dict__.update(claim=claim, sentence=sentence, scope=scope, per=per, of=of, subject=subject,
                             inferred=inferred, qualified=qualified)


def metric_key(ctx: CheckContext, claim: Claim, metric: Optional[str] = None) -> Optional[str]:
    """The name two statements of one metric share (of ``metric``, by
    default the claim's own words), or None when the name says too little."""
    rules = ctx.book.rules.consistency
    metric = claim.metric if metric is None else metric
    words = _longest_first(rules.report_period_words)
    if metric.startswith(words):  # one C call for the many metrics that open with none
        for word in words:
            if metric.startswith(word) and len(metric) > len(word):
                metric = metric[len(word):]
                break
    leads = _longest_first(rules.reference_leads)
    if leads and metric.startswith(leads):  # 表中实际支出 is the 实际支出 the table states
        metric = next(metric[len(w):] for w in leads if metric.startswith(w))
    actual = _longest_first(rules.actual_words)
    if actual and metric.startswith(actual):  # 实际完成苗圃改造 is 完成苗圃改造 (实际支出 stays: 支出 says too little)
        for word in actual:
            if metric.startswith(word) and len(metric) - len(word) >= rules.min_metric_chars:
                metric = metric[len(word):]
                break
    restating = _longest_first(rules.restating_ends)
    if restating and metric.endswith(restating):  # 生活补助即18,400元 is 生活补助's figure
        metric = metric[:-len(next(w for w in restating if metric.endswith(w)))]
    # the suffix pattern ends at $ (the end, or before a last line break):
    # a metric ending with no suffix nor a line break holds no match
    ends = _longest_first(rules.metric_suffixes)
    name = (ctx.book.metric_suffix.sub("", metric) or metric) if metric.endswith(ends + ("\n",)) else metric
    if len(name) < rules.min_metric_chars:
        return None
    if len(ctx.book.relation_words.sub("", name)) < rules.min_metric_chars:
        return None
    if ("比" in name or "较" in name) and ctx.book.comparative_change.search(name):
        return None  # 比目标多 (1,400人次): a change against what it names, no metric of its own
    return name


def kept_metric_key(ctx: CheckContext, claim: Claim, metric: Optional[str] = None) -> Optional[str]:
    """:func:`metric_key`, worked out once per metric text in a run of
    checks (it reads only the text and the rules; the figures of a sentence
    ask for the keys of those before them, each in turn)."""
    metric = claim.metric if metric is None else metric
    kept = ctx.kept("metric_key")
    try:
        return kept[metric]
    except KeyError:
        key = kept[metric] = metric_key(ctx, claim, metric)
        return key


def _longest_first(words: list[str]) -> tuple[str, ...]:
    """``words`` (a list of the rules) longest first, sorted once per list
    (kept by the one identity-keyed cache, screen.compiled_once)."""
    return compiled_once("longest_first", words, lambda w: tuple(sorted(w, key=len, reverse=True)))


def _after_lead(leads: "tuple[str, ...]", metric: str) -> Optional[str]:
    """The rest of ``metric`` after the first of ``leads`` (longest first)
    it opens with; None when it opens with none."""
    if not metric.startswith(leads):  # one C call for the many that open with none
        return None
    for lead in leads:
        if metric.startswith(lead):
            return metric[len(lead):]
    return None


def subject_metrics(ctx: CheckContext) -> dict[int, Optional[str]]:
    """The metric a text figure states when its own words name only what it
    is measured against (rules ``consistency.share_leads`` and
    ``prior_leads``), by ``id`` of its claim: its clause subject's, the
    figure stated before it in its sentence. 工资福利支出预算40万元，占基本支出
    预算80% states 工资福利支出预算占基本支出预算 (the share of a part, so two
    shares of one base are two metrics); “三公”经费支出80万元，比上年支出90万元
    states 上年三公经费支出. None where the sentence states no subject before
    the figure, a share that names no base (项目支出300万元，占33%: of all
    spending, or of the 财政拨款 spending?), or a subject whose name says too
    little: such a figure names no metric of its own. Where the words after the lead repeat the name of
    a figure before (收入总计…，支出总计…，比上年收入总计…), that figure is the
    subject. A figure whose words are a period (``sentence_scope_words``)
    and a rest that names too little on its own is a prior-year figure too
    where the rest repeats the subject's words (事业收入…，上年收入…); else it
    keeps its own words (当年财政拨款…，上年结转…: money carried in), as
    上年结转结余 does. A change after a comparison lead (比上年决算减少1.20万元)
    is no prior-year figure: it is its subject's change, the difference
    check's, and names no metric here (None)."""
    rules = ctx.book.rules.consistency
    relation = ctx.book.relation_words
    shares = _longest_first(rules.share_leads)
    priors = _longest_first(rules.prior_leads)
    periods = _longest_first(rules.sentence_scope_words)
    endings = tuple(sorted((w[::-1] for w in rules.share_base_endings), key=len, reverse=True))

    def lead(c: Claim) -> Optional[tuple[str, str]]:
        """("share", base), ("prior", rest), ("change", rest) or ("period",
        rest) for a figure its words measure against something; None for one
        that names its own metric."""
        if c.unit_class == "percent":  # 占地面积 2,000 平方米 is no share
            base = _after_lead(shares, c.metric)
            if base is not None:
                kept = _after_lead(endings, base[::-1])  # 占基本支出预算的比重: 基本支出预算
                return "share", base[:len(kept)] if kept is not None else base
        rest = _after_lead(priors, c.metric)
        if rest is None:
            rest = _after_lead(priors, c.metric_text)  # 与上年支出90万元相比: 与 is cut from the metric
        if rest is None:
            # 上年支出 90 万元 after its subject; 上年结转结余 names its own
            rest = _after_lead(periods, c.metric)
            if rest is None or kept_metric_key(ctx, c, rest) is not None or relation.search(rest):
                return None
            return "period", rest
        if relation.search(rest):
            return "change", rest  # 比上年决算减少1.20万元: its subject's change, not its own metric
        return "prior", rest

    out: dict[int, Optional[str]] = {}
    for s in ctx.sentences:
        leads = [lead(p.claim) for p in s.placed]
        for i, p in enumerate(s.placed):
            c = p.claim
            if leads[i] is None:
                continue
            kind, rest = leads[i]
            if kind == "change":
                out[id(c)] = None  # the change is the difference check's; it names no metric
                continue
            subjects = [q.claim for q, led in zip(s.placed[:i], leads) if led is None
                        and not relation.search(q.claim.metric)
                        and (q.claim.unit_class not in ("percent", "date", "duration") if kind == "share"
                             else q.claim.normalized_unit == c.normalized_unit)]
            keys = [kept_metric_key(ctx, q) for q in subjects]
            # 收入总计…，支出总计…，比上年收入总计…: the subject its words repeat
            own = kept_metric_key(ctx, c, rest) if kind == "prior" and rest else None
            key = own if own is not None and own in keys else keys[-1] if keys else None
            if kind == "share" and not rest:
                key = None  # 项目支出300万元，占33%: of a base it does not name
            if kind == "period" and (key is None or rest not in key):
                continue  # 上年支出 90 万元 with no subject before, 上年结转 after 财政拨款: its own words
            out[id(c)] = None if key is None else f"{key}占{rest}" if kind == "share" else f"上年{key}"
    return out


LIST_GO_ON = ("；", ";")
# what opens a label and names nothing: an item's number (1. （一） ①), a
# year, the report's period, 其中
_LABEL_NOISE = re.compile(r"^(?:\s|[(（][\d一二三四五六七八九十]{1,3}[)）][、.．]?|[\d一二三四五六七八九十]{1,3}[、.．]"
                          r"|[①-⑳]|(?:19|20)\d\d\s*年度?"
                          r"|其中|另外|此外|同时|[：:，,、])+")
_LABEL_END = re.compile(r"[\s。；;：:，,！？!?为是]+$")


def _words(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _role_patterns(ctx: CheckContext) -> tuple[re.Pattern, re.Pattern, Optional[re.Pattern], Optional[re.Pattern]]:
    """The patterns :func:`role_subjects` reads, compiled once per rule set
    (alternations of the rules' word lists: not built again for every report)."""
    book = ctx.book

    def build():
        rules = book.rules.consistency
        words = _words(rules.role_words)
        generic = book.rules.operands.generic_rate_words
        return (re.compile(f"(?:{words})+"), re.compile(f"(?:{words})+$"),
                re.compile(f"^(?:{_words(rules.report_period_words)})") if rules.report_period_words else None,
                re.compile(f"(?:[本该此]?(?:{_words(generic)}))+") if generic else None)

    return ctx.rules.derived("checks.consistency.role_patterns", build)


def role_subjects(ctx: CheckContext) -> dict[int, str]:
    """For each text figure named by budget-role words alone (rules
    ``consistency.role_words``: 年初预算, 支出决算, 完成年初预算), by ``id``
    of its claim, the subject it is the role of: of the figure before it in
    its sentence named as a role of something (…财政拨款支出年初预算为860万元，
    支出决算为842.30万元: 一般公共预算财政拨款支出), else the words of its
    sentence before the first figure (1.行政运行(项)：年初预算为…: 行政运行(项)),
    else the sentence
    right before it in its section when that states no figure and is short
    (一般公共服务支出(类)人大事务(款)行政运行(项)。年初预算为…). Words that name
    no subject (operands ``generic_rate_words``: 本项目, 全年) are none. A
    figure whose subject none of these names is left out."""
    rules = ctx.book.rules.consistency
    if not rules.role_words:
        return {}
    role_only, role_end, periods, nameless = _role_patterns(ctx)
    stated = {(s.section, s.text) for s in ctx.sentences}
    # each section's sentences by text, once: where each stands in its section
    places: dict[str, dict[str, list[int]]] = {}

    def label(text: str) -> Optional[str]:
        """The subject ``text`` names; None for 本项目, 全年, 2024年 (no subject)."""
        text = _LABEL_END.sub("", _LABEL_NOISE.sub("", text))
        if periods is not None:
            text = _LABEL_NOISE.sub("", periods.sub("", text))
        if len(text) < 2 or nameless is not None and nameless.fullmatch(text):
            return None
        return text

    def sentence_label(s: Sentence) -> Optional[str]:
        first = s.placed[0]
        lead = s.text[:first.start] if first.start >= 0 else ""
        cut = lead.rfind(first.claim.metric_text) if first.claim.metric_text else -1
        own = label(lead[:cut]) if cut >= 0 else None
        if own is not None or s.section is None or s.section not in ctx.sections:
            return own
        texts = ctx.section_sentences(ctx.sections[s.section])
        if s.section not in places:
            places[s.section] = {}
            for j, t in enumerate(texts):
                places[s.section].setdefault(t, []).append(j)
        at = places[s.section].get(s.text.strip(), [])
        if len(at) != 1 or at[0] == 0:
            return None
        before = texts[at[0] - 1]
        if (s.section, before) in stated or len(before) > rules.subject_label_max_chars:
            return None
        return label(before)

    out: dict[int, str] = {}
    for s in ctx.sentences:
        labelled: list[Optional[str]] = []  # the sentence's label, once
        for i, p in enumerate(s.placed):
            if not role_only.fullmatch(p.claim.metric):
                continue
            # …财政拨款支出年初预算为860万元，支出决算为…: the roles of 财政拨款支出
            named = [q.claim for q in s.placed[:i] if not role_only.fullmatch(q.claim.metric)
                     and role_end.search(q.claim.metric)]
            if not named and not labelled:
                labelled.append(sentence_label(s))
            subject = label(role_end.sub("", named[-1].metric)) if named else labelled[0]
            if subject is not None:
                out[id(p.claim)] = subject
    return out


def listed_wholes(ctx: CheckContext) -> dict[int, frozenset[str]]:
    """The wholes above each part of a stated breakdown (``ctx.wholes_of``),
    and above the parts listed after one past a semicolon: in 本年支出合计
    2,480万元，其中：基本支出1,860万元，占75%；项目支出620万元，占25%。 the
    breakdown ends at the "；", but 项目支出 is 本年支出合计's as 基本支出 is,
    not the 项目支出 of the 财政拨款支出 of another chapter. A listed part is
    the first figure of the sentence right after one ending in a semicolon
    whose last figure that is no percent is a part, in the same section and
    unit, and no whole of a breakdown itself."""
    out = dict(ctx.wholes_of)
    wholes = {id(p.claim) for b in ctx.breakdowns for p in b.wholes}
    for before, s in zip(ctx.sentences, ctx.sentences[1:]):
        if before.section != s.section or not before.text.rstrip().endswith(LIST_GO_ON):
            continue
        last = [p.claim for p in before.placed if p.claim.unit_class != "percent"]
        first = next((p.claim for p in s.placed if p.claim.unit_class != "percent"), None)
        if (not last or first is None or id(last[-1]) not in out or id(first) in out or id(first) in wholes
                or first.normalized_unit != last[-1].normalized_unit or first is not s.placed[0].claim):
            continue
        out[id(first)] = out[id(last[-1])]
    return out


def _scope(ctx: CheckContext, claim: Claim, lead: str = "",
           wholes_of: Optional[dict[int, frozenset[str]]] = None) -> frozenset[str]:
    """The scope words of a claim: in its metric's words (or, where they
    hold none, the periods of ``lead``, its sentence's words before the
    first figure: "上年同口径调整后预算…，实际支出…"), its qualifier, and the label that
    leads its sentence ("预期目标：完成…85公里" is a target, "实际完成情况：
    …88.3公里" is not); a figure of a section headed as aims is a target."""
    words = set(ctx.book.scope_words.findall(claim.metric_text)) or {
        w for w in ctx.book.rules.consistency.sentence_scope_words if w in lead}
    label = LEAD_LABEL.match(claim.sentence or "")
    if label:
        words.update(ctx.book.scope_words.findall(label.group(1)))
    if claim.origin == "table":
        words = set(ctx.book.scope_words.findall(claim.metric))
    elif ctx.states_aim(claim) and not _names_actual(ctx, claim.metric):
        words.add("目标")
    if claim.qualifier and ctx.book.scope_words.fullmatch(claim.qualifier):
        words.add(claim.qualifier)
    for whole in (ctx.wholes_of if wholes_of is None else wholes_of).get(id(claim), ()):
        words.add(f"之部分:{whole}")
    return frozenset(words)


def _names_actual(ctx: CheckContext, metric: str) -> bool:
    """Whether a metric opens, after the report's period words, with a word
    of what was achieved (rules ``consistency.actual_words``: 实际完成…): an
    achievement even where its section states aims."""
    rules = ctx.book.rules.consistency
    actual = _longest_first(rules.actual_words)
    if not actual:
        return False
    rest = _after_lead(_longest_first(rules.report_period_words), metric)
    return (metric if rest is None else rest).startswith(actual)


def _weight_words(ctx: CheckContext) -> tuple[re.Pattern, frozenset[str]]:
    """The words of every score role (rules ``breakdowns.score_roles``:
    分值 | 得分) as one pattern, longest first, and the 分值 role's words."""
    def build() -> tuple[re.Pattern, frozenset[str]]:
        roles = ctx.book.rules.breakdowns.score_roles
        words = sorted({w for ws in roles for w in ws}, key=lambda w: (-len(w), w))
        return re.compile("|".join(map(re.escape, words)) or "(?!)"), frozenset(roles[0] if roles else ())
    return ctx.rules.derived("checks.consistency.weight_words", build)


def _states_weight(ctx: CheckContext, claim: Claim, s: Sentence) -> bool:
    """Whether a score of the text is a 分值 (a weight of the scoring
    scheme: 采用百分制，项目决策20分), not a 得分: the role word nearest
    before its figure in its sentence is the 分值 role's. The 分值 and the
    得分 of one category are two metrics (项目决策20分 / 自评得分：项目决策18分)."""
    p = _placed_figure(s, claim)
    if p is None:
        return False
    pattern, weights = _weight_words(ctx)
    last = None
    for last in pattern.finditer(s.text, 0, p.start):
        pass
    return last is not None and last.group() in weights


def _eligible(claim: Claim) -> bool:
    if claim.unit_class in SKIP_CLASSES:
        return False
    return not (claim.operator is not None and claim.qualifier is None)


def statements(ctx: CheckContext) -> dict[tuple[str, str], list[Statement]]:
    """Eligible figures grouped by (metric name, normalized unit); only
    metrics stated more than once. A text figure restating a cell of the
    form's funds block (:func:`form_cell_role`) is grouped with that cell;
    a count after a light verb with the count of its object
    (:func:`_light_verb_targets`)."""
    by_key: dict[tuple[str, str], list[Claim]] = {}
    subjects = subject_metrics(ctx)
    from_cues = tuple(ctx.book.rules.growth.from_cues)
    cells = form_cells(ctx)
    # a figure named by role words whose sentence names its subject is that subject's, not the form's
    roles = role_subjects(ctx) if cells else None
    inferred: set[int] = set()
    restating: set[int] = set()  # text figures restating a form cell
    generic: list[Claim] = []
    generic_names = _generic_names(ctx)
    aliases = {name: names[0] for names in ctx.book.rules.consistency.one_metric_names for name in names}
    aliased: set[int] = set()  # figures grouped under another name of their metric
    unfinished = _unfinished_words(ctx)
    unitless: list[Claim] = []  # a form row's actual with no unit of its own
    for claim in ctx.report.claims:
        if _unitless_cell(claim):
            unitless.append(claim)
            continue
        if not _eligible(claim) or (claim.origin == "text" and restated_by_form(ctx.report, claim.location)):
            continue
        if claim.origin == "text" and claim.metric_text.rstrip().endswith(from_cues):
            continue  # 由45μg/m³降至29μg/m³: the start of a change is of an earlier year
        if claim.origin == "text" and _placeholder_year_before(ctx, claim):
            continue  # 20xx年救助14人: of a year left unwritten
        if claim.origin == "text" and unfinished is not None and claim.unit_class != "money" \
                and unfinished.search(claim.sentence) \
                and _unfinished(ctx, claim, unfinished):
            continue  # 危桥改造有1座因汛期影响未完工: the rest not done, no value of the metric
        cell = form_cell_role(ctx, claim) if roles is not None and id(claim) not in roles else None
        if cell is not None and cell in cells:
            key: Optional[str] = cells[cell][0]
            inferred.add(id(claim))
            restating.add(id(claim))
        else:
            metric = subjects.get(id(claim), claim.metric)
            key = kept_metric_key(ctx, claim, metric) if metric is not None else None
            if key in aliases:
                key = aliases[key]
                inferred.add(id(claim))
                aliased.add(id(claim))
        if key is not None:
            by_key.setdefault((key, claim.normalized_unit), []).append(claim)
        elif claim.origin == "text" and claim.metric in generic_names:
            generic.append(claim)  # 综合满意度: perhaps the report's one 满意度 indicator
    for claim in unitless:
        adopted = _with_text_unit(ctx, claim, by_key)
        if adopted is not None:
            by_key[adopted[0]].append(adopted[1])
    # the form's cells, and the totals of the tables of one funds row, where
    # the text restates them or they restate each other
    extra: dict[tuple[str, str], list[Claim]] = {}
    for name, cell_claim in list(cells.values()) + table_totals_of_rows(ctx, cells):
        extra.setdefault((name, cell_claim.normalized_unit), []).append(cell_claim)
    for key, claims in extra.items():
        if key in by_key or len(claims) > 1:
            by_key.setdefault(key, []).extend(claims)
            inferred.update(id(c) for c in claims)
    qualified: dict[int, str] = {}  # figures of a name with a qualifier inside the group's: that name
    light = list(_light_verb_targets(ctx, by_key).items())
    for n, (source, target) in enumerate(light + _qualified_names(ctx, by_key)):
        if source not in by_key or target not in by_key:
            continue  # (moved already)
        moved = by_key.pop(source)
        by_key[target].extend(moved)
        inferred.update(id(c) for c in moved)
        if n >= len(light):
            qualified.update((id(c), source[0]) for c in moved)
    for claim, target in _one_indicator_targets(ctx, by_key, generic):
        by_key[target].append(claim)
        inferred.add(id(claim))
    index = {id(p.claim): i for i, s in enumerate(ctx.sentences) for p in s.placed}

    def lead(i: Optional[int]) -> str:
        if i is None:
            return ""
        s = ctx.sentences[i]
        return s.text[:max(s.placed[0].start, 0)]

    wholes_of = listed_wholes(ctx) if by_key else {}
    if roles is None:
        roles = role_subjects(ctx) if by_key else {}

    crules = ctx.book.rules.consistency
    cutoff = re.compile(crules.cutoff) if crules.cutoff else None
    year_end = re.compile(crules.cutoff_year_end) if crules.cutoff_year_end else None

    def cutoff_of(c: Claim, i: Optional[int]) -> Optional[str]:
        """The cut-off date before ``c``'s figure in its clause (截至6月底)."""
        if cutoff is None or i is None:
            return None
        s = ctx.sentences[i]
        p = _placed_figure(s, c)
        if p is None or cutoff.search(s.text, 0, p.start) is None:
            return None  # (none before the figure in its sentence: none in its item, whose opening is not looked for)
        found = list(cutoff.finditer(s.text, _item_opens(s.text, p.start), p.start))
        if not found:
            return None
        date = re.sub(r"\s+", "", found[-1].group("date"))
        return None if year_end is not None and year_end.search(date) else date

    item_budget = re.compile(ctx.book.rules.operands.item_budget_before) \
        if ctx.book.rules.operands.item_budget_before else None

    def item_of(i: Optional[int]) -> Optional[str]:
        """The item with a budget of its own (rules ``operands.item_budget_before``:
        “三公”经费) that the sentence's subject (the last clause before its
        first figure) or its section's own heading names alone (rules
        ``operands.item_heading_joins``), unless that clause names the whole
        (``item_whole_words``: 部门): its figures are that item's (“三公”经费
        预算12万元，实际支出10.2万元 is no 实际支出 of the whole)."""
        if item_budget is None or i is None:
            return None
        s = ctx.sentences[i]
        head = lead(i)
        clause = max((m.end() for m in CLAUSE_BREAK.finditer(head)), default=0)
        m = item_budget.search(head, clause)
        if m is None and s.section and not any(w in head[clause:] for w in orules.item_whole_words):
            m = heading_item.get(s.section)
            if m is None:
                sec = sections.get(s.section)
                title = sec.title if sec is not None else ""
                found = item_budget.search(title)
                m = heading_item[s.section] = found if found and not any(
                    w in title for w in orules.item_heading_joins) else False
        return m.group() if m else None

    orules = ctx.book.rules.operands
    sections = {sec.id: sec for sec in ctx.report.sections}
    heading_item: dict[str, object] = {}

    def scope(c: Claim, i: Optional[int]) -> frozenset[str]:
        words = _scope(ctx, c, lead(i), wholes_of)
        date = cutoff_of(c, i)
        if date is not None:
            words = words | {f"截至:{date}"}
        item = item_of(i) if c.origin == "text" else None
        if item is not None:
            words = words | {f"单列:{item}"}
        if c.unit_class == "score" and i is not None and _states_weight(ctx, c, ctx.sentences[i]):
            words = words | {"分值"}
        if id(c) in aliased:
            words = words - set(ctx.book.rules.consistency.one_metric_free_words)
        if id(c) in restating:
            # the role's own words (累计 of 累计支出) and a breakdown's whole
            # are no scope of a form cell's restatement
            role = "".join(m.group() for m in _form_words(ctx).columns.finditer(c.metric_text))
            words = frozenset(w for w in words if not w.startswith("之部分:") and w not in role)
        return words

    return {key: [Statement(c, i, scope(c, i), *_operands(ctx, c, i),
                            subject=roles.get(id(c)), inferred=id(c) in inferred,
                            qualified=qualified.get(id(c)))
                  for c in claims for i in [index.get(id(c)) if c.origin == "text" else None]]
            for key, claims in by_key.items() if len(claims) > 1}


#: A unit in brackets ending a row label (印发宣传手册（册）).
_LABEL_UNIT = re.compile(r"[（(]\s*([^（）()\d\s]{1,4})\s*[)）]\s*$")


def _qualified_names(ctx: CheckContext, by_key: dict[tuple[str, str], list[Claim]]
                     ) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """(longer, shorter) keys of one unit where the longer name is the
    shorter with a qualifier put inside it (rules
    ``consistency.qualifier_max_chars``: 维修渠道 / 维修灌溉渠道), two
    letters at least kept on each side, the qualifier holding no scope word
    nor a ``qualifier_not_words`` word, a text figure among them, and the
    longer fitting no other shorter name: one metric by inference."""
    rules = ctx.book.rules.consistency
    most = rules.qualifier_max_chars
    if most <= 0 or len(by_key) < 2:
        return []
    banned = tuple(rules.scope_words + rules.qualifier_not_words + rules.report_period_words)
    by_unit: dict[str, list[str]] = {}
    for name, unit in by_key:
        by_unit.setdefault(unit, []).append(name)
    out = []
    for unit, names in by_unit.items():
        if len(names) < 2:
            continue
        for long in names:
            fits = [short for short in names if 4 <= len(short) < len(long) <= len(short) + most
                    and _inserted(short, long, banned)]
            if len(fits) == 1 and any(c.origin == "text" for c in by_key[(long, unit)] + by_key[(fits[0], unit)]):
                out.append(((long, unit), (fits[0], unit)))
    moved = {source for source, _ in out}
    return [(source, target) for source, target in out if target not in moved]


def _inserted(short: str, long: str, banned: "tuple[str, ...]") -> bool:
    """Whether ``long`` is ``short`` with letters put in after its first
    two and before its last two, none of them a digit nor ``banned``."""
    cut = len(long) - len(short)
    for i in range(2, len(short) - 1):
        if long[:i] == short[:i] and long[i + cut:] == short[i:]:
            added = long[i:i + cut]
            if len(short) - i >= 2 and not any(ch.isdigit() for ch in added) and not any(w in added for w in banned):
                return True
    return False


def _unitless_cell(claim: Claim) -> bool:
    """A table's bare number (a form row's 实际完成值 3,050 with no unit)."""
    return claim.origin == "table" and claim.unit_class == "none" and not claim.unit and \
        claim.operator is None and claim.qualifier is None and bool(claim.metric)


def _with_text_unit(ctx: CheckContext, claim: Claim, by_key: dict[tuple[str, str], list[Claim]]
                    ) -> Optional[tuple[tuple[str, str], Claim]]:
    """A table's bare number (:func:`_unitless_cell`) in the unit of the
    text's figures of its metric (全年印发宣传手册3,150册 / a form row 印发宣传
    手册 … 3,050): grouped with them when the text states that metric in one
    unit only, a count's with no scale (册, 人次, 公里; not 万人次 nor money,
    whose bare cell may be in another scale), the cell's figure taken in that
    unit; None otherwise."""
    metric = claim.metric or ""
    named = _LABEL_UNIT.search(metric)  # 印发宣传手册（册）: the label's own unit
    if named is not None:
        metric = metric[:named.start()]
    key = kept_metric_key(ctx, claim, metric) if metric else None
    if key is None:
        return None
    units = {u for (k, u), claims in by_key.items() if k == key and any(c.origin == "text" for c in claims)}
    if len(units) != 1:
        return None
    unit = units.pop()
    text = [c for c in by_key[(key, unit)] if c.origin == "text"]
    if any(c.unit_class in ("money", "percent", "score") or c.unit != c.normalized_unit
           or c.normalized_value != c.value for c in text):
        return None
    if named is not None and named.group(1) not in {c.unit for c in text}:
        return None
    sample = text[0]
    return (key, unit), claim.model_copy(update={"unit": sample.unit, "unit_class": sample.unit_class,
                                                 "normalized_unit": sample.normalized_unit})


def _unfinished_words(ctx: CheckContext) -> Optional[re.Pattern]:
    """Rules ``consistency.unfinished_words`` as one pattern, compiled once per rule set."""
    words = ctx.book.rules.consistency.unfinished_words
    return ctx.rules.derived("checks.consistency.unfinished", lambda: re.compile(
        "|".join(map(re.escape, sorted(words, key=len, reverse=True))))) if words else None


def _unfinished(ctx: CheckContext, claim: Claim, words: re.Pattern) -> bool:
    """Whether a text count is the rest not done (rules
    ``consistency.unfinished_words`` in its own words or after it in its
    clause: 危桥改造有1座因汛期影响未完工, 尚有2处未开工)."""
    if words.search(claim.metric_text):
        return True
    at = ctx.placed_at(claim.location)
    if at is None or at[1].end < 0:
        return False
    s, p = at
    stop = CLAUSE_BREAK.search(s.text, p.end)
    return words.search(s.text, p.end, stop.start() if stop else len(s.text)) is not None


def _light_verb_targets(ctx: CheckContext,
                        by_key: dict[tuple[str, str], list[Claim]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Groups named by a light verb and its object (组织普查员: rules
    ``consistency.light_verbs``), each with the one other group of the
    unit named by the object alone or after a verb of at most two
    characters (普查员, 选聘普查员): both count the object. A group with no
    such other, or with more than one, stays as it is."""
    verbs = _longest_first(ctx.book.rules.consistency.light_verbs)
    out: dict[tuple[str, str], tuple[str, str]] = {}
    if not verbs:
        return out
    for key, unit in by_key:
        rest = _after_lead(verbs, key)
        if rest is None or len(rest) < ctx.book.rules.consistency.min_metric_chars:
            continue
        targets = [(k, u) for k, u in by_key if u == unit and k != key and k.endswith(rest)
                   and len(k) - len(rest) <= 2 and _after_lead(verbs, k) is None]
        if len(targets) == 1:
            out[(key, unit)] = targets[0]
    return out


def _generic_names(ctx: CheckContext) -> frozenset[str]:
    """The names of a kind of indicator with a generic word and no subject
    (综合满意度: rules ``consistency.one_indicator_generic`` and
    ``one_indicator_names``), made once per rule set."""
    rules = ctx.book.rules.consistency
    return ctx.rules.derived("checks.consistency.generic_names", lambda: frozenset(
        f"{g}{kind}" for kind in rules.one_indicator_names for g in rules.one_indicator_generic))


def _one_indicator_targets(ctx: CheckContext, by_key: dict[tuple[str, str], list[Claim]],
                           generic: list[Claim]) -> list[tuple[Claim, tuple[str, str]]]:
    """Text figures named by a generic word and a kind of indicator
    (综合满意度: :func:`_generic_names`), each with the group of the report's
    one indicator of that kind in a table (服务对象满意度 of the 自评表), where
    there is exactly one: the report measures that kind once. Two indicators
    of the kind (服务对象满意度, 社会公众满意度): none."""
    out: list[tuple[Claim, tuple[str, str]]] = []
    for kind in ctx.book.rules.consistency.one_indicator_names if generic else ():
        claims = [c for c in generic if c.metric.endswith(kind)]
        if not claims:
            continue
        tables = [k for k, group in by_key.items() if k[0].endswith(kind) and any(c.origin == "table" for c in group)]
        if len({k[0] for k in tables}) != 1:
            continue
        for c in claims:
            target = next((t for t in tables if t[1] == c.normalized_unit), None)
            if target is not None:
                out.append((c, target))
    return out


def _operands(ctx: CheckContext, claim: Claim, i: Optional[int]) -> tuple[tuple[Claim, ...], tuple[Claim, ...]]:
    """What a figure per one of something is per and what it divides: the
    counts in its rule's units (人, 人次, 名 for 人均) and the larger figures
    of its kind that its sentence states besides it."""
    rule = cue_rule(ctx.book, claim)
    if rule is None or i is None:
        return (), ()
    units = ctx.book.rules.per_unit[rule].units
    others = [p.claim for p in ctx.sentences[i].placed if p.claim is not claim]
    per = tuple(c for c in others if count_unit(c, units) is not None)
    of = tuple(c for c in others if c.unit_class == claim.unit_class and all(c is not k for k in per)
               and c.operator is None
               and cue_rule(ctx.book, c) is None and c.normalized_value > claim.normalized_value)
    return per, of


def _same_figure(ctx: CheckContext, a: Claim, b: Claim) -> bool:
    """Two figures that may be one: the same unit, and the same name or the
    same value (共救助3,200人 and 救助困难群众3,200人)."""
    if a.normalized_unit != b.normalized_unit:
        return False
    if (kept_metric_key(ctx, a) or a.metric) == (kept_metric_key(ctx, b) or b.metric):
        return True
    return interval_of(ctx, a).overlaps(interval_of(ctx, b))


def _other_operands(ctx: CheckContext, a: Statement, b: Statement) -> bool:
    """Two figures per one of something over different counts, or of
    different totals, both stated: two metrics, whatever their words."""
    return any(x and y and not any(_same_figure(ctx, p, q) for p in x for q in y)
               for x, y in ((a.per, b.per), (a.of, b.of)))


def _other_subjects(a: Statement, b: Statement) -> bool:
    """Two budget roles of two named subjects (the 支出决算 of 行政运行(项) and
    that of 机关服务(项)): two metrics. A figure whose subject is not named is
    compared as its words say."""
    return a.subject is not None and b.subject is not None and a.subject != b.subject


#: What separates the parallel items of one sentence: ；, or the next item's
#: marker (二是, （二）, 2、).
_ITEM_BREAK = re.compile(r"[；;]|[二三四五六七八九十]是|[（(][二三四五六七八九十\d]{1,2}[）)]|(?<!\d)\d[、.．](?!\d)")


def _parallel_items(ctx: CheckContext, a: Statement, b: Statement) -> bool:
    """Two figures in two parallel items of one passage (split by ；, 二是,
    （二）, or into neighbouring sentences), each item opening with a figure
    of its own subject before them (一是培训经费合计12万元，已于本年度支出12万元；
    二是设备购置经费合计30万元，已于本年度支出30万元: the spending of two
    subjects, named only by its predicate): two metrics."""
    if a.sentence is None or b.sentence is None:
        return False
    first, second = sorted((a, b), key=lambda st: (st.sentence, st.claim.figure_at or 0))
    if ctx.sentences[first.sentence].section != ctx.sentences[second.sentence].section:
        return False
    sa, sb = _item_subject(ctx, first), _item_subject(ctx, second)
    if sa is None or sb is None or sa == sb:
        return False
    if abs(a.sentence - b.sentence) > ITEM_REACH:
        # far apart, only two subjects their markers name (一是甲，…  …二是乙，…)
        return all(len(x) == 1 and next(iter(x)).startswith(_NAMED) for x in (sa, sb))
    if first.sentence != second.sentence:
        return True
    s = ctx.sentences[first.sentence]
    pa, pb = (_placed_figure(s, st.claim) for st in (first, second))  # both found by _item_subject
    return any(m.start() >= pa.end for m in _ITEM_BREAK.finditer(s.text, 0, pb.start))


def _paragraph_lead(ctx: CheckContext, st: Statement) -> Optional[tuple[str, str]]:
    """What opens the line of ``st``'s figure and scopes it (rules
    ``consistency.paragraph_lead``): ("year", "2021") for 2021年度绩效目标。…,
    ("place", "甲县") for 甲县申请补贴…; None for a table's figure or a line
    opening on neither. Read once per line."""
    source = ctx.quotes.source
    if st.sentence is None or source is None:
        return None
    pattern = _lead_pattern(ctx)
    if pattern is None:
        return None
    line = st.claim.location.line
    kept = ctx.kept("paragraph_lead")
    if line not in kept:
        m = pattern.match(source.line_text(line)) if 0 < line <= len(source.line_starts) else None
        kept[line] = None if m is None else next(
            ((kind, m.group(kind)) for kind in ("year", "place") if m.group(kind)), None)
    return kept[line]


def _lead_pattern(ctx: CheckContext) -> Optional[re.Pattern]:
    rules = ctx.book.rules.consistency
    return ctx.rules.derived("checks.consistency.paragraph_lead",
                             lambda: re.compile(rules.paragraph_lead) if rules.paragraph_lead else None)


def _other_paragraph_leads(ctx: CheckContext, a: Statement, b: Statement) -> bool:
    """Two figures of two paragraphs (lines) opening on two years or on two
    places (甲县申请补贴…。 / 乙县申请补贴…。): two metrics, whatever their
    words. A paragraph opening on neither is compared as its words say."""
    la, lb = _paragraph_lead(ctx, a), _paragraph_lead(ctx, b)
    return la is not None and lb is not None and la[0] == lb[0] and la[1] != lb[1]


def _price_list(ctx: CheckContext, a: Statement, b: Statement) -> bool:
    """Two unit prices (rules ``consistency.unit_price_words``: 每公里扣…) in
    two ；-items of one line (县道…每公里扣1200元；乡道…每公里扣800元): a
    price list by class, each item scoped by its leading class word."""
    words = tuple(ctx.book.rules.consistency.unit_price_words)
    if not words or a.sentence is None or b.sentence is None or a.sentence == b.sentence \
            or a.claim.location.line != b.claim.location.line:
        return False
    if not all((kept_metric_key(ctx, st.claim) or st.claim.metric).startswith(words) for st in (a, b)):
        return False
    first = ctx.sentences[min(a.sentence, b.sentence)]
    return first.text.rstrip().endswith(("；", ";"))


def _other_instalments(ctx: CheckContext, a: Statement, b: Statement) -> bool:
    """Two figures of two items (split by ；, 二是, （二）, or sentences within
    :data:`ITEM_REACH`) of one section, each marked as an instalment by
    its own words (rules ``consistency.instalment_mark``: a date to the
    month, a document, 第一批 / 提前下达), marked differently: two
    instalments (2022年11月…提前下达…3200万元；2023年5月…下达…1800万元), not
    one metric stated twice. An item with no mark is compared as its words
    say."""
    if a.sentence is None or b.sentence is None or abs(a.sentence - b.sentence) > ITEM_REACH:
        return False
    if ctx.sentences[a.sentence].section != ctx.sentences[b.sentence].section:
        return False
    pattern = ctx.rules.derived("checks.consistency.instalment_mark", lambda: re.compile(
        ctx.book.rules.consistency.instalment_mark) if ctx.book.rules.consistency.instalment_mark else None)
    if pattern is None:
        return False
    marks = []
    for st in (a, b):
        s = ctx.sentences[st.sentence]
        p = _placed_figure(s, st.claim)
        if p is None:
            return False
        found = frozenset(re.sub(r"\s+", "", m.group(0)) for m in pattern.finditer(s.text, _item_opens(s.text, p.start), p.start))
        if not found:
            return False
        marks.append(found)
    return marks[0] != marks[1]


#: How many sentences apart two parallel items may stand.
ITEM_REACH = 3


def _placed_figure(s: Sentence, claim: Claim) -> Optional[Placed]:
    """``claim`` as placed in ``s`` at its figure; None when it is not there."""
    return next((q for q in s.placed if q.claim is claim and q.start >= 0), None)


def _item_opens(text: str, end: int) -> int:
    """Where the item of ``text`` holding position ``end`` opens: after the
    last item break (:data:`_ITEM_BREAK`) before it, else at 0."""
    return max([0] + [m.end() for m in _ITEM_BREAK.finditer(text, 0, end)])


def _item_subject(ctx: CheckContext, st: Statement) -> Optional[frozenset[str]]:
    """The names of the figures before ``st``'s in its item (its sentence
    from the last item break before it): what the item is about; None when
    it states none. Read once per statement in a run of checks (a metric
    stated n times asks for it in each of its n² pairs)."""
    kept = ctx.kept("item_subject")
    got = kept.get(id(st))
    if got is None or got[0] is not st:
        got = kept[id(st)] = (st, _read_item_subject(ctx, st))
    return got[1]


def _read_item_subject(ctx: CheckContext, st: Statement) -> Optional[frozenset[str]]:
    s = ctx.sentences[st.sentence]
    p = _placed_figure(s, st.claim)
    if p is None:
        return None
    opens = _item_opens(s.text, p.start)
    before = [q.claim for q in s.placed if opens <= q.start < p.start and q.claim is not st.claim]
    if before:
        return frozenset(kept_metric_key(ctx, c) or c.metric for c in before)
    # the item's words from its marker on (二是县档案馆，下达…: the break is the marker)
    marked = max([0] + [m.start() for m in _ITEM_BREAK.finditer(s.text, 0, p.start)])
    named = _item_lead(ctx, s.text[marked:p.start])
    return frozenset((f"{_NAMED}{named}",)) if named else None


#: The mark of an item subject named by the words after its marker.
_NAMED = "主体:"


_CLAUSE_END = re.compile(r"[，,：:]")


def _item_lead(ctx: CheckContext, text: str) -> Optional[str]:
    """The subject an item marker (rules ``consistency.item_marker``: 一是,
    其二, （三）) names before the figure's clause in ``text`` (an item's
    words up to its figure): 二是县档案馆，下达预算资金 -> 县档案馆; None
    without a marker, or with fewer than two letters after it."""
    marker, _ = _item_patterns(ctx)
    if marker is None:
        return None
    found = None
    for found in marker.finditer(text):
        pass
    if found is None:
        return None
    ends = [m.start() for m in _CLAUSE_END.finditer(text, found.end())]
    if not ends:
        return None
    words = "".join(ch for ch in text[found.end():ends[-1]] if ch.isalnum())
    return words if len(words) >= 2 else None


def _item_patterns(ctx: CheckContext) -> tuple[Optional[re.Pattern], Optional[re.Pattern]]:
    """The item-marker and placeholder-year patterns of the rules, compiled
    once per rule set."""
    rules = ctx.book.rules.consistency

    def build():
        return (re.compile(rules.item_marker) if rules.item_marker else None,
                re.compile(rules.placeholder_year) if rules.placeholder_year else None)

    return ctx.rules.derived("checks.consistency.item_patterns", build)


def _placeholder_year_before(ctx: CheckContext, claim: Claim) -> bool:
    """Whether a year left as a placeholder (rules
    ``consistency.placeholder_year``: 20xx年) stands in ``claim``'s item
    before its figure (from the last ；, 。 or item break): its year is unknown."""
    _, placeholder = _item_patterns(ctx)
    text, at = claim.sentence or "", claim.figure_at
    if placeholder is None or at is None:
        return False
    kept = ctx.kept("placeholder_year")  # one search per sentence, not per figure
    holds = kept.get(text)
    if holds is None:
        holds = kept[text] = placeholder.search(text) is not None
    if not holds:
        return False
    lead = text[:at]
    opens = max(_item_opens(lead, at), lead.rfind("。") + 1, lead.rfind("；") + 1, lead.rfind(";") + 1)
    return placeholder.search(lead, opens) is not None


def _intervals(ctx: CheckContext, group: list[Statement]) -> dict[int, Interval]:
    """Each statement's figure interval, by ``id`` of its claim: worked out
    once, not once per pair (a metric stated n times makes n² pairs)."""
    return {id(st.claim): interval_of(ctx, st.claim) for st in group}


def _comparable(ctx: CheckContext, group: list[Statement]) -> bool:
    """False for a series (another year) or a metric ambiguous in one sentence."""
    year = ctx.report.meta.year
    years = {st.claim.year for st in group if st.claim.year is not None}
    if len(years) > 1 or (year is not None and years and years != {year}):
        return False
    by_sentence: dict[int, list[Statement]] = {}
    for st in group:
        if st.sentence is not None:
            by_sentence.setdefault(st.sentence, []).append(st)
    intervals = _intervals(ctx, group)
    for same in by_sentence.values():
        for i, a in enumerate(same):
            for b in same[i + 1:]:
                if not intervals[id(a.claim)].overlaps(intervals[id(b.claim)]):
                    return False
    return True


def _where(st: Statement) -> str:
    c = st.claim
    place = f"表格第{c.location.line}行" if c.origin == "table" else f"第{c.location.line}行"
    return f"{stated_text(c)}（{place}）"


def _parallel(a: Claim, path_a: Optional[tuple], b: Claim, path_b: Optional[tuple]) -> bool:
    """Text of two different sections of one chapter: parallel items
    ((一)专项甲 … (二)专项乙 …), each about its own subject, or a section and
    an item inside it (the 支出决算 of 一般公共预算财政拨款支出 and that of
    its item 1、行政运行(项)), each scoped by its own heading — so one
    metric name there may well hold two values. ``path_a`` and ``path_b``
    are the claims' section paths (None for a table's)."""
    if path_a is None or path_b is None or a.section == b.section:
        return False
    return bool(path_a) and bool(path_b) and path_a[0] == path_b[0]


def agree(x: Interval, y: Interval) -> bool:
    """Whether two statements of one metric may be one figure: their
    intervals share more than an end. 1,312.84 and 1,312.85 (both to the
    cent) meet only at 1,312.845, and one figure rounded to the cent is
    written one way: they disagree. 1,312.8 and 1,312.85 agree (the first is
    rounded coarser), so do 1,285,600.00元 and 128.56万元. An exact figure
    (908 家) agrees with what holds it, ends included.
    (Sums and rates keep DESIGN.md's closed intervals: their parts are
    rounded apart, a total of rounded parts may sit at an end.)"""
    if x.lo == x.hi or y.lo == y.hi:
        return x.overlaps(y)
    return x.lo < y.hi and y.lo < x.hi


def _near(a: Claim, b: Claim, share: Decimal) -> bool:
    """Whether ``a`` and ``b`` differ by at most ``share`` of the larger
    (1,312.84 and 1,312.85; not 50 and 398.36)."""
    x, y = abs(a.normalized_value), abs(b.normalized_value)
    return abs(x - y) <= share * max(x, y)


def _exceeds(part: Statement, whole: Statement) -> bool:
    """Whether ``part``'s figure is over ``whole``'s (in size)."""
    return abs(part.claim.normalized_value) > abs(whole.claim.normalized_value)


def _same_place(a: Statement, b: Statement) -> bool:
    return a.sentence is not None and a.sentence == b.sentence or a.claim is b.claim


def judge_group(ctx: CheckContext, name: str, group: list[Statement]) -> Optional[CheckResult]:
    """One result for the statements of one metric and scope that can be
    compared with each other; None when no two can."""
    # each statement's section path once, not once per pair (n² of them)
    paths = {id(st): ctx.section_path(st.claim.section) if st.claim.origin == "text" else None for st in group}
    pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1:]
             if not _same_place(a, b) and not _parallel(a.claim, paths[id(a)], b.claim, paths[id(b)])
             and not _other_operands(ctx, a, b) and not _other_subjects(a, b)
             and not _parallel_items(ctx, a, b) and not _other_paragraph_leads(ctx, a, b)
             and not _price_list(ctx, a, b) and not _other_instalments(ctx, a, b)]
    if not pairs:
        return None
    intervals = _intervals(ctx, group)
    near = ctx.book.rules.consistency.inferred_near_relative
    # an inferred identity that differs by more than a near miss: two metrics after all
    pairs = [(a, b) for a, b in pairs if not (a.inferred or b.inferred)
             or agree(intervals[id(a.claim)], intervals[id(b.claim)]) or _near(a.claim, b.claim, near)]
    # a qualified name's figure (新建硬化道路 11.8) under its whole's (新建道路
    # 12.0) is what a part looks like: only one over the whole is a conflict;
    # two parts by two qualifiers (主干河道, 支流河道) are two metrics
    pairs = [(a, b) for a, b in pairs if a.qualified == b.qualified
             or agree(intervals[id(a.claim)], intervals[id(b.claim)])
             or None in (a.qualified, b.qualified) and _exceeds(a if a.qualified else b, b if a.qualified else a)]
    if not pairs:
        return None
    bad = [(a, b) for a, b in pairs if not agree(intervals[id(a.claim)], intervals[id(b.claim)])]
    paired = {id(st) for pair in (bad or pairs) for st in pair}
    involved = [st for st in group if id(st) in paired]
    first = next((st for st in involved if st.claim.origin == "table"), involved[0])
    others = [st for st in involved if st is not first]
    locations = [st.claim.location for st in [first] + others]
    quote = join_places(ctx.quote_claim(st.claim) for st in [first] + others)
    subjects = {st.subject for st in involved}
    if len(subjects) == 1 and None not in subjects:
        name = f"{subjects.pop()}（{name}）"  # a role's figures: named by their subject (案件办结率（实际完成）)
    if not bad:
        return make_result(ctx, RULE, "metric_consistency", "pass",
                           f"“{name}”在 {len(involved)} 处的数值一致：{stated_text(first.claim)}",
                           expected=stated_text(first.claim), stated=stated_text(first.claim),
                           quote=quote, locations=locations)
    differ = [st for st in others if not agree(intervals[id(first.claim)], intervals[id(st.claim)])] or others
    values = "；".join(_where(st) for st in [first] + others)
    return make_result(ctx, RULE, "metric_consistency", "fail",
                       f"同一指标“{name}”在不同位置的数值不一致：{values}",
                       expected=stated_text(first.claim),
                       stated="、".join(stated_text(st.claim) for st in differ),
                       quote=quote, locations=locations)


def _join_table_parts(ctx: CheckContext, by_scope: dict[frozenset[str], list[Statement]]) -> None:
    """A table's row is a part of its table (the rows under a total), so it
    is also the text's figure of its label marked as a part (rules
    ``consistency.part_scope_words``: 其中商品和服务支出128.56万元 and the row
    商品和服务支出 1,285,600.00 of a table in 元): each table statement
    joins, besides its own, the group of its scope and a part word."""
    for word in ctx.book.rules.consistency.part_scope_words:
        for scope in [k for k in by_scope if word in k]:
            by_scope[scope] += [st for st in by_scope.get(scope - {word}, []) if st.claim.origin == "table"]


def bracketed_restatements(ctx: CheckContext) -> list[CheckResult]:
    """A figure restated right after it, in brackets or after 折合 (rules
    ``consistency.restated_before`` / ``restated_after``: 752.00万元（合计
    7,520,000元）, 752.00万元，折合7,520,000元) against it: one quantity of one
    unit class written twice must agree within the precision each is stated
    to (DESIGN.md)."""
    rules = ctx.book.rules.consistency
    if not rules.restated_before or not rules.restated_after:
        return []
    before, after = re.compile(rules.restated_before), re.compile(rules.restated_after)
    out: list[CheckResult] = []
    for s in ctx.sentences:
        for a, b in zip(s.placed, s.placed[1:]):
            if a.end < 0 or b.start < a.end or not before.search(s.text[a.end:b.start]) \
                    or not after.match(s.text, b.end):
                continue
            x, y = a.claim, b.claim
            if x.normalized_unit != y.normalized_unit or x.unit_class != y.unit_class or x.operator or y.operator:
                continue
            if any(q and ctx.book.qualifiers.direction(q) != "approximate" for q in (x.qualifier, y.qualifier)) \
                    or ctx.book.scope_words.search(y.text):
                continue  # 21名（累计77名）: another scope, not the figure again
            ok = interval_of(ctx, x).overlaps(interval_of(ctx, y))
            verdict = "一致" if ok else "不一致"
            out.append(make_result(ctx, RULE, "restated_figure", "pass" if ok else "fail",
                                   f"{stated_text(x)}与其后的复述 {stated_text(y)} {verdict}",
                                   expected=stated_text(x), stated=stated_text(y),
                                   quote=ctx.quote_claim(x), locations=[x.location, y.location]))
    return out


def check_metric_consistency(ctx: CheckContext) -> list[CheckResult]:
    out: list[CheckResult] = bracketed_restatements(ctx)
    for (name, _unit), group in statements(ctx).items():
        if len(group) < 2 or not _comparable(ctx, group):
            continue
        by_scope: dict[frozenset[str], list[Statement]] = {}
        for st in group:
            by_scope.setdefault(st.scope, []).append(st)
        _join_table_parts(ctx, by_scope)
        for members in by_scope.values():
            result = judge_group(ctx, name, members)
            if result is not None:
                out.append(result)
    return out


# ---------------------------------------------------------------- the form's funds cells, restated in the text

@dataclass(frozen=True)
class _FormWords:
    """The compiled words that tie a text figure to a funds cell of a form:
    the role words of each column (rules ``consistency.form_columns``), the
    words naming no subject (``form_nameless_words`` and the report's
    period words) and each funds row's words (forms.yaml ``funds_rows``)."""

    columns: re.Pattern
    column_of: dict[str, str]
    nameless: re.Pattern
    rows: dict[str, str]  # a row's word -> its role
    row_prefix: re.Pattern


def _form_words(ctx: CheckContext) -> Optional[_FormWords]:
    def build() -> Optional[_FormWords]:
        rules = ctx.book.rules.consistency
        column_of = {w: col for col, words in rules.form_columns.items() for w in words}
        if not column_of:
            return None
        nameless = rules.form_nameless_words + rules.report_period_words
        forms = ctx.rules.forms
        return _FormWords(columns=re.compile(_words(list(column_of))), column_of=column_of,
                          nameless=re.compile(f"(?:{_words(nameless)}|[：:，,、\\s])*" if nameless else r"[：:，,、\s]*"),
                          rows={w: role for role, words in forms.funds_rows.items() for w in words},
                          row_prefix=re.compile(f"^(?:{forms.row_prefix})"))
    return ctx.rules.derived("consistency.form_words", build)


# what a message calls a funds column of the form
FORM_COLUMN_NAMES = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数", "rate": "执行率"}


def form_cell_role(ctx: CheckContext, claim: Claim) -> Optional[tuple[str, str]]:
    """(funds row role, column) of the form cell a text figure restates:
    its metric holds the role words of one column (rules
    ``consistency.form_columns``: 累计支出 is 全年执行数, 预算执行率 is 执行率)
    and, beside them, words naming no subject (项目, 全年: the 年度资金总额
    row, role ``total``) or only a funds row's words (当年财政拨款: role
    ``current``). None for any other figure (全年收入预算 names 收入; a rate
    that is no percent, an amount that is no money), for a figure of
    another period or an aim (上年, 计划 …: scope words besides the role's
    own 累计), for a change (比上年增加), and for a bound (超过100%)."""
    words = _form_words(ctx)
    if words is None or claim.origin != "text" or claim.qualifier or claim.operator:
        return None  # 执行率超过100%的按100%计: a bound, no restatement
    metric = claim.metric
    found = list(words.columns.finditer(metric))
    if not found:  # 全年预算412.50万元: the metric 预算 lost its 全年 as the report's period
        metric = claim.metric_text.strip()
        found = list(words.columns.finditer(metric))
    columns = {words.column_of[m.group()] for m in found}
    if len(columns) != 1:
        return None
    [column] = columns
    if (column == "rate") != (claim.unit_class == "percent") or column != "rate" and claim.unit_class != "money":
        return None
    rest, at = [], 0
    for m in found:
        rest.append(metric[at:m.start()])
        at = m.end()
    rest.append(metric[at:])
    if any(ctx.book.scope_words.search(r) or ctx.book.relation_words.search(r) for r in rest):
        return None
    own = [m.span() for m in words.columns.finditer(claim.metric_text)]
    if any(not any(a <= s.start() and s.end() <= b for a, b in own)
           for s in ctx.book.scope_words.finditer(claim.metric_text)) or ctx.states_aim(claim):
        return None  # 上年实际支出: a scope word beside the role's own
    named = [_strip_nameless(words, r) for r in rest]
    named = [r for r in named if r]
    if not named:
        return None if column == "rate" and _rate_of_part(ctx, claim) else ("total", column)
    if len(named) > 1:
        return None
    role = words.rows.get(named[0])
    return (role, column) if role is not None else None


def _rate_of_part(ctx: CheckContext, claim: Claim) -> bool:
    """Whether a text rate naming no subject is stated with money listed as
    a part of a stated breakdown (其中：当年财政拨款执行380万元，执行率95%:
    :func:`~extract.checks.operands.part_with_rate`): the part's rate, no
    restatement of the total's."""
    hit = ctx.placed_at(claim.location)
    part = part_with_rate(ctx, *hit) if hit is not None else None
    return part is not None and part.unit_class == "money"


def _strip_nameless(words: _FormWords, text: str) -> str:
    """``text`` without a row prefix (其中：) and the words naming no subject
    at either end: 项目当年财政拨款 -> 财政拨款 (当年 is the report's period)."""
    text = words.row_prefix.sub("", text)
    text = text[words.nameless.match(text).end():]
    return next((text[:i] for i in range(len(text) + 1) if words.nameless.fullmatch(text[i:])), text)


def _cell_claim(name: str, q: Quantity) -> Claim:
    """The table figure a cell states: ``q`` under ``name``."""
    return Claim(metric=name, metric_text=name, text=q.text, value=q.value, unit=q.unit,
                 normalized_value=q.normalized_value, normalized_unit=q.normalized_unit, unit_class=q.unit_class,
                 precision=q.precision, origin="table", sentence=q.text, location=q.location)


def form_cells(ctx: CheckContext) -> dict[tuple[str, str], tuple[str, Claim]]:
    """The funds cells of the report's one self-evaluation form as table
    figures, by (row role, column): the name a message calls it
    (年度资金总额全年执行数) and the figure, money in the form's funds unit.
    Empty when the report holds no such form or more than one (which
    project's would a text figure restate?), and for amounts of a form
    that states no unit."""
    forms = [f for f in ctx.report.forms if f.stage == "self_evaluation" and f.funds]
    if len(forms) != 1:
        return {}
    form = forms[0]
    words = _form_words(ctx)
    out: dict[tuple[str, str], tuple[str, Claim]] = {}
    for row in form.funds:
        label = words.row_prefix.sub("", row.label).strip() if words is not None else row.label
        for column, title in FORM_COLUMN_NAMES.items():
            cell = row.cells.get(column)
            if row.role is None or cell is None or cell.value is None or (row.role, column) in out:
                continue
            if column == "rate":
                text = cell.text.strip() if cell.percent else ""
            else:
                text = f"{cell.text.strip()}{form.funds_unit}" if form.funds_unit else ""
            found = find_quantities(text, ctx.rules) if text else []
            if len(found) != 1 or found[0].unit_class != ("percent" if column == "rate" else "money"):
                continue
            quantity = found[0].to_quantity(cell.location).model_copy(update={"text": cell.text.strip()})
            name = f"{label}{title}"
            out[(row.role, column)] = name, _cell_claim(name, quantity)
    return out


def table_subject(ctx: CheckContext, table: Table) -> Optional[str]:
    """What a table lists, from its caption, else the heading it stands
    under, without numbering, years and the endings that name a listing
    (rules ``consistency.table_subject_endings``): 三、项目支出明细 -> 项目支出."""
    text = table.caption
    if not text and table.section in ctx.sections:
        text = ctx.sections[table.section].title
    if not text:
        return None
    text = re.sub(r"[(（][^)）]*[)）]", "", _LABEL_NOISE.sub("", text)).strip()
    ends = _longest_first(ctx.book.rules.consistency.table_subject_endings)
    for end in ends:
        if text.endswith(end) and len(text) > len(end):
            text = text[:-len(end)]
            break
    return _LABEL_END.sub("", text) or None


def table_totals_of_rows(ctx: CheckContext, cells: dict[tuple[str, str], tuple[str, Claim]]) -> list[tuple[str, Claim]]:
    """The grand totals (合计, not 小计) of the tables whose subject is one
    funds row of the form (:func:`table_subject`: a 项目支出明细 table's 合计
    is the form's 项目支出), in their budget columns (全年预算数, 全年执行数:
    metrics ``budget_columns``), each with the name of that form cell. A
    table that states no unit is in metrics ``budget_table_default_unit``."""
    if not cells:
        return []
    words = _form_words(ctx)
    subtotal = tuple(ctx.book.rules.table_totals.subtotal_words)
    out: list[tuple[str, Claim]] = []
    for table in ctx.report.tables:
        subject = table_subject(ctx, table) if table.total_rows and table.header_rows else None
        role = words.rows.get(subject) if subject and words is not None else None
        if role is None:
            continue
        grid = table_grid(ctx, table, filled=True)
        totals = [r for r in table.total_rows if r < len(grid) and not any(w in "".join(grid[r]) for w in subtotal)]
        columns = budget_header_columns(table.columns, ctx.rules.metrics)
        if not totals or not columns:
            continue
        by_place = {(c.row, c.col): c for c in table.cells}
        for column, col in columns.items():
            cell = by_place.get((totals[-1], col))
            if (role, column) not in cells or column == "rate" or cell is None or cell.location is None:
                continue
            unit = table_unit(table, col, ctx.rules.tables) or ctx.rules.metrics.budget_table_default_unit
            q = amount_quantity(cell.text, unit, cell.location, ctx.rules)
            if q is None or q.unit_class != "money":
                continue
            name = cells[(role, column)][0]
            out.append((name, _cell_claim(name, q)))
    return out
