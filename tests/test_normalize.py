"""Normalization: folding, spacing, line joining, page artifacts, source map."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.load.text import source_from_text
from extract.normalize import _fold_char, fold, normalize
from extract.span import Span

from conftest import SAMPLE_2022, SAMPLE_2024


def paragraphs(text: str) -> list[str]:
    doc = normalize(source_from_text(text))
    return [b.span.text for b in doc.blocks if b.kind != "table"]


def folded(text: str) -> str:
    return fold(Span.of_source(text)).text


def test_spaces_between_digits_and_units_go():
    assert folded("发动 110 家高企") == "发动110家高企"
    assert folded("授信金额 47979.5 万元") == "授信金额47979.5万元"
    assert folded("≥2800 亿 元") == "≥2800亿元"
    assert folded("2024年4 月1日前") == "2024年4月1日前"
    assert folded("部门总支出 6,239.85 万元") == "部门总支出6,239.85万元"


def test_spaces_between_latin_words_stay():
    assert folded("SCI 论文") == "SCI论文"
    assert folded("Page Rank 算法") == "Page Rank算法"
    assert folded("2 3 项") == "2 3项"


def test_full_width_folding():
    assert folded("１２３．４５％") == "123.45%"
    assert folded("（一）管理依据") == "(一)管理依据"
    assert folded("ＡＢＣ\u3000级") == "ABC级"
    # Chinese sentence punctuation is kept as written.
    assert folded("预算，执行。") == "预算，执行。"


def test_line_broken_mid_sentence_across_blank_line_is_joined():
    text = "一、概况\n\n三是共建 16 家协同创新中心(累计 71 家),引进 21\n\n名博士科技特派员(累计77名)。\n"
    paras = paragraphs(text)
    assert paras == ["一、概况", "三是共建16家协同创新中心(累计71家),引进21名博士科技特派员(累计77名)。"]


def test_number_broken_from_its_unit_is_joined():
    text = "(四)部门整体支出情况\n\n1.部门总支出 6,239.85 万元, 其中, 基本支出 1,796.59\n\n万元,项目支出 4,443.26 万元。\n"
    assert paragraphs(text)[1] == "1.部门总支出6,239.85万元,其中,基本支出1,796.59万元,项目支出4,443.26万元。"


def test_hard_wrapped_dump_joins_until_short_line():
    body = ["江门市级扶持科技发展资金指市财政局安排，市科技局归口管理的用",
            "于实施市级科技发展专项项目的财政预算经费，包括用于组织实施的各",
            "类科技计划项目和其他用于科技发展的经费。"]
    body2 = ["（一）管理依据。本部门按照有关文件规定组织当年市级扶持科技发展",
             "资金项目的申报、受理、评审、资金计划配置、资金下达和跟踪管理工",
             "作，确保按时完成。"]
    text = "一、项目概况\n\n" + "\n\n".join(body) + "\n\n" + "\n\n".join(body2) + "\n\n二、项目组织实施情况\n" + \
        "\n".join(["（一）这是一段足够长的文字用来确定折行宽度的正文内容第一行的文字内"] * 6)
    paras = paragraphs(text)
    assert paras[0] == "一、项目概况"
    assert paras[1] == "".join(body)
    assert paras[2] == "(一)管理依据。" + "".join(body2)[len("（一）管理依据。"):]
    assert "二、项目组织实施情况" in paras


def test_page_artifacts_and_bullets_dropped():
    text = "一、概况\n\n贷款总额\n\n- 3 -\n\n1.0698 亿元。\n\n第 4 页 共 9 页\n\n- 1.存在问题: 执行率较低。\n"
    paras = paragraphs(text)
    assert paras == ["一、概况", "贷款总额1.0698亿元。", "1.存在问题:执行率较低。"]


def test_running_header_dropped():
    page = "某某局2024年度部门整体支出绩效自评报告\n正文第{}段。\n"
    text = "一、概况\n" + "".join(page.format(i) for i in range(4))
    paras = paragraphs(text)
    assert all("自评报告" not in p for p in paras)
    assert len([p for p in paras if p.startswith("正文")]) == 4


def test_caption_after_heading_is_split_off():
    text = "(三)部门整体支出绩效目标情况 表 2.2024 年度部门整体支出绩效目标完成情况\n\n\t一级指标\t二级指标\t三级指标\t指标值\t完成值\n绩效指标\t产出指标\t数量指标\t项目数\t≥6 项\t8 项\n"
    doc = normalize(source_from_text(text))
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["paragraph", "caption", "table"]
    assert doc.blocks[0].span.text == "(三)部门整体支出绩效目标情况"
    assert doc.blocks[1].span.text.startswith("表2.2024年度")


def _check_source_map(text: str) -> None:
    source = source_from_text(text)
    doc = normalize(source)
    for block in doc.blocks:
        spans = [block.span] if block.kind != "table" else [c for row in block.rows for c in row]
        for span in spans:
            assert len(span.text) == len(span.offsets)
            for ch, off in zip(span.text, span.offsets):
                assert 0 <= off < len(source.text)
                src = source.text[off]
                if ch == " ":
                    assert src.isspace() or _fold_char(src) == " "
                elif ch == ".":
                    assert src in ".．"
                else:
                    assert _fold_char(src) == ch or src == ch, (ch, src)


def test_source_map_of_samples():
    for path in (SAMPLE_2022, SAMPLE_2024):
        _check_source_map(path.read_text(encoding="utf-8"))


alphabet = st.sampled_from(list("一二三、()（）1234567890.．%％ \t\n万元家项。，,:：表-年月日是的科技ＡＢab\u3000"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=alphabet, max_size=300))
def test_every_normalized_character_maps_back_to_its_source(text):
    _check_source_map(text)


def test_samples_paragraph_joins():
    doc = normalize(source_from_text(SAMPLE_2024.read_text(encoding="utf-8")))
    texts = [b.span.text for b in doc.blocks if b.kind == "paragraph"]
    assert any("引进21名博士科技特派员" in t for t in texts)
    assert any(t.startswith("1.部门总支出6,239.85万元") and t.endswith("项目支出4,443.26万元。") for t in texts)
    assert any(t.startswith("本部门上年度共开展四个专项资金的财政重点绩效评价,分别是") for t in texts)
    assert [b.kind for b in doc.blocks].count("table") == 2


def test_cell_text_wrapped_onto_its_own_line_stays_in_the_table():
    text = ("表 2.绩效目标完成情况\n"
            "一级指标\t二级指标\t三级指标\t指标值\t完成值\n"
            "产出指标\t数量指标\t完成省、市级科技计划项目验\t500 项以上\t670 项\n"
            "\t\t收数量\t\t\n"
            "\t质量指标\t抽查合格率\t≥90%\t100%\n")
    doc = normalize(source_from_text(text))
    assert [b.kind for b in doc.blocks] == ["caption", "table"]
    assert len(doc.blocks[1].rows) == 4


def test_numbered_item_with_colon_is_run_in():
    from extract.structure.sections import structure_of

    st = structure_of(source_from_text("一、收支\n1.收入：2022年度收入合计1,520.36万元。\n"))
    assert (st.sections[1].title, st.sections[1].body) == ("收入", "2022年度收入合计1,520.36万元。")


def test_preamble_labels_end_their_line_in_wrapped_text():
    wrapped = "\n".join(["这是一段足够长的正文内容用来让文本被认定为按固定宽度折行的文本内容哦"] * 10)
    text = "部门（单位）名称：某中心\n预 算 编 码：801023\n一、概况\n" + wrapped + "\n"
    paras = paragraphs(text)
    assert paras[0] == "部门(单位)名称：某中心" and paras[1] == "预算编码：801023"


def test_several_one_cell_lines_inside_a_table_stay_in_it():
    text = ("一级指标\t二级指标\t三级指标\t指标值\t完成值\n"
            "产出指标\t数量指标\t指标1:完成数\t≥5项\t6项\n"
            "\t\t指标2\t\t\n"
            "\t\t……\t\t\n"
            "\t质量指标\t合格率\t≥90%\t100%\n")
    doc = normalize(source_from_text(text))
    assert [b.kind for b in doc.blocks] == ["table"] and len(doc.blocks[0].rows) == 5


def test_a_figure_split_from_its_unit_across_lines_is_joined():
    # a hard-wrapped paragraph whose short line ends with a figure, its unit on the next line
    from extract.normalize import normalize as _normalize
    from test_checks_forms import source_from_text
    lines = ["全年共计接待来访群众三千余人次，办理各类事项二百余件，完成情况良好，群众反映较好。"] * 9
    lines += ["截至年底，本中心全年实际支出615.08", "万元，预算完成率95.37%，年末结转29.86万元，主要是设备采购跨年。"]
    doc = _normalize(source_from_text("\n".join(lines) + "\n"))
    texts = [b.span.text for b in doc.blocks if b.span is not None]
    assert any("615.08万元，预算完成率" in t for t in texts)


def test_a_full_width_thousands_comma_between_full_width_digits_is_a_separator():
    """１，２００．００ (a text typed full-width): the comma is a thousands
    separator; a Chinese comma elsewhere (between a digit and one digit, or
    words) stays a comma; every character still maps back to its source."""
    from extract.normalize import fold
    from extract.span import Span

    text = "预算１，２００．００万元，分别为３，５个。"
    out = fold(Span(text, tuple(range(len(text)))))
    assert out.text == "预算1,200.00万元，分别为3，5个。"
    assert all(text[o] == c or c in ",." or c.isdigit() for c, o in zip(out.text, out.offsets))
