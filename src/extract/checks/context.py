"""What every check reads: the report's text claims grouped by sentence,
and the relations between its figures.

:func:`build_context` takes a :class:`~extract.model.Report` and the
:class:`~extract.checks.rulebook.Rulebook` and returns a
:class:`CheckContext`: the text claims grouped into
:class:`~extract.checks.sentences.Sentence` items, each claim placed at its
figure (:mod:`extract.checks.sentences`), and the relations found once
(:mod:`extract.checks.relations`). Built once per run; checks only read it.
"""

from __future__ import annotations

import collections
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator, Optional, TypeVar

from ..claims import sentence_end
from ..model import CheckResult, Claim, Indicator, Location, Report, Section
from ..normalize import NormalizedDocument
from ..ruleset import RuleSet
from ..span import SourceText
from .quotes import CELL_SEPARATOR, SourceQuotes, join_places
from .relations import Relations, find_relations
from .rulebook import Rulebook, load_rulebook
from .sentences import CLAUSE_BREAK, Placed, Sentence, group_sentences

if TYPE_CHECKING:
    from ..structure.sections import DocumentStructure

__all__ = ["CLAUSE_BREAK", "CheckContext", "Placed", "Sentence", "build_context", "make_result"]

K = TypeVar("K")

#: A label leading a sentence: "预期目标：…", "实际完成情况：…".
LEAD_LABEL = re.compile(r"^\s*([^，,。；;：:]{1,12})[：:]")


def _sentence_pieces(rules: "RuleSet") -> Optional[re.Pattern]:
    """The sentences of a section's text, found by ``findall``: the
    characters of a line up to and with a sentence end
    (:func:`~extract.claims.sentence_end`, a class of characters), or the
    rest of a line without one; None when the sentence ends are no plain
    class (then each line is searched for them). Made once per rule set."""
    rs = RuleSet.of(rules)

    def build() -> Optional[re.Pattern]:
        ends = sentence_end(rs).pattern
        inner = ends[1:-1]
        if not (ends.startswith("[") and ends.endswith("]")) or not inner or inner.startswith("^") \
                or "[" in inner or "]" in inner.replace("\\]", ""):
            return None
        return re.compile(rf"[^{inner}\n]*{ends}|[^{inner}\n]+")

    return rs.derived("checks.context.sentence_pieces", build)


