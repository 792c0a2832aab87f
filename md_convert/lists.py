"""List markers: numbering, and a different marker where two lists of one kind would run together.

In CommonMark `- a` + blank + `- b` is one list, and `1. a` + blank + `1. b` renumbers the second
list; switching to `*` or `1)` for the second list keeps them two lists, as in the HTML.
"""

from __future__ import annotations

from typing import Any

from .soup_query import tags_in

_WRAPPERS = frozenset({"div", "section", "article", "span"})
ALTERNATE = "data-md-alternate"


def mark_adjacent_lists(root: Any) -> None:
    """Flag every list whose nearest preceding block is a list of the same kind with its own marker."""
    for lst in tags_in(root, ("ul", "ol")):
        previous = _previous_block(lst)
        if previous is not None and previous.name == lst.name:
            if not previous.has_attr(ALTERNATE):
                lst[ALTERNATE] = "1"


def _previous_block(node: Any) -> Any:
    while _previous_content(node) is None and node.parent is not None and node.parent.name in _WRAPPERS:
        node = node.parent
    previous = _previous_content(node)
    while previous is not None and previous.name in _WRAPPERS:
        children = [c for c in previous.children if _is_content(c)]
        if not children:
            break
        previous = children[-1]
    return previous


def _previous_content(node: Any) -> Any:
    sibling = node.previous_sibling
    while sibling is not None and not _is_content(sibling):
        sibling = sibling.previous_sibling
    return sibling


def _is_content(node: Any) -> bool:
    return getattr(node, "name", None) is not None or bool(str(node).strip())


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
