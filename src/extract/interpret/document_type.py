"""What a document is: 部门整体支出 or 项目支出 self-evaluation report, a
绩效自评表, a 部门决算, a 部门预算, or none of these.

:func:`document_type` takes the source text the loader laid out and returns
a :data:`~extract.model.DocumentType`, decided by the title and content
words of rules/document_types.yaml: the first line of the document's head
that matches a type's title expression, else the type whose content words
occur most often (at least ``min_content_hits`` times), else, for a text
that holds budget words but tells no type (an excerpt), None (every check
runs on it), else ``other``.
The checks read it to run only where their structure is there.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import DocumentType
from ..ruleset import RuleSet, RulesLike
from ..rulefiles.document_types import OTHER, DocumentTypeRule, DocumentTypeRules



def document_type_rules(rules: RulesLike = None) -> DocumentTypeRules:
    """The document_types.yaml of a rule set (default: the rules shipped
    with the package)."""
    return RuleSet.of(rules).document_types


_WORD = re.compile(r"[\w\u4e00-\u9fff]")
_LEADING_MARKS = "-–—•·|｜【[（(*＊ "


def is_page_furniture(line: str, rules: "DocumentTypeRules") -> bool:
    """True for a line of the web page or file around a report, not of the
    report: a line of marks only ("|", "-"), a label of the page
    (``page_labels`` at its start: "索引号：…", "- 发布日期：…"), or one of
    ``page_phrases`` ("您现在的位置", "由会员分享")."""
    squashed = "".join(line.split())
    if not _WORD.search(squashed):
        return True
    labels, phrases = _furniture_words(rules)
    return squashed.lstrip(_LEADING_MARKS).startswith(labels) or phrases.search(squashed) is not None


# id(rules) -> (rules, its page labels as a tuple, one search for its page phrases)
_FURNITURE: dict[int, tuple["DocumentTypeRules", tuple[str, ...], re.Pattern]] = {}


def _furniture_words(rules: "DocumentTypeRules") -> tuple[tuple[str, ...], re.Pattern]:
    """The page labels and phrases of ``rules`` as one ``startswith`` and
    one search (a Python step per word was most of the test), made once
    per rule file."""
    got = _FURNITURE.get(id(rules))
    if got is None or got[0] is not rules:
        phrases = sorted(rules.page_phrases, key=len, reverse=True)
        got = _FURNITURE[id(rules)] = (rules, tuple(rules.page_labels),
                                       re.compile("|".join(map(re.escape, phrases)) if phrases else "(?!)"))
    return got[1], got[2]


def _head(text: str, rules: "DocumentTypeRules") -> list[str]:
    """The first ``head_lines`` lines of the report, white space removed
    (layouts space titles apart: ``2024 年度 部门 决算``); blank lines and
    the page's furniture are passed over."""
    out: list[str] = []
    for line in text.splitlines():
        squashed = "".join(line.split())
        if squashed and not is_page_furniture(squashed, rules):
            out.append(squashed)
            if len(out) == rules.head_lines:
                break
    return out


def _title_candidates(head: list[str], max_chars: int) -> list[str]:
    """Each head line, and after it the line joined to the next when the two
    are short title lines (a title set on two lines: "某市2018年度部门整体支出"
    / "绩效评价自评报告")."""
    out: list[str] = []
    for i, line in enumerate(head):
        out.append(line)
        if i + 1 < len(head) and len(line) <= max_chars and len(head[i + 1]) <= max_chars \
                and not re.search(r"[。；;，,:：]", line + head[i + 1]):
            out.append(line + head[i + 1])
    return out


def document_type(text: str, rules: RulesLike = None) -> Optional[DocumentType]:
    """The type of the document whose source text, as read (a traditional
    text through the script fold: extract.normalize.read_script), is
    ``text``; None for a text of the genre whose words tell no type (an
    excerpt)."""
    rules = document_type_rules(rules)
    for line in _title_candidates(_head(text, rules), rules.title_join_max_chars):
        for t in rules.types:
            if re.search(t.title, line):
                return t.id
    squashed = "".join(text.split())
    hits = [(sum(squashed.count(w) for w in t.content), -i, t.id) for i, t in enumerate(rules.types)]
    best = max(hits, default=(0, 0, OTHER))
    if best[0] >= rules.min_content_hits:
        return best[2]
    if sum(squashed.count(w) for w in rules.budget_words) >= rules.min_budget_words:
        return None
    return OTHER
