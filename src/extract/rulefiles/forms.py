"""rules/forms.yaml: the national 自评表 as a record (funds-block rows and columns, 总分, scoring notes)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, field_validator

from ..rules import RuleModel, check_regex


class FundsParts(RuleModel):
    total: str
    parts: list[str] = Field(min_length=2)
    # any two or more of the parts may be the whole (funds named by the level
    # of government paying them: a project has some levels only)
    any_of: bool = False


class FormRules(RuleModel):
    """The contents of ``rules/forms.yaml``."""

    identity: dict[str, list[str]]
    funds_header: list[str]
    funds_columns: dict[str, list[str]]
    funds_rows: dict[str, list[str]]
    # funds named by the level of government paying them: role -> the level
    # words a row label opens with, and the words that may follow (funds_level_rest)
    funds_levels: dict[str, list[str]] = Field(default_factory=dict)
    funds_level_rest: str = ""
    lone_budget: list[str] = Field(default_factory=list)
    funds_points: str = ""
    row_prefix: str = ""
    funds_parts: list[FundsParts] = Field(default_factory=list)
    funds_sum_columns: list[str] = Field(default_factory=lambda: ["initial", "adjusted", "executed"])
    funds_groups: dict[str, list[str]] = Field(default_factory=dict)
    funds_units: list[str] = Field(default_factory=list)
    total_row_fields: dict[str, list[str]] = Field(default_factory=dict)
    goal_label: list[str] = Field(default_factory=list)
    annual_goal: list[str] = Field(default_factory=list)
    goals: dict[str, list[str]] = Field(default_factory=dict)
    total_row: list[str]
    rate_indicators: list[str] = Field(default_factory=list)
    total_fields: dict[str, list[str]] = Field(default_factory=dict)
    level1_words: list[str] = Field(default_factory=list)
    indicator_periods: list[str] = Field(default_factory=lambda: ["中期", "年度"], min_length=2)
    level_suffix: str = "指标"
    level_points: str = ""
    level_separators: list[str] = Field(default_factory=list)
    item_number: str = ""
    note_prefixes: list[str] = Field(default_factory=list)
    score_decimals: dict[str, int] = Field(default_factory=dict)
    full_weight: Decimal = Decimal(100)
    department_words: list[str] = Field(default_factory=list)
    empty_cells: list[str] = Field(default_factory=list)
    # more cells that state nothing where a row's label may stand (无)
    empty_label_cells: list[str] = Field(default_factory=list)
    value_units: list[str] = Field(default_factory=list)

    _v_regex = field_validator("row_prefix", "item_number", "level_points", "funds_points")(check_regex)
