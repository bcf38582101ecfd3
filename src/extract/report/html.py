"""A checked report as one self-contained HTML review page.

:func:`render_review` takes a :class:`~extract.model.Report` (with its
checks) and the source text the loader laid out, and returns a page that
opens from disk with no network: the report's text line by line, headings
as headings and tables as tables, every failed check highlighted where its
locations point (severity by colour *and* a text label), a side list of the
findings grouped by severity and kind (the draft hygiene findings, 稿件规范,
as a group of their own) that jumps to each place, a severity filter, a
summary header and a print stylesheet.

The page is built by a Jinja2 template with autoescaping on, so text from the
document can never become markup or script. Each finding with locations has
exactly one anchor in the page (``id="hl-<n>"``, the first place it touches);
every highlighted element lists its findings in ``data-findings``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..checks.hygiene import GROUP as HYGIENE_GROUP
from ..checks.hygiene import RULES as HYGIENE_RULES
from ..model import CheckResult, Location, Report, Table

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
MET_NAMES = {"true": "达成", "false": "未达成", "unknown": "未知"}
BUDGET_NAMES = (("initial", "年初预算"), ("adjusted", "调整后预算"), ("executed", "实际支出"),
                ("rate", "执行率"), ("balance", "结余"))


@dataclass
class Finding:
    """A failed check as the page shows it."""

    n: int
    result: CheckResult
    spans: list[tuple[int, int]]
    anchored: bool = False
    #: anchor at the first place touched, not at the first location (set when
    #: the first location falls on nothing the page shows)
    first_touch: bool = False

    def is_primary(self, start: int, end: int, cell=None) -> bool:
        """True if the page element at source ``start``..``end`` (or table
        ``cell``) holds this finding's first location."""
        if self.first_touch:
            return True
        loc = self.result.locations[0]
        if cell is not None and loc.cell is not None:
            return tuple(loc.cell) == cell
        s = self.spans[0][0]
        return start <= s < end

    @property
    def id(self) -> str:
        return f"f{self.n}"

    @property
    def severity(self) -> str:
        return self.result.severity

    @property
    def label(self) -> str:
        return SEVERITY_NAMES[self.result.severity]

    @property
    def lines(self) -> str:
        seen: list[int] = []
        for loc in self.result.locations:
            if loc.line not in seen:
                seen.append(loc.line)
        if not seen:
            return "无定位"
        return "第" + "、".join(str(n) for n in seen[:4]) + ("等" if len(seen) > 4 else "") + "行"


class _Marked:
    """Severity (the worst) and ids of the findings marking a page element."""

    findings: list[Finding]

    @property
    def severity(self) -> str:
        return _worst(self.findings)

    @property
    def ids(self) -> str:
        return " ".join(f.id for f in self.findings)


