"""The conversion, stage by stage: the one module that says in which order the passes run.

    post       text -> front matter + body                       post.front_matter
    html       body -> pruned lxml pieces (a large body is cut,  html.pieces, html.prune,
               and read as a stream)                            html.stream
               piece -> cleaned BeautifulSoup tree              html.clean
               adjacent lists flagged, across pieces            html.adjacent_lists
    markdown   tree -> Markdown with markers                     markdown.converter
    text       markers resolved, pass by pass (text_passes)     markdown.escaping, markdown.emphasis,
                                                                 markdown.finish

Pure: strings in, strings out; no files, no network, no printing. The stages load on first use, so
that a command that converts nothing (`--version`, a Markdown post) does not pay for their imports.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from md_convert.options import DEFAULT_OPTIONS, ConvertOptions
from md_convert.post.front_matter import join_post, normalize_newlines, split_post

if TYPE_CHECKING:
    from bs4.element import Tag

    from md_convert.html.adjacent_lists import LastBlock

_T = TypeVar("_T")
_HTML_TAG = re.compile(
    r"<(?:p|div|section|span|img|br|a|h[1-6]|ul|ol|li|table|tr|td|strong|b|em|i|pre|code|blockquote|article|"
    r"font|figure|iframe|video|script|style|noscript|mp[a-z-]*|qqmusic)\b[^>]*>|&(?:nbsp|#\d+|#x[0-9a-f]+);",
    re.I,
)
_MARKDOWN_LINE = re.compile(r"^(?:#{1,6} |```|~~~|> |[-*+] \S|\d{1,9}\. \S|!\[[^\]]*\]\()", re.M)


@dataclass(frozen=True)
class Stages:
    """The passes of a conversion, in the order they run."""

    pruned_pieces: Callable[..., Iterator[Any]]  # (html, streamed=…)
    clean: Callable[[Any, ConvertOptions], Tag]
    mark_adjacent_lists: Callable[[Tag, LastBlock | None], LastBlock | None]
    converter: Callable[[ConvertOptions], Any]
    """The converter for a set of options, made once per set: it holds no state of a conversion, and
    making one (markdownify's option merging, its per-tag method cache) cost 1 % of a WeChat post."""
    text_passes: tuple[tuple[str, Callable[[str, ConvertOptions], str]], ...]
    """Named passes over the converter's Markdown, each taking the previous one's output."""


@functools.cache
def stages() -> Stages:
    """The stages, imported and assembled once (a batch calls this before its workers fork)."""
    from md_convert.html.adjacent_lists import mark_adjacent_lists
    from md_convert.html.clean import clean_pruned
    from md_convert.html.pieces import pruned_pieces
    from md_convert.markdown.converter import PostConverter
    from md_convert.markdown.emphasis.flanking import resolve_emphasis
    from md_convert.markdown.escaping import (
        angle_destinations_before_text,
        escape_bang_before_links,
        escape_split_list_markers,
    )
    from md_convert.markdown.finish import finish_markdown

    return Stages(
        pruned_pieces=pruned_pieces,
        clean=clean_pruned,
        mark_adjacent_lists=mark_adjacent_lists,
        converter=functools.lru_cache(maxsize=16)(PostConverter),
        text_passes=(
            ("escape `!` before links", lambda markdown, _: escape_bang_before_links(markdown)),  # needs markers: first
            ("escape list markers split across nodes", lambda markdown, _: escape_split_list_markers(markdown)),
            ("angle destinations before text", lambda markdown, _: angle_destinations_before_text(markdown)),
            ("emphasis delimiters", lambda markdown, _: resolve_emphasis(markdown)),
            ("line layout", lambda markdown, options: finish_markdown(markdown, options.hard_break)),  # last
        ),
    )


def _options(options: ConvertOptions | None, changes: dict[str, Any]) -> ConvertOptions:
    options = options or DEFAULT_OPTIONS
    return options.with_changes(**changes) if changes else options


def _text(value: str | bytes) -> str:
    """Text as given, or bytes decoded as the command line decodes a file (InputError if they cannot be)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        from md_convert.post.decoding import decode_bytes

        return decode_bytes(bytes(value))
    raise TypeError(f"md-convert converts str or bytes, not {type(value).__name__}")


def convert_html(html: str | bytes, options: ConvertOptions | None = None, **changes: Any) -> str:
    """Convert an HTML body fragment to Markdown (one final newline; '' for an empty body)."""
    options = _options(options, changes)
    html = normalize_newlines(_text(html))
    if not html.strip():
        return ""
    markdown = _converted_markdown(html, options)
    for _name, text_pass in stages().text_passes:
        markdown = text_pass(markdown, options)
    return markdown


def over_cleaned_trees(html: str, options: ConvertOptions, consume: Callable[[Iterator[Tag]], _T]) -> _T:
    """`consume` of the cleaned tree of each piece of the body, in order, adjacent lists flagged across
    pieces; `consume` may decompose each tree once it is done with it. A long body is read as a
    stream; if the stream finds it needs the whole tree, `consume` runs again over the whole's pieces."""
    from md_convert.html.stream import WholeTreeNeeded

    try:
        return consume(_cleaned_trees(html, options, streamed=True))
    except WholeTreeNeeded:
        return consume(_cleaned_trees(html, options, streamed=False))


def _cleaned_trees(html: str, options: ConvertOptions, streamed: bool) -> Iterator[Tag]:
    run = stages()
    last_block: LastBlock | None = None
    for piece in run.pruned_pieces(html, streamed=streamed):
        tree = run.clean(piece, options)
        last_block = run.mark_adjacent_lists(tree, last_block)
        yield tree


def _converted_markdown(html: str, options: ConvertOptions) -> str:
    """The converter's Markdown (with markers) of a body, piece by piece."""
    converter = stages().converter(options)

    def joined(trees: Iterator[Tag]) -> str:
        parts: list[str] = []
        for tree in trees:
            parts.append(converter.convert_soup(tree).strip("\n"))
            tree.decompose()  # bs4 trees hold reference cycles: free each piece now rather than at a later GC
        return "\n\n".join(parts)

    return over_cleaned_trees(html, options, joined)


def looks_like_html(body: str) -> bool:
    """True when a post body is HTML. A Markdown body with some inline HTML (an `<img>`, a `<br>`)
    is still Markdown: it has Markdown block syntax and does not open with a tag."""
    if _HTML_TAG.search(body) is None:
        return False
    return body.lstrip().startswith("<") or _MARKDOWN_LINE.search(body) is None


@dataclass(frozen=True)
class ConvertedPost:
    markdown: str
    was_html: bool


def convert_post(text: str, options: ConvertOptions | None = None) -> ConvertedPost:
    """Convert a post and say whether its body was HTML (a Markdown post comes back unchanged)."""
    post = split_post(text)
    if not post.body.strip():
        return ConvertedPost(join_post(post.front_matter, ""), was_html=False)
    if not looks_like_html(post.body):
        return ConvertedPost(text, was_html=False)
    return ConvertedPost(join_post(post.front_matter, convert_html(post.body, options)), was_html=True)


def convert_document(text: str | bytes, options: ConvertOptions | None = None, **changes: Any) -> str:
    """Convert a front-matter post to a front-matter Markdown post; a Markdown post comes back unchanged.
    Bytes are decoded as the command line decodes a file; any other type is a TypeError."""
    return convert_post(_text(text), _options(options, changes)).markdown
