"""The `extract` command: a thin layer over the library.

    extract parse REPORT... [--out DIR]   structured JSON of each report
    extract check PATH... [--format text|json|jsonl|sarif|github] [--fail-on error|warning]
                                           findings: where each report disagrees with itself
                                           [--export findings.xlsx|.csv]
    extract review accept|dismiss REPORT FINGERPRINT [--note TEXT]
                                           a reviewer's decision, in REPORT's sidecar .review.json
    extract review import REPORT FILE      merge decisions (the review page's download)
    extract rules                          every check rule: id, severity, meaning, example
    extract schema                         JSON Schema of that output
    extract batch PATHS... --out DIR       many reports into JSON, JSONL, Parquet, a database
    extract export JSON_DIR --db URL       report JSON files into a database

Exit codes: 0 success, 1 findings of severity error (check), 2 bad input or
usage (check: no file could be read), 3 internal error. Errors are one line naming the file and the reason;
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


def rules_option(fn):
    """``--rules DIR`` (or ``$EXTRACT_RULES``): the rule folder of a command."""
    return click.option("--rules", "rules_dir", type=click.Path(file_okay=False, exists=True),
                        envvar="EXTRACT_RULES", show_envvar=True,
                        help="Use the rule files in DIR instead of the built-in rules/.")(fn)


def limit_options(fn):
    """``--max-seconds`` and ``--max-mb``: the limits of one report."""
    fn = click.option("--max-mb", type=click.FloatRange(min=0),
                      help="Memory (address space) cap of this process in MB [default: none].")(fn)
    return click.option("--max-seconds", type=click.FloatRange(min=0),
                        help="Seconds allowed per report, 0: no limit [default: 120].")(fn)


def make_extractor(rules_dir: Optional[str], max_seconds: Optional[float], max_mb: Optional[float],
                   debug: bool):
    """The :class:`~extract.pipeline.Extractor` of a command: its rule set
    loaded once (a bad rule folder exits 2 naming the file and key) and its
    limits, the memory cap applied to this process."""
    from .collector import collector_paused

    # Importing the package and loading the rule set makes some sixty
    # thousand objects that all live to the end: the collector is held off
    # meanwhile, and in the command's own process (run) they are then moved
    # out of its reach; without that the first collection after the start,
    # and every full one of a long report, walks them again (some 40 ms of
    # a 0.3 s cold start, issue 22). A program calling main itself keeps its
    # collector as it was.
    with collector_paused(freeze=_OWN_PROCESS):
        from .limits import DEFAULT
        from .pipeline import Extractor

        limits = DEFAULT.with_(max_seconds=max_seconds, max_memory_mb=max_mb)
        return run_guarded(lambda: Extractor(rules_dir, limits, process_wide=True), rules_dir, debug)


_OWN_PROCESS = False


def run() -> None:
    """The ``extract`` program (``python -m extract``, the console script):
    :data:`main` in a process that is the command's own, which start-up
    shortcuts no library user should get may assume -- its regular
    expressions served from the cache (:mod:`extract.regex_cache`) and the
    start-up's objects frozen (:func:`make_extractor`)."""
    global _OWN_PROCESS
    from .regex_cache import install

    _OWN_PROCESS = True
    install()
    main()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="extract")
def main() -> None:
    """Turn 绩效自评报告 (budget-performance self-evaluation reports) into
    validated structured data, and check them for inconsistencies."""