@dataclass
class Segment(_Marked):
    """A run of text and the findings that cover it (none: plain text)."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    anchors: list[Finding] = field(default_factory=list)


@dataclass
class CellView(_Marked):
    text: str
    segments: list[Segment]
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    findings: list[Finding] = field(default_factory=list)
    anchors: list[Finding] = field(default_factory=list)
    expected: Optional[str] = None


@dataclass
class RowView(_Marked):
    cells: list[CellView]
    line: int
    total: bool = False
    met: Optional[str] = None
    findings: list[Finding] = field(default_factory=list)
    anchors: list[Finding] = field(default_factory=list)


@dataclass
class Block:
    """One line of text (``kind`` "p" or "h") or one table (``kind`` "table")."""

    kind: str
    line: int
    segments: list[Segment] = field(default_factory=list)
    level: int = 0
    section: Optional[str] = None
    table: Optional[Table] = None
    rows: list[RowView] = field(default_factory=list)
    has_indicators: bool = False


def _worst(findings: list[Finding]) -> str:
    for sev in SEVERITIES:
        if any(f.severity == sev for f in findings):
            return sev
    return ""


def _spans(locations: list[Location], size: int) -> list[tuple[int, int]]:
    out = []
    for loc in locations:
        start = min(max(loc.start, 0), size)
        end = min(max(loc.end, start + 1), size)
        if end > start:
            out.append((start, end))
    return out


class _Layout:
    """Cuts the source text into blocks and segments, placing each finding's
    single anchor at the first place (in page order) it touches."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings

    def covering(self, start: int, end: int) -> list[Finding]:
        return [f for f in self.findings if any(s < end and start < e for s, e in f.spans)]

    def anchor(self, findings: list[Finding], start: int, end: int, cell=None) -> list[Finding]:
        new = [f for f in findings if not f.anchored and f.is_primary(start, end, cell)]
        for f in new:
            f.anchored = True
        return new

    def segments(self, text: str, start: int) -> list[Segment]:
        """``text`` (standing at ``start`` in the source) cut where findings begin or end."""
        end = start + len(text)
        local = self.covering(start, end)
        if not local:
            return [Segment(text)]
        cuts = {start, end}
        for f in local:
            for s, e in f.spans:
                cuts.update(x for x in (s, e) if start < x < end)
        points = sorted(cuts)
        out: list[Segment] = []
        for a, b in zip(points, points[1:]):
            covered = [f for f in local if any(s < b and a < e for s, e in f.spans)]
            piece = Segment(text[a - start:b - start], covered)
            piece.anchors = self.anchor(covered, a, b)
            if out and not piece.findings and not out[-1].findings:
                out[-1].text += piece.text
            else:
                out.append(piece)
        return out


