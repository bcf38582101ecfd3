"""Target-only forms (issue 15.4): the five 财政项目支出绩效目标填报表 at the
end of the 预算 in ../shared/real read as five projects' targets.

Every value below was typed from the PDF's own text (pypdfium2's text of
pages 31-35, read by hand), not from this program's output: identity, the
funds cells of both groups (项目资金总额 with 财政资金 / 其他资金, and
年度资金申请总额 with 当年财政拨款 / 上年结转资金 / 其他资金), the start of
each goal, and every indicator's levels, name and 年度指标值 cell.
The file is third-party: used from ../shared when present, never copied.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

BUDGET = Path(__file__).resolve().parents[2] / "shared" / "real" / \
    "shanghai_putuo_wanli_2023_budget_with_performance_targets.pdf"

needs_budget = pytest.mark.skipif(not BUDGET.exists(), reason="../shared/real not present")

DEPT = "上海市普陀区人民政府万里街道办事处"
OUT, EFF, SAT = "产出指标", "效益指标", "满意度指标"
QTY, QUAL, COST, SOC, SERV = "数量指标", "质量指标", "成本指标", "社会效益指标", "服务对象满意度指标"

# (page, 项目名称, 项目资金总额, 财政资金, 年度资金申请总额, 当年财政拨款, goal start,
#  [(一级, 二级, 三级, 年度指标值)])
FORMS = [
    (31, "新建万里街道社区公共服务中心", "4,100,000.00", "4,100,000.00", "4,100,000.00", "4,100,000.00",
     "建成后作为万里街道社区事务受理", [
         (OUT, QTY, "规划建筑面积", "≥13459.00(平方米)"),
         (OUT, QUAL, "完工及时率", "及时率"),
         (OUT, COST, "预算内经费", "合规"),
         (EFF, SOC, "完善社区基础设施建设", "完善率"),
         (SAT, SERV, "居民满意度", "满意度"),
     ]),
    (32, "就业援助基地补贴", "6,351,000.00", "6,351,000.00", "6,351,000.00", "6,351,000.00",
     "管理各类下拨费用，实报实销", [
         (OUT, QTY, "补贴对象申请审核完成率", "=100.00(%)"),
         (OUT, QUAL, "补贴对象审核达标率", "=100.00(%)"),
         (EFF, SOC, "补贴对象生活改善度", "补贴对象生活改善度不低于80%"),
         (SAT, SERV, "补贴对象满意度", "≥80.00(%)"),
     ]),
    (33, "社区环境整治和建设经费", "4,563,800.00", "4,563,800.00", "4,563,800.00", "4,563,800.00",
     "整治辖区内乱设摊", [
         (OUT, QTY, "整治行动、病媒消杀", "≥12.00(次)"),
         (OUT, QUAL, "项目质量可控性", "可控性100%"),
         (EFF, SOC, "社区居民满意度、幸福感", "不低于50%"),
         (SAT, SERV, "市容环境满意度", "不低于50%"),
     ]),
    (34, "各类工作经费", "7595500.00", "7595500.00", "7595500.00", "7595500.00",
     "提升辖区居民群众的防毒意识和能力", [
         (OUT, QTY, "成立社戒社康人员习得规范小组", ">6.00(次)"),
         (OUT, QTY, "开展特殊对象心理健康教育", "开展至少1次团体心理治疗"),
         (OUT, QTY, "开展社区服刑人员团队训练", "至少1次矫正人员的集中活动"),
         (OUT, QTY, "针对特殊群体进行个案心理辅导", "不低于50人次的个体心理咨询辅导"),
         (OUT, QTY, "开展社区法治宣传活动", "开展不低于5次的社区法治宣传活动"),
         (OUT, QTY, "按计划数量完成", "慰问人数不少于100人,宣传用品不少于20000份"),
         (OUT, QTY, "寒托班、暑托班开设班级数", "≥1.00(个)"),
         (OUT, QTY, "基干民兵整组工作", "≥100.00(人数)"),
         (OUT, QTY, "日常走访企业", ">150.00(家)"),
         (OUT, QTY, "企业服务活动", "≥8.00(次)"),
         (OUT, QTY, "商会活动及会长会议", "=12.00(次)"),
         (OUT, QTY, "质量月活动", "=1.00(次)"),
         (OUT, QTY, "节能减排宣传周活动", "=1.00(次)"),
         (OUT, QTY, "统计法制宣传活动", "=1.00(次)"),
         (OUT, QTY, "15个居民区全覆盖", "居民区全覆盖"),
         (OUT, QUAL, "做好禁毒示范城区标准化建设", "做好禁毒示范城区标准化建设"),
         (OUT, QUAL, "心理健康教育活动有效", "特殊对象及群体、居民心理健康有效提升"),
         (OUT, QUAL, "法治宣传活动丰富有实效", "提升社区法治宣传氛围及居民知法懂法守法用法"),
         (OUT, QUAL, "中心全年活动人次", "=5.00(万人次)"),
         (OUT, QUAL, "完善人大代表“家站点”建设", "达标"),
         (OUT, QUAL, "夯实思想政治基础", "凝聚统战各界人士力量"),
         (OUT, QUAL, "寒托班、暑托班完成班级数", "≥1.00(个)"),
         (OUT, QUAL, "民兵训练及备勤工作", "根据区人武部安排，完成民兵训练任务及备勤任务"),
         (EFF, SOC, "扩大禁毒宣传教育覆盖面", "扩大"),
         (EFF, SOC, "社区服刑人员融入社会", "增强"),
         (EFF, SOC, "社区法治氛围增强", "增强"),
         (EFF, SOC, "居民依法、理性参与公众事务的能力增强", "提升"),
         (EFF, SOC, "提升住宅小区业委会规范化", "加强引导业委会工作制度、履职行为、自治能力等"),
         (EFF, SOC, "助力社区发展", "提升"),
         (EFF, SOC, "宣传工作覆盖面不断扩大", "宣传工作覆盖面不断扩大"),
         (EFF, SOC, "政治觉悟及参与范围", "政治觉悟及学习主动性不断提升，范围不断扩大"),
         (EFF, SOC, "解决小朋友寒暑假看护难问题", "≥120.00(人次)"),
         (EFF, SOC, "\"提升居民、驻区单位质量及节能环保意识提升驻区企业，依法统计意识优化营商环境\"", "提升"),
         (EFF, SOC, "促进经济发展", "有效"),
         (EFF, SOC, "干部人事工作平稳有序", "平稳有序"),
         (EFF, SOC, "协调推动区域化党建工作的稳定有序发展", "有效"),
         (EFF, SOC, "全面提升社区党员党性修养，提升书记综合素质，牢固树立全心全意为民服务意识", "有效"),
         (SAT, SERV, "提升社区居民满意度", "提升"),
         (SAT, SERV, "特殊人员及群体满意", "90.00(度)"),
         (SAT, SERV, "家长及学生满意比例", "满意率100%"),
         (SAT, SERV, "提高居民、驻区企业满意度", "提升"),
         (SAT, SERV, "提升经济服务满意度", "提升"),
         (SAT, SERV, "党员群众满意度", "党员群众满意度不少于80%"),
     ]),
    (35, "公共服务设施运行经费", "10,903,043.00", "10,903,043.00", "10,903,043.00", "11,419,043.00",
     "根据需求，围绕老人、儿童、青年、白领等群体", [
         (OUT, QTY, "开展活动300场", "=300.00(场)"),
         (OUT, QTY, "环境卫生及保安服务", "卫生整洁、内部安全有序"),
         (OUT, QUAL, "居民参与率", "居民参与率不低于100%"),
         (OUT, QUAL, "维修处理及时率", "维修响应速度快"),
         (OUT, QUAL, "房屋质量", "房屋完好"),
         (EFF, SOC, "加强工作人员队伍建设", "是"),
         (EFF, SOC, "安全责任事故", "安全无事故"),
         (SAT, SERV, "居民满意度", "90%"),
         (SAT, SERV, "工作人员满意度", "≥95.00(%)"),
     ]),
]


def _flat(text: str) -> str:
    """A cell's text without the spaces and line breaks the PDF's layout
    puts in (``不少于 80%``, a wrapped name)."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def report():
    from extract.pipeline import parse_file

    return parse_file(BUDGET)


