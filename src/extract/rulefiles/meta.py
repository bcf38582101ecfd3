"""rules/meta.yaml: label words, title words, score and grade phrases, grade scale."""

from __future__ import annotations

from decimal import Decimal

from pydantic import field_validator

from ..rules import RuleModel, check_regex


class GradeBand(RuleModel):
    grade: str
    words: list[str]
    min: Decimal
    # the lower bound written exclusive (80分（不含）至90分): a score of it
    # falls in the band below
    min_open: bool = False


class MetaRules(RuleModel):
    department_labels: list[str]
    project_labels: list[str]
    stop_labels: list[str] = []
    code_prefix: str = ""
    title_words: list[str]
    title_join_max_chars: int = 40
    title_max_chars: int = 60
    report_types: dict[str, list[str]]
    year_skip_labels: list[str] = []
    score: str
    score_labels: list[str] = []
    score_rows: list[str] = []
    grade: str
    grade_labels: list[str] = []
    grade_scale: list[GradeBand]
    others_before: str = ""
    others_after: str = ""
    part_weight: str = ""
    # an indicator's line before a score in its sentence (目标值=100%，完成值=98%，得分20分)
    indicator_line: str = ""
    full_score: Decimal = Decimal(100)

    _v_regex = field_validator("code_prefix", "score", "grade", "others_before", "others_after",
                               "part_weight", "indicator_line")(check_regex)
