"""markdownify's tree walk, without its per-tag `find_parent('pre')` search.

markdownify's `process_tag` asks every tag whether a <pre> encloses it, which walks all ancestors
through bs4's generic filter machinery — a fifth of the conversion time on WeChat soup. The
answer is already in `parent_tags`, which markdownify passes down; otherwise this is the same walk.
"""

from __future__ import annotations

from bs4.element import Comment, Doctype, NavigableString, PageElement, Tag

from md_convert.tags import NO_FORMAT, ONE_LINE

# markdownify's whitespace rules (should_remove_whitespace_inside/outside), as set lookups: its
# versions run a regex on every tag name, two to four times for each node of the walk.
_TRIMS_INSIDE = frozenset({"p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd",
                           "table", "thead", "tbody", "tfoot", "tr", "td", "th"})


def removes_whitespace_inside(element: PageElement | None) -> bool:
    """Whitespace just inside this element shows nothing (markdownify: a block, or `h<digit>…`)."""
    name = getattr(element, "name", None)
    if not name:
        return False
    return name in _TRIMS_INSIDE or (name[0] == "h" and name[1:2].isdigit())


def removes_whitespace_outside(element: PageElement | None) -> bool:
    """Whitespace just outside this element shows nothing (those blocks, and <pre>)."""
    return removes_whitespace_inside(element) or getattr(element, "name", None) == "pre"


class WalkMixin:
    """process_tag for a MarkdownConverter subclass."""

    def process_tag(self, node: Tag, parent_tags: set[str] | None = None) -> str:
        parent_tags = parent_tags if parent_tags is not None else set()
        child_tags = _child_tags(node.name, parent_tags)
        process_text = self.process_text  # type: ignore[attr-defined]
        strings = []
        for el in _shown_children(node):  # markdownify's process_element, without a call per node
            is_text = isinstance(el, NavigableString)
            string = process_text(el, child_tags) if is_text else self.process_tag(el, child_tags)  # type: ignore[arg-type]
            if string:
                strings.append(string)
        in_code = node.name == "pre" or "pre" in parent_tags
        text = "".join(strings if in_code else _collapse_newlines(strings))
        convert = self.get_conv_fn_cached(node.name)  # type: ignore[attr-defined]
        return text if convert is None else str(convert(node, text, parent_tags=parent_tags))


def _shown_children(node: Tag) -> list[PageElement]:
    remove_inside = removes_whitespace_inside(node)
    return [el for el in node.children if not _can_ignore(el, remove_inside)]


def _child_tags(name: str, parent_tags: set[str]) -> set[str]:
    """What the children of a `name` tag are inside: its ancestors, itself, and the markers
    `_inline` (their Markdown must stay on one line) and `_noformat` (it is code)."""
    child_tags = parent_tags | {name}
    if name in ONE_LINE:
        child_tags.add("_inline")
    if name in NO_FORMAT:
        child_tags.add("_noformat")
    return child_tags


def _can_ignore(element: PageElement | None, remove_inside: bool) -> bool:
    """Comments and whitespace-only text at block edges carry nothing."""
    if isinstance(element, Tag):
        return False
    if isinstance(element, (Comment, Doctype)) or element is None:
        return True
    if not isinstance(element, NavigableString) or str(element).strip():
        return False
    if remove_inside and (not element.previous_sibling or not element.next_sibling):
        return True
    return removes_whitespace_outside(element.previous_sibling) or removes_whitespace_outside(element.next_sibling)


def _collapse_newlines(strings: list[str]) -> list[str]:
    """Where one child ends with newlines and the next starts with some, keep the larger run (at most 2)."""
    if not any(string[:1] == "\n" for string in strings[1:]):
        return strings  # inline children, most of them: no run meets another
    collapsed = [""]
    for string in strings:
        content = string.lstrip("\n")
        leading = string[: len(string) - len(content)]
        trimmed = content.rstrip("\n")
        trailing = content[len(trimmed) :]
        if collapsed[-1] and leading:
            previous = collapsed.pop()
            leading = "\n" * min(2, max(len(previous), len(leading)))
        collapsed.extend([leading, trimmed, trailing])
    return collapsed
