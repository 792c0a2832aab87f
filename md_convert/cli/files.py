"""Inputs and outputs on disk: which files a directory contributes, and where each result goes."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

STDIN = "-"
DEFAULT_INCLUDE = ("*.html", "*.htm", "*.md")
NEVER_ENTERED = (".git", ".hg", ".svn")
"""Version-control folders: never searched, whatever --include and --exclude say."""
DEFAULT_EXCLUDE = (*NEVER_ENTERED, "node_modules", ".venv", "__pycache__", "README.md")
"""Skipped in directories; --exclude and the config's `exclude` add to these."""


def discover(
    inputs: Sequence[str], include: Sequence[str], exclude: Sequence[str]
) -> Iterator[tuple[str, Path | None]]:
    """Yield (input, root) pairs: files named directly (root None) and matching files under directories."""
    for name in inputs:
        path = Path(name)
        if name == STDIN or not path.is_dir():
            yield name, None
        else:
            for found in _without_git_ignored(path, list(_walk(path, include, (*NEVER_ENTERED, *exclude)))):
                yield str(found), path


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Path]:
    """Files under root, sorted, following directory links once each (no loops)."""
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not _matches(d, exclude))
        for name in sorted(files):
            if _matches(name, include) and not _matches(name, exclude):
                yield Path(folder) / name


def _without_git_ignored(root: Path, files: list[Path]) -> list[Path]:
    """The files that git does not ignore, when root is inside a git work tree (as black and ruff
    skip them); all of them elsewhere, or when git is not installed."""
    import shutil  # here, not at the top: `md-convert -` reads this module and never walks a tree
    import subprocess

    git = shutil.which("git")
    if git is None or not files:
        return files
    resolved = [str(path.resolve()) for path in files]
    listing = b"".join(os.fsencode(path) + b"\0" for path in resolved)
    try:
        done = subprocess.run([git, "-C", str(root), "check-ignore", "--stdin", "-z"], input=listing,
                              capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return files
    if done.returncode not in (0, 1):  # 128: not a work tree
        return files
    ignored = {os.fsdecode(name) for name in done.stdout.split(b"\0") if name}
    return [path for path, full in zip(files, resolved, strict=True) if full not in ignored]


def _matches(name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def markdown_name(path: Path) -> Path:
    """`post.html` -> `post.md`; a `.md` post keeps its name."""
    return path if path.suffix.lower() == ".md" else path.with_suffix(".md")


def mirrored_output(source: Path, root: Path | None, output_dir: Path) -> Path:
    """Where a converted post goes under --output-dir: its path below its input root, as `.md`."""
    relative = source.relative_to(root) if root is not None else Path(source.name)
    return output_dir / markdown_name(relative)


def is_same_file(output: Path, source: str) -> bool:
    """Whether writing `output` would overwrite the input `source` (standard input never is)."""
    return source != STDIN and output.resolve() == Path(source).resolve()


def read_text_if_exists(path: Path) -> str | None:
    """The current content of an output file, or None when there is none (or it is unreadable)."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
