"""Reading a large document while it is parsed, so that its whole tree never exists at once.

A 50 MB body's libxml2 tree took 165-290 MB; the pieces it is converted in (`html.pieces`) are a
few thousand nodes each. Here libxml2's push parser is fed the document a chunk at a time, and
after each chunk every *settled* leaf (one with a later sibling, or inside a container that has
closed, so that neither it nor its tail can change) moves out of the parser's tree into the piece
being built. The parser keeps the open elements and, under each, the child still being read.

The leaves are those a whole tree gives (the children of wrappers too large for one piece),
except that a wrapper still being read is opened once it has outgrown a piece. What a stream
cannot see raises WholeTreeNeeded, and the caller reads the body whole instead: nesting that
reaches the depth cap, content after `<body>` (which `prune.parse` moves into it), a root that is
not a wrapper, or a wrapper opened early whose tail turns out to be one its copies cannot carry.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from md_convert.html.depth import MAX_DEPTH, reaches_depth_cap
from md_convert.html.piece_builder import Leaf, assemble, count_nodes, is_wrapper, opens_as_wrapper
from md_convert.html.prune import NOT_SETTABLE, PARSE_ERRORS, PARSER_OPTIONS

CHUNK = 1 << 20  # characters fed at a time: what the parser holds beyond the open path


class WholeTreeNeeded(Exception):
    """The streamed document converts right only from its whole tree: convert it again, read whole."""


def streamed_pieces(html: str, size: int, chunk: int | None = None) -> Iterator[Any]:
    """The pieces `pieces.pieces` would make of the document's tree (raw, not pruned), each built as
    soon as its leaves have been read."""
    for piece in assemble(_streamed_leaves(html, size, chunk or CHUNK), size):
        if reaches_depth_cap(piece):  # wrappers are copied at their own depth: each element is checked once
            raise WholeTreeNeeded
        yield piece


def _streamed_leaves(html: str, size: int, chunk: int) -> Iterator[Leaf]:
    parser = etree.HTMLPullParser(events=("start",), tag="html", **PARSER_OPTIONS)
    walk: _SettledLeaves | None = None
    for start in range(0, len(html), chunk):
        roots = _fed(parser, html[start : start + chunk])
        if walk is None and roots:
            walk, roots = _SettledLeaves(roots[0], size), roots[1:]
        if roots:  # a second <html> after the first one closed: prune.parse moves it into the body
            raise WholeTreeNeeded
        if walk is not None:
            yield from walk.settled(final=False)
    yield from _closed(parser, walk).settled(final=True)


def _closed(parser: Any, walk: _SettledLeaves | None) -> _SettledLeaves:
    """The walk, once the parse has ended; WholeTreeNeeded unless the tree has the one root walked from."""
    try:
        root = parser.close()
    except PARSE_ERRORS:
        raise WholeTreeNeeded from None  # the whole read decides what, if anything, it can build
    if walk is None or root is not walk.root or any(isinstance(later.tag, str) for later in root.itersiblings()):
        raise WholeTreeNeeded
    return walk


def _fed(parser: Any, text: str) -> list[Any]:
    """The <html> elements that `text` started."""
    try:
        parser.feed(text)
    except PARSE_ERRORS:
        raise WholeTreeNeeded from None
    return [element for _, element in parser.read_events()]


class _SettledLeaves:
    """The leaves of a tree still being built, handed out as they settle, in document order.

    `path` holds the containers opened so far, outermost first; `kept[k]` is the last child of
    `path[k]` that stays in the tree (a container opened and finished), after which its unread
    children start: a leaf handed out is moved into a piece, out of this tree."""

    def __init__(self, root: Any, size: int) -> None:
        self.root, self.size = root, size
        self.path: list[Any] = [root]
        self.kept: list[Any] = [None]
        self.body: Any = None

    def settled(self, final: bool) -> Iterator[Leaf]:
        """Every leaf settled by now (by the end of the document when `final`)."""
        if len(self.root) and not opens_as_wrapper(self.root):  # pieces.pieces keeps such a root whole
            raise WholeTreeNeeded
        while self.path:
            child = self._next_child()
            if child is None or not self._is_settled(child, final):
                if not self._went_on_without(child, final):
                    return  # what is left is still being read
            elif (leaf := self._leaf_or_opened(child)) is not None:
                yield leaf
                if child.getparent() is self.path[-1]:  # not moved by the consumer: step over it
                    self.kept[-1] = child

    def _is_settled(self, child: Any, final: bool) -> bool:
        """Neither the child nor its tail can change: a later sibling exists, or its container closed."""
        return final or child.getnext() is not None or self._closed()

    def _went_on_without(self, child: Any, final: bool) -> bool:
        """Past a container with no child left to read, or into a child still being read (and its tail
        too) when it is a wrapper that has outgrown a piece: its settled children may go now."""
        if child is None:
            if not (final or self._closed()):
                return False
            self._finish_container()
        elif opens_as_wrapper(child) and count_nodes(child) > self.size:
            self._open(child)
        else:
            return False
        return True

    def _leaf_or_opened(self, child: Any) -> Leaf | None:
        """A settled child as a leaf, or None when it is a wrapper too large for a piece (opened)."""
        nodes = int(count_nodes(child))
        if nodes > self.size and is_wrapper(child):
            self._open(child)
            return None
        self._check_tail(child, copied=False)
        return child, tuple(self.path), nodes

    def _closed(self) -> bool:
        """True when the innermost open container has been closed by the parser: it, or a container
        around it, has a later sibling (the root closes only with the document)."""
        return any(container.getnext() is not None for container in self.path[1:])

    def _next_child(self) -> Any:
        kept, container = self.kept[-1], self.path[-1]
        # not len(container): lxml counts children one by one, and a body may hold thousands
        child = kept.getnext() if kept is not None else next(container.iterchildren(), None)
        if child is not None:
            self._check_root_child(child)
        return child

    def _check_root_child(self, child: Any) -> None:
        """Nothing follows the body in the root: prune.parse moves what does into it."""
        if len(self.path) > 1:
            return
        if self.body is not None and child is not self.body:
            raise WholeTreeNeeded
        if child.tag == "body":
            self.body = child

    def _check_tail(self, element: Any, copied: bool) -> None:
        """A tail the whole tree reads otherwise: text after the body or the root (prune.parse moves
        it), or one that the copies of a wrapper, opened before its tail was read, cannot carry."""
        tail = element.tail or ""
        if (copied and NOT_SETTABLE.search(tail)) or ((element is self.body or element is self.root) and tail.strip()):
            raise WholeTreeNeeded

    def _open(self, container: Any) -> None:
        if len(self.path) + 1 >= MAX_DEPTH:  # it is that deep itself: reaches_depth_cap would say so
            raise WholeTreeNeeded
        self.path.append(container)
        self.kept.append(None)

    def _finish_container(self) -> None:
        container = self.path.pop()
        self.kept.pop()
        self._check_tail(container, copied=True)
        if self.kept:
            self.kept[-1] = container
