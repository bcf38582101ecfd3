"""rules/glossary.yaml: the concepts several rule files share, written once.

A budget role and its synonyms (实际支出, 执行数, 支出数 …), the total words
(合计, 总计, 共计), the qualifiers and the direction they loosen a figure in
(超: at least; 不足: at most; 约: about), the characters that end a
sentence, and the forms of a table caption (表1, 表1-2, 附表3) stand here
once. The other rule files name an entry in braces and :meth:`Glossary.expand`
puts it in when the rule folder is loaded, before they are validated:

- a list item that is exactly ``"{budget_executed}"`` becomes the entry's
  words, one item each (``amount_labels: ["{budget_executed}", 金额]``);
- ``{name}`` inside any other text (a regular expression) becomes an
  alternation of the entry's words, longest first, or the entry's pattern,
  as a non-capturing group (``metric: '{budget_executed}|实际使用'``).

So one synonym is one edit: added to ``budget_executed`` here, it names the
executed budget in a sentence (metrics.yaml), a table column (metrics.yaml
``budget_columns``, tables.yaml) and a rate's numerator (checks.yaml).
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Optional

from pydantic import field_validator, model_validator

from ..rules import RuleKeyError, RuleModel, check_regex


#: ``{name}``: a glossary reference (a regular-expression count such as
#: ``{1,2}`` is no name).
REFERENCE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

#: Qualifier directions, as :mod:`extract.checks.tolerance` names them, and
#: as :mod:`extract.quantities` names them.
DIRECTIONS = {"at_least": "lower", "at_most": "upper", "approximate": "approx", "framing": "none"}


class QualifierDirections(RuleModel):
    """Qualifier words by the direction they loosen a figure in."""

    at_least: list[str] = []     # 超 83.2%: at least 83.15%
    at_most: list[str] = []      # 不足 5 家: at most 5
    approximate: list[str] = []  # 约 100: about 100
    framing: list[str] = []      # 累计: frames the figure, loosens nothing

    @model_validator(mode="after")
    def _one_direction_each(self) -> "QualifierDirections":
        seen: dict[str, str] = {}
        for direction in DIRECTIONS:
            for w in getattr(self, direction):
                if w in seen:
                    raise ValueError(f"{w!r} is both {seen[w]} and {direction}")
                seen[w] = direction
        return self

    def direction(self, word: str) -> Optional[str]:
        """``at_least``, ``at_most``, ``approximate``, ``framing`` or None."""
        for direction in DIRECTIONS:
            if word in getattr(self, direction):
                return direction
        return None

    def words(self) -> Iterator[str]:
        for direction in DIRECTIONS:
            yield from getattr(self, direction)


class Glossary(RuleModel):
    """rules/glossary.yaml (see the module docstring)."""

    #: Named lists of words (budget roles, total words …).
    words: dict[str, list[str]] = {}
    #: Named regular expressions, for forms a list of words cannot give
    #: (table numbers: 1, 1-2, 一).
    patterns: dict[str, str] = {}
    qualifiers: QualifierDirections = QualifierDirections()
    #: Characters that end a sentence.
    sentence_ends: list[str]

    @field_validator("words")
    @classmethod
    def _no_empty_words(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, ws in v.items():
            if not ws or any(not w for w in ws):
                raise ValueError(f"{name}: an entry needs at least one word, and no empty word")
        return v

    @field_validator("patterns")
    @classmethod
    def _regexes(cls, v: dict[str, str]) -> dict[str, str]:
        for name, p in v.items():
            try:
                check_regex(p)
            except ValueError as e:
                raise ValueError(f"{name}: {e}") from None
        return v

    @field_validator("sentence_ends")
    @classmethod
    def _characters(cls, v: list[str]) -> list[str]:
        for ch in v:
            if len(ch) != 1:
                raise ValueError(f"{ch!r}: a sentence end is one character")
        return v

    @model_validator(mode="after")
    def _names_unique(self) -> "Glossary":
        both = set(self.words) & set(self.patterns)
        if both:
            raise ValueError(f"{sorted(both)[0]}: both a word list and a pattern")
        return self

    # -- what the stages read

    def alternation(self, name: str) -> str:
        """A regular expression for entry ``name``: its words (escaped,
        longest first) or its pattern, as a non-capturing group."""
        if name in self.patterns:
            return f"(?:{self.patterns[name]})"
        return words_alternation(self.words[name])

    @property
    def sentence_end_chars(self) -> str:
        """The sentence ends as one string (``"。！？!?；;"``)."""
        return "".join(self.sentence_ends)

    def sentence_end_class(self) -> str:
        """A regular-expression class of the sentence ends (``[。！？!?；;]``)."""
        return "[" + re.escape("".join(self.sentence_ends)) + "]"

    # -- expansion of the other rule files

    def expand(self, data: Any, path: tuple = ()) -> Any:
        """``data`` (a rule file as YAML gave it) with every reference put
        in; an unknown name raises :class:`UnknownReference` naming the key
        path where it stands."""
        if isinstance(data, dict):
            return {k: self.expand(v, path + (k,)) for k, v in data.items()}
        if isinstance(data, list):
            out: list[Any] = []
            for i, item in enumerate(data):
                if isinstance(item, str):
                    m = REFERENCE.fullmatch(item.strip())
                    if m:
                        out.extend(self._words(m.group(1), path + (i,)))
                        continue
                out.append(self.expand(item, path + (i,)))
            return out
        if isinstance(data, str) and "{" in data:
            return REFERENCE.sub(lambda m: self._pattern(m.group(1), path), data)
        return data

    def _words(self, name: str, path: tuple) -> list[str]:
        if name in self.words:
            return list(self.words[name])
        raise UnknownReference(name, path, self)

    def _pattern(self, name: str, path: tuple) -> str:
        if name in self.words or name in self.patterns:
            return self.alternation(name)
        raise UnknownReference(name, path, self)


def words_alternation(words) -> str:
    """A non-capturing alternation of literal ``words``, longest first."""
    ws = sorted(dict.fromkeys(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ws) + ")" if ws else "(?!)"


class UnknownReference(RuleKeyError):
    """A ``{name}`` in a rule file that the glossary does not define."""

    def __init__(self, name: str, path: tuple, glossary: Glossary):
        known = ", ".join(sorted([*glossary.words, *glossary.patterns]))
        super().__init__(f"{{{name}}} is no entry of glossary.yaml (its entries: {known})", path)
        self.name = name
