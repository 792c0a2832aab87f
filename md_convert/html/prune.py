"""A C-speed first pass (lxml) that shrinks WeChat soup before BeautifulSoup and markdownify see it.

Building the bs4 tree and markdownify's walk both cost per node and per attribute, and WeChat
bodies are mostly `<span style="…">` wrappers. Here, at lxml speed: comments go, every attribute
the later steps do not read goes, `style` keeps only what shows (bold, italic, strike, hidden),
and `<span>`/`<font>` left with no attributes are unwrapped (their text stays). The pruned tree
goes to the bs4 cleaning (`from_lxml` builds its soup). Attributes go in bulk (one C call), bare
`<section>` wrappers that only hold blocks are unwrapped.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from md_convert.html.attributes import HIDDEN, READ_AFTER_PRUNING, URL_STASH
from md_convert.tags import BLOCKS_A_SECTION_MAY_HOLD, WHERE_BLOCKS_READ_INLINE

_SHOWN_STYLE = re.compile(r"(?:font-weight|font-style|text-decoration(?:-line)?)\s*:[^;]*|" + HIDDEN.pattern, re.I)
# `class` is kept on code (its language) and on what WeChat and Zhihu name only by class: polls, ad
# cards, video players, GIF players (`wechat_plugins`, `lazy_media`).
_CLASS_IS_LANGUAGE = frozenset({"pre", "code"})
_NAMED_BY_CLASS = re.compile("vote|cps_inner|video_iframe|GifPlayer")
# Whitespace to XPath's normalize-space(), which the section test once was (not NBSP, not U+3000).
_XML_SPACE = " \t\r\n"
# Characters lxml's parser keeps in text but its API refuses to set (XML 1.0 has no place for them):
# the complement of XML's Char, spelled out because the negated class takes `re` 4 ms to compile.
NOT_SETTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# How every tree of a document is read (whole here, as a stream in html.stream): the same options,
# and the same failures taken to mean lxml can build no tree.
PARSER_OPTIONS: dict[str, bool] = {"remove_comments": True, "remove_pis": True, "huge_tree": True}
PARSE_ERRORS = (etree.LxmlError, AssertionError, ValueError)
_DEEP = 2000
_AT_DEPTH = etree.XPath("/*" * _DEEP)  # elements _DEEP levels down: one pass, level by level
_UNWRAP = "md-convert-unwrap"
_FRAGMENTS_WORTH_JOINING = 16
_SPACER_PARTS = frozenset({"br", "span", "strong", "b", "em", "i", "font"})


def prune_tree(root: Any) -> Any:
    """A tree that `parse` built (or a piece of one), with presentation-only attributes and wrappers
    removed (in place; the root is returned)."""
    _prune_attributes(root)
    _unwrap(root, [wrapper for wrapper in root.iter("span", "font") if not wrapper.keys()])  # none left
    for spacer in [p for p in root.iter("p") if _is_spacer(p) and not _splits_text(p)]:
        _remove_keeping_tail(spacer)
    _unwrap(root, [section for section in root.iter("section") if _adds_nothing(section)])
    return root


def _adds_nothing(section: Any) -> bool:
    """A bare <section> holding only blocks adds nothing its blocks do not already say (WeChat nests
    them a dozen deep). Not in cells, items, headings or code, where a block reads differently.
    Asked in Python: an XPath with these tests took four times as long."""
    if section.keys() or (section.text or "").strip(_XML_SPACE):
        return False
    if not len(section) or any(
        child.tag not in BLOCKS_A_SECTION_MAY_HOLD or (child.tail or "").strip(_XML_SPACE) for child in section
    ):  # every child is an element: `parse` drops comments and processing instructions
        return False
    return not any(above.tag in WHERE_BLOCKS_READ_INLINE for above in section.iterancestors())


def _unwrap(root: Any, elements: list[Any]) -> None:
    """Replace each element by its content, in one C-level pass."""
    unwrapped = set(elements)
    crowded = Counter(parent for parent in (e.getparent() for e in elements) if parent not in unwrapped)
    for element in elements:
        element.tag = _UNWRAP
    etree.strip_tags(root, _UNWRAP)
    for parent, count in crowded.items():
        if count >= _FRAGMENTS_WORTH_JOINING:
            _join_text_nodes(parent)


def _join_text_nodes(parent: Any) -> None:
    """strip_tags leaves the text of each element it removed as a text node of its own, and lxml
    reads adjacent text nodes back by concatenating them one at a time: a paragraph of 200,000
    unwrapped <span>s took seconds, growing with the square of the count. The text serializer
    reads them in one pass; each run is set back as one string."""
    whole = _text_of(parent, with_tail=False)
    shown_by_children = [(child, _text_of(child, with_tail=True), _text_of(child, with_tail=False))
                         for child in parent if isinstance(child.tag, str)]
    own = len(whole) - sum(len(with_tail) for _, with_tail, _ in shown_by_children)
    parent.text = _settable(whole[:own]) or None
    for child, with_tail, inside in shown_by_children:
        child.tail = _settable(with_tail[len(inside):]) or None


def _text_of(element: Any, with_tail: bool) -> str:
    return str(etree.tostring(element, method="text", encoding="unicode", with_tail=with_tail))


def parse(html: str) -> Any:
    """The lxml tree of an HTML document, or None when lxml cannot build one.

    libxml2's own tree builder: three times faster than a Python-visible target, but it stops near
    2,048 levels of nesting, sometimes without a word. A tree that reaches _DEEP levels is built again
    through a TreeBuilder target, which has no such limit and loses nothing."""
    root = _read(html)
    if root is None or (html.count("<") >= _DEEP and _AT_DEPTH(root)):
        root = _build(html, etree.HTMLParser(target=etree.TreeBuilder(), remove_comments=True, remove_pis=True))
    if root is not None:
        _move_into_body(root)
    return root


def _read(html: str) -> Any:
    """libxml2's tree of the document read whole: its push parser (feed) keeps its input buffer
    until the end, which put a 50 MB body's peak 48 MB higher. A string that declares an encoding
    is refused by this reader; the push parser takes it."""
    parser = etree.HTMLParser(**PARSER_OPTIONS)
    try:
        return etree.fromstring(html, parser)
    except ValueError:
        return _build(html, etree.HTMLParser(**PARSER_OPTIONS))
    except (etree.LxmlError, AssertionError):
        return None


def _build(html: str, parser: Any) -> Any:
    """The parser's tree, or None when lxml cannot build one."""
    try:
        parser.feed(html)
        return parser.close()
    except PARSE_ERRORS:
        return None


