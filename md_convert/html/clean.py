"""WeChat soup surgery: from hostile HTML to a tree that says only what a reader sees.

Runs on the parsed tree before markdownify walks it: plugin tags, hidden editor markers and
scripts go; bold/italic/strike given by `style` become tags; lazy images get their real URL;
code blocks are reduced to their text; attributes the converter does not read are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, NavigableString, PageElement, ProcessingInstruction, Tag

from md_convert import markers as mk
from md_convert.html.attributes import READ_BY_CONVERTER, URL_STASH, is_hidden
from md_convert.html.code_blocks import code_language, code_text
from md_convert.html.code_links import lift_links_out_of_code
from md_convert.html.controls import CONTROLS, replace_control
from md_convert.html.depth import cap_depth, is_removed, reaches_depth_cap
from md_convert.html.emphasis_tree import distribute_emphasis
from md_convert.html.from_lxml import soup_from_lxml
from md_convert.html.lazy_media import resolve_image_source, resolve_video_source, shown_by_player
from md_convert.html.segment_breaks import remove_segment_breaks
from md_convert.html.tables import normalise_table
from md_convert.html.tree import children_named, first_tag, has_tag_in, tags_in
from md_convert.html.wechat_plugins import is_plugin, plugin_placeholder
from md_convert.options import ConvertOptions
from md_convert.tags import EMPHASIS, FORMATTING, HEADINGS, LISTS, PROSE_IN_PRE, STRIKE, STRONG

_INVISIBLE_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "object", "embed",
     "canvas", "map", "area"}
)
_STYLE_FORMATS = (
    (re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.I), "strong"),
    (re.compile(r"font-style\s*:\s*(?:italic|oblique)\b", re.I), "em"),
    (re.compile(r"text-decoration(?:-line)?\s*:[^;]*line-through", re.I), "del"),
)
_FORMAT_TAGS = {"strong": STRONG, "em": EMPHASIS, "del": STRIKE}
_NON_ELEMENTS = (Comment, Declaration, Doctype, ProcessingInstruction)
_NOT_A_HEADING = re.compile(r"h(?![1-6]$)\d+")  # h0, h07, h7…: markdownify takes any h<digits>


def clean_pruned(pruned: Any, options: ConvertOptions) -> Tag:
    """The cleaned tree of an lxml tree that `prune` has been through (a whole document or a piece),
    or of HTML lxml could not build; the pipeline then flags adjacent lists, which may need what
    the pieces before held."""
    soup = BeautifulSoup(pruned, "lxml") if isinstance(pruned, str) else soup_from_lxml(pruned)
    root = first_tag(soup, "body") or soup
    for node in [node for node in root.descendants if isinstance(node, _NON_ELEMENTS)]:
        node.extract()
    for tag in tags_in(root):
        if not is_removed(tag):
            _remove_unseen(soup, tag, options)
    if isinstance(pruned, str) or reaches_depth_cap(pruned):  # a C-speed test first: real posts are shallow
        cap_depth(root)  # after removal, so that flattening never brings hidden text back
    for tag in tags_in(root):
        if tag.attrs:  # most tags have none left after the lxml pass
            _restore_urls(tag)
            _styles_to_tags(soup, tag)
        _normalise(tag)
        if tag.attrs:
            _keep_only_known_attributes(tag)
    for tag in tags_in(root, FORMATTING):
        distribute_emphasis(tag)
    remove_segment_breaks(root)
    return root


def _remove_unseen(soup: BeautifulSoup, tag: Tag, options: ConvertOptions) -> None:
    """Scripts, hidden elements and plugins go (plugins may leave a placeholder)."""
    if tag.name in _INVISIBLE_TAGS or (is_hidden(str(tag.get("style") or "")) and not shown_by_player(tag)):
        tag.decompose()
    elif tag.name in CONTROLS:
        replace_control(soup, tag)
    elif is_plugin(tag):
        _replace_plugin(soup, tag, options)


def _replace_plugin(soup: BeautifulSoup, tag: Tag, options: ConvertOptions) -> None:
    note = plugin_placeholder(tag) if options.plugin_placeholders else ""
    if note:
        paragraph = soup.new_tag("p")
        paragraph.string = note
        tag.replace_with(paragraph)
    else:
        tag.decompose()


def _restore_urls(tag: Tag) -> None:
    for original, stashed in URL_STASH.items():
        if stashed in tag.attrs:
            tag[original] = tag.attrs.pop(stashed)


def _styles_to_tags(soup: BeautifulSoup, tag: Tag) -> None:
    """`font-weight: bold` on any element reads as bold: say so with a tag."""
    style = str(tag.get("style") or "")
    if not style:
        return
    for pattern, name in _STYLE_FORMATS:
        if tag.name not in _FORMAT_TAGS[name] and pattern.search(style) and tag.get_text(strip=True):
            wrapper = soup.new_tag(name)
            for child in list(tag.contents):
                wrapper.append(child.extract())
            tag.append(wrapper)


def _normalise(tag: Tag) -> None:
    name = tag.name
    if name[0] == "h" and _NOT_A_HEADING.fullmatch(name):
        tag.name = "span"  # `<h7>`: a browser shows plain inline text (markdownify would make a heading)
        return
    normalise = _NORMALISERS.get("heading" if name in HEADINGS else name)
    if normalise is not None:
        normalise(tag)


def _rules_before_heading(heading: Tag) -> None:
    for rule in tags_in(heading, ("hr",)):
        heading.insert_before(rule.extract())  # `<h1><hr>甲</h1>`: the rule comes first


def _normalise_pre(pre: Tag) -> None:
    """A <pre> holding paragraphs, links or another <pre> is prose (WeChat uses it as a wrapper); else code."""
    if has_tag_in(pre, PROSE_IN_PRE):
        pre.name = "div"
        for inner in children_named(pre, ("pre",)):
            if not has_tag_in(inner, ("code",)):
                inner.name = "div"  # a <pre> in a prose <pre>, with no code: decoration too (WECHAT-PATTERNS §12)
        return
    pre[mk.CODE_LANGUAGE] = code_language(pre)
    text = code_text(pre)
    pre.clear()
    pre.append(NavigableString(text))


def _keep_only_known_attributes(tag: Tag) -> None:
    kept = READ_BY_CONVERTER.get(tag.name, ())
    if tag.attrs:
        tag.attrs = {key: value for key, value in tag.attrs.items() if key in kept}


def _place_list_strays(lst: Tag) -> None:
    """What a list holds outside its items goes where a browser shows it. A list or a block between items
    is indented under the item before it (`<ol><li>甲</li><ul>…</ul><li>乙</li></ol>` nests); what comes
    before the first item goes before the list, what follows the last (`<ul><li>…</li><a>预告片</a></ul>`)
    after it, on its own lines. Left in place, a stray would run on as part of the item before it."""
    item: Tag | None = None
    pending = Tag(name="div")  # strays since the last item: indented under it if another item follows
    for child in list(lst.children):
        if isinstance(child, Tag) and child.name == "li":
            _move_block(pending, into=item)
            item, pending = child, Tag(name="div")
        elif not _is_stray(child):
            continue
        elif item is None:
            lst.insert_before(child.extract())
        elif isinstance(child, Tag) and child.name in LISTS:
            _move_block(pending, into=item)
            item.append(child.extract())
            pending = Tag(name="div")
        else:
            pending.append(child.extract())
    if pending.contents:
        lst.insert_after(pending)


def _is_stray(child: PageElement) -> bool:
    return isinstance(child, Tag) or (type(child) is NavigableString and bool(child.strip()))


def _move_block(block: Tag, into: Tag | None) -> None:
    if into is not None and block.contents:
        into.append(block)


_NORMALISERS: dict[str, Callable[[Tag], None]] = {
    "img": resolve_image_source, "iframe": resolve_video_source, "video": resolve_video_source,
    "pre": _normalise_pre, "heading": _rules_before_heading, "table": normalise_table,
    "code": lift_links_out_of_code, "ul": _place_list_strays, "ol": _place_list_strays,
}
"""What each kind of tag needs before conversion (`heading`: any of h1-h6)."""
