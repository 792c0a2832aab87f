"""Newlines in the text of a paragraph, as a browser shows them: a space, or nothing between CJK.

An HTML source wraps its lines wherever its author or editor pleased; a browser collapses each run
of whitespace holding a newline (a segment break) into one space, or removes it when the characters
on both sides are wide East Asian ones (CSS Text 3, § 4.1.3): a reader of `在\\n家` sees `在家`.
Left as newlines, they would become soft line breaks, which Hexo (`breaks: true`) shows as line
breaks in the middle of sentences. Text inside <pre> keeps its newlines.
"""

from __future__ import annotations

import re
import unicodedata

from bs4.element import NavigableString, PageElement, Tag

from md_convert.tags import BLOCKS

_SEGMENT_BREAK = re.compile(r"[ \t\r\f]*\n[ \t\n\r\f]*")  # HTML's collapsible whitespace only: not NBSP, not U+3000
_KEEPS_NEWLINES = frozenset({"pre", "textarea", "listing", "plaintext", "xmp"})
_ATOMS = frozenset({"img", "iframe", "video", "svg", "input", "button", "select"})
_CHINESE_AMBIGUOUS = frozenset("\u2014\u2018\u2019\u201c\u201d\u2026\u00b7")  # — ‘ ’ “ ” … ·
_BOUNDARY = ""
"""What `_character_beside` finds at a block's edge or a <br>: no character, so never wide."""


def remove_segment_breaks(root: Tag) -> None:
    """Replace every segment break in root's text (outside <pre>) by a space or by nothing."""
    for text in [node for node in root.descendants if type(node) is NavigableString and "\n" in node]:
        if _keeps_newlines(text):
            continue
        collapsed = _collapse(str(text), text)
        if collapsed is not None and collapsed != str(text):
            text.replace_with(NavigableString(collapsed))


def _collapse(value: str, node: NavigableString) -> str | None:
    """The text with its segment breaks replaced; None for whitespace alone next to a block's edge,
    which the converter drops whatever it holds (most newlines are these, between blocks, and
    replacing them costs a search through the parent's children)."""
    if not value.strip(" \t\n\r\f"):  # one segment break, the whole string: judged by its neighbours
        left, right = _character_beside(node, before=True), _character_beside(node, before=False)
        if _BOUNDARY in (left, right):
            return None
        return "" if _is_wide(left) and _is_wide(right) else " "

    def replacement(match: re.Match[str]) -> str:
        before, after = value[: match.start()], value[match.end() :]
        left = before[-1] if before else _character_beside(node, before=True)
        right = after[0] if after else _character_beside(node, before=False)
        return "" if _is_wide(left) and _is_wide(right) else " "

    return _SEGMENT_BREAK.sub(replacement, value)


def _is_wide(character: str) -> bool:
    """Wide or full-width East Asian, or the quotes, dashes and ellipsis Chinese text sets in its
    own width (Unicode calls them ambiguous); not Hangul (Korean keeps its spaces)."""
    if not character:
        return False
    if character in _CHINESE_AMBIGUOUS:
        return True
    if unicodedata.east_asian_width(character) not in ("W", "F", "H"):
        return False
    return not unicodedata.name(character, "").startswith("HANGUL")


def _character_beside(node: PageElement, before: bool) -> str:
    """The first character a reader sees next to `node` within its line of text, on one side:
    '' at a block's edge or a <br>, a non-wide stand-in for an image."""
    current: PageElement | None = node
    while current is not None:
        sibling = current.previous_sibling if before else current.next_sibling
        while sibling is not None:
            found = _shown_character(sibling, before)
            if found is not None:
                return found
            sibling = sibling.previous_sibling if before else sibling.next_sibling
        parent = current.parent
        current = parent if parent is not None and parent.name not in BLOCKS else None
    return _BOUNDARY


def _shown_character(element: PageElement, before: bool) -> str | None:
    """The character of `element` nearest the text it stands beside; None when it shows none."""
    if isinstance(element, Tag):
        if element.name in BLOCKS or element.name == "br":
            return _BOUNDARY
        if element.name in _ATOMS:
            return "!"
    text = element.get_text().strip() if isinstance(element, Tag) else str(element).strip()
    if not text:
        return None
    return text[-1] if before else text[0]


def _keeps_newlines(text: NavigableString) -> bool:
    return any(parent.name in _KEEPS_NEWLINES for parent in text.parents)
