"""What the document is, before it is checked (meta.document_type).

The samples, the real PDFs of ../shared/real and every report of the corpus
are typed by their title and content words (rules/document_types.yaml); a
text that is no budget-performance document gets exactly one information
finding that says so and no other check; checks that assume a
self-evaluation (a self-score and grade, targets against actuals) do not
run on a 决算 or 预算. The type is in the JSON and the database.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, inspect, select, text

from extract.export.database import open_database, upsert_report
from extract.export.rows import report_rows
from extract.export.schema import documents
from extract.interpret.document_type import DocumentTypeRules, document_type
from extract.model import Source
from extract.pipeline import parse_source
from extract.rules import RuleError, parse_rule_text
from extract.span import SourceText

from conftest import SAMPLE_2022, SAMPLE_2024, SHARED_CORPUS, SHARED_REAL

SELF_EVALUATIONS = {"department_self_evaluation", "project_self_evaluation", "self_evaluation_form"}

NEWS = """本报讯 昨日，市区迎来今年首场降雪，气温最低降至零下3摄氏度。
气象部门提醒，未来三天仍有小到中雪，请市民注意出行安全，其中早晚高峰路面湿滑，
驾车人员应减速慢行。全市共出动除雪车辆120台、环卫工人2000余名，确保主干道畅通。
"""

RECIPE = """番茄炒蛋
材料：鸡蛋3个、番茄2个、盐3克、白糖5克、食用油15毫升。
一、鸡蛋打散，加入1克盐搅匀。
二、番茄切块，热锅下油炒蛋至凝固后盛出。
三、炒软番茄，倒回鸡蛋，加盐和白糖翻炒1分钟即可。
"""


def parse_text(body: str):
    src = SourceText(body)
    return parse_source(src, Source(path="<test>", sha256="0" * 64, lines=src.n_lines))


def test_the_samples_are_typed_by_their_titles(report_2022, report_2024):
    assert report_2024.meta.document_type == "department_self_evaluation"
    assert report_2022.meta.document_type == "project_self_evaluation"


@pytest.mark.parametrize("name,expected", [
    ("shanghai_putuo_finance_bureau_2024_final_accounts.pdf", "final_accounts"),
    ("shanghai_putuo_wanli_2023_budget_with_performance_targets.pdf", "budget"),
])
def test_the_real_pdfs_are_a_final_account_and_a_budget(parse_with_source, name, expected):
    path = SHARED_REAL / name
    if not path.exists():
        pytest.skip(f"{path} absent")
    _loaded, report = parse_with_source(path)
    assert report.meta.document_type == expected
    # no self-score and grade in a 决算 or 预算: its 平均得分 of projects and a
    # 绩效评级为“不合格”的项目0个 are no self-rating
    assert not [r for r in report.checks if r.rule in ("score_grade", "target", "target_rating")]
    assert [r for r in report.checks if r.rule == "table_totals" or r.rule == "stated_breakdown"]


def test_every_corpus_report_is_a_self_evaluation_or_a_form(parse_with_source):
    paths = sorted(SHARED_CORPUS.glob("*/*.txt"))
    if not paths:
        pytest.skip(f"{SHARED_CORPUS} absent")
    types = {p.name: parse_with_source(p)[1].meta.document_type for p in paths}
    assert {n: t for n, t in types.items() if t not in SELF_EVALUATIONS} == {}
    # forms standing alone are told from reports with a form inside
    assert {"self_evaluation_form", "department_self_evaluation", "project_self_evaluation"} <= set(types.values())


@pytest.mark.parametrize("body", [NEWS, RECIPE], ids=["news", "recipe"])
def test_a_text_of_no_budget_content_gets_one_information_finding(body):
    report = parse_text(body)
    assert report.meta.document_type == "other"
    assert len(report.checks) == 1
    finding = report.checks[0]
    assert (finding.rule, finding.severity, finding.status) == ("document_type", "info", "fail")
    assert "未识别为预算绩效文件" in finding.message
    assert finding.quote == body.splitlines()[0] and finding.locations[0].line == 1


@pytest.mark.parametrize("head,expected", [
    ("2023年度部门整体支出绩效自评表\n", "self_evaluation_form"),
    ("某县教育局2023年度部门整体支出绩效自评报告\n", "department_self_evaluation"),
    ("2022年度科技专项资金项目绩效自评报告\n", "project_self_evaluation"),
    ("某 区 财 政 局\n2024 年度 部门 决算\n", "final_accounts"),
    ("某区2023年区级部门预算\n", "budget"),
    # no title: the content words decide
    ("情况说明\n部门决算收入决算12万元，支出决算10万元，决算数与预算数差异……\n", "final_accounts"),
    # budget words but no type (an excerpt): no type, every check runs
    ("情况说明\n本年支出100万元。\n", None),
    ("情况说明\n今天天气晴，气温12摄氏度。\n", "other"),
])
def test_titles_and_content_words_decide(head, expected):
    assert document_type(head) == expected


def test_a_title_in_traditional_characters_is_read_through_the_script_fold():
    report = parse_text("某縣衛生健康局2023年度部門整體支出績效自評報告\n一、部門基本情況\n本年支出100萬元。\n")
    assert report.meta.document_type == "department_self_evaluation"


def test_an_excerpt_of_no_type_is_checked_in_full():
    report = parse_text("一、基本情况\n\n项目预算总额1.5万元，其中设备购置5000元、培训费9000元。\n")
    assert report.meta.document_type is None
    assert [r.status for r in report.checks if r.rule == "stated_breakdown"] == ["fail"]
    assert not [r for r in report.checks if r.rule == "document_type"]


def test_the_rule_file_names_only_known_types():
    bad = "types:\n  - id: annual_report\n    title: 年报\n"
    with pytest.raises(RuleError, match="types.0.id"):
        parse_rule_text(bad, DocumentTypeRules, "document_types.yaml")
    with pytest.raises(RuleError, match="other"):
        parse_rule_text("types:\n  - id: other\n    title: x\n", DocumentTypeRules, "document_types.yaml")


def test_the_type_is_in_the_json_and_the_database(tmp_path, report_2024):
    assert '"document_type":"department_self_evaluation"' in report_2024.model_dump_json()
    engine = open_database(str(tmp_path / "reports.sqlite"))
    upsert_report(engine, report_rows(json.loads(report_2024.model_dump_json())))
    with engine.connect() as conn:
        assert conn.execute(select(documents.c.document_type)).scalar_one() == "department_self_evaluation"
    engine.dispose()


def test_a_database_made_before_the_column_gets_it(tmp_path, report_2022):
    path = tmp_path / "old.sqlite"
    old = create_engine(f"sqlite:///{path}")
    with old.begin() as conn:
        conn.execute(text("CREATE TABLE documents (id BIGINT PRIMARY KEY, sha256 VARCHAR(64) NOT NULL "
                          "UNIQUE, path TEXT NOT NULL, format VARCHAR(8) NOT NULL, encoding VARCHAR(32), "
                          "lines INTEGER, pages INTEGER, schema_version VARCHAR(16) NOT NULL, title TEXT, "
                          "department TEXT, year INTEGER, report_type VARCHAR(16), project_name TEXT, "
                          "self_score VARCHAR, grade VARCHAR(16))"))
    old.dispose()
    engine = open_database(str(path))
    assert "document_type" in {c["name"] for c in inspect(engine).get_columns("documents")}
    upsert_report(engine, report_rows(json.loads(report_2022.model_dump_json())))
    with engine.connect() as conn:
        assert conn.execute(select(documents.c.document_type)).scalar_one() == "project_self_evaluation"
    engine.dispose()
