"""The one-file CLI and pipes: stdout carries only Markdown, stderr only talk, exit codes as documented."""

from __future__ import annotations

from pathlib import Path

from .conftest import ROOT

POST = "---\ntitle: '标题'\n---\n\n<p>正文<strong>加粗</strong></p>\n"
EXPECTED = "---\ntitle: '标题'\n---\n\n正文**加粗**\n"


def test_stdin_to_stdout(cli) -> None:
    result = cli("-", stdin=POST.encode())
    assert (result.code, result.stdout, result.stderr) == (0, EXPECTED, "")


def test_piped_stdin_without_arguments(cli) -> None:
    result = cli(stdin=POST.encode())
    assert (result.code, result.stdout) == (0, EXPECTED)


def test_file_to_stdout(cli, tmp_path: Path) -> None:
    post = tmp_path / "post.html"
    post.write_text(POST, encoding="utf-8")
    result = cli(str(post))
    assert (result.code, result.stdout, result.stderr) == (0, EXPECTED, "")
    assert post.read_text(encoding="utf-8") == POST  # the input is never touched


def test_output_file(cli, tmp_path: Path) -> None:
    post, out = tmp_path / "post.html", tmp_path / "out" / "post.md"
    post.write_text(POST, encoding="utf-8")
    result = cli(str(post), "-o", str(out))
    assert (result.code, result.stdout, result.stderr) == (0, "", "")
    assert out.read_text(encoding="utf-8") == EXPECTED
    assert [p.name for p in out.parent.iterdir()] == ["post.md"]  # no temporary file left behind


def test_bundled_example_converts(cli) -> None:
    result = cli(str(ROOT / "examples" / "post.html"))
    assert result.code == 0 and result.stderr == ""
    assert result.stdout.startswith("---\ntitle: '一家小店的私域实验")
    assert "<" not in result.stdout.split("---", 2)[2].replace("<https://", "")
    assert result.stdout.count("![") == 2 and result.stdout.rstrip().endswith("-END-")


def test_version(cli) -> None:
    result = cli("--version")
    assert result.code == 0 and result.stdout.startswith("md-convert ")


def test_missing_file_is_one_error_line(cli, tmp_path: Path) -> None:
    result = cli(str(tmp_path / "missing.html"))
    assert result.code == 123 and result.stdout == ""
    assert result.stderr == f"Error: {tmp_path / 'missing.html'}: No such file or directory\n"


def test_unclosed_front_matter_fails_and_writes_nothing(cli, tmp_path: Path) -> None:
    post, out = tmp_path / "post.html", tmp_path / "post.md"
    post.write_text("---\ntitle: x\n<p>body</p>\n", encoding="utf-8")
    result = cli(str(post), "-o", str(out))
    assert result.code == 123 and result.stdout == ""
    assert result.stderr == f"Error: {post}: front matter opened on line 1 is never closed\n"
    assert not out.exists()


def test_invalid_yaml_error_names_file_and_line(cli, tmp_path: Path) -> None:
    post = tmp_path / "bad.html"
    post.write_text("---\ntitle: [x\n---\n<p>body</p>\n", encoding="utf-8")
    result = cli(str(post))
    assert result.code == 123 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {post}: invalid YAML in front matter on line 2")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_python_tag_error_and_nothing_executed(cli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    post = tmp_path / "evil.html"
    post.write_text(f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n---\n<p>b</p>\n", encoding="utf-8")
    result = cli(str(post))
    assert result.code == 123 and "could not determine a constructor" in result.stderr
    assert not marker.exists()


def test_several_inputs_to_stdout_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli(str(tmp_path / "a.html"), str(tmp_path / "b.html"))
    assert result.code == 2 and result.stdout == ""
    assert "Error: several inputs need" in result.stderr


def test_output_onto_its_own_input_is_a_usage_error(cli, tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    result = cli(str(post), "-o", str(post))
    assert result.code == 2 and "is the input itself" in result.stderr
    assert post.read_text(encoding="utf-8") == POST


def _stdin_cases() -> list[bytes]:
    from .conftest import FIXTURES

    cases = [p.read_bytes() for p in sorted(FIXTURES.glob("*.html"))]
    return [*cases, POST.encode(), EXPECTED.encode(), b"", b"---\ntitle: [\n---\n<p>x</p>", b"\xff\xfe\x00\x00x\x00"]


def test_stdin_alone_answers_as_the_full_command_line(cli, tmp_path: Path) -> None:
    # `-` alone skips the command-line machinery; `- --jobs 1` (the default, said) goes through it
    for data in _stdin_cases():
        quick, full = cli("-", stdin=data, cwd=tmp_path), cli("-", "--jobs", "1", stdin=data, cwd=tmp_path)
        assert (quick.code, quick.stdout, quick.stderr) == (full.code, full.stdout, full.stderr), data[:80]


def test_stdin_alone_still_applies_the_config(cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.md-convert]\nbullet = "*"\n', encoding="utf-8")
    result = cli("-", stdin="<ul><li>甲</li></ul>".encode(), cwd=tmp_path)
    assert (result.code, result.stdout) == (0, "* 甲\n")


def test_stdin_alone_does_not_load_the_command_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    # os._exit would end the probe before it reports: it raises SystemExit instead
    probe = ("import os, sys; os._exit = sys.exit; sys.argv = ['md-convert', '-']\n"
             "from md_convert.__main__ import main\ntry:\n    main()\nexcept SystemExit:\n"
             "    sys.stderr.write(str(sorted({'typer', 'rich'} & set(sys.modules))))")
    done = subprocess.run([sys.executable, "-c", probe], input=POST.encode(), capture_output=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert (done.stdout.decode(), done.stderr.decode()) == (EXPECTED, "[]")


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    # `md-convert - < post.html | head -c 3`: the pipe closes while the Markdown is being written
    import os
    import subprocess
    import sys

    body = ("<p>" + "甲" * 400_000 + "</p>").encode()  # more than a pipe's buffer holds
    for args in (["-"], ["-", "--jobs", "1"]):  # the stdin-only path and the full command line
        process = subprocess.Popen([sys.executable, "-m", "md_convert", *args], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert process.stdin is not None and process.stdout is not None and process.stderr is not None
        process.stdin.write(body)
        process.stdin.close()
        assert process.stdout.read(3) == "甲".encode()
        process.stdout.close()
        assert (process.wait(timeout=120), process.stderr.read().decode()) == (0, ""), args
