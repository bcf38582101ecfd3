"""Check results as Chinese text for people, like a linter's output.

:func:`render_text` takes a report's :class:`~extract.model.CheckResult`
list (and the file name to head it) and returns the text ``extract check``
prints: a summary line, then the failed checks grouped by severity (错误,
警告, 提示), each with its line numbers, message, the quoted sentence or
row, and expected against stated; then the draft hygiene findings (稿件规范:
template residue, placeholders, punctuation, scope words) as their own
group, each labelled with its severity; then the checks that could not run
(未能检查), which never count as passed. Passed checks are only counted.
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..checks.hygiene import GROUP as HYGIENE_GROUP
from ..checks.hygiene import RULES as HYGIENE_RULES
from ..model import CheckResult

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


def _clip(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_result(result: CheckResult) -> list[str]:
    """The lines of one finding: where and what, the quote, expected/stated."""
    out = [f"  {lines_of(result)}  {result.message}  [{result.rule}]"]
    if result.quote:
        out.append(f"      原文：{_clip(result.quote)}")
    if result.expected is not None or result.stated is not None:
        out.append(f"      应为：{result.expected or '—'}    实为：{result.stated or '—'}")
    return out


def summary_line(results: list[CheckResult], source: Optional[str] = None) -> str:
    failed = [r for r in results if r.status == "fail"]
    counts = "，".join(f"{name} {sum(1 for r in failed if r.severity == sev)} 项"
                      for sev, name in SEVERITY_NAMES.items())
    passed = sum(1 for r in results if r.status == "pass")
    skipped = sum(1 for r in results if r.status == "skipped")
    head = f"{source}：" if source else ""
    return f"{head}{counts}（通过 {passed} 项，未能检查 {skipped} 项）"


def render_text(results: Iterable[CheckResult], source: Optional[str] = None) -> str:
    """The findings of one report as text, grouped by severity."""
    results = list(results)
    out = [summary_line(results, source)]
    failed = [r for r in results if r.status == "fail"]
    for sev, name in SEVERITY_NAMES.items():
        group = [r for r in failed if r.severity == sev and r.rule not in HYGIENE_RULES]
        if not group:
            continue
        out.append("")
        out.append(f"{name}（{len(group)}）")
        for r in group:
            out.extend(render_result(r))
    hygiene = [r for r in failed if r.rule in HYGIENE_RULES]
    if hygiene:
        out.append("")
        out.append(f"{HYGIENE_GROUP}（{len(hygiene)}）")
        for r in sorted(hygiene, key=lambda r: r.locations[0].start if r.locations else 0):
            lines = render_result(r)
            out.append(f"  [{SEVERITY_NAMES[r.severity]}]{lines[0][1:]}")
            out.extend(lines[1:])
    skipped = [r for r in results if r.status == "skipped"]
    if skipped:
        out.append("")
        out.append(f"未能检查（{len(skipped)}，不计为通过）")
        for r in skipped:
            out.append(f"  {lines_of(r)}  {r.message}  [{r.rule}]")
    return "\n".join(out) + "\n"
