#!/usr/bin/env python3
"""Write src/extract/data/script_fold.tsv: traditional characters and the
simplified character each is read as, one for one, from OpenCC's character
dictionary (OpenCC, Apache-2.0; the ``opencc`` wheel, a test dependency).

Why a table made once and not OpenCC at run time: the fold must be one
character to one character (every normalized character maps back to its
source offset, and a quote is the source's own characters), while OpenCC
converts by phrases and may change a text's length; and the pipeline then
needs no C++ wheel.

What is kept of ``TSCharacters`` (traditional -> simplified choices):

- one character to one (every entry of that dictionary is);
- the first choice, the standard one (``餘`` -> ``余``), except where it lies
  outside GB2312 and a later choice is within it (``勣`` -> ``绩``, not the
  rare ``𪟝``): rules and readers are written in GB2312 characters;
- never a character that simplified text also uses, so that a simplified
  text is never changed:

  - the dictionary lists the character among its own choices (``乾`` ->
    ``干 乾``: 乾坤, 乾县; ``薹``: 蒜薹; ``吒``: 哪吒), unless it is listed
    in :data:`STILL_FOLDED`;
  - or the character is a key of ``STCharacters`` (simplified ->
    traditional: a simplified character itself).

Rerun after an OpenCC upgrade (``python scripts/make_script_fold.py``) and
read the diff; tests/test_script_fold.py checks that the samples, the golden
outputs and the corpus's simplified files are unchanged by the fold.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

OUT = Path(__file__).resolve().parents[1] / "src" / "extract" / "data" / "script_fold.tsv"

#: Characters the dictionary lets stand as themselves in some words that are
#: folded all the same: in simplified text each stands only in names or
#: classical words no report holds, in traditional reports each is common.
STILL_FOLDED = {
    "於": "关於, 对於, 由於, 不低於 (simplified text: only names, 於菟)",
    "徵": "徵收, 特徵, 徵求意见 (simplified text: only 宫商角徵羽, 魏徵)",
}


def _gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _dictionary(name: str) -> dict[str, list[str]]:
    """An OpenCC dictionary of the installed wheel, as text (its own
    ``opencc_dict`` tool converts the compiled ``.ocd2``)."""
    clib = Path(opencc.__file__).parent / "clib"
    tool, data = clib / "bin" / "opencc_dict", clib / "share" / "opencc" / f"{name}.ocd2"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{name}.txt"
        subprocess.run([str(tool), "-i", str(data), "-o", str(out), "-f", "ocd2", "-t", "text"],
                       check=True, capture_output=True)
        entries: dict[str, list[str]] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            key, values = line.split("\t")
            entries[key] = values.split(" ")
    return entries


def script_fold(ts: dict[str, list[str]], st: dict[str, list[str]]) -> dict[str, str]:
    """The one-for-one fold of the module docstring, from ``TSCharacters``
    (``ts``) and ``STCharacters`` (``st``)."""
    fold: dict[str, str] = {}
    for trad, choices in ts.items():
        choices = [c for c in choices if len(c) == 1]
        if len(trad) != 1 or not choices or trad in st:
            continue
        if trad in choices and trad not in STILL_FOLDED:
            continue
        others = [c for c in choices if c != trad]
        if not others:
            continue
        simp = others[0]
        if not _gb2312(simp):
            simp = next((c for c in others if _gb2312(c)), simp)
        fold[trad] = simp
    return fold


def main() -> None:
    fold = script_fold(_dictionary("TSCharacters"), _dictionary("STCharacters"))
    lines = [f"# Made by scripts/make_script_fold.py from OpenCC {opencc.__version__} "
             "TSCharacters (Apache-2.0): traditional<TAB>simplified, one for one."]
    lines += [f"{t}\t{s}" for t, s in sorted(fold.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(fold)} characters", file=sys.stderr)


if __name__ == "__main__":
    main()
