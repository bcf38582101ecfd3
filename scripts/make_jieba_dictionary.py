#!/usr/bin/env python3
"""Write src/extract/data/jieba_dict.txt: jieba's dictionary (MIT licence)
cut to the words of frequency >= MIN_FREQ.

Why: loading jieba's full 349k-word dictionary takes most of `extract`'s
start-up; metric words are common words (or in rules/metrics.yaml's domain
dictionary), so the cut dictionary segments them the same. Rerun after a
jieba upgrade; the golden tests show whether segmentation changed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jieba

MIN_FREQ = 20
OUT = Path(__file__).resolve().parents[1] / "src" / "extract" / "data" / "jieba_dict.txt"


def main() -> None:
    src = Path(jieba.__file__).parent / "dict.txt"
    kept = 0
    with open(src, encoding="utf-8") as f, open(OUT, "w", encoding="utf-8") as out:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and int(parts[1]) >= MIN_FREQ:
                out.write(line)
                kept += 1
    print(f"wrote {OUT}: {kept} words", file=sys.stderr)


if __name__ == "__main__":
    main()
