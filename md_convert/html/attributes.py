"""Which attributes survive, in the two cleaning passes, and what hides an element.

Two whitelists on purpose: the lxml pass (`prune`) keeps every attribute any later step reads (lazy
image URLs, a plugin's descriptive names, a code block's language class, the styles that show), so
that BeautifulSoup builds a small tree; once the tree is cleaned (`clean`), each tag keeps only what
the converter itself writes into the Markdown.
"""

from __future__ import annotations

import re

from md_convert import markers as mk

READ_AFTER_PRUNING = frozenset(
    {"href", "title", "src", "alt", "start", "colspan", "rowspan", "class", "lang", "data-lang", "data-src",
     "data-original", "data-lazy-src", "data-actualsrc", "data-url", "_src", "data-pluginname", "data-nickname",
     "nickname", "data-title", "musicname", "name", "data-desc", "desc", "poster", "value", "style", "type",
     "checked", "selected", "data-mpvid", "data-vid", "vid"}
)
"""Every attribute the cleaning or the converter reads; `prune` drops all others unread."""

READ_BY_CONVERTER = {
    "a": ("href", "title"), "img": ("src", "alt", "title"), "ol": ("start", mk.LIST_ALTERNATE),
    "td": ("colspan", "rowspan"), "th": ("colspan", "rowspan"),
    "pre": (mk.CODE_LANGUAGE,), "ul": (mk.LIST_ALTERNATE,), "iframe": ("src", mk.EMBED), "video": ("src", mk.EMBED),
    "li": (mk.TASK,),
}
"""Per tag, the attributes the converter reads; `clean` drops all others once it is done."""

URL_STASH = {"href": "data-md-href", "src": "data-md-src"}
"""Where `prune` keeps URLs (libxml2 would percent-encode them on output) until `clean` puts them back."""

HIDDEN = re.compile(r"display\s*:\s*none", re.I)
"""What hides an element; not visibility:hidden, which WeChat sets on lazy images that do show."""


def is_hidden(style: str) -> bool:
    """True when an element's inline style hides it from a reader."""
    return HIDDEN.search(style) is not None
