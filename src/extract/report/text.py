"""Check results as Chinese text for people, like a linter's output.

:func:`render_text` takes a report's :class:`~extract.model.CheckResult`
list (and the file name to head it) and returns the text ``extract check``
prints: a summary line, then the failed checks grouped by severity (错误,
警告, 提示), each with its line numbers, message, the quoted sentence or
row, and expected against stated; then the draft hygiene findings (稿件规范:
template residue, placeholders, punctuation, scope words) as their own
group, each labelled with its severity; then the checks that could not run
(未能检查), which never count as passed. Passed checks are only counted.
Given the file's fingerprints and decisions (:mod:`extract.review`), a
finding ends with its fingerprint (``#3f2a…``, what ``extract review``
takes), a decided one has a ``处理：`` line (确认 or 不是问题, note, who,
when), and decisions whose finding is gone are listed as 过期的处理.
Where a finding stands: ``第69、100行`` of the text; for a PDF the page
beside it (``第3页，第12行``, or the page and the table cell: ``第4页，表2第4行第4、5列``).

:func:`render_run` renders a :class:`~extract.check_run.CheckRun` of many
files: one block per file (a file that could not be read in one line),
then a summary over all files, and with ``statistics`` the findings per rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from ..checks.hygiene import GROUP as HYGIENE_GROUP
from ..checks.hygiene import RULES as HYGIENE_RULES
from ..model import CheckResult, Location, Report

if TYPE_CHECKING:
    from ..check_run import CheckRun
    from ..review import Decision

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
QUOTE_CHARS = 100


def lines_of(result: CheckResult) -> str:
    """``第69行`` / ``第69、104行`` from a result's locations; ``—`` if none."""
    lines: list[int] = []
    for loc in result.locations:
        if loc.line not in lines:
            lines.append(loc.line)
    if not lines:
        return "—"
    shown = "、".join(str(n) for n in lines[:4]) + ("等" if len(lines) > 4 else "")
    return f"第{shown}行"


SHOWN_PLACES = 4


def _table_name(table_id: str, report: Optional[Report]) -> str:
    """``表2`` for a table numbered 2 in ``report``; ``表格t2`` for one without a number."""
    if report is not None:
        for t in report.tables:
            if t.id == table_id and t.number:
                return f"表{t.number}"
    return f"表格{table_id}"


def page_places(locations: Iterable[Location], report: Optional[Report] = None) -> list[str]:
    """Where a person holding the PDF finds the locations, one entry per
    page in order of first mention: ``第3页，第16、17行`` (lines of the
    laid-out text), table cells as ``表2第4行第4、5列`` (cells of one row
    joined): ``第4页，表2第4行第4、5、6列``."""
    pages: dict[Optional[int], tuple[list[int], dict[tuple[str, int], list[int]]]] = {}
    for loc in locations:
        lines, cells = pages.setdefault(loc.page, ([], {}))
        if loc.cell is not None:
            table, row, col = loc.cell
            cols = cells.setdefault((table, row), [])
            if col + 1 not in cols:
                cols.append(col + 1)
        elif loc.line not in lines:
            lines.append(loc.line)
    out = []
    for page, (lines, cells) in pages.items():
        parts = [f"第{'、'.join(map(str, lines))}行"] if lines else []
        parts += [f"{_table_name(t, report)}第{row + 1}行第{'、'.join(map(str, cols))}列"
                  for (t, row), cols in cells.items()]
        shown = "，".join(parts[:SHOWN_PLACES]) + ("等" if len(parts) > SHOWN_PLACES else "")
        out.append((f"第{page}页，" if page is not None else "") + shown)
    return out


def where_of(result: CheckResult, report: Optional[Report] = None) -> str:
    """Where a finding stands: the lines (``第69、104行``) of a text, the
    pages and lines or cells of a PDF (:func:`page_places`); ``—`` if nowhere."""
    if not any(loc.page is not None for loc in result.locations):
        return lines_of(result)
    places = page_places(result.locations, report)
    shown = "；".join(places[:SHOWN_PLACES])
    return shown + ("等" if len(places) > SHOWN_PLACES else "")


