"""What a piece of a large document is made of, and where one may end (`html.pieces` finds the leaves).

A piece is a run of leaves (blocks under the document's wrappers) inside copies of those
wrappers; it may end only before a block that starts one, after a block that certainly shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from md_convert.html.attributes import is_hidden
from md_convert.html.lazy_media import image_url
from md_convert.html.prune import NOT_SETTABLE, kept_attributes, may_show
from md_convert.tags import MAY_SHOW_WITHOUT_TEXT, PIECE_STARTS, PIECE_WRAPPERS, PLAIN_INLINE, TEXT_BLOCKS

count_nodes = etree.XPath("count(descendant-or-self::node())")
_WORD = re.compile(r"\w")

Leaf = tuple[Any, tuple[Any, ...], int]
"""A block to move into a piece, the wrappers above it (outermost first) and its node count."""


def assemble(leaves: Iterable[Leaf], size: int) -> Iterator[Any]:
    """Pieces of about `size` nodes from the leaves, in order: each piece is yielded before the next
    leaf is read, so a lazy source of leaves is consumed piece by piece."""
    builder = PieceBuilder()
    for leaf, path, nodes in leaves:
        if builder.nodes >= size and builder.may_end_before(leaf, path):
            yield builder.finish()
        builder.add(leaf, path, nodes)
    yield builder.finish(at_end=True)


def is_wrapper(element: Any) -> bool:
    """A block container that shows nothing of its own: its children may go to different pieces."""
    return opens_as_wrapper(element) and not NOT_SETTABLE.search(element.tail or "")  # copied onto its copies


def opens_as_wrapper(element: Any) -> bool:
    """is_wrapper, as far as it is known once the element's first child has been read (all but its tail)."""
    return (
        element.tag in PIECE_WRAPPERS
        and len(element) > 0
        and not NOT_SETTABLE.search(element.text or "")  # copied onto its copies
        and "data-pluginname" not in element.attrib
        and not may_show(element.get("style") or "")
    )


class PieceBuilder:
    """Moves leaves into a piece under copies of their wrappers; a wrapper open across a cut gets a
    copy in both pieces, its leading text only in the first and its tail only in the last."""

    def __init__(self) -> None:
        self.open: list[tuple[Any, Any]] = []  # (wrapper, its copy in this piece), outermost first
        self.continued: list[Any] = []  # wrappers open when the previous piece ended
        self.last: Any = None
        self.nodes = 0

    def add(self, leaf: Any, path: tuple[Any, ...], nodes: int) -> None:
        kept = self._shared_depth(path)
        for wrapper, copy in self.open[kept:]:
            copy.tail = wrapper.tail
        del self.open[kept:]
        for depth, wrapper in enumerate(path[kept:], start=kept):
            parent = self.open[-1][1] if self.open else None
            # Only what pruning keeps is copied: lxml's parser takes attribute names its API refuses.
            attributes = kept_attributes(wrapper)
            copy = _html_root(wrapper.tag, attributes) if parent is None else etree.SubElement(
                parent, wrapper.tag, attributes)
            continued = depth < len(self.continued) and self.continued[depth] is wrapper
            copy.text = None if continued else wrapper.text
            self.open.append((wrapper, copy))
        self.open[-1][1].append(leaf)  # moves the leaf, with its tail
        self.last = leaf
        self.nodes += nodes

    def may_end_before(self, leaf: Any, path: tuple[Any, ...]) -> bool:
        """True when the piece can end between the last leaf and `leaf` without any rule noticing."""
        kept = self._shared_depth(path)
        between = [self.last.tail, *(wrapper.tail for wrapper, _ in self.open[kept:]),
                   *(wrapper.text for wrapper in path[kept:])]
        return leaf.tag in PIECE_STARTS and _ends_with_a_shown_block(self.last) and not "".join(
            text or "" for text in between).strip()

    def finish(self, at_end: bool = False) -> Any:
        """The piece's root; the wrappers still open carry on in the next piece, unless at the end."""
        root = self.open[0][1]
        if at_end:
            for wrapper, copy in self.open:
                copy.tail = wrapper.tail
        self.continued = [wrapper for wrapper, _ in self.open]
        self.open, self.last, self.nodes = [], None, 0
        return root

    def _shared_depth(self, path: tuple[Any, ...]) -> int:
        kept = 0
        while kept < min(len(self.open), len(path)) and self.open[kept][0] is path[kept]:
            kept += 1
        return kept


def _html_root(tag: str, attributes: dict[str, str]) -> Any:
    """A root element in a new HTML document: libxml2 writes an XML document's text differently
    (it drops control characters that HTML output keeps)."""
    root = etree.HTML("<html></html>")
    root.tag = tag
    root.attrib.update(attributes)
    return root


def _ends_with_a_shown_block(element: Any) -> bool:
    """True when the last thing `element` shows is certainly a block of its own in the Markdown, so
    that nothing after it can run into it: a text block, not hidden, with a word or an image in it
    that no later step removes, or a wrapper whose last shown child is one."""
    if not _is_shown(element):
        return False
    if element.tag in TEXT_BLOCKS and _shows_content(element):
        return True
    if element.tag not in PIECE_WRAPPERS:
        return False
    for child in reversed(element):
        if (child.tail or "").strip():
            return False
        if not _shows_nothing(child):
            return _ends_with_a_shown_block(child)
    return False


def _shows_nothing(element: Any) -> bool:
    """No text at all, and nothing that shows without text (an image, a rule, a table…)."""
    if any(text.strip() for text in element.itertext()):
        return False
    return next(element.iter(*MAY_SHOW_WITHOUT_TEXT), None) is None


def _shows_content(element: Any) -> bool:
    """A word in the element's own text, or an image or a word in plain inline children that are shown."""
    if _WORD.search(element.text or "") or any(_WORD.search(child.tail or "") for child in element):
        return True
    return any(
        (child.tag == "img" and bool(image_url(child)))  # the converter writes any non-empty source
        or (child.tag in PLAIN_INLINE and _is_shown(child) and _shows_content(child))
        for child in element
    )


def _is_shown(element: Any) -> bool:
    return "data-pluginname" not in element.attrib and not is_hidden(element.get("style") or "")