@needs_budget
def test_five_target_forms_as_five_projects(report):
    forms = report.forms
    assert [(f.stage, f.identity["project_name"].text) for f in forms] == [("target", f[1]) for f in FORMS]
    for form, (page, _, project_total, fiscal, annual_total, current, goal, _) in zip(forms, FORMS):
        assert form.location.page == page and form.funds_unit == "元"
        assert form.identity["department"].text == DEPT and form.identity["unit"].text == DEPT
        funds = {r.role: {k: c.text for k, c in r.cells.items()} for r in form.funds}
        assert funds == {"total": {"project": project_total, "annual": annual_total},
                         "fiscal": {"project": fiscal}, "current": {"annual": current},
                         "carryover": {"annual": "0.00"}, "other": {"project": "0.00", "annual": "0.00"}}
        assert form.funds[0].cells["annual"].value == Decimal(annual_total.replace(",", ""))
        # 项目总目标 and 年度总体目标 state the same goal on these pages
        assert _flat(form.goals["project"].text).startswith(goal)
        assert _flat(form.goals["expected"].text).startswith(goal)
        assert "actual" not in form.goals and form.total == {}


@needs_budget
@pytest.mark.parametrize("k", range(len(FORMS)))
def test_every_target_equals_its_cell(report, k):
    form = report.forms[k]
    page, *_, rows = FORMS[k]
    got = [(r.cells["level1"].text, r.cells["level2"].text, _flat(r.cells["name"].text),
            _flat(r.cells["target"].text)) for r in form.indicators]
    assert got == [(a, b, _flat(c), _flat(d)) for a, b, c, d in rows]
    for r in form.indicators:
        assert set(r.cells) == {"level1", "level2", "name", "target"}  # no 完成值, 分值, 得分
        assert r.cells["target"].location.page == page
    # the report's indicators are the forms' rows: targets, never checked as missed
    inds = [i for i in report.indicators if i.table == form.id]
    assert [_flat(i.target.text) for i in inds] == [_flat(r[3]) for r in rows]
    assert all(i.actual is None and i.met is None for i in inds)
    assert not [c for c in report.checks if c.rule == "target" and c.status == "fail"]


