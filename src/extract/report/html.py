"""A checked report as one self-contained HTML review page.

:func:`render_review` takes a :class:`~extract.model.Report` (with its
checks) and the source text the loader laid out, and returns a page that
opens from disk with no network: the report's text line by line, headings
as headings and tables as tables, every failed check highlighted where its
locations point (severity by colour *and* a text label), a side list of the
findings grouped by severity and kind (the draft hygiene findings, 稿件规范,
as a group of their own) that jumps to each place, filters (severity, rule,
section) and a search box, a summary header and a print stylesheet.

For a PDF (``pages``: its rendered pages, :mod:`extract.report.pages`) the
body is the pages themselves, each finding drawn as a numbered box on the
glyphs its first location points at (severity by colour and label), the
other places it names outlined; a box and its side-list entry lead to each
other.

The page is built by a Jinja2 template with autoescaping on, so text from the
document can never become markup or script. Each finding with locations has
exactly one anchor in the page (``id="hl-<n>"``, the first place it touches);
every highlighted element lists its findings in ``data-findings``; on page
images each finding with a page has one numbered box (``a.pbox``, the
anchor).
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..checks.hygiene import GROUP as HYGIENE_GROUP
from ..checks.hygiene import RULES as HYGIENE_RULES
from ..model import CheckResult, Location, Report, Section, Table
from ..review import REVIEW_VERSION, Decision, Review, fingerprint_findings, in_check_order
from .pages import PageImage, page_box

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
MET_NAMES = {"true": "达成", "false": "未达成", "unknown": "未知"}
# the name of each Indicator.met verdict: a CSS class (met-true) and a key of MET_NAMES
MET_CLASSES = {True: "true", False: "false", None: "unknown"}
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
    #: the section holding the first location (its id and heading), if any
    section: Optional[Section] = None
    #: its fingerprint (extract.review) and the reviewer's decision about it, if any
    fingerprint: str = ""
    decision: Optional[Decision] = None

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
        """Where it is: ``第4页 第35、57行`` (pages where the source has them)."""
        seen: list[int] = []
        pages: list[int] = []
        for loc in self.result.locations:
            if loc.line not in seen:
                seen.append(loc.line)
            if loc.page is not None and loc.page not in pages:
                pages.append(loc.page)
        if not seen:
            return "无定位"
        where = "第" + "、".join(str(n) for n in seen[:4]) + ("等" if len(seen) > 4 else "") + "行"
        if pages:
            where = "第" + "、".join(str(n) for n in pages[:4]) + ("等" if len(pages) > 4 else "") + "页 " + where
        return where

    @property
    def section_key(self) -> str:
        return self.section.id if self.section is not None else ""

    @property
    def search_text(self) -> str:
        """What the search box looks in: message, rule, kind, evidence, quote."""
        r = self.result
        return " ".join(x for x in (r.message, r.rule, r.kind, r.expected, r.stated, r.quote) if x)


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


def numbered_findings(report: Report) -> list[tuple[int, CheckResult]]:
    """The failed checks of ``report`` in the order the review page lists
    them (severity, then kind), each with its number there (from 1): the
    annotated PDF numbers its notes the same way."""
    failed = [r for r in report.checks if r.status == "fail"]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    failed.sort(key=lambda r: (order[r.severity], r.kind))
    return list(enumerate(failed, 1))


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
        met.setdefault(ind.table, {})[ind.row] = MET_CLASSES[ind.met]
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


@dataclass
class PageBox:
    """A finding's box on a page image: ``left, top, width, height`` in
    percent of the page; ``primary`` for the numbered one (the finding's
    first location with a page), else an outline of another place it
    names; ``stack`` places the number beside those of boxes at the same
    spot."""

    finding: Finding
    left: float
    top: float
    width: float
    height: float
    primary: bool = True
    stack: int = 0


@dataclass
class PageView:
    image: PageImage
    boxes: list[PageBox] = field(default_factory=list)


def page_views(pages: list[PageImage], findings: list[Finding]) -> list[PageView]:
    """Each page with the boxes of the findings on it. A finding gets one
    numbered box, at its first location that has a page and a box; its
    other places are outlined (one outline per distinct box)."""
    views = {p.number: PageView(p) for p in pages}
    for f in findings:
        seen: set[tuple] = set()
        for loc in f.result.locations:
            if loc.page is None or loc.bbox is None or loc.page not in views:
                continue
            key = (loc.page, loc.bbox)
            if key in seen:
                continue
            seen.add(key)
            box = page_box(loc.bbox, views[loc.page].image)
            if box is None:
                continue
            views[loc.page].boxes.append(PageBox(f, *box, primary=not f.anchored))
            f.anchored = True
    for view in views.values():
        spots: dict[tuple, int] = {}
        for b in view.boxes:
            if b.primary:
                key = (round(b.left), round(b.top))
                b.stack = spots.get(key, 0)
                spots[key] = b.stack + 1
    return [views[p.number] for p in pages]


def _sections_of(report: Report, findings: list[Finding]) -> list[Section]:
    """Set each finding's section (the last heading at or before its first
    location's line); the sections holding findings, in document order."""
    heads = sorted(report.sections, key=lambda s: s.location.line)
    lines = [s.location.line for s in heads]
    used: list[Section] = []
    for f in findings:
        if not f.result.locations:
            continue
        k = bisect.bisect_right(lines, f.result.locations[0].line) - 1
        if k >= 0:
            f.section = heads[k]
            if heads[k] not in used:
                used.append(heads[k])
    return sorted(used, key=lambda s: s.location.line)


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


