"""rules/metrics.yaml: how the words before a figure become its metric; budget roles."""

from __future__ import annotations

from typing import Any, Optional

from pydantic import PrivateAttr, field_validator

from ..rules import RuleModel, check_regex


class BudgetRole(RuleModel):
    metric: str
    unit_class: str
    # Words before the figure in its sentence that make it no figure of the
    # role (a progress figure at 6月底 is not the year's).
    not_before: Optional[str] = None
    # Words in the figure's clause that make it no figure of the role (与上年
    # 实际支出691.29万元相比: the year before's).
    not_words: Optional[str] = None

    _v = field_validator("metric", "not_before", "not_words")(check_regex)


class MetricRules(RuleModel):
    clause_breaks: str
    strip_leading: list[str] = []
    strip_trailing: list[str] = []
    drop_phrases: list[str] = []
    max_chars: int = 24
    max_following_chars: int = 12
    dictionary: list[str] = []
    open_verbs: list[str] = []
    carry_gap: str = r"[(（]?"
    ordinal_units: list[str] = []
    ordinal_followers: list[str] = []
    noun_phrase_stops: list[str] = []
    # Words joining two nouns after a figure into one thing counted (普查指导员和普查员).
    noun_joiners: list[str] = []
    quote_marks: str = ""
    names: Optional[str] = None
    period_leads: list[str] = []
    period_follows: list[str] = []
    noun_separators: list[str] = []
    list_closers: list[str] = []
    generic_nouns: list[str] = []
    budget: dict[str, BudgetRole] = {}
    budget_columns: dict[str, list[str]] = {}
    budget_rows: list[str] = []
    budget_table_default_unit: str = "万元"
    money_names: list[str] = []

    _tokenizer: Any = PrivateAttr(default=None)
