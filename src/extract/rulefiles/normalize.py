"""rules/normalize.yaml: page artifacts, bullets, table captions, line-joining thresholds."""

from __future__ import annotations

from pydantic import field_validator

from ..rules import RuleModel, check_regex


class NormalizeRules(RuleModel):

    page_artifacts: list[str]
    running_min_repeats: int = 3
    running_max_chars: int = 40
    bullets: str = r"[-•·●▪◆]\s+"
    #: pairs of marks, opening mark first ("()", "“”"); a line ending with an
    #: opening one runs on
    open_marks: list[str] = ["()", "（）", "[]", "【】", "〔〕", "《》", "“”", "‘’"]
    caption: str
    wrapped_share: float = 0.4
    wrapped_band: int = 8
    short_line_ratio: float = 0.8
    standalone_max_width: int = 50
    captioned_min_rows: int = 2
    group_row_max_chars: int = 16
    group_row: str = r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    #: a line that ends with a number and a next line that starts with this
    #: (its unit) are one sentence: "实际支出842.36⏎万元，…"
    unit_start: str = r"(?!x)x"

    _v = field_validator("page_artifacts", "caption", "bullets", "group_row", "unit_start")(check_regex)

    @field_validator("open_marks")
    @classmethod
    def _pairs(cls, v: list[str]) -> list[str]:
        for pair in v:
            if len(pair) != 2:
                raise ValueError(f"{pair!r}: a pair is two marks, opening then closing")
        return v

    @property
    def opening_marks(self) -> str:
        """The opening marks of ``open_marks``."""
        return "".join(p[0] for p in self.open_marks)
