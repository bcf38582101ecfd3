"""rules/tables.yaml: how a line becomes a row, which rows are headers and totals, column roles, fund tables."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, PrivateAttr, field_validator

from ..rules import RuleModel, check_regex


_Rules = RuleModel


class RowRules(_Rules):
    """How a line without tabs is cut into cells."""

    min_gap: int = Field(2, ge=2)
    min_gaps: int = Field(2, ge=1)
    position: Literal["chars", "display"] = "chars"
    pipes: bool = True
    min_pipes: int = Field(2, ge=1)
    separator_cell: str = r":?-{3,}:?"

    _v_separator = field_validator("separator_cell")(check_regex)


class HeaderRules(_Rules):
    """Which leading rows are header rows."""

    max_rows: int = Field(2, ge=1)
    min_labels: int = Field(2, ge=1)
    min_share: float = Field(0.6, gt=0, le=1)


class ColumnLabels(_Rules):
    """Header labels by column role."""

    fill: list[str] = Field(default_factory=list)
    value: list[str] = Field(default_factory=list)
    text: list[str] = Field(default_factory=list)


class FundTableRules(_Rules):
    """How a fund table (name + amount columns) is recognised."""

    name_labels: list[str]
    amount_labels: list[str]
    amount_label_prefixes: list[str] = Field(default_factory=list)
    number_labels: list[str] = Field(default_factory=list)
    header_unit: str
    caption_unit: str

    _v_header = field_validator("header_unit", "caption_unit")(check_regex)


class TableRules(_Rules):
    """The contents of ``rules/tables.yaml``."""

    caption: str
    unit_line: str = r"[(（]?\s*(?:金额|计量|货币)?单位\s*[:：]\s*(?P<unit>亿元|万元|千元|元)\s*[)）]?"
    title_max_chars: int = Field(40, ge=1)
    title_endings: list[str] = Field(default_factory=list)
    row: RowRules = Field(default_factory=RowRules)
    header: HeaderRules = Field(default_factory=HeaderRules)
    labels: ColumnLabels
    label_prefixes: ColumnLabels = Field(default_factory=ColumnLabels)
    fill_blank_leading_columns: bool = True
    value_share: float = Field(0.6, gt=0, le=1)
    wrap_fragments: list[str] = Field(default_factory=list)
    placeholder: str = r"[-—–－/／\\]+"
    row_labels: list[str] = Field(default_factory=list)
    totals: list[str]
    total_suffixes: list[str] = Field(default_factory=list)
    total_suffix_max_chars: int = Field(24, ge=1)
    funds: FundTableRules

    _v_caption = field_validator("caption", "unit_line")(check_regex)
    _v_placeholder = field_validator("placeholder")(check_regex)
    _label_index: Optional[tuple] = PrivateAttr(default=None)
