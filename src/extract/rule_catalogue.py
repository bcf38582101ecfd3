"""What each check rule means: the catalogue behind ``extract rules``,
SARIF's rule entries and the README's rule table.

:func:`rule_catalogue` takes a :class:`~extract.ruleset.RuleSet` and
returns one :class:`RuleEntry` per rule id of the check rules, in the order
of ``checks.yaml`` ``severity``: its Chinese title, meaning and example from
the package's ``data/rule_catalogue.yaml``, and its severity and whether it
runs, from the rule set (so a rule folder that makes a rule a warning or
disables it is described as it will behave).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Optional

import yaml

from .ruleset import RuleSet, RulesLike

CATALOGUE_FILE = "rule_catalogue.yaml"


@dataclass(frozen=True)
class RuleEntry:
    """One check rule, described for people."""

    id: str
    title: str
    meaning: str
    example: str
    severity: str
    enabled: bool


def catalogue_text() -> dict[str, dict[str, str]]:
    """The descriptions of ``data/rule_catalogue.yaml``: rule id -> title, meaning, example."""
    text = resources.files("extract").joinpath("data", CATALOGUE_FILE).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def rule_catalogue(rules: RulesLike = None) -> list[RuleEntry]:
    """Every check rule of ``rules`` with its description, severity and
    whether it is enabled. A rule without a description gets its id as
    title (a test keeps the catalogue complete)."""
    rs = RuleSet.of(rules)
    described = catalogue_text()
    checks = rs.checks
    out = []
    for rule, severity in checks.severity.items():
        d = described.get(rule, {})
        out.append(RuleEntry(id=rule, title=d.get("title", rule), meaning=d.get("meaning", ""),
                             example=d.get("example", ""), severity=severity,
                             enabled=rule not in checks.disabled))
    return out


def rule_entry(catalogue: list[RuleEntry], rule: str) -> Optional[RuleEntry]:
    """The entry of ``rule`` in ``catalogue``, or None."""
    return next((e for e in catalogue if e.id == rule), None)
