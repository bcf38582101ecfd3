"""DOCX loading: paragraphs with their numbering, tables over the grid with
gridSpan/vMerge, text boxes once, and clear errors for what is not a .docx."""

from __future__ import annotations

import io
import shutil
import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extract.cli import main
from extract.errors import CorruptDocument, EncryptedDocument, UnsupportedFormat
from extract.load import load_document
from extract.load.docx import chinese_count, format_number, load_docx

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
DOCX_2024 = FIXTURES / "2024_jiangmen_kejiju_department_overall_self_evaluation.docx"
DOCX_2022 = FIXTURES / "2022_jiangmen_kejiju_project_self_evaluation.docx"


def lines(source):
    return source.text.split("\n")[:-1]


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- the fixtures


def test_fixture_paragraphs_and_numbering():
    doc = load_document(DOCX_2022)
    assert doc.info.format == "docx" and doc.info.pages is None
    got = lines(doc.source)
    assert got[:5] == ["项目绩效自评报告", "（2022 年）", "项目名称：江门市级扶持科技发展资金",
                       "预算部门：江门市科学技术局", "一、项目概况"]
    # 一、二、… are Word numbering (chineseCounting) in the fixture, not text
    assert [ln for ln in got if ln[:2] in ("二、", "三、", "四、", "五、")] == [
        "二、项目组织实施情况", "三、项目绩效情况", "四、项目主要做法和经验", "五、项目自评结论及得分"]
    assert doc.source.line_origins[:2] == ["p1", "p2"]


def test_fixture_numbered_lists_restart():
    got = lines(load_document(DOCX_2024).source)
    assert "1.年度总体工作完成情况" in got and "2.重点项目资金安排情况。" in got
    assert "1.预算编制情况" in got and "2.部门内部管理情况" in got
    assert any(ln.startswith("(1)基本情况。") for ln in got) and any(ln.startswith("(2)重点专项") for ln in got)


def test_fixture_tables_with_vertical_merges():
    src = load_document(DOCX_2024).source
    got = lines(src)
    k = got.index("\t一级指标\t二级指标\t三级指标\t指标值\t完成值")
    assert got[k + 1] == "绩效指标\t产出指标\t数量指标\t扶持科技发展专项\t≥6 项\t8 项"
    assert got[k + 2] == "\t\t\t高新技术企业推荐数量\t≥900 家\t949 家"
    assert got[k + 10] == "\t\t质量指标\t结题验收项目质量抽查合格率\t≥90%\t100%"
    assert src.line_origins[k] == "t2 r1" and src.line_origins[k + 2] == "t2 r3"


# ---------------------------------------------------------------- built documents


def test_grid_span_and_vertical_merge():
    def build(d):
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(0, 1)).text = "项目名称"
        t.cell(0, 2).text = "金额"
        t.cell(1, 0).merge(t.cell(2, 0)).text = "专项"
        t.cell(1, 1).text = "甲"
        t.cell(1, 2).text = "1.5"
        t.cell(2, 1).text = "乙"
        t.cell(2, 2).text = "2"

    src = load_docx("t.docx", docx_bytes(build))
    assert lines(src) == ["项目名称\t\t金额", "专项\t甲\t1.5", "\t乙\t2"]


def test_cell_paragraphs_join_into_one_line():
    def build(d):
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "资金支出情况"
        t.cell(0, 0).add_paragraph("(万元)")
        t.cell(0, 1).text = "Project"
        t.cell(0, 1).add_paragraph("A")

    assert lines(load_docx("t.docx", docx_bytes(build))) == ["资金支出情况(万元)\tProject A"]


def test_grid_before_and_after_pad_the_row():
    def build(d):
        t = d.add_table(rows=2, cols=3)
        for j, text in enumerate(["a", "b", "c"]):
            t.cell(0, j).text = text
        t.cell(1, 1).text = "y"
        row = t.rows[1]._tr
        row.remove(row.tc_lst[0])
        row.remove(row.tc_lst[-1])
        tr_pr = row.get_or_add_trPr()
        tr_pr.append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
        tr_pr.append(parse_xml(f'<w:gridAfter {nsdecls("w")} w:val="1"/>'))

    assert lines(load_docx("t.docx", docx_bytes(build))) == ["a\tb\tc", "\ty\t"]


