"""Per-document limits: size, structure, time and memory.

A report read from a stranger must be answered in bounded time and memory.
Every limit, when exceeded, raises :class:`~extract.errors.LimitExceeded`
with a one-line reason (the CLI prints it and exits 2; a batch records it).

Defaults (:data:`DEFAULT`; ``extract parse --max-seconds S --max-mb M``
sets the last two):

=====================  ===============  ===========================================
limit                  default          checked
=====================  ===============  ===========================================
``max_input_mb``       100 MB           file size, before it is read
``max_line_chars``     100,000          longest line of the laid-out text
``max_zip_members``    2,000            .docx: members of the zip package
``max_zip_mb``         256 MB           .docx: total uncompressed size (as declared;
                                        Python's zipfile refuses to inflate a member
                                        past its declared size)
``max_zip_ratio``      200              .docx: compression ratio of a member over 1 MB
``max_pdf_pages``      1,000            PDF: pages
``max_pdf_stream_mb``  64 MB            PDF: inflated size of any Flate stream that
                                        is not an image (content streams, object
                                        streams), inflated with a cap before PDFium
                                        sees the file
``max_html_mb``        20 MB            HTML: page size
``max_html_depth``     250              HTML: element nesting (libxml2 stops at 256)
``max_seconds``        120 s            wall time of one parse (``None``: no limit)
``max_memory_mb``      none             address space (RLIMIT_AS) of the process;
                                        only set where safe: by the CLI in its own
                                        process, never in a library caller's
=====================  ===============  ===========================================

The time limit is a ``setitimer`` alarm when the parse runs in the main
thread, and otherwise a deadline checked in the loaders' loops
(:func:`check_deadline`). The alarm repeats every :data:`ALARM_REPEAT`
seconds until its exception reaches :func:`enforce`: Python runs a signal
handler at the next bytecode of the main thread, and that may be inside a
``__del__`` finalizer, a weakref or garbage-collector callback, where an
exception is not passed on but handed to ``sys.unraisablehook`` ("Exception
ignored in …") and lost, so a one-shot alarm that lands there never ends
the parse (``test_time_limit`` once finished a parse under
``--max-seconds 0.001`` with exit 0). With ``process_wide`` (the CLI in its
own process) a watchdog thread also ends the process with the one-line
error when the work is still running :data:`HARD_GRACE` seconds past the
limit (stuck in native code, where no signal handler runs). Loaders read the limits in force with
:func:`current`; :func:`enforce` sets them for a block.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import signal
import threading
import time
import zlib
from dataclasses import dataclass, replace
from typing import Iterator, Optional

from .errors import LimitExceeded

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_input_mb: float = 100
    max_line_chars: int = 100_000
    max_zip_members: int = 2_000
    max_zip_mb: float = 256
    max_zip_ratio: float = 200
    max_pdf_pages: int = 1_000
    max_pdf_stream_mb: float = 64
    max_html_mb: float = 20
    max_html_depth: int = 250
    max_seconds: Optional[float] = 120
    max_memory_mb: Optional[float] = None

    def with_(self, **changes) -> "Limits":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


DEFAULT = Limits()

_current: contextvars.ContextVar[Limits] = contextvars.ContextVar("extract_limits", default=DEFAULT)
_deadline: contextvars.ContextVar[Optional[float]] = contextvars.ContextVar("extract_deadline", default=None)


def current() -> Limits:
    """The limits in force."""
    return _current.get()


def _mb(n: float) -> str:
    return f"{n / MB:,.1f} MB" if n < 10 * MB else f"{n / MB:,.0f} MB"


# --------------------------------------------------------------------------
# Time


def check_deadline() -> None:
    """Raise when the parse in progress is past its time limit."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise LimitExceeded(f"took longer than the time limit of {current().max_seconds:g} s")


ALARM_REPEAT = 0.05  # seconds between alarms once the limit is up
HARD_GRACE = 5.0     # seconds past the limit before the CLI's watchdog ends the process


class _Alarm(BaseException):
    """Raised by the SIGALRM handler; a BaseException so that no
    ``except Exception`` inside a stage swallows it."""


