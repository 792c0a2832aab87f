"""Turn emphasis markers into delimiters that every CommonMark renderer parses.

CommonMark opens `**` only when it is left-flanking and closes it only when it is right-flanking;
Chinese text has no spaces, so `**注意：**正文` stays literal. For each delimiter run that would
fail, the whitespace or punctuation (or image) at its inner edge is moved outside it; where syntax
that cannot move is in the way, the emphasis is dropped rather than left as literal asterisks.
Before that, adjacent runs of one style are merged (`**a****b**` -> `**ab**`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from . import markers as mk

WS, PUNCT, OTHER = 0, 1, 2
_SYNTAX_MARKERS = {ord(m): None for m in (mk.ATOM_OPEN, mk.ATOM_CLOSE, mk.IMAGE_OPEN, mk.IMAGE_CLOSE)}
_SPLIT_POINTS = frozenset(mk.OPENERS) | frozenset(mk.CLOSERS) | {mk.ATOM_OPEN}


@dataclass(eq=False)
class _Delim:
    marker: str
    opening: bool
    mate: _Delim | None = None
    dead: bool = False
    family: str = field(init=False)

    def __post_init__(self) -> None:
        self.family = (mk.OPENERS.get(self.marker) or mk.CLOSERS[self.marker])[0]

    def kill(self) -> None:
        self.dead = True
        if self.mate is not None:
            self.mate.dead = True


@dataclass(eq=False)
class _FixedAtom:
    text: str


# Segments alternate: text, delimiter-or-fixed-atom, text, …, text (texts may be empty).
Segment = str | _Delim | _FixedAtom


def resolve_emphasis(text: str) -> str:
    """Replace emphasis markers with `*`, `**`, `~~` placed where they render."""
    if not any(m in text for m in mk.OPENERS):
        return text.translate(_SYNTAX_MARKERS)
    segments = _compact(_parse(text))
    for _ in range(len(segments) + 1):
        if not _fix_flanking(segments):
            break
        segments = _compact(segments)
    return _render(segments)


def _parse(text: str) -> list[Segment]:
    """Split text into alternating segments, pairing delimiters by nesting."""
    segments: list[Segment] = []
    stack: list[_Delim] = []
    start = i = 0
    while i < len(text):
        char = text[i]
        if char not in _SPLIT_POINTS:
            i += 1
            continue
        segments.append(text[start:i])
        if char == mk.ATOM_OPEN:
            end = text.find(mk.ATOM_CLOSE, i)
            end = len(text) if end < 0 else end
            segments.append(_FixedAtom(text[i + 1 : end]))
            i = end + 1
        else:
            segments.append(_pair(char, stack))
            i += 1
        start = i
    segments.append(text[start:])
    for delim in stack:
        delim.dead = True
    _kill_pairs_across_paragraphs(segments)
    return segments


def _pair(marker: str, stack: list[_Delim]) -> _Delim:
    if marker in mk.OPENERS:
        delim = _Delim(marker, opening=True)
        stack.append(delim)
        return delim
    delim = _Delim(marker, opening=False)
    if stack and mk.CLOSER_OF[stack[-1].marker] == marker:
        opener = stack.pop()
        opener.mate, delim.mate = delim, opener
    else:
        delim.dead = True
    return delim


def _kill_pairs_across_paragraphs(segments: list[Segment]) -> None:
    """Emphasis cannot span a blank line: such pairs are dropped."""
    open_now: list[_Delim] = []
    for segment in segments:
        if isinstance(segment, _Delim):
            if segment.opening:
                open_now.append(segment)
            elif segment.mate in open_now:
                open_now.remove(segment.mate)
        elif isinstance(segment, str) and "\n\n" in segment and open_now:
            for delim in open_now:
                delim.kill()
            open_now.clear()


def _compact(segments: list[Segment]) -> list[Segment]:
    """Drop dead and empty pairs, merge `close X` + `open X`, restore the alternation."""
    out: list[Segment] = [""]
    for segment in segments:
        if isinstance(segment, str):
            out[-1] = str(out[-1]) + segment
        elif isinstance(segment, _FixedAtom) or (not segment.dead and not _absorbed(out, segment)):
            out += [segment, ""]
    return out


def _absorbed(out: list[Segment], delim: _Delim) -> bool:
    """True when `delim` cancels against the delimiter right before it."""
    if out[-1] != "" or len(out) < 2 or not isinstance(out[-2], _Delim):
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


def _fix_flanking(segments: list[Segment]) -> bool:
    """One scan over all delimiter runs; True when anything changed."""
    changed = False
    i = 1
    while i < len(segments):
        end = _run_end(segments, i)
        if end is not None:
            changed |= _fix_run(segments, i, end)
            i = end
        i += 2
    return changed


def _run_end(segments: list[Segment], i: int) -> int | None:
    """Index of the last delimiter of the run starting at i, if i starts one."""
    first = segments[i]
    if not isinstance(first, _Delim):
        return None
    end = i
    while end + 2 < len(segments) and segments[end + 1] == "":
        following = segments[end + 2]
        if not isinstance(following, _Delim) or following.family != first.family:
            break
        end += 2
    return end


def _fix_run(segments: list[Segment], start: int, end: int) -> bool:
    run = [d for d in segments[start : end + 1 : 2] if isinstance(d, _Delim)]
    if all(d.opening for d in run):
        return _fix_opening(segments, start, end, run)
    if not any(d.opening for d in run):
        return _fix_closing(segments, start, end, run)
    return False  # a mixed run (`*a***b**`) is left as CommonMark reads it


def _fix_opening(segments: list[Segment], start: int, end: int, run: list[_Delim]) -> bool:
    changed = False
    while True:
        before, _ = _token_before(segments, start)
        after, movable = _token_after(segments, end)
        if _left_flanking(before, after):
            return changed
        if not movable:
            for delim in run:
                delim.kill()
            return True
        text = str(segments[end + 1])
        token = _first_token(text)
        segments[end + 1] = text[len(token) :]
        segments[start - 1] = str(segments[start - 1]) + token
        changed = True


def _fix_closing(segments: list[Segment], start: int, end: int, run: list[_Delim]) -> bool:
    changed = False
    while True:
        before, movable = _token_before(segments, start)
        after, _ = _token_after(segments, end)
        if _right_flanking(before, after):
            return changed
        if not movable:
            for delim in run:
                delim.kill()
            return True
        text = str(segments[start - 1])
        token = _last_token(text)
        segments[start - 1] = text[: len(text) - len(token)]
        segments[end + 1] = token + str(segments[end + 1])
        changed = True


def _left_flanking(before: int, after: int) -> bool:
    return after != WS and (after != PUNCT or before != OTHER)


def _right_flanking(before: int, after: int) -> bool:
    return before != WS and (before != PUNCT or after != OTHER)


def _token_before(segments: list[Segment], index: int) -> tuple[int, bool]:
    """Class of what stands before segments[index], and whether it may be moved."""
    text = str(segments[index - 1])
    if text:
        return _token_class(_last_token(text)), True
    return (PUNCT, False) if index >= 2 else (WS, False)


def _token_after(segments: list[Segment], index: int) -> tuple[int, bool]:
    text = str(segments[index + 1])
    if text:
        return _token_class(_first_token(text)), True
    return (PUNCT, False) if index + 2 < len(segments) else (WS, False)


def _first_token(text: str) -> str:
    if text[0] == mk.IMAGE_OPEN:
        return text[: text.find(mk.IMAGE_CLOSE) + 1 or len(text)]
    if text[0] == "\\" and len(text) > 1:
        return text[:2]
    return text[0]


def _last_token(text: str) -> str:
    if text[-1] == mk.IMAGE_CLOSE:
        return text[max(text.rfind(mk.IMAGE_OPEN), 0) :]
    slashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
    return text[-2:] if slashes % 2 else text[-1]


def _token_class(token: str) -> int:
    char = token[0]
    if char in (mk.IMAGE_OPEN, "\\"):
        return PUNCT
    if char == mk.LINE_BREAK or char in "\t\n\r\f\v " or unicodedata.category(char) == "Zs":
        return WS
    return PUNCT if unicodedata.category(char)[0] in "PS" else OTHER


def _render(segments: list[Segment]) -> str:
    parts: list[str] = []
    for segment in segments:
        if isinstance(segment, str):
            parts.append(segment)
        elif isinstance(segment, _FixedAtom):
            parts.append(segment.text)
        elif not segment.dead:
            parts.append(mk.OPENERS.get(segment.marker) or mk.CLOSERS[segment.marker])
    return "".join(parts).translate(_SYNTAX_MARKERS)
