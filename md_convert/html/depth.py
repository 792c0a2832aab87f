"""Bound the tree's depth so that no later step (markdownify recurses) can run out of stack.

Real posts nest at most a few dozen levels. Below MAX_DEPTH, a pathological file keeps all its
text and images, flattened: a block boundary there becomes a line break. The flattening re-parses
the deep part as one flat run rather than unwrapping element by element, because bs4 walks every
ancestor on each insertion and would take quadratic time.
"""

from __future__ import annotations

import html
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag
from lxml import etree  # type: ignore[import-untyped]

from md_convert.html.attributes import URL_STASH
from md_convert.tags import LINE_BREAKING

MAX_DEPTH = 100
# An element MAX_DEPTH levels down in an lxml tree's document. Without one, no tag of the soup built
# from it (or from a piece of it, its wrappers copied at their own depth) is deep enough to flatten,
# and a large document may be cut in pieces. Removing hidden elements and plugins never adds a level.
reaches_depth_cap = etree.XPath("/*" * MAX_DEPTH)
_IMAGE_ATTRIBUTES = ("src", URL_STASH["src"], "data-src", "alt", "title")


def is_removed(tag: Any) -> bool:
    """True once a tag has been decomposed. (bs4's `decomposed` property searches the subtree: O(n).)"""
    return bool(vars(tag).get("_decomposed", False))


def cap_depth(root: Tag, limit: int = MAX_DEPTH) -> None:
    """Flatten the content of every element at depth `limit` that still has child elements."""
    for boundary in _boundaries(root, limit):
        flat = BeautifulSoup(f"<span>{_flat_html(boundary)}</span>", "lxml").span
        boundary.clear()
        if flat is not None:
            boundary.append(flat.extract())


def _boundaries(root: Tag, limit: int) -> list[Tag]:
    found: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        children = [c for c in node.contents if isinstance(c, Tag)]
        if depth >= limit and children:
            found.append(node)
            continue
        stack.extend((child, depth + 1) for child in children)
    return found


def _flat_html(boundary: Tag) -> str:
    parts: list[str] = []
    for node in boundary.descendants:
        if isinstance(node, NavigableString):
            if not isinstance(node, Comment):
                parts.append(html.escape(str(node), quote=False))
        elif not isinstance(node, Tag):
            continue
        elif node.name == "img":
            attributes = "".join(
                f' {name}="{html.escape(str(node[name]))}"' for name in _IMAGE_ATTRIBUTES if node.has_attr(name)
            )
            parts.append(f"<img{attributes}>")
        elif node.name in LINE_BREAKING:
            parts.append("<br>")
    return "".join(parts)
