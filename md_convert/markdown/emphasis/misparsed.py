"""Check risky paragraphs with a real CommonMark parser, and drop emphasis it would pair wrongly.

Flanking fixes make every delimiter able to open or close, but a run with letters (or punctuation)
on both sides can do both, and CommonMark may then pair it with the wrong partner — nested
italic inside bold in Chinese text (`***甲*乙*丙***`) is the usual case. Such paragraphs are parsed
with markdown-it-py; while the bold/italic text it finds differs from the intended, the shortest
remaining emphasis pair is dropped (its text stays, unformatted).
"""

from __future__ import annotations

import re
import unicodedata

from md_convert import markers as mk
from md_convert.markdown.commonmark import commonmark_reader
from md_convert.markdown.emphasis.delimiters import (
    OTHER,
    PUNCT,
    Delim,
    FixedAtom,
    Segment,
    markup,
    readings,
    render,
    token_after,
    token_before,
)
from md_convert.markdown.escaping import settle_line_start_escapes

_ESCAPE = re.compile(r"\\(.)")
_BLOCK_BREAK = re.compile(f"(?<!{mk.LINE_BREAK})\n")
_KIND = {mk.STRONG_OPEN: "strong", mk.EM_OPEN: "em", mk.DEL_OPEN: "s"}


def drop_misparsed_emphasis(segments: list[Segment], underscored: frozenset[int]) -> None:
    """Kill emphasis pairs in risky paragraphs until markdown-it reads what was meant."""
    for start, end in _paragraphs(segments):
        if not _is_risky(segments, start, end, underscored):
            continue
        dropped: list[Delim] = []
        while not _parses_as_meant(segments, start, end, underscored):
            pairs = [d for d in segments[start:end] if isinstance(d, Delim) and d.opening and not d.dead]
            if not pairs:  # the difference was never emphasis: keep it all as it was
                for opener in dropped:
                    opener.dead = opener.mate.dead = False  # type: ignore[union-attr]
                break
            dropped.append(min(pairs, key=lambda d: _length(segments, d)))
            dropped[-1].kill()


def _paragraphs(segments: list[Segment]) -> list[tuple[int, int]]:
    """Index ranges [start, end] (text segments at both ends) between block breaks: with no soft
    line breaks left, every newline that does not follow a <br> ends a block (a paragraph, a list
    item, a row), and no delimiter pairs across one. Short ranges keep the CommonMark parse cheap."""
    spans, start = [], 0
    for i in range(0, len(segments), 2):
        if _BLOCK_BREAK.search(str(segments[i])) and i > start:
            spans.append((start, i))
            start = i
    spans.append((start, len(segments) - 1))
    return [(a, b) for a, b in spans if b > a]


def _is_risky(segments: list[Segment], start: int, end: int, underscored: frozenset[int]) -> bool:
    """Whether CommonMark might pair a `*` delimiter other than as meant.

    Our emphasis is properly nested, so a parser taking the nearest opener pairs it as meant, unless
    a delimiter that can both open and close (letters, or punctuation, on both sides) closes, or
    opens inside another `*` emphasis, where it could close that one instead. When every run is
    the same (all `**`, say: bold in Chinese text, `甲**乙**丙**丁**`), such a closer can only close
    its own opener, so only one inside another emphasis is a risk there; that spares most
    paragraphs the parse.
    """
    stars = [
        (i, d) for i in range(start + 1, end, 2)
        if isinstance(d := segments[i], Delim) and not d.dead and d.family == "*"
    ]
    if len(stars) < 3:
        return False
    alike = len({(markup(d.marker), id(d) in underscored) for _, d in stars}) == 1
    open_stars = 0
    for i, star in stars:
        outside = open_stars - (0 if star.opening else 1)  # emphasis open around this one, not its own
        if _opens_and_closes(segments, i) and (outside > 0 or not (alike or star.opening)):
            return True
        open_stars += 1 if star.opening else -1
    return False


def _opens_and_closes(segments: list[Segment], i: int) -> bool:
    """A delimiter with letters, or punctuation, on both sides: CommonMark lets it do either."""
    before, after = token_before(segments, i)[0], token_after(segments, i)[0]
    return any(b == a and b in (OTHER, PUNCT) for b, a in zip(readings(before), readings(after), strict=True))


def _length(segments: list[Segment], opener: Delim) -> int:
    index = {id(s): i for i, s in enumerate(segments)}
    return index.get(id(opener.mate), len(segments)) - index[id(opener)]


def _parses_as_meant(segments: list[Segment], start: int, end: int, underscored: frozenset[int]) -> bool:
    piece = list(segments[start : end + 1])
    piece[0] = _BLOCK_BREAK.split(str(piece[0]))[-1]
    piece[-1] = _BLOCK_BREAK.split(str(piece[-1]), maxsplit=1)[0]
    markdown = render(piece, underscored).replace(mk.LINE_BREAK, "\\")  # a <br> ends up as a hard break `\`
    markdown = "\n".join(map(settle_line_start_escapes, markdown.split("\n")))  # as the layout will
    return _parsed(markdown) == _meant(piece)


def _meant(piece: list[Segment]) -> dict[str, str]:
    """Letters under each kind of emphasis, as the segments intend them."""
    found = {"strong": "", "em": "", "s": "", "text": ""}
    open_kinds: list[str] = []
    for segment in piece:
        if isinstance(segment, Delim):
            if segment.dead:
                continue
            if segment.opening:
                open_kinds.append(_KIND[segment.marker])
            elif open_kinds:
                open_kinds.pop()
        elif not isinstance(segment, FixedAtom):
            text = _ESCAPE.sub(r"\1", mk.IMAGE.sub("", segment).replace(mk.LINE_START_ESCAPE, ""))
            text = text.replace(mk.LINE_BREAK, "")
            found["text"] += "".join(text.split())  # a delimiter left over shows up here as `*`
            letters = _letters(text)
            for kind in set(open_kinds):
                found[kind] += letters
    return found


def _parsed(markdown: str) -> dict[str, str]:
    """Letters under each kind of emphasis, as markdown-it reads them."""
    found = {"strong": "", "em": "", "s": "", "text": ""}
    depth = {"strong": 0, "em": 0, "s": 0}
    in_autolink = False
    for token in commonmark_reader().parseInline(markdown)[0].children or []:
        kind, _, edge = token.type.rpartition("_")
        if kind in depth and edge in ("open", "close"):
            depth[kind] += 1 if edge == "open" else -1
        elif token.type in ("link_open", "link_close"):
            in_autolink = token.type == "link_open" and token.markup == "autolink"
        elif token.type == "text" and not in_autolink:
            _add_text(found, depth, token.content)
    return found


def _add_text(found: dict[str, str], depth: dict[str, int], content: str) -> None:
    """A text token's letters, under every kind of emphasis open around it."""
    found["text"] += "".join(content.split())
    for name, level in depth.items():
        if level > 0:
            found[name] += _letters(content)


def _letters(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c)[0] not in "PS")