def review_data(report: Report, findings: list[Finding], review: Review) -> dict:
    """What the page's script needs to record decisions and offer the
    downloads: the sidecar's form (:class:`~extract.review.Review`) with
    the decisions already made, and the findings sheet's row of each
    finding by fingerprint (:mod:`extract.export.findings_sheet`)."""
    from ..export.findings_sheet import COLUMNS, finding_row

    name = os.path.basename(report.source.path)
    return {
        "review_version": REVIEW_VERSION, "report": name,
        "sidecar": Path(name).stem + ".review.json", "sheet": Path(name).stem + ".findings.csv",
        "decisions": [d.model_dump(mode="json") for d in review.decisions],
        "columns": list(COLUMNS),
        "rows": {f.fingerprint: finding_row(name, f.fingerprint, f.result, f.decision) for f in findings},
        "findings": {f.fingerprint: {"rule": f.result.rule, "quote": f.result.quote, "message": f.result.message}
                     for f in findings},
    }


def render_review(report: Report, source_text: str, pages: Optional[list[PageImage]] = None,
                  review: Optional[Review] = None) -> str:
    """The review page of ``report`` whose laid-out source text is
    ``source_text``; with ``pages`` (a PDF's rendered pages) the body shows
    the pages with the findings boxed on them instead of the text. Each
    finding shows its fingerprint and the decision of ``review`` about it
    (who and when), with buttons for 确认 and 不是问题 whose decisions the
    page offers as a review file to download (``extract review import``
    merges it), and the findings sheet as CSV."""
    review = review or Review()
    fingerprints = {id(r): fp for fp, r in fingerprint_findings(in_check_order(report.checks))}
    decided = review.by_fingerprint()
    findings = [Finding(n, r, _spans(r.locations, len(source_text)), fingerprint=fingerprints[id(r)],
                        decision=decided.get(fingerprints[id(r)]))
                for n, r in numbered_findings(report)]
    stale = [d for d in review.decisions if d.fingerprint not in {f.fingerprint for f in findings}]
    sections = _sections_of(report, findings)
    blocks: list[Block] = []
    views: list[PageView] = []
    if pages:
        views = page_views(pages, findings)
    else:
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
    rules = sorted({(f.result.rule, f.result.kind) for f in findings})
    return _env().get_template("review.html.j2").render(
        report=report, meta=report.meta, name=os.path.basename(report.source.path),
        blocks=blocks, pages=views, findings=findings, groups=groups, budget=budget, skipped=skipped,
        rules=rules, sections=sections, unsectioned=any(f.section is None for f in findings),
        passed=passed, severity_names=SEVERITY_NAMES, met_names=MET_NAMES,
        counts={sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITIES},
        stale=stale, review_data=review_data(report, findings, review),
    )


def write_review(report: Report, path: os.PathLike | str, source_text: Optional[str] = None,
                 rules=None, pages: Optional[bool] = None, review: Optional[Review] = None) -> None:
    """Write the review page of ``report`` to ``path`` (atomically). Without
    ``source_text`` the report's source file is loaded again for its text,
    laid out by ``rules`` (the rule set that made the report). A PDF's
    pages are rendered and shown with the findings boxed on them
    (``pages=False``: its laid-out text instead). Without ``review`` the
    decisions of the report's sidecar (``REPORT.review.json``) are shown,
    none when it cannot be read."""
    if review is None:
        from ..review import ReviewError, load_review, sidecar_path

        try:
            review = load_review(sidecar_path(report.source.path))
        except ReviewError:
            review = Review()
    if source_text is None:
        from ..load import load_document

        source_text = load_document(report.source.path, rules).source.text
    from ..export.jsonfile import write_atomic

    images = None
    if pages is None:
        pages = report.source.format == "pdf"
    if pages:
        from .pages import render_pages

        images = render_pages(report.source.path)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, render_review(report, source_text, images, review))
