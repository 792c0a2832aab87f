"""`md-convert -` alone: standard input to standard output without the command-line machinery.

In a shell pipeline (`cat post.html | md-convert - > post.md`) a one-post run pays typer, click,
rich and the batch modules on every call, a third of its wall time. With no flag and no
`[tool.md-convert]` settings to apply, what the full command line would do is exactly this:
decode, convert with the default options, write the Markdown to stdout, say nothing, exit 0.
Anything else (settings found, a post that fails) returns None, and the full command line
runs on the same input and reports as it always does.
"""

from __future__ import annotations

import io
import sys

from md_convert.cli.config import ConfigError, load_config
from md_convert.cli.files import STDIN
from md_convert.errors import ConversionError


def convert_stdin() -> int | None:
    """The exit code, or None when the full command line must take over (stdin left for it)."""
    try:
        if load_config([STDIN]):
            return None
    except ConfigError:
        return None
    data = sys.stdin.buffer.read()
    try:
        from md_convert.pipeline import convert_post
        from md_convert.post.decoding import decode_bytes

        markdown = convert_post(decode_bytes(data)).markdown
    except ConversionError:
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))  # the full command line reads it again
        return None
    try:
        sys.stdout.buffer.write(markdown.encode("utf-8"))
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        pass  # the reader stopped early (`| head`): as the full command line, not an error
    return 0
