#!/usr/bin/env python3
"""Benchmark: `extract batch` on 1,000 text reports with 1 and 2 workers.

The reports are made from samples/ with varied numbers (every decimal figure
redrawn with the same digits before and after the point), so each has its
own sha256 and goes through the whole pipeline. Each run starts from an empty
output folder and writes everything a batch writes (JSON, SQLite, JSONL,
Parquet, manifest).

Each configuration runs in a fresh interpreter, as the CLI would. Figures:
reports per second for the conversion (workers busy, results stored as they
come) and overall (with start-up, hashing, the one-time warm-up of word lists
and rules, and the JSONL/Parquet rebuild), the scaling ratio of 2 workers
over 1, and the peak memory (RSS, shared pages included) of any worker and
of the parent (which rebuilds JSONL/Parquet at the end).

Runs are paired: each repetition runs 1 worker and 2 workers back to back
(the order swapped every other repetition), and the scaling ratio is taken
within each pair, then summarised by its minimum and median (issue 22: the
old script kept the fastest run of each count separately, so a lucky
2-worker run beside an unlucky 1-worker run reported scaling above the
ceiling). The parent runs in a fresh interpreter started by a small one, so
its peak is its own (scripts/benchlib.py).

The machine may be shared, so each run says how much others took: the
1-minute load average before and after it, and the seconds each worker was
ready to run with no core free (its run-queue delay, from
``/proc/thread-self/schedstat``, which each worker leaves in a file when it
stops). Beside the measured ratio the summary gives the script's own
ceiling, 2 x (worker CPU per document with 1 worker) / (worker + parent CPU
per document with 2 workers): what two idle cores could give at that cost;
and the ratio with the core waits taken out of each run's conversion time,
an estimate of what idle cores would measure. Run it when ``uptime`` shows
a load below about 1.5, and give the load and the waits with the figures.

Targets (issue 5): ratio >= 1.8 on 2 workers for text reports; peak RSS per
worker < 300 MB.

``--rebuild N`` measures the parent's rebuild of the collections alone
(issue 22: its peak at most a third of before): a batch of N reports made
from samples/ and the corpus texts (../shared/corpus, when there) is
converted once, then each repetition rebuilds ``reports.jsonl`` and
``parquet/`` from it in a fresh interpreter (the stamp removed first) and
reads that process's peak RSS (``VmHWM``) over the rebuild and its RSS
before it, in two modes: as a batch leaves the parent (nothing of pyarrow
loaded, as a real run) and with pyarrow imported before the first figure
(the figure earlier sessions gave). Since the rebuild runs in a child
process, the child's own rise (its peak over its RSS when forked) is
printed too: that memory is not saved, it is moved out of the long-lived
parent and given back when the child ends. With ``--baseline-src DIR`` (a ``src`` folder of another
version, e.g. ``git archive COMMIT src | tar -x -C /tmp/base``) the
baseline's rebuild runs in turns with this one's on the same output, and
the figures are given as ratios to it.

Usage: .venv/bin/python scripts/bench_batch.py [--reports N] [--repeat N] [--keep DIR] [--json]
       .venv/bin/python scripts/bench_batch.py --rebuild 200 [--baseline-src DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import LAUNCHER  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
CORPUS = ROOT.parent / "shared" / "corpus"
DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?![\d.])")


def vary_numbers(text: str, rng: random.Random) -> str:
    """``text`` with each decimal figure redrawn: same number of digits
    before and after the point, no leading zero added."""
    def redraw(m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2)
        first = str(rng.randint(1, 9)) if len(whole) > 1 else str(rng.randint(0, 9))
        rest = "".join(str(rng.randint(0, 9)) for _ in range(len(whole) - 1))
        return f"{first}{rest}.{''.join(str(rng.randint(0, 9)) for _ in frac)}"
    return DECIMAL.sub(redraw, text)


def make_varied_reports(folder: Path, count: int, samples=SAMPLES, seed: int = 5) -> list[Path]:
    """Write ``count`` distinct reports made from ``samples`` into
    ``folder`` (``report-0001.txt`` …); return their paths."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in samples]
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    paths = []
    for i in range(count):
        while True:
            text = vary_numbers(texts[i % len(texts)], rng)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                break
        path = folder / f"report-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


