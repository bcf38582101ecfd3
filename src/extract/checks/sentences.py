"""The report's text claims grouped by sentence, each at its figure.

:func:`group_sentences` takes the report's claims and returns the text
claims as :class:`Sentence` items (consecutive claims stating the same
sentence of the same section), each claim a :class:`Placed` at the
character position of its figure in the sentence text (the offset the
claim finder recorded, :attr:`~extract.model.Claim.figure_at`), so the
relations and checks can read the words between figures (其中, 由…增至,
包括) without parsing anything again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..model import Claim, Location

CLAUSE_BREAK = re.compile(r"[，,；;：:！？!?。]")


@dataclass(eq=False)
class Placed:
    """A claim and where its figure stands in its sentence (-1: not found)."""

    claim: Claim
    start: int
    end: int


@dataclass(eq=False)
class Sentence:
    """A sentence of the text with its claims in order."""

    text: str
    section: Optional[str]
    placed: list[Placed] = field(default_factory=list)
    # after()'s answers by (figure end, limit): the checks ask for the words
    # after a figure again and again (issue 14)
    _after: dict[tuple[int, int], str] = field(default_factory=dict, repr=False)

    def after(self, p: Placed, limit: int = 40) -> str:
        """The words right after ``p``'s figure, up to the next clause break."""
        if p.end < 0:
            return ""
        key = (p.end, limit)
        got = self._after.get(key)
        if got is None:
            rest = self.text[p.end:p.end + limit]
            m = CLAUSE_BREAK.search(rest)
            got = self._after[key] = rest[:m.start()] if m else rest
        return got

    @property
    def location(self) -> Location:
        return self.placed[0].claim.location


def place_claims(text: str, claims: list[Claim]) -> list[Placed]:
    """Each claim at the position of its figure's text in ``text``: the
    offset the claim finder recorded where it holds that text, else (a
    claim read back from JSON) the figure's text found left to right; -1
    where neither is found."""
    out: list[Placed] = []
    cursor = 0
    for c in claims:
        needle = c.text
        at = c.figure_at
        if at is not None and needle and text.startswith(needle, at):
            i = at
        else:
            i = text.find(needle, cursor) if needle else -1
        if i < 0:
            out.append(Placed(c, -1, -1))
            continue
        out.append(Placed(c, i, i + len(needle)))
        cursor = i + len(needle)
    return out


def group_sentences(claims: list[Claim]) -> list[Sentence]:
    """Text claims grouped by the sentence they state, in document order."""
    groups: list[tuple[str, Optional[str], list[Claim]]] = []
    for c in claims:
        if c.origin != "text":
            continue
        if groups and groups[-1][0] == c.sentence and groups[-1][1] == c.section:
            prev = groups[-1][2][-1]
            if c.location.start >= prev.location.start:
                groups[-1][2].append(c)
                continue
        groups.append((c.sentence, c.section, [c]))
    return [Sentence(text, section, place_claims(text, cs)) for text, section, cs in groups]
