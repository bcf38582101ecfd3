"""The rule catalogue for people: ``extract rules`` and the README's table.

:func:`render_rule_list` takes the entries of
:func:`~extract.rule_catalogue.rule_catalogue` and a format (``text``,
``json`` or ``markdown``) and returns the text: each rule id with its
severity, Chinese title, meaning and an example.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from ..rule_catalogue import RuleEntry
from .text import SEVERITY_NAMES


def render_rule_list(catalogue: list[RuleEntry], fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps([asdict(e) for e in catalogue], ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        rows = ["| rule | severity | 含义 | 例 |", "|---|---|---|---|"]
        rows += [f"| `{e.id}` | {e.severity} | {e.title}：{e.meaning} | {e.example} |" for e in catalogue]
        return "\n".join(rows) + "\n"
    out = []
    for e in catalogue:
        off = "（已停用）" if not e.enabled else ""
        out.append(f"{e.id}  {SEVERITY_NAMES[e.severity]}  {e.title}{off}")
        out.append(f"    {e.meaning}")
        if e.example:
            out.append(f"    例：{e.example}")
    return "\n".join(out) + "\n"
