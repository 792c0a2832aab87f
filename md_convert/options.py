"""Conversion options, defined once: the API, the CLI and pyproject.toml all feed this object."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class ConvertOptions:
    """How HTML becomes Markdown. Every field has the default a user gets with no flags."""

    bullet: str = "-"
    """Marker for unordered list items: one of '-', '*', '+'."""

    plugin_placeholders: bool = False
    """Render WeChat plugin elements (video account, profile card…) as a one-line note instead of dropping them."""

    video_links: bool = True
    """Turn <video>/<iframe> players into a link line so the reader knows a video was there."""

    video_label: str = "▶ Video"
    """The text of that link."""

    def with_changes(self, **changes: Any) -> ConvertOptions:
        """A copy with the given fields replaced; unknown names raise TypeError."""
        return replace(self, **changes)

    @classmethod
    def field_names(cls) -> set[str]:
        """The names of all options, for validating configuration keys."""
        return {f.name for f in fields(cls)}


DEFAULT_OPTIONS = ConvertOptions()