@contextlib.contextmanager
def _time_limit(seconds: Optional[float]) -> Iterator[None]:
    if not seconds:
        yield
        return
    token = _deadline.set(time.monotonic() + seconds)
    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = None
    fired: list[bool] = []
    if use_alarm:
        def on_alarm(signum, frame):
            fired.append(True)
            raise _Alarm()

        previous = signal.signal(signal.SIGALRM, on_alarm)
        # repeating: an alarm swallowed in a finalizer is raised again until one lands
        signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT)
    try:
        try:
            yield
        finally:  # disarm before anything else runs, so no later alarm lands in the cleanup
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except _Alarm:
        raise LimitExceeded(f"took longer than the time limit of {seconds:g} s") from None
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        _deadline.reset(token)
    if fired:  # the alarm was swallowed by a library's bare except: still over the limit
        raise LimitExceeded(f"took longer than the time limit of {seconds:g} s")


# --------------------------------------------------------------------------
# Memory


@contextlib.contextmanager
def memory_limit(megabytes: Optional[float]) -> Iterator[None]:
    """Cap the process's address space (soft RLIMIT_AS) for the block, and
    turn a MemoryError into :class:`LimitExceeded`. Only for a process that
    is parsing one document (the CLI, a batch worker): the cap is
    process-wide."""
    if not megabytes:
        yield
        return
    try:
        import resource
    except ImportError:  # not on this platform
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = int(megabytes * MB)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    exhausted = False
    try:
        yield
    except MemoryError:
        exhausted = True  # build the error only once memory is given back
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    if exhausted:
        raise LimitExceeded(f"needs more memory than the limit of {megabytes:g} MB")


@contextlib.contextmanager
def process_watchdog(seconds: Optional[float], path=None) -> Iterator[None]:
    """End this process (exit 2, the one-line time-limit error on stderr)
    when the block is still running :data:`HARD_GRACE` seconds after
    ``seconds``: the last resort of a process that runs one document at a
    time (the CLI), for work stuck where no alarm is handled."""
    if not seconds:
        yield
        return
    import os
    import sys

    done = threading.Event()

    def watch() -> None:
        if not done.wait(seconds + HARD_GRACE):
            where = f"{path}: " if path is not None else ""
            sys.stderr.write(f"extract: {where}took longer than the time limit of {seconds:g} s "
                             f"(stopped by the watchdog)\n")
            sys.stderr.flush()
            os._exit(2)

    thread = threading.Thread(target=watch, name="extract-time-limit-watchdog", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()


@contextlib.contextmanager
def enforce(limits: Limits = DEFAULT, process_wide: bool = False, path=None) -> Iterator[Limits]:
    """Run a block under ``limits``: the loaders' checks, the time limit,
    and (with ``process_wide``) the memory cap and the watchdog that ends
    the process when the work outlives the time limit (:func:`process_watchdog`;
    ``path`` names the document in its message)."""
    token = _current.set(limits)
    watchdog = process_watchdog(limits.max_seconds, path) if process_wide else contextlib.nullcontext()
    try:
        with watchdog, memory_limit(limits.max_memory_mb if process_wide else None), \
                _time_limit(limits.max_seconds):
            yield limits
    finally:
        _current.reset(token)


# --------------------------------------------------------------------------
# Checks the loaders call


def check_input_size(size: int, path=None) -> None:
    cap = current().max_input_mb * MB
    if size > cap:
        raise LimitExceeded(f"the file is {_mb(size)}, over the limit of {_mb(cap)}", path)


def check_lines(text: str, path=None) -> None:
    """No line longer than ``max_line_chars``."""
    cap = current().max_line_chars
    if len(text) <= cap:
        return
    start = 0
    for number, m in enumerate(re.finditer(r"\n|\Z", text), 1):
        if m.start() - start > cap:
            raise LimitExceeded(f"line {number} is {m.start() - start:,} characters long "
                                f"(limit {cap:,}): not a report's text", path)
        start = m.end()
        if m.start() == len(text):
            break


def check_zip(data: bytes, path=None) -> None:
    """Member count, total uncompressed size and compression ratio of a
    .docx package, read from its central directory before anything is
    inflated; XML members with a DTD (entity declarations: billion laughs,
    external entities) are refused as :class:`CorruptDocument`."""
    import io
    import zipfile

    from .errors import CorruptDocument

    limits = current()
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # open_docx gives the damaged-package error
    with package:
        members = package.infolist()
        if len(members) > limits.max_zip_members:
            raise LimitExceeded(f"the .docx package has {len(members):,} members (limit "
                                f"{limits.max_zip_members:,})", path)
        total = sum(m.file_size for m in members)
        if total > limits.max_zip_mb * MB:
            raise LimitExceeded(f"the .docx package inflates to {_mb(total)} (limit "
                                f"{_mb(limits.max_zip_mb * MB)}): a zip bomb?", path)
        for m in members:
            if m.file_size > MB and m.file_size > limits.max_zip_ratio * max(m.compress_size, 1):
                raise LimitExceeded(f"member {m.filename} inflates {m.file_size / max(m.compress_size, 1):,.0f}"
                                    f" times (limit {limits.max_zip_ratio:g}): a zip bomb?", path)
        for m in members:
            if not m.filename.lower().endswith((".xml", ".rels")):
                continue
            try:
                body = package.read(m)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error):
                raise CorruptDocument(f"member {m.filename} of the .docx cannot be read", path) from None
            if has_dtd(body):
                raise CorruptDocument(f"member {m.filename} declares a DTD (entity declarations are "
                                      "refused: external entities, entity expansion)", path)


