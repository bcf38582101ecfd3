"""The grade scale a report is judged by: the bands it states itself (优秀
90分以上 …) or the national ones, and the band a score falls in. Read by
the score-grade check and by the forms' grade check."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Optional

from ..grade_scheme import grade_scheme
from ..pattern_needs import any_char, needed_by_any
from ..rulefiles.meta import GradeBand
from .context import CheckContext

#: The whole score a form gives: a band up to it (90—100分为优秀) is the highest.
FULL_SCORE = Decimal(100)


def grade_for(score, scale: tuple[GradeBand, ...]) -> Optional[GradeBand]:
    """The band of the scale ``score`` falls in (highest minimum first)."""
    for band in sorted(scale, key=lambda b: b.min, reverse=True):
        if score > band.min or (score == band.min and not band.min_open):
            return band
    return None


def _sentences_and_wrapped(text: str, holds: Optional[Callable[[str], object]] = None) -> list[str]:
    """The sentences of ``text`` split at 。 and at line breaks, and each two
    neighbours parted by a line break only, joined (a band sentence wrapped
    mid-way: 80分（含）至⏎90分为“良”): the candidates a scale is read from.
    With ``holds`` (a test of a character a band needs), only those holding
    one, in the same order (two joined hold one where either does)."""
    parts = re.split(r"([。\n])", text)
    pieces, breaks = parts[0::2], parts[1::2]
    held = [True] * len(pieces) if holds is None else [holds(p) is not None for p in pieces]
    out = [p for p, h in zip(pieces, held) if h]
    out += [pieces[i] + pieces[i + 1] for i, sep in enumerate(breaks)
            if sep == "\n" and pieces[i] and pieces[i + 1] and (held[i] or held[i + 1])]
    return out


def stated_scale(ctx: CheckContext) -> Optional[tuple[GradeBand, ...]]:
    """The grade bands the report states itself (checks.yaml
    ``stated_grade_bands``), from the one sentence stating the most of
    them; None when no sentence states two. A band's words are its own
    word and the national synonyms of it (优秀 is also 优)."""
    src = ctx.quotes.source
    text = src.text if src is not None else "\n".join(
        f"{s.title}\n{s.body}" for s in ctx.report.sections)
    scheme = grade_scheme(ctx.rules)
    best: list[GradeBand] = []
    capped = False  # whether the highest band of ``best`` states an upper bound
    # a piece holding none of the characters every band needs states none:
    # not read (a band sentence or two in a report of hundreds)
    needs = needed_by_any(list(scheme.patterns)) if scheme.patterns else None
    for sentence in _sentences_and_wrapped(text, any_char(needs).search if needs is not None else None):
        bands: dict[str, GradeBand] = {}
        upper: dict[str, bool] = {}
        for m in scheme.bands(sentence):
            grade = m.group("grade")
            low = m.groupdict().get("min") or m.groupdict().get("from")  # (two ways in one pattern)
            words = [grade] + [w for b in ctx.book.grade_scale if grade in b.words for w in b.words]
            if grade not in bands:
                bands[grade] = GradeBand(grade=grade, words=list(dict.fromkeys(words)),
                                         min=Decimal(low) if low else Decimal(0),
                                         min_open=bool(low and m.groupdict().get("open")))
                high = m.groupdict().get("max")
                upper[grade] = high is not None and Decimal(high) < FULL_SCORE
        if len(bands) > len(best):
            best = list(bands.values())
            capped = upper[max(best, key=lambda b: b.min).grade]
    # a highest band with an upper bound below the full score (80-89.99分为良)
    # has one above it that no pattern read: 99 分 would fall in 良
    return tuple(best) if len(best) >= 2 and not capped else None
