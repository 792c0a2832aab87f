"""Bad input, faults and hostile HTML: nothing crashes, nothing is lost, each problem is one clear line."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import md_convert
from md_convert import InputError, convert_document, convert_html, looks_like_html
from md_convert.cli.app import run
from md_convert.post.decoding import decode_bytes

from .conftest import ROOT

FRONT = "---\ntitle: x\n---"
CHINESE = "<p>小红书在近期召开的商业生态大会上释放的一系列数据和信息值得关注，品牌开始重视私域阵地。</p>" * 4


@pytest.mark.parametrize(
    ("post", "expected"),
    [("", ""), ("  \n\t\n", ""), (f"{FRONT}\n", f"{FRONT}\n"), (f"\n\n{FRONT}\n\n   \n", f"{FRONT}\n")],
)
def test_empty_inputs_give_valid_output(post: str, expected: str) -> None:
    assert convert_document(post) == expected


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"<p>a\x00b</p>", b"GIF89a\x01\x00"])
def test_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(data)


def test_encodings_are_decoded() -> None:
    text = f"{FRONT}\n{CHINESE}"
    assert decode_bytes(text.encode("utf-8")) == text
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_bytes(text.encode("utf-16")) == text
    declared = f'<meta charset="gbk">{CHINESE}'
    assert decode_bytes(declared.encode("gb18030")) == declared
    http_equiv = f'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">{CHINESE}'
    assert decode_bytes(http_equiv.encode("gb18030")) == http_equiv
    assert decode_bytes(CHINESE.encode("gb18030")) == CHINESE  # undeclared: detected


def test_undecodable_bytes_are_an_error_not_mojibake() -> None:
    with pytest.raises(InputError, match="not valid utf-8"):
        decode_bytes(b'<meta charset="utf-8"><p>\xff\xfe\xfa</p>')


def test_a_body_that_declares_its_encoding_is_read_like_any_other() -> None:
    # libxml2's whole-string reader refuses such a str; the push parser reads it
    assert md_convert.convert_html('<?xml version="1.0" encoding="utf-8"?><p>甲 <b>乙</b></p>') == "甲 **乙**\n"


def test_crlf_and_mixed_line_endings() -> None:
    out = convert_document("---\r\ntitle: x\r\n---\r\n<p>a</p>\r<p>b</p>\n<pre>x\r\ny</pre>")
    assert out == "---\ntitle: x\n---\n\na\n\nb\n\n```text\nx\ny\n```\n" and "\r" not in out


def test_broken_markup_from_real_posts_keeps_its_text() -> None:
    html = (
        '<h1 label="一级标题" style="background-image: url("/img/h1_icon.png"); color: red">标题</h1>'
        '<p>未闭合<b>加粗<p>下一段 < 不是标签 a<b c</p>< p="">残缺标签</p>'
        '<img src="<a href="https://x.com/a.png%22" rel="nofollow">https://x.com/a.png</a> alt="图" />'
    )
    out = convert_html(html)
    for words in ("标题", "未闭合", "加粗", "下一段", "不是标签", "残缺标签"):
        assert words in out
    assert "style" not in out


@pytest.mark.parametrize("html", [
    "<p>一</p></body><p>二</p>三",
    "<p>一</p></html><p>二</p>三",
    "<body><p>一</p></body></html><body><p>二</p></body>三",
])
def test_content_after_the_closing_body_or_html_is_kept(html: str) -> None:
    assert convert_html(html) == "一\n\n二\n\n三\n"  # browsers show it in the body; libxml2 leaves it outside


def test_nothing_executable_reaches_the_markdown() -> None:
    html = (
        '<p onclick="steal()"><a href="javascript:alert(1)">甲</a><a href=" JavaScript:x">乙</a>'
        '<a href="vbscript:msgbox">丙</a><a href="data:text/html,<script>x</script>">丁</a></p>'
        "<script>alert('x')</script><img src=x onerror=alert(1)><iframe src=\"javascript:alert(1)\"></iframe>"
    )
    out = convert_html(html)
    assert out == "甲乙丙丁\n\n![](x)\n"


def test_markdown_with_inline_html_is_still_markdown() -> None:
    assert not looks_like_html("# 标题\n\n正文 <br> 和 <img src='a.png'>\n")
    assert looks_like_html("<p>正文</p>\n- 不是列表\n")
    assert looks_like_html("正文<p>段落</p>")


def test_hundred_thousand_levels_of_nesting() -> None:
    html = "<div>" * 100_000 + "最深处<img src='https://e.com/deep.png'>" + "</div>" * 100_000 + "<p>之后</p>"
    assert convert_html(html) == "最深处![](https://e.com/deep.png)\n\n之后\n"


def test_a_million_siblings() -> None:
    out = convert_html("<p>" + "<span>字</span>" * 1_000_000 + "</p>")
    assert out == "字" * 1_000_000 + "\n"


def test_a_fifty_megabyte_body() -> None:
    paragraph = "<p>这是一段<strong>加粗</strong>的文字，带一个<a href='https://e.com/x'>链接</a>。</p>\n"
    html = paragraph * (50_000_000 // len(paragraph.encode()))
    out = convert_html(html)
    assert out.count("这是一段**加粗**的文字") == html.count("<p>")


def _post(path: Path, n: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{FRONT}\n<p>正文 {n}</p>\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["with space.html", "中文 名字.html", "-dash.html", "--double.html"])
def test_unusual_file_names(cli, tmp_path: Path, name: str) -> None:
    post = _post(tmp_path / name)
    result = cli("--", str(post)) if name.startswith("-") else cli(str(post))
    assert (result.code, result.stderr) == (0, "") and "正文 0" in result.stdout
    result = cli("--check", "--", name, cwd=tmp_path)
    assert result.code == 1 and result.stderr == f"would convert {name} -> {Path(name).with_suffix('.md')}\n"


def test_unreadable_file_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd) -> None:
    good, bad = _post(tmp_path / "in" / "good.html"), _post(tmp_path / "in" / "bad.html")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "bad.html":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code = run([str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-q", "-j", "1"])
    assert code == 123
    assert capfd.readouterr().err == f"Error: {bad}: Permission denied\n"
    assert (tmp_path / "out" / "good.md").exists() and good.exists()


def test_output_folder_that_is_a_file(cli, tmp_path: Path) -> None:
    post = _post(tmp_path / "post.html")
    (tmp_path / "blocker").write_text("not a folder")
    result = cli(str(post), "-o", str(tmp_path / "blocker" / "post.md"))
    assert result.code == 123 and result.stderr.startswith(f"Error: {post}: Not a directory")


def test_missing_output_folder_is_created(cli, tmp_path: Path) -> None:
    post = _post(tmp_path / "post.html")
    assert cli(str(post), "-o", str(tmp_path / "new" / "deeper" / "post.md")).code == 0
    assert (tmp_path / "new" / "deeper" / "post.md").exists()


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_write_failures_leave_no_partial_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd, failure):
    post = _post(tmp_path / "post.md")
    post.write_text(f"{FRONT}\n<p>原文</p>\n", encoding="utf-8")
    original = post.read_bytes()
    real_fdopen = os.fdopen

    class FailingFile:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data: bytes) -> None:
            self.handle.write(data[: len(data) // 2])  # half of it lands, then the disk says no
            raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FailingFile(real_fdopen(fd, mode)))
    assert run([str(post), "--in-place"]) == 123
    assert capfd.readouterr().err == f"Error: {post}: {os.strerror(failure)}\n"
    assert post.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]  # the temporary file is gone too


def test_only_a_post_rewritten_in_place_waits_for_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # fsync where the Markdown is the post's only copy; an output beside its kept source a rerun makes again
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    post = _post(tmp_path / "post.md")
    assert run([str(post), "--output-dir", str(tmp_path / "out"), "-q"]) == 0
    assert (synced, (tmp_path / "out" / "post.md").exists()) == ([], True)
    assert run([str(post), "--in-place", "-q"]) == 0
    assert len(synced) == 1 and "<p>" not in post.read_text(encoding="utf-8")


def _batch(tmp_path: Path, count: int) -> list[Path]:
    return [_post(tmp_path / "in" / f"{n:04}.md", n) for n in range(count)]


def _start_batch(tmp_path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "md_convert", str(tmp_path / "in"), "--in-place", "-j", "2", "-q"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def _wait_until_some_converted(posts: list[Path]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if sum(1 for p in posts if "<p>" not in p.read_text(encoding="utf-8")) >= 5:
            return
        time.sleep(0.01)


def _each_file_is_old_or_new(posts: list[Path]) -> int:
    converted = 0
    for n, post in enumerate(posts):
        text = post.read_text(encoding="utf-8")
        assert text in (f"{FRONT}\n<p>正文 {n}</p>\n", f"{FRONT}\n\n正文 {n}\n"), post
        converted += "<p>" not in text
    return converted


@pytest.mark.parametrize("how", ["interrupt", "kill"])
def test_an_interrupted_batch_loses_nothing_and_a_rerun_finishes(tmp_path: Path, how: str) -> None:
    posts = _batch(tmp_path, 3000)
    process = _start_batch(tmp_path)
    _wait_until_some_converted(posts)
    if how == "interrupt":
        os.killpg(process.pid, signal.SIGINT)
    else:
        os.killpg(process.pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    if how == "interrupt":
        assert process.returncode == 130 and b"Interrupted" in stderr
    assert 0 < _each_file_is_old_or_new(posts) <= len(posts)
    rerun = _start_batch(tmp_path)
    rerun.communicate(timeout=600)
    assert rerun.returncode == 0
    assert _each_file_is_old_or_new(posts) == len(posts)
    assert not [p for p in (tmp_path / "in").iterdir() if p.suffix != ".md"]  # no temporary files left


def test_version_of_the_package_matches_the_cli(cli) -> None:
    assert cli("--version").stdout == f"md-convert {md_convert.__version__}\n"
