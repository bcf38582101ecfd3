#!/usr/bin/env python3
"""Show how a sample's parse differs from its golden file, or write a new one.

    scripts/golden.py                 diff every sample against golden/
    scripts/golden.py --write NAME    write golden/NAME.json from the current parse

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

from golden_projection import project  # noqa: E402

from extract.pipeline import parse_file  # noqa: E402


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", metavar="NAME", help="sample stem to (re)write")
    args = ap.parse_args()
    status = 0
    for sample in sorted((ROOT / "samples").glob("*.txt")):
        golden = ROOT / "golden" / f"{sample.stem}.json"
        now = dump(project(parse_file(sample, run_checks=False)))
        if args.write == sample.stem:
            golden.write_text(now, encoding="utf-8")
            print(f"wrote {golden}")
            continue
        old = golden.read_text(encoding="utf-8") if golden.exists() else ""
        if old != now:
            status = 1
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), now.splitlines(True),
                                                       str(golden), "current parse"))
    return status


if __name__ == "__main__":
    sys.exit(main())
