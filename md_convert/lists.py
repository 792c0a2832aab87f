"""List markers: numbering, and a different marker where two lists of one kind would run together.

In CommonMark `- a` + blank + `- b` is one list, and `1. a` + blank + `1. b` renumbers the second
list; switching to `*` or `1)` for the second list keeps them two lists, as in the HTML.
"""

from __future__ import annotations

from typing import Any

from .soup_query import has_tag_in, tags_in

_WRAPPERS = frozenset({"div", "section", "article", "span"})
# Elements that show something with no text in them; any other element with no text shows nothing.
_SHOWN_WITHOUT_TEXT = frozenset({"img", "hr", "iframe", "video", "table", "ul", "ol", "pre"})
ALTERNATE = "data-md-alternate"
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
            lst[ALTERNATE] = "1"
    final = _last_content(root)
    return before if final is None else _as_last_block(_innermost_last(final))


def _as_last_block(node: Any) -> LastBlock | None:
    if node is None:
        return None
    name = getattr(node, "name", None)
    return name, name is not None and node.has_attr(ALTERNATE)


def _previous_block(node: Any, root: Any) -> Any:
    """The block a reader sees just before `node`: None if there is none, _AT_START if root has none."""
    while _previous_content(node) is None and node.parent is not None and node.parent.name in _WRAPPERS:
        node = node.parent
    previous = _previous_content(node)
    if previous is None:
        return _AT_START if node.parent is root else None
    return _innermost_last(previous)


def _innermost_last(node: Any) -> Any:
    """The last block shown inside a wrapper (a wrapper that shows anything has such a child)."""
    while node.name in _WRAPPERS:
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
        node.name in _SHOWN_WITHOUT_TEXT
        or any(string.strip() for string in node.strings)
        or has_tag_in(node, _SHOWN_WITHOUT_TEXT)
    )


def item_marker(li: Any, bullet: str) -> str:
    """The marker of one list item, with its trailing space."""
    parent = li.parent
    alternate = parent is not None and parent.has_attr(ALTERNATE)
    if parent is not None and parent.name == "ol":
        start = str(parent.get("start") or "1").strip()
        number = (min(int(start), 10**8) if start.isdecimal() else 1) + len(li.find_previous_siblings("li"))
        return f"{number}{')' if alternate else '.'} "
    if alternate:
        bullet = "*" if bullet != "*" else "-"
    return bullet + " "