def _clip(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def decision_text(d: "Decision") -> str:
    """``不是问题：口径不同（张三，2026-12-01）``."""
    who = "，".join(x for x in (d.by, d.at[:10]) if x)
    return d.label + (f"：{d.note}" if d.note else "") + (f"（{who}）" if who else "")


def render_result(result: CheckResult, report: Optional[Report] = None,
                  mark: Optional[tuple[str, Optional["Decision"]]] = None) -> list[str]:
    """The lines of one finding: where and what, the quote, expected/stated;
    with ``mark`` (fingerprint, decision) the fingerprint and the decision."""
    tail = f"  #{mark[0]}" if mark else ""
    out = [f"  {where_of(result, report)}  {result.message}  [{result.rule}]{tail}"]
    if result.quote:
        out.append(f"      原文：{_clip(result.quote)}")
    if result.expected is not None or result.stated is not None:
        out.append(f"      应为：{result.expected or '—'}    实为：{result.stated or '—'}")
    if mark and mark[1] is not None:
        out.append(f"      处理：{decision_text(mark[1])}")
    return out


def _counts_text(errors: int, warnings: int, infos: int, passed: int, skipped: int) -> str:
    return f"错误 {errors} 项，警告 {warnings} 项，提示 {infos} 项（通过 {passed} 项，未能检查 {skipped} 项）"


def summary_line(results: list[CheckResult], source: Optional[str] = None) -> str:
    failed = [r for r in results if r.status == "fail"]
    counts = [sum(1 for r in failed if r.severity == sev) for sev in SEVERITY_NAMES]
    passed = sum(1 for r in results if r.status == "pass")
    skipped = sum(1 for r in results if r.status == "skipped")
    head = f"{source}：" if source else ""
    return head + _counts_text(*counts, passed, skipped)


def render_text(results: Iterable[CheckResult], source: Optional[str] = None,
                report: Optional[Report] = None, quiet: bool = False,
                marks: Optional[dict[int, tuple[str, Optional["Decision"]]]] = None,
                stale: Iterable["Decision"] = ()) -> str:
    """The findings of one report as text, grouped by severity; ``report``
    (the report the results are of) gives PDF pages their table numbers.
    ``quiet``: the findings only, without the checks that could not run.
    ``marks`` (``id(result)`` -> fingerprint and decision) and ``stale``
    (decisions whose finding is gone): see the module's docstring."""
    results = list(results)
    marks = marks or {}
    out = [summary_line(results, source)]
    failed = [r for r in results if r.status == "fail"]
    for sev, name in SEVERITY_NAMES.items():
        group = [r for r in failed if r.severity == sev and r.rule not in HYGIENE_RULES]
        if not group:
            continue
        out.append("")
        out.append(f"{name}（{len(group)}）")
        for r in group:
            out.extend(render_result(r, report, marks.get(id(r))))
    hygiene = [r for r in failed if r.rule in HYGIENE_RULES]
    if hygiene:
        out.append("")
        out.append(f"{HYGIENE_GROUP}（{len(hygiene)}）")
        for r in sorted(hygiene, key=lambda r: r.locations[0].start if r.locations else 0):
            lines = render_result(r, report, marks.get(id(r)))
            out.append(f"  [{SEVERITY_NAMES[r.severity]}]{lines[0][1:]}")
            out.extend(lines[1:])
    skipped = [r for r in results if r.status == "skipped"]
    if skipped and not quiet:
        out.append("")
        out.append(f"未能检查（{len(skipped)}，不计为通过）")
        for r in skipped:
            out.append(f"  {where_of(r, report)}  {r.message}  [{r.rule}]")
    stale = list(stale)
    if stale:
        out.append("")
        out.append(f"过期的处理（{len(stale)}，其发现已不存在）")
        for d in stale:
            out.append(f"  #{d.fingerprint}  {d.message or ''}  [{d.rule or '—'}]")
            out.append(f"      处理：{decision_text(d)}")
    return "\n".join(out) + "\n"


def unreadable_line(path: str, reason: str) -> str:
    """The one line of a file that could not be read."""
    return f"{path}：无法读取：{reason}"


def run_summary(run: "CheckRun") -> str:
    """The summary over every file of ``run``: files checked and unreadable, then the counts."""
    c = run.counts()
    files = f"共 {len(run.files)} 个文件（已检查 {len(run.checked)} 个，无法读取 {len(run.unreadable)} 个）"
    return f"{files}：" + _counts_text(c["error"], c["warning"], c["info"], c["pass"], c["skipped"])


def render_statistics(run: "CheckRun", titles: Optional[dict[str, str]] = None) -> str:
    """Findings per rule over every file, most first: count, rule id, title."""
    titles = titles or {}
    rows = [f"{n:>5}  {rule:<20}  {titles.get(rule, '')}".rstrip() for rule, n in run.findings_by_rule().items()]
    return "\n".join(["各规则发现数", *(rows or ["    0"])]) + "\n"


def render_run(run: "CheckRun", quiet: bool = False, statistics: bool = False,
               titles: Optional[dict[str, str]] = None) -> str:
    """Every file of ``run``: its block (:func:`render_text`), a blank line
    between blocks, an unreadable file in one line; then, for more than
    one file, the summary; with ``statistics``, findings per rule (titled
    by ``titles``, rule id -> Chinese title). ``quiet``: only the files
    with findings or errors, their findings only, no summary."""
    blocks = []
    for f in run.files:
        if not f.readable:
            blocks.append(unreadable_line(f.path, f.error or "") + "\n")
        elif not quiet or f.findings:
            marks = {id(r): (fp, d) for fp, r, d in f.fingerprinted()}
            block = render_text(f.results, f.path, f.report, quiet, marks, f.stale)
            if f.review_error:
                block += f"处理记录无法读取：{f.review_error}\n"
            blocks.append(block)
    text = "\n".join(blocks)
    if len(run.files) > 1 and not quiet:
        text += ("\n" if text else "") + run_summary(run) + "\n"
    if statistics:
        text += ("\n" if text else "") + render_statistics(run, titles)
    return text
