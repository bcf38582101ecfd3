#!/usr/bin/env python3
"""Benchmark: parse time per document (warm, in-process) and CLI cold start.

Each figure is printed beside a baseline measured in the same run on the same
machine, because the machines are shared and noisy:

- warm parse of each sample (median of N runs, checks off and on) beside the
  time to read the file and regex-scan it for numbers;
- `extract parse` cold start (a fresh interpreter each time) beside a bare
  `python -c pass` start.

Targets (issue 2): parse + interpretation of a 25 KB report <= 50 ms warm on
one core; `extract parse` cold start < 1.5 s.

Usage: .venv/bin/python scripts/bench_parse.py [--runs N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%|家|项|个|人|名)?")


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def baseline_scan(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    NUMBER.findall(text)
    text.splitlines()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--cold-runs", type=int, default=5)
    args = ap.parse_args()

    from extract.pipeline import parse_file

    for p in SAMPLES:  # warm up: rule files, regexes, jieba dictionary
        parse_file(p)
    print(f"{'document':<62} {'KB':>5} {'parse ms':>9} {'+check ms':>9} {'scan ms':>8} {'ratio':>7}")
    total = 0.0
    for p in SAMPLES:
        parse = median_seconds(lambda: parse_file(p, run_checks=False), args.runs)
        full = median_seconds(lambda: parse_file(p), args.runs)
        base = median_seconds(lambda: baseline_scan(p), args.runs)
        total += full
        print(f"{p.name:<62} {p.stat().st_size / 1024:5.1f} {parse * 1e3:9.2f} {full * 1e3:9.2f} "
              f"{base * 1e3:8.3f} {full / base:7.0f}x")
    print(f"documents per second (warm, with checks): {len(SAMPLES) / total:.1f}")

    exe = [str(ROOT / ".venv" / "bin" / "extract")]
    if not Path(exe[0]).exists():
        exe = [sys.executable, "-m", "extract"]
    cold = median_seconds(lambda: subprocess.run(exe + ["parse", str(SAMPLES[-1])], check=True,
                                                 stdout=subprocess.DEVNULL), args.cold_runs)
    bare = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True),
                          args.cold_runs)
    print(f"cold start `extract parse` {cold:.3f} s beside bare python {bare:.3f} s "
          f"(ratio {cold / bare:.1f}x; target < 1.5 s)")


if __name__ == "__main__":
    main()
