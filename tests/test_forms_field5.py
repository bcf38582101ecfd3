"""Forms the field trial s5 found unchecked, each on a form written for the
test (figures made up): a form one cell per line whose funds cells carry
their unit (500.00万元) or whose funds header cell is broken over two lines,
a pipe form whose 预算数 column is the only budget, its rate a fraction and
its funds points stated in the header (得分（20分*执行率）), the message of a
score pass, and a form cut before its last rows."""

from __future__ import annotations

from extract.load.text import source_from_text
from extract.model import Source
from extract.pipeline import parse_source


def parse(text: str):
    src = source_from_text(text)
    return parse_source(src, Source(path="<t>", sha256="0" * 64, lines=src.n_lines))


def form_results(report, status=None):
    return [c for c in report.checks if c.rule == "form" and (status is None or c.status == status)]


def one_cell_per_line(cells: list[str]) -> str:
    return "\n\n".join(cells) + "\n"


HEAD = ["部门整体支出绩效自评表", "(2024年度)", "预算单位名称", "某县园林中心"]
FUNDS = ["年度资金总额", "{a}", "{a}", "{e}", "10", "100%", "10"]


def _funds_form(header: list[str], budget: str, executed: str) -> str:
    row = [c.format(a=budget, e=executed) for c in FUNDS]
    return one_cell_per_line(HEAD + header + row)


# ---------------------------------------------------------------- C1

def test_one_cell_per_line_funds_cells_with_their_unit_are_checked():
    header = ["项目资金", "(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    report = parse(_funds_form(header, "620.00万元", "310.00万元"))
    failed = form_results(report, "fail")
    assert [c.kind for c in failed] == ["rate"]
    assert failed[0].expected == "50%" and failed[0].stated == "100%"


def test_one_cell_per_line_funds_header_broken_over_two_lines_is_read():
    header = ["年度预", "算申请", "(万元)", "年初", "预算数", "全年预算数", "全年", "执行数", "分值", "执行率", "得分"]
    report = parse(_funds_form(header, "620.00", "310.00"))
    failed = form_results(report, "fail")
    assert [c.kind for c in failed] == ["rate"]
    assert "310.00 / 全年预算数 620.00 = 50%" in failed[0].message


def test_one_cell_per_line_funds_cells_that_hold_pass():
    header = ["项目资金", "(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    report = parse(_funds_form(header, "620.00万元", "620.00万元"))
    assert form_results(report, "fail") == []
    assert any(c.kind == "rate" and c.status == "pass" for c in form_results(report))


# ---------------------------------------------------------------- C2

PIPE = """项目支出绩效自评表 |
项目名称 | 2024年某种植补助项目 | |||||
预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |
||
年度财政资金总额 | 800 | {e} | {r} | {s} | ||
一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |
产出指标 | 数量指标 | 补助面积(亩) | 300 | 300 | 40 | |
满意度指标 | 服务对象满意度指标 | 满意度(%) | 90 | 92 | 40 | |
总分 | {t} | |||||
"""


def test_lone_budget_column_fraction_rate_and_header_points_are_read():
    report = parse(PIPE.format(e="600", r="0.5", s="10", t="90"))
    by_kind = {c.kind: c for c in form_results(report)}
    assert by_kind["rate"].status == "fail"
    assert by_kind["rate"].message == "年度资金总额执行率 0.5 与全年执行数 600 / 全年预算数 800 = 0.75 不符"
    assert by_kind["rate_score"].status == "pass"  # 20 × 0.5 = 10, as the form states the rate
    assert "分值 20 × 执行率 0.5" in by_kind["rate_score"].message
    assert by_kind["score_sum"].status == "pass"  # 10 + 40 + 40


def test_fraction_rate_and_its_score_that_hold_pass():
    report = parse(PIPE.format(e="600", r="0.75", s="15", t="95"))
    assert form_results(report, "fail") == []
    kinds = {c.kind for c in form_results(report, "pass")}
    assert {"rate", "rate_score", "score_sum"} <= kinds


def test_score_off_the_header_points_fails():
    report = parse(PIPE.format(e="600", r="0.75", s="20", t="100"))
    assert [c.kind for c in form_results(report, "fail")] == ["rate_score"]


def test_lone_budget_is_not_taken_under_a_two_row_header():
    # 年初 | 全年 over 预算数 | 预算数: two budget columns, each named by the row above
    text = "\n".join([
        "2024年度培训项目支出绩效自评表",
        "项目资金（万元） | 年初 | 全年 | 全年 | 分值 | 执行率 | 得分",
        " | 预算数 | 预算数 | 执行数 | | |",
        "年度资金总额 | 100 | 120 | 60 | 10 | 50% | 5",
    ]) + "\n"
    report = parse(text)
    rate = next(c for c in form_results(report) if c.kind == "rate")
    assert rate.status == "pass" and "60 / 全年预算数 120" in rate.message


# ---------------------------------------------------------------- messages

def test_score_pass_message_shows_the_product_not_an_interval_end():
    header = ["项目资金", "(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    report = parse(_funds_form(header, "620.00", "620.00"))
    score = next(c for c in form_results(report) if c.kind == "rate_score")
    assert score.status == "pass"
    assert score.message == "执行率得分 10 与分值 10 × 执行率 100% = 10.00 相符"


def test_score_pass_message_shows_the_range_of_a_coarse_rate():
    report = parse(PIPE.format(e="116", r="0.1", s="2.9", t="82.9"))
    score = next(c for c in form_results(report) if c.kind == "rate_score")
    assert score.status == "pass"
    assert score.message == "执行率得分 2.9 与分值 20 × 执行率 0.1 = 1.00～3.00 相符"


# ---------------------------------------------------------------- cut forms

def test_form_cut_before_its_total_row_is_no_short_weight_sum():
    header = ["项目资金", "(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    rows = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
            "产出指标", "数量指标", "绿化面积", "30亩", "30亩", "20", "20",
            "质量指标", "苗木成活率", "95%", "96%", "20", "20"]
    text = one_cell_per_line(HEAD + header + [c.format(a="620.00", e="620.00") for c in FUNDS] + rows)
    report = parse(text)
    assert [c for c in form_results(report) if c.kind == "weight_sum"] == []
