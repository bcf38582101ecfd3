#!/usr/bin/env python3
"""Benchmark: what the consistency checks add to parse time.

For each sample report and for a long text-layer PDF (the fixture report's
pages repeated to ``--pages`` pages, built in a temporary folder by
scripts/bench_pdf.py's ``repeat_pdf``), in-process and warm (rule files,
regexes and the jieba dictionary loaded by a first run), times, in turns
(scripts/benchlib.py: a slow patch of a shared machine slows all alike),

- parse alone:      ``parse_file(path, run_checks=False)``
- parse + check:    ``parse_file(path)``, as ``extract check`` runs it
- check alone:      the checks as that parse runs them (with the source text
                    and the normalized document, so the draft hygiene rules
                    run too), on the report of one parse

and prints the minimum and the median of each and the ratio
(parse + check) / parse of the minima and of the medians, measured directly,
as (parse + check alone) / parse, and on the CPU time (``process_time``)
of the same runs, which other work on a shared machine disturbs less.
Target (issue 14): checks add at most 30 %, on every document.

Usage: .venv/bin/python scripts/bench_check.py [--runs N] [--pdf-runs N] [--pages N] [--json]
Exit status 1 when a document's median ratio, measured directly, is over the target.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import alternate, ratios, summary  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
TARGET = 1.30


def checks_as_parse_runs_them(path: Path):
    """A function running the checks of ``path`` as ``parse_file`` runs
    them: the arguments the pipeline gives them, taken from one parse."""
    from extract import pipeline

    taken = {}
    run = pipeline._run_checks

    def keep(*args):
        taken["args"] = args
        return run(*args)

    pipeline._run_checks = keep
    try:
        pipeline.parse_file(path)
    finally:
        pipeline._run_checks = run
    args = taken["args"]
    return lambda: run(*args)


def measure(path: Path, runs: int) -> dict:
    from extract.pipeline import parse_file

    check = checks_as_parse_runs_them(path)
    cpu: dict[str, list[float]] = {"parse": [], "parse_check": [], "check": []}

    def on_cpu(name, fn):
        def run():
            start = time.process_time()
            fn()
            cpu[name].append(time.process_time() - start)
        return run

    f = alternate({
        "parse": on_cpu("parse", lambda: parse_file(path, run_checks=False)),
        "parse_check": on_cpu("parse_check", lambda: parse_file(path)),
        "check": on_cpu("check", check),
    }, runs)
    c = {name: summary(ts) for name, ts in cpu.items()}
    summed = {k: f["parse"][k] + f["check"][k] for k in ("min", "median")}
    return {"kb": round(path.stat().st_size / 1024, 1), "runs": runs, "seconds": f, "cpu_seconds": c,
            "ratio": ratios(f, "parse_check", "parse"),
            "ratio_summed": {k: round(summed[k] / f["parse"][k], 3) for k in ("min", "median")},
            "cpu_ratio": ratios(c, "parse_check", "parse")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=40, help="repetitions on each sample")
    ap.add_argument("--pdf-runs", type=int, default=5, help="repetitions on the long PDF")
    ap.add_argument("--pages", type=int, default=100, help="pages of the long PDF (0: leave it out)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    from extract.pipeline import parse_file

    result: dict = {"target": TARGET, "documents": {}}
    with tempfile.TemporaryDirectory() as tmp:
        documents = [(p, args.runs) for p in SAMPLES]
        if args.pages:
            from bench_pdf import FIXTURE, repeat_pdf

            documents.append((repeat_pdf(FIXTURE, args.pages, Path(tmp) / f"fixture_{args.pages}_pages.pdf"),
                              args.pdf_runs))
        for p, _ in documents:  # warm up
            parse_file(p)
            parse_file(p, run_checks=False)
        for p, runs in documents:
            result["documents"][p.name] = measure(p, runs)
    worst = max(d["ratio"]["median"] for d in result["documents"].values())
    result["worst_median_ratio"] = worst
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{'document':<62} {'KB':>6} {'parse ms':>15} {'+check ms':>15} {'check ms':>13}"
              f" {'ratio':>11} {'summed':>11} {'CPU ratio':>11}  (min / median)")
        for name, d in result["documents"].items():
            s = d["seconds"]
            cells = " ".join(f"{s[k]['min'] * 1e3:7.1f}/{s[k]['median'] * 1e3:7.1f}"
                             for k in ("parse", "parse_check"))
            print(f"{name:<62} {d['kb']:6.1f} {cells} {s['check']['min'] * 1e3:6.1f}/{s['check']['median'] * 1e3:6.1f}"
                  f" {d['ratio']['min']:5.3f}/{d['ratio']['median']:5.3f}"
                  f" {d['ratio_summed']['min']:5.3f}/{d['ratio_summed']['median']:5.3f}"
                  f" {d['cpu_ratio']['min']:5.3f}/{d['cpu_ratio']['median']:5.3f}")
        print(f"worst median ratio (parse + check) / parse {worst:.3f} (target <= {TARGET:.2f})")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
