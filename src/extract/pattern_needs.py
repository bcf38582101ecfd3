"""The characters a regular expression's matches need: a text holding
none of them holds no match, so a pattern need not be run on it.

Read from the parsed pattern (:mod:`re._parser`): a literal or a small
character class every match consumes, or sees in a positive lookaround
(inside the text searched either way). Anchors, negative lookarounds,
optional parts, wide classes and case-blind patterns need nothing known.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Optional

try:  # Python 3.11+
    from re import _constants as _sre_c, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: A character class wider than this is no help in screening a text.
_WIDEST_CLASS = 64


def _class_chars(items) -> Optional[frozenset[str]]:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre_c.LITERAL:
            chars.add(chr(av))
        elif op is _sre_c.RANGE and av[1] - av[0] < _WIDEST_CLASS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # a negated class, a category (\d, \s), a wide range
            return None
    return frozenset(chars) if len(chars) <= _WIDEST_CLASS else None


def _needed(items) -> Optional[frozenset[str]]:
    """The smallest set of characters one of which every match of the
    parsed sequence ``items`` reads (consumes or sees in a positive
    lookaround), or None when no item must read one."""
    best: Optional[frozenset[str]] = None
    for op, av in items:
        found: Optional[frozenset[str]] = None
        if op is _sre_c.LITERAL:
            found = frozenset(chr(av))
        elif op is _sre_c.IN:
            found = _class_chars(av)
        elif op is _sre_c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            found = None if add_flags & _sre_c.SRE_FLAG_IGNORECASE else _needed(sub)
        elif op is getattr(_sre_c, "ATOMIC_GROUP", None):
            found = _needed(av)
        elif op is _sre_c.ASSERT:  # (?=…) (?<=…): what it sees is in the text searched too
            found = _needed(av[1])
        elif op is _sre_c.BRANCH:
            alternatives = [_needed(alt) for alt in av[1]]
            if all(a is not None for a in alternatives):
                found = frozenset().union(*alternatives)
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, getattr(_sre_c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            if low >= 1:
                found = _needed(sub)
        # anything else (., a negated literal, anchors, (?!…), back references) needs nothing known
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def _needed_each(items) -> list[frozenset[str]]:
    """Every set :func:`_needed` weighs for the parsed sequence ``items``:
    one for each item every match reads one character of (the smallest of
    them is :func:`_needed`'s answer)."""
    out: list[frozenset[str]] = []
    for item in items:
        found = _needed([item])
        if found is not None:
            out.append(found)
    return out


@functools.lru_cache(maxsize=256)
def needed_each(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Sets of characters such that every match of ``pattern`` reads one
    character of each (:func:`needed_chars` is the smallest): a text missing
    all the characters of any one of them holds no match. () when none is
    known (or the pattern is case-blind)."""
    if flags & re.IGNORECASE:
        return ()
    try:
        return tuple(_needed_each(_sre_parse.parse(pattern, flags)))
    except Exception:  # a parser of another Python's making: no screen
        return ()


@functools.lru_cache(maxsize=1024)
def _needed_by(pattern: str, flags: int) -> Optional[frozenset[str]]:
    if flags & re.IGNORECASE:
        return None
    kept = _kept
    if kept is not None:
        found = kept.entries.get((pattern, flags), kept)
        if found is not kept:
            kept.used[(pattern, flags)] = found
            return found
    try:
        found = _needed(_sre_parse.parse(pattern, flags))
    except Exception:  # a parser of another Python's making: no screen
        return None
    if kept is not None:
        kept.add((pattern, flags), found)
    return found


# -- what the patterns need, kept between runs of the command (issue 22)
#
# Reading a pattern takes re's pure-Python parser some 0.1 ms, and a cold
# start of ``extract parse`` reads some forty (the marks', the screens'):
# their answers only depend on the pattern, its flags, the code above and
# the Python build, so :func:`install` keeps them in a cache file
# (:mod:`extract.cache`: this user's, in the temporary folder) named by the
# last three, read once and written back at exit when a run added any. Any
# fault in the file is as if there were none. Only the command line
# installs it (:mod:`extract.__main__`), as it does the regex cache.

MAX_KEPT = 2000
"""At most this many answers are written back, the run's own first."""

_kept: Optional["_Kept"] = None


class _Kept:
    def __init__(self, path, entries: dict):
        self.path = path
        self.entries = entries
        self.used: dict = {}
        self.added = 0

    def add(self, key: tuple[str, int], found: Optional[frozenset[str]]) -> None:
        self.entries[key] = self.used[key] = found
        self.added += 1

    def save(self) -> None:
        import marshal

        from .cache import write_private

        if not self.added:
            return
        kept = dict(self.used)
        for key, found in self.entries.items():
            if len(kept) >= MAX_KEPT:
                break
            kept.setdefault(key, found)
        try:
            write_private(self.path, marshal.dumps(kept))
        except (OSError, ValueError):
            pass


def _kept_entries(path) -> dict:
    from .cache import read_marshalled_dict

    return {k: v for k, v in read_marshalled_dict(path).items()
            if type(k) is tuple and len(k) == 2 and type(k[0]) is str and type(k[1]) is int
            and (v is None or (type(v) is frozenset and all(type(c) is str and len(c) == 1 for c in v)))}


def install() -> bool:
    """Answer :func:`needed_chars` from the cache file where it can (once;
    the file written back at exit when this run read a new pattern). False
    when this module's source cannot be read (no name for the file)."""
    global _kept
    if _kept is not None:
        return True
    import atexit
    import hashlib
    import sys

    from .cache import cache_path, code_digest

    try:
        code = code_digest(__file__)
    except OSError:
        return False
    key = hashlib.sha256(f"{code}\0{sys.version}\0{sys.implementation.cache_tag}".encode()).hexdigest()
    path = cache_path(f"extract-needs.{key[:32]}.marshal")
    kept = _Kept(path, _kept_entries(path))
    _needed_by.cache_clear()
    _kept = kept
    atexit.register(kept.save)
    return True


def needed_chars(pattern: re.Pattern) -> Optional[frozenset[str]]:
    """Characters of which every match of ``pattern`` in a text reads one
    (as a literal or from a small class, or in a positive lookaround, all
    of them inside the text searched): a text holding none of them holds
    no match, whatever its anchors and lookarounds. None when the pattern
    needs no character known (``.``, ``\\d``, wide classes, optional parts),
    or is case-blind."""
    return _needed_by(pattern.pattern, pattern.flags)


def may_match(pattern: re.Pattern, chars: "frozenset[str] | set[str]") -> bool:
    """False only when ``pattern`` matches in no text whose characters are ``chars``."""
    needed = needed_chars(pattern)
    return needed is None or not needed.isdisjoint(chars)


def needed_by_any(patterns: Iterable[Optional[re.Pattern]]) -> Optional[frozenset[str]]:
    """Characters of which a text must hold one for some of ``patterns``
    (None entries left out) to match in it: the union of their
    :func:`needed_chars`; None when one of them needs no character known
    (an empty set: none of them can match anywhere)."""
    found: set[str] = set()
    for pattern in patterns:
        if pattern is None:
            continue
        needed = needed_chars(pattern)
        if needed is None:
            return None
        found |= needed
    return frozenset(found)


def may_read(needed: Optional[frozenset[str]], chars: "frozenset[str] | set[str]") -> bool:
    """False only when a text of ``chars`` holds none of the characters ``needed`` (None: any text may match)."""
    return needed is None or not needed.isdisjoint(chars)


@functools.lru_cache(maxsize=256)
def any_char(chars: frozenset[str]) -> re.Pattern:
    """A search for any one of ``chars`` (one that never matches for none)."""
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]") if chars else re.compile("(?!)")