RUN_ONE = """
import json, os, sys, time
from pathlib import Path
import extract.batch as batch
from extract.batch import BatchOptions, run_batch

def schedstat():
    # this thread's time on a core and time ready to run but waiting for one (ns)
    try:
        with open("/proc/thread-self/schedstat") as f:
            run, wait, _ = f.read().split()
        return int(run), int(wait)
    except (OSError, ValueError):
        return None

stats = Path(sys.argv[5])
real_loop = batch._worker_loop

def worker_loop(conn, settings):
    # a worker: when told to stop, it leaves its scheduler figures in stats/PID
    try:
        real_loop(conn, settings)
    finally:
        figures = schedstat()
        if figures:
            (stats / str(os.getpid())).write_text(json.dumps(figures))

batch._worker_loop = worker_loop
load_before = os.getloadavg()[0]
parent_before = schedstat()
start = time.perf_counter()
s = run_batch([sys.argv[1]], BatchOptions(sys.argv[2], workers=int(sys.argv[3]), progress=False,
                                          rules=sys.argv[4]))
total = time.perf_counter() - start
parent_after = schedstat()
from collections import Counter
why = Counter(f"{r.error_class}: {r.error[:100]}" for r in s.failed).most_common(3)
workers = [json.loads(p.read_text()) for p in sorted(stats.iterdir())]
print(json.dumps({"done": s.counts["done"], "failed": s.counts["failed"], "timings": s.timings,
                  "load_before": load_before, "load": os.getloadavg()[0],
                  "total": total, "rss_kb": s.peak_worker_rss_kb, "why": why,
                  "workers_sched_ns": workers,
                  "rebuild": vars(s.rebuild) if getattr(s, "rebuild", None) else None,
                  "parent_sched_ns": [b - a for a, b in zip(parent_before, parent_after)] if parent_before else None,
                  "parent_hwm_kb": next((int(line.split()[1]) for line in open("/proc/self/status")
                                         if line.startswith("VmHWM:")), None)}))
"""


def run(reports: Path, out: Path, workers: int, rules: Path) -> dict:
    """One batch in a fresh interpreter (as the CLI runs it); its figures."""
    shutil.rmtree(out, ignore_errors=True)
    stats = out.parent / f"{out.name}-sched"
    shutil.rmtree(stats, ignore_errors=True)
    stats.mkdir(parents=True)
    done = subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, "-c", RUN_ONE, str(reports), str(out),
                           str(workers), str(rules), str(stats)], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def core_wait(r: dict) -> float:
    """Seconds each worker of a run spent ready to run but waiting for a
    core (the scheduler's run-queue delay), on average over the workers:
    time other work on the machine took from the conversion."""
    workers = r.get("workers_sched_ns") or []
    return sum(wait for _, wait in workers) / len(workers) / 1e9 if workers else 0.0


def paired_runs(reports: Path, work: Path, repeat: int) -> list[dict[int, dict]]:
    """``repeat`` pairs of runs, 1 and 2 workers back to back, the order
    swapped every other pair (1, 2; 2, 1; …): the machine may be shared,
    and a pair sees the same weather. The rule files are copied first, so
    every run reads the same ones."""
    rules = work / "rules"
    shutil.rmtree(rules, ignore_errors=True)
    shutil.copytree(ROOT / "rules", rules)
    pairs = []
    for i in range(repeat):
        pair = {}
        for workers in ((1, 2) if i % 2 == 0 else (2, 1)):
            pair[workers] = run(reports, work / f"out-{workers}", workers, rules)
        pairs.append({w: pair[w] for w in (1, 2)})
    return pairs


