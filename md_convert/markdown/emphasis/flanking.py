"""Turn emphasis markers into delimiters that every CommonMark renderer parses.

CommonMark opens `**` only when it is left-flanking and closes it only when it is right-flanking;
Chinese text has no spaces, so `**注意：**正文` stays literal. For each delimiter run that would
fail, the whitespace or punctuation (or image) at its inner edge is moved outside it; where syntax
that cannot move is in the way, the emphasis is dropped rather than left as literal asterisks.
Before that, adjacent runs of one style are merged (`**a****b**` -> `**ab**`).
"""

from __future__ import annotations

from md_convert import markers as mk
from md_convert.markdown.emphasis.delimiters import (
    OTHER,
    SYMBOL,
    Delim,
    Segment,
    compact,
    first_token,
    last_token,
    left_flanking,
    parse,
    render,
    right_flanking,
    strip_markers,
    token_after,
    token_before,
)
from md_convert.markdown.emphasis.misparsed import drop_misparsed_emphasis


def resolve_emphasis(text: str) -> str:
    """Replace emphasis markers with `*`, `**`, `~~` placed where they render."""
    if not any(m in text for m in mk.OPENERS):
        return strip_markers(text)
    segments = compact(parse(text))
    for _ in range(len(segments) + 1):
        if not _fix_flanking(segments):
            break
        segments = compact(segments)
    underscored = _underscored_emphasis(segments)
    drop_misparsed_emphasis(segments, underscored)
    return render(segments, underscored)


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
    if not isinstance(first, Delim):
        return None
    end = i
    while end + 2 < len(segments) and segments[end + 1] == "":
        following = segments[end + 2]
        if not isinstance(following, Delim) or following.family != first.family:
            break
        end += 2
    return end


def _fix_run(segments: list[Segment], start: int, end: int) -> bool:
    """Make one delimiter run parse; CommonMark judges a run by what stands outside the whole run."""
    run = [d for d in segments[start : end + 1 : 2] if isinstance(d, Delim)]
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
    segments: list[Segment], start: int, end: int, run: list[Delim], landing: int, once: bool = False
) -> bool:
    """Move what follows the run to `landing` until the run is left-flanking; else drop its emphasis."""
    changed = False
    while True:
        before, _ = token_before(segments, start)
        after, movable = token_after(segments, end)
        if left_flanking(before, after):
            return changed
        if not movable:
            for delim in run:
                delim.kill()
            return True
        text = str(segments[end + 1])
        token = first_token(text)
        segments[end + 1] = text[len(token) :]
        segments[landing] = str(segments[landing]) + token
        if once:
            return True
        changed = True


def _fix_closing(
    segments: list[Segment], start: int, end: int, run: list[Delim], landing: int, once: bool = False
) -> bool:
    """Move what precedes the run to `landing` until the run is right-flanking; else drop its emphasis."""
    changed = False
    while True:
        before, movable = token_before(segments, start)
        after, _ = token_after(segments, end)
        if right_flanking(before, after):
            return changed
        if not movable:
            for delim in run:
                delim.kill()
            return True
        text = str(segments[start - 1])
        token = last_token(text)
        segments[start - 1] = text[: len(text) - len(token)]
        segments[landing] = token + str(segments[landing])
        if once:
            return True
        changed = True


def _underscored_emphasis(segments: list[Segment]) -> frozenset[int]:
    """Italic pairs written `_…_` instead of `*…*`.

    Only where an italic delimiter shares a run with a bold one going the other way (`**甲**`
    then `*乙**丙***` gives `***`, which CommonMark may pair the wrong way), and only where `_`
    can open and close (whitespace or punctuation outside it) without leaving a neighbouring
    `**` unable to: `_` and `*` never pair with each other.
    """
    index = {id(s): i for i, s in enumerate(segments) if isinstance(s, Delim)}
    chosen: set[int] = set()
    for i, opener in enumerate(segments):
        if not (isinstance(opener, Delim) and opener.marker == mk.EM_OPEN and opener.mate is not None):
            continue
        j = index.get(id(opener.mate))
        if j is not None and (_star_neighbours(segments, i, mixed=True) or _star_neighbours(segments, j, mixed=True)):
            if _underscore_fits(segments, i, j):
                chosen |= {id(opener), id(opener.mate)}
    return frozenset(chosen)


def _star_neighbours(segments: list[Segment], i: int, mixed: bool = False) -> list[int]:
    """Indexes of `*`/`**` delimiters right next to segments[i] (only opposite-direction ones if mixed)."""
    me = segments[i]
    assert isinstance(me, Delim)
    found = []
    for k in (i - 2, i + 2):
        other = segments[k] if 0 <= k < len(segments) and segments[(i + k) // 2] == "" else None
        if isinstance(other, Delim) and not other.dead and other.family == "*":
            if not mixed or other.opening != me.opening:
                found.append(k)
    return found


def _underscore_fits(segments: list[Segment], i: int, j: int) -> bool:
    if token_before(segments, i)[0] in (OTHER, SYMBOL) or token_after(segments, j)[0] in (OTHER, SYMBOL):
        return False
    for k in _star_neighbours(segments, i) + _star_neighbours(segments, j):
        star = segments[k]
        before, after = token_before(segments, k)[0], token_after(segments, k)[0]
        if isinstance(star, Delim) and not (left_flanking if star.opening else right_flanking)(before, after):
            return False
    return True
