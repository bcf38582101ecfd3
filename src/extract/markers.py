"""Heading markers (一、 (一) 1. (1) ① 第一部分) and inline enumerations (一是…).

The marker forms are data in rules/headings.yaml; this module compiles them
and answers two questions for the normalizer and the section builder: does
this text start with a heading marker, and where are the 一是/二是 items in a
paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .numerals import ChineseNumerals, numerals_of
from .pattern_needs import any_char, needed_chars
from .ruleset import RuleSet, RulesLike
from .rulefiles.headings import ContentsRules, EnumerationForm, HeadingRules, HeadingStyle


@dataclass(frozen=True)
class Marker:
    """A heading marker at the start of a text: its style, ordinal and length."""

    style: str
    ordinal: int
    text: str
    end: int
    strong: bool


@dataclass(frozen=True, init=False)
class EnumerationMark:
    start: int
    end: int
    ordinal: int
    marker: str

    def __init__(self, start: int, end: int, ordinal: int, marker: str) -> None:
        # (set in the instance's dict: a frozen dataclass's own __init__ sets
        # each field through object.__setattr__, at twice the cost)
        self.__dict__.update(start=start, end=end, ordinal=ordinal, marker=marker)


class MarkerSet:
    """Compiled heading and enumeration forms of one rule set."""

    def __init__(self, rules: HeadingRules, numerals: ChineseNumerals):
        self.rules = rules
        self.numerals = numerals
        self._styles = [(name, re.compile(r"\s*(?:" + s.pattern + ")"), s.strong)
                        for name, s in rules.styles.items()]
        self._enums = [re.compile(e.pattern) for e in rules.enumerations]
        # each with a search for a character its matches need (None: any text may match)
        self._enum_needs = [_holder(needed_chars(rx)) for rx in self._enums]

    def match(self, text: str) -> Optional[Marker]:
        """The heading marker ``text`` starts with, if any."""
        for name, rx, strong in self._styles:
            m = rx.match(text)
            if m:
                return Marker(name, self.numerals.ordinal(m.group("n")), m.group(0).strip(), m.end(), strong)
        return None

    def enumerations(self, text: str, after_mark: bool = False) -> list[EnumerationMark]:
        """The inline enumeration marks of ``text`` in order (一是, 二是, …);
        with ``after_mark``, ``text`` is read as following a sentence end."""
        found: list[EnumerationMark] = []
        lead = "。" if after_mark else ""
        searched = lead + text
        for rx, needs in zip(self._enums, self._enum_needs):
            if needs is not None and needs.search(searched) is None:
                continue  # (no 是 for 一是 …): no match
            for m in rx.finditer(searched):
                found.append(EnumerationMark(m.start() - len(lead), m.end() - len(lead),
                                             self.numerals.ordinal(m.group("n")), m.group(0)))
        found.sort(key=lambda e: e.start)
        return found


def _holder(chars: Optional[frozenset[str]]) -> Optional[re.Pattern]:
    """A search for any of ``chars`` (None for None)."""
    if chars is None:
        return None
    return any_char(chars)


def marker_set(rules: "RulesLike" = None) -> MarkerSet:
    """The heading markers of a rule set's headings.yaml (default: the rules
    shipped with the package), compiled once per rule set."""
    rs = RuleSet.of(rules)
    return rs.derived("markers", lambda: MarkerSet(rs.headings, numerals_of(rs)))
