"""Batch conversion (extract.batch and `extract batch`): discovery, broken
files, time limits, crashes, resume after kill -9, idempotence."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from extract import batch as batch_module
from extract.batch import (
    BatchOptions, BatchProgress, ConvertSettings, DocumentTask, LocalPool, discover_reports,
    plan_batch, run_batch,
)
from extract.cli import main
from extract.export.jsonl import read_jsonl
from extract.export.parquet import read_parquet_rows
from extract.export.database import open_database, table_contents
from extract.export.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_batch", ROOT / "scripts" / "bench_batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_bench()

SMALL_REPORT = """项目支出绩效自评报告

（2023 年）

项目名称：江门市级扶持科技发展资金

一、项目概况

（一）资金安排情况。2023 年年初预算 16052 万元，调整为12480.11万元，执行数9459.61万元，完成预算的75.8%。

二、项目绩效情况

表1 专项资金支出情况

序号\t专项名称\t资金支出情况（万元）
1\t双碳实验室建设\t2293.94
2\t高新技术企业补助\t3284.16
\t合计\t5578.10

三、自评结论

经自评，本项目绩效自评得分为 92.5 分，等级为优。
"""


def small_reports(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """``count`` distinct small text reports (numbers varied) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths, seen = [], set()
    while len(paths) < count:
        text = bench.vary_numbers(SMALL_REPORT, rng)
        if text in seen:
            continue
        seen.add(text)
        path = folder / f"r{len(paths):03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def broken_files(folder: Path) -> dict[str, str]:
    """Write an empty file, a binary .txt and undecodable bytes; return
    file name -> the error class each must fail with."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "undecodable.txt").write_bytes("预算执行".encode("utf-8") + b"\xff\xfe\x80\x81" + b"\x81\xff" * 8)
    return {"empty.txt": "EmptyInput", "binary.txt": "BinaryInput", "undecodable.txt": "UnreadableEncoding"}


def manifest(out: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return {Path(r["path"]).name: r for r in rows}


def comparable(out: Path) -> dict:
    """Everything a batch stored, without what may differ between runs."""
    engine = open_database(str(out / "reports.sqlite"))
    try:
        contents = table_contents(engine)
    finally:
        engine.dispose()
    json_files = {p.name: p.read_text(encoding="utf-8") for p in sorted((out / "json").glob("*.json"))}
    parquet = read_parquet_rows(out / "parquet")
    for rows in (contents["files"], parquet["files"]):  # when each was converted differs
        for row in rows:
            row["converted_at"] = type(row["converted_at"]).__name__
    return {"db": contents, "json": json_files,
            "jsonl": (out / "reports.jsonl").read_text(encoding="utf-8"), "parquet": parquet}


# ---------------------------------------------------------------- discovery and planning

def test_discovery_is_recursive_by_extension_and_survives_link_loops(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.txt", "a/b/y.PDF", "a/b/z.docx", "a/w.html", "a/v.htm", "a/notes.md", "a/b/t.csv"):
        (tmp_path / name).write_text("x")
    (tmp_path / "a" / "b" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "same.txt").symlink_to(tmp_path / "a" / "x.txt")
    found = [p.relative_to(tmp_path).as_posix() for p in discover_reports([tmp_path / "a"])]
    # x.txt and the link same.txt are one file: listed once, by the first name
    assert found == ["a/b/y.PDF", "a/b/z.docx", "a/same.txt", "a/v.htm", "a/w.html"]
    assert discover_reports([tmp_path / "a" / "notes.md"]) == [tmp_path / "a" / "notes.md"]


def test_plan_skips_converted_and_repeated_content(tmp_path):
    paths = small_reports(tmp_path, 2)
    (tmp_path / "z-copy.txt").write_bytes(paths[0].read_bytes())
    files = discover_reports([tmp_path])
    rows, tasks = plan_batch(files, {})
    assert [t.path for t in tasks] == [str(p) for p in paths]
    copy = next(r for r in rows if r.path.endswith("z-copy.txt"))
    assert copy.status == "skipped" and copy.note == f"same content as {paths[0]}"


def test_progress_bar_shows_pages_and_failures(capsys):
    progress = BatchProgress(2, enabled=True)
    progress.advance(batch_module.DocumentResult("a", "0", "done", pages=3))
    progress.advance(batch_module.DocumentResult("b", "1", "failed", error_class="EmptyInput"))
    progress.close()
    err = capsys.readouterr().err
    assert "2/2" in err and "pages=3" in err and "failed=1" in err


# ---------------------------------------------------------------- the batch

def test_valid_and_broken_files_keep_going(tmp_path):
    inputs = tmp_path / "in"
    small_reports(inputs, 3)
    expected_failures = broken_files(inputs / "broken")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 1, result.output  # some failed
    assert "6 reports: 3 done, 0 skipped, 3 failed" in result.output
    rows = manifest(out)
    for name, error_class in expected_failures.items():
        assert rows[name]["status"] == "failed" and rows[name]["error_class"] == error_class
        assert rows[name]["error"] and name in result.output
    done = [r for r in rows.values() if r["status"] == "done"]
    assert len(done) == 3 and all((out / "json" / f"{r['sha256']}.json").exists() for r in done)
    assert (out / "manifest.csv").read_text(encoding="utf-8").count("\n") == 7
    assert len(list(read_jsonl(out / "reports.jsonl"))) == 3

    again = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(out)])
    assert again.exit_code == 1 and "3 done" not in again.output
    assert "0 done, 3 skipped, 3 failed" in again.output
    assert len(comparable(out)["db"]["documents"]) == 3


def test_fail_fast_stops_and_says_so(tmp_path):
    inputs = tmp_path / "in"
    broken_files(inputs)
    small_reports(inputs / "z", 2)
    result = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(tmp_path / "out"),
                                       "--workers", "1", "--fail-fast"])
    assert result.exit_code == 2
    statuses = [r["status"] for r in manifest(tmp_path / "out").values()]
    assert statuses.count("failed") == 1 and "pending" in statuses


def _stuck_or_crashing_parse(real_parse):
    """A parser that hangs past any alarm on stuck*.txt and kills its own
    process on crash*.txt."""
    def parse(task, settings):
        name = Path(task.path).name
        if name.startswith("stuck"):
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])  # like native code: deaf
            time.sleep(30)
        if name.startswith("crash"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real_parse(task, settings)
    return parse


def _slow_loader(real_load_document):
    def load_document(path, *args, **kwargs):
        if Path(path).name.startswith("slow"):
            time.sleep(30)
        return real_load_document(path, *args, **kwargs)
    return load_document


def test_time_limit_and_crashed_worker_fail_only_their_document(tmp_path, monkeypatch):
    # Workers are forked from this process, so they run the patched code.
    import extract.pipeline

    monkeypatch.setattr(batch_module, "_parse", _stuck_or_crashing_parse(batch_module._parse))
    monkeypatch.setattr(extract.pipeline, "load_document", _slow_loader(extract.pipeline.load_document))
    good = small_reports(tmp_path, 3)
    for name in ("slow.txt", "stuck.txt", "crash.txt"):
        (tmp_path / name).write_bytes(good[0].read_bytes())
    tasks = [DocumentTask(str(p), str(i)) for i, p in enumerate(sorted(tmp_path.glob("*.txt")))]
    start = time.monotonic()
    results = {Path(r.path).name: r for r in LocalPool(2, ConvertSettings(timeout=1)).run(tasks)}
    assert time.monotonic() - start < 20
    assert results["slow.txt"].error_class == "LimitExceeded"  # the alarm in the worker
    assert results["slow.txt"].error == "took longer than the time limit of 1 s"
    assert results["stuck.txt"].error_class == "LimitExceeded"  # the worker killed
    assert "stopped from outside" in results["stuck.txt"].error
    assert results["crash.txt"].error_class == "WorkerCrashed"
    assert [r.status for n, r in sorted(results.items()) if n.startswith("r")] == ["done"] * 3


def test_rerun_is_idempotent(tmp_path):
    small_reports(tmp_path / "in", 4)
    out = tmp_path / "out"
    first = run_batch([tmp_path / "in"], BatchOptions(out, workers=2, progress=False))
    before = comparable(out)
    second = run_batch([tmp_path / "in"], BatchOptions(out, workers=2, progress=False))
    assert first.counts["done"] == 4 and second.counts["skipped"] == 4 and second.counts["done"] == 0
    assert comparable(out) == before
    assert [r.check_errors for r in second.rows] == [r.check_errors for r in first.rows]


def _count_json(folder: Path) -> int:
    return len(list(folder.glob("*.json"))) if folder.exists() else 0


def test_kill_9_mid_batch_then_resume_equals_a_clean_run(tmp_path):
    inputs = tmp_path / "in"
    small_reports(inputs, 200)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extract", "batch", str(inputs), "--out", str(out), "--workers", "2"]
    proc = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count_json(out / "json") < 30 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    converted_before_kill = _count_json(out / "json")
    assert 30 <= converted_before_kill < 200, "the kill must land mid-batch"
    for path in (out / "json").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # no half-written file under a real name

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "200 reports:" in resumed.stdout and "0 failed" in resumed.stdout
    skipped = sum(r["status"] == "skipped" for r in manifest(out).values())
    assert skipped >= converted_before_kill - 2  # the last few may not have reached the database

    clean = tmp_path / "clean"
    run_batch([inputs], BatchOptions(clean, workers=2, progress=False))
    after_resume, after_clean = comparable(out), comparable(clean)
    for table in TABLES:
        assert len(after_resume["db"][table.name]) == len(after_clean["db"][table.name]), table.name
    assert after_resume == after_clean
    assert len(after_resume["db"]["documents"]) == 200 == len(after_resume["json"])
    assert len({d["sha256"] for d in after_resume["db"]["documents"]}) == 200
    assert not list(out.rglob(".*.tmp"))


# ---------------------------------------------------------------- exit codes and the manifest (issue 19)

def test_batch_exit_codes(tmp_path):
    inputs = tmp_path / "in"
    small_reports(inputs / "good", 2)
    assert CliRunner().invoke(main, ["batch", str(inputs / "good"), "--out", str(tmp_path / "o1")]).exit_code == 0
    broken_files(inputs / "bad")
    r = CliRunner().invoke(main, ["batch", str(inputs / "bad"), "--out", str(tmp_path / "o2")])
    assert r.exit_code == 2, r.output  # nothing could be converted
    (tmp_path / "none").mkdir()
    (tmp_path / "none" / "a.csv").write_text("x", encoding="utf-8")
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "none"), "--out", str(tmp_path / "o3")])
    assert r.exit_code == 2
    assert "no report found" in r.output and " ".join(batch_module.REPORT_SUFFIXES) in r.output


def test_manifest_is_complete_after_kill_9(tmp_path):
    """The coordinating process is killed (SIGKILL) where the manifest
    would be written at the end: the rows appended as each document
    finished are all there."""
    import os
    import subprocess
    import sys

    inputs = tmp_path / "in"
    small_reports(inputs, 3)
    broken_files(inputs / "broken")
    out = tmp_path / "out"
    code = ("import os, signal, sys\n"
            "from extract import batch, cli\n"
            "batch.BatchOutputs.write_manifest = lambda self, rows: os.kill(os.getpid(), signal.SIGKILL)\n"
            "sys.argv = ['extract', 'batch', sys.argv[1], '--out', sys.argv[2], '--workers', '1']\n"
            "cli.main()\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.run([sys.executable, "-c", code, str(inputs), str(out)], env=env,
                          capture_output=True, timeout=300)
    assert proc.returncode == -9, proc.stderr.decode()
    rows = manifest(out)
    assert len(rows) == 6
    assert sorted(r["status"] for r in rows.values()) == ["done"] * 3 + ["failed"] * 3
    assert (out / "manifest.csv").read_text(encoding="utf-8").count("\n") == 7


def test_a_run_with_checks_converts_again_what_a_run_without_them_made(tmp_path):
    # batch --no-checks, then batch: the reports made without checks are no
    # reports with checks, so they are converted again (not kept as done)
    small_reports(tmp_path / "in", 2)
    out = tmp_path / "out"
    unchecked = run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False, run_checks=False))
    assert unchecked.counts["done"] == 2
    checked = run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False))
    assert checked.counts["done"] == 2 and checked.counts["skipped"] == 0
    again = run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False))
    assert again.counts["skipped"] == 2
    # a run without checks keeps what a run with them made
    lean = run_batch([tmp_path / "in"], BatchOptions(out, workers=1, progress=False, run_checks=False))
    assert lean.counts["skipped"] == 2


def test_the_benchmark_says_what_other_work_took(tmp_path):
    # scripts/bench_batch.py: a run gives the load around it and each
    # worker's seconds waiting for a core, so a reading tells its weather
    small_reports(tmp_path / "in", 2)
    r = bench.run(tmp_path / "in", tmp_path / "out", 2, ROOT / "rules")
    assert r["done"] == 2 and {"load_before", "load", "parent_sched_ns"} <= set(r)
    assert len(r["workers_sched_ns"]) == 2 and all(run > 0 <= wait for run, wait in r["workers_sched_ns"])
    assert 0 <= bench.core_wait(r) < r["timings"]["convert"] + 1
