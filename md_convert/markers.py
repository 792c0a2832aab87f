"""The vocabulary the stages share: what the cleaned tree tells the converter, and the private-use
characters the converter writes in place of Markdown syntax that a later pass resolves.

Emphasis delimiters and hard line breaks depend on what ends up beside them, which is only known
once the whole block is converted, so the converter marks them and a later pass decides.
"""

from __future__ import annotations

import re

# Attributes the HTML stage sets on the cleaned tree for the Markdown stage.
LIST_ALTERNATE = "data-md-alternate"
"""On a list that follows a list of its kind: it is written with the other marker (`*`, `1)`)."""
CODE_LANGUAGE = "data-md-language"
"""On a <pre>: the language its fence is labelled with."""
EMBED = "data-md-embed"
"""On an <iframe>/<video>: `video` for a video player, `page` for any other embedded page."""
TASK = "data-md-task"
"""On a list item that opens with a checkbox: `x` when checked, a space when not."""

STRONG_OPEN, STRONG_CLOSE = "\ue000", "\ue001"
EM_OPEN, EM_CLOSE = "\ue002", "\ue003"
DEL_OPEN, DEL_CLOSE = "\ue004", "\ue005"
ATOM_OPEN, ATOM_CLOSE = "\ue006", "\ue007"
"""Around syntax the emphasis pass must never split or move: link brackets, code spans."""
IMAGE_OPEN, IMAGE_CLOSE = "\ue008", "\ue009"
"""Around an image: moving it out of an emphasis changes nothing a reader sees."""
LINE_BREAK = "\ue00a"
"""A <br>: a hard break, a paragraph break or nothing, depending on its neighbours."""
CELL_END, ROW_END = "\ue00b", "\ue00c"
"""Table cell and row boundaries, assembled into a GFM table by the table converter."""
ESCAPE_NEXT = "\ue00d"
"""After digits that open a line and end a text node: a `.` or `)` that follows in the next node
(`<li>42<b>)</b></li>`) would make them a list marker, and gets a backslash."""
LINE_START_ESCAPE = "\ue00e"
"""After the backslash of an escape that only a line start needs (`\\+ 加法`, `1\\.`), written where a
text node begins: whether that is a line start is known only once the line is laid out, and the
backslash is dropped where it is not (`**+ 加法**`)."""

IMAGE = re.compile(f"{IMAGE_OPEN}[^{IMAGE_CLOSE}]*{IMAGE_CLOSE}")
"""One marked image, whole."""

OPENERS = {STRONG_OPEN: "**", EM_OPEN: "*", DEL_OPEN: "~~"}
CLOSERS = {STRONG_CLOSE: "**", EM_CLOSE: "*", DEL_CLOSE: "~~"}
CLOSER_OF = {STRONG_OPEN: STRONG_CLOSE, EM_OPEN: EM_CLOSE, DEL_OPEN: DEL_CLOSE}
ALL = "".join(chr(c) for c in range(0xE000, 0xE00F))
_ANY_MARKER = re.compile(f"[{ALL}]")


def strip_all(text: str) -> str:
    """Remove every marker (for text that must not carry syntax, such as image alt text)."""
    return _ANY_MARKER.sub("", text)
