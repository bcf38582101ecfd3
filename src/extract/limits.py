"""Per-document limits: the policy (how much of what), and the time and
memory limits of one parse.

A report read from a stranger must be answered in bounded time and memory.
Every limit, when exceeded, raises :class:`~extract.errors.LimitExceeded`
with a one-line reason (the CLI prints it and exits 2; a batch records it).
This module holds the values and the alarm; each loader checks its own
format's bombs against them (:mod:`extract.load.package` for .docx and
.xlsx, :mod:`extract.load.pdf`, :mod:`extract.load.html`), and
:func:`check_input_size` and :func:`check_lines` hold for every format.

Defaults (:data:`DEFAULT`; ``extract parse --max-seconds S --max-mb M``
sets the last two):

=====================  ===============  ===========================================
limit                  default          checked
=====================  ===============  ===========================================
``max_input_mb``       100 MB           file size, before it is read
``max_line_chars``     100,000          longest line of the laid-out text
``max_zip_members``    2,000            .docx/.xlsx: members of the zip package
``max_zip_mb``         256 MB           .docx/.xlsx: total uncompressed size (as declared;
                                        Python's zipfile refuses to inflate a member
                                        past its declared size)
``max_zip_ratio``      200              .docx/.xlsx: compression ratio of a member over 1 MB
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


def mb_text(n: float) -> str:
    """``n`` bytes as megabytes, for a limit's message."""
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
        raise LimitExceeded(f"the file is {mb_text(size)}, over the limit of {mb_text(cap)}", path)


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