def _move_into_body(root: Any) -> None:
    """Content after `</body>` or `</html>` is shown in the body, as browsers do. libxml2 leaves it
    beside the body, or in a second `<html>` after the root, where the cleaning would lose it."""
    body = root.find("body")
    if body is None:
        return
    if body.getnext() is not None or (body.tail or "").strip():
        _append_text(body, body.tail)
        body.tail = None
        for sibling in list(body.itersiblings()):
            body.append(sibling)
    for later in list(root.itersiblings()):
        if isinstance(later.tag, str):
            _move_content(later, body)


def _move_content(source: Any, body: Any) -> None:
    _append_text(body, source.text)
    for child in list(source):
        if child.tag in ("html", "body"):
            _move_content(child, body)
            _append_text(body, child.tail)
        else:
            body.append(child)  # with its tail


def _append_text(element: Any, text: str | None) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = _settable((element[-1].tail or "") + text)
    else:
        element.text = _settable((element.text or "") + text)


def _is_spacer(paragraph: Any) -> bool:
    """`<p><br></p>`, `<p>&nbsp;</p>`, `<p><strong><br></strong></p>`: WeChat's vertical spacing.
    Asked of every <p> in Python, in one pass that stops at the first word or other tag: an XPath
    blank test (translate() over each paragraph's text) was slower, and so was joining its text."""
    if (paragraph.text or "").strip():
        return False
    return not any(
        child.tag not in _SPACER_PARTS or (child.text or "").strip() or (child.tail or "").strip()
        for child in paragraph.iterdescendants()
    )