@needs_budget
def test_target_operators_and_values(report):
    inds = {(i.table, i.name): i.target for i in report.indicators if i.table}
    def read(table, name):
        t = inds[(table, name)]
        return t.operator, (t.quantity.value, t.quantity.unit) if t.quantity else None

    assert read("form1", "规划建筑面积") == (">=", (Decimal("13459.00"), "平方米"))
    assert read("form1", "完工及时率") == (None, None)  # a text target: the cell says 及时率
    assert read("form2", "补贴对象申请审核完成率") == ("=", (Decimal("100.00"), "%"))
    assert read("form2", "补贴对象生活改善度") == (">=", (Decimal("80"), "%"))
    assert read("form4", "日常走访企业") == (">", (Decimal("150.00"), "家"))
    assert read("form4", "中心全年活动人次") == ("=", (Decimal("5.00"), "万人次"))
    assert read("form5", "工作人员满意度") == (">=", (Decimal("95.00"), "%"))


@needs_budget
def test_the_annual_request_that_does_not_add_up(report):
    # page 35: 年度资金申请总额 10,903,043.00 while its 当年财政拨款 alone is
    # 11,419,043.00 (上年结转 0.00, 其他 0.00): a real slip of the document
    bad = [c for c in report.checks if c.rule == "form" and c.status == "fail"]
    assert [(c.kind, c.stated, c.locations[0].page) for c in bad] == [("funds_sum", "10,903,043.00", 35)]


def test_a_target_form_in_the_database(tmp_path):
    """stage, funds_unit, the project/annual funds cells, 项目总目标 and the
    form's grade have their columns (the export helper's forms tables)."""
    import shutil

    from extract.batch import BatchOptions, run_batch
    from extract.export.database import open_database, table_contents

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "forms" / "target_form.txt", folder / "申报表.txt")
    shutil.copy(Path(__file__).parent / "fixtures" / "forms" / "pipe_edges.txt", folder / "档案馆.txt")
    db = str(tmp_path / "reports.sqlite")
    summary = run_batch([folder], BatchOptions(out_dir=tmp_path / "out", db=db, workers=1, progress=False))
    assert summary.exit_code in (0, 1), summary.text()
    engine = open_database(db)
    try:
        rows = table_contents(engine)
    finally:
        engine.dispose()
    forms = {f["project_name"] or f["department"]: f for f in rows["forms"]}
    target, archive = forms["乡镇卫生院医疗设备更新"], forms["柏溪县档案馆"]
    assert (target["stage"], target["funds_unit"], target["goal_project_line"]) == ("target", "万元", 10)
    assert (archive["stage"], archive["total_grade"], archive["total_grade_line"]) == ("self_evaluation", "优", 16)
    funds = [r for r in rows["form_funds"] if r["document_id"] == target["document_id"]]
    assert [(r["role"], r["project"], r["annual"], r["annual_text"]) for r in funds] == [
        ("total", Decimal("1200.00"), Decimal("400.00"), "400.00"),
        ("current", Decimal("1050.00"), Decimal("350.00"), "350.00"),
        ("other", Decimal("150.00"), Decimal("50.00"), "50.00")]
