"""The CommonMark reader md-convert checks its own Markdown with: markdown-it-py (CommonMark 0.31)
with GFM tables and strikethrough, built once, on first use (its import costs start-up time)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_READER: MarkdownIt | None = None


def commonmark_reader() -> MarkdownIt:
    """The shared markdown-it-py instance."""
    global _READER
    if _READER is None:
        from markdown_it import MarkdownIt

        _READER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return _READER
