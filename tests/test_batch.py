"""Directories, many files, write-back modes, exit codes, configuration and the JSON report."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import SHARED_CORPUS

HTML_POST = "---\ntitle: '{n}'\n---\n\n<p>正文 {n}<strong>加粗</strong></p>\n"
MD_POST = "---\ntitle: 'md'\n---\n\n# 已经是 Markdown\n\n正文\n"


def _tree(root: Path, count: int = 3) -> None:
    (root / "a" / "b").mkdir(parents=True)
    for n in range(count):
        (root / "a" / f"post{n}.html").write_text(HTML_POST.format(n=n), encoding="utf-8")
    (root / "a" / "b" / "hexo.md").write_text(HTML_POST.format(n="hexo"), encoding="utf-8")
    (root / "a" / "b" / "done.md").write_text(MD_POST, encoding="utf-8")
    (root / "a" / "notes.txt").write_text("not a post", encoding="utf-8")


def test_output_dir_mirrors_the_tree(cli, tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    result = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-q")
    assert (result.code, result.stdout, result.stderr) == (0, "", "")
    made = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert made == ["a/b/done.md", "a/b/hexo.md", "a/post0.md", "a/post1.md", "a/post2.md"]
    expected = "---\ntitle: '1'\n---\n\n正文 1**加粗**\n"
    assert (tmp_path / "out" / "a" / "post1.md").read_text(encoding="utf-8") == expected
    assert (tmp_path / "out" / "a" / "b" / "done.md").read_text(encoding="utf-8") == MD_POST


def test_summary_on_stderr_and_second_run_unchanged(cli, tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    first = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert first.code == 0 and first.stdout == ""
    assert re.search(r"converted\s*│\s*4 │", first.stderr) and re.search(r"already Markdown\s*│\s*1 │", first.stderr)
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.md")}
    second = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert second.code == 0 and re.search(r"unchanged\s*│\s*4 │", second.stderr)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.md")} == stamps


def test_in_place_rewrites_md_posts_and_writes_md_beside_html(cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    result = cli(str(tmp_path / "a"), "--in-place", "-q")
    assert result.code == 0
    assert (tmp_path / "a" / "b" / "hexo.md").read_text(encoding="utf-8").endswith("正文 hexo**加粗**\n")
    assert (tmp_path / "a" / "post0.md").exists() and (tmp_path / "a" / "post0.html").exists()
    assert (tmp_path / "a" / "b" / "done.md").read_text(encoding="utf-8") == MD_POST
    again = cli(str(tmp_path / "a"), "--in-place", "-q", "--check")
    assert (again.code, again.stderr) == (0, "")  # idempotent: nothing left to do


def test_remove_source_only_with_in_place(cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    assert cli(str(tmp_path / "a"), "--remove-source", "--output-dir", str(tmp_path / "o")).code == 2
    result = cli(str(tmp_path / "a" / "post0.html"), "--in-place", "--remove-source")
    assert result.code == 0
    assert not (tmp_path / "a" / "post0.html").exists() and (tmp_path / "a" / "post0.md").exists()


def test_check_lists_files_and_writes_nothing(cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = cli(str(tmp_path / "a"), "--check")
    assert result.code == 1 and result.stdout == ""
    found = [line for line in result.stderr.splitlines() if line.startswith("would convert ")]
    a = tmp_path / "a"
    assert sorted(found) == sorted([f"would convert {a / 'b/hexo.md'}"] + [
        f"would convert {a / f'post{n}.html'} -> {a / f'post{n}.md'}" for n in range(3)])  # the source is named
    assert re.search(r"would convert\s*│\s*4 │", result.stderr)  # the summary says what did not happen
    quiet = cli(str(tmp_path / "a"), "--check", "-q")
    assert (quiet.code, quiet.stdout, quiet.stderr) == (1, "", "")  # -q: the exit code speaks
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_diff_prints_a_unified_diff_on_stdout(cli, tmp_path: Path) -> None:
    post = tmp_path / "hexo.md"
    post.write_text(HTML_POST.format(n=7), encoding="utf-8")
    result = cli(str(post), "--diff")
    assert result.code == 0 and result.stderr == ""
    assert f"--- {post} (current)" in result.stdout and "+正文 7**加粗**" in result.stdout
    assert "-<p>正文 7<strong>加粗</strong></p>" in result.stdout
    assert cli(str(post), "--diff", "--check").code == 1
    assert post.read_text(encoding="utf-8") == HTML_POST.format(n=7)


def test_a_bad_post_in_the_middle_fails_alone(cli, tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    bad = tmp_path / "in" / "a" / "post1.html"
    bad.write_text("---\ntitle: [unclosed\n---\n<p>x</p>\n", encoding="utf-8")
    result = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-q", "-j", "2")
    assert result.code == 123
    assert result.stderr.startswith(f"Error: {bad}: invalid YAML in front matter on line 2")
    assert result.stderr.count("\n") == 1
    assert (tmp_path / "out" / "a" / "post2.md").exists() and not (tmp_path / "out" / "a" / "post1.md").exists()


def test_fail_fast_stops_early(cli, tmp_path: Path) -> None:
    _tree(tmp_path / "in", count=3)
    (tmp_path / "in" / "a" / "post0.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-q", "-j", "1", "--fail-fast")
    assert result.code == 123 and "binary file" in result.stderr
    assert not (tmp_path / "out" / "a" / "post2.md").exists()


def test_output_dir_onto_the_inputs_is_a_usage_error(cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    result = cli(str(tmp_path / "a"), "--output-dir", str(tmp_path / "a"))
    assert result.code == 2 and "would overwrite the input" in result.stderr


def test_include_and_exclude(cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    result = cli(str(tmp_path / "a"), "--check", "-q", "--include", "*.md", "--exclude", "b")
    assert (result.code, result.stderr) == (2, "Error: no files matched the inputs and --include/--exclude patterns\n")
    result = cli(str(tmp_path / "a"), "--check", "--include", "post1.*")
    a = tmp_path / "a"
    assert result.stderr == f"would convert {a / 'post1.html'} -> {a / 'post1.md'}\n"


def test_directory_symlink_loops_are_safe(cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")
    result = cli(str(tmp_path / "a"), "--check")
    assert result.code == 1 and result.stderr.count("would convert /") == 4


def test_report_json(cli, tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    report = tmp_path / "report.json"
    cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-q", "--report", str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"] == {"converted": 4, "unchanged": 0, "already Markdown": 1, "failed": 0}
    first = data["files"][0]
    assert set(first) >= {"source", "status", "output", "error", "seconds"}


def test_pyproject_configuration(cli, tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.md-convert]\nbullet = "*"\ninclude = ["post0.*"]\n')
    (tmp_path / "a" / "post0.html").write_text("<ul><li>x</li></ul>", encoding="utf-8")
    result = cli("a", "--check", "--diff", cwd=tmp_path)
    assert result.code == 1 and "+* x" in result.stdout and "post1" not in result.stdout
    (tmp_path / "pyproject.toml").write_text("[tool.md-convert]\nbulet = '*'\n")
    result = cli("a", "--check", cwd=tmp_path)
    assert result.code == 2 and "unknown key 'bulet'" in result.stderr


@pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="../shared is not beside this checkout")
def test_thousand_post_tree(cli, tmp_path: Path) -> None:
    posts = sorted(p for p in SHARED_CORPUS.rglob("*") if p.suffix in (".html", ".md") and p.name != "README.md")
    for n in range(1000):
        source = posts[n % len(posts)]
        target = tmp_path / "in" / f"{n % 10}" / f"{n}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    first = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-j", "2", "-q")
    assert first.code in (0, 123) and first.stdout == ""
    failed = first.stderr.count("Error: ")
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.md")}
    assert len(stamps) == 1000 - failed
    second = cli("in", "--output-dir", "out", "-j", "2", "--report", "r.json", cwd=tmp_path)
    assert second.code == first.code
    summary = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]
    assert summary["converted"] == 0 and summary["unchanged"] + summary["already Markdown"] == 1000 - failed
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.md")} == stamps
    assert cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-j", "2", "--check", "-q").code == (
        123 if failed else 0
    )
    edited = next(p for p in (tmp_path / "in").rglob("*.html"))
    edited.write_text(edited.read_text(encoding="utf-8") + "<p>新的一段</p>", encoding="utf-8")
    check = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-j", "2", "--check")
    assert check.code == (123 if failed else 1) and f"would convert {edited} -> " in check.stderr


def test_two_inputs_with_one_output(cli, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "post.html").write_text(HTML_POST.format(n=1), encoding="utf-8")
    (tmp_path / "in" / "post.htm").write_text(HTML_POST.format(n=2), encoding="utf-8")
    result = cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert result.code == 2 and "would both be written to" in result.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "in" / "post.htm").unlink()
    (tmp_path / "in" / "post.md").write_text("old output", encoding="utf-8")
    result = cli(str(tmp_path / "in"), "--in-place", "-q")  # post.md is post.html's own output
    assert result.code == 0
    assert (tmp_path / "in" / "post.md").read_text(encoding="utf-8") == "---\ntitle: '1'\n---\n\n正文 1**加粗**\n"


def test_a_parallel_batch_run_in_process_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    from md_convert.cli.app import run

    _tree(tmp_path / "in")
    assert run([str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "-q", "-j", "2"]) == 0
    assert (tmp_path / "out" / "a" / "post2.md").exists()
    assert gc.get_freeze_count() == 0  # the pool froze the parent's objects for its workers' sake only
