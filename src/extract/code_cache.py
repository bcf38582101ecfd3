"""Code compiled from strings at start-up, kept between runs of the
command (issue 22): the methods of dataclasses and the annotations typing
evaluates.

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

The same goes for :class:`typing.ForwardRef`, which compiles the text of
each annotation it is made from: pydantic makes some 1,400 of them as it
builds the models and the rule files' classes (their annotations are text,
``from __future__ import annotations``), of some 400 distinct texts.
``typing`` is given a ``compile`` that takes such an expression's code from
the same file.

``exec(source, globals, locals)`` and ``exec(compile(source, "<string>",
"exec", dont_inherit=True), globals, locals)`` run the same code (the
source is compiled with no future features, as ``dataclasses``' own
``exec`` compiles it; likewise ``typing``'s ``compile``), so a class or an
annotation comes out the same. Any fault in the file is as if there were
none. Only the command line installs it (:mod:`extract.__main__`); a
library user's ``dataclasses`` and ``typing`` are left alone.
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import sys
import threading
from typing import Optional

MAX_ENTRIES = 4000
"""At most this many code objects are written back, the run's own first
(a dataclass's method source is some hundred bytes, an annotation some
ten; a program that makes classes from data would otherwise grow the file
without end)."""

_CODE = type(compile("", "<string>", "exec"))

LAYOUT = 2
"""The file's layout: 2, each code object marshalled on its own in the
file's dict (a run unmarshals only the half or so of them it uses)."""
_lock = threading.Lock()
_installed: Optional["_Cache"] = None


def cache_file_name() -> str:
    """The cache file's name: it is only read by the same Python build."""
    import hashlib
    import importlib.util

    key = hashlib.sha256(f"{sys.version}\0{sys.implementation.cache_tag}\0"
                         f"{importlib.util.MAGIC_NUMBER.hex()}\0{LAYOUT}".encode()).hexdigest()
    return f"extract-code.{key[:32]}.marshal"


class _Cache:
    """The code objects read from one cache file, and the ones this process
    compiled, to be written back."""

    def __init__(self, path, entries: dict[tuple[str, str], object]):  # a code object or its marshalled bytes
        self.path = path
        self.entries = entries
        self.used: dict[tuple[str, str], object] = {}
        self.added = 0

    def code(self, source: str, mode: str = "exec"):
        """The code object of ``source`` as ``compile(source, "<string>",
        mode)`` makes it in a module without future features."""
        key = (mode, source)
        code = self.entries.get(key)
        if type(code) is bytes:  # read from the file: unmarshalled on first use
            try:
                code = self.entries[key] = marshal.loads(code)
            except (ValueError, EOFError, TypeError):
                code = None
        if type(code) is not _CODE:
            code = builtins.compile(source, "<string>", mode, dont_inherit=True)
            self.entries[key] = code
            self.added += 1
        self.used[key] = code
        return code

    def exec(self, source, globals=None, locals=None):  # noqa: A002 (exec's own names)
        """``exec`` (for ``dataclasses``), a source string's code taken from the cache."""
        if type(source) is str:
            source = self.code(source)
        return builtins.exec(source, globals, locals)

    def compile(self, source, filename, mode, flags=0, dont_inherit=False, optimize=-1):
        """``compile`` (for ``typing``), an expression's code taken from the cache."""
        if type(source) is str and filename == "<string>" and mode == "eval" and not flags and optimize == -1:
            return self.code(source, mode)
        return builtins.compile(source, filename, mode, flags, True, optimize)

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
            write_private(self.path, marshal.dumps({k: marshal.dumps(v) if type(v) is _CODE else v
                                                    for k, v in kept.items()}))
        except (OSError, ValueError):
            pass


def _read(path) -> dict:
    from .cache import read_marshalled_dict

    entries = read_marshalled_dict(path)
    return {k: v for k, v in entries.items()
            if type(k) is tuple and len(k) == 2 and k[0] in ("exec", "eval") and type(k[1]) is str
            and type(v) is bytes}


def install() -> bool:
    """Serve the compiled methods of this process's dataclasses and the
    code of typing's annotations from the cache file (once; the file written
    back at exit when something new was compiled). False on a Python other
    than CPython."""
    global _installed
    with _lock:
        if _installed is not None:
            return True
        if sys.implementation.name != "cpython":
            return False
        import dataclasses
        import typing

        if "exec" in vars(dataclasses) or "compile" in vars(typing):  # someone else's there already
            return False
        from .cache import cache_path

        path = cache_path(cache_file_name())
        cache = _Cache(path, _read(path))
        dataclasses.exec = cache.exec
        typing.compile = cache.compile
        atexit.register(cache.save)
        _installed = cache
        return True
