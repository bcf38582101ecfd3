"""Character folding: the one table of characters and what they read as.

Three kinds of characters are folded, each one for one:

- widths: full-width digits and Latin letters, the full-width symbols of
  figures (％ （ ） ＋ － ＝ ＜ ＞ ～ ： ．), the compatibility comparison
  signs (≧ ≦), the minus sign and the wide and no-break spaces each fold to
  one ASCII (or plain) character;
- script (:data:`SCRIPT`): a traditional character folds to the simplified
  one it is read as (``績`` -> ``绩``, ``於`` -> ``于``), from OpenCC's
  character dictionary (data/script_fold.tsv, made by
  scripts/make_script_fold.py). No character that simplified text uses is
  in it, so a simplified text is never changed, but for the few of
  :data:`ALSO_SIMPLIFIED` (``於`` a surname, ``徵`` in 宫商角徵羽), which
  :func:`~extract.normalize.read_script` folds only in a text that reads
  traditional;
- look-alikes (:data:`LOOKALIKES`): a Kangxi radical, a CJK radical with a
  compatibility mapping or a CJK compatibility ideograph folds to the
  unified ideograph Unicode maps it to (``⼀`` U+2F00 -> ``一``, ``⽀`` ->
  ``支``). PDF text layers made from some fonts give them in place of the
  ideographs (``⼀、项⽬基本情况``); read as written, a heading is no heading
  and ``⽀出率`` no rate. :func:`~extract.normalize.read_script` reads every
  text through them before any stage.

A fold never changes a text's length and offsets stay valid.

Readers of the table:

- :mod:`extract.normalize` reads a traditional document through the script
  fold first (:func:`fold_script`: every stage then reads simplified
  characters, a quote the characters as written), and folds the text the
  pipeline reads, but keeps as written the characters in
  :data:`KEPT_IN_TEXT` (Chinese punctuation: ``：`` ends a label, ``．`` is a
  stop unless it stands between digits);
- :mod:`extract.quantities` reads figures through the whole table
  (:data:`FIGURE_TABLE`), so ``１２．５％`` and ``≧９０`` are figures
  wherever they come from (a table cell, a form, a loader's text).

>>> "１２．５％".translate(FIGURE_TABLE)
'12.5%'
>>> "（一）：".translate(TEXT_TABLE)
'(一)：'
>>> fold_script("部門整體支出績效自評報告")
'部门整体支出绩效自评报告'
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

#: The script table's file: ``traditional<TAB>simplified`` lines, ``#`` comments.
SCRIPT_FILE = Path(__file__).resolve().parent / "data" / "script_fold.tsv"


def _read_script(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            table[trad] = simp
    return table


#: Every traditional character and the simplified one it is read as.
SCRIPT: dict[str, str] = _read_script(SCRIPT_FILE)

#: Every wide character and the character it folds to (one for one).
WIDTHS: dict[str, str] = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},                  # ０-９
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},           # Ａ-Ｚ
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},           # ａ-ｚ
    "％": "%", "﹪": "%", "（": "(", "）": ")", "＋": "+", "－": "-", "−": "-",
    "＝": "=", "＜": "<", "＞": ">", "≧": "≥", "≦": "≤", "～": "~",
    "：": ":", "．": ".",
    "\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
}

#: Blocks of ideograph look-alikes: CJK radicals supplement, Kangxi
#: radicals, CJK compatibility ideographs.
LOOKALIKE_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF))


def _lookalikes() -> dict[str, str]:
    """Each character of :data:`LOOKALIKE_BLOCKS` whose compatibility
    mapping is one unified ideograph, and that ideograph."""
    table = {}
    for start, end in LOOKALIKE_BLOCKS:
        for code in range(start, end + 1):
            ch = chr(code)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch and len(folded) == 1 and unicodedata.name(folded, "").startswith("CJK UNIFIED IDEOGRAPH"):
                table[ch] = folded
    return table


#: Every ideograph look-alike and the ideograph it reads as.
LOOKALIKES: dict[str, str] = _lookalikes()

#: Every character that folds and the one it folds to (one for one). A
#: look-alike of a traditional character folds to the simplified one
#: (``⿑`` -> ``齊`` -> ``齐``), so folding twice is folding once.
FOLD: dict[str, str] = {**SCRIPT, **WIDTHS, **{k: SCRIPT.get(v, v) for k, v in LOOKALIKES.items()}}

#: Characters the normalized text keeps as written (Chinese punctuation):
#: only a reader of figures folds them.
KEPT_IN_TEXT = frozenset("：．～−")

#: Traditional characters that simplified text also writes, in names and one
#: sense (通用规范汉字表: 於 the surname, 徵 the note zhǐ): a simplified text
#: keeps them as written (由於洪波负责), a traditional one reads them as
#: simplified (不低於 is 不低于). Only the script fold of a whole text
#: (:func:`~extract.normalize.read_script`) can tell which it is, so the
#: tables of the text read after it leave them alone.
ALSO_SIMPLIFIED = frozenset("於徵")
#: ``str.translate`` tables: for the pipeline's text, and for figures.
TEXT_TABLE = str.maketrans({k: v for k, v in FOLD.items() if k not in KEPT_IN_TEXT and k not in ALSO_SIMPLIFIED})
FIGURE_TABLE = str.maketrans({k: v for k, v in FOLD.items() if k not in ALSO_SIMPLIFIED})
#: ``str.translate`` table of the script fold alone (widths kept as written).
SCRIPT_TABLE = str.maketrans(SCRIPT)


def _reading(script: dict[str, str]) -> dict[int, str]:
    """The table a text is read through before any stage: ``script`` and
    every look-alike as its ideograph, read through ``script`` in turn
    (``⾨`` -> ``門`` -> ``门``)."""
    return str.maketrans({**script, **{k: script.get(v, v) for k, v in LOOKALIKES.items()}})


#: What :func:`~extract.normalize.read_script` reads a traditional text
#: through (script fold and look-alikes), and a simplified one.
READING_TABLE = _reading(SCRIPT)
READING_TABLE_OF_SIMPLIFIED = _reading({t: s for t, s in SCRIPT.items() if t not in ALSO_SIMPLIFIED})
#: The characters either reading table changes.
READ_CHARS = frozenset(SCRIPT) | frozenset(LOOKALIKES)
#: Characters only simplified text writes (绩, 于 …): what tells a simplified
#: text from a traditional one.
SIMPLIFIED_ONLY = frozenset(SCRIPT.values()) - frozenset(SCRIPT)


def fold_script(text: str) -> str:
    """``text`` with every traditional character read as its simplified one
    (nothing else changed; a simplified text is returned as it is)."""
    return text.translate(SCRIPT_TABLE)


#: Characters a fixed-pitch page, a text dump or a spreadsheet column draws two
#: columns wide: CJK, Hangul, the full-width forms (Unicode's East Asian Wide
#: and Fullwidth blocks that reports use).
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
                   r"\U00020000-\U0003fffd]")


#: Runs of wide characters: found a run at a time, not a string per
#: character (a Chinese line is nearly all wide: that list was most of the
#: count, 2-3 % of a warm parse, issue 22).
_WIDE_RUNS = re.compile(f"(?:{_WIDE.pattern})+")


def display_width(text: str) -> int:
    """Columns ``text`` takes on a fixed-pitch page: a wide character counts 2.

    >>> display_width("表1 合计")
    8
    """
    return len(text) + sum(map(len, _WIDE_RUNS.findall(text)))


def fold_text(text: str) -> str:
    """``text`` folded as the pipeline's text is (Chinese punctuation kept)."""
    return text.translate(TEXT_TABLE)


def fold_figures(text: str) -> str:
    """``text`` folded as figures are read (every wide character)."""
    return text.translate(FIGURE_TABLE)