TEXTBOX = (
    '<w:r {w}><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/'
    'drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
    'drawingml/2006/main"><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/'
    '2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>盖章：江门市科学技术局</w:t></w:r>'
    '</w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
    '</mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
    '<w:txbxContent><w:p><w:r><w:t>盖章：江门市科学技术局</w:t></w:r></w:p></w:txbxContent></v:textbox>'
    '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
)


def test_text_box_read_once_after_its_paragraph():
    def build(d):
        p = d.add_paragraph("自评得分99分。")
        p._p.append(parse_xml(TEXTBOX.format(w=nsdecls("w"))))
        d.add_paragraph("下一段")

    src = load_docx("t.docx", docx_bytes(build))
    assert lines(src) == ["自评得分99分。", "盖章：江门市科学技术局", "下一段"]
    assert src.line_origins == ["p1", "p1 textbox", "p2"]


def test_breaks_tabs_hidden_and_deleted_text():
    def build(d):
        p = d.add_paragraph("项目名称：")
        p.add_run().add_tab()
        p.add_run("江门")
        p.add_run().add_break()
        p.add_run("预算部门：科技局")
        hidden = p.add_run("隐藏")
        hidden.font.hidden = True
        p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>删去</w:delText>'
                              f'</w:r></w:del>'))

    assert lines(load_docx("t.docx", docx_bytes(build))) == ["项目名称： 江门", "预算部门：科技局"]


@pytest.mark.parametrize("n,fmt,text", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (20, "chineseCounting", "二十"), (105, "chineseCounting", "一百零五"), (3, "decimalEnclosedCircle", "③"),
    (2, "ideographTraditional", "乙"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"),
    (7, "decimalFullWidth", "７"), (5, "bullet", ""), (9, "decimal", "9"),
])
def test_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


def test_chinese_count_tens():
    assert [chinese_count(n) for n in (11, 19, 21, 99, 110)] == ["十一", "十九", "二十一", "九十九", "一百一十"]


# ---------------------------------------------------------------- bad files


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_damaged_legacy_file_is_refused_in_one_line(tmp_path, suffix):
    """LibreOffice reads .doc/.wps; a file it cannot convert is refused
    with the reason, and without LibreOffice the error says how to get it."""
    p = tmp_path / f"r{suffix}"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises((CorruptDocument, UnsupportedFormat), match="save it as .docx or PDF") as e:
        load_document(p)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".et"])
def test_legacy_file_without_libreoffice_says_how_to_install_it(tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    p = tmp_path / f"r{suffix}"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UnsupportedFormat, match="install LibreOffice.*save it as .docx or PDF"):
        load_document(p)


def test_libreoffice_over_its_time_limit_is_stopped(tmp_path, monkeypatch):
    """A conversion that hangs is ended at the limit, its processes too."""
    from extract.errors import LimitExceeded
    from extract.load import office

    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LimitExceeded, match="took over 0.5 s"):
        office.convert(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc", "docx", timeout=0.5)


@pytest.mark.parametrize("suffix", [".doc", ".docx"])
def test_web_page_saved_as_word_is_read_as_html(tmp_path, suffix):
    p = tmp_path / f"r{suffix}"
    p.write_bytes('<html><head><meta charset="gbk"></head><body><p>自评得分99分。</p></body></html>'.encode("gbk"))
    doc = load_document(p)
    assert doc.info.format == "html" and doc.source.text == "自评得分99分。\n"


def test_doc_named_docx_is_refused(tmp_path):
    p = tmp_path / "r.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UnsupportedFormat, match="Word 97-2003"):
        load_document(p)


def test_encrypted_docx_is_refused(tmp_path):
    p = tmp_path / "r.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(EncryptedDocument):
        load_document(p)


def test_zip_without_a_document_is_refused(tmp_path):
    p = tmp_path / "r.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    p.write_bytes(buf.getvalue())
    with pytest.raises(CorruptDocument):
        load_document(p)


def test_cli_exit_2_for_a_doc(tmp_path):
    p = tmp_path / "r.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0")
    result = CliRunner().invoke(main, ["parse", str(p)])
    assert result.exit_code == 2


def test_a_document_with_no_text_is_empty_input(tmp_path):
    """A .docx with no text (a blank page, or only empty paragraphs and an
    empty table) is bad input, exit 2, as an empty .txt or a blank PDF is:
    not a report to be checked and passed."""
    from extract.errors import EmptyInput

    d = docx.Document()
    d.add_paragraph("   ")
    d.add_table(rows=2, cols=2)
    path = tmp_path / "空白.docx"
    d.save(path)
    with pytest.raises(EmptyInput):
        load_docx(path)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
