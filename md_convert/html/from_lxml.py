"""The BeautifulSoup tree of a pruned lxml tree, built straight from its elements.

The lxml pass used to hand its tree on as an HTML string, which BeautifulSoup then parsed again,
one Python callback per tag and per text (about 8 µs a node): a quarter of a WeChat post's
conversion. Here the same bs4 tree is made from the elements directly, as bs4's own lxml builder
would make it from that string: the same Tag objects (its builder sets up `class` lists, empty
elements, string types), strings of whitespace alone collapsed to one space or newline outside
<pre>/<textarea>, <script>/<style>/<template> text in its own string classes, and a root that is no
<html> wrapped in <html><body>, as a parser wraps a fragment.
"""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, Tag

_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
# libxml2 writes these minimized (`<input checked>`) when the value is the name, and bs4 reads that back
# as an empty value.
_BOOLEAN_ATTRIBUTES = frozenset({"checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref",
                                 "noresize", "noshade", "nowrap", "readonly", "selected"})


def _attributes(element: Any) -> dict[str, str]:
    attributes = dict(element.attrib)
    for name in _BOOLEAN_ATTRIBUTES.intersection(attributes):
        if attributes[name] == name:
            attributes[name] = ""
    return attributes


class _Builder:
    """Links Tags and strings as bs4's parser does: parent, contents, siblings and the
    next_element chain in document order."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup, self.builder = soup, soup.builder
        self.last: PageElement = soup
        self.keep_whitespace: list[Tag] = []
        self.containers: list[Tag] = []

    def tag(self, name: str, attrs: dict[str, str], parent: Tag) -> Tag:
        tag = Tag(self.soup, self.builder, name, None, None, attrs, parent, self.last)
        parent.contents.append(tag)
        self.last = tag
        return tag

    def text(self, value: str, parent: Tag) -> None:
        if not self.keep_whitespace and not value.strip(_ASCII_SPACES):
            value = "\n" if "\n" in value else " "
        string_class = NavigableString
        if self.containers:
            string_class = self.builder.string_containers.get(self.containers[-1].name, NavigableString)
        string = string_class(value)
        string.setup(parent, self.last)
        parent.contents.append(string)
        self.last = string

    def element(self, element: Any, parent: Tag) -> None:
        """`element` and everything in it (not its tail), under `parent`; a loop, not recursion:
        trees of any depth reach this point."""
        stack: list[tuple[Any, Tag, Any]] = [(element, self.open(element, parent), iter(element))]
        while stack:
            source, tag, children = stack[-1]
            child = next(children, None)
            if child is None:
                self.close(source, tag)
                stack.pop()
                continue
            if isinstance(child.tag, str):
                stack.append((child, self.open(child, tag), iter(child)))
                continue  # its tail comes once it is closed
            if child.tail:
                self.text(child.tail, tag)

    def open(self, element: Any, parent: Tag) -> Tag:
        tag = self.tag(element.tag, _attributes(element) if element.attrib else {}, parent)
        if tag.name in self.builder.preserve_whitespace_tags:
            self.keep_whitespace.append(tag)
        if tag.name in self.builder.string_containers:
            self.containers.append(tag)
        if element.text:
            self.text(element.text, tag)
        return tag

    def close(self, element: Any, tag: Tag) -> None:
        """The end of `element`, built as `tag`; its tail follows it in its parent."""
        if self.keep_whitespace and self.keep_whitespace[-1] is tag:
            self.keep_whitespace.pop()
        if self.containers and self.containers[-1] is tag:
            self.containers.pop()
        if element.tail and tag.parent is not None and not isinstance(tag.parent, BeautifulSoup):
            self.text(element.tail, tag.parent)


def soup_from_lxml(root: Any) -> BeautifulSoup:
    """The soup BeautifulSoup(etree.tostring(root, method="html"), "lxml") would give."""
    # An empty soup to fill: bs4's lxml builder would start an lxml parser just to read "" (50 µs
    # against 15 µs a post); html.parser's builder sets up the same HTML rules for the Tags.
    soup = BeautifulSoup("", "html.parser")
    builder = _Builder(soup)
    if root.tag == "html":
        builder.element(root, soup)
    else:
        body = builder.tag("body", {}, builder.tag("html", {}, soup))
        builder.element(root, body)
    return soup
