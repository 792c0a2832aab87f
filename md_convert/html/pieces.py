"""Cutting a large document into pieces that each convert to their share of the same Markdown.

Every pass after the lxml parse (pruning, BeautifulSoup's tree, cleaning, markdownify's walk) costs
per node, and each node costs more once a tree outgrows the CPU's cache: a 14 MB body took 12–14×
the time of a tenth of it, while its ten tenths converted one after another took 10×. Converted in
pieces of a few thousand nodes, time grows with the input, and BeautifulSoup never holds more than
one piece.

A piece is a run of the blocks found under the document's wrappers (`<div>`, `<section>`… that show
nothing of their own), inside copies of those wrappers, so every rule that reads a block's ancestors
reads the same tags, attributes and depth. A piece ends only before a block, with nothing but
whitespace in between, after a block that certainly shows (a word or an image that no later step
removes): there the Markdown has a paragraph break whatever the rest holds, and the rules that read
a block's neighbours (whitespace, emphasis at a block's edge) stop. The one rule that reads across
blocks, a list's marker after another list, is handed the piece before's last block
(`adjacent_lists.mark_adjacent_lists`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from md_convert.html.depth import reaches_depth_cap
from md_convert.html.piece_builder import Leaf, assemble, count_nodes, is_wrapper
from md_convert.html.prune import parse, prune_tree
from md_convert.html.stream import CHUNK, streamed_pieces

PIECE_NODES = 5000  # a piece's tree stays well inside a CPU cache; per-piece overhead stays small
STREAM_FROM = CHUNK  # characters: a longer document is read as a stream (html.stream), a shorter one whole


def pruned_pieces(html: str, size: int | None = None, streamed: bool = True) -> Iterator[Any]:
    """The document as one or more pruned lxml trees whose Markdown, joined, is the whole's (or, when
    lxml can build no tree, the HTML string itself). A long one is read as a stream unless `streamed`
    is False, which is how a caller converts it again when the stream raises WholeTreeNeeded."""
    size = size or PIECE_NODES
    if streamed and len(html) > STREAM_FROM:
        for piece in streamed_pieces(html, size):
            yield prune_tree(piece)
        return
    root = parse(html)
    if root is None:
        yield html  # nothing lxml could build: bs4 gets it all, as it is
        return
    for piece in pieces(root, size):
        yield prune_tree(piece)


def pieces(root: Any, size: int = PIECE_NODES) -> Iterator[Any]:
    """`root` itself when small, else trees of about `size` nodes each, in document order."""
    # a document deep enough to flatten is converted whole, so that no piece flattens differently
    if count_nodes(root) <= size or reaches_depth_cap(root) or not is_wrapper(root):
        yield root
        return
    yield from assemble(_leaves(root, (root,), size), size)


def _leaves(container: Any, path: tuple[Any, ...], size: int) -> Iterator[Leaf]:
    """The children of wrappers too large for one piece, with the wrappers above them and their size;
    a child that is itself such a wrapper is opened in turn."""
    for child in list(container):  # a list: leaves move out of the tree as pieces are built
        nodes = int(count_nodes(child))
        if nodes > size and is_wrapper(child):
            yield from _leaves(child, (*path, child), size)
        else:
            yield child, path, nodes