@main.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write REPORT's JSON to DIR/<name>.json (default: standard output, one report).")
@rules_option
@click.option("--no-checks", is_flag=True, help="Skip the consistency checks.")
@click.option("--compact", is_flag=True, help="One-line JSON.")
@limit_options
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def parse(reports, out_dir, rules_dir, no_checks, compact, max_seconds, max_mb, debug):
    """Parse REPORT(s) into structured JSON."""
    from .errors import ExtractError
    from .export.jsonfile import report_json, write_atomic

    if out_dir is None and len(reports) > 1:
        _fail("several reports need --out DIR", EXIT_BAD_INPUT)
    extractor = make_extractor(rules_dir, max_seconds, max_mb, debug)
    failed = 0
    for path in reports:
        def job(path=path):
            report = extractor.parse(path, run_checks=not no_checks)
            text = report_json(report, indent=None if compact else 2)
            if out_dir is None:
                sys.stdout.write(text)
                return
            target = Path(out_dir) / (Path(path).stem + ".json")
            try:
                Path(out_dir).mkdir(parents=True, exist_ok=True)
                write_atomic(target, text)
            except OSError as e:  # unwritable directory, full disk: nothing half-written is left
                raise ExtractError(f"cannot write {target}: {e.strerror or e}", path) from None
        try:
            run_guarded(job, path, debug)
        except SystemExit as e:
            if len(reports) == 1:
                raise
            failed += 1
            last = e.code
    if failed:
        sys.exit(last)


FORMATS = ["text", "json", "jsonl", "sarif", "github"]


def _rule_ids(values) -> list[str]:
    """Rule ids given as repeated options or comma lists (``--select rate,target``)."""
    return [r.strip() for v in values for r in v.split(",") if r.strip()]


def write_beside_check(option: str, path: str, write) -> None:
    """An extra output of ``check`` (``--html``, ``--annotated-pdf``):
    ``write(path)``, the folder created (and said so on stderr) when
    missing; a path that cannot be written is a one-line error naming it."""
    folder = Path(path).parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as e:
            raise ExtractError(f"cannot create folder for {option}: {e.strerror or e}", folder) from None
        click.echo(f"extract: created folder {folder} for {option}", err=True)
    try:
        if Path(path).is_dir():
            raise IsADirectoryError(21, "is a folder")
        write(path)
    except OSError as e:
        raise ExtractError(f"cannot write {option} file: {e.strerror or e}", path) from None


def write_review_page(parsed, html_path: str, rules) -> None:
    """``--html``: the review page of ``parsed`` at ``html_path``."""
    from .report.html import write_review

    write_beside_check("--html", html_path, lambda p: write_review(parsed, p, rules=rules))


def write_annotated_copy(parsed, path: str) -> None:
    """``--annotated-pdf``: a copy of the PDF ``parsed`` was read from, one annotation per finding."""
    from .report.annotate import write_annotated_pdf

    write_beside_check("--annotated-pdf", path, lambda p: write_annotated_pdf(parsed, p))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: findings in Chinese, grouped by severity; json: {summary, results} with every "
              "check result; jsonl: one file a line; sarif: SARIF 2.1.0; github: workflow annotations.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding of this severity (or worse) is reported.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Report only these rule ids (repeat, or comma-separated; `extract rules` lists them).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not report these rule ids.")
@click.option("--statistics", is_flag=True, help="Also print the number of findings per rule.")
@click.option("--quiet", "-q", is_flag=True,
              help="Text: only the files with findings and their findings; no summary.")
@rules_option
@click.option("--html", "html_path", type=click.Path(),
              help="Also write a self-contained HTML review page to PATH (one report).")
@click.option("--annotated-pdf", "annotated_path", type=click.Path(),
              help="Also write a copy of the PDF report with one annotation per finding to PATH (one report).")
@click.option("--export", "export_path", type=click.Path(dir_okay=False),
              help="Also write one row per finding to PATH (.xlsx or .csv): 文件, 页, 行, 严重程度, 规则, "
              "说明, 原文, 应为, 实为, 处理, 备注, 指纹.")
