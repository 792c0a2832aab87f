"""Emphasis surgery on the tree: reshape what Markdown can only express once the HTML is reshaped.

`<strong><p>a</p><p>b</p></strong>` would put `**` across a blank line, where it never renders;
`甲<strong>乙<a>丙</a></strong>丁` would put `**` right after a link's `)` and before a letter,
where CommonMark cannot close it. Both become one emphasis per run of plain inline content, with
links getting their own emphasis inside: `甲**乙**[**丙**](u)丁`. A code span at the edge of an
emphasis is left outside it when a letter stands beyond it (`**乙** `x`丁`, since `**乙 `x`**丁`
cannot close); with a space or punctuation there it stays inside (`**乙 `x`** 丁`).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from bs4.element import Tag

from md_convert.html.depth import is_removed
from md_convert.html.tree import has_tag_in
from md_convert.tags import BLOCKS

_BARRIERS = BLOCKS | {"a"}


def distribute_emphasis(tag: Tag) -> None:
    """Split an emphasis tag that holds blocks, links or edge code into emphasis around each plain run."""
    if is_removed(tag) or tag.parent is None:
        return
    edges = _edge_code(tag)
    if not edges and not has_tag_in(tag, _BARRIERS):
        return
    _wrap_inline_runs(tag, tag.name, edges)
    tag.unwrap()


def _edge_code(tag: Tag) -> list[Any]:
    """Code spans at the emphasis' edges whose delimiter could not open or close there.

    A delimiter beside a code span's backtick opens (closes) only with whitespace or punctuation
    on its outer side: `a *`x`* b` renders, `甲*`x`*乙` does not.
    """
    content = [c for c in tag.children if isinstance(c, Tag) or str(c).strip()]
    if not content:
        return []
    first, last = content[0], content[-1]
    edges: list[Any] = []
    if _is_code(first) and _is_word_character(_beside(tag, before=True)):
        edges.append(first)
    if _is_code(last) and _is_word_character(_beside(tag, before=False)):
        edges.append(last)
    return edges


def _beside(tag: Tag, before: bool) -> str:
    """The character just outside the tag on one side, within its block ('' at the block's edge)."""
    node: Any = tag
    while node is not None and node.name not in BLOCKS:
        found = _next_shown_character(node, before)
        if found is not None:
            return found
        node = node.parent
    return ""


def _next_shown_character(node: Any, before: bool) -> str | None:
    """The first character a reader sees beside `node` among its siblings, on one side; None if none."""
    sibling = node.previous_sibling if before else node.next_sibling
    while sibling is not None:
        text = sibling.get_text() if isinstance(sibling, Tag) else str(sibling)
        if text or getattr(sibling, "name", None) in ("img", "br"):
            return (text[-1:] if before else text[:1]) or "!"  # an image or a break reads as punctuation
        sibling = sibling.previous_sibling if before else sibling.next_sibling
    return None


def _is_code(node: Any) -> bool:
    return isinstance(node, Tag) and node.name == "code"


def _is_word_character(char: str) -> bool:
    return bool(char) and not char.isspace() and unicodedata.category(char)[0] not in "PS"


def _wrap_inline_runs(container: Tag, name: str, edges: list[Tag] | None = None) -> None:
    run: list[Any] = []
    for child in list(container.children):
        if edges and any(child is code for code in edges):
            _wrap(run, name)
            run = []
        elif isinstance(child, Tag) and (child.name in _BARRIERS or has_tag_in(child, _BARRIERS)):
            _wrap(run, name)
            run = []
            _wrap_inline_runs(child, name)
        else:
            run.append(child)
    _wrap(run, name)


def _wrap(run: list[Any], name: str) -> None:
    if not any(isinstance(n, Tag) or str(n).strip() for n in run):
        return
    wrapper = Tag(name=name)
    run[0].insert_before(wrapper)
    for node in run:
        wrapper.append(node.extract())
