#!/usr/bin/env python3
"""Before/after check of a change meant to leave output alone.

``save DIR`` writes the JSON report of each sample, corpus text and real PDF
into DIR; ``compare DIR`` parses them again and prints every document whose
JSON differs (the "rule_set" line, a digest that includes the code, is left
out). Exit status 1 when any differs.

Usage: PYTHONPATH=src .venv/bin/python scripts/output_diff.py save|compare DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else Path("/work/shared")


def documents() -> list[Path]:
    return (sorted((ROOT / "samples").glob("*.txt"))
            + sorted((SHARED / "corpus").glob("*/*.txt"))
            + sorted((SHARED / "real").glob("*.pdf")))


def rendered(path: Path) -> str:
    from extract.export.jsonfile import report_json
    from extract.pipeline import parse_file

    text = report_json(parse_file(path))
    return "\n".join(line for line in text.splitlines() if '"rule_set"' not in line)


def name(path: Path) -> str:
    return f"{path.parent.name}__{path.name}.json"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "compare"):
        print("usage: output_diff.py save|compare DIR", file=sys.stderr)
        return 2
    mode, folder = argv[0], Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    differ = 0
    for path in documents():
        text = rendered(path)
        saved = folder / name(path)
        if mode == "save":
            saved.write_text(text, encoding="utf-8")
        elif saved.read_text(encoding="utf-8") != text:
            differ += 1
            print("differs:", path)
    print(f"{len(documents())} documents, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