def _same(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _table_block(table: Table, layout: _Layout, text: str, line_starts: list[int],
                 met_by_row: dict[int, str]) -> Block:
    block = Block("table", table.location.line, table=table, has_indicators=bool(met_by_row))
    by_row: dict[int, list] = {}
    for c in table.cells:
        by_row.setdefault(c.row, []).append(c)
    covered_by_merge = {(c.row, c.col) for c in table.cells if c.filled_from is not None}
    for r in range(table.n_rows):
        cells = sorted(by_row.get(r, []), key=lambda c: c.col)
        lines = [c.location.line for c in cells if c.location]
        line = min(lines) if lines else 0
        row = RowView([], line, total=r in table.total_rows, met=met_by_row.get(r))
        touched: list[Finding] = []
        for c in cells:
            if (c.row, c.col) in covered_by_merge and not c.text:
                continue
            view = CellView(c.text, [Segment(c.text)], c.rowspan, c.colspan, header=r < table.header_rows)
            if c.location is not None:
                loc = c.location
                exact = [f for f in layout.findings
                         if any(l.cell and l.cell[0] == table.id and l.cell[1] == c.row and l.cell[2] == c.col
                                for l in f.result.locations)]
                # a finding that names cells of this table marks only those
                by_range = [f for f in layout.covering(loc.start, loc.end)
                            if f not in exact and not any(l.cell and l.cell[0] == table.id
                                                          for l in f.result.locations)]
                view.findings = exact + by_range
                view.anchors = layout.anchor(view.findings, loc.start, loc.end, (table.id, c.row, c.col))
                touched.extend(view.findings)
                for f in view.findings:
                    res = f.result
                    if (res.expected is not None and res.stated is not None and _same(c.text, res.stated)
                            and not _same(res.expected, res.stated)):
                        view.expected = res.expected
            row.cells.append(view)
        if line:
            ls = line_starts[line - 1]
            le = line_starts[line] if line < len(line_starts) else len(text)
            row.findings = [f for f in layout.covering(ls, le) if f not in touched]
            row.anchors = layout.anchor(row.findings, ls, le)
        block.rows.append(row)
    return block


def layout_blocks(report: Report, text: str, findings: list[Finding]) -> list[Block]:
    """The page body: one block per line of text, tables in place of their rows."""
    layout = _Layout(findings)
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    n_lines = len(line_starts) - (1 if text.endswith("\n") else 0)
    headings = {s.location.line: s for s in report.sections if not s.run_in}
    run_in = {s.location.line: s for s in report.sections if s.run_in}
    tables_at: dict[int, Table] = {}
    table_lines: set[int] = set()
    for t in report.tables:
        lines = [c.location.line for c in t.cells if c.location] + \
                [c.location.end_line for c in t.cells if c.location]
        if not lines:
            continue
        first, last = min(lines), max(lines)
        tables_at[first] = t
        table_lines.update(range(first, last + 1))
    met: dict[str, dict[int, str]] = {}
    for ind in report.indicators:
        met.setdefault(ind.table, {})[ind.row] = ind.met
    blocks: list[Block] = []
    section: Optional[str] = None
    for lineno in range(1, n_lines + 1):
        if lineno in tables_at:
            t = tables_at[lineno]
            blocks.append(_table_block(t, layout, text, line_starts, met.get(t.id, {})))
            continue
        if lineno in table_lines:
            continue
        start = line_starts[lineno - 1]
        end = line_starts[lineno] - 1 if lineno < len(line_starts) else len(text)
        raw = text[start:end].rstrip("\r")
        if not raw.strip():
            continue
        sec = headings.get(lineno) or run_in.get(lineno)
        if sec is not None:
            section = sec.id
        kind = "h" if lineno in headings else "p"
        level = min(headings[lineno].level + 1, 5) if kind == "h" else 0
        blocks.append(Block(kind, lineno, layout.segments(raw, start), level=level, section=section))
    return blocks


def _env():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env


def _by_kind(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    kinds: dict[str, list[Finding]] = {}
    for f in findings:
        kinds.setdefault(f.result.kind, []).append(f)
    return list(kinds.items())


def render_review(report: Report, source_text: str) -> str:
    """The review page of ``report`` whose laid-out source text is ``source_text``."""
    failed = [r for r in report.checks if r.status == "fail"]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    failed.sort(key=lambda r: (order[r.severity], r.kind))
    findings = [Finding(i + 1, r, _spans(r.locations, len(source_text))) for i, r in enumerate(failed)]
    blocks = layout_blocks(report, source_text, findings)
    missed = [f for f in findings if f.spans and not f.anchored]
    if missed:  # first location on nothing shown: anchor where the finding first shows
        for f in findings:
            f.anchored = False
            f.first_touch = f.first_touch or f in missed
        blocks = layout_blocks(report, source_text, findings)
    groups = []
    hygiene = [f for f in findings if f.result.rule in HYGIENE_RULES]
    for sev in SEVERITIES:
        of_sev = [f for f in findings if f.severity == sev and f not in hygiene]
        groups.append((sev, SEVERITY_NAMES[sev], of_sev, _by_kind(of_sev)))
    # draft hygiene (稿件规范) is a group of its own, after the severities
    groups.append(("hygiene", HYGIENE_GROUP, hygiene, _by_kind(hygiene)))
    budget = []
    for key, name in BUDGET_NAMES:
        fig = getattr(report.budget, key)
        if fig is not None:
            budget.append((name, fig.quantity.text, fig.location.line))
    skipped = [r for r in report.checks if r.status == "skipped"]
    passed = sum(1 for r in report.checks if r.status == "pass")
    return _env().get_template("review.html.j2").render(
        report=report, meta=report.meta, name=os.path.basename(report.source.path),
        blocks=blocks, findings=findings, groups=groups, budget=budget, skipped=skipped,
        passed=passed, severity_names=SEVERITY_NAMES, met_names=MET_NAMES,
        counts={sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITIES},
    )


def write_review(report: Report, path: os.PathLike | str, source_text: Optional[str] = None,
                 rules=None) -> None:
    """Write the review page of ``report`` to ``path`` (atomically). Without
    ``source_text`` the report's source file is loaded again for its text,
    laid out by ``rules`` (the rule set that made the report)."""
    if source_text is None:
        from ..load import load_document

        source_text = load_document(report.source.path, rules).source.text
    from ..export.jsonfile import write_atomic

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, render_review(report, source_text))
