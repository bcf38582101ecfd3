"""Rule files are validated on load; errors name the file, line and key."""

from __future__ import annotations

import shutil

import pytest

from extract.markers import HeadingRules
from extract.rules import DEFAULT_RULES_DIR, RuleError, load_rule_file, parse_rule_text


def test_shipped_rules_load():
    rules = load_rule_file("headings.yaml", HeadingRules)
    assert {"cn", "paren_cn", "arabic", "paren_arabic", "circled"} <= set(rules.styles)


def test_unknown_key_names_file_line_and_key():
    text = "styles:\n  cn:\n    pattern: '(?P<n>[一二])、'\n    strongg: true\n"
    with pytest.raises(RuleError) as e:
        parse_rule_text(text, HeadingRules, "rules/headings.yaml")
    msg = str(e.value)
    assert "rules/headings.yaml" in msg and "line 4" in msg and "styles.cn.strongg" in msg
    assert "unknown key" in msg


def test_malformed_yaml_names_line():
    with pytest.raises(RuleError) as e:
        parse_rule_text("styles:\n  cn: [unclosed\n", HeadingRules, "h.yaml")
    assert "h.yaml" in str(e.value) and "malformed YAML" in str(e.value)


def test_bad_regex_is_refused():
    text = "styles:\n  cn:\n    pattern: '(?P<n>[一二]'\n"
    with pytest.raises(RuleError) as e:
        parse_rule_text(text, HeadingRules, "h.yaml")
    assert "styles.cn.pattern" in str(e.value)


def test_rules_directory_override(tmp_path):
    for f in DEFAULT_RULES_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "headings.yaml").write_text("styles: {}\nbogus: 1\n", encoding="utf-8")
    with pytest.raises(RuleError) as e:
        load_rule_file("headings.yaml", HeadingRules, tmp_path)
    assert str(tmp_path) in str(e.value) and "bogus" in str(e.value)


def test_missing_rule_file(tmp_path):
    with pytest.raises(RuleError, match="not found"):
        load_rule_file("headings.yaml", HeadingRules, tmp_path)
