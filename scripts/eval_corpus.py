#!/usr/bin/env python3
"""Measure the checker on the annotated corpus, scored the way the corpus README says.

Runs ``extract`` (through :func:`extract.pipeline.parse_file`) on every set
under a corpus folder (default ``../shared/corpus`` next to the repository: each
set a subfolder holding ``truth.json`` and the report files) and scores it:

- A *reported problem* is a failed check of severity error or warning.
- A *planted finding* is caught when a reported problem points within
  :data:`LINE_REACH` lines of the finding's ``line`` (or of one of its
  ``other_lines``) and one of the problem's numbers equals one of the finding's
  numbers within the finding's stated precision (also as % against a fraction,
  or 万 against units for figures of 100 and more; a zero matches only a zero),
  or, for the word kinds (:data:`WORD_KINDS`), the problem's text holds a token.
- A *false alarm* is a reported problem on a clean control, or one whose lines
  cover a trap's line and that explains no planted finding. A reported problem
  on an annotated file that matches neither is *unexplained*: a false alarm or
  a real problem the truth lacks; it is listed to be read.

``--mutate`` turns the relation traps into planted errors: for every trap whose
note states a sum, rate, difference, growth or score, the last digit of the
trap's first number on its line is changed and the checker must then report a
problem within :data:`LINE_REACH` lines of that line. Each missed mutation
carries ``readings``: the relation results on its line (the reading a check
passed on, or why it was skipped); ``--why`` prints them under it.

Usage::

    PYTHONPATH=src .venv/bin/python scripts/eval_corpus.py [PATH] [--set NAME]
        [--json] [--mutate [--why]] [--limit N] [--jobs N]

Exit status 0 (a measurement, not a test); 2 with a one-line error when the
folder holds no sets.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

#: How far (in lines) a reported problem may point from a planted line.
LINE_REACH = 2
#: Kinds whose truth ``numbers`` are tokens as written, matched as text.
WORD_KINDS = frozenset({"date", "residue", "punctuation", "scope", "enumeration"})
#: Severities the user sees as problems.
PROBLEM_SEVERITIES = frozenset({"error", "warning"})
#: 万 against units: both figures must be at least this large.
MYRIAD_FLOOR = Decimal(100)
MYRIAD = Decimal(10000)
HUNDRED = Decimal(100)

# --------------------------------------------------------------------------
# Numbers as the text states them
# --------------------------------------------------------------------------

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
MINUS_SIGNS = "-−－"
# a decimal with optional thousands separators; the sign is judged separately
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# a sign is a sign only after a character that cannot end a figure or a range
NOT_BEFORE_SIGN = re.compile(r"[0-9A-Za-z%‰)）\]】.]")
DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
# "（第14行）" in a message points at a line; it states no figure
LINE_REFERENCE = re.compile(r"第\s*\d+\s*行")


def fold_width(text: str) -> str:
    """Full-width digits, point, comma, signs and % folded to ASCII."""
    return text.translate(FULL_WIDTH)


def stated_numbers(text: str) -> list[Decimal]:
    """Every number the text states, in order, as exact Decimals.

    Full-width digits are folded, thousands separators dropped, and a minus
    sign kept where it stands before a figure (``增长-21.84%``) but not where it
    joins two figures (``7,260.00−6,934.74``, ``55%-60%``). The Decimal keeps
    the stated decimals (``Decimal("98.40")`` has exponent -2).
    """
    folded = fold_width(text)
    out: list[Decimal] = []
    for m in NUMBER.finditer(folded):
        digits = m.group().replace(",", "")
        start = m.start()
        negative = (start > 0 and folded[start - 1] in MINUS_SIGNS
                    and (start < 2 or not NOT_BEFORE_SIGN.match(folded[start - 2])))
        value = Decimal(digits)
        out.append(-value if negative else value)
    return out


def as_decimal(token: str) -> Optional[Decimal]:
    """A truth token as a Decimal, or None when it is not a plain number
    (a date, a grade word, a token of a word kind)."""
    try:
        value = Decimal(fold_width(token).replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def half_unit(value: Decimal) -> Decimal:
    """Half a unit in the last stated place: ``94.15`` -> ``0.005``."""
    exponent = value.as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)


def number_matches(reported: Decimal, planted: Decimal) -> bool:
    """True when a reported number equals a planted number within the planted
    number's stated precision (``|reported - planted| <= ½·10⁻ᵈ``).

    Also true as a percent against a fraction (``0.9415`` against ``94.15``, or
    ``94.15`` against ``0.9415``), and as 万 against units when both figures
    are 100 or more (``286`` 万 against ``2860000``, the tolerance then that of
    the coarser figure). A zero matches only a zero.
    """
    if reported == 0 or planted == 0:
        return reported == 0 and planted == 0
    tolerance = half_unit(planted)
    candidates = [(reported, tolerance), (reported * HUNDRED, tolerance),
                  (reported / HUNDRED, tolerance)]
    if abs(reported) >= MYRIAD_FLOOR and abs(planted) >= MYRIAD_FLOOR:
        candidates.append((reported * MYRIAD, max(tolerance, half_unit(reported) * MYRIAD)))
        candidates.append((reported / MYRIAD, tolerance))
    return any(abs(value - planted) <= tol for value, tol in candidates)


def fold_text(text: str) -> str:
    """Text compared as characters: NFKC (full-width forms to ASCII)."""
    return unicodedata.normalize("NFKC", text)


def date_spellings(token: str) -> set[str]:
    """A date token and the other ways a message may write it
    (``2024年6月30日``: ``2024-06-30``, ``6月30日``)."""
    folded = fold_text(token)
    spellings = {folded}
    m = DATE.fullmatch(folded)
    if m:
        year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
        spellings.add(f"{month}月{day}日")
        if year:
            spellings.add(f"{year}-{month:02d}-{day:02d}")
    return spellings


def text_holds(text: str, token: str) -> bool:
    """True when ``text`` holds ``token`` as written (both NFKC-folded; a date
    also in ISO or month-day form)."""
    folded = fold_text(text)
    return any(s and s in folded for s in date_spellings(token))


# --------------------------------------------------------------------------
# Reported problems, planted findings, traps
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportedProblem:
    """A failed check of severity error or warning, reduced to what scoring
    reads: where it points, its text and the numbers in that text."""

    rule: str
    kind: str
    severity: str
    message: str
    spans: tuple[tuple[int, int], ...]
    text: str
    numbers: tuple[Decimal, ...]

    @property
    def line(self) -> Optional[int]:
        """The first line it points at (None when it points nowhere)."""
        return self.spans[0][0] if self.spans else None

    def points_near(self, line: int, reach: int = LINE_REACH) -> bool:
        """True when one of its locations is within ``reach`` lines of ``line``."""
        return any(start - reach <= line <= end + reach for start, end in self.spans)

    def covers(self, line: int) -> bool:
        """True when one of its locations' line ranges holds ``line`` exactly."""
        return self.points_near(line, reach=0)

    def key(self) -> tuple:
        """Identity across two runs: rule, message and lines."""
        return (self.rule, self.message, self.spans)


