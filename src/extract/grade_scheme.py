"""Where a report states its grade scheme: a sentence listing two or more
grade bands (90分以上（含）评为优，80分以上（含）评为良，…; 得分90分（含）以上
为优，80（含）-90分为良…) states how scores are graded, never a score or a
grade of its own. The readers of the self-score and grade, the forms' grade
line and the comparison words ask it; the bands themselves are read from it
by :mod:`extract.checks.grade_scale`.

The band patterns are checks.yaml ``stated_grade_bands``, compiled once per
rule set (:func:`grade_scheme`).
"""

from __future__ import annotations

import re
from typing import Optional

from .pattern_needs import any_char, needed_by_any, needed_each
from .ruleset import RuleSet, RulesLike

_SENTENCE_END = re.compile(r"[。！？!?\n]")


class GradeScheme:
    """The band patterns of one rule set, compiled, and the stretches of a
    text they show to state a scheme."""

    def __init__(self, patterns: list[str]):
        self.patterns = tuple(re.compile(p) for p in patterns)
        needs = needed_by_any(list(self.patterns)) if self.patterns else None
        self._holds = any_char(needs).search if needs is not None else None
        # each pattern with a search for each set of characters its matches
        # read one of (为, a grade word's first character, 分 or 含): a
        # sentence missing one is not read by it (most sentences with 为 hold
        # no band; issue 14)
        self._screened = tuple((rx, tuple(any_char(n).search for n in needed_each(rx.pattern, rx.flags)))
                               for rx in self.patterns)
        self._regions: dict[str, tuple[tuple[int, int], ...]] = {}

    def bands(self, sentence: str) -> list[re.Match]:
        """The band statements of ``sentence`` (each a match with groups
        ``grade`` and maybe ``min``/``max``), in the order the patterns list them."""
        if not self.patterns or (self._holds is not None and not self._holds(sentence)):
            return []
        return [m for rx, needs in self._screened if all(n(sentence) for n in needs) for m in rx.finditer(sentence)]

    def regions(self, text: str) -> tuple[tuple[int, int], ...]:
        """The stretches of ``text`` (from its first band to its last) of
        each sentence that states two bands or more."""
        hit = self._regions.get(text)
        if hit is not None:
            return hit
        out: list[tuple[int, int]] = []
        if self.patterns and (self._holds is None or self._holds(text)):
            start = 0
            for end in [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
                found = self.bands(text[start:end])
                if len({m.group("grade") for m in found}) >= 2:
                    out.append((start + min(m.start() for m in found), start + max(m.end() for m in found)))
                start = end + 1
        if len(self._regions) > 4096:
            self._regions.clear()
        self._regions[text] = hit = tuple(out)
        return hit

    def states(self, text: str, start: int = 0, end: Optional[int] = None) -> bool:
        """Whether ``text[start:end]`` overlaps a stretch stating the scheme."""
        end = len(text) if end is None else end
        return any(a < end and start < b for a, b in self.regions(text))


def grade_scheme(rules: RulesLike = None) -> GradeScheme:
    """The grade scheme reader of a rule set, built once."""
    rs = RuleSet.of(rules)
    return rs.derived("grade_scheme", lambda: GradeScheme(list(rs.checks.stated_grade_bands)))
