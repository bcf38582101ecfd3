"""The compiled methods of dataclasses, kept between runs of the command
(issue 22).

:func:`dataclasses.dataclass` writes each class's ``__init__``,
``__repr__``, ``__eq__`` (and a frozen class's ``__setattr__`` and
``__delattr__``) as Python source and runs it with ``exec``; compiling that
source is most of the cost of making a dataclass, and a cold start of
``extract parse`` makes about a hundred (the package's and its libraries'):
some 0.4 ms each, a tenth of the start-up. :func:`install` gives the
``dataclasses`` module an ``exec`` that takes the code object of a source
it compiled before from a cache file (:mod:`extract.cache`: this user's,
in the temporary folder, named by the Python build, as ``__pycache__``
keeps a module's bytecode), and compiles, runs and keeps any other.

``exec(source, globals, locals)`` and ``exec(compile(source, "<string>",
"exec", dont_inherit=True), globals, locals)`` run the same code (the
source is compiled with no future features, as ``dataclasses``' own
``exec`` compiles it), so a class comes out the same. Any fault in the file
is as if there were none. Only the command line installs it (:mod:`extract.__main__`);
a library user's ``dataclasses`` is left alone.
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import sys
import threading
from typing import Optional

MAX_ENTRIES = 2000
"""At most this many code objects are written back, the run's own first
(a dataclass's method source is some hundred bytes; a program that makes
classes from data would otherwise grow the file without end)."""

_CODE = type(compile("", "<string>", "exec"))
_lock = threading.Lock()
_installed: Optional["_Cache"] = None


def cache_file_name() -> str:
    """The cache file's name: it is only read by the same Python build."""
    import hashlib
    import importlib.util

    key = hashlib.sha256(f"{sys.version}\0{sys.implementation.cache_tag}\0"
                         f"{importlib.util.MAGIC_NUMBER.hex()}".encode()).hexdigest()
    return f"extract-dataclasses.{key[:32]}.marshal"


class _Cache:
    """The code objects read from one cache file, and the ones this process
    compiled, to be written back."""

    def __init__(self, path, entries: dict[str, object]):
        self.path = path
        self.entries = entries
        self.used: dict[str, object] = {}
        self.added = 0

    def code(self, source: str):
        """The code object of ``source`` as ``exec`` compiles it."""
        code = self.entries.get(source)
        if type(code) is not _CODE:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            self.entries[source] = code
            self.added += 1
        self.used[source] = code
        return code

    def exec(self, source, globals=None, locals=None):  # noqa: A002 (exec's own names)
        """``exec``, a source string's code taken from the cache."""
        if type(source) is str:
            source = self.code(source)
        return builtins.exec(source, globals, locals)

    def save(self) -> None:
        """Write the file again when this process compiled anything new."""
        from .cache import write_private

        if not self.added:
            return
        kept = dict(self.used)
        for source, code in self.entries.items():
            if len(kept) >= MAX_ENTRIES:
                break
            kept.setdefault(source, code)
        try:
            write_private(self.path, marshal.dumps(kept))
        except (OSError, ValueError):
            pass


def _read(path) -> dict[str, object]:
    from .cache import read_private

    try:
        entries = marshal.loads(read_private(path))
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if type(k) is str and type(v) is _CODE}


def install() -> bool:
    """Serve the compiled methods of this process's dataclasses from the
    cache file (once; the file written back at exit when something new was
    compiled). False when ``dataclasses`` is not CPython's, with its
    methods made by ``exec``."""
    global _installed
    with _lock:
        if _installed is not None:
            return True
        if sys.implementation.name != "cpython":
            return False
        import dataclasses

        if "exec" in vars(dataclasses):  # someone else's exec there already
            return False
        from .cache import cache_path

        path = cache_path(cache_file_name())
        cache = _Cache(path, _read(path))
        dataclasses.exec = cache.exec
        atexit.register(cache.save)
        _installed = cache
        return True