def problem_from_check(check) -> Optional[ReportedProblem]:
    """The :class:`ReportedProblem` of a CheckResult, or None when the check
    passed, skipped, or failed as information only.

    Its text is the message, expected, stated and quoted source text; its
    numbers are every number in that text but line references (第14行).
    """
    if check.status != "fail" or check.severity not in PROBLEM_SEVERITIES:
        return None
    parts = [p for p in (check.message, check.expected, check.stated, check.quote) if p]
    text = "\n".join(parts)
    spans = tuple((loc.line, max(loc.line, loc.end_line)) for loc in check.locations)
    return ReportedProblem(rule=check.rule, kind=check.kind, severity=check.severity,
                           message=check.message, spans=spans, text=text,
                           numbers=tuple(stated_numbers(LINE_REFERENCE.sub(" ", text))))


@dataclass(frozen=True)
class PlantedFinding:
    """One planted inconsistency of truth.json."""

    kind: str
    line: int
    numbers: tuple[str, ...]
    note: str = ""
    other_lines: tuple[int, ...] = ()

    @classmethod
    def from_truth(cls, entry: dict) -> "PlantedFinding":
        return cls(kind=entry["kind"], line=int(entry["line"]),
                   numbers=tuple(str(n) for n in entry.get("numbers", [])),
                   note=entry.get("note", ""),
                   other_lines=tuple(int(n) for n in entry.get("other_lines", []) or []))

    @property
    def lines(self) -> tuple[int, ...]:
        return (self.line, *self.other_lines)

    def is_word_kind(self) -> bool:
        return self.kind in WORD_KINDS

    def caught_by(self, problem: ReportedProblem) -> bool:
        """True when ``problem`` points near one of the finding's lines and
        states one of its numbers (for the word kinds: holds one of its tokens).

        For the other kinds, a token that is not a plain number but has digits
        (a deadline ``2024年6月30日``) is matched as text; a grade word
        (``优``) is no number and is not matched.
        """
        if not any(problem.points_near(line) for line in self.lines):
            return False
        for token in self.numbers:
            value = None if self.is_word_kind() else as_decimal(token)
            if value is not None:
                if any(number_matches(r, value) for r in problem.numbers):
                    return True
            elif self.is_word_kind() or any(ch.isdigit() for ch in fold_width(token)):
                if text_holds(problem.text, token):
                    return True
        return False


@dataclass(frozen=True)
class Trap:
    """A consistent place a naive checker flags: its line, numbers and why."""

    line: int
    numbers: tuple[str, ...]
    note: str = ""

    @classmethod
    def from_truth(cls, entry: dict) -> "Trap":
        return cls(line=int(entry["line"]), numbers=tuple(str(n) for n in entry.get("numbers", [])),
                   note=entry.get("note", ""))


@dataclass(frozen=True)
class FileTruth:
    """The truth of one report file."""

    name: str
    clean: bool
    findings: tuple[PlantedFinding, ...]
    traps: tuple[Trap, ...]

    @classmethod
    def from_truth(cls, name: str, entry: dict) -> "FileTruth":
        return cls(name=name, clean=bool(entry.get("clean")),
                   findings=tuple(PlantedFinding.from_truth(f) for f in entry.get("findings", [])),
                   traps=tuple(Trap.from_truth(t) for t in entry.get("traps", [])))


