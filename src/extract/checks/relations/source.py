"""What the relations are found in: the report, its rule book, and its text
claims by sentence (:class:`~extract.checks.context.CheckContext` is one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Protocol

from ...model import Report
from ..sentences import Sentence

if TYPE_CHECKING:  # types only: the rule book is read through the attributes below
    from ...ruleset import RuleSet
    from ..rulebook import Rulebook


class ClaimSource(Protocol):
    """The report, its rule book and rule set, its text claims by sentence,
    and each section's path of ids from the top-level chapter down."""

    report: Report
    book: "Rulebook"
    rules: "RuleSet"
    sentences: list[Sentence]

    def section_path(self, section: Optional[str]) -> tuple[str, ...]: ...
