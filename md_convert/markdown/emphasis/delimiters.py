"""The delimiter stream: converted Markdown split into text, emphasis delimiters and fixed syntax.

The converter marks emphasis with private-use characters (see `markers`). Here that text becomes a
list of segments that alternate text, delimiter-or-fixed-atom, text, …, text (texts may be empty),
with each opening delimiter paired to its closer, so that `emphasis` can move what stands at a
delimiter's inner edge and `render` can write the final `*`, `**`, `~~` or `_`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from md_convert import markers as mk

WS, PUNCT, OTHER, SYMBOL = 0, 1, 2, 3
# SYMBOL: a Unicode symbol outside ASCII (`↓`, `▼`, `★`). CommonMark 0.31 reads it as punctuation
# for the flanking rules, 0.29 (cmark-gfm: GitHub; goldmark: Hugo) as a letter: a delimiter beside
# one is placed so that it flanks under both readings.
_AS_031 = {SYMBOL: PUNCT}
_AS_029 = {SYMBOL: OTHER}
# Regexes rather than str.translate: translate costs ~50 ns per CJK character, a search almost nothing.
_SYNTAX_MARKERS = re.compile(f"[{mk.ATOM_OPEN}{mk.ATOM_CLOSE}{mk.IMAGE_OPEN}{mk.IMAGE_CLOSE}]")
_PARAGRAPH_BREAK = re.compile(f"\n[ \t>]*\n|{mk.LINE_BREAK}[ \t>]*\n[ \t>]*{mk.LINE_BREAK}")
_DELIMITER_CHARS = "".join(mk.OPENERS) + "".join(mk.CLOSERS)
_BREAK_RUN = re.compile(f"{mk.LINE_BREAK}(?:[ \t\n>]|[{_DELIMITER_CHARS}])*{mk.LINE_BREAK}")
_SPLIT_POINT = re.compile(f"[{_DELIMITER_CHARS}{mk.ATOM_OPEN}]")


@dataclass(eq=False)
class Delim:
    marker: str
    opening: bool
    mate: Delim | None = None
    dead: bool = False
    family: str = field(init=False)

    def __post_init__(self) -> None:
        self.family = (mk.OPENERS.get(self.marker) or mk.CLOSERS[self.marker])[0]

    def kill(self) -> None:
        self.dead = True
        if self.mate is not None:
            self.mate.dead = True


@dataclass(eq=False)
class FixedAtom:
    text: str


Segment = Delim | FixedAtom | str


def _out_of_break_run(match: re.Match[str]) -> str:
    """In a run of <br>s (a paragraph break), closers go before it and openers after it."""
    closers: list[str] = []
    openers: list[str] = []
    rest: list[str] = []
    for char in match.group(0):
        if char in mk.OPENERS:
            openers.append(char)
        elif char in mk.CLOSERS:
            if openers and mk.CLOSER_OF[openers[-1]] == char:
                openers.pop()  # an empty pair inside the run
            else:
                closers.append(char)
        else:
            rest.append(char)
    return "".join(closers + rest + openers)


def parse(text: str) -> list[Segment]:
    """Split text into segments, pairing delimiters by nesting and splitting them at paragraph breaks."""
    text = _BREAK_RUN.sub(_out_of_break_run, text)
    segments: list[Segment] = []
    stack: list[Delim] = []
    start = 0
    while (split := _SPLIT_POINT.search(text, start)) is not None:
        i = split.start()
        char = text[i]
        segments.append(text[start:i])
        if char == mk.ATOM_OPEN:
            end = text.find(mk.ATOM_CLOSE, i)
            end = len(text) if end < 0 else end
            segments.append(FixedAtom(text[i + 1 : end]))
            i = end + 1
        else:
            segments.append(_pair(char, stack))
            i += 1
        start = i
    segments.append(text[start:])
    for delim in stack:
        delim.dead = True
    return _split_at_paragraphs(segments)


def _pair(marker: str, stack: list[Delim]) -> Delim:
    if marker in mk.OPENERS:
        delim = Delim(marker, opening=True)
        stack.append(delim)
        return delim
    delim = Delim(marker, opening=False)
    if stack and mk.CLOSER_OF[stack[-1].marker] == marker:
        opener = stack.pop()
        opener.mate, delim.mate = delim, opener
    else:
        delim.dead = True
    return delim


def _split_at_paragraphs(segments: list[Segment]) -> list[Segment]:
    """Emphasis cannot span a paragraph break: close it before each break and reopen it after."""
    out: list[Segment] = []
    open_now: list[Delim] = []
    for segment in segments:
        if isinstance(segment, Delim):
            if segment.opening and not segment.dead:
                open_now.append(segment)
            elif segment.mate in open_now:
                open_now.remove(segment.mate)
            out.append(segment)
        elif isinstance(segment, str) and open_now and _PARAGRAPH_BREAK.search(segment):
            position = 0
            for match in _PARAGRAPH_BREAK.finditer(segment):
                out.append(segment[position : match.start()])
                out.extend(_reopen_after(match.group(0), open_now))
                position = match.end()
            out.append(segment[position:])
        else:
            out.append(segment)
    return out


def _reopen_after(paragraph_break: str, open_now: list[Delim]) -> list[Segment]:
    """Closers for every open emphasis, the break, then fresh openers that take over the old closers."""
    closers: list[Segment] = []
    openers: list[Segment] = []
    for index, opener in enumerate(open_now):
        closer = Delim(mk.CLOSER_OF[opener.marker], opening=False)
        reopened = Delim(opener.marker, opening=True)
        reopened.mate, opener.mate.mate = opener.mate, reopened  # type: ignore[union-attr]
        opener.mate, closer.mate = closer, opener
        closers.insert(0, closer)
        openers.append(reopened)
        open_now[index] = reopened
    return [*closers, paragraph_break, *openers]


def compact(segments: list[Segment]) -> list[Segment]:
    """Drop dead and empty pairs, merge `close X` + `open X`, restore the alternation."""
    out: list[Segment] = [""]
    for segment in segments:
        if isinstance(segment, str):
            out[-1] = str(out[-1]) + segment
        elif isinstance(segment, FixedAtom) or (not segment.dead and not _absorbed(out, segment)):
            out += [segment, ""]
    return out


def _absorbed(out: list[Segment], delim: Delim) -> bool:
    """True when `delim` cancels against the delimiter right before it."""
    if out[-1] != "" or len(out) < 2 or not isinstance(out[-2], Delim):
        return False
    before = out[-2]
    if not delim.opening and before is delim.mate:  # empty pair
        del out[-2:]
        return True
    if delim.opening and not before.opening and mk.CLOSER_OF[delim.marker] == before.marker:
        opener, closer = before.mate, delim.mate  # `**a****b**`: one run a…b
        assert opener is not None and closer is not None
        opener.mate, closer.mate = closer, opener
        del out[-2:]
        return True
    return False


def left_flanking(before: int, after: int) -> bool:
    """CommonMark: a run can open when what follows is not whitespace, and not punctuation after a
    letter; under 0.29 and 0.31 alike."""
    return all(map(_left_flanking, readings(before), readings(after)))


def right_flanking(before: int, after: int) -> bool:
    """CommonMark: a run can close when what precedes is not whitespace, and not punctuation before
    a letter; under 0.29 and 0.31 alike."""
    return all(map(_right_flanking, readings(before), readings(after)))


def readings(token: int) -> tuple[int, int]:
    """How CommonMark 0.31 and 0.29 classify a token (they differ only on symbols)."""
    return _AS_031.get(token, token), _AS_029.get(token, token)


def _left_flanking(before: int, after: int) -> bool:
    return after != WS and (after != PUNCT or before != OTHER)


def _right_flanking(before: int, after: int) -> bool:
    return before != WS and (before != PUNCT or after != OTHER)


def token_before(segments: list[Segment], index: int) -> tuple[int, bool]:
    """Class of what stands before segments[index], and whether it may be moved."""
    text = str(segments[index - 1])
    if text:
        return token_class(last_token(text)), True
    return (PUNCT, False) if index >= 2 else (WS, False)


def token_after(segments: list[Segment], index: int) -> tuple[int, bool]:
    text = str(segments[index + 1])
    if text:
        return token_class(first_token(text)), True
    return (PUNCT, False) if index + 2 < len(segments) else (WS, False)


def first_token(text: str) -> str:
    if text[0] == mk.IMAGE_OPEN:
        return text[: text.find(mk.IMAGE_CLOSE) + 1 or len(text)]
    if text[0] == "\\" and len(text) > 1:
        return text[:3] if text[1] == mk.LINE_START_ESCAPE else text[:2]  # the marker moves with its escape
    return text[0]


def last_token(text: str) -> str:
    if text[-1] == mk.IMAGE_CLOSE:
        return text[max(text.rfind(mk.IMAGE_OPEN), 0) :]
    if text[-2:-1] == mk.LINE_START_ESCAPE and text[-3:-2] == "\\":
        return text[-3:]
    slashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
    return text[-2:] if slashes % 2 else text[-1]


def token_class(token: str) -> int:
    char = token[0]
    if char in (mk.IMAGE_OPEN, "\\"):
        return PUNCT
    if char == mk.LINE_BREAK or char in "\t\n\r\f\v " or unicodedata.category(char) == "Zs":
        return WS
    category = unicodedata.category(char)[0]
    if category == "S" and not char.isascii():
        return SYMBOL
    return PUNCT if category in "PS" else OTHER


def strip_markers(text: str) -> str:
    """Text with the syntax markers (atoms, images) removed, for text that has no emphasis."""
    return _SYNTAX_MARKERS.sub("", text)


def render(segments: list[Segment], underscored: frozenset[int] = frozenset()) -> str:
    """The final Markdown; delimiters whose id() is in `underscored` are written `_`."""
    parts: list[str] = []
    for segment in segments:
        if isinstance(segment, str):
            parts.append(segment)
        elif isinstance(segment, FixedAtom):
            parts.append(segment.text)
        elif not segment.dead:
            parts.append("_" if id(segment) in underscored else markup(segment.marker))
    return _SYNTAX_MARKERS.sub("", "".join(parts))


def markup(marker: str) -> str:
    return mk.OPENERS.get(marker) or mk.CLOSERS[marker]