# --------------------------------------------------------------------------
# Scoring one file
# --------------------------------------------------------------------------

CLEAN_CONTROL = "clean_control"
ON_TRAP = "trap"
UNEXPLAINED = "unexplained"


@dataclass
class UnmatchedProblem:
    """A reported problem that explains no planted finding, and why it counts."""

    problem: ReportedProblem
    category: str  # CLEAN_CONTROL, ON_TRAP or UNEXPLAINED
    trap_lines: tuple[int, ...] = ()


@dataclass
class FileScore:
    """How the checker did on one file."""

    truth: FileTruth
    caught: list[PlantedFinding] = field(default_factory=list)
    missed: list[PlantedFinding] = field(default_factory=list)
    matched_problems: list[ReportedProblem] = field(default_factory=list)
    unmatched: list[UnmatchedProblem] = field(default_factory=list)

    def false_alarms(self, category: str) -> int:
        return sum(1 for u in self.unmatched if u.category == category)


def score_file(truth: FileTruth, problems: Sequence[ReportedProblem]) -> FileScore:
    """Score the reported problems of one file against its truth.

    Every finding is caught or missed. Every problem that catches no finding
    is a false alarm on a clean control, a false alarm on a trap (its lines
    cover a trap's line), or unexplained.
    """
    score = FileScore(truth)
    for finding in truth.findings:
        (score.caught if any(finding.caught_by(p) for p in problems) else score.missed).append(finding)
    for problem in problems:
        if any(f.caught_by(problem) for f in truth.findings):
            score.matched_problems.append(problem)
            continue
        trap_lines = tuple(sorted({t.line for t in truth.traps if problem.covers(t.line)}))
        if truth.clean:
            category = CLEAN_CONTROL
        elif trap_lines:
            category = ON_TRAP
        else:
            category = UNEXPLAINED
        score.unmatched.append(UnmatchedProblem(problem, category, trap_lines))
    return score


# --------------------------------------------------------------------------
# Traps that state a relation, for --mutate
# --------------------------------------------------------------------------

#: Notes of traps that are no arithmetic relation on their first figure:
#: targets met or honestly missed (ceilings, deadlines, ranges, comparisons),
#: qualitative targets, open lists, parts of a whole, capped rates, grade bands.
NOT_A_RELATION = re.compile(
    r"honest|如实|ceiling|上限|以内|不超过|qualitative|定性|open list|开放列举|only a part|一部分"
    r"|只是|deadline|时限|期限|区间|range|capped|封顶|band|grade|为“?[优良中差]|is [优良中差]"
    r"|\d\s*[优良中差]|未达|miss|\bmet\b|达标|before|[<≤≥]|(?<![-=])>", re.IGNORECASE)
#: Notes that say a figure is repeated or converted: no relation unless they
#: also write an operator.
SAME_FIGURE = re.compile(r"一致|相符|same|repeated|反复|第三次|=\s*[\d.]+\s*万", re.IGNORECASE)
#: An operator written between figures (a conversion "= 2.36万" is none).
OPERATOR = re.compile(r"[+＋÷/×]|[x×]\s*\d|\d\s*[−\-]\s*\d|by \d|[−\-]\d+(?:\.\d+)?%|->|→"
                      r"|=(?!\s*[\d.]+\s*万)")
#: Arithmetic written in the note: an operator or a relation word.
ARITHMETIC = re.compile(
    OPERATOR.pattern + r"|之和|合计|小计|构成|占比|结余|结转|复合|年均|减少|增加|提高|下降|增长|率\d"
    r"|sum|add|total|compound|a year|share|savings|sources|splits|\brate\b"
    r"|分值\s*\d+\s*[;；]\s*得分|总分\s*\d", re.IGNORECASE)
#: Relation kinds, the first that matches wins.
RELATION_KINDS: tuple[tuple[str, re.Pattern], ...] = (
    ("score", re.compile(r"得分|分值|总分|score|weight|权重", re.IGNORECASE)),
    ("growth", re.compile(r"增长|增减率|年均|复合|growth|compound|a year|下降[^=]*[÷/%]|[÷/][^=]*下降"
                          r"|^\D*[−\-]\d+(?:\.\d+)?%",
                          re.IGNORECASE)),
    ("difference", re.compile(r"百分点|percentage point", re.IGNORECASE)),
    ("rate", re.compile(r"率|%|‰|rate|ratio|占比|share|[÷/]|每千|每万|per 1", re.IGNORECASE)),
    ("product", re.compile(r"[x×]\s*\d|乘", re.IGNORECASE)),
    ("sum", re.compile(r"合计|小计|之和|构成|sum|total|add|sources|splits|[+＋]", re.IGNORECASE)),
    ("difference", re.compile(r"差|结余|结转|余额|未支出|尚未|减少|增加|提高|difference"
                              r"|balance|savings|exceeds|\d\s*[−\-]\s*\d", re.IGNORECASE)),
    ("sum", re.compile(r"=")),
)


