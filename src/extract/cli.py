"""The `extract` command: a thin layer over the library.

    extract parse REPORT... [--out DIR]   structured JSON of each report
    extract schema                         JSON Schema of that output

Exit codes: 0 success, 1 findings of severity error (check), 2 bad input or
usage, 3 internal error. Errors are one line naming the file and the reason;
``--debug`` shows the traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from .errors import ExtractError
from .rules import RuleError

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def _fail(message: str, code: int) -> None:
    click.echo(f"extract: {message}", err=True)
    sys.exit(code)


def run_guarded(fn, path: Optional[str], debug: bool):
    """Call ``fn``; turn failures into one-line errors and exit codes."""
    try:
        return fn()
    except (ExtractError, RuleError) as e:
        if debug:
            raise
        _fail(str(e), EXIT_BAD_INPUT)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:  # a bug: say so in one line, traceback with --debug
        if debug:
            raise
        where = f"{path}: " if path else ""
        _fail(f"{where}internal error: {type(e).__name__}: {e} (run with --debug for the traceback)",
              EXIT_INTERNAL)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="extract")
def main() -> None:
    """Turn 绩效自评报告 (budget-performance self-evaluation reports) into
    validated structured data, and check them for inconsistencies."""


@main.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write REPORT's JSON to DIR/<name>.json (default: standard output, one report).")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, exists=True),
              help="Use the rule files in DIR instead of the built-in rules/.")
@click.option("--no-checks", is_flag=True, help="Skip the consistency checks.")
@click.option("--compact", is_flag=True, help="One-line JSON.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def parse(reports, out_dir, rules_dir, no_checks, compact, debug):
    """Parse REPORT(s) into structured JSON."""
    from .export.jsonfile import report_json, write_atomic
    from .pipeline import parse_file

    if out_dir is None and len(reports) > 1:
        _fail("several reports need --out DIR", EXIT_BAD_INPUT)
    failed = 0
    for path in reports:
        def job(path=path):
            report = parse_file(path, rules_dir, run_checks=not no_checks)
            text = report_json(report, indent=None if compact else 2)
            if out_dir is None:
                sys.stdout.write(text)
            else:
                Path(out_dir).mkdir(parents=True, exist_ok=True)
                write_atomic(Path(out_dir) / (Path(path).stem + ".json"), text)
        try:
            run_guarded(job, path, debug)
        except SystemExit as e:
            if len(reports) == 1:
                raise
            failed += 1
            last = e.code
    if failed:
        sys.exit(last)


@main.command()
def schema():
    """Print the JSON Schema of parse output."""
    from .model import Report

    click.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
