"""Claims: each figure tied to the metric it states."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from extract.claims import clean_metric, extract_claims, metric_rules, sentences
from extract.load.text import source_from_text
from extract.span import Span
from extract.structure.sections import structure_of


def claims(text: str):
    source = source_from_text(text)
    return [(c.metric, c.value, c.unit, c.qualifier) for c in extract_claims(structure_of(source), source)]


def test_metric_is_the_words_before_the_figure():
    got = claims("一、概况\n部门总支出 6,239.85 万元，其中，基本支出 1,796.59 万元，支出率83.2%。\n")
    assert got == [("部门总支出", Decimal("6239.85"), "万元", None), ("基本支出", Decimal("1796.59"), "万元", None),
                   ("支出率", Decimal("83.2"), "%", None)]


def test_modifiers_and_connectives_are_dropped():
    got = claims("一、成效\n一是补助符合条件的高新技术企业1050家；全年共有 17 家企业获得贴息。\n")
    assert got[0][:2] == ("补助高新技术企业", Decimal("1050"))
    assert got[1][0] == "企业"


def test_nouns_after_the_figure_complete_an_open_verb():
    got = claims("一、成效\n与企业共建 16 家协同创新中心(累计 71 家)，5 位科研人员入选榜单。\n")
    assert got[0][:2] == ("企业共建协同创新中心", Decimal("16"))
    assert got[1] == ("企业共建协同创新中心", Decimal("71"), "家", "累计")
    assert got[2][0] == "科研人员"


def test_two_nouns_of_one_head_after_the_figure_are_one_metric():
    # 网格员和信息员: two kinds of 员 counted together; 与 before another
    # head is a preposition (与社区结对), not a joiner
    got = claims("一、成效\n培训420名网格员和信息员参与走访，引进36名农技特派员与本地合作社结对。\n")
    assert got[0][0].endswith("网格员和信息员")
    assert got[1][0].endswith("特派员") and "合作社" not in got[1][0]


def test_from_to_shares_the_metric():
    got = claims("一、成效\n规上高企由 908 家增至 1273 家，年均增长 18.41%。\n")
    assert [g[0] for g in got] == ["规上高企", "规上高企", "年均增长"]


def test_years_frame_claims_but_are_not_claims():
    source = source_from_text("一、概况\n2024年扶持科技发展专项资金调整后预算为7406.91万元。\n")
    cs = extract_claims(structure_of(source), source)
    assert len(cs) == 1 and cs[0].year == 2024 and cs[0].normalized_value == Decimal("74069100")


def test_claim_location_is_the_figure():
    text = "一、概况\n\n部门总支出 6,239.85 万元。\n"
    source = source_from_text(text)
    c = extract_claims(structure_of(source), source)[0]
    assert text[c.location.start:c.location.end] == "6,239.85 万元"
    assert c.location.line == 3


def test_sentences_split_on_sentence_punctuation():
    parts = [s.text for s in sentences(Span.of_source("甲。乙；丙！丁"))]
    assert parts == ["甲。", "乙；", "丙！", "丁"]


def test_clean_metric_edges():
    rules = metric_rules()
    assert clean_metric("三是新增", rules) == "新增"
    assert clean_metric("、重点领域领军人才", rules) == "重点领域领军人才"
    assert clean_metric("", rules) == ""


def test_a_framing_period_is_no_figure():
    got = claims("一、成效\n该站成为本县近5年首个省级平台，实现近三年来零的突破，项目建设周期近3年。\n")
    assert [(g[0], g[1], g[2]) for g in got] == [("项目建设周期", Decimal("3"), "年")]


def test_a_figure_inside_a_title_is_part_of_the_name():
    got = claims("一、依据\n按照《某县乡村振兴三年行动方案（2023-2025年）》安排资金 20 万元。\n")
    assert [(g[0], g[1], g[2]) for g in got] == [("安排资金", Decimal("20"), "万元")]


def test_the_noun_after_a_figure_belongs_to_it_not_to_the_next():
    got = claims("一、成效\n修订3项制度、明确8项重点任务，组织2个乡镇与6家合作社签约。\n")
    assert [g[0] for g in got] == ["修订制度", "明确重点任务", "组织乡镇", "合作社"]


def test_a_list_closed_by_deng_counts_the_noun_after_the_figure():
    got = claims("一、成效\n东岭、西岭、南岭等 3 个村完成改造。\n")
    assert got[0][:2] == ("村", Decimal("3"))


def test_a_generic_noun_takes_the_words_after_it():
    got = claims("一、成效\n全县 4 家单位获评市级文明单位，9 家企业获得贴息。\n")
    assert [g[0] for g in got] == ["单位获评市级文明单位", "企业"]


def test_a_quoted_name_is_part_of_the_metric():
    got = claims("一、成效\n开展“送科技下乡”12场次，落实“第一议题”学习20次。\n")
    assert [g[0] for g in got] == ["开展送科技下乡", "落实第一议题学习"]


def test_the_segmenters_cut_is_jiebas():
    """The claim finder's own cut of a text (jieba's walk and route in one
    pass) gives jieba's words: on every line of the samples and on texts
    of Chinese, letters, digits, spaces and punctuation mixed at random,
    words of the domain dictionary among them."""
    import random

    from extract.claims import _segmenter
    from extract.ruleset import RuleSet

    metrics = RuleSet.of(None).metrics
    segmenter = _segmenter(metrics)
    samples = Path(__file__).resolve().parents[1] / "samples"
    texts = [line for path in sorted(samples.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(22)
    alphabet = list("资金预算执行率项目完成绩效目标指标年度支出部门整体自评得分满意度人次万元个家") + \
        list("ab1Z9  \t\n，。、：%.-_+#&（）") + list(metrics.dictionary)[:40]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        words = segmenter.lcut(text, HMM=False)
        assert words == segmenter.tokenizer.lcut(text, HMM=False), text


def test_the_segmenters_cut_breaks_ties_as_jieba():
    """Two routes of one score (every frequency 1 of a total of 1: each
    word scores 0): jieba's max over (score, end) takes the later end."""
    from extract.claims import _jieba, _Segmenter

    tokenizer = _jieba().Tokenizer()
    tokenizer.FREQ = {"甲": 1, "甲乙": 1, "乙": 1, "乙丙": 1, "丙": 1, "甲乙丙": 0, "丁": 0}
    tokenizer.total, tokenizer.initialized = 1, True
    segmenter = object.__new__(_Segmenter)
    segmenter.tokenizer = tokenizer
    for text in ("甲乙丙", "甲乙", "乙丙甲", "丁甲乙丁", "甲a1乙", "甲 乙丙"):
        assert segmenter._cut(text) == tokenizer.lcut(text, HMM=False), text


def test_a_text_claim_is_the_claim_validation_makes():
    # text_claim builds a claim without pydantic's validation: it must be
    # the model Claim(...) makes of the same fields, field for field, with
    # the same fields set and the figure's offset (money without 元, a
    # range, a qualifier, an operator, a deadline and a year among them)
    from extract.model import Claim

    text = ("一、概况\n2025年本单位共收到省级资金约290.36万，服务企业超700家，"
            "完成率不低于95%，培训3至5期，于6月30日前完成验收。\n")
    source = source_from_text(text)
    got = extract_claims(structure_of(source), source)
    assert len(got) >= 5 and any(c.upper is not None for c in got) and any(c.deadline for c in got)
    for c in got:
        again = Claim(**{name: getattr(c, name) for name in Claim.model_fields})
        assert again.__dict__ == c.__dict__ and list(again.__dict__) == list(c.__dict__)
        assert again.model_fields_set == c.model_fields_set
        assert c.sentence[c.figure_at:].startswith(c.text)
        assert again.model_dump_json() == c.model_dump_json()