def relation_kind(note: str) -> Optional[str]:
    """The relation a trap's note states (score, growth, rate, product,
    difference, sum), or None when it states none that a changed first figure
    would break: a target met or honestly missed, a qualitative target, an
    open list or a part, a grade band, a figure repeated or converted."""
    if NOT_A_RELATION.search(note):
        return None
    if SAME_FIGURE.search(note) and not OPERATOR.search(note):
        return None
    if not ARITHMETIC.search(note) and "=" not in note:
        return None
    for kind, pattern in RELATION_KINDS:
        if pattern.search(note):
            return kind
    return None


def bump_digit(ch: str, shift: int = 1) -> str:
    """A digit plus ``shift``, mod 10, in the same width (``9`` -> ``0``,
    ``９`` -> ``０`` with the default shift of one)."""
    if "０" <= ch <= "９":
        return chr(ord("０") + (ord(ch) - ord("０") + shift) % 10)
    return str((int(ch) + shift) % 10)


def mutate_figure(line_text: str, figure: str, shift: int = 1) -> Optional[tuple[str, str, str]]:
    """Change the last digit of the first occurrence of ``figure`` on a line.

    The figure is found as a number of the line (full-width digits folded,
    thousands separators dropped, sign ignored). Returns (mutated line, the
    figure as written, the figure as mutated), or None when the figure is not
    on the line or is no plain number.
    """
    wanted = as_decimal(figure)
    if wanted is None:
        return None
    folded = fold_width(line_text)  # same length: the fold maps one char to one
    hits = [m for m in NUMBER.finditer(folded)]
    exact = [m for m in hits if m.group().replace(",", "") == str(abs(wanted))]
    equal = [m for m in hits if Decimal(m.group().replace(",", "")) == abs(wanted)]
    chosen = (exact or equal or [None])[0]
    if chosen is None:
        return None
    end = chosen.end() - 1
    written = line_text[chosen.start():chosen.end()]
    mutated = written[:-1] + bump_digit(line_text[end], shift)
    return line_text[:chosen.start()] + mutated + line_text[chosen.end():], written, mutated


# --------------------------------------------------------------------------
# The set's own recipes (verify.py), to tell a mutation that breaks a relation
# from one that stays inside the stated precision
# --------------------------------------------------------------------------


