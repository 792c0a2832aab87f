"""A C-speed first pass (lxml) that shrinks WeChat soup before BeautifulSoup and markdownify see it.

Building the bs4 tree and markdownify's walk both cost per node and per attribute, and WeChat
bodies are mostly `<span style="…">` wrappers. Here, at lxml speed: comments go, every attribute
the later steps do not read goes, `style` keeps only what shows (bold, italic, strike, hidden),
and `<span>`/`<font>` left with no attributes are unwrapped (their text stays). The result is
serialised and handed to the bs4 cleaning as before.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

_KEPT = frozenset(
    {"href", "title", "src", "alt", "start", "colspan", "rowspan", "class", "lang", "data-lang", "data-src",
     "data-original", "data-lazy-src", "data-actualsrc", "data-url", "_src", "data-pluginname", "data-nickname",
     "nickname", "data-title", "musicname", "name", "data-desc", "desc", "poster", "value", "style"}
)
_SHOWN_STYLE = re.compile(
    r"(?:font-weight|font-style|text-decoration(?:-line)?|display)\s*:[^;]*", re.I
)
_WRAPPERS = ("span", "font")
URL_ATTRIBUTES = {"href": "data-md-href", "src": "data-md-src"}
_UNWRAP = "md-convert-unwrap"
_SPACER_PARTS = frozenset({"br", "span", "strong", "b", "em", "i", "font"})
_CLASS_READERS = frozenset({"pre", "code"})  # classes name a code block's language; elsewhere they are styling


def prune(html: str) -> str:
    """The same document with presentation-only attributes and wrappers removed, as an HTML string."""
    # A parser target builds the tree without libxml2's depth limit, which silently drops content.
    parser = etree.HTMLParser(target=etree.TreeBuilder(), remove_comments=True, remove_pis=True)
    try:
        parser.feed(html)
        root = parser.close()
    except (etree.LxmlError, AssertionError):
        return html  # nothing lxml could build: leave it all to bs4
    for element in root.iter():
        if element.attrib:
            _prune_attributes(element.attrib, element.tag)
    for wrapper in root.iter(*_WRAPPERS):
        if not wrapper.attrib:
            wrapper.tag = _UNWRAP
    etree.strip_tags(root, _UNWRAP)
    for spacer in [p for p in root.iter("p") if _is_spacer(p)]:
        _remove_keeping_tail(spacer)
    return str(etree.tostring(root, method="html", encoding="unicode"))


def _is_spacer(paragraph: Any) -> bool:
    """`<p><br></p>`, `<p>&nbsp;</p>`, `<p><strong><br></strong></p>`: WeChat's vertical spacing."""
    if any(child.tag not in _SPACER_PARTS for child in paragraph.iterdescendants()):
        return False
    return not "".join(paragraph.itertext()).strip()


def _remove_keeping_tail(element: Any) -> None:
    parent, tail = element.getparent(), element.tail
    if parent is None:
        return
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _prune_attributes(attributes: Any, tag: str) -> None:
    for name in list(attributes.keys()):
        if name not in _KEPT or (name == "class" and tag not in _CLASS_READERS):
            del attributes[name]
        elif name in URL_ATTRIBUTES:  # libxml2 would percent-encode these on output
            attributes[URL_ATTRIBUTES[name]] = attributes.pop(name)
    style = attributes.get("style")
    if style is not None:
        shown = "; ".join(m.group(0) for m in _SHOWN_STYLE.finditer(style))
        if shown:
            attributes["style"] = shown
        else:
            del attributes["style"]