@dataclass
class CheckContext:
    """One run of checks over one report: the report, the rule book, the
    text claims by sentence, the sections by id, and what is derived from
    them on first use (breakdowns, section paths, claims by location).
    ``quotes`` gives the source text a finding quotes (see
    :mod:`extract.checks.quotes`)."""

    report: Report
    book: Rulebook
    sentences: list[Sentence]
    sections: dict[str, Section]
    rules: "RuleSet"
    quotes: SourceQuotes = field(default_factory=lambda: SourceQuotes(None))
    document: Optional[NormalizedDocument] = None
    preamble: Optional[Section] = None

    @property
    def prose_sections(self) -> list[Section]:
        """The report's sections, after the preamble (the text before the
        first heading) when there is one: the sections whose own text the
        checks that read sentences without figures walk."""
        return self.report.sections if self.preamble is None else [self.preamble, *self.report.sections]

    def quote_sentence(self, s: Sentence) -> Optional[str]:
        """The source text of a sentence of the text."""
        return self.quotes.verbatim(s.text, s.location)

    def quote_at(self, location: Location) -> Optional[str]:
        """The source of the text sentence holding ``location`` (a figure, a
        grade word), else of the sentence around it within its line."""
        for s in self.sentences:
            if abs(s.location.line - location.line) > 20:
                continue
            found = self.quotes.find(s.text, s.location)
            if found is not None and found[0] <= location.start < found[1]:
                return self.quotes.verbatim(s.text, s.location)
        return self.quotes.sentence_at(location)

    def quote_claim(self, claim: Claim) -> Optional[str]:
        """The source of a claim's sentence, or for a table claim its row."""
        if claim.origin == "table":
            return self.quote_row(claim.location)
        return self.quotes.verbatim(claim.sentence, claim.location)

    def quote_row(self, location: Location) -> Optional[str]:
        """The source of the table row holding the cell at ``location``."""
        if location.cell is None:
            return self.quotes.at(location)
        table_id, row, _col = location.cell
        table = next((t for t in self.report.tables if t.id == table_id), None)
        return self.quotes.row(table, row) if table is not None else self.quotes.at(location)

    def quote_indicator(self, ind: Indicator) -> Optional[str]:
        """An indicator's name, target and actual as its cells state them."""
        near = [ind.location, ind.target.quantity.location if ind.target.quantity else None,
                ind.actual.location if ind.actual else None]
        texts = [ind.name, ind.target.text, ind.actual_text]
        return join_places((self.quotes.verbatim(t, n or ind.location) for t, n in zip(texts, near)),
                           CELL_SEPARATOR)

    @functools.cached_property
    def relations(self) -> Relations:
        """The relations between the report's figures, found once (see
        :mod:`extract.checks.relations`)."""
        return find_relations(self)

    @property
    def breakdowns(self) -> list:
        """The stated breakdowns of the text."""
        return self.relations.breakdowns

    @property
    def wholes_of(self) -> dict[int, frozenset[str]]:
        """For each claim that is a part of a stated breakdown (by
        ``id(claim)``), the metrics of every whole above it."""
        return self.relations.wholes_of

    def section_sentences(self, section: Section) -> list[str]:
        """The sentences of a section's own text, split as the claims'
        sentences are, so the two can be matched. Split once per section
        (checks ask again for every indicator); the list is shared: read it,
        do not change it."""
        cached = self._section_sentences.get(id(section))
        if cached is None or cached[0] is not section:
            cached = self._section_sentences[id(section)] = (section, self._split_sentences(section, self.rules))
        return cached[1]

    @functools.cached_property
    def _section_sentences(self) -> dict[int, tuple[Section, list[str]]]:
        return {}

    @staticmethod
    def _split_sentences(section: Section, rules: "RuleSet") -> list[str]:
        pieces = _sentence_pieces(rules)
        if pieces is not None:  # (one pass over the body, not a search a paragraph: the same pieces)
            return [t for t in map(str.strip, pieces.findall(section.body)) if t]
        found: list[str] = []
        ends = sentence_end(rules)
        for para in section.body.split("\n"):
            start = 0
            for m in ends.finditer(para):
                found.append(para[start:m.end()].strip())
                start = m.end()
            found.append(para[start:].strip())
        return [t for t in found if t]

    @functools.cached_property
    def _by_start(self) -> dict[int, tuple[Sentence, Placed]]:
        return {p.claim.location.start: (s, p) for s, p in self.text_claims()}

    def placed_at(self, location: Location) -> Optional[tuple[Sentence, Placed]]:
        """The text claim stated at ``location`` with its sentence, if any."""
        return self._by_start.get(location.start)

    def section_path(self, section: Optional[str]) -> tuple[str, ...]:
        """Ids from the top-level chapter down to ``section`` (() if
        unknown). Worked out once per section: the consistency checks ask
        for every pair of claims."""
        key = section or ""
        path = self._section_paths.get(key)
        if path is None:
            found: list[str] = []
            seen: set[str] = set()
            current = self.sections.get(key)
            while current is not None and current.id not in seen:
                found.append(current.id)
                seen.add(current.id)
                current = self.sections.get(current.parent or "")
            path = self._section_paths[key] = tuple(found[::-1])
        return path

    @functools.cached_property
    def _section_paths(self) -> dict[str, tuple[str, ...]]:
        return {}

    def chapter_sentences(self, s: Sentence) -> list[tuple[int, Sentence]]:
        """(place in ``sentences``, sentence) of every sentence of ``s``'s
        chapter (its top-level section), in text order; [] when its section
        is unknown.
        Grouped once: a check asking for each rate's chapter would
        otherwise walk every sentence of the report for each."""
        top = self.section_path(s.section)[:1]
        return self._chapters.get(top[0], []) if top else []

    def sentence_place(self, s: Sentence) -> Optional[int]:
        """Where ``s`` is in ``sentences`` (None when it is not one of them)."""
        return self._places.get(id(s))

    @functools.cached_property
    def _places(self) -> dict[int, int]:
        return {id(x): i for i, x in enumerate(self.sentences)}

    @functools.cached_property
    def _chapters(self) -> dict[str, list[tuple[int, Sentence]]]:
        out: dict[str, list[tuple[int, Sentence]]] = {}
        for i, x in enumerate(self.sentences):
            top = self.section_path(x.section)[:1]
            if top:
                out.setdefault(top[0], []).append((i, x))
        return out

    def states_aim(self, claim: Claim) -> bool:
        """Whether a text claim states an aim, not an achievement: its
        sentence is labelled as one (预期目标：…), or its section, or one
        above it, is headed as aims (rules
        ``consistency.target_heading_ends``: 二、项目绩效目标 → （一）年度总体目标),
        no heading on its path nor its sentence's leading label names
        achievements (``consistency.actual_labels``: 三、绩效目标完成情况,
        实际完成情况：…)."""
        if claim.origin != "text":
            return False
        rules = self.book.rules.consistency
        ends = tuple(rules.target_heading_ends)
        if not ends:
            return False
        # the sentence's label read once per sentence (its figures ask in turn)
        sentence = claim.sentence or ""
        said = self._aim_labels.get(sentence)
        if said is None:
            label = LEAD_LABEL.match(sentence)
            said = self._aim_labels[sentence] = (
                "actual" if label and any(w in label.group(1) for w in rules.actual_labels)
                else "aim" if label and "".join(label.group(1).split()).endswith(ends)  # 预期目标：…
                else "")
        if said:
            return said == "aim"
        key = claim.section or ""
        verdict = self._aim_sections.get(key)
        if verdict is None:
            titles = ["".join(section.title.split()).rstrip("：:。") for sid in self.section_path(claim.section)
                      for section in [self.sections.get(sid)] if section is not None]
            verdict = self._aim_sections[key] = not any(w in t for t in titles for w in rules.actual_labels) \
                and any(t.endswith(ends) for t in titles)
        return verdict

    def __post_init__(self) -> None:
        # kept(name) is the kept dicts' own look-up (a C call, no frame: the
        # checks ask for a kept dict about a thousand times a run, issue 14)
        self.kept = collections.defaultdict(dict).__getitem__  # type: ignore[method-assign]

    def kept(self, name: str) -> dict:
        """A dict kept for this run of checks under ``name``: what a check
        works out once per claim, figure or sentence and asks for again
        (issue 14). Keyed by ``id()`` of objects the context holds (the
        report's claims, the placed figures of ``sentences``), or with the
        object stored beside its value, so that no key outlives its object.
        (Each context answers through its own dict of them, set up by
        ``__post_init__``; this is what that look-up does.)"""
        raise NotImplementedError  # replaced on every context by __post_init__

    @functools.cached_property
    def _aim_labels(self) -> dict[str, str]:
        return {}

    @functools.cached_property
    def _aim_sections(self) -> dict[str, bool]:
        return {}

    def sentences_in(self, section: Optional[str]) -> list[Sentence]:
        """The sentences (with claims) of one section, in order (of the
        preamble: :data:`PREAMBLE` or None)."""
        section = section or None
        return [s for s in self.sentences if s.section == section]

    def words_of(self, s: Sentence, p: Placed) -> str:
        """The words of a figure: those before it in its clause and those
        right after it (``其中有 941 家通过`` -> 其中有 … 通过)."""
        return f"{p.claim.metric_text} {s.after(p, 12)}"

    def words_of_figure(self, figure) -> str:
        """The words of a claim (its metric words), '' for other figures."""
        return getattr(figure, "metric_text", "") or ""

    @functools.cached_property
    def _sentence_index(self) -> dict[int, int]:
        return {id(s): i for i, s in enumerate(self.sentences)}

    def neighbourhood(self, s: Sentence, target: Placed, reach: int,
                      left_out: tuple[str, ...] = ("percent", "date", "duration")) -> list[tuple[Sentence, Placed]]:
        """The figures around ``target`` that may be its operands, nearest
        first: its own sentence (by distance from the figure, either side),
        then the sentences with figures ``1..reach`` before and after it in
        document order (the one before first), across headings (a 资金使用
        paragraph reads its budget from the 资金来源 one). Figures of the
        unit classes ``left_out`` (by default percents, dates and durations)
        are left out; so is ``target``. Worked out once per figure, reach
        and classes in a run of checks (the list is shared: read it, do not
        change it)."""
        kept = self.kept("neighbourhood")
        key = (id(s), id(target), reach, left_out)
        found = kept.get(key)
        if found is None or found[0] is not s or found[1] is not target:
            found = kept[key] = (s, target, self._neighbourhood(s, target, reach, left_out))
        return found[2]

    def _neighbourhood(self, s: Sentence, target: Placed, reach: int,
                       left_out: tuple[str, ...]) -> list[tuple[Sentence, Placed]]:
        def usable(p: Placed) -> bool:
            return p is not target and p.claim.unit_class not in left_out

        own = sorted((p for p in s.placed if usable(p)), key=lambda p: abs(p.start - target.start))
        out = [(s, p) for p in own]
        idx = self._sentence_index.get(id(s))
        if idx is None:
            return out
        pool = self.sentences
        for k in range(1, reach + 1):
            for j in (idx - k, idx + k):
                if 0 <= j < len(pool):
                    s2 = pool[j]
                    ordered = s2.placed[::-1] if j < idx else s2.placed
                    out.extend((s2, p) for p in ordered if usable(p))
        return out

    def sentence_before(self, s: Sentence) -> Optional[Sentence]:
        """The sentence with figures right before ``s`` in document order, or None."""
        idx = self._sentence_index.get(id(s))
        return self.sentences[idx - 1] if idx else None

    def text_claims(self) -> Iterator[tuple[Sentence, Placed]]:
        """Every text claim with its sentence, in document order."""
        return iter(self._text_claims)

    @functools.cached_property
    def _text_claims(self) -> list[tuple[Sentence, Placed]]:
        # listed once: every check that judges claims walks them (the sentences are only read)
        return [(s, p) for s in self.sentences for p in s.placed]

    def judge_claims(self, classify: Callable[["CheckContext", Placed], Optional[K]],
                     judge: Callable[["CheckContext", Sentence, Placed, K], CheckResult]) -> list[CheckResult]:
        """``judge(ctx, sentence, claim, kind)`` for every text claim that
        ``classify(ctx, claim)`` gives a kind (a rate rule, a growth kind …)."""
        out = []
        for s, p in self._text_claims:
            kind = classify(self, p)
            if kind is not None:
                out.append(judge(self, s, p, kind))
        return out


