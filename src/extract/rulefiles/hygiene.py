"""rules/hygiene.yaml: draft hygiene (opposite alternatives, prompts, placeholders, punctuation pairs, scope words, comparison words, place-name suffixes)."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, field_validator

from ..rules import RuleModel, check_regex, needs_groups


class Examples(RuleModel):
    """Text each rule must flag, and text it must leave alone."""

    flagged: list[str] = Field(min_length=1)
    clean: list[str] = Field(min_length=1)


class ResidueRules(RuleModel):
    opposites: list[tuple[list[str], list[str]]]
    prompts: list[str] = Field(default_factory=list)
    empty_reason: Optional[str] = None
    empty_reason_in_cell: Optional[str] = None
    examples: Examples

    _v = field_validator("prompts", "empty_reason", "empty_reason_in_cell")(check_regex)


class PlaceholderRules(RuleModel):
    patterns: list[str]
    examples: Examples

    _v = field_validator("patterns")(check_regex)


class PunctuationRules(RuleModel):
    doubled_marks: str
    allowed_pairs: list[str] = Field(default_factory=list)
    pairs: list[str]
    list_marker: str
    # A sentence ended inside a closing mark and again after it (（…通过。）。).
    end_around_close: Optional[str] = None
    examples: Examples

    _v = field_validator("list_marker", "end_around_close")(check_regex)

    @field_validator("pairs")
    @classmethod
    def _two_marks(cls, v):
        bad = [p for p in v if len(p) != 2 or p[0] == p[1]]
        if bad:
            raise ValueError(f"a pair is an opening and a different closing mark, not {bad[0]!r}")
        return v


class ScopeKind(RuleModel):
    name: str
    title_words: list[str] = Field(default_factory=list)
    report_type: Optional[str] = None
    foreign: list[str]

    _v = field_validator("foreign")(check_regex)


class YearBound(RuleModel):
    """Words that bound the report's own figures by a year (group ``year``,
    a month in group ``month`` if stated) anywhere in a sentence: a year
    before the report's is a finding when ``earlier``; a later one by
    ``later`` (``year_end``: only a cut-off at a later year's end or a bare
    later year, not one a few months on, when the report is written). The
    sentence must state ``states`` after the words (if given) and hold none
    of ``not_words``. ``message`` names the fault (the report's year and
    the year written are put after it)."""

    pattern: str
    states: Optional[str] = None
    not_words: list[str] = Field(default_factory=list)
    earlier: bool = True
    later: Literal["never", "year_end", "always"] = "never"
    message: str
    # The message when the year written is after the report's (``message``
    # when not given).
    later_message: Optional[str] = None
    # Not when the next sentence names the report's year: the earlier year's
    # figure set before this year's (2022年自评得分…。2023年…自评得分…).
    unless_next_names_year: bool = False
    # The words state an agreement (数据与2022年度决算一致): their 与 or 同
    # compares nothing, so only comparison words outside them keep the
    # sentence from being read.
    agreement: bool = False

    _v = field_validator("pattern")(needs_groups("year"))
    _s = field_validator("states")(check_regex)


class SectionOpening(RuleModel):
    """The first sentence of a section on the report's own funds (its
    ``heading``, matched whole: inline before the sentence, or the line
    before it) opening on another year: the section's statement of the
    year's figures (``states``) written under a wrong year, unless it names
    one of ``not_words`` (funds of another year: 结转, 下达, 以来) or compares
    with another year in words other than the frame year's own comparison
    with its year before (``relative_comparison``)."""

    heading: str
    states: str
    not_words: list[str] = Field(default_factory=list)

    _v = field_validator("heading", "states")(check_regex)


class ScopeRules(RuleModel):
    kinds: list[ScopeKind]
    period_frame: str
    this_period_words: list[str]
    comparison_words: list[str] = Field(default_factory=list)
    # Words of a plan: a sentence framed by a later year that holds one
    # (2025年将…，力争全年…) states the plan of that year, not this year's
    # figures under a wrong year.
    plan_words: list[str] = Field(default_factory=list)
    # Comparisons of the frame year with the year before it (上年为…，同比增长…):
    # they make no year of the sentence one of comparison but the year before
    # the frame year.
    relative_comparison: Optional[str] = None
    year_bounds: list[YearBound] = Field(default_factory=list)
    # Words that place a year after the report's (group ``year``): a year
    # before the report's there cannot be (作为编制2020年度预算的依据 in a 2021
    # report: that budget was made before this evaluation).
    later_year: Optional[str] = None
    # A year's figure set as the base of a comparison with the year before
    # (group ``year``: 2021年同类支出…，同比增长… in a sentence of this year,
    # one of ``current_words``): the base can only be the year before the
    # report's.
    comparison_base: Optional[str] = None
    current_words: list[str] = Field(default_factory=list)
    section_opening: Optional[SectionOpening] = None
    # A word of this year glossed with a year in brackets (group ``year``:
    # 本年（2022年）): the year can only be the report's.
    own_year_gloss: Optional[str] = None
    examples: Examples

    _v = field_validator("period_frame", "later_year", "comparison_base", "own_year_gloss")(needs_groups("year"))
    _r = field_validator("relative_comparison")(check_regex)


Relation = Literal["greater", "less", "equal", "at_most", "at_least"]


class ComparisonRules(RuleModel):
    words: dict[Relation, list[str]]
    max_gap_chars: int = 8
    joiners: str = "与和同跟"
    base_before: str = ""
    examples: Examples

    _v = field_validator("base_before")(check_regex)


class NameRules(RuleModel):
    suffix_groups: list[list[str]]
    stem_chars: int = Field(2, ge=1)
    not_in_stem: str = ""
    not_names: list[str] = Field(default_factory=list)
    not_stems: list[str] = Field(default_factory=list)
    verbs: list[str] = Field(default_factory=list)
    # pairs of suffixes of one group that name two places (县 and 市)
    two_places: list[list[str]] = Field(default_factory=list)
    examples: Examples


class MissingUnitRules(RuleModel):
    rate: str
    amount: str
    unit_line: str
    examples: Examples

    _v = field_validator("rate", "amount", "unit_line")(check_regex)


class HygieneRules(RuleModel):
    """The contents of ``rules/hygiene.yaml``."""

    residue: ResidueRules
    placeholder: PlaceholderRules
    punctuation: PunctuationRules
    scope: ScopeRules
    comparison: ComparisonRules
    names: NameRules
    missing_unit: MissingUnitRules
