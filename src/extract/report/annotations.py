"""Check results as GitHub Actions workflow annotations.

:func:`render_annotations` takes a :class:`~extract.check_run.CheckRun`
and returns one workflow command per finding,
``::error file=F,line=N,endLine=M,title=RULE::MESSAGE`` (``warning`` for a
warning, ``notice`` for information), the message led by the page for a
PDF (``第4页：…``); a file that could not be read is one ``::error
file=F::无法读取：…``. Values are escaped as the runner expects (``%``,
CR, LF; in properties also ``:`` and ``,``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import CheckResult

if TYPE_CHECKING:
    from ..check_run import CheckRun

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, path: str, message: str, line=None, end_line=None, title=None) -> str:
    """One workflow command line."""
    props = [f"file={escape_property(path)}"]
    if line is not None:
        props.append(f"line={line}")
        if end_line is not None and end_line != line:
            props.append(f"endLine={end_line}")
    if title:
        props.append(f"title={escape_property(title)}")
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def finding_annotation(path: str, r: CheckResult) -> str:
    loc = r.locations[0] if r.locations else None
    message = r.message
    if loc is not None and loc.page is not None:
        message = f"第{loc.page}页：{message}"
    if r.quote:
        message += f"\n原文：{r.quote}"
    return annotation(COMMANDS[r.severity], path, message, loc.line if loc else None,
                      loc.end_line if loc else None, r.rule)


def render_annotations(run: "CheckRun") -> str:
    lines = [annotation("error", f.path, f"无法读取：{f.error}") for f in run.unreadable]
    lines += [finding_annotation(f.path, r) for f in run.checked for r in f.findings]
    return "".join(line + "\n" for line in lines)
