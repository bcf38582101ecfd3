"""cost15 (session 10): the change words an amount's words state are found by
one compiled search; it answers exactly as the word-by-word test did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.checks.context import build_context
from extract.checks.periods import states_change
from extract.model import Report
from extract.ruleset import RuleSet


def _ctx():
    return build_context(Report.model_construct(claims=[], sections=[]), RuleSet.of(None))


def _by_words(ctx, words: str) -> bool:
    g = ctx.book.rules.growth
    return any(w in words for w in g.increase_words + g.decrease_words) or \
        ctx.book.comparative_change.search(words) is not None


def test_change_words_and_plain_words():
    ctx = _ctx()
    for words, expected in (("较去年增长", True), ("同比减少", True), ("比上年多支出", True),
                            ("培训经费", False), ("全年预算安排", False), ("", False)):
        assert states_change(ctx, words) is expected
        assert _by_words(ctx, words) is expected


_G = _ctx().book.rules.growth
_WORDS = sorted({ch for w in _G.increase_words + _G.decrease_words for ch in w} | set("比上年经费支出，"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_WORDS, max_size=12))
def test_one_search_answers_as_the_words_one_by_one(words):
    ctx = _ctx()
    assert states_change(ctx, words) == _by_words(ctx, words)
