"""rules/indicators.yaml: indicator table columns and the default operators of targets."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, field_validator

from ..model import Operator
from ..rules import RuleModel, check_regex


#: What a column of an indicator table holds.
ColumnRole = Literal["level1", "level2", "name", "target", "actual", "weight", "score", "deviation",
                     "operator", "unit"]


_Rules = RuleModel


class ColumnVocabulary(_Rules):
    """Header labels per column role."""

    level1: list[str] = Field(default_factory=list)
    level2: list[str] = Field(default_factory=list)
    name: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    actual: list[str] = Field(default_factory=list)
    weight: list[str] = Field(default_factory=list)
    score: list[str] = Field(default_factory=list)
    deviation: list[str] = Field(default_factory=list)
    operator: list[str] = Field(default_factory=list)
    unit: list[str] = Field(default_factory=list)


class OperatorRules(_Rules):
    """Operators inferred for a bare target, by source of evidence."""

    by_name: dict[str, Operator] = Field(default_factory=dict)
    by_unit_class: dict[str, Operator] = Field(default_factory=dict)
    by_level: dict[str, Operator] = Field(default_factory=dict)
    zero_value: Optional[Operator] = None
    full_percent: Optional[Operator] = None


class NarrativeRules(_Rules):
    """Indicators stated in running text ("驿站数量绩效目标值是2个，实际完成值
    为0个"): the words before the target and the actual, how far each figure
    may stand from its word, and the characters a name does not keep at its
    end."""

    target_words: list[str] = Field(default_factory=list)
    actual_words: list[str] = Field(default_factory=list)
    max_gap_chars: int = Field(4, ge=0)
    min_name_chars: int = Field(2, ge=1)
    name_tail: str = ""
    compared_actual_words: list[str] = Field(default_factory=list)
    compared_gap_chars: int = Field(8, ge=0)
    compared_not_between: list[str] = Field(default_factory=list)
    compared_plan_words: list[str] = Field(default_factory=list)
    name_end_words: list[str] = Field(default_factory=list)
    # An actual stated by one of these words (全年实际完成377期) is an amount
    # reached: its bare target is a floor, unless the indicator's name holds
    # a word of ``lower_better_words`` or the target is of a unit class of
    # ``not_floor_unit_classes`` (办理时限目标5个工作日: a ceiling).
    floor_actual_words: list[str] = Field(default_factory=list)
    # Target words too common to let a figure stand words away (目标完成率
    # 102%: not a target of 102%): their figure follows at once (目标96%,
    # 年度目标为367期).
    tight_target_words: list[str] = Field(default_factory=list)
    # A bare percentage in running text is a floor only when its name ends
    # with one of these rates to reach (覆盖率, 合格率, 满意度).
    floor_rate_ends: list[str] = Field(default_factory=list)
    # No floor for a name holding one of these (投诉率, 事故, 成本) or a
    # target of one of these unit classes (a duration: a ceiling).
    lower_better_words: list[str] = Field(default_factory=list)
    not_floor_unit_classes: list[str] = Field(default_factory=list)
    # A bare target of one of these unit classes in running text has no
    # inferred comparison at all (a time: to reach or to keep under).
    undecided_unit_classes: list[str] = Field(default_factory=list)


class IndicatorRules(_Rules):
    """The contents of ``rules/indicators.yaml``."""

    columns: ColumnVocabulary
    column_prefixes: ColumnVocabulary = Field(default_factory=ColumnVocabulary)
    required: list[ColumnRole] = Field(default_factory=lambda: ["name", "target"])
    operators: OperatorRules = Field(default_factory=OperatorRules)
    stated_operators: dict[str, Operator] = Field(default_factory=dict)
    name_prefix: str = ""
    blank_name: str = ""
    affirmative: list[str] = Field(default_factory=list)
    affirmative_whole: list[str] = Field(default_factory=list)
    negative: list[str] = Field(default_factory=list)
    negative_whole: list[str] = Field(default_factory=list)
    partial: list[str] = Field(default_factory=list)
    narrative: NarrativeRules = Field(default_factory=NarrativeRules)

    _v_regex = field_validator("name_prefix", "blank_name")(check_regex)

    @field_validator("required")
    @classmethod
    def _some_required(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("at least one column role is required")
        return v