@limit_options
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def check(paths, fmt, fail_on, select, ignore, statistics, quiet, rules_dir, html_path, annotated_path,
          export_path, max_seconds, max_mb, debug):
    """Check each report of PATHS (files; folders searched for reports
    as batch does) for inconsistencies. Exit 0 with no
    errors, 1 with errors (or warnings, with --fail-on warning), 2 when no
    file could be read or for bad usage; a bad file among readable ones
    is reported in one line and the others are checked. Decisions in a
    report's sidecar (extract review) are shown; a finding dismissed as
    不是问题 does not count for the exit status."""
    from .check_run import check_paths, unknown_rule_ids
    from .export.findings_sheet import SHEET_SUFFIXES
    from .report.text import render_run
    from .rule_catalogue import rule_catalogue

    select, ignore = _rule_ids(select), _rule_ids(ignore)
    unknown = unknown_rule_ids(select + ignore)
    if unknown:
        _fail(f"unknown rule id {unknown[0]!r} (`extract rules` lists them)", EXIT_BAD_INPUT)
    for option, given in (("--html", html_path), ("--annotated-pdf", annotated_path)):
        if given and (len(paths) != 1 or Path(paths[0]).is_dir()):
            _fail(f"{option} writes the page of one report: give one file", EXIT_BAD_INPUT)
    if export_path and Path(export_path).suffix.lower() not in SHEET_SUFFIXES:
        _fail(f"--export writes {' or '.join(SHEET_SUFFIXES)}: {export_path}", EXIT_BAD_INPUT)
    extractor = make_extractor(rules_dir, max_seconds, max_mb, debug)
    progress = _check_progress(len(paths), paths)
    run = run_guarded(lambda: check_paths(paths, extractor, select, ignore, raise_errors=debug,
                                          on_file=progress.advance), None, debug)
    progress.close()
    if run.nothing_found():
        _fail(run.nothing_found(), EXIT_BAD_INPUT)
    if html_path and run.checked:
        run_guarded(lambda: write_review_page(run.checked[0].report, html_path, extractor.rules),
                    html_path, debug)
    if annotated_path and run.checked:
        run_guarded(lambda: write_annotated_copy(run.checked[0].report, annotated_path), annotated_path, debug)
    if export_path:
        from .export.findings_sheet import write_findings
        run_guarded(lambda: write_beside_check("--export", export_path, lambda p: write_findings(run, p)),
                    export_path, debug)
    catalogue = rule_catalogue(extractor.rules)
    if fmt == "json":
        from .report.json_report import render_json
        out = render_json(run, fail_on)
    elif fmt == "jsonl":
        from .report.json_report import render_jsonl
        out = render_jsonl(run)
    elif fmt == "sarif":
        from .report.sarif import render_sarif
        out = render_sarif(run, catalogue)
    elif fmt == "github":
        from .report.annotations import render_annotations
        out = render_annotations(run)
    else:
        out = render_run(run, quiet=quiet, statistics=statistics, titles={e.id: e.title for e in catalogue})
    click.echo(out, nl=False)
    if fmt != "text":
        # machine output on stdout stays clean: unreadable files and statistics go to stderr
        for f in run.unreadable:
            click.echo(f"extract: {f.path}: {f.error}", err=True)
        for f in run.checked:
            if f.review_error:
                click.echo(f"extract: {f.review_error}", err=True)
        if statistics:
            from .report.text import render_statistics
            click.echo(render_statistics(run, {e.id: e.title for e in catalogue}), err=True, nl=False)
    sys.exit(run.exit_code(fail_on))


class _check_progress:
    """A progress bar on stderr while many files are checked (on a terminal only)."""

    def __init__(self, n_paths: int, paths):
        self.bar = None
        if sys.stderr.isatty() and (n_paths > 1 or any(Path(p).is_dir() for p in paths)):
            from tqdm import tqdm

            self.bar = tqdm(unit="file", file=sys.stderr, leave=False)

    def advance(self, outcome) -> None:
        if self.bar is not None:
            self.bar.update()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@main.group()
def review():
    """A reviewer's decisions about findings, kept in REPORT's sidecar
    (草稿.docx -> 草稿.review.json) and shown by the next `extract check`."""


def _decide(report, fingerprint, decision, note, by, rules_dir, debug):
    from .check_run import check_file
    from .review import decide, sidecar_path

    extractor = make_extractor(rules_dir, None, None, debug)
    outcome = check_file(report, extractor, raise_errors=True, reviews=False)
    made = run_guarded(lambda: decide(report, outcome.findings, fingerprint, decision, note, by), report, debug)
    click.echo(f"{sidecar_path(report)}: #{made.fingerprint} {made.label} [{made.rule}]")


