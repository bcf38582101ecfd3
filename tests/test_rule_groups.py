"""A rule pattern whose named groups the checks read is refused on load
when a group is missing: the error names the file, the key and the group,
instead of an IndexError in the middle of a batch."""

from __future__ import annotations

import pytest

from conftest import edit_rule
from extract.rules import RuleError
from extract.ruleset import RuleSet

# (file, text of the pattern's group in the shipped rules, the same without
# its name, the key, the group the message must name)
CASES = [
    ("checks.yaml", "(?P<n>[一二三四五六七八九十])(?:(?<=^.)", "([一二三四五六七八九十])(?:(?<=^.)", "item_mark", "n"),
    ("checks.yaml", "(?P<n>\\d[\\d,，]*(?:\\.\\d+)?)\\s*[÷", "(\\d[\\d,，]*(?:\\.\\d+)?)\\s*[÷", "rate_division", "n"),
    ("checks.yaml", "[÷/／]\\s*(?P<d>\\d", "[÷/／]\\s*(\\d", "rate_division", "d"),
    ("checks.yaml", "gap_year: '(?P<year>", "gap_year: '(", "gap_year", "year"),
    ("checks.yaml", "(?P<last>(?:19|20)\\d\\d)\\s*年'", "((?:19|20)\\d\\d)\\s*年'", "year_span", "last"),
    ("checks.yaml", "(?:截至|截止|截止到|至)\\s*(?P<date>", "(?:截至|截止|截止到|至)\\s*(", "cutoff", "date"),
    ("checks.yaml", "(?P<end>竣工", "(竣工", "date_event", "end"),
    ("checks.yaml", "(?P<y>\\d(?<!\\d\\d)\\d{3})年(?P<m>0{1,2}", "(?P<y>\\d(?<!\\d\\d)\\d{3})年(0{1,2}", "year_month", "m"),
    ("checks.yaml", "[:：]?\\s*(?P<y>\\d{4})年(?:(?P<m>", "[:：]?\\s*(\\d{4})年(?:(?P<m>", "filing_date", "y"),
    ("hygiene.yaml", "(?:19|20)\\d\\d)年(?:度)?(?:12月31日", None, "period_frame", "year"),
]


@pytest.mark.parametrize("name, old, new, key, group", CASES, ids=[c[3] + "." + c[4] for c in CASES])
def test_a_pattern_without_a_group_the_checks_read_is_refused(rules_copy, name, old, new, key, group):
    if new is None:  # the group's name written before the shown text
        text = (rules_copy / name).read_text(encoding="utf-8")
        at = text.index(old)
        start = text.rindex("(?P<year>", 0, at)
        old, new = text[start:at + len(old)], "(" + text[start + len("(?P<year>"):at + len(old)]
    edit_rule(rules_copy, name, old, new)
    with pytest.raises(RuleError) as e:
        RuleSet.load(rules_copy)
    msg = str(e.value)
    assert name in msg and key in msg and f"(?P<{group}>" in msg


def test_either_group_of_item_number_will_do(rules_copy):
    edit_rule(rules_copy, "checks.yaml", "[（(](?P<n>\\d{1,2})[）)]", "[（(](\\d{1,2})[）)]")
    RuleSet.load(rules_copy)  # (?P<d>…) is still there: accepted
    edit_rule(rules_copy, "checks.yaml", "(?P<d>\\d{1,2})[.．、]", "(\\d{1,2})[.．、]")
    with pytest.raises(RuleError) as e:
        RuleSet.load(rules_copy)
    assert "item_number" in str(e.value) and "(?P<n>" in str(e.value) and "(?P<d>" in str(e.value)


def test_the_shipped_rules_have_every_group(rules_copy):
    RuleSet.load(rules_copy)  # a copy: validated, not taken from a cache