_DTD_MARKS = tuple(s.encode(c) for s in ("<!DOCTYPE", "<!ENTITY")
                   for c in ("ascii", "utf-16-le", "utf-16-be"))


def has_dtd(xml: bytes) -> bool:
    """True when XML bytes hold a document type declaration or an entity
    declaration (in UTF-8 or UTF-16)."""
    return any(mark in xml for mark in _DTD_MARKS)


def check_pdf_bytes(data: bytes, path=None) -> None:
    """Inflate every Flate stream that is not an image, each up to
    ``max_pdf_stream_mb``: a decompression bomb is refused before PDFium
    loads a page."""
    cap = int(current().max_pdf_stream_mb * MB)
    for m in re.finditer(rb"stream\r?\n", data):
        start = m.end()
        head = data[max(0, m.start() - 2048):m.start()]
        obj = head.rfind(b" obj")
        if obj >= 0:
            head = head[obj:]
        if b"Flate" not in head and b"/Fl " not in head and b"/Fl]" not in head:
            continue
        if re.search(rb"/Subtype\s*/Image", head):
            continue
        end = data.find(b"endstream", start)
        raw = data[start:end if end >= 0 else len(data)]
        d = zlib.decompressobj()
        size = 0
        try:
            chunk = d.decompress(raw, cap + 1)
            size = len(chunk)
            while size <= cap and d.unconsumed_tail:
                chunk = d.decompress(d.unconsumed_tail, cap + 1 - size)
                if not chunk:
                    break
                size += len(chunk)
        except zlib.error:
            continue  # PDFium decides what a damaged stream means
        if size > cap:
            raise LimitExceeded(f"a PDF stream inflates to more than {_mb(cap)} (at byte {m.start():,}): "
                                "a decompression bomb?", path)
        check_deadline()


def check_pdf_pages(n_pages: int, path=None) -> None:
    cap = current().max_pdf_pages
    if n_pages > cap:
        raise LimitExceeded(f"the PDF has {n_pages:,} pages (limit {cap:,})", path)


def check_html(data: bytes, path=None) -> None:
    cap = current().max_html_mb * MB
    if len(data) > cap:
        raise LimitExceeded(f"the HTML page is {_mb(len(data))} (limit {_mb(cap)})", path)


def check_html_depth(root, path=None) -> None:
    """Element nesting of the parsed page within ``max_html_depth``
    (iteratively: the layout recurses over the tree)."""
    cap = current().max_html_depth
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > cap:
            raise LimitExceeded(f"HTML elements nest more than {cap} deep", path)
        stack.extend((child, depth + 1) for child in el)
