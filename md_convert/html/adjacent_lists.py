"""Adjacent lists: flag a list that follows another of its kind, so that it gets the other marker.

In CommonMark `- a` + blank + `- b` is one list, and `1. a` + blank + `1. b` renumbers the second
list; switching to `*` or `1)` for the second list keeps them two lists, as in the HTML. The flag is
`markers.LIST_ALTERNATE`; `markdown.lists` writes the markers.
"""

from __future__ import annotations

from bs4.element import PageElement, Tag

from md_convert.html.tree import has_tag_in, tags_in
from md_convert.markers import LIST_ALTERNATE
from md_convert.tags import LIST_WRAPPERS, SHOWN_WITHOUT_TEXT

# The last block before a list, as far as its marker goes: its tag name (None for text) and whether
# it is a list written with the alternate marker.
LastBlock = tuple[str | None, bool]


def mark_adjacent_lists(root: Tag, before: LastBlock | None = None) -> LastBlock | None:
    """Flag every list whose nearest preceding block is a list of the same kind with its own marker.

    `before` is the last block ahead of root's content, when root holds one piece of a larger document;
    the result is the last block of root's content (or `before` when it shows nothing), for the next piece.
    """
    for lst in tags_in(root, ("ul", "ol")):
        at_start, previous = _block_before(lst, root)
        last = before if at_start else _as_last_block(previous)
        if last is not None and last == (lst.name, False):
            lst[LIST_ALTERNATE] = "1"
    final = _last_content(root)
    return before if final is None else _as_last_block(_innermost_last(final))


def _as_last_block(node: PageElement | None) -> LastBlock | None:
    if node is None:
        return None
    if not isinstance(node, Tag):
        return None, False
    return node.name, node.has_attr(LIST_ALTERNATE)


def _block_before(node: PageElement, root: Tag) -> tuple[bool, PageElement | None]:
    """The block a reader sees just before `node` (None if there is none), and whether `node` is
    the first thing root shows (then the block before is the previous piece's)."""
    while _previous_content(node) is None and node.parent is not None and node.parent.name in LIST_WRAPPERS:
        node = node.parent
    previous = _previous_content(node)
    if previous is None:
        return node.parent is root, None
    return False, _innermost_last(previous)


def _innermost_last(node: PageElement) -> PageElement:
    """The last block shown inside a wrapper (a wrapper that shows anything has such a child)."""
    while isinstance(node, Tag) and node.name in LIST_WRAPPERS:
        last = _last_content(node)
        if last is None:
            break
        node = last
    return node


def _previous_content(node: PageElement) -> PageElement | None:
    sibling = node.previous_sibling
    while sibling is not None and not _is_content(sibling):
        sibling = sibling.previous_sibling
    return sibling


def _last_content(node: Tag) -> PageElement | None:
    return next((child for child in reversed(node.contents) if _is_content(child)), None)


def _is_content(node: PageElement) -> bool:
    """Whether a node shows anything: an empty `<div>` between two lists does not keep them apart."""
    if not isinstance(node, Tag):
        return bool(str(node).strip())
    return (
        node.name in SHOWN_WITHOUT_TEXT
        or any(string.strip() for string in node.strings)
        or has_tag_in(node, SHOWN_WITHOUT_TEXT)
    )