class SetRecipes:
    """The recipes of a set's ``verify.py`` (the corpus README: it "recomputes
    every finding and trap with decimal from the text itself"), run on any
    text of the set's files: which trap relations hold on it, each figure an
    interval of its stated precision, exactly as the truth was made.

    Two engines are read: ``R`` with ``run_check`` (a list of entries, a trap
    ``t == "T"`` with its ``checks``) and ``RECIPES`` with ``evaluate`` (ids
    ``T0``, ``T1``, … per file). A set without a verify.py, or of another
    shape, has no recipes: its mutations are not classified."""

    def __init__(self, folder: Path):
        self.module = None
        path = folder / "verify.py"
        if not path.is_file():
            return
        import importlib.util

        spec = importlib.util.spec_from_file_location(f"corpus_verify_{folder.name}", path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except (Exception, SystemExit):  # a recipe file that does not load classifies nothing
            return
        if (hasattr(module, "R") and hasattr(module, "run_check")) or (
                hasattr(module, "RECIPES") and hasattr(module, "evaluate")):
            self.module = module

    def trap_relations(self, name: str, lines: list[str]) -> Optional[dict[str, bool]]:
        """Every trap relation of file ``name`` on ``lines``: id -> holds. A
        relation that can no longer be read (an anchor or figure gone) does not
        hold. None when the set has no recipes for the file."""
        m = self.module
        if m is None:
            return None
        out = {}
        if hasattr(m, "R"):
            if name not in m.R:
                return None
            doc = m.Doc.__new__(m.Doc)
            doc.name, doc.lines = name, list(lines)
            found = re.search(r"_(20[0-9]{2})_", name)
            doc.year = int(found.group(1)) if found else 0
            ctx = m.Ctx(doc)
            for i, entry in enumerate(m.R[name]):
                if entry.get("t") != "T":
                    continue
                for j, chk in enumerate(entry.get("checks") or []):
                    out[f"T{i}.{j}"] = self._holds(lambda: m.run_check(ctx, chk))
            return out
        if name not in m.RECIPES:
            return None
        text = m.Text.__new__(m.Text)
        text.path, text.lines = Path(name), list(lines)
        for recipe in m.RECIPES[name]:
            if str(recipe.get("id", "")).startswith("T"):
                out[recipe["id"]] = self._holds(lambda: m.evaluate(text, recipe))
        return out

    @staticmethod
    def _holds(run) -> bool:
        try:
            return bool(run()[0])
        except Exception:  # the relation no longer reads (an anchor or a divisor gone)
            return False


def broken_relations(before: Optional[dict[str, bool]], after: Optional[dict[str, bool]]) -> Optional[list[str]]:
    """The trap relations that held before a mutation and do not after it;
    None when the file has no recipes."""
    if before is None or after is None:
        return None
    return sorted(k for k, held in before.items() if held and not after.get(k, False))


# --------------------------------------------------------------------------
# Running the checker
# --------------------------------------------------------------------------


def quiet_checker_logs() -> None:
    """A check that raises is logged with its traceback by extract; the run
    records it as a skipped result, so the log is noise here."""
    logging.getLogger("extract").setLevel(logging.CRITICAL)


def problems_of(report) -> list[ReportedProblem]:
    """The reported problems of a parsed Report, in check order."""
    return [p for p in (problem_from_check(c) for c in report.checks) if p is not None]


def load_text(path: Path) -> str:
    """A text report's text as the text loader lays it out (line endings folded)."""
    from extract.load.text import decode_text, source_from_text

    text, _ = decode_text(path.read_bytes(), path)
    return source_from_text(text).text


def parse_text(text: str, name: str):
    """Run every stage and the checks on report text; returns the Report."""
    from extract.load.text import source_from_text
    from extract.model import Source
    from extract.pipeline import parse_source

    source = source_from_text(text)
    info = Source(path=name, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                  format="text", encoding="utf-8", lines=source.n_lines)
    return parse_source(source, info)


@dataclass
class FileRun:
    """One file's parse: its reported problems and every check result's
    (rule, kind, status), or the error that stopped the parse."""

    set_name: str
    path: Path
    problems: list[ReportedProblem] = field(default_factory=list)
    results: list[tuple[str, str, str]] = field(default_factory=list)
    internal_errors: list[tuple[str, str]] = field(default_factory=list)
    error: Optional[str] = None


def run_file(set_name: str, path: Path) -> FileRun:
    """Parse one report with the checks; never raises for a bad input."""
    from extract.pipeline import parse_file

    run = FileRun(set_name, path)
    try:
        report = parse_file(path)
    except Exception as e:  # a parse that dies is a result of the measurement
        run.error = f"{type(e).__name__}: {e}"
        return run
    run.problems = problems_of(report)
    run.results = [(c.rule, c.kind, c.status) for c in report.checks]
    run.internal_errors = [(c.rule, c.message) for c in report.checks
                           if c.status == "skipped" and "内部错误" in c.message]
    return run


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------


@dataclass
class CorpusSet:
    name: str
    folder: Path
    files: list[FileTruth]


def find_sets(corpus: Path, only: Optional[str] = None) -> list[CorpusSet]:
    """Every subfolder of ``corpus`` holding a truth.json, by name."""
    sets = []
    if corpus.is_dir():
        for folder in sorted(p for p in corpus.iterdir() if (p / "truth.json").is_file()):
            if only and folder.name != only:
                continue
            truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
            files = [FileTruth.from_truth(name, entry) for name, entry in sorted(truth.items())]
            sets.append(CorpusSet(folder.name, folder, files))
    return sets


def ratio(part: int, whole: int) -> Optional[float]:
    return round(part / whole, 4) if whole else None


def recall_table(pairs: Iterable[tuple[str, bool]]) -> dict[str, dict]:
    """{key: {planted, caught, recall}} from (key, caught) pairs."""
    planted: Counter = Counter()
    caught: Counter = Counter()
    for key, hit in pairs:
        planted[key] += 1
        caught[key] += hit
    return {k: {"planted": planted[k], "caught": caught[k], "recall": ratio(caught[k], planted[k])}
            for k in sorted(planted)}


def skip_shares(runs: Iterable[FileRun]) -> dict[str, dict]:
    """Share of skipped results by rule and by kind: skipped / all results."""
    tables: dict[str, dict[str, Counter]] = {"by_rule": defaultdict(Counter),
                                             "by_kind": defaultdict(Counter)}
    for run in runs:
        for rule, kind, status in run.results:
            for table, key in (("by_rule", rule), ("by_kind", kind)):
                tables[table][key]["all"] += 1
                tables[table][key]["skipped"] += status == "skipped"
    return {name: {k: {"skipped": c["skipped"], "all": c["all"], "share": ratio(c["skipped"], c["all"])}
                   for k, c in sorted(table.items())}
            for name, table in tables.items()}


def problem_json(problem: ReportedProblem) -> dict:
    return {"line": problem.line, "lines": [list(s) for s in problem.spans], "rule": problem.rule,
            "kind": problem.kind, "severity": problem.severity, "message": problem.message}


def evaluate(sets: Sequence[CorpusSet]) -> tuple[dict, dict[tuple[str, str], FileRun]]:
    """Run and score every file of every set; returns the measurement as a
    JSON-ready dict and the runs by (set, file)."""
    runs: dict[tuple[str, str], FileRun] = {}
    scores: list[tuple[CorpusSet, FileScore]] = []
    missing: list[dict] = []
    for corpus_set in sets:
        for truth in corpus_set.files:
            path = corpus_set.folder / truth.name
            if not path.is_file():
                missing.append({"set": corpus_set.name, "file": truth.name})
                continue
            run = run_file(corpus_set.name, path)
            runs[(corpus_set.name, truth.name)] = run
            scores.append((corpus_set, score_file(truth, run.problems)))

    per_set = {}
    for corpus_set in sets:
        mine = [s for c, s in scores if c is corpus_set]
        planted = sum(len(s.truth.findings) for s in mine)
        caught = sum(len(s.caught) for s in mine)
        clean_fa = sum(s.false_alarms(CLEAN_CONTROL) for s in mine)
        trap_fa = sum(s.false_alarms(ON_TRAP) for s in mine)
        per_set[corpus_set.name] = {
            "files": len(mine), "clean_controls": sum(s.truth.clean for s in mine),
            "planted": planted, "caught": caught, "recall": ratio(caught, planted),
            "by_kind": recall_table((f.kind, f in s.caught) for s in mine for f in s.truth.findings),
            "false_alarms": {CLEAN_CONTROL: clean_fa, ON_TRAP: trap_fa, "total": clean_fa + trap_fa,
                             "per_report": ratio(clean_fa + trap_fa, len(mine))},
            "traps": sum(len(s.truth.traps) for s in mine),
            "unexplained": sum(s.false_alarms(UNEXPLAINED) for s in mine),
            "reported": sum(len(s.matched_problems) + len(s.unmatched) for s in mine),
        }
    planted = sum(v["planted"] for v in per_set.values())
    caught = sum(v["caught"] for v in per_set.values())
    clean_fa = sum(v["false_alarms"][CLEAN_CONTROL] for v in per_set.values())
    trap_fa = sum(v["false_alarms"][ON_TRAP] for v in per_set.values())
    n_files = sum(v["files"] for v in per_set.values())
    result = {
        "sets": per_set,
        "overall": {"files": n_files, "planted": planted, "caught": caught,
                    "recall": ratio(caught, planted),
                    "false_alarms": {CLEAN_CONTROL: clean_fa, ON_TRAP: trap_fa,
                                     "total": clean_fa + trap_fa,
                                     "per_report": ratio(clean_fa + trap_fa, n_files)},
                    "unexplained": sum(v["unexplained"] for v in per_set.values()),
                    "reported": sum(v["reported"] for v in per_set.values())},
        "recall_by_kind": recall_table((f.kind, f in s.caught) for _, s in scores for f in s.truth.findings),
        "unmatched": [dict(set=c.name, file=s.truth.name, category=u.category,
                           trap_lines=list(u.trap_lines), **problem_json(u.problem))
                      for c, s in scores for u in s.unmatched],
        "missed": [{"set": c.name, "file": s.truth.name, "line": f.line, "kind": f.kind,
                    "numbers": list(f.numbers), "note": f.note, "other_lines": list(f.other_lines)}
                   for c, s in scores for f in s.missed],
        "skipped": skip_shares(runs.values()),
        "internal_errors": [{"set": r.set_name, "file": r.path.name, "rule": rule, "message": msg}
                            for r in runs.values() for rule, msg in r.internal_errors],
        "parse_errors": [{"set": r.set_name, "file": r.path.name, "error": r.error}
                         for r in runs.values() if r.error],
        "missing_files": missing,
    }
    return result, runs


# --------------------------------------------------------------------------
# --mutate
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    """One relation trap with its first figure's last digit changed."""

    set_name: str
    file: str
    path: str
    line: int
    relation: str
    note: str
    written: str
    mutated: str
    text: str  # the whole mutated report
    #: The set's trap relations (verify.py) the change breaks; empty: every
    #: relation still holds within the stated precision; None: no recipes.
    broken: Optional[tuple[str, ...]] = None


def plan_mutations(sets: Sequence[CorpusSet], shift: int = 1) -> tuple[list[Mutation], list[dict]]:
    """Mutations for every relation trap; and the relation traps that could
    not be mutated (their first figure not found on their line), with why."""
    planned, unmutated = [], []
    for corpus_set in sets:
        recipes = SetRecipes(corpus_set.folder)
        for truth in corpus_set.files:
            path = corpus_set.folder / truth.name
            if not path.is_file():
                continue
            text = load_text(path)
            lines = text.split("\n")
            before = recipes.trap_relations(truth.name, lines)
            for trap in truth.traps:
                relation = relation_kind(trap.note)
                if relation is None or not trap.numbers:
                    continue
                done = (mutate_figure(lines[trap.line - 1], trap.numbers[0], shift)
                        if 1 <= trap.line <= len(lines) else None)
                if done is None:
                    unmutated.append({"set": corpus_set.name, "file": truth.name, "line": trap.line,
                                      "relation": relation, "figure": trap.numbers[0],
                                      "reason": "figure not on its line"})
                    continue
                new_line, written, mutated = done
                new_lines = lines[:trap.line - 1] + [new_line] + lines[trap.line:]
                broken = broken_relations(before, recipes.trap_relations(truth.name, new_lines))
                planned.append(Mutation(corpus_set.name, truth.name, str(path), trap.line, relation,
                                        trap.note, written, mutated, "\n".join(new_lines),
                                        None if broken is None else tuple(broken)))
    return planned, unmutated


def line_results(report, line: int) -> list[str]:
    """The relation results (not failed as a problem) located on ``line``:
    status, rule and message, i.e. the reading a check passed on, or why it
    was skipped: what a missed mutation was judged by."""
    out = []
    for c in report.checks:
        if c.status == "fail" and c.severity in PROBLEM_SEVERITIES:
            continue
        on_line = any(loc.line <= line <= max(loc.line, loc.end_line) for loc in c.locations)
        if on_line and c.kind in RELATION_RESULT_KINDS:
            out.append(f"{c.status} {c.rule}: {c.message}")
    return out


#: Result kinds that judge a relation (what --why lists for a missed mutation).
RELATION_RESULT_KINDS = ("rate", "growth", "difference", "breakdown", "table_total", "two_values", "score", "per_unit")


def run_mutation(mutation: Mutation) -> tuple[Mutation, list[ReportedProblem], Optional[str], list[str]]:
    """Check a mutated report; its reported problems near the mutated line,
    and the other relation results on that line (:func:`line_results`)."""
    try:
        report = parse_text(mutation.text, mutation.path)
    except Exception as e:
        return mutation, [], f"{type(e).__name__}: {e}", []
    return (mutation, [p for p in problems_of(report) if p.points_near(mutation.line)], None,
            line_results(report, mutation.line))


def evaluate_mutations(sets: Sequence[CorpusSet], runs: dict[tuple[str, str], FileRun],
                       limit: Optional[int] = None, jobs: int = 2, shift: int = 1) -> dict:
    """Run every mutation (in a pool of ``jobs`` processes) and score it:
    caught when a reported problem within LINE_REACH lines of the mutated line
    is new, i.e. not one the unmutated report already had."""
    planned, unmutated = plan_mutations(sets, shift)
    if limit is not None:
        planned = planned[:limit]
    outcomes = []
    total = len(planned)
    step = max(1, total // 20)

    def collect(results):
        for i, outcome in enumerate(results, 1):
            outcomes.append(outcome)
            if i % step == 0 or i == total:
                print(f"mutate: {i}/{total}", file=sys.stderr, flush=True)

    if jobs > 1 and total > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs, initializer=quiet_checker_logs) as pool:
            collect(pool.imap_unordered(run_mutation, planned, chunksize=4))
    else:
        collect(map(run_mutation, planned))

    pairs, breaking, holding, not_caught, baseline_flagged, errors = [], [], [], [], 0, []
    for mutation, near, error, judged in sorted(outcomes, key=lambda o: (o[0].set_name, o[0].file, o[0].line)):
        run = runs.get((mutation.set_name, mutation.file))
        before = {p.key() for p in run.problems} if run else set()
        baseline_flagged += any(p.points_near(mutation.line) for p in (run.problems if run else []))
        new = [p for p in near if p.key() not in before]
        pairs.append((mutation.relation, bool(new)))
        if mutation.broken:
            breaking.append((mutation.relation, bool(new)))
        elif mutation.broken is not None:
            holding.append({"set": mutation.set_name, "file": mutation.file, "line": mutation.line,
                            "relation": mutation.relation, "figure": mutation.written,
                            "mutated": mutation.mutated, "flagged": bool(new),
                            "problems": [p.message for p in new]})
        if error:
            errors.append({"set": mutation.set_name, "file": mutation.file, "line": mutation.line,
                           "error": error})
        if not new:
            not_caught.append({"set": mutation.set_name, "file": mutation.file, "line": mutation.line,
                               "relation": mutation.relation, "figure": mutation.written,
                               "mutated": mutation.mutated, "note": mutation.note, "readings": judged,
                               "breaks": None if mutation.broken is None else list(mutation.broken)})
    by_relation = recall_table(pairs)
    caught = sum(hit for _, hit in pairs)
    caught_breaking = sum(hit for _, hit in breaking)
    return {"shift": shift, "mutated": total, "caught": caught, "share": ratio(caught, total),
            "by_relation": by_relation,
            # Judged by the set's own recipes: the mutations that break a
            # relation (must be caught), those that leave every relation
            # inside the stated precision (no check may flag them).
            "breaking": {"mutated": len(breaking), "caught": caught_breaking,
                         "share": ratio(caught_breaking, len(breaking)),
                         "by_relation": recall_table(breaking)},
            "holding": {"mutated": len(holding), "flagged": sum(h["flagged"] for h in holding),
                        "items": holding},
            "not_caught": not_caught,
            "baseline_already_flagged": baseline_flagged,
            "unmutated": unmutated, "errors": errors}


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def percent(value: Optional[float]) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def print_text(result: dict, out=sys.stdout, why: bool = False) -> None:
    """The measurement for a person to read."""
    w = lambda s="": print(s, file=out)  # noqa: E731
    o = result["overall"]
    w(f"corpus: {result['corpus']}  ({o['files']} files, {result['runtime_seconds']:.1f} s)")
    w()
    w("recall by set")
    for name, s in result["sets"].items():
        fa = s["false_alarms"]
        w(f"  {name:<12} {s['caught']:>3}/{s['planted']:<3} {percent(s['recall']):>7}   "
          f"false alarms: {fa[CLEAN_CONTROL]} on {s['clean_controls']} clean controls, "
          f"{fa[ON_TRAP]} on traps ({s['traps']} traps), per report {fa['per_report']}; "
          f"unexplained {s['unexplained']}; reported {s['reported']}")
    fa = o["false_alarms"]
    w(f"  {'all':<12} {o['caught']:>3}/{o['planted']:<3} {percent(o['recall']):>7}   "
      f"false alarms: {fa[CLEAN_CONTROL]} clean + {fa[ON_TRAP]} trap = {fa['total']} "
      f"({fa['per_report']} per report; goal <= 0.05); unexplained {o['unexplained']}")
    w()
    w("recall by kind")
    for kind, r in result["recall_by_kind"].items():
        w(f"  {kind:<12} {r['caught']:>3}/{r['planted']:<3} {percent(r['recall']):>7}")
    w()
    w(f"unmatched reported problems ({len(result['unmatched'])})")
    for u in result["unmatched"]:
        where = f" trap lines {u['trap_lines']}" if u["trap_lines"] else ""
        w(f"  [{u['category']}] {u['set']}/{u['file']}:{u['line']}{where} {u['rule']} "
          f"({u['severity']}): {u['message']}")
    w()
    w(f"missed planted findings ({len(result['missed'])})")
    for m in result["missed"]:
        w(f"  {m['set']}/{m['file']}:{m['line']} {m['kind']} {m['numbers']}: {m['note']}")
    w()
    w("skipped share by rule (skipped / all results)")
    for rule, s in result["skipped"]["by_rule"].items():
        w(f"  {rule:<22} {s['skipped']:>4}/{s['all']:<4} {percent(s['share']):>7}")
    w("skipped share by kind")
    for kind, s in result["skipped"]["by_kind"].items():
        w(f"  {kind:<22} {s['skipped']:>4}/{s['all']:<4} {percent(s['share']):>7}")
    for label, key in (("internal errors", "internal_errors"), ("parse errors", "parse_errors"),
                       ("missing files", "missing_files")):
        if result[key]:
            w()
            w(f"{label} ({len(result[key])})")
            for e in result[key]:
                w("  " + " ".join(str(v) for v in e.values()))
    m = result.get("mutation")
    if m:
        w()
        w(f"--mutate (last digit +{m['shift']}): {m['caught']}/{m['mutated']} caught ({percent(m['share'])}); "
          f"{m['baseline_already_flagged']} of the traps already had a problem nearby unmutated; "
          f"{len(m['unmutated'])} relation traps not mutated (figure not on its line)")
        for kind, r in m["by_relation"].items():
            w(f"  {kind:<12} {r['caught']:>3}/{r['planted']:<3} {percent(r['recall']):>7}")
        b, h = m["breaking"], m["holding"]
        w(f"  judged by the sets' verify.py recipes: {b['caught']}/{b['mutated']} of the mutations that break "
          f"a relation caught ({percent(b['share'])}); {h['mutated']} leave every relation inside the stated "
          f"precision (no check may flag them), {h['flagged']} of them flagged")
        for kind, r in b["by_relation"].items():
            w(f"    {kind:<12} {r['caught']:>3}/{r['planted']:<3} {percent(r['recall']):>7}")
        for item in h["items"]:
            if item["flagged"]:
                w(f"    flagged inside precision: {item['set']}/{item['file']}:{item['line']} "
                  f"{item['figure']}->{item['mutated']}: {' / '.join(item['problems'])}")
        w(f"  not caught ({len(m['not_caught'])})")
        for n in m["not_caught"]:
            judged = ("" if n.get("breaks") is None
                      else f" [breaks {', '.join(n['breaks'])}]" if n["breaks"] else " [inside precision]")
            w(f"    {n['set']}/{n['file']}:{n['line']} {n['relation']} {n['figure']}->{n['mutated']}{judged}: "
              f"{n['note']}")
            if why:
                for r in n.get("readings") or ["(no relation result on the line)"]:
                    w(f"        {r}")
        for e in m["errors"]:
            w(f"  error {e['set']}/{e['file']}:{e['line']} {e['error']}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                    help="folder holding the sets (default: %(default)s)")
    ap.add_argument("--set", dest="only", metavar="NAME", help="score only this set")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--mutate", action="store_true",
                    help="also change a digit of every relation trap and expect a finding there")
    ap.add_argument("--limit", type=int, metavar="N", help="--mutate: at most N mutations")
    ap.add_argument("--why", action="store_true",
                    help="--mutate: under each missed mutation, the relation results on its line "
                         "(the reading that passed, or why it was skipped)")
    ap.add_argument("--shift", type=int, default=1, choices=range(1, 10), metavar="K",
                    help="--mutate: add K (mod 10) to the last digit (default 1, the smallest typo; "
                         "5 moves every figure out of the rounding band of its own precision)")
    ap.add_argument("--jobs", type=int, default=2, metavar="N", help="--mutate: processes (default 2)")
    args = ap.parse_args(argv)

    sets = find_sets(args.corpus, args.only)
    if not sets:
        which = f" named {args.only!r}" if args.only else ""
        print(f"eval_corpus: no set{which} (a subfolder with truth.json) in {args.corpus}", file=sys.stderr)
        return 2
    quiet_checker_logs()
    started = time.perf_counter()
    result, runs = evaluate(sets)
    if args.mutate:
        result["mutation"] = evaluate_mutations(sets, runs, args.limit, args.jobs, args.shift)
    result = {"corpus": str(args.corpus), "runtime_seconds": round(time.perf_counter() - started, 2),
              **result}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print_text(result, why=args.why)
    return 0


if __name__ == "__main__":
    sys.exit(main())
