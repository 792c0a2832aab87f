"""Code fences: the fence of a block or a code span, and how a line is recognised as one."""

from __future__ import annotations

import re

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})", re.M)
"""A line that opens or closes a fenced code block, also inside a quote (`> ```)."""
_BACKTICK_RUN = re.compile(r"`+")


def backtick_fence(code: str, shortest: int) -> str:
    """A run of backticks longer than any run inside `code`, and at least `shortest` long: no line
    or span inside can end it early."""
    longest = max((len(run) for run in _BACKTICK_RUN.findall(code)), default=0)
    return "`" * max(shortest, longest + 1)


def fenced_block(code: str, language: str) -> str:
    """A fenced code block; the fence is longer than any backtick run in the code."""
    lines = [line.rstrip().expandtabs(4) for line in code.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return ""
    fence = backtick_fence(code, shortest=3)
    body = "\n".join(lines)
    return f"\n\n{fence}{language or 'text'}\n{body}\n{fence}\n\n"
