"""Code blocks in the tree: one text per <pre> (as a reader sees its lines) and its language."""

from __future__ import annotations

import re

from bs4.element import Tag

from md_convert.html.tree import children_named

_LANGUAGE_CLASS = re.compile(r"^(?:language|lang|highlight-source|code-snippet_?_?)-?([A-Za-z0-9_+#.-]+)$")
_SAFE_LANGUAGE = re.compile(r"^[A-Za-z0-9_+#.-]{1,30}$")
_LINE_BLOCKS = frozenset({"p", "div", "li", "tr", "section"})


def code_text(pre: Tag) -> str:
    """The text of a <pre> as a reader sees it: <br> and WeChat's one-<code>-per-line become newlines."""
    lines = children_named(pre, ("code",))
    if len(lines) >= 2:
        return "\n".join(_text_with_breaks(code) for code in lines)
    return _text_with_breaks(pre)


def _text_with_breaks(element: Tag) -> str:
    parts: list[str] = []
    for node in element.descendants:
        name = getattr(node, "name", None)
        if name is None:
            parts.append(str(node))
        elif name == "br":
            parts.append("\n")
        elif name in _LINE_BLOCKS and parts and not parts[-1].endswith("\n"):
            parts.append("\n")
    return "".join(parts)


def code_language(pre: Tag) -> str:
    """The language named by `data-lang`, `lang` or a `language-*`-style class on <pre> or <code>."""
    candidates = [pre, *pre.find_all("code", limit=3)]
    for element in candidates:
        for attribute in ("data-lang", "lang"):
            value = str(element.get(attribute) or "").strip()
            if _SAFE_LANGUAGE.match(value):
                return value.lower()
        for css_class in element.get("class") or []:
            match = _LANGUAGE_CLASS.match(css_class)
            if match and match.group(1).lower() not in {"outer", "line", "index"}:
                return match.group(1).lower()
    return ""
