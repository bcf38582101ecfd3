"""Traditional characters read as simplified ones (extract.widths' script
fold, applied by extract.normalize.read_script): one character for one, so
every offset still points at the source, quotes stay as written, and a
simplified text is never changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import widths
from extract.load.text import source_from_text
from extract.normalize import normalize, read_script
from extract.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def test_the_table_is_one_character_for_one_and_folds_once():
    assert len(widths.SCRIPT) > 3000
    assert all(len(t) == 1 and len(s) == 1 and t != s for t, s in widths.SCRIPT.items())
    assert not set(widths.SCRIPT.values()) & set(widths.SCRIPT)
    assert all(widths.FOLD[t] == s for t, s in widths.SCRIPT.items())


@pytest.mark.parametrize("written,read", [
    ("部門整體支出績效自評報告", "部门整体支出绩效自评报告"),
    ("年度指標值不低於90%", "年度指标值不低于90%"),
    ("調整後預算執行數", "调整后预算执行数"),
    ("依法徵收並及時撥付", "依法征收并及时拨付"),
    ("萬元、億元、兩項", "万元、亿元、两项"),
])
def test_traditional_words_read_as_simplified(written, read):
    assert widths.fold_script(written) == read
    assert len(widths.fold_script(written)) == len(written)


@pytest.mark.parametrize("text", [
    "乾县财政局", "蒜薹种植基地", "哪吒主题文旅活动", "覆盖率", "瞭望塔", "著作权", "阪神", "于是", "后续",
])
def test_characters_simplified_text_also_uses_stay(text):
    assert widths.fold_script(text) == text


def _simplified_files() -> list[Path]:
    files = SAMPLES + sorted((ROOT / "golden").iterdir())
    return [f for f in files if f.suffix in (".txt", ".json", ".tsv")]


@pytest.mark.parametrize("path", _simplified_files(), ids=lambda p: p.name)
def test_samples_and_golden_outputs_are_unchanged(path):
    text = path.read_text(encoding="utf-8")
    assert widths.fold_script(text) == text
    source = source_from_text(text)
    assert read_script(source) is source


def test_the_corpus_simplified_files_are_unchanged():
    opencc = pytest.importorskip("opencc")
    if not CORPUS.is_dir():
        pytest.skip("no corpus next to the repository")
    t2s = opencc.OpenCC("t2s")
    simplified = traditional = 0
    for path in sorted(CORPUS.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        if t2s.convert(text) == text:  # OpenCC finds nothing traditional in it
            simplified += 1
            assert widths.fold_script(text) == text, path.name
        else:
            traditional += 1
            assert widths.fold_script(text) != text, path.name
    assert simplified and traditional


def test_the_text_read_maps_back_to_the_characters_written():
    text = "一、部門基本情況\n本單位2023年調整後預算120.50萬元。\n"
    doc = normalize(source_from_text(text))
    assert doc.source.text == widths.fold_script(text)
    assert doc.source.written == text and doc.source.written_text == text
    para = next(b for b in doc.blocks if "调整后预算" in b.span.text)
    at = para.span.text.index("调整后预算")
    start, end = para.span.offsets[at], para.span.offsets[at + 4] + 1
    assert text[start:end] == "調整後預算"


FORM = """某縣農業農村局2023年度項目支出績效自評表
項目名稱\t高標準農田建設
項目資金（萬元）\t年初預算數\t全年預算數\t全年執行數\t分值\t執行率\t得分
年度資金總額\t500.00\t500.00\t450.00\t10\t95.00%\t9.00
一級指標\t二級指標\t三級指標\t年度指標值\t實際完成值\t分值\t得分\t偏差原因分析及改進措施
產出指標\t數量指標\t新建農田面積\t≥2000畝\t2100畝\t50\t50\t
效益指標\t滿意度指標\t農戶滿意度\t≥90%\t93%\t40\t40\t
總分\t\t\t\t\t100\t99.00\t
"""


def test_a_form_in_traditional_characters_is_read_and_quoted_as_written():
    report = Extractor().parse_text(FORM)
    assert report.meta.document_type == "self_evaluation_form"
    assert [i.name for i in report.indicators] == ["新建农田面积", "农户满意度"]
    assert [str(i.actual.value) for i in report.indicators] == ["2100", "93"]
    # 450 / 500 is 90%, not the 95.00% stated: found, and quoted as written
    fails = [c for c in report.checks if c.status == "fail"]
    assert any(c.kind == "rate" for c in fails)
    quotes = [c.quote for c in fails if c.quote]
    assert any("年度資金總額" in q for q in quotes), quotes
    assert all(cell in FORM for q in quotes for place in q.split(" / ") for cell in place.split(" | "))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_a_traditional_copy_of_a_sample_reads_as_the_sample(path):
    """The sample converted to traditional characters by OpenCC (s2t) gives
    the same claims, indicators, sections and findings, its quotes in
    traditional characters."""
    opencc = pytest.importorskip("opencc")
    simplified = path.read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert len(traditional) == len(simplified) and traditional != simplified
    ex = Extractor()
    a, b = ex.parse_text(simplified), ex.parse_text(traditional)
    assert [c.model_dump(exclude={"metric", "metric_text", "sentence", "quantity"}) for c in a.claims] \
        == [c.model_dump(exclude={"metric", "metric_text", "sentence", "quantity"}) for c in b.claims]
    assert [i.model_dump() for i in a.indicators] == [i.model_dump() for i in b.indicators]
    assert [(s.title, s.location) for s in a.sections] == [(s.title, s.location) for s in b.sections]
    assert [(c.rule, c.status, c.severity, c.message, c.locations) for c in a.checks] \
        == [(c.rule, c.status, c.severity, c.message, c.locations) for c in b.checks]
    quoted_as_written = 0
    for x, y in zip(a.checks, b.checks):
        if x.quote is None:
            assert y.quote is None
            continue
        read = widths.fold_script(y.quote)
        assert len(read) == len(x.quote)
        # a character OpenCC writes that simplified text also uses (批复 -> 批覆) is not folded back
        assert all(r == s or t not in widths.SCRIPT for r, s, t in zip(read, x.quote, y.quote))
        quoted_as_written += y.quote != x.quote
    assert quoted_as_written


@pytest.mark.parametrize("stated,status", [("95.00%", "pass"), ("96.00%", "fail")])
def test_a_rate_of_the_final_accounts_spending_in_traditional_characters(stated, status):
    """決算支出 is the spending of 预算完成率 (1,520.00 / 1,600.00 = 95%), not
    the 年度執行中追加 figure of the sentence before."""
    text = ("二、部門預算收支情況\n（一）部門預算安排\n"
            "2024年部門預算1,400.00萬元，年度執行中追加專項補助資金等200.00萬元，調整後預算1,600.00萬元。\n"
            f"（二）決算支出\n2024年決算支出1,520.00萬元，預算完成率{stated}，年末結轉結餘80.00萬元。\n")
    rates = [c for c in Extractor().parse_text(text).checks if c.rule == "rate"]
    assert [c.status for c in rates] == [status]
    if status == "fail":
        assert rates[0].expected.startswith("95") and "決算支出" in rates[0].quote


@pytest.mark.parametrize("name", ["於洪波", "宫商角徵羽"])
def test_a_simplified_text_keeps_the_characters_it_writes_names_with(name):
    """於 (a surname) and 徵 (zhǐ) are characters of simplified text too: in
    a text written in simplified characters they are read as written, in the
    message as in the quote; in a traditional text 於 is 于 (不低於 is 不低于)."""
    text = (f"一、基本情况\n由{name}负责的项目本年度预算资金100万元，实际支出80万元，预算执行率90%。\n")
    source = source_from_text(text)
    assert read_script(source) is source
    report = Extractor().parse_text(text)
    fail = next(c for c in report.checks if c.rule == "rate" and c.status == "fail")
    assert name in fail.message and name in fail.quote
    traditional = source_from_text("一、基本情況\n年度指標值不低於90%，實際完成95%。\n")
    assert "不低于" in read_script(traditional).text


# ---------------------------------------------------------------- ideograph look-alikes

def test_look_alikes_fold_one_for_one_to_unified_ideographs():
    import unicodedata

    assert len(widths.LOOKALIKES) > 500
    assert widths.LOOKALIKES["⼀"] == "一" and widths.LOOKALIKES["⽀"] == "支" and widths.LOOKALIKES["⽬"] == "目"
    assert all(len(k) == 1 and len(v) == 1 and unicodedata.name(v).startswith("CJK UNIFIED IDEOGRAPH")
               for k, v in widths.LOOKALIKES.items())
    assert widths.fold_text("（⼀）⽀出率") == "(一)支出率"
    # a look-alike of a traditional character reads as the simplified one in a traditional text
    assert "⾨".translate(widths.READING_TABLE) == "门"


def _kangxi_copy(text: str) -> str:
    """``text`` with every ideograph that has a Kangxi radical look-alike
    written as that radical, as some PDF fonts' text layers give them."""
    radical_of = {v: k for k, v in widths.LOOKALIKES.items() if 0x2F00 <= ord(k) <= 0x2FDF}
    return "".join(radical_of.get(ch, ch) for ch in text)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_a_copy_written_with_kangxi_radicals_reads_as_the_sample(path):
    """⼀、项⽬ (Kangxi radicals) for 一、项目: the same sections, claims and
    findings, the quotes as written."""
    text = path.read_text(encoding="utf-8")
    lookalike = _kangxi_copy(text)
    assert len(lookalike) == len(text) and lookalike != text
    ex = Extractor()
    a, b = ex.parse_text(text), ex.parse_text(lookalike)
    assert [(s.title, s.location) for s in a.sections] == [(s.title, s.location) for s in b.sections]
    assert [c.model_dump(exclude={"sentence"}) for c in a.claims] == [c.model_dump(exclude={"sentence"}) for c in b.claims]
    assert [(c.rule, c.status, c.severity, c.message, c.locations) for c in a.checks] \
        == [(c.rule, c.status, c.severity, c.message, c.locations) for c in b.checks]
    assert all(y.quote == (_kangxi_copy(x.quote) if x.quote else None) for x, y in zip(a.checks, b.checks))
