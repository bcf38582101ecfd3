"""HTML loading: charset from BOM or meta, the article without the page's
furniture, tables with rowspan/colspan, <br>-broken paragraphs, no fetching."""

from __future__ import annotations

import socket

import pytest

from extract.errors import EmptyInput
from extract.load import load_document
from extract.load.html import decode_html, declared_charset, load_html

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
HTML_2022 = FIXTURES / "2022_jiangmen_kejiju_project_self_evaluation.html"  # GBK
HTML_2024 = FIXTURES / "2024_jiangmen_kejiju_department_overall_self_evaluation.html"  # UTF-8


def lines(source):
    return source.text.split("\n")[:-1]


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode("utf-8")


# ---------------------------------------------------------------- the fixtures


def test_gbk_fixture_is_decoded_by_its_meta_charset():
    raw = HTML_2022.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = load_document(HTML_2022)
    assert doc.info.format == "html" and doc.info.encoding == "gb18030"
    assert lines(doc.source)[0] == "项目绩效自评报告"


def test_fixture_keeps_the_article_only():
    text = load_document(HTML_2024).source.text
    assert text.startswith("部门整体支出绩效自评报告\n")
    for furniture in ("政务公开", "当前位置", "发布时间", "分享到", "相关链接", "网站标识码", "统计代码", "_hmt"):
        assert furniture not in text


def test_fixture_br_lines_and_rowspan_table():
    src = load_document(HTML_2022).source
    got = lines(src)
    k = got.index("江门市级扶持科技发展资金指市财政局安排，市科技局归")
    assert got[k + 1] == "口管理的用于实施市级科技发展专项项目的财政预算经费，包"
    assert src.line_origins[k] == src.line_origins[k + 1]  # one <p>, broken by <br>
    rows = lines(load_document(HTML_2024).source)
    j = rows.index("\t一级指标\t二级指标\t三级指标\t指标值\t完成值")
    assert rows[j + 1] == "绩效指标\t产出指标\t数量指标\t扶持科技发展专项\t≥6 项\t8 项"
    assert rows[j + 2] == "\t\t\t高新技术企业推荐数量\t≥900 家\t949 家"


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize("head,codec", [
    ('<meta charset="gb2312">', "gb18030"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gb18030"),
    ("<meta charset='UTF-8'>", "utf-8"),
    ("", None),
])
def test_declared_charset(head, codec):
    assert declared_charset(page("x", head)) == codec


def test_bom_wins_over_a_wrong_meta():
    data = b"\xef\xbb\xbf" + page("绩效自评", '<meta charset="gbk">')
    text, codec = decode_html(data)
    assert codec == "utf-8-sig" and "绩效自评" in text


def test_undeclared_gbk_falls_back_to_gb18030(tmp_path):
    p = tmp_path / "r.html"
    p.write_bytes(page("<p>支出率83.2%</p>", "").decode("utf-8").encode("gbk"))
    source, codec = load_html(p)
    assert codec == "gb18030" and lines(source) == ["支出率83.2%"]


# ---------------------------------------------------------------- layout


def test_colspan_and_rowspan_over_the_grid(tmp_path):
    p = tmp_path / "t.html"
    p.write_bytes(page(
        '<div id="content"><table>'
        '<tr><th colspan="2">项目</th><th>金额</th></tr>'
        '<tr><td rowspan="2">专项</td><td>甲<br>(一)</td><td>1.5</td></tr>'
        '<tr><td>乙</td><td>2</td></tr></table></div>'))
    source, _ = load_html(p)
    assert lines(source) == ["项目\t\t金额", "专项\t甲(一)\t1.5", "\t乙\t2"]
    assert source.line_origins == ["t1 r1", "t1 r2", "t1 r3"]


def test_layout_tables_are_not_data_tables(tmp_path):
    p = tmp_path / "t.html"
    p.write_bytes(page(
        '<table><tr><td class="menu"><a href="/">首页</a></td><td>'
        '<p>一、部门基本情况</p><table><tr><td>名称</td><td>金额</td></tr><tr><td>甲</td><td>1</td></tr>'
        '</table><p>二、绩效自评情况</p></td></tr></table>'))
    source, _ = load_html(p)
    assert lines(source) == ["一、部门基本情况", "名称\t金额", "甲\t1", "二、绩效自评情况"]


def test_whitespace_inline_elements_and_pre(tmp_path):
    p = tmp_path / "t.html"
    p.write_bytes(page(
        "<article><p>　　资金\n  <span>安排</span><b>情况</b>。</p>"
        "<pre>第一行\n第二行</pre><div style='display:none'>隐藏</div></article>"))
    source, _ = load_html(p)
    assert lines(source) == ["　　资金 安排情况。", "第一行", "第二行"]


def test_article_header_is_kept_page_header_is_not(tmp_path):
    p = tmp_path / "t.html"
    p.write_bytes(page("<header>江门市人民政府门户网站</header><article><header><h1>项目绩效自评报告</h1>"
                       "</header><p>一、项目概况</p></article><footer>版权所有</footer>"))
    source, _ = load_html(p)
    assert lines(source) == ["项目绩效自评报告", "一、项目概况"]


def test_nothing_is_fetched(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    p = tmp_path / "t.html"
    p.write_bytes(
        b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
        + page('<link rel="stylesheet" href="http://example.invalid/a.css"><img src="http://example.invalid/x.png">'
               '<iframe src="http://example.invalid/"></iframe><p>正文</p>'))
    source, _ = load_html(p)
    assert lines(source) == ["正文"]


def test_page_without_article_text_is_refused(tmp_path):
    p = tmp_path / "t.html"
    p.write_bytes(page("<nav><a href='/'>首页</a></nav><script>var a=1;</script>"))
    with pytest.raises(EmptyInput):
        load_html(p)