def build_context(report: Report, rules: "RuleSet", source: Optional[SourceText] = None,
                  document: Optional[NormalizedDocument] = None,
                  preamble: Optional[Section] = None) -> CheckContext:
    """The context of one run of checks over ``report`` under ``rules``;
    ``source`` is the text the loader laid out, which findings quote;
    ``document`` the normalized text, for the checks that read the text
    itself; ``preamble`` the text before the first heading (:func:`preamble_section`)."""
    return CheckContext(report=report, book=load_rulebook(rules), sentences=group_sentences(report.claims),
                        sections={s.id: s for s in report.sections}, rules=rules, quotes=SourceQuotes(source),
                        document=document, preamble=preamble)


#: The id of the preamble's section (:func:`preamble_section`): no section
#: of the report has it, and its claims have no section (None).
PREAMBLE = ""


def preamble_section(structure: "DocumentStructure", source: SourceText) -> Optional[Section]:
    """The paragraphs before the report's first heading (its title, the
    lead-in, or the whole text of one whose headings none of the rules
    read) as a section with no heading: id :data:`PREAMBLE`, for the checks
    that read sections' own text; None when there are none. It is not one
    of the report's sections (the output holds those only)."""
    spans = list(structure.preamble)
    if not spans:
        return None
    return Section(id=PREAMBLE, level=1, marker="", style="preamble", ordinal=0, title="",
                   body="\n".join(sp.text for sp in spans), location=source.locate_span(spans[0]))


