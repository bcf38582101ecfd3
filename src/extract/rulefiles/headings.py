"""rules/headings.yaml: heading marker families, inline enumerations, tables of contents."""

from __future__ import annotations

from pydantic import field_validator

from ..rules import RuleModel, check_regex


_Strict = RuleModel


def _check_regex(v: str) -> str:
    check_regex(v)
    if "(?P<n>" not in v:
        raise ValueError("pattern needs a group (?P<n>…) for the ordinal")
    return v


class HeadingStyle(_Strict):
    pattern: str
    strong: bool = False

    _v = field_validator("pattern")(_check_regex)


class EnumerationForm(_Strict):
    pattern: str
    name: str

    _v = field_validator("pattern")(_check_regex)


class ContentsRules(_Strict):
    """A table of contents: its title words, and the page number or dotted
    leader that ends an entry (a run of ``min_entries`` such entries is a
    table of contents even without a title); ``leader``, a dotted leader
    that ends an entry whose page number is missing (the last entry of a
    cut contents): the entry is still one of the block."""

    titles: list[str] = ["目录"]
    page_number: str = r"(?:[.．…·_—-]{2,}\s*|\s+)\d{1,3}$"
    leader: str = ""
    min_entries: int = 3

    _v = field_validator("page_number", "leader")(check_regex)


class HeadingRules(_Strict):
    styles: dict[str, HeadingStyle]
    contents: ContentsRules = ContentsRules()
    part_titles: list[str] = []
    title_end: str = "。：:"
    max_title_chars: int = 40
    max_heading_chars: int = 50
    form_cell_before: str = ""
    group_row_before: str = ""
    no_heading: str = ""
    list_lead: str = ""
    enumerations: list[EnumerationForm] = []

    _fc = field_validator("form_cell_before", "group_row_before", "no_heading", "list_lead")(check_regex)
