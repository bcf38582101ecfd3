"""What the patterns need, kept between runs of the command
(extract.pattern_needs.install): an answer read from the file is the one
the parser gives, a damaged file or entry is as if there were none, and
nothing is written when a run read no new pattern."""

from __future__ import annotations

import re

from extract import pattern_needs

# my own patterns: literals, a small class, a branch, a lookahead, an
# optional part (needs nothing known), a case-blind one
PATTERNS = [re.compile(p, f) for p, f in (
    ("[甲乙丙]项", 0), ("共计|合计", 0), (r"(?=完成)完成率\d+", 0), (r"\d+(?:万元)?", 0),
    ("abc", re.IGNORECASE), (r"(?P<n>[一二三])是", 0),
)]


def _with_kept(monkeypatch, path):
    kept = pattern_needs._Kept(path, pattern_needs._kept_entries(path))
    monkeypatch.setattr(pattern_needs, "_kept", kept)
    pattern_needs._needed_by.cache_clear()
    return kept


def test_an_answer_from_the_file_is_the_parsers(tmp_path, monkeypatch):
    path = tmp_path / "needs.marshal"
    fresh = [pattern_needs.needed_chars(p) for p in PATTERNS]
    first = _with_kept(monkeypatch, path)
    assert [pattern_needs.needed_chars(p) for p in PATTERNS] == fresh
    assert first.added == len(PATTERNS) - 1  # the case-blind pattern is never read
    first.save()
    second = _with_kept(monkeypatch, path)
    monkeypatch.setattr(pattern_needs._sre_parse, "parse", lambda *a: (_ for _ in ()).throw(AssertionError))
    assert [pattern_needs.needed_chars(p) for p in PATTERNS] == fresh  # none parsed again
    assert second.added == 0
    pattern_needs._needed_by.cache_clear()


def test_a_damaged_file_or_entry_is_as_if_there_were_none(tmp_path, monkeypatch):
    import marshal

    path = tmp_path / "needs.marshal"
    path.write_bytes(b"\x00not marshal")
    path.chmod(0o600)
    assert pattern_needs._kept_entries(path) == {}
    path.write_bytes(marshal.dumps({("[甲乙]", 0): frozenset("甲乙"), ("x", 0): "not a set",
                                    ("y", 0): frozenset(["yy"]), "z": None}))
    assert pattern_needs._kept_entries(path) == {("[甲乙]", 0): frozenset("甲乙")}
    path.chmod(0o666)  # anyone may write it: not read
    assert pattern_needs._kept_entries(path) == {}
    kept = _with_kept(monkeypatch, path)
    assert pattern_needs.needed_chars(PATTERNS[0]) == frozenset("项")  # the smallest set a match reads
    assert kept.added == 1
    pattern_needs._needed_by.cache_clear()
