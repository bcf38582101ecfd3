"""rules/document_types.yaml: title expressions and content words of each document type."""

from __future__ import annotations

from pydantic import Field, field_validator

from ..model import DocumentType
from ..rules import RuleModel, check_regex


#: The type of a text that is no budget-performance document.
OTHER: DocumentType = "other"


class DocumentTypeRule(RuleModel):
    id: DocumentType
    title: str
    content: list[str] = Field(default_factory=list)

    _v = field_validator("title")(check_regex)


class DocumentTypeRules(RuleModel):
    """The contents of ``rules/document_types.yaml``."""

    head_lines: int = Field(6, ge=1)
    page_labels: list[str] = Field(default_factory=list)
    page_phrases: list[str] = Field(default_factory=list)
    title_join_max_chars: int = Field(40, ge=1)
    min_content_hits: int = Field(3, ge=1)
    budget_words: list[str] = Field(default_factory=list)
    min_budget_words: int = Field(1, ge=1)
    types: list[DocumentTypeRule]

    @field_validator("types")
    @classmethod
    def _no_other(cls, v):
        if any(t.id == OTHER for t in v):
            raise ValueError("'other' is what no type matches; it has no rule")
        return v
