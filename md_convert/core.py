"""The pure conversion: strings in, strings out; no files, no network, no printing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .document import join_post, normalize_newlines, split_post
from .options import DEFAULT_OPTIONS, ConvertOptions

_HTML_TAG = re.compile(
    r"<(?:p|div|section|span|img|br|a|h[1-6]|ul|ol|li|table|tr|td|strong|b|em|i|pre|code|blockquote|article|"
    r"font|figure|iframe|video|script|style|noscript|mp[a-z-]*|qqmusic)\b[^>]*>|&(?:nbsp|#\d+|#x[0-9a-f]+);",
    re.I,
)
_MARKDOWN_LINE = re.compile(r"^(?:#{1,6} |```|~~~|> |[-*+] \S|\d{1,9}\. \S|!\[[^\]]*\]\()", re.M)


def _options(options: ConvertOptions | None, changes: dict[str, Any]) -> ConvertOptions:
    options = options or DEFAULT_OPTIONS
    return options.with_changes(**changes) if changes else options


def convert_html(html: str, options: ConvertOptions | None = None, **changes: Any) -> str:
    """Convert an HTML body fragment to Markdown (one final newline; '' for an empty body)."""
    from .emphasis import resolve_emphasis
    from .escaping import escape_bang_before_links
    from .finish import finish_markdown

    options = _options(options, changes)
    html = normalize_newlines(html)
    if not html.strip():
        return ""
    return finish_markdown(resolve_emphasis(escape_bang_before_links(_body_markdown(html, options))))


def _body_markdown(html: str, options: ConvertOptions) -> str:
    """The converter's Markdown of a body, piece by piece for a large one (see `pieces`)."""
    from .clean import clean_pruned
    from .converter import PostConverter
    from .lists import LastBlock, mark_adjacent_lists
    from .pieces import pruned_pieces

    converter = PostConverter(options)
    parts: list[str] = []
    last_block: LastBlock | None = None
    for piece in pruned_pieces(html):
        tree = clean_pruned(piece, options)
        last_block = mark_adjacent_lists(tree, last_block)
        parts.append(converter.convert_soup(tree).strip("\n"))
        tree.decompose()  # bs4 trees hold reference cycles: free each piece now rather than at a later GC
    return "\n\n".join(parts)


def load_converter() -> None:
    """Import now what convert_html imports on first use (a batch, before its workers fork); kept
    lazy there so that a command converting nothing, `--version`, does not pay for it."""
    from . import clean, converter, emphasis, escaping, finish, lists, pieces  # noqa: F401


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


def convert_document(text: str, options: ConvertOptions | None = None, **changes: Any) -> str:
    """Convert a front-matter post to a front-matter Markdown post; a Markdown post comes back unchanged."""
    return convert_post(text, _options(options, changes)).markdown
