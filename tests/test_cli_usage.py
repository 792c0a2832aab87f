"""The command line as a new user meets it: stdin among inputs, exclusions, configuration, usage
errors found before any work, what -q, -v and --check say. Exit code, stdout and stderr apart."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import md_convert
from md_convert import ConvertOptions, convert_document

HTML = "<p>正文<strong>加粗</strong></p>\n"
MARKDOWN = "正文**加粗**\n"


def _post(path: Path, text: str = HTML) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_stdin_among_batch_inputs_goes_to_stdout(cli, tmp_path: Path) -> None:
    post = _post(tmp_path / "a.html")
    result = cli(str(post), "-", "--output-dir", str(tmp_path / "out"), "-q", stdin=b"<p>x</p>")
    assert (result.code, result.stdout, result.stderr) == (0, "x\n", "")
    assert (tmp_path / "out" / "a.md").read_text(encoding="utf-8") == MARKDOWN


def test_check_and_diff_on_stdin(cli) -> None:
    check = cli("-", "--check", stdin=HTML.encode())
    assert (check.code, check.stdout, check.stderr) == (1, "", "would convert -\n")
    assert cli("-", "--check", stdin=MARKDOWN.encode()).code == 0  # already Markdown: nothing to do
    diff = cli("-", "--diff", stdin=HTML.encode())
    assert diff.code == 0 and "+正文**加粗**" in diff.stdout and "-<p>正文" in diff.stdout


def test_hook_refuses_stdin(cli) -> None:
    result = cli("-", "--hook", stdin=HTML.encode())
    assert (result.code, result.stdout, result.stderr) == (2, "", "Error: --hook takes files, not standard input\n")


def test_exclude_adds_to_the_defaults(cli, tmp_path: Path) -> None:
    for name in ("posts/a.html", ".git/x.html", "node_modules/y.html", "README.md", "drafts/z.html"):
        _post(tmp_path / name)
    (tmp_path / "pyproject.toml").write_text('[tool.md-convert]\nexclude = ["drafts"]\n', encoding="utf-8")
    result = cli(".", "--in-place", "-q", cwd=tmp_path)
    assert result.code == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")) == ["README.md", "posts/a.md"]
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == HTML  # untouched


def test_version_control_folders_are_never_entered(cli, tmp_path: Path) -> None:
    _post(tmp_path / ".hg" / "x.html")
    result = cli(str(tmp_path), "--include", "*", "--check", "-q")
    assert (result.code, result.stderr) == (2, "Error: no files matched the inputs and --include/--exclude patterns\n")


def test_files_git_ignores_are_skipped(cli, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _post(tmp_path / "kept.html")
    _post(tmp_path / "build" / "ignored.html")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    result = cli(str(tmp_path), "--check")
    assert result.code == 1 and "kept.html" in result.stderr and "ignored" not in result.stderr


def test_verbose_names_the_exclusions_and_every_file_written(cli, tmp_path: Path) -> None:
    post = _post(tmp_path / "in" / "a.html")
    result = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-v")
    assert result.code == 0
    assert "excluding: .git, .hg, .svn, node_modules" in result.stderr
    assert f"converted {post} -> {tmp_path / 'out' / 'a.md'}" in result.stderr
    assert cli("-V").stdout.startswith("md-convert ")


@pytest.mark.parametrize("report", ["missing/r.json", "."])
def test_a_report_that_cannot_be_written_is_a_usage_error_before_any_work(cli, tmp_path: Path, report: str) -> None:
    post = _post(tmp_path / "a.html")
    result = cli(str(post), "-o", str(tmp_path / "a.md"), "--report", report, cwd=tmp_path)
    assert result.code == 2 and result.stderr.startswith("Error: --report ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "a.md").exists()


def test_paths_of_the_wrong_kind_are_usage_errors(cli, tmp_path: Path) -> None:
    post = _post(tmp_path / "a.html")
    (tmp_path / "dir").mkdir()
    result = cli(str(post), "-o", str(tmp_path / "dir"))
    assert (result.code, result.stderr) == (2, f"Error: -o/--output {tmp_path / 'dir'} is a directory "
                                               "(use --output-dir for a folder)\n")
    result = cli(str(post), "--output-dir", str(post))
    assert (result.code, result.stderr) == (2, f"Error: --output-dir {post} is a file, not a directory\n")
    result = cli(str(post), "-o", str(tmp_path / "b.md"), "--download-images", "--image-dir", str(post))
    assert (result.code, result.stderr) == (2, f"Error: --image-dir {post} is a file, not a directory\n")


def test_option_values_are_validated(cli, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="bullet must be one of '-', '\\*', '\\+'"):
        ConvertOptions(bullet="x")
    result = cli("--bullet", "x", stdin=b"<ul><li>a</li></ul>")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == "Error: --bullet must be one of '-', '*', '+' (got 'x')\n"
    (tmp_path / "pyproject.toml").write_text('[tool.md-convert]\nvideo-label = ""\njobs = 0\n', encoding="utf-8")
    result = cli("-", cwd=tmp_path, stdin=HTML.encode())
    assert result.code == 2 and "[tool.md-convert] video-label must be one line of text" in result.stderr
    assert "a int" not in result.stderr


def test_flags_for_every_config_key(cli) -> None:
    result = cli("-", "--bullet", "+", "--plugin-placeholders", "--no-video-links", stdin=(
        b'<ul><li>a</li></ul><mpprofile data-pluginname="mpprofile" data-nickname="N"></mpprofile>'
        b'<iframe src="https://v.qq.com/x"></iframe>'))
    assert (result.code, result.stdout) == (0, "+ a\n\n[mpprofile: N]\n")
    labelled = cli("-", "--video-label", "视频", stdin=b'<iframe src="https://v.qq.com/x"></iframe>')
    assert labelled.stdout == "[视频](https://v.qq.com/x)\n"


def test_the_config_is_found_from_the_inputs_not_the_working_directory(cli, tmp_path: Path) -> None:
    site = tmp_path / "site"
    post = _post(site / "posts" / "a.html", "<ul><li>a</li></ul>")
    (site / "pyproject.toml").write_text('[tool.md-convert]\nbullet = "*"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert cli(str(post), cwd=elsewhere).stdout == "* a\n"
    other = tmp_path / "other.toml"
    other.write_text('[tool.md-convert]\nbullet = "+"\n', encoding="utf-8")
    assert cli(str(post), "--config", str(other), cwd=elsewhere).stdout == "+ a\n"
    missing = cli(str(post), "--config", str(tmp_path / "none.toml"))
    assert missing.code == 2 and "No such file or directory" in missing.stderr


@pytest.mark.parametrize("flag", [["--refresh"], ["--image-dir", "media"], ["--image-concurrency", "2"],
                                  ["--referer", "https://mp.weixin.qq.com/"], ["--strict-images"]])
def test_download_flags_without_a_download_are_usage_errors(cli, flag: list[str]) -> None:
    result = cli("-", *flag, stdin=HTML.encode())
    assert result.code == 2 and "only works with --download-images or --download-cover" in result.stderr


def test_strict_implies_verify(cli) -> None:
    assert cli("-", "--strict", stdin=HTML.encode()).code == 0  # nothing lost: converts as usual


def test_help_shows_examples_and_exit_codes(cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert "Examples:" in result.stdout and "Exit codes:" in result.stdout and "123" in result.stdout


def test_summary_has_time_and_failed_images(cli, tmp_path: Path) -> None:
    for n in range(2):  # loopback images are refused without --allow-private-hosts: no request is sent
        _post(tmp_path / "in" / f"{n}.html", f'<p>正文</p><p><img src="http://127.0.0.1:9/{n}.png"></p>')
    result = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "--download-images")
    assert result.code == 0
    assert re.search(r"images not downloaded\s*│\s*2 │", result.stderr) and re.search(r"\d+\.\d s", result.stderr)
    assert result.stderr.count("Warning: ") == 2


def test_the_library_takes_text_or_bytes_only() -> None:
    assert convert_document("<p>甲</p>") == convert_document("<p>甲</p>".encode()) == "甲\n"
    assert convert_document('<meta charset="gbk"><p>甲</p>'.encode("gbk")) == "甲\n"
    with pytest.raises(TypeError, match="str or bytes, not NoneType"):
        convert_document(None)  # type: ignore[arg-type]
    with pytest.raises(md_convert.InputError):
        convert_document(b"\x89PNG\r\n\x1a\n")


def test_shell_completion_script(cli) -> None:
    # The shell is named, not detected from the processes above (a CI runner may have none).
    result = cli("--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.code == 0 and "_MD_CONVERT_COMPLETE" in result.stdout


def test_hard_break_choice(cli) -> None:
    assert convert_document("<p>甲<br>乙</p>") == "甲\\\n乙\n"
    assert convert_document("<p>甲<br>乙</p>", hard_break="spaces") == "甲  \n乙\n"
    result = cli("-", "--hard-break", "spaces", stdin="<p>甲<br>乙</p>".encode())
    assert (result.code, result.stdout) == (0, "甲  \n乙\n")
    wrong = cli("-", "--hard-break", "br", stdin=b"<p>x</p>")
    assert (wrong.code, wrong.stderr) == (2, "Error: --hard-break must be one of 'backslash', 'spaces' (got 'br')\n")
