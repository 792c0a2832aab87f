"""The hook, run by the real pre-commit against a temporary repository with a staged HTML post."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

POST = "---\ntitle: '标题'\n---\n\n<p>正文<strong>加粗</strong></p>\n"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed by pre-commit")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "md-convert", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )


def test_hook_converts_then_passes(tmp_path: Path) -> None:
    repo = tmp_path / "blog"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "post.md").write_text(POST, encoding="utf-8")
    (repo / "done.md").write_text("# 标题\n\n正文\n", encoding="utf-8")
    _git(repo, "add", "post.md", "done.md")

    first = _try_repo(repo, tmp_path / "cache")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "post.md").read_text(encoding="utf-8") == "---\ntitle: '标题'\n---\n\n正文**加粗**\n"
    assert (repo / "done.md").read_text(encoding="utf-8") == "# 标题\n\n正文\n"

    _git(repo, "add", "post.md")
    second = _try_repo(repo, tmp_path / "cache")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def _readme_local_hook() -> str:
    """The `repo: local` configuration exactly as README.md shows it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- local-hook -->", 1)[1].split("```yaml\n", 1)[1]
    return block.split("```", 1)[0]


def test_the_readme_local_hook_works_as_written(tmp_path: Path) -> None:
    repo = tmp_path / "blog"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(_readme_local_hook(), encoding="utf-8")
    (repo / "post.html").write_text(POST, encoding="utf-8")
    _git(repo, "add", ".pre-commit-config.yaml", "post.html")
    bin_folder = str(Path(sys.executable).parent)  # where pip put md-convert
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never",
           "PATH": bin_folder + os.pathsep + os.environ.get("PATH", "")}
    done = subprocess.run([sys.executable, "-m", "pre_commit", "run"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (repo / "post.md").read_text(encoding="utf-8") == "---\ntitle: '标题'\n---\n\n正文**加粗**\n"
