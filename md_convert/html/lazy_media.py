"""Where an image or a video really is: WeChat lazy-loads both and leaves placeholders in `src`."""

from __future__ import annotations

import re
from typing import Any

_LAZY_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-actualsrc", "data-url", "_src")
_BLANK_PLACEHOLDERS = ("about:blank", "#")
_ABSOLUTE = re.compile(r"(?:https?:)?//", re.I)


def resolve_image_source(img: Any) -> None:
    """Set `src` to the real image URL (see image_url)."""
    img["src"] = image_url(img)


def image_url(img: Any) -> str:
    """`src` unless empty or a `data:` placeholder, else a lazy attribute ('' for none); `img` is a
    bs4 or an lxml element.

    A relative `src` beside an absolute lazy URL is a saved page's local copy (`标题_files/640.png`
    next to `data-src="https://mmbiz.qpic.cn/…"`): the absolute URL is linked, since Hexo, Hugo
    and GitHub each resolve a relative path against a different root, and none finds the copy."""
    src = str(img.get("src") or "").strip()
    if not src or src.startswith("data:") or src in _BLANK_PLACEHOLDERS:
        lazy = _lazy_url(img)
        src = lazy or ("" if not src.startswith("data:image/") or len(src) < 200 else src)
    elif not _ABSOLUTE.match(src):
        lazy = _lazy_url(img)
        src = lazy if _ABSOLUTE.match(lazy) else src
    return src


def _lazy_url(img: Any) -> str:
    return next((str(img.get(a)).strip() for a in _LAZY_ATTRIBUTES if str(img.get(a) or "").strip()), "")


def resolve_video_source(player: Any) -> None:
    """Set `src` of an <iframe>/<video> to its absolute player URL, or to nothing."""
    src = str(player.get("data-src") or player.get("src") or "").strip()
    if not src and player.name == "video":
        source = player.find("source", src=True)
        src = str(source["src"]).strip() if source else ""
    if src.startswith("//"):
        src = "https:" + src
    player["src"] = src if src.startswith(("http://", "https://")) else ""
