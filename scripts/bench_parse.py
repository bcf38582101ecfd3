#!/usr/bin/env python3
"""Benchmark: parse time per document (warm, in-process) and CLI cold start.

Each figure is the minimum and the median of repetitions taken in turns with
a baseline measured in the same run on the same machine (scripts/benchlib.py),
because the machines are shared and noisy:

- warm, per sample: parse alone (checks off), parse + checks, and parse +
  checks + the JSON ``extract parse`` writes (``report_json``), beside the
  time to read the file and regex-scan it for numbers;
- `extract parse` cold start (a fresh interpreter each time, JSON to a file)
  beside a bare `python -c pass` start, with the package's bytecode written
  first, as an installed copy has it (benchlib.compile_bytecode), and the
  start-up caches in the temporary folder (the validated rule set, the
  jieba dictionary) written by one run first, as any earlier run leaves
  them; wall-clock seconds and, beside them, the CPU seconds (user +
  system) of the same runs, which other work on a shared machine disturbs
  much less.

Targets (issue 22): a 25 KB text report parse + check + JSON at most 40 ms
warm on one core; `extract parse` cold start at most 25x `python -c pass`.

Usage: .venv/bin/python scripts/bench_parse.py [--runs N] [--cold-runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import alternate, compile_bytecode, ratios, summary  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%|家|项|个|人|名)?")


def baseline_scan(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    NUMBER.findall(text)
    text.splitlines()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    from extract.export.jsonfile import report_json
    from extract.pipeline import parse_file

    for p in SAMPLES:  # warm up: rule files, regexes, jieba dictionary
        report_json(parse_file(p))
    result: dict = {"warm": {}, "runs": args.runs, "cold_runs": args.cold_runs}
    for p in SAMPLES:
        f = alternate({
            "parse": lambda: parse_file(p, run_checks=False),
            "parse_check": lambda: parse_file(p),
            "parse_check_json": lambda: report_json(parse_file(p)),
            "scan": lambda: baseline_scan(p),
        }, args.runs)
        result["warm"][p.name] = {"kb": round(p.stat().st_size / 1024, 1), "seconds": f,
                                  "parse_check_json_over_scan": ratios(f, "parse_check_json", "scan"),
                                  "json_share_of_parse_check_json": round(
                                      1 - f["parse_check"]["median"] / f["parse_check_json"]["median"], 3)}

    compile_bytecode()
    cpu: dict[str, list[float]] = {"extract_parse": [], "python_pass": []}

    def child(name: str, command: list[str]) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)

    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "extract", "parse", str(SAMPLES[-1]), "--out", tmp]
        child("extract_parse", cmd)  # the start-up caches (rule set, dictionary) written once, as after any first run
        cpu["extract_parse"].clear()
        cold = alternate({
            "extract_parse": lambda: child("extract_parse", cmd),
            "python_pass": lambda: child("python_pass", [sys.executable, "-c", "pass"]),
        }, args.cold_runs)
    cold_cpu = {name: summary(ts) for name, ts in cpu.items()}
    result["cold"] = {"seconds": cold, "ratio (target <= 25)": ratios(cold, "extract_parse", "python_pass"),
                      "cpu_seconds": cold_cpu, "cpu_ratio": ratios(cold_cpu, "extract_parse", "python_pass")}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{'document':<62} {'KB':>5} {'parse ms':>15} {'+check ms':>15} {'+JSON ms':>15} {'scan ms':>13}"
          f"  (min / median)")
    for name, w in result["warm"].items():
        s = w["seconds"]
        cells = " ".join(f"{s[k]['min'] * 1e3:7.2f}/{s[k]['median'] * 1e3:7.2f}"
                         for k in ("parse", "parse_check", "parse_check_json"))
        print(f"{name:<62} {w['kb']:5.1f} {cells} {s['scan']['min'] * 1e3:6.3f}/{s['scan']['median'] * 1e3:6.3f}"
              f"  JSON {w['json_share_of_parse_check_json']:.0%} of the total")
    c = result["cold"]
    print(f"cold start `extract parse`: min {c['seconds']['extract_parse']['min']:.3f} s, median "
          f"{c['seconds']['extract_parse']['median']:.3f} s; bare python min {c['seconds']['python_pass']['min']:.3f}"
          f" s, median {c['seconds']['python_pass']['median']:.3f} s; ratio min "
          f"{c['ratio (target <= 25)']['min']:.1f}x, median {c['ratio (target <= 25)']['median']:.1f}x (target <= 25x)")
    print(f"  CPU (user + system) of the same runs, less disturbed by other work on the machine: `extract parse` "
          f"min {c['cpu_seconds']['extract_parse']['min']:.3f} s, median {c['cpu_seconds']['extract_parse']['median']:.3f}"
          f" s; bare python min {c['cpu_seconds']['python_pass']['min']:.3f} s, median "
          f"{c['cpu_seconds']['python_pass']['median']:.3f} s; ratio min {c['cpu_ratio']['min']:.1f}x, median "
          f"{c['cpu_ratio']['median']:.1f}x")


if __name__ == "__main__":
    main()
