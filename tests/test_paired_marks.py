"""The paired marks are written once (glossary.yaml paired_marks): hygiene
pairs them, normalization runs a line ending with an opening one on."""

from __future__ import annotations

from extract.ruleset import RuleSet


def test_hygiene_and_line_joining_read_one_list_of_paired_marks():
    rules = RuleSet.of(None)
    pairs = rules.glossary.words["paired_marks"]
    assert rules.hygiene.punctuation.pairs == pairs
    assert set(p[0] for p in pairs) <= set(rules.normalize.opening_marks)
    assert "（" in rules.normalize.opening_marks and "）" not in rules.normalize.opening_marks
