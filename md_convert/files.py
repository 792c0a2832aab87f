"""Inputs and outputs on disk: which files a directory contributes, where each result goes, safe writes."""

from __future__ import annotations

import errno
import fnmatch
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

STDIN = "-"
DEFAULT_INCLUDE = ("*.html", "*.htm", "*.md")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "__pycache__", "README.md")


def discover(
    inputs: Sequence[str], include: Sequence[str], exclude: Sequence[str]
) -> Iterator[tuple[str, Path | None]]:
    """Yield (input, root) pairs: files named directly (root None) and matching files under directories."""
    for name in inputs:
        path = Path(name)
        if name == STDIN or not path.is_dir():
            yield name, None
        else:
            for found in _walk(path, include, exclude):
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


def write_atomically(path: Path, text: str) -> None:
    """Write UTF-8 via a temporary file in the same folder and a rename: never a half-written file."""
    # A fixed temporary name: a run killed mid-write leaves this file, and the next run's write of
    # the same output reuses and renames it, so no debris accumulates.
    _write(path, text.encode("utf-8"), f".{path.name}.md-convert.tmp")


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Like write_atomically, for bytes written by several threads at once (a temporary name each)."""
    _write(path, data, f".{path.name}.{os.getpid()}-{threading.get_ident()}.md-convert.tmp")


def _write(path: Path, data: bytes, temporary_name: str) -> None:
    _make_folder(path.parent)
    temporary = str(path.parent / temporary_name)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _make_folder(folder: Path) -> None:
    """Create the output folder; a file standing where a folder should be is named as the problem."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder)
        raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(blocker)) from None


def _keep_mode(path: Path, temporary: str) -> None:
    try:
        os.chmod(temporary, path.stat().st_mode & 0o7777)
    except FileNotFoundError:
        os.chmod(temporary, 0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