def make_result(ctx: CheckContext, rule: str, kind: str, status: str, message: str, *,
                expected: Optional[str] = None, stated: Optional[str] = None,
                quote: Optional[str] = None, locations: Optional[list[Location]] = None) -> CheckResult:
    """A CheckResult with the rule's severity when it failed (a passed or
    skipped check has none); duplicate locations dropped."""
    locs: list[Location] = []
    plain = True  # every location a Location as it is
    if locations:
        seen: set[tuple[int, int]] = set()
        for loc in locations:
            key = (loc.start, loc.end)
            if key not in seen:
                seen.add(key)
                locs.append(loc)
                plain = plain and type(loc) is Location
    severity = ctx.book.severity(rule) if status == "fail" else None
    if (plain and type(rule) is str and type(kind) is str and type(message) is str and status in _STATUSES
            and severity in _SEVERITIES and (expected is None or type(expected) is str)
            and (stated is None or type(stated) is str) and (quote is None or type(quote) is str)):
        # values its validation passes as they are: made as ``model_construct``
        # makes it, at a third of the cost (a result for every figure judged: issue 14)
        result = _new(CheckResult)
        _set(result, "__dict__", {"rule": rule, "kind": kind, "severity": severity, "status": status,
                                  "message": message, "expected": expected, "stated": stated, "quote": quote,
                                  "locations": locs})
        _set(result, "__pydantic_fields_set__", set(_RESULT_FIELDS))
        _set(result, "__pydantic_extra__", None)
        _set(result, "__pydantic_private__", None)
        return result
    return CheckResult(rule=rule, kind=kind, severity=severity, status=status,
                       message=message, expected=expected, stated=stated, quote=quote,
                       locations=locs)


_new = object.__new__
_set = object.__setattr__
_RESULT_FIELDS = frozenset(("rule", "kind", "severity", "status", "message", "expected", "stated", "quote", "locations"))
_STATUSES = frozenset(("pass", "fail", "skipped"))
_SEVERITIES = frozenset(("error", "warning", "info", None))
