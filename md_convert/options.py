"""Conversion options, defined once: the API, the CLI and pyproject.toml all feed this object."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

BULLETS = ("-", "*", "+")
HARD_BREAKS = ("backslash", "spaces")


@dataclass(frozen=True)
class ConvertOptions:
    """How HTML becomes Markdown. Every field has the default a user gets with no flags; a value
    outside a field's allowed values raises ValueError naming the field."""

    bullet: str = "-"
    """Marker for unordered list items: one of '-', '*', '+'."""

    plugin_placeholders: bool = False
    """Render WeChat plugin elements (video account, profile card…) as a one-line note instead of dropping them."""

    video_links: bool = True
    """Turn <video>/<iframe> players into a link line so the reader knows a video was there."""

    video_label: str = "▶ Video"
    """The text of that link: one line, not empty."""

    hard_break: str = "backslash"
    """How a <br> inside a paragraph is written: 'backslash' (`\\` at the line's end: survives editors
    and whitespace-trimming hooks) or 'spaces' (two trailing spaces: what Python-Markdown reads)."""

    def __post_init__(self) -> None:
        for field in fields(self):
            problem = option_problem(field.name, getattr(self, field.name))
            if problem:
                raise ValueError(f"{field.name} {problem}")

    def with_changes(self, **changes: Any) -> ConvertOptions:
        """A copy with the given fields replaced; unknown names raise TypeError, bad values ValueError."""
        return replace(self, **changes)

    @classmethod
    def field_names(cls) -> set[str]:
        """The names of all options, for validating configuration keys."""
        return {f.name for f in fields(cls)}


def option_problem(name: str, value: object) -> str | None:
    """What is wrong with `value` for the option `name` ('must be …'), or None when it is allowed."""
    if name == "bullet" and value not in BULLETS:
        return f"must be one of {', '.join(repr(b) for b in BULLETS)} (got {value!r})"
    if name in ("plugin_placeholders", "video_links") and not isinstance(value, bool):
        return f"must be true or false (got {value!r})"
    if name == "hard_break" and value not in HARD_BREAKS:
        return f"must be one of {', '.join(repr(b) for b in HARD_BREAKS)} (got {value!r})"
    if name == "video_label" and (not isinstance(value, str) or not value.strip() or "\n" in value):
        return f"must be one line of text (got {value!r})"
    return None


DEFAULT_OPTIONS = ConvertOptions()
