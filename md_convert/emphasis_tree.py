"""Emphasis surgery on the tree: what Markdown can express only if the HTML is reshaped first."""

from __future__ import annotations

from typing import Any

from bs4 import Tag

_BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "figure", "figcaption",
     "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr",
     "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "iframe", "video", "center"}
)
_EMPHASIS = ("strong", "b", "em", "i", "del", "s", "strike")


def distribute_emphasis(tag: Tag) -> None:
    """An emphasis tag around blocks becomes one emphasis tag around each run of inline content.

    `<strong><p>a</p><p>b</p></strong>` would put `**` across a blank line, where it never renders.
    """
    if tag.decomposed or tag.parent is None or not tag.find(_BLOCKS):
        return
    _wrap_inline_runs(tag, tag.name)
    tag.unwrap()


def _wrap_inline_runs(container: Tag, name: str) -> None:
    run: list[Any] = []
    for child in list(container.children):
        if isinstance(child, Tag) and (child.name in _BLOCKS or child.find(_BLOCKS)):
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


def lift_emphasis_into_links(root: Tag) -> None:
    """`<strong><a>乙</a></strong>` becomes `<a><strong>乙</strong></a>`.

    `甲[**乙**](u)丙` renders; `甲**[乙](u)**丙` does not (a `[` after a letter cannot open emphasis).
    """
    for link in root.find_all("a"):
        parent = link.parent
        if parent is None or parent.name not in _EMPHASIS:
            continue
        siblings = [n for n in parent.contents if isinstance(n, Tag) or str(n).strip()]
        if siblings != [link]:
            continue
        emphasis = Tag(name=parent.name)
        for child in list(link.contents):
            emphasis.append(child.extract())
        link.append(emphasis)
        parent.unwrap()
