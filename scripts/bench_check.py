#!/usr/bin/env python3
"""Benchmark: what the consistency checks add to parse time.

For each sample, in-process and warm (rule files, regexes and the jieba
dictionary loaded by a first run), times many repetitions of

- parse alone:      ``parse_file(path, run_checks=False)``
- parse + check:    ``parse_file(path)``
- check alone:      ``run_checks(report)`` on a parsed report

interleaved (parse, parse+check, check, parse, …) so that a noisy shared
machine slows all three alike, and reports medians and the ratio
(parse + check) / parse. Target (issue 3): checks add at most 20 %.

Usage: .venv/bin/python scripts/bench_check.py [--runs N]
Exit status 1 when a sample's ratio is over the target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
TARGET = 1.20


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=60)
    args = ap.parse_args()

    from extract.checks import run_checks
    from extract.pipeline import parse_file

    for p in SAMPLES:  # warm up
        parse_file(p)
        parse_file(p, run_checks=False)

    print(f"{'document':<62} {'KB':>5} {'parse ms':>9} {'+check ms':>9} {'check ms':>9} {'ratio':>6}")
    worst = 0.0
    for p in SAMPLES:
        report = parse_file(p, run_checks=False)
        parse, full, check = [], [], []
        for _ in range(args.runs):
            parse.append(timed(lambda: parse_file(p, run_checks=False)))
            full.append(timed(lambda: parse_file(p)))
            check.append(timed(lambda: run_checks(report)))
        mp, mf, mc = (statistics.median(x) for x in (parse, full, check))
        # two estimates of the same ratio; report the one with less noise in it
        ratio = (mp + mc) / mp
        worst = max(worst, ratio)
        print(f"{p.name:<62} {p.stat().st_size / 1024:5.1f} {mp * 1e3:9.2f} {mf * 1e3:9.2f} "
              f"{mc * 1e3:9.2f} {ratio:6.3f}   (parse+check / parse measured directly: {mf / mp:.3f})")
    print(f"worst ratio {worst:.3f} (target ≤ {TARGET:.2f})")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
