"""Mutation tests: change one number of a sample where a check covers it,
and that check fails at that place (the location's line).

Each case names the sample, the line, the text changed there and the rule
that must fail with that line among its locations — one case per kind of
figure a check reads: a table cell and a table total, an addend of each
breakdown form, a rate, a balance, a growth start and a growth rate, an
indicator actual, a count in words, an enumeration marker, a heading, a
repeated metric, a score, a date.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_2022 = SAMPLES / "2022_jiangmen_kejiju_project_self_evaluation.txt"
SAMPLE_2024 = SAMPLES / "2024_jiangmen_kejiju_department_overall_self_evaluation.txt"

MUTATIONS = [
    # (id, sample, line, old, new, rule)
    ("table cell", SAMPLE_2024, 48, "1752.99", "1762.99", "table_totals"),
    ("table total", SAMPLE_2024, 58, "6159.90", "6169.90", "table_totals"),
    ("parenthesis addend", SAMPLE_2024, 43, "3708.71", "3718.71", "stated_breakdown"),
    ("其中 addend", SAMPLE_2024, 90, "1,796.59", "1,786.59", "stated_breakdown"),
    ("构成 part", SAMPLE_2024, 92, "153.99", "163.99", "stated_breakdown"),
    ("count part over its whole", SAMPLE_2022, 202, "27 家", "28 家", "stated_breakdown"),
    ("part over its whole", SAMPLE_2022, 176, "39.40", "139.40", "stated_breakdown"),
    ("budget rate", SAMPLE_2024, 43, "83.2%", "85.2%", "rate"),
    ("budget completion rate", SAMPLE_2022, 57, "75.8%", "76.8%", "rate"),
    ("pass rate", SAMPLE_2022, 155, "82.4%", "83.4%", "rate"),
    ("balance", SAMPLE_2024, 43, "1247.01", "1257.01", "difference"),
    ("growth rate", SAMPLE_2022, 161, "18.41%", "18.91%", "growth"),
    ("growth start", SAMPLE_2022, 159, "908", "918", "growth"),
    ("growth end", SAMPLE_2022, 169, "31.08", "31.58", "growth"),
    ("indicator actual", SAMPLE_2024, 68, "949 家", "849 家", "target"),
    ("count in words", SAMPLE_2024, 132, "四个", "五个", "count_in_words"),
    ("enumeration marker", SAMPLE_2024, 19, "三是提升", "五是提升", "enumeration_order"),
    ("heading marker", SAMPLE_2022, 53, "（三）资金安排情况", "（四）资金安排情况", "heading_order"),
    ("repeated metric", SAMPLE_2024, 15, "孵化企业 5 家", "孵化企业 6 家", "metric_consistency"),
    ("self-score", SAMPLE_2022, 335, "得分 99 分", "得分 79 分", "score_grade"),
    ("indicator deadline year", SAMPLE_2024, 77, "2024年4 月1日前", "2022年4 月1日前", "year_scope"),
]


def mutated(path, line: int, old: str, new: str) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[line - 1].count(old) == 1, f"{old!r} not once on line {line}"
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


def checks_of(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<mutated>", sha256="0" * 64, lines=src.n_lines)).checks


def failing_lines(checks, rule: str) -> set[int]:
    return {loc.line for c in checks if c.rule == rule and c.status == "fail" for loc in c.locations}


@pytest.fixture(scope="module")
def original_checks():
    return {p: checks_of(p.read_text(encoding="utf-8")) for p in (SAMPLE_2022, SAMPLE_2024)}


@pytest.mark.parametrize("case", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_a_changed_figure_fails_its_check_at_its_place(case, original_checks):
    _, sample, line, old, new, rule = case
    assert line not in failing_lines(original_checks[sample], rule)
    checks = checks_of(mutated(sample, line, old, new))
    assert line in failing_lines(checks, rule), [c.message for c in checks if c.rule == rule]
    failed = [c for c in checks if c.rule == rule and c.status == "fail"
              and line in {loc.line for loc in c.locations}]
    assert all(c.message and c.locations for c in failed)
