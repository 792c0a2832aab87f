"""Options that change the output, and --verify / --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

import md_convert
from md_convert import ConvertOptions, convert_html
from md_convert.cli.app import run
from md_convert.verify import find_losses

VIDEO_ACCOUNT = (
    '<p>甲</p><mpvideosnap data-pluginname="mpvideosnap" data-nickname="小店" data-desc="一天"></mpvideosnap>'
)


def test_plugins_are_dropped_by_default() -> None:
    assert convert_html(VIDEO_ACCOUNT) == "甲\n"


def test_plugin_placeholders_show_what_the_plugin_was() -> None:
    assert convert_html(VIDEO_ACCOUNT, plugin_placeholders=True) == "甲\n\n[mpvideosnap: 小店 — 一天]\n"


def test_options_object_and_keywords_agree() -> None:
    html = "<ul><li>a</li></ul>"
    assert convert_html(html, options=ConvertOptions(bullet="*")) == convert_html(html, bullet="*") == "* a\n"


def test_unknown_option_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        convert_html("<p>a</p>", no_such_option=True)


def test_video_label_option() -> None:
    html = '<iframe src="https://v.qq.com/x"></iframe>'
    assert convert_html(html, video_label="视频") == "[视频](https://v.qq.com/x)\n"
    assert convert_html(html, video_links=False) == ""


def test_find_losses_reports_missing_text_images_and_links() -> None:
    source = '<p>甲乙丙 <a href="https://example.com/a">链接</a></p><p><img src="https://example.com/i.png"></p>'
    assert not find_losses(source, convert_html(source), ConvertOptions())
    losses = find_losses(source, "甲乙\n", ConvertOptions())
    assert losses.characters == ["丙", "链", "接"]
    assert losses.images == ["https://example.com/i.png"] and losses.links == ["https://example.com/a"]
    assert losses.describe().startswith("3 character(s) of text lost (丙链接)")


def _lossy_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    real = md_convert.cli.one_input.convert_post

    def drop_last_paragraph(text: str, options: ConvertOptions) -> md_convert.pipeline.ConvertedPost:
        converted = real(text, options)
        return md_convert.pipeline.ConvertedPost(converted.markdown.replace("丁戊\n", ""), converted.was_html)

    monkeypatch.setattr(md_convert.cli.one_input, "convert_post", drop_last_paragraph)


def test_verify_warns_and_strict_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd) -> None:
    post = tmp_path / "post.html"
    post.write_text("<p>甲乙丙</p><p>丁戊</p>", encoding="utf-8")
    assert run(["--verify", str(post)]) == 0
    assert capfd.readouterr().err == ""
    _lossy_converter(monkeypatch)
    assert run(["--verify", str(post)]) == 0
    assert capfd.readouterr().err == f"Warning: {post}: 2 character(s) of text lost (丁戊)\n"
    out = tmp_path / "out.md"
    assert run(["--strict", str(post), "-o", str(out)]) == 123
    assert capfd.readouterr().err.startswith(f"Error: {post}: 2 character(s) of text lost")
    assert not out.exists()


def test_verify_reports_an_image_the_cleaning_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    import md_convert.html.clean as clean

    source = '<p>甲</p><p><img src="https://example.com/kept.png"></p>'
    monkeypatch.setitem(clean._NORMALISERS, "img", lambda img: img.decompose())  # a cleaning that loses images
    markdown = convert_html(source)
    assert "kept.png" not in markdown
    assert find_losses(source, markdown, ConvertOptions()).images == ["https://example.com/kept.png"]
