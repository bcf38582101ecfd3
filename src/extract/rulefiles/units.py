"""rules/units.yaml: numerals, multipliers, units, qualifiers (where they stand), operators, range separators and date words."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Optional

from pydantic import Field, ValidationInfo, field_validator

from ..model import Operator, UnitClass
from ..rules import RuleModel


_Rule = RuleModel


def _no_float(v: object) -> object:
    if isinstance(v, float):
        raise ValueError("write exact numbers as integers or quoted decimals ('0.5'), never floats")
    return v


def _positive(v: Decimal) -> Decimal:
    if not v.is_finite() or v <= 0:
        raise ValueError("must be a positive finite number")
    return v


class UnitDef(_Rule):
    """One unit: its class, the base its values are normalized to, the exact
    factor to that base, other spellings, and the characters that, right after
    it, make it another word."""

    unit_class: UnitClass = Field(alias="class")
    base: Optional[str] = None
    factor: Decimal = Decimal(1)
    synonyms: list[str] = []
    not_before: list[str] = []
    scalable: bool = True

    @field_validator("factor", mode="before")
    @classmethod
    def _exact(cls, v: object) -> object:
        return _no_float(v)

    @field_validator("factor")
    @classmethod
    def _factor_positive(cls, v: Decimal) -> Decimal:
        return _positive(v)


class QualifierDef(_Rule):
    """Where a qualifier stands and what it compares; the direction it
    loosens its figure in is the glossary's (glossary.yaml ``qualifiers``)."""

    position: Literal["before", "inner", "after"]
    operator: Optional[Operator] = None
    not_after: list[str] = []


class OperatorRules(_Rule):
    before: dict[str, Operator] = {}
    after: dict[str, Operator] = {}


class NumeralRules(_Rule):
    digits: dict[str, int]
    powers: dict[str, int]
    sections: dict[str, int]
    decimal_point: list[str] = ["点"]
    minus: list[str] = ["负"]
    indefinite: list[str] = []
    not_after: list[str] = []
    not_numbers: list[str] = []

    @field_validator("digits")
    @classmethod
    def _digits(cls, v: dict[str, int]) -> dict[str, int]:
        for k, d in v.items():
            if len(k) != 1 or not 0 <= d <= 9:
                raise ValueError(f"{k!r}: a digit is one character worth 0..9")
        return v

    @field_validator("powers")
    @classmethod
    def _powers(cls, v: dict[str, int]) -> dict[str, int]:
        for k, p in v.items():
            if len(k) != 1 or p not in (10, 100, 1000):
                raise ValueError(f"{k!r}: a power is one character worth 10, 100 or 1000")
        return v

    @field_validator("sections")
    @classmethod
    def _sections(cls, v: dict[str, int]) -> dict[str, int]:
        for k, p in v.items():
            if len(k) != 1 or p < 10000 or str(p).rstrip("0") != "1":
                raise ValueError(f"{k!r}: a section marker is one character worth a power of ten >= 10000")
        return v


class DateRules(_Rule):
    year_min: int = 1900
    year_max: int = 2100
    year_words: list[str] = ["年度", "年"]
    month_words: list[str] = ["月份", "月"]
    day_words: list[str] = ["日", "号"]
    deadline_words: list[str] = ["之前", "以前", "前"]
    deadline_not_before: list[str] = []
    numeric_separators: list[str] = ["-", "/", "."]


class UnitRules(_Rule):
    """rules/units.yaml: numerals, multipliers, units, qualifiers, operators,
    range separators and date words."""

    numerals: NumeralRules
    ordinal_prefixes: list[str] = ["第"]
    multipliers: dict[str, Decimal] = {}
    units: dict[str, UnitDef]
    prefix_units: dict[str, str] = {}
    qualifiers: dict[str, QualifierDef] = {}
    operators: OperatorRules = OperatorRules()
    range_separators: list[str] = []
    thousands_separators: list[str] = [","]
    dates: DateRules = DateRules()

    @field_validator("multipliers", mode="before")
    @classmethod
    def _mult_exact(cls, v: object) -> object:
        if isinstance(v, dict):
            for k, x in v.items():
                try:
                    _no_float(x)
                except ValueError as e:
                    raise ValueError(f"{k}: {e}") from None
        return v

    @field_validator("multipliers")
    @classmethod
    def _mult_positive(cls, v: dict[str, Decimal]) -> dict[str, Decimal]:
        for k, x in v.items():
            if not x.is_finite() or x <= 0:
                raise ValueError(f"{k}: a multiplier must be a positive number")
        return v

    @field_validator("units")
    @classmethod
    def _unique_spellings(cls, v: dict[str, UnitDef]) -> dict[str, UnitDef]:
        seen: dict[str, str] = {}
        for name, u in v.items():
            for s in [name, *u.synonyms]:
                if not s:
                    raise ValueError(f"{name}: empty spelling")
                if s in seen:
                    raise ValueError(f"spelling {s!r} belongs to both {seen[s]} and {name}")
                seen[s] = name
        return v

    @field_validator("prefix_units")
    @classmethod
    def _prefix_targets(cls, v: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        units = info.data.get("units") or {}
        for k, name in v.items():
            if name not in units:
                raise ValueError(f"{k}: names unknown unit {name!r}")
        return v
