"""Final layout: line breaks resolved, blank lines collapsed, no trailing whitespace, one final newline."""

from __future__ import annotations

import re

from md_convert import markers as mk
from md_convert.markdown.escaping import settle_line_start_escapes
from md_convert.markdown.fences import FENCE

_CONTAINER_PREFIX = re.compile(r"^[ \t>]*")
_QUOTE = re.compile(r"^( *)>")


HARD_BREAKS = {"backslash": "\\", "spaces": "  "}
"""What ends a line that a <br> breaks, by the `hard_break` option."""


def finish_markdown(markdown: str, hard_break: str = "backslash") -> str:
    """Lay out converted Markdown; code blocks are left as they are."""
    ending = HARD_BREAKS[hard_break]
    lines = markdown.split("\n")
    out: list[str] = []
    fence = ""
    for index, line in enumerate(lines):
        match = _fence_line(line)
        if fence or match:
            if match and (not fence or match.group(1).startswith(fence) and not line[match.end() :].strip()):
                fence = "" if fence else match.group(1)
            out.append(line.rstrip())
            continue
        _append_prose_line(out, _layout_line(line, lines, index, ending))
    text = "\n".join(out).strip("\n")
    return text + "\n" if text else ""


def _fence_line(line: str) -> re.Match[str] | None:
    """A code fence line; a backtick run followed by more backticks opens an inline code span instead."""
    match = FENCE.match(line)
    if match and match.group(1)[0] == "`" and "`" in line[match.end() :]:
        return None
    return match


def _layout_line(line: str, lines: list[str], index: int, hard_break: str) -> str:
    """A <br> at the end of a line followed by more text is a hard break; any other <br> is dropped."""
    line = settle_line_start_escapes(line)
    if mk.LINE_BREAK not in line:
        return line.rstrip()
    body = line.rstrip()
    ends_with_break = body.endswith(mk.LINE_BREAK)
    body = body.replace(mk.LINE_BREAK, "").rstrip()
    if _is_blank(body):
        return _CONTAINER_PREFIX.match(body).group(0).rstrip()  # type: ignore[union-attr]
    if ends_with_break and index + 1 < len(lines) and not _is_blank(lines[index + 1].replace(mk.LINE_BREAK, "")):
        return body + hard_break
    return body


def _is_blank(line: str) -> bool:
    """Blank within its container: nothing but blockquote markers and whitespace."""
    return not line.strip(" \t>\u3000")


def _append_prose_line(out: list[str], line: str) -> None:
    """Append, keeping at most one blank line in a row (a quote's `>` line counts as blank)."""
    if _is_blank(line) and (not out or _is_blank(out[-1])):
        if out and line.strip() and not out[-1].strip():
            out[-1] = line  # `>` keeps a quote together where a bare blank would split it
        return
    quote = _QUOTE.match(line)
    if quote and len(out) >= 2 and out[-1] == "" and out[-2].startswith(quote.group(0)):
        # Two quotes with only a blank line between read as one; say so rather than leave a
        # blank line that renderers disagree on and linters flag (MD028).
        out[-1] = quote.group(0)
    out.append(line)
