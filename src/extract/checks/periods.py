"""Periods of figures: which words compare with the year before and which
figures are of it, for the checks of changes (growth, differences).

- :func:`compares_previous` takes the words before a figure and says
  whether they compare with the year before (较上年, 同比, 较2023年 in a
  2024 report).
- :func:`is_previous` takes a figure in its sentence and says whether it is
  of the year before (上年…, 较2023年的…, or a part of the sentence that
  opens with 上年).
- :func:`compared_subjects` gives, for a sentence that opens with the
  comparison (与上年的45.10万元相比，减少6.48万元), the figures of the sentence
  before that it compares.
"""

from __future__ import annotations

from typing import Callable, Optional

from .context import CheckContext, Placed, Sentence


def previous_year(ctx: CheckContext) -> Optional[int]:
    """The year before the report's, if the report states its year."""
    return ctx.report.meta.year - 1 if ctx.report.meta.year else None


def compares_previous(ctx: CheckContext, text: str) -> bool:
    """Whether ``text`` (words before a figure) compares with the year
    before: a comparison cue (较上年, 同比) or the year before the report's
    after 较/比 (rules ``growth.year_cue``: 较2023年的 in a 2024 report)."""
    if any(cue in text for cue in ctx.book.rules.growth.comparison_cues):
        return True
    prev = previous_year(ctx)
    return prev is not None and any(int(m.group("year")) == prev for m in ctx.book.year_cue.finditer(text))


def is_previous(ctx: CheckContext, s: Sentence, p: Placed) -> bool:
    """Whether ``p`` is a figure of the year before: its words hold a word
    of the year before (上年…, 较上年的); or the year stated before it in its
    sentence is the year before the report's (较2023年的92.6% in a 2024
    report); or its part of the sentence (after the last ；) opens with such
    a word and names no change and no period of the report (上年同口径调整后
    预算…，支出率95.87%；本年…)."""
    g = ctx.book.rules.growth
    words = p.claim.metric_text
    if any(w in words for w in g.previous_year_words):
        return True
    prev = previous_year(ctx)
    if prev is not None and p.claim.year == prev:
        return True
    if p.start < 0:
        return False
    start = max(s.text.rfind(ch, 0, p.start) for ch in "；;") + 1
    part = s.text[start:p.start].lstrip(" \u3000（()）一二三四五六七八九十、.")
    return part.startswith(tuple(g.previous_year_words)) and \
        not any(w in part for w in g.increase_words + g.decrease_words) and \
        not any(w in part for w in g.current_year_words)


def compared_subjects(ctx: CheckContext, s: Sentence, previous: Placed,
                      current: Callable[[Placed, Sentence], bool]) -> list[Placed]:
    """When ``s`` opens with the comparison to the year before's figure
    (与上年的45.10万元相比，… / 较2023年的29.70万元下降…: a few words, a
    comparison, then ``previous``), it names no subject of its own: the
    figures of the sentence before, in its section, that ``current(p,
    sentence)`` accepts are what it compares."""
    g = ctx.book.rules.growth
    opening = s.text[:previous.start] if previous.start >= 0 else ""
    prev = ctx.sentence_before(s)
    if len(opening) > g.cue_gap_chars + 6 or not compares_previous(ctx, opening) or prev is None \
            or prev.section != s.section:
        return []
    return [p for p in prev.placed if current(p, prev)]
