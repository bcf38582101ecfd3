"""The Dask executor: the same batch on a Dask cluster (a LocalCluster on
loopback, over TCP) gives the same outputs as the local worker processes."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed (pip install 'extract[dask]')")

from extract import batch as batch_module  # noqa: E402
from extract.batch import BatchOptions, ConvertSettings, DocumentTask, convert_on_dask_worker, run_batch  # noqa: E402
from test_batch import SAMPLES, broken_files, comparable, manifest, small_reports  # noqa: E402


@pytest.fixture(scope="module")
def scheduler():
    """A scheduler and one single-threaded worker in this process, on 127.0.0.1 over TCP."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                      host="127.0.0.1", dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        yield cluster.scheduler_address


def _inputs(folder: Path) -> Path:
    small_reports(folder, 4)
    for sample in SAMPLES:
        (folder / sample.name).write_bytes(sample.read_bytes())
    broken_files(folder / "broken")
    return folder


def _statuses(out: Path) -> dict:
    return {name: (r["sha256"], r["status"], r["error_class"], r["error"], r["check_errors"])
            for name, r in manifest(out).items()}


def test_dask_gives_the_same_outputs_as_local(tmp_path, scheduler):
    inputs = _inputs(tmp_path / "in")
    local = run_batch([inputs], BatchOptions(tmp_path / "local", workers=2, progress=False))
    on_dask = run_batch([inputs], BatchOptions(tmp_path / "dask", executor="dask", scheduler=scheduler,
                                               progress=False))
    assert local.counts == on_dask.counts and on_dask.counts["done"] == 6 and on_dask.counts["failed"] == 3
    assert _statuses(tmp_path / "dask") == _statuses(tmp_path / "local")
    assert comparable(tmp_path / "dask") == comparable(tmp_path / "local")


def test_batch_command_on_a_dask_scheduler(tmp_path, scheduler):
    inputs = tmp_path / "in"
    small_reports(inputs, 3)
    broken_files(inputs)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extract", "batch", str(inputs), "--out", str(out),
               "--executor", "dask", "--scheduler", scheduler]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr  # some reports failed
    assert "6 reports: 3 done, 0 skipped, 3 failed" in done.stdout
    assert all(json.loads(p.read_text(encoding="utf-8")) for p in (out / "json").glob("*.json"))


def test_time_limit_on_a_dask_worker(tmp_path, monkeypatch):
    real_parse = batch_module._parse

    def slow_parse(task, settings):
        time.sleep(3)
        return real_parse(task, settings)

    monkeypatch.setattr(batch_module, "_parse", slow_parse)
    (path,) = small_reports(tmp_path, 1)
    task = DocumentTask(str(path), "0" * 64, path.read_bytes())
    start = time.monotonic()
    result = convert_on_dask_worker(task, ConvertSettings(timeout=0.5))
    assert time.monotonic() - start < 2.5
    assert result.status == "failed" and result.error_class == "LimitExceeded"


def test_shipped_bytes_keep_the_original_path(tmp_path):
    (path,) = small_reports(tmp_path, 1)
    task = DocumentTask("/elsewhere/" + path.name, "0" * 64, path.read_bytes())
    result = convert_on_dask_worker(task, ConvertSettings(timeout=None))
    assert result.status == "done"
    assert json.loads(result.report_json)["source"]["path"] == "/elsewhere/" + path.name
    assert result.rows["documents"][0]["path"] == "/elsewhere/" + path.name
