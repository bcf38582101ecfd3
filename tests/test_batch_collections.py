"""A batch's collections (reports.jsonl, parquet/) rebuilt in a child
process (extract.export.rebuild, issue 22): the coordinating process never
loads pyarrow; a failure or a killed child leaves whole files, says the
same one line with the same exit code as the rebuild in-process did, and
the next run builds them again; a child outliving its killed parent keeps
the folder locked until it is done."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract import batch as batch_module
from extract.batch import BatchOptions, run_batch
from extract.cli import main
from extract.errors import InputError
from extract.export import parquet as parquet_module
from extract.export.database import open_database, table_contents
from extract.export.rebuild import CollectionsLost, rebuild_here

from test_batch import small_reports

SRC = Path(__file__).resolve().parents[1] / "src"


def collections(out: Path) -> dict[str, bytes]:
    """The bytes of reports.jsonl and of every Parquet file."""
    files = [out / "reports.jsonl", *sorted((out / "parquet").glob("*.parquet"))]
    return {p.name: p.read_bytes() for p in files}


def temporaries(out: Path) -> list[Path]:
    return sorted(out.rglob(".*.tmp"))


def test_the_parent_never_loads_pyarrow_and_the_collections_hold_everything(tmp_path):
    # in a fresh interpreter: this one has loaded pyarrow for its own tests
    small_reports(tmp_path / "in", 3)
    code = ("import json, sys\n"
            "from pathlib import Path\n"
            "from extract.batch import BatchOptions, run_batch\n"
            "from extract.export import rebuild\n"
            "real = rebuild.rebuild_here\n"
            "def rebuilt(*args):  # in the child: what the rebuild loaded\n"
            "    count = real(*args)\n"
            "    Path(sys.argv[3]).write_text(' '.join(m for m in ('pyarrow', 'pandas') if m in sys.modules))\n"
            "    return count\n"
            "rebuild.rebuild_here = rebuilt\n"
            "s = run_batch([sys.argv[1]], BatchOptions(sys.argv[2], workers=1, progress=False))\n"
            "print(json.dumps({'done': s.counts['done'], 'reports': s.rebuild.reports,\n"
            "                  'loaded': sorted(m for m in ('pyarrow', 'pandas') if m in sys.modules)}))\n")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child_loaded = tmp_path / "child-loaded"
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "in"), str(tmp_path / "out"), str(child_loaded)],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"done": 3, "reports": 3, "loaded": []}
    # the child converted every table with pyarrow and without pandas (pyarrow's probe found none)
    assert child_loaded.read_text() == "pyarrow"

    out = tmp_path / "out"
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == [p.read_text(encoding="utf-8").rstrip("\n") for p in sorted((out / "json").glob("*.json"))]
    engine = open_database(str(out / "reports.sqlite"))
    try:
        stored = table_contents(engine)
    finally:
        engine.dispose()
    parquet = parquet_module.read_parquet_rows(out / "parquet")
    assert {name: len(rows) for name, rows in parquet.items()} == {name: len(rows) for name, rows in stored.items()}
    assert [d["sha256"] for d in parquet["documents"]] == [d["sha256"] for d in stored["documents"]]


def _failing_copy(make_error, on_table: str = "claims"):
    """A Parquet table copy that writes part of ``on_table``'s file under its
    temporary name, then fails with ``make_error()``."""
    real = parquet_module._copy_table

    def copy(conn, table, path):
        if table.name != on_table:
            return real(conn, table, path)
        path.write_bytes(b"PAR1 half a file")
        raise make_error(path)
    return copy


ERRORS = {
    "internal": lambda path: OSError(28, "No space left on device"),
    "input": lambda path: InputError("cannot write the Parquet copy", path.parent / "claims.parquet"),
}


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_a_failed_rebuild_says_what_in_process_said_and_the_next_run_rebuilds(tmp_path, monkeypatch, kind):
    small_reports(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False))
    before = collections(out)
    small_reports(tmp_path / "in" / "more", 1, seed=7)

    monkeypatch.setattr(parquet_module, "_copy_table", _failing_copy(ERRORS[kind]))
    args = ["batch", str(tmp_path / "in"), "--out", str(out), "--workers", "1"]
    apart = CliRunner().invoke(main, args)
    # the same failure rebuilt in this process, as before the child process
    monkeypatch.setattr(batch_module, "rebuild_apart", lambda *a, processes=1: rebuild_here(*a) and None)
    here = CliRunner().invoke(main, args)
    monkeypatch.undo()

    assert (apart.exit_code, apart.output) == (here.exit_code, here.output)
    assert apart.exit_code == {"internal": 3, "input": 2}[kind]
    [line] = apart.output.splitlines()  # one line: what failed and why
    assert ("No space left on device" if kind == "internal" else "cannot write the Parquet copy") in line
    assert not temporaries(out)
    after = collections(out)
    assert after["claims.parquet"] == before["claims.parquet"]  # the old file, whole
    assert after["reports.jsonl"] != before["reports.jsonl"]  # written before the failure, whole

    again = run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False))
    assert again.rebuild is not None and again.rebuild.reports == 3  # not marked built: done again
    clean = tmp_path / "clean"
    run_batch([tmp_path / "in"], BatchOptions(clean, workers=1, progress=False))
    assert collections(out)["reports.jsonl"] == collections(clean)["reports.jsonl"]
    assert parquet_module.read_parquet_rows(out / "parquet")["claims"] == \
        parquet_module.read_parquet_rows(clean / "parquet")["claims"]


def test_the_childs_error_keeps_its_class_and_carries_its_traceback(tmp_path, monkeypatch):
    small_reports(tmp_path / "in", 1)
    monkeypatch.setattr(parquet_module, "_copy_table", _failing_copy(ERRORS["internal"]))
    with pytest.raises(OSError) as raised:
        run_batch([tmp_path / "in"], BatchOptions(tmp_path / "out", workers=1, progress=False))
    assert raised.value.errno == 28 and str(raised.value) == "[Errno 28] No space left on device"
    assert any("in the process rebuilding the collections" in note and "_copy_table" in note
               for note in raised.value.__notes__)


def test_a_killed_rebuild_child_leaves_whole_files_and_one_line(tmp_path, monkeypatch):
    small_reports(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False))
    before = collections(out)
    small_reports(tmp_path / "in" / "more", 1, seed=7)

    def killed(path):
        os.kill(os.getpid(), 9)  # in the child: as the kernel's out-of-memory killer would
    monkeypatch.setattr(parquet_module, "_copy_table", _failing_copy(killed, on_table="tables"))
    with pytest.raises(CollectionsLost, match=r"ended without a word \(exit code -9\)"):
        run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False))
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "--out", str(out)])
    assert r.exit_code == 3 and len(r.output.splitlines()) == 1 and "CollectionsLost" in r.output
    monkeypatch.undo()

    assert collections(out)["tables.parquet"] == before["tables.parquet"]
    assert (out / "manifest.csv").read_text(encoding="utf-8").count("\n") == 4  # the batch itself is recorded
    assert run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False)).rebuild.reports == 3
    assert not temporaries(out)


def _lock_free(folder: Path) -> bool:
    fd = os.open(folder / ".lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_a_rebuild_child_outliving_its_killed_parent_holds_the_folder_until_done(tmp_path):
    """The parent is killed (SIGKILL, itself only) while its child writes
    the Parquet files: no other batch may start on the folder before the
    child has finished, and what it leaves is whole."""
    small_reports(tmp_path / "in", 2)
    out, flag = tmp_path / "out", tmp_path / "child-started"
    code = ("import os, sys, time\n"
            "from pathlib import Path\n"
            "from extract.batch import BatchOptions, run_batch\n"
            "from extract.export import parquet\n"
            "real = parquet._copy_table\n"
            "def slow(conn, table, path):\n"
            "    if table.name == 'documents':\n"
            "        Path(sys.argv[3]).write_text(str(os.getpid()))\n"
            "        time.sleep(4)\n"
            "    return real(conn, table, path)\n"
            "parquet._copy_table = slow\n"
            "run_batch([sys.argv[1]], BatchOptions(sys.argv[2], workers=1, progress=False))\n")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    parent = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "in"), str(out), str(flag)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not flag.exists() and parent.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert flag.exists(), "the rebuild child did not start"
    parent.kill()
    parent.wait()

    with pytest.raises(InputError, match="another batch is writing to this folder"):
        run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False))
    while not _lock_free(out) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _lock_free(out), "the child never let the folder go"
    assert not temporaries(out)
    parquet_module.read_parquet_rows(out / "parquet")  # every file whole
    # the parent died before it marked the collections built: the next run rebuilds them
    assert run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False)).rebuild.reports == 2


def test_the_tables_are_shared_out_by_rows_each_once():
    from extract.export.rebuild import JSONL_ROWS_PER_REPORT, split_tables

    counts = {"documents": 10, "sections": 300, "checks": 700, "claims": 1500, "cells": 800, "files": 10}
    shares = split_tables(counts, reports=10, processes=2)
    assert sorted(n for share in shares for n in share) == sorted(counts)
    assert all(share == [n for n in counts if n in share] for share in shares)  # in the schema's order
    weights = [sum(counts[n] for n in share) + (10 * JSONL_ROWS_PER_REPORT if i == 0 else 0)
               for i, share in enumerate(shares)]
    assert len(shares) == 2 and max(weights) - min(weights) <= 700  # no share waits on the other by a whole table
    assert split_tables(counts, reports=10, processes=1) == [list(counts)]
    assert len(split_tables({"documents": 1}, reports=1, processes=8)) <= 2


def test_two_children_write_the_collections_one_writes(tmp_path, monkeypatch):
    from extract.export.rebuild import rebuild_apart

    small_reports(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False))
    alone = collections(out)
    run = rebuild_apart(str(out / "reports.sqlite"), out / "json", out / "reports.jsonl", out / "parquet",
                        processes=2)
    assert run.processes == 2 and run.reports == 3
    assert collections(out) == alone and not temporaries(out)

    # a failure in one share is raised as the rebuild in one process raises it, once both have ended
    monkeypatch.setattr(parquet_module, "_copy_table", _failing_copy(ERRORS["input"]))
    for processes in (1, 2):
        with pytest.raises(InputError, match="cannot write the Parquet copy"):
            rebuild_apart(str(out / "reports.sqlite"), out / "json", out / "reports.jsonl", out / "parquet",
                          processes=processes)
        assert collections(out) == alone and not temporaries(out)
