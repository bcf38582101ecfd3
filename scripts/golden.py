#!/usr/bin/env python3
"""Show how a sample's parse differs from its golden file, or write a new one.

    scripts/golden.py                         diff every sample against golden/
    scripts/golden.py --write NAME            write golden/NAME.json from the current parse
    scripts/golden.py --write-metrics NAME    write golden/NAME.metrics.tsv (claim metrics)

golden/NAME.json is the exact part (values, units, normalized values, lines,
sections, tables, indicators); golden/NAME.metrics.tsv the metric name of each
claim, a judgement reviewed as a diff line by line.

A golden file is checked by hand against the source document before it is
committed, and never rewritten just to make a test pass: read the diff, decide
which side is right, and fix the code when it is the code.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from golden_projection import claim_metrics, project  # noqa: E402

from extract.pipeline import parse_file  # noqa: E402


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _diff(path: Path, now: str, write: bool) -> int:
    """Write ``now`` to ``path`` (``write``), or print how it differs; 1 if it does."""
    if write:
        path.write_text(now, encoding="utf-8")
        print(f"wrote {path}")
        return 0
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if old == now:
        return 0
    sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), now.splitlines(True),
                                               str(path), "current parse"))
    return 1


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", metavar="NAME", help="sample stem whose exact golden file to (re)write")
    ap.add_argument("--write-metrics", metavar="NAME", help="sample stem whose metrics list to (re)write")
    args = ap.parse_args()
    status = 0
    for sample in sorted((ROOT / "samples").glob("*.txt")):
        report = parse_file(sample, run_checks=False)
        status |= _diff(ROOT / "golden" / f"{sample.stem}.json", dump(project(report)),
                        args.write == sample.stem)
        status |= _diff(ROOT / "golden" / f"{sample.stem}.metrics.tsv", claim_metrics(report),
                        args.write_metrics == sample.stem)
    return status


if __name__ == "__main__":
    sys.exit(main())
