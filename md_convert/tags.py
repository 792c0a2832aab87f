"""HTML tag names, each set defined once, with the reason it holds what it holds.

Several sets look alike and differ on purpose: each answers its own question about a tag, and the
answer must stay conservative in the direction its rule needs (a piece may end only where a block
*certainly* shows; a list stays apart from another only where something *certainly* shows).
"""

from __future__ import annotations

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

STRONG = frozenset({"strong", "b"})
EMPHASIS = frozenset({"em", "i"})
STRIKE = frozenset({"del", "s", "strike"})
FORMATTING = STRONG | EMPHASIS | STRIKE
"""Tags whose only effect is bold, italic or strikethrough."""

LISTS = frozenset({"ul", "ol"})
"""Tags that hold list items."""

NO_FORMAT = frozenset({"pre", "code", "kbd", "samp"})
"""Inside these, text is code: no emphasis, no escaping, no links."""

ONE_LINE = frozenset({"td", "th"}) | HEADINGS
"""Containers whose Markdown must stay on one line: a table cell, a heading."""

BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "figure", "figcaption",
     "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr",
     "td", "th", "caption", "hr", "iframe", "video", "center", "form", "details", "summary", "dialog", "menu",
     "fieldset", "address"}
) | HEADINGS
"""Everything a browser lays out as a block of its own (players included): no emphasis can span one."""

LINE_BREAKING = frozenset(
    {"br", "p", "div", "section", "article", "li", "tr", "blockquote", "pre", "table", "ul", "ol",
     "hr", "dt", "dd", "figure"}
) | HEADINGS
"""Where flattened content (too deep to keep its structure) gets a line break."""

BLOCKS_A_SECTION_MAY_HOLD = frozenset(
    {"p", "section", "div", "blockquote", "ul", "ol", "table", "pre", "hr"}
) | HEADINGS
"""A bare `<section>` holding only these adds nothing its blocks do not say, and is unwrapped."""

WHERE_BLOCKS_READ_INLINE = frozenset({"td", "th", "li", "pre", "table"}) | HEADINGS
"""Inside these a block reads differently (a cell, an item, a heading, code): sections stay."""

PIECE_STARTS = frozenset(
    {"p", "div", "section", "article", "main", "blockquote", "ul", "ol", "table", "pre", "hr", "figure"}
) | HEADINGS
"""Blocks a piece of a large document may start with (`html.pieces`)."""

TEXT_BLOCKS = frozenset({"p", "div", "section", "article", "blockquote"}) | HEADINGS
"""Blocks that always become a block of their own once they show any text."""

PIECE_WRAPPERS = frozenset({"html", "body", "div", "section", "article"})
"""Containers a large document is cut inside (`html.pieces`): the document's own root and body, and
the block wrappers that adjacent-list marking also walks through. Not `span`, which lists walk
through but which may not hold a cut (its content is inline)."""

LIST_WRAPPERS = frozenset({"div", "section", "article", "span"})
"""Containers adjacent-list marking looks through to find the block before a list."""

SHOWN_WITHOUT_TEXT = frozenset({"img", "hr", "iframe", "video", "table", "ul", "ol", "pre"})
"""Elements that certainly show with no text in them: one keeps two lists apart."""

MAY_SHOW_WITHOUT_TEXT = SHOWN_WITHOUT_TEXT | frozenset(
    {"audio", "svg", "canvas", "object", "embed", "input", "button", "select", "textarea", "br"}
)
"""Elements that might show with no text in them: a piece ends only after what shows none of them."""

PLAIN_INLINE = frozenset(
    {"span", "font", "u", "a", "code", "small", "mark", "sub", "sup", "ins", "abbr", "cite", "q"}
) | FORMATTING
"""Inline tags whose words a reader sees as they are."""

PROSE_IN_PRE = frozenset({"p", "div", "section", "ul", "ol", "table", "blockquote", "pre", "a"}) | HEADINGS
"""A `<pre>` holding any of these is an editor's wrapper around prose, not code."""
