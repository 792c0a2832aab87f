"""Turn emphasis markers into delimiters that every CommonMark renderer parses.

CommonMark opens `**` only when it is left-flanking and closes it only when it is right-flanking;
Chinese text has no spaces, so `**注意：**正文` stays literal. For each delimiter run that would
fail, the whitespace or punctuation (or image) at its inner edge is moved outside it; where syntax
that cannot move is in the way, the emphasis is dropped rather than left as literal asterisks.
Before that, adjacent runs of one style are merged (`**a****b**` -> `**ab**`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import markers as mk

WS, PUNCT, OTHER = 0, 1, 2
_SYNTAX_MARKERS = {ord(m): None for m in (mk.ATOM_OPEN, mk.ATOM_CLOSE, mk.IMAGE_OPEN, mk.IMAGE_CLOSE)}
_PARAGRAPH_BREAK = re.compile(f"\n[ \t>]*\n|{mk.LINE_BREAK}[ \t>]*\n[ \t>]*{mk.LINE_BREAK}")
_DELIMITER_CHARS = "".join(mk.OPENERS) + "".join(mk.CLOSERS)
_BREAK_RUN = re.compile(f"{mk.LINE_BREAK}(?:[ \t\n>]|[{_DELIMITER_CHARS}])*{mk.LINE_BREAK}")
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
    segments = _compact(_parse(_BREAK_RUN.sub(_out_of_break_run, text)))
    for _ in range(len(segments) + 1):
        if not _fix_flanking(segments):
            break
        segments = _compact(segments)
    return _render(segments)


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
    return _split_at_paragraphs(segments)


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


def _split_at_paragraphs(segments: list[Segment]) -> list[Segment]:
    """Emphasis cannot span a paragraph break: close it before each break and reopen it after."""
    out: list[Segment] = []
    open_now: list[_Delim] = []
    for segment in segments:
        if isinstance(segment, _Delim):
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


def _reopen_after(paragraph_break: str, open_now: list[_Delim]) -> list[Segment]:
    """Closers for every open emphasis, the break, then fresh openers that take over the old closers."""
    closers: list[Segment] = []
    openers: list[Segment] = []
    for index, opener in enumerate(open_now):
        closer = _Delim(mk.CLOSER_OF[opener.marker], opening=False)
        reopened = _Delim(opener.marker, opening=True)
        reopened.mate, opener.mate.mate = opener.mate, reopened  # type: ignore[union-attr]
        opener.mate, closer.mate = closer, opener
        closers.insert(0, closer)
        openers.append(reopened)
        open_now[index] = reopened
    return [*closers, paragraph_break, *openers]


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
    """Make one delimiter run parse; CommonMark judges a run by what stands outside the whole run."""
    run = [d for d in segments[start : end + 1 : 2] if isinstance(d, _Delim)]
    first_open = next((start + 2 * i for i, d in enumerate(run) if d.opening), None)
    if first_open is None:
        return _fix_closing(segments, start, end, run, landing=end + 1)
    if first_open == start:
        return _fix_opening(segments, start, end, run, landing=start - 1)
    # `**a***b*`: closers then openers in one run. A token moved out of either side lands between
    # them, which splits the run in two; the next scan judges each part on its own.
    closers, openers = run[: (first_open - start) // 2], run[(first_open - start) // 2 :]
    middle = first_open - 1
    return _fix_closing(segments, start, end, closers, landing=middle, once=True) or _fix_opening(
        segments, start, end, openers, landing=middle, once=True
    )


def _fix_opening(
    segments: list[Segment], start: int, end: int, run: list[_Delim], landing: int, once: bool = False
) -> bool:
    """Move what follows the run to `landing` until the run is left-flanking; else drop its emphasis."""
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
        segments[landing] = str(segments[landing]) + token
        if once:
            return True
        changed = True


def _fix_closing(
    segments: list[Segment], start: int, end: int, run: list[_Delim], landing: int, once: bool = False
) -> bool:
    """Move what precedes the run to `landing` until the run is right-flanking; else drop its emphasis."""
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
        segments[landing] = token + str(segments[landing])
        if once:
            return True
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
    underscored = _underscored_emphasis(segments)
    parts: list[str] = []
    for segment in segments:
        if isinstance(segment, str):
            parts.append(segment)
        elif isinstance(segment, _FixedAtom):
            parts.append(segment.text)
        elif not segment.dead:
            parts.append("_" if id(segment) in underscored else _markup(segment.marker))
    return "".join(parts).translate(_SYNTAX_MARKERS)


def _markup(marker: str) -> str:
    return mk.OPENERS.get(marker) or mk.CLOSERS[marker]


def _underscored_emphasis(segments: list[Segment]) -> set[int]:
    """Italic pairs written `_…_` instead of `*…*`.

    Only where an italic delimiter shares a run with a bold one going the other way (`**甲**`
    then `*乙**丙***` gives `***`, which CommonMark may pair the wrong way), and only where `_`
    can open and close (whitespace or punctuation outside it) without leaving a neighbouring
    `**` unable to: `_` and `*` never pair with each other.
    """
    index = {id(s): i for i, s in enumerate(segments) if isinstance(s, _Delim)}
    chosen: set[int] = set()
    for i, opener in enumerate(segments):
        if not (isinstance(opener, _Delim) and opener.marker == mk.EM_OPEN and opener.mate is not None):
            continue
        j = index.get(id(opener.mate))
        if j is not None and (_star_neighbours(segments, i, mixed=True) or _star_neighbours(segments, j, mixed=True)):
            if _underscore_fits(segments, i, j):
                chosen |= {id(opener), id(opener.mate)}
    return chosen


def _star_neighbours(segments: list[Segment], i: int, mixed: bool = False) -> list[int]:
    """Indexes of `*`/`**` delimiters right next to segments[i] (only opposite-direction ones if mixed)."""
    me = segments[i]
    assert isinstance(me, _Delim)
    found = []
    for k in (i - 2, i + 2):
        other = segments[k] if 0 <= k < len(segments) and segments[(i + k) // 2] == "" else None
        if isinstance(other, _Delim) and not other.dead and other.family == "*":
            if not mixed or other.opening != me.opening:
                found.append(k)
    return found


def _underscore_fits(segments: list[Segment], i: int, j: int) -> bool:
    if _token_before(segments, i)[0] == OTHER or _token_after(segments, j)[0] == OTHER:
        return False
    for k in _star_neighbours(segments, i) + _star_neighbours(segments, j):
        star = segments[k]
        before, after = _token_before(segments, k)[0], _token_after(segments, k)[0]
        if isinstance(star, _Delim) and not (_left_flanking if star.opening else _right_flanking)(before, after):
            return False
    return True
