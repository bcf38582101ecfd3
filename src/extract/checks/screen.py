"""Which rule patterns can match anywhere in a document, found with one
search of the whole text instead of one per sentence, paragraph or cell.

A pattern that reads only the characters it matches (no anchor, word
boundary or lookaround: :func:`reads_only_its_match`) and matches nowhere
in a text matches in no stretch of it either; leaving it out of the
per-piece loops leaves their findings as they were, and saves a call per
piece (most rule patterns match nowhere in a given report).
"""

from __future__ import annotations

import functools
import re
from typing import Callable, Iterable, Optional

# what a match needs: a module of its own, read by the parse too
from ..pattern_needs import may_match, may_read, needed_by_any, needed_chars  # noqa: F401
from ..pattern_needs import _class_chars

try:  # Python 3.11+
    from re import _constants as _sre_c, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# What a pattern holds when whether it matches depends on what stands
# around the text it is run on (anchors, word boundaries, lookarounds).
_CONTEXT_SYNTAX = ("^", "$", "\\b", "\\B", "\\A", "\\Z", "(?=", "(?!", "(?<")


def reads_only_its_match(pattern: str) -> bool:
    """Whether ``pattern`` matches a stretch of text whatever stands
    around it: none of :data:`_CONTEXT_SYNTAX` anywhere, or (a ``^`` of a
    negated class ``[^，。]``) none of them in the parsed pattern."""
    return not any(x in pattern for x in _CONTEXT_SYNTAX) or _parsed_reads_only(pattern)


@functools.lru_cache(maxsize=512)
def _parsed_reads_only(pattern: str) -> bool:
    """Whether the parsed ``pattern`` holds no anchor, boundary nor lookaround."""
    try:
        return _no_looks(_sre_parse.parse(pattern))
    except Exception:  # a parser of another Python's making: not known
        return False


def _no_looks(items) -> bool:
    for op, av in items:
        if op in _LOOKS:
            return False
        if op is _sre_c.SUBPATTERN:
            if not _no_looks(av[3]):
                return False
        elif op is _sre_c.BRANCH:
            if not all(_no_looks(alt) for alt in av[1]):
                return False
        elif op in _REPEATS:
            if not _no_looks(av[2]):
                return False
        elif op is getattr(_sre_c, "ATOMIC_GROUP", None):
            if not _no_looks(av):
                return False
        elif op is _sre_c.GROUPREF_EXISTS:
            return False  # (?(1)…|…): not read here
    return True


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


# ---------------------------------------------------------------- first characters


#: A first character class wider than this is no help to a search.
_WIDEST_FIRST = 96
_REPEATS = tuple(op for op in (getattr(_sre_c, name, None) for name in
                               ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")) if op is not None)
_LOOKS = (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT)


def _first(items) -> Optional[tuple[frozenset[str], bool]]:
    """(the characters the first character a match of the parsed sequence
    ``items`` consumes may be, whether it may consume none), or None when
    that is not known (a wide or negated class, ``.``, a back reference)."""
    chars: set[str] = set()
    for op, av in items:
        if op is _sre_c.LITERAL:
            return frozenset(chars | {chr(av)}), False
        if op is _sre_c.IN:
            got = _class_chars(av)  # None for a negated class, a category, a wide one
            return None if got is None else (frozenset(chars | got), False)
        if op in _LOOKS:
            continue  # consumes nothing: the first character is the next item's
        if op is _sre_c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & _sre_c.SRE_FLAG_IGNORECASE:
                return None
            inner = _first(sub)
        elif op is getattr(_sre_c, "ATOMIC_GROUP", None):
            inner = _first(av)
        elif op is _sre_c.BRANCH:
            alternatives = [_first(alt) for alt in av[1]]
            if any(a is None for a in alternatives):
                return None
            inner = (frozenset().union(*(a[0] for a in alternatives)),
                     any(a[1] for a in alternatives))  # type: ignore[index]
        elif op in _REPEATS:
            low, _high, sub = av
            found = _first(sub)
            inner = None if found is None else (found[0], found[1] or low == 0)
        else:
            return None
        if inner is None:
            return None
        chars |= inner[0]
        if not inner[1]:
            return frozenset(chars), False
    return frozenset(chars), True


@functools.lru_cache(maxsize=256)
def first_chars(pattern: str, flags: int = 0) -> Optional[frozenset[str]]:
    """The characters a match of ``pattern`` may start with (the first it
    consumes: an anchor or lookaround before it consumes none), or None
    when not known or a match may be empty."""
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        found = None if parsed.state.flags & _sre_c.SRE_FLAG_IGNORECASE else _first(parsed)  # (?i) inside
    except Exception:  # a parser of another Python's making: not known
        return None
    if found is None or found[1] or not found[0] or len(found[0]) > _WIDEST_FIRST:
        return None
    return found[0]


def _searched_fast(items) -> bool:
    """Whether ``re`` itself skips to where a match may start (the pattern
    opening on a literal or a class: its prefix or charset search)."""
    while items:
        op, av = items[0]
        if op is _sre_c.SUBPATTERN:
            items = av[3]
            continue
        return op in (_sre_c.LITERAL, _sre_c.IN)
    return False


@functools.lru_cache(maxsize=256)
def led(pattern: str, flags: int = 0) -> re.Pattern:
    """``pattern`` compiled so that a search tries it only where a match
    may start: behind a lookahead on the class of its first characters
    (:func:`first_chars`), which it implies, so its matches, groups and
    ``lastgroup`` are those of ``pattern``. A search of an alternation of
    phrases (启动…自评|收集…数据|…) then costs one class test at most
    characters instead of every alternative (``re`` skips ahead itself
    only for a pattern opening on a literal or one class). ``pattern``
    as it is when it opens so, or its first characters are not known."""
    compiled = re.compile(pattern, flags)
    chars = first_chars(pattern, flags)
    try:
        if chars is None or compiled.flags & re.VERBOSE or _searched_fast(_sre_parse.parse(pattern, flags)):
            return compiled
        cls = "".join(re.escape(c) for c in sorted(chars))
        return re.compile(f"(?=[{cls}])(?:{pattern})", flags)
    except Exception:  # global flags inside, a parser of another Python's making: as it is
        return compiled


_COMPILED: dict[tuple[str, int], tuple[object, object]] = {}


def compiled_once(name: str, source, make: Callable):
    """``make(source)``, made once per rule object ``source`` (kept by its
    identity: a rule set's objects live as long as it does)."""
    got = _COMPILED.get((name, id(source)))
    if got is None or got[0] is not source:
        got = _COMPILED[(name, id(source))] = (source, make(source))
    return got[1]
