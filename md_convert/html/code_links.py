"""Links inside inline code: `<code><a href="u">x</a></code>` reads as a link whose text is code.

Markdown has no link inside a code span (its brackets would show as written), so the link is
lifted out and the code split around it: `<code>foo <a>bar</a></code>` becomes `` `foo `[`bar`](u) ``.
"""

from __future__ import annotations

from bs4.element import PageElement, Tag

from md_convert.html.tree import children_named


def lift_links_out_of_code(code: Tag) -> None:
    """Split `code` around each link among its children, each link's words in code of their own."""
    if code.parent is None or not children_named(code, ("a",)):
        return
    pieces: list[PageElement | None] = []
    run: list[PageElement] = []
    for child in list(code.children):
        if isinstance(child, Tag) and child.name == "a":
            pieces += [_coded(code, run), _link_with_code(code, child)]
            run = []
        else:
            run.append(child.extract())
    pieces.append(_coded(code, run))
    for piece in pieces:
        if piece is not None:
            code.insert_before(piece)
    code.decompose()


def _coded(code: Tag, nodes: list[PageElement]) -> Tag | None:
    if not nodes:
        return None
    wrapper = Tag(name=code.name, attrs=dict(code.attrs))
    for node in nodes:
        wrapper.append(node)
    return wrapper


def _link_with_code(code: Tag, link: Tag) -> Tag:
    link.extract()
    inner = _coded(code, [child.extract() for child in list(link.children)])
    if inner is not None:
        link.append(inner)
    return link