REBUILD_ONE = """
import json, os, sys, time
from pathlib import Path
from extract.batch import BatchOutputs

def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key))

out = Path(sys.argv[1])
outputs = BatchOutputs(out)
(out / ".collections").unlink(missing_ok=True)
if sys.argv[2] == "preload":  # the old figure: pyarrow loaded before the 'before' figure
    import pyarrow, pyarrow.parquet
before = status("VmRSS:")
with open("/proc/self/clear_refs", "w") as f:  # resets VmHWM to the current RSS
    f.write("5")
start = time.perf_counter()
rebuilt = outputs.rebuild_collections()
seconds = time.perf_counter() - start
outputs.close()
child = getattr(outputs, "rebuild", None)  # a version that rebuilds in a child process
print(json.dumps({"rebuilt": rebuilt, "seconds": seconds, "before_kb": before, "peak_kb": status("VmHWM:"),
                  "pyarrow_in_parent": "pyarrow" in sys.modules, "pandas_in_parent": "pandas" in sys.modules,
                  "child_start_kb": child.start_rss_kb if child else None,
                  "child_peak_kb": child.peak_rss_kb if child else None}))
"""


def rebuild_once(out: Path, src: Path, preload: bool = False) -> dict:
    """One rebuild of ``out``'s collections in a fresh interpreter, with the
    package from ``src`` (``preload``: pyarrow imported before the figures
    start); its figures."""
    import os

    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, "-c", REBUILD_ONE, str(out),
                           "preload" if preload else "as-batch"],
                          check=True, capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def rebuild_samples() -> list[Path]:
    """The texts a rebuild batch is made from: samples/ and the corpus."""
    return SAMPLES + sorted(CORPUS.glob("*/*.txt"))


