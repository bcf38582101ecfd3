"""Text loading: encodings detected, bad files refused with one-line reasons."""

from __future__ import annotations

import pytest

from extract.errors import BinaryInput, EmptyInput, UnreadableEncoding
from extract.load.text import decode_text, load_text

TEXT = "部门整体支出绩效自评报告\n\n部门名称：江门市科学技术局\n支出率83.2%。\n"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_decode_to_the_same_text(codec):
    data = TEXT.encode(codec)
    text, _ = decode_text(data)
    assert text == TEXT


def test_a_traditional_text_in_big5_is_read_as_big5():
    # GB18030 decodes almost any bytes: Big5 read as GBK was silent mojibake
    text = "某縣2024年度部門整體支出績效自評報告\n一、基本情況\n本年度預算資金100萬元，實際支出96萬元，預算執行率96%。\n"
    assert decode_text(text.encode("big5")) == (text, "big5")
    assert decode_text(TEXT.encode("gbk")) == (TEXT, "gb18030")
    assert decode_text(TEXT.encode("gb2312")) == (TEXT, "gb18030")


def test_reports_encoding_name():
    assert decode_text(TEXT.encode("gbk"))[1] == "gb18030"
    assert decode_text(TEXT.encode("utf-8"))[1] == "utf-8"
    assert decode_text(TEXT.encode("utf-8-sig"))[1] == "utf-8-sig"


def test_crlf_and_cr_fold_to_newlines(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes("一、概况\r\n正文。\r二、结论\n".encode("utf-8"))
    source, _ = load_text(p)
    assert source.text == "一、概况\n正文。\n二、结论\n"
    assert source.n_lines == 3


@pytest.mark.parametrize("data", [b"", b"   \n\n\t ", "\ufeff".encode("utf-8"), "\u3000\n".encode("utf-8")])
def test_empty_files_are_refused(tmp_path, data):
    p = tmp_path / "empty.txt"
    p.write_bytes(data)
    with pytest.raises(EmptyInput) as e:
        load_text(p)
    assert str(p) in str(e.value) and "\n" not in str(e.value)
    # spaces and line breaks are white space, not nothing: the reason says which
    assert e.value.reason == ("the file holds only white space" if data.strip(b"\xef\xbb\xbf") else "the file is empty")


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(bytes(range(256)) * 20)
    with pytest.raises((BinaryInput, UnreadableEncoding)) as e:
        load_text(p)
    assert str(p) in str(e.value)


def test_undecodable_bytes_are_refused(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes("正文".encode("utf-8") + b"\xff\xfe\x80\x80\xff")
    with pytest.raises(UnreadableEncoding):
        load_text(p)
