"""Defaults from `[tool.md-convert]` in a pyproject.toml; command-line flags win.

The file is found as black finds its own: the nearest pyproject.toml at or above the folder that
holds every input (the working directory for standard input), or the one `--config` names.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from md_convert.cli.files import STDIN
from md_convert.options import SWITCH, Check, ConvertOptions, option_problem, problem_with


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _is_patterns(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


_RUN_CHECKS: dict[str, Check] = {
    "jobs": (_is_count, "a whole number of at least 1"),
    "include": (_is_patterns, "a list of glob patterns"),
    "exclude": (_is_patterns, "a list of glob patterns"),
    "quiet": SWITCH,
}
_RUN_SETTINGS = tuple(_RUN_CHECKS)
"""Keys that shape the run rather than the Markdown (the others are ConvertOptions fields)."""


class ConfigError(Exception):
    """A [tool.md-convert] table that cannot be used; exit code 2."""


def find_pyproject(inputs: Sequence[str]) -> Path | None:
    """The nearest pyproject.toml at or above the inputs' common folder."""
    start = _common_folder(inputs)
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _common_folder(inputs: Sequence[str]) -> Path:
    paths = [Path(name).resolve() for name in inputs if name != STDIN]
    if not paths:
        return Path.cwd()
    folders = [path if path.is_dir() else path.parent for path in paths]
    return Path(os.path.commonpath(folders))


def load_config(inputs: Sequence[str], explicit: Path | None = None) -> dict[str, Any]:
    """The validated settings (keys with `_`) of `explicit` or the pyproject.toml found for the
    inputs; {} when there is none."""
    path = explicit if explicit is not None else find_pyproject(inputs)
    if path is None:
        return {}
    table = _read_table(path, required=explicit is not None)
    settings = {key.replace("-", "_"): value for key, value in table.items()}
    for key, value in settings.items():
        problem = _setting_problem(key, value)
        if problem:
            raise ConfigError(f"{path}: [tool.md-convert] {problem}")
    return settings


def _setting_problem(key: str, value: object) -> str | None:
    """What is wrong with one setting, named as the file spells it (kebab-case)."""
    name = key.replace("_", "-")
    if key not in ConvertOptions.field_names() and key not in _RUN_SETTINGS:
        known = sorted(known_key.replace("_", "-") for known_key in (*ConvertOptions.field_names(), *_RUN_SETTINGS))
        return f"unknown key {name!r} (known: {', '.join(known)})"
    if key in ConvertOptions.field_names():
        problem = option_problem(key, value)
    else:
        problem = problem_with(_RUN_CHECKS[key], value)
    return f"{name} {problem}" if problem else None


def _read_table(path: Path, required: bool) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None
    table = data.get("tool", {}).get("md-convert")
    if table is None and required:
        raise ConfigError(f"{path}: no [tool.md-convert] table")
    if not isinstance(table or {}, dict):
        raise ConfigError(f"{path}: [tool.md-convert] must be a table")
    return table or {}


def options_from(settings: dict[str, Any], overrides: dict[str, Any]) -> ConvertOptions:
    """ConvertOptions from config settings, then command-line overrides (None means 'not given')."""
    values = {k: v for k, v in settings.items() if k in ConvertOptions.field_names()}
    values.update({k: v for k, v in overrides.items() if k in ConvertOptions.field_names() and v is not None})
    try:
        return ConvertOptions(**values)
    except ValueError as error:
        name, _, problem = str(error).partition(" ")
        raise ConfigError(f"--{name.replace('_', '-')} {problem}") from None
