"""Line classification (extract.line_kinds): one module says what a line is
(table row, caption, page artifact, heading candidate), and a line gets the
same class whichever loader made it."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from conftest import SAMPLES
from extract.line_kinds import line_classifier
from extract.load import load_document
from extract.ruleset import RuleSet
from extract.span import Span

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STEMS = ["2022_jiangmen_kejiju_project_self_evaluation",
         "2024_jiangmen_kejiju_department_overall_self_evaluation"]


@pytest.mark.parametrize("text, kind", [
    ("", "blank"), ("   ", "blank"),
    ("一级指标\t二级指标\t指标值", "table"), ("| 项目 | 金额 |", "table"),
    ("- 3 -", "artifact"), ("第 3 页", "artifact"), ("12", "artifact"),
    ("表1 2024年资金情况（单位：万元）", "caption"), ("表1-2 分项资金", "caption"), ("附表3：指标", "caption"),
    ("二、项目绩效目标", "heading"), ("（一）预算执行情况", "heading"),
    ("二、项目完成情况。全年共完成12项，达到目标。", "text"), ("全年共完成12项。", "text"),
])
def test_the_class_of_a_line(text, kind):
    assert line_classifier(RuleSet.default()).kind(text) == kind


def _classes(path: Path) -> dict[str, str]:
    """Each line of the document at ``path`` (white space removed) -> its class."""
    lines = line_classifier(RuleSet.default())
    source = load_document(path)
    source = getattr(source, "source", source)
    out: dict[str, str] = {}
    for no in range(1, source.n_lines + 1):
        span = source.line_span(no)
        key = "".join(span.text.split())
        if key:
            out[key] = lines.classify(span)[0]
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_a_line_gets_the_same_class_whichever_loader_made_it(stem):
    paths = [SAMPLES / f"{stem}.txt", FIXTURES / f"{stem}.docx", FIXTURES / f"{stem}.html",
             FIXTURES / f"{stem}.pdf"]
    by_line: dict[str, dict[str, str]] = collections.defaultdict(dict)
    for path in paths:
        for key, kind in _classes(path).items():
            by_line[key][path.suffix] = kind
    shared = {k: v for k, v in by_line.items() if len(v) > 1}
    assert len(shared) > 100
    kinds = {kind for v in shared.values() for kind in v.values()}
    assert kinds >= ({"table", "heading", "text"} if "2024" in stem else {"heading", "text"})
    disagree = {k: v for k, v in shared.items() if len(set(v.values())) > 1}
    assert not disagree


def test_normalize_sections_and_the_pdf_layout_ask_the_same_classifier():
    from extract.load.pdf import block_rules
    from extract.normalize import normalizer

    rs = RuleSet.default()
    lines = line_classifier(rs)
    assert normalizer(rs).lines is lines and block_rules(rs) is lines
    assert lines.breaks_before("上文。", "表1-2 分项资金")
    assert lines.classify(Span.of_source("• 完成情况说明"))[1].text == "完成情况说明"
