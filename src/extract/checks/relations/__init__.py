"""Relations between the report's figures, found once per run of checks.

:func:`find_relations` takes what the checks read (a
:class:`~extract.checks.relations.source.ClaimSource`: the report, its rule
book, its text claims by sentence) and returns :class:`Relations`:

- ``breakdowns``: a whole and its stated parts (其中, 括号, 构成, 组成, 计数;
  :mod:`.breakdowns`), judged by the breakdown check, read by the rate check
  (``X，其中 Y，R%`` is Y / X) and the consistency check (a part is not its
  whole);
- ``wholes_of``: for each part, the metrics of every whole above it;
- ``table_changes``: the rows of two-year tables with their two year
  figures (:mod:`.tables`), judged by the growth and difference checks.

The operands of a stated rate, difference or growth are read around that
figure by :mod:`extract.checks.operands`, one relation per stated figure.
No check imports another: what two checks share is here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .breakdowns import Breakdown, find_breakdowns, wholes_of
from .source import ClaimSource
from .tables import TableChange, table_changes

__all__ = ["Breakdown", "ClaimSource", "Relations", "TableChange", "find_relations"]


@dataclass(frozen=True)
class Relations:
    """The relations of one report (see the module's docstring)."""

    breakdowns: list[Breakdown]
    wholes_of: dict[int, frozenset[str]]
    table_changes: list[TableChange]


def find_relations(source: ClaimSource) -> Relations:
    """Every relation of the report behind ``source``, each found once."""
    breakdowns = find_breakdowns(source)
    return Relations(breakdowns=breakdowns, wholes_of=wholes_of(breakdowns),
                     table_changes=table_changes(source.report.tables, source.book))
