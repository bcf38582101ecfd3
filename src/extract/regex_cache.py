"""Compiled regular expressions kept between runs of the command (issue 22).

A cold start of ``extract parse`` compiles some six hundred regular
expressions, most of them built from the rule files: about 50 ms, a sixth
of the start-up, most of it in CPython's pure-Python parser and compiler
(``re._parser``, ``re._compiler``; a class with a range such as ``[一-鿿]``
fills a 64 K map one character at a time). What they compile to -- the
engine's program, a list of integers -- only depends on the pattern, the
flags and the Python build, so :func:`install` keeps each program in a
cache file (:mod:`extract.cache`: this user's, in the temporary folder,
named by the Python build) and the next process hands it to the engine
directly, as :func:`re.compile` does at the end of its own work.

Nothing a pattern matches can change: a program is only kept when the
pattern the engine builds from it is equal to the one ``re`` compiled
(``re.Pattern`` equality compares the flags, the pattern text and the
whole program), and any fault in the file -- missing, another user's,
truncated, of another build -- is as if there were none. Only ``str``
patterns without the DEBUG flag are kept; the rest go to ``re`` as usual.

Only the command line installs it (:mod:`extract.cli`: the process is the
command's own); a library user's ``re`` is left alone. On a Python whose
``re`` is not laid out as CPython 3.11-3.13's, :func:`install` does nothing.
"""

from __future__ import annotations

import atexit
import marshal
import sys
import threading
from array import array
from typing import Any, Callable, Optional

MAX_BYTES = 1_500_000
"""At most this many bytes of programs are written back, the ones a run
used first: a program is some hundred bytes to 30 KB (the rule set's
takes some 400 KB), and patterns that differ from run to run (built from a
document's text, or from a set in hash order) would otherwise grow the
file without end."""

_Entry = tuple  # (flags after parsing, program as bytes, groups, groupindex, indexgroup)

_lock = threading.Lock()
_installed: Optional["_Cache"] = None


def supported() -> bool:
    """Whether this Python's ``re`` is the one the cache knows how to feed."""
    if sys.implementation.name != "cpython" or not (3, 11) <= sys.version_info[:2] <= (3, 13):
        return False
    try:
        import _sre
        import re._compiler as compiler
        import re._parser  # noqa: F401
    except ImportError:
        return False
    return (callable(getattr(compiler, "compile", None)) and callable(getattr(compiler, "_code", None))
            and callable(getattr(_sre, "compile", None)) and array("I").itemsize == _sre.CODESIZE)


def cache_file_name() -> str:
    """The cache file's name: it is only read by the same Python build."""
    import hashlib

    import _sre

    key = hashlib.sha256(f"{sys.version}\0{sys.implementation.cache_tag}\0{_sre.MAGIC}\0"
                         f"{_sre.CODESIZE}\0{sys.maxunicode}".encode()).hexdigest()
    return f"extract-regex.{key[:32]}.marshal"


class _Cache:
    """The programs read from one cache file, and the ones this process
    compiled and checked, to be written back."""

    def __init__(self, path, entries: dict[tuple[str, int], _Entry]):
        self.path = path
        self.entries = entries
        self.used: dict[tuple[str, int], _Entry] = {}
        self.added = 0

    def compile(self, original: Callable[..., Any], pattern, flags: int = 0):
        """``re._compiler.compile``, the program taken from the cache when
        it has it; a new one is checked and kept."""
        import _sre
        from re._constants import SRE_FLAG_DEBUG

        if type(pattern) is not str or flags & SRE_FLAG_DEBUG:
            return original(pattern, flags)
        flags = int(flags)  # re hands over an int; a RegexFlag would not marshal
        key = (pattern, flags)
        entry = self.entries.get(key)
        if entry is not None:
            try:
                final_flags, code, groups, groupindex, indexgroup = entry
                compiled = _sre.compile(pattern, final_flags, array("I", code).tolist(), groups,
                                        groupindex, indexgroup)
            except Exception:  # a damaged entry: compile as re does, and keep that
                del self.entries[key]
            else:
                self.used[key] = entry
                return compiled
        compiled = original(pattern, flags)
        entry = _program(pattern, flags)
        if entry is not None:
            try:
                again = _sre.compile(pattern, entry[0], array("I", entry[1]).tolist(), *entry[2:])
            except Exception:
                again = None
            if again == compiled and again.groupindex == compiled.groupindex and again.groups == compiled.groups:
                self.used[key] = self.entries[key] = entry
                self.added += 1
        return compiled

    def save(self) -> None:
        """Write the file again when this process compiled anything new."""
        from .cache import write_private

        if not self.added:
            return
        kept: dict[tuple[str, int], _Entry] = {}
        size = 0
        for key, entry in [*self.used.items(), *self.entries.items()]:
            if key not in kept and size + len(entry[1]) <= MAX_BYTES:
                kept[key] = entry
                size += len(entry[1])
        try:
            write_private(self.path, marshal.dumps(kept))
        except (OSError, ValueError):
            pass


def _program(pattern: str, flags: int) -> Optional[_Entry]:
    """What ``re._compiler.compile`` hands the engine for ``pattern``
    (its own steps), or None when they fail."""
    import re._compiler as compiler
    import re._parser as parser
    import warnings

    try:
        with warnings.catch_warnings():  # re has given its warnings for the pattern already
            warnings.simplefilter("ignore")
            p = parser.parse(pattern, flags)
        code = compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        return (int(flags | p.state.flags), array("I", code).tobytes(), p.state.groups - 1, groupindex,
                tuple(indexgroup))
    except Exception:
        return None


def _read(path) -> dict:
    from .cache import read_marshalled_dict

    entries = read_marshalled_dict(path)
    return {k: v for k, v in entries.items()
            if isinstance(k, tuple) and len(k) == 2 and isinstance(v, tuple) and len(v) == 5}


def install() -> bool:
    """Serve this process's regular expressions from the cache file (once;
    the file written back at exit when something new was compiled). False
    when this Python is not one the cache supports."""
    global _installed
    with _lock:
        if _installed is not None:
            return True
        if not supported():
            return False
        import re._compiler as compiler

        from .cache import cache_path

        path = cache_path(cache_file_name())
        cache = _Cache(path, _read(path))
        original = compiler.compile
        compiler.compile = lambda p, flags=0: cache.compile(original, p, flags)
        atexit.register(cache.save)
        _installed = cache
        return True
