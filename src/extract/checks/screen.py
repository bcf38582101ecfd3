"""Which rule patterns can match anywhere in a document, found with one
search of the whole text instead of one per sentence, paragraph or cell.

A pattern that reads only the characters it matches (no anchor, word
boundary or lookaround: :func:`reads_only_its_match`) and matches nowhere
in a text matches in no stretch of it either; leaving it out of the
per-piece loops leaves their findings as they were, and saves a call per
piece (most rule patterns match nowhere in a given report).
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

# what a match needs: a module of its own, read by the parse too
from ..pattern_needs import may_match, may_read, needed_by_any, needed_chars  # noqa: F401

# What a pattern holds when whether it matches depends on what stands
# around the text it is run on (anchors, word boundaries, lookarounds).
_CONTEXT_SYNTAX = ("^", "$", "\\b", "\\B", "\\A", "\\Z", "(?=", "(?!", "(?<")


def reads_only_its_match(pattern: str) -> bool:
    """Whether ``pattern`` matches a stretch of text whatever stands
    around it (conservatively: none of :data:`_CONTEXT_SYNTAX` anywhere)."""
    return not any(x in pattern for x in _CONTEXT_SYNTAX)


# A lookbehind opening a pattern, or a lookahead closing it, on one class of
# characters ((?<![\d.]) …, … (?![A-Za-z])).
_LEADING_LOOK = re.compile(r"^\(\?<[!=]\[(?:\\.|[^\]\\])+\]\)")
_TRAILING_LOOK = re.compile(r"(?<!\\)\(\?[!=]\[(?:\\.|[^\]\\])+\]\)$")
_RELAXED: dict[str, Optional[re.Pattern]] = {}


def relaxed(pattern: str) -> Optional[re.Pattern]:
    """``pattern`` without the lookbehind on a class of characters opening
    it and the lookahead on one closing it, compiled, when what is left
    reads only its match (:func:`reads_only_its_match`), else None: it
    matches wherever ``pattern`` does (an assertion dropped only lets more
    through), so where it matches in no stretch of a text, neither does
    ``pattern``."""
    try:
        return _RELAXED[pattern]
    except KeyError:
        pass
    rest = _TRAILING_LOOK.sub("", _LEADING_LOOK.sub("", pattern, count=1), count=1)
    escapes = len(rest) - len(rest.rstrip("\\"))
    found = None
    if rest != pattern and rest and escapes % 2 == 0 and reads_only_its_match(rest):
        try:
            found = re.compile(rest)
        except re.error:
            found = None
    _RELAXED[pattern] = found
    return found


def can_match(pattern: re.Pattern, text: str) -> bool:
    """False only when ``pattern`` matches in no stretch of ``text`` (a
    pattern with an assertion on the characters around its match, when
    without the one opening or closing it (:func:`relaxed`) it matches
    nowhere in ``text``)."""
    if reads_only_its_match(pattern.pattern):
        return pattern.search(text) is not None
    loose = relaxed(pattern.pattern)
    return loose is None or loose.search(text) is not None


#: At most this many characters a pattern needs are looked for one by one.
_FEW = 8


class Screen:
    """The rule patterns, compiled, that can match in some passage of one
    document: a pattern that reads only the characters it matches (no
    anchor, boundary or lookaround: :func:`reads_only_its_match`) and matches
    nowhere in the passages' texts joined by line breaks matches in none of
    them, as each is a stretch of the joined text; it is left out, and
    with it a call per passage (most patterns of hygiene.yaml match
    nowhere in a report). Every other pattern is kept. Findings are the
    same as with every pattern run on every passage."""

    def __init__(self, texts: Iterable[str] = ()):
        self.whole: Optional[str] = "\n".join(texts) if texts != () else None
        self._ones: dict[str, Optional[re.Pattern]] = {}
        self._lists: dict[int, tuple[list[str], list[re.Pattern]]] = {}

    def one(self, pattern: str) -> Optional[re.Pattern]:
        """``pattern`` compiled, or None when it matches in no passage."""
        try:
            return self._ones[pattern]
        except KeyError:
            pass
        compiled: Optional[re.Pattern] = re.compile(pattern)
        if self.whole is not None:
            needs = needed_chars(compiled)
            if needs is not None and len(needs) <= _FEW:
                if not any(ch in self.whole for ch in needs):
                    compiled = None  # none of the characters it needs (a substring test each, not a search)
                # else kept: it is run only on the passages holding one of
                # them, fewer characters than a search of the whole text reads
            elif not can_match(compiled, self.whole):
                compiled = None
        self._ones[pattern] = compiled
        return compiled

    def live(self, patterns: list[str]) -> list[re.Pattern]:
        """The patterns of ``patterns`` (a list of the rules) that can match, compiled, in order."""
        got = self._lists.get(id(patterns))
        if got is None or got[0] is not patterns:
            got = self._lists[id(patterns)] = (patterns, [c for c in map(self.one, patterns) if c is not None])
        return got[1]


_WORDS: dict[int, tuple[list[str], re.Pattern]] = {}


def any_word(words: list[str]) -> re.Pattern:
    """One pattern finding any of ``words`` (a list of the rules): its
    ``search(text)`` is true exactly where ``any(w in text for w in words)``
    is, in one C-level pass. Compiled once per list."""
    got = _WORDS.get(id(words))
    if got is None or got[0] is not words:
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        got = _WORDS[id(words)] = (words, re.compile(alternation if words else "(?!)"))
    return got[1]
