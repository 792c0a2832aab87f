"""Conversion options, defined once: the API, the CLI and pyproject.toml all feed this object."""

from __future__ import annotations

from collections.abc import Callable
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
    return problem_with(_CHECKS[name], value)


Check = tuple[Callable[[object], bool], str]
"""A test of a setting's value, and what it says the value must be."""


def problem_with(check: Check, value: object) -> str | None:
    """'must be …' when `value` fails the check, else None (for options and the CLI's settings)."""
    allowed, wanted = check
    return None if allowed(value) else f"must be {wanted} (got {value!r})"


def _one_of(choices: tuple[str, ...]) -> Check:
    return (lambda value: value in choices), "one of " + ", ".join(repr(choice) for choice in choices)


def _is_one_line(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and "\n" not in value


SWITCH: Check = (lambda value: isinstance(value, bool), "true or false")
_CHECKS: dict[str, Check] = {
    "bullet": _one_of(BULLETS), "plugin_placeholders": SWITCH, "video_links": SWITCH,
    "video_label": (_is_one_line, "one line of text"), "hard_break": _one_of(HARD_BREAKS),
}


DEFAULT_OPTIONS = ConvertOptions()
