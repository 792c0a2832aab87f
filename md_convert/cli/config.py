"""Defaults from `[tool.md-convert]` in the nearest pyproject.toml; command-line flags win."""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from md_convert.options import ConvertOptions

_RUN_SETTINGS: dict[str, type] = {"jobs": int, "include": list, "exclude": list, "quiet": bool}


class ConfigError(Exception):
    """A [tool.md-convert] table that cannot be used; exit code 2."""


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml in start or its parents."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path) -> dict[str, Any]:
    """The validated [tool.md-convert] settings (keys with `_`), or {} when there are none."""
    path = find_pyproject(start)
    if path is None:
        return {}
    table = _read_table(path)
    settings = {key.replace("-", "_"): value for key, value in table.items()}
    allowed = _allowed_types()
    for key, value in settings.items():
        if key not in allowed:
            raise ConfigError(f"{path}: unknown key {key!r} in [tool.md-convert] (known: {', '.join(sorted(allowed))})")
        if not isinstance(value, allowed[key]) or (allowed[key] is int and isinstance(value, bool)):
            raise ConfigError(f"{path}: [tool.md-convert] {key} must be a {allowed[key].__name__}")
    return settings


def _read_table(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None
    table = data.get("tool", {}).get("md-convert", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.md-convert] must be a table")
    return table


def _allowed_types() -> dict[str, type]:
    option_types = {f.name: type(f.default) for f in fields(ConvertOptions)}
    return {**option_types, **_RUN_SETTINGS}


def options_from(settings: dict[str, Any], **overrides: Any) -> ConvertOptions:
    """ConvertOptions from config settings, then command-line overrides (None means 'not given')."""
    values = {k: v for k, v in settings.items() if k in ConvertOptions.field_names()}
    values.update({k: v for k, v in overrides.items() if v is not None})
    return ConvertOptions(**values)