def _decision_command(name: str, decision: str, summary: str):
    @review.command(name, help=summary)
    @click.argument("report", type=click.Path(exists=True, dir_okay=False))
    @click.argument("fingerprint")
    @click.option("--note", default="", help="Why (required to dismiss).")
    @click.option("--by", help="Who decides [default: this user].")
    @rules_option
    @click.option("--debug", is_flag=True, help="Show tracebacks.")
    def command(report, fingerprint, note, by, rules_dir, debug):
        _decide(report, fingerprint, decision, note, by, rules_dir, debug)

    return command


_decision_command("accept", "accept", "确认: the finding FINGERPRINT (from `extract check`) is a real problem.")
_decision_command("dismiss", "dismiss", "不是问题: the finding FINGERPRINT is not a problem (--note says why); "
                  "it no longer counts for check's exit status.")


@review.command("import")
@click.argument("report", type=click.Path(exists=True, dir_okay=False))
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def review_import(report, source, debug):
    """Merge the decisions of SOURCE (a review file, e.g. the review page's
    download) into REPORT's sidecar; the later decision about a finding wins."""
    from .review import import_review, sidecar_path

    taken = run_guarded(lambda: import_review(report, source), report, debug)
    click.echo(f"{sidecar_path(report)}: {taken} decision(s) from {source}")


@main.command("rules")
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the README's table.")
def rules_command(rules_dir, fmt):
    """List every check rule: id, severity, meaning and a Chinese example."""
    from .report.rule_list import render_rule_list
    from .rule_catalogue import rule_catalogue

    catalogue = run_guarded(lambda: rule_catalogue(rules_dir), rules_dir, False)
    click.echo(render_rule_list(catalogue, fmt), nl=False)


@main.command()
def schema():
    """Print the JSON Schema of parse output."""
    from .model import Report

    click.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output folder: json/, reports.jsonl, parquet/, reports.sqlite, manifest.")
@click.option("--db", "db", help="SQLAlchemy URL (postgresql://USER@HOST:PORT/DB) or SQLite file "
              "[default: DIR/reports.sqlite].")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes [default: one per core].")
@click.option("--timeout", type=click.FloatRange(min=0), default=120, show_default=True,
              help="Seconds allowed per document (0: no limit).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address tcp://HOST:PORT (with --executor dask; "
              "none: a cluster on this machine).")
@click.option("--keep-going/--fail-fast", default=True, show_default=True,
              help="Go on past documents that fail, or stop at the first.")
@rules_option
@click.option("--no-checks", is_flag=True, help="Skip the consistency checks.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def batch(paths, out_dir, db, workers, timeout, executor, scheduler, keep_going, rules_dir,
          no_checks, debug):
    """Convert every report under PATHS (txt, pdf, docx, html) into DIR;
    a re-run skips what is done."""
    from .batch import BatchOptions, run_batch

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    options = BatchOptions(out_dir, db=db, workers=workers, timeout=timeout, executor=executor,
                           scheduler=scheduler, keep_going=keep_going, rules=rules_dir,
                           run_checks=not no_checks, debug=debug)
    summary = run_guarded(lambda: run_batch(paths, options), out_dir, debug)
    click.echo(summary.text())
    sys.exit(summary.exit_code)


@main.command("export")
@click.argument("json_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--db", "db", required=True,
              help="SQLAlchemy URL (postgresql://USER@HOST:PORT/DB) or SQLite file.")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False),
              help="Also write the tables as DIR/<table>.parquet.")
@click.option("--jsonl", "jsonl_path", type=click.Path(dir_okay=False),
              help="Also write every report as one line of FILE.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def export(json_dir, db, parquet_dir, jsonl_path, debug):
    """Load report JSON files under JSON_DIR (from parse or batch) into a database."""
    from .export.archive import export_reports

    summary = run_guarded(lambda: export_reports(json_dir, db, parquet_dir, jsonl_path), json_dir, debug)
    click.echo(summary.text())
    sys.exit(EXIT_BAD_INPUT if summary.failed else 0)


if __name__ == "__main__":
    main()
