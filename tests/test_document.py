"""Front matter: kept byte for byte, validated safely, errors that name the line."""

from __future__ import annotations

import pytest

from md_convert import FrontMatterError, convert_document

FRONT = "---\ntitle: '标题'\ncategories: \n - 新媒体\n - 首页\n# a comment\ndate: Sun, 26 Dec 2021 03:00:00 GMT\n---"


def test_front_matter_is_written_back_byte_for_byte() -> None:
    out = convert_document(f"\n{FRONT}\n\n<p>正文</p>\n")
    assert out == f"{FRONT}\n\n正文\n"


def test_post_without_front_matter_has_none() -> None:
    assert convert_document("<p>正文</p>") == "正文\n"


def test_front_matter_only_post() -> None:
    assert convert_document(f"{FRONT}\n") == f"{FRONT}\n"


def test_crlf_post_becomes_lf() -> None:
    out = convert_document("---\r\ntitle: x\r\n---\r\n<p>a<br>b</p>\r\n")
    assert out == "---\ntitle: x\n---\n\na\\\nb\n"


def test_unclosed_front_matter_is_an_error() -> None:
    with pytest.raises(FrontMatterError, match="opened on line 2 is never closed"):
        convert_document("\n---\ntitle: x\n<p>body</p>\n")


def test_invalid_yaml_names_the_line() -> None:
    with pytest.raises(FrontMatterError, match="on line 3"):
        convert_document("---\ntitle: ok\nbad: [unclosed\n---\n<p>x</p>")


def test_python_tags_are_rejected_not_executed() -> None:
    with pytest.raises(FrontMatterError, match="python/object"):
        convert_document("---\nx: !!python/object/apply:os.system ['echo pwned']\n---\n<p>x</p>")


def test_duplicate_keys_are_an_error() -> None:
    with pytest.raises(FrontMatterError, match="on line 3: duplicate key 'title'"):
        convert_document("---\ntitle: a\ntitle: b\n---\n<p>x</p>")


def test_front_matter_must_be_a_mapping() -> None:
    with pytest.raises(FrontMatterError, match="not a mapping"):
        convert_document("---\n- a\n- b\n---\n<p>x</p>")


def test_invalid_date_is_just_text() -> None:
    out = convert_document("---\ndate: Invalid Date\n---\n<p>x</p>")
    assert out == "---\ndate: Invalid Date\n---\n\nx\n"


def test_markdown_post_comes_back_unchanged() -> None:
    post = f"{FRONT}\n\n# 标题\n\n正文 **粗体**\n"
    assert convert_document(post) == post