def _splits_text(paragraph: Any) -> bool:
    """`甲<p></p>乙`: text on both sides, which the empty paragraph shows on two lines."""
    if not (paragraph.tail or "").strip():
        return False
    previous = paragraph.getprevious()
    return previous is not None or bool((paragraph.getparent().text or "").strip())


def _remove_keeping_tail(element: Any) -> None:
    parent, tail = element.getparent(), element.tail
    if parent is None:
        return
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = _settable((previous.tail or "") + tail)
        else:
            parent.text = _settable((parent.text or "") + tail)
    parent.remove(element)


def _settable(text: str) -> str:
    """Text without the control characters that lxml's parser keeps but its API refuses to set
    (a reader sees none of them)."""
    return NOT_SETTABLE.sub("", text)


def _prune_attributes(root: Any) -> None:
    """Drop every attribute not in READ_AFTER_PRUNING, `class` outside code, and `style` that shows nothing.

    One Python pass reads what is kept (shown styles, classes, URLs) and which names occur; the
    dropping is done in bulk at C level (one strip_attributes call). A Python loop removing attributes
    one by one cost a third of the whole conversion, and separate XPath scans for names, styles,
    classes and URLs each walked the whole tree again.
    """
    names, styles, classes, with_url = _read_attributes(root)
    _drop_unnamable(root, names)
    etree.strip_attributes(root, *(names - READ_AFTER_PRUNING), "style", "class")
    for element, style in styles:
        if style:
            element.set("style", _settable(style))
    for element, value in classes:
        element.set("class", _settable(value))
    for element in with_url:  # libxml2 would percent-encode URLs on output
        for name, stash in URL_STASH.items():
            if name in element.attrib:
                element.set(stash, _settable(element.attrib.pop(name)))


def _read_attributes(root: Any) -> tuple[set[str], list[tuple[Any, str]], list[tuple[Any, str]], list[Any]]:
    """Every attribute name in the tree; the styles that show, the classes kept, the elements with URLs."""
    names: set[str] = set()
    styles, classes, with_url = [], [], []
    for element in root.iter(etree.Element):
        keys = element.keys()
        if not keys:
            continue
        names.update(keys)
        style = element.get("style")
        if style is not None and may_show(style):
            styles.append((element, _shown_style(style)))
        value = element.get("class")
        if value is not None and (element.tag in _CLASS_IS_LANGUAGE or _NAMED_BY_CLASS.search(value)):
            classes.append((element, value))
        if "href" in keys or "src" in keys:
            with_url.append(element)
    return names, styles, classes, with_url


def _drop_unnamable(root: Any, names: set[str]) -> None:
    """Attributes whose names lxml's API cannot spell (control characters: `<x \x0b>`) go, from
    the few elements that have any, by clearing and restoring what is kept."""
    unnamable = {name for name in names if NOT_SETTABLE.search(name)}
    if not unnamable:
        return
    names -= unnamable
    for element in [element for element in root.iter(etree.Element) if unnamable.intersection(element.keys())]:
        kept = kept_attributes(element)
        element.attrib.clear()
        element.attrib.update(kept)


def kept_attributes(element: Any) -> dict[str, str]:
    """The attributes of an element that pruning could keep (the rest it drops unread)."""
    return {name: _settable(element.get(name)) for name in element.attrib.keys() if name in READ_AFTER_PRUNING}


def may_show(style: str) -> bool:
    """A quick filter before _SHOWN_STYLE: ten times faster than any regex on WeChat's long styles."""
    lowered = style.lower()
    return "font-weight" in lowered or "font-style" in lowered or "text-decoration" in lowered or "none" in lowered


def _shown_style(style: str) -> str:
    return "; ".join(m.group(0) for m in _SHOWN_STYLE.finditer(style))