def bench_rebuild(work: Path, count: int, repeat: int, baseline_src: Path | None, as_json: bool) -> None:
    """Convert ``count`` reports once, then time and weigh the rebuild of the
    collections, in turns with the baseline's when there is one."""
    reports, out = work / "rebuild-reports", work / "rebuild-out"
    samples = rebuild_samples()
    make_varied_reports(reports, count, samples)
    shutil.rmtree(out, ignore_errors=True)
    rules = work / "rules"
    shutil.rmtree(rules, ignore_errors=True)
    shutil.copytree(ROOT / "rules", rules)
    first = run(reports, out, 2, rules)
    print(f"{count} reports from {len(samples)} texts: {first['done']} done, {first['failed']} failed; "
          f"{sum(1 for _ in (out / 'json').glob('*.json'))} JSON files, "
          f"{(out / 'reports.jsonl').stat().st_size / 2**20:.1f} MB of JSONL")
    candidates = {"this": ROOT / "src"}
    if baseline_src:
        candidates = {"baseline": baseline_src.resolve(), **candidates}
    modes = ("as-batch", "preload")
    runs: dict[tuple[str, str], list[dict]] = {(name, mode): [] for mode in modes for name in candidates}
    for i in range(repeat):
        order = list(runs) if i % 2 == 0 else list(reversed(runs))
        for name, mode in order:
            runs[(name, mode)].append(rebuild_once(out, candidates[name], preload=mode == "preload"))
    print("as-batch: the parent as a batch leaves it (pyarrow not loaded); preload: pyarrow imported before "
          "the 'before' figure (the figure of earlier sessions).\nrise = the parent's peak over the rebuild "
          "minus its RSS before it; child rise = the rebuilding child's peak minus its RSS when forked "
          "(pages shared with the parent counted at the start): the memory moved out of the parent")
    print(f"{'version':>9} {'mode':>8} {'peak MB':>8} {'before MB':>9} {'rise MB':>8} {'child rise MB':>13} "
          f"{'seconds':>9} {'pyarrow in parent':>17}   (min/median of {repeat})")

    def min_med(values: list[float], fmt: str = "4.0f") -> str:
        return f"{min(values):{fmt}}/{statistics.median(values):<{fmt.split('.')[0]}.{fmt.split('.')[1]}}"

    figures = {}
    for (name, mode), rs in runs.items():
        peak = [r["peak_kb"] / 1024 for r in rs]
        rise = [(r["peak_kb"] - r["before_kb"]) / 1024 for r in rs]
        child = [(r["child_peak_kb"] - r["child_start_kb"]) / 1024 for r in rs if r.get("child_peak_kb")]
        secs = [r["seconds"] for r in rs]
        figures[f"{name} {mode}"] = {
            "peak_mb": statistics.median(peak), "rise_mb": statistics.median(rise),
            "rise_min_mb": min(rise), "seconds": statistics.median(secs),
            "before_mb": statistics.median(r["before_kb"] / 1024 for r in rs),
            "child_rise_mb": statistics.median(child) if child else None}
        print(f"{name:>9} {mode:>8} {min_med(peak):>8} {figures[f'{name} {mode}']['before_mb']:>9.0f} "
              f"{min_med(rise):>8} {min_med(child) if child else '-':>13} {min_med(secs, '4.2f'):>9} "
              f"{str(any(r['pyarrow_in_parent'] for r in rs)):>17}")
    if baseline_src:
        for mode in modes:
            a, b = figures[f"this {mode}"], figures[f"baseline {mode}"]
            print(f"{mode}: this / baseline: the parent's rise over its RSS before the rebuild, median "
                  f"{a['rise_mb'] / b['rise_mb']:.2f}, min {a['rise_min_mb'] / b['rise_min_mb']:.2f} "
                  f"(target: at most 0.33); peak {a['peak_mb'] / b['peak_mb']:.2f}; seconds "
                  f"{a['seconds'] / b['seconds']:.2f}")
    if as_json:
        print(json.dumps({"runs": {f"{n} {m}": rs for (n, m), rs in runs.items()}, "figures": figures}, indent=2))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3, help="Pairs of runs (1 and 2 workers back to back).")
    ap.add_argument("--json", action="store_true", help="Also print every run and the summary as JSON.")
    ap.add_argument("--keep", type=Path, help="Make the reports and outputs here and keep them.")
    ap.add_argument("--rebuild", type=int, metavar="N",
                    help="Measure only the parent's rebuild of JSONL/Parquet, on a batch of N reports.")
    ap.add_argument("--baseline-src", type=Path, metavar="DIR",
                    help="With --rebuild: the src folder of the version to compare with.")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="extract-bench-"))
    try:
        if args.rebuild:
            bench_rebuild(work, args.rebuild, args.repeat, args.baseline_src, args.json)
            return
        reports = work / "reports"
        t = time.perf_counter()
        make_varied_reports(reports, args.reports)
        print(f"{args.reports} reports made from {len(SAMPLES)} samples in {time.perf_counter() - t:.1f} s")
        print(f"{'pair':>4} {'workers':>7} {'done':>5} {'failed':>6} {'warm-up s':>9} {'convert s':>9} "
              f"{'reports/s':>9} {'core wait s':>11} {'collections s':>13} {'total s':>7} {'overall/s':>9} "
              f"{'worker MB':>9} {'parent MB':>9} {'worker ms/doc':>13} {'parent ms/doc':>13} {'load':>9}")
        pairs = paired_runs(reports, work, args.repeat)
        scaling, scaling_overall, ceilings, unwaited, loads = [], [], [], [], []
        for i, pair in enumerate(pairs):
            rates, overall, rates_unwaited, worker_ms = {}, {}, {}, {}
            for workers, r in pair.items():
                t = r["timings"]
                rates[workers] = r["done"] / t["convert"]
                overall[workers] = r["done"] / r["total"]
                wait = core_wait(r)
                rates_unwaited[workers] = r["done"] / max(t["convert"] - wait, 1e-9)
                worker_ms[workers] = 1000 * t["convert_workers_cpu"] / r["done"]
                parent_ms = 1000 * t["convert_cpu"] / r["done"]
                loads += [r.get("load_before", r["load"]), r["load"]]
                print(f"{i:>4} {workers:>7} {r['done']:>5} {r['failed']:>6} {t['warm_up']:>9.1f} "
                      f"{t['convert']:>9.1f} {rates[workers]:>9.1f} {wait:>11.1f} {t['collections']:>13.1f} "
                      f"{r['total']:>7.1f} {overall[workers]:>9.1f} {r['rss_kb'] / 1024:>9.0f} "
                      f"{(r['parent_hwm_kb'] or 0) / 1024:>9.0f} {worker_ms[workers]:>13.1f} {parent_ms:>13.1f} "
                      f"{r.get('load_before', float('nan')):>4.1f}>{r['load']:<4.1f}")
                for reason, n in r["why"]:
                    print(f"        failed x{n}: {reason}")
            # two idle cores shared by the 2-worker run's workers and parent, at the
            # 1-worker run's CPU per document: the most 2 workers could give
            ceilings.append(2 * worker_ms[1] / (worker_ms[2] + parent_ms))
            scaling.append(rates[2] / rates[1])
            scaling_overall.append(overall[2] / overall[1])
            unwaited.append(rates_unwaited[2] / rates_unwaited[1])
        summary = {
            "scaling_convert": {"min": min(scaling), "median": statistics.median(scaling), "each": scaling},
            "scaling_overall": {"min": min(scaling_overall), "median": statistics.median(scaling_overall),
                                "each": scaling_overall},
            "scaling_without_core_waits": {"min": min(unwaited), "median": statistics.median(unwaited),
                                           "each": unwaited},
            "ceiling_from_cpu": {"min": min(ceilings), "median": statistics.median(ceilings), "each": ceilings},
            "load": {"min": min(loads), "max": max(loads)},
            "parent_peak_mb": {w: max((p[w]["parent_hwm_kb"] or 0) for p in pairs) // 1024 for w in (1, 2)},
            "worker_peak_mb": {w: max(p[w]["rss_kb"] for p in pairs) // 1024 for w in (1, 2)},
            "rebuild_child_rise_mb": [(r["rebuild"]["peak_rss_kb"] - r["rebuild"]["start_rss_kb"]) // 1024
                                      for p in pairs for r in p.values() if r.get("rebuild")],
        }
        f = summary
        print(f"scaling ratio 2 workers / 1, paired: converting min {f['scaling_convert']['min']:.2f}, "
              f"median {f['scaling_convert']['median']:.2f} (target >= 1.8); overall min "
              f"{f['scaling_overall']['min']:.2f}, median {f['scaling_overall']['median']:.2f}")
        print(f"ceiling on 2 idle cores from CPU per document, 2 x worker(1) / (worker(2) + parent(2)): min "
              f"{f['ceiling_from_cpu']['min']:.2f}, median {f['ceiling_from_cpu']['median']:.2f}")
        print(f"converting with the workers' core waits taken out (seconds ready to run with no core free, "
              f"/proc schedstat; an estimate of the ratio on idle cores): min "
              f"{f['scaling_without_core_waits']['min']:.2f}, median {f['scaling_without_core_waits']['median']:.2f}")
        print(f"peak RSS, MB: parent {summary['parent_peak_mb']}, worker {summary['worker_peak_mb']} (by workers); "
              f"the child rebuilding JSONL/Parquet rose by {summary['rebuild_child_rise_mb']} over its start")
        waited = max(core_wait(r) / r["timings"]["convert"] for p in pairs for r in p.values())
        summary["core_wait_share_max"] = waited
        print(f"load (1-minute average, before>after each run; a run's own workers raise it): "
              f"{f['load']['min']:.1f} to {f['load']['max']:.1f}; the workers waited for a core up to "
              f"{100 * waited:.0f}% of a run's conversion"
              + ("  -- other work shared the cores: the measured ratios are low by that" if waited > 0.05 else ""))
        if args.json:
            print(json.dumps({"pairs": pairs, "summary": summary}, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
