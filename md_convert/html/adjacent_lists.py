"""Adjacent lists: flag a list that follows another of its kind, so that it gets the other marker.

In CommonMark `- a` + blank + `- b` is one list, and `1. a` + blank + `1. b` renumbers the second
list; switching to `*` or `1)` for the second list keeps them two lists, as in the HTML. The flag is
`markers.LIST_LIST_ALTERNATE`; `markdown.lists` writes the markers.
"""

from __future__ import annotations

from typing import Any

from md_convert.html.tree import has_tag_in, tags_in
from md_convert.markers import LIST_ALTERNATE
from md_convert.tags import LIST_WRAPPERS, SHOWN_WITHOUT_TEXT

# The last block before a list, as far as its marker goes: its tag name (None for text) and whether
# it is a list written with the alternate marker.
LastBlock = tuple[str | None, bool]
_AT_START = object()


def mark_adjacent_lists(root: Any, before: LastBlock | None = None) -> LastBlock | None:
    """Flag every list whose nearest preceding block is a list of the same kind with its own marker.

    `before` is the last block ahead of root's content, when root holds one piece of a larger document;
    the result is the last block of root's content (or `before` when it shows nothing), for the next piece.
    """
    for lst in tags_in(root, ("ul", "ol")):
        previous = _previous_block(lst, root)
        last = before if previous is _AT_START else _as_last_block(previous)
        if last is not None and last == (lst.name, False):
            lst[LIST_ALTERNATE] = "1"
    final = _last_content(root)
    return before if final is None else _as_last_block(_innermost_last(final))


def _as_last_block(node: Any) -> LastBlock | None:
    if node is None:
        return None
    name = getattr(node, "name", None)
    return name, name is not None and node.has_attr(LIST_ALTERNATE)


def _previous_block(node: Any, root: Any) -> Any:
    """The block a reader sees just before `node`: None if there is none, _AT_START if root has none."""
    while _previous_content(node) is None and node.parent is not None and node.parent.name in LIST_WRAPPERS:
        node = node.parent
    previous = _previous_content(node)
    if previous is None:
        return _AT_START if node.parent is root else None
    return _innermost_last(previous)


def _innermost_last(node: Any) -> Any:
    """The last block shown inside a wrapper (a wrapper that shows anything has such a child)."""
    while node.name in LIST_WRAPPERS:
        last = _last_content(node)
        if last is None:
            break
        node = last
    return node


def _previous_content(node: Any) -> Any:
    sibling = node.previous_sibling
    while sibling is not None and not _is_content(sibling):
        sibling = sibling.previous_sibling
    return sibling


def _last_content(node: Any) -> Any:
    return next((child for child in reversed(node.contents) if _is_content(child)), None)


def _is_content(node: Any) -> bool:
    """Whether a node shows anything: an empty `<div>` between two lists does not keep them apart."""
    if getattr(node, "name", None) is None:
        return bool(str(node).strip())
    return (
        node.name in SHOWN_WITHOUT_TEXT
        or any(string.strip() for string in node.strings)
        or has_tag_in(node, SHOWN_WITHOUT_TEXT)
    )
