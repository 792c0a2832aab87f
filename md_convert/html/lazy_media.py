"""Where an image or a video really is: WeChat lazy-loads both and leaves placeholders in `src`."""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from md_convert import markers as mk
from md_convert.data_uris import decode_data_uri
from md_convert.html.attributes import URL_STASH
from md_convert.html.tree import class_names

_LAZY_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-actualsrc", "data-url", "_src")
_BLANK_PLACEHOLDERS = ("about:blank", "#")
_ABSOLUTE = re.compile(r"(?:https?:)?//", re.I)
_VIDEO_HOSTS = ("v.qq.com", "youtube.com", "youtu.be", "vimeo.com", "bilibili.com", "youku.com", "iqiyi.com",
                "ixigua.com", "douyin.com", "dailymotion.com", "channels.weixin.qq.com")
_SVG_DRAWING = re.compile(r"<(?:path|rect|circle|ellipse|line|polyline|polygon|text|image|use)\b", re.I)
_SVG_TAG = re.compile(r"<svg\b[^>]*>", re.I)
_SAVED_PLAYER = re.compile(r"(?:^|/)player[^/]*\.html?$", re.I)


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
        src = lazy or (src if src.startswith("data:image/") and not is_placeholder_data(src) else "")
    elif not _ABSOLUTE.match(src):
        lazy = _lazy_url(img)
        src = lazy if _ABSOLUTE.match(lazy) else src
    return src


def is_placeholder_data(uri: str) -> bool:
    """A `data:` image that shows nothing: a 1×1 pixel, an SVG of 1×1 or with nothing drawn in it
    (what lazy-loading pages put in `src` until the real image loads). Judged by the bytes, not the
    length: a 16×16 icon is shorter than some placeholders."""
    try:
        data, media_type = decode_data_uri(uri)
    except ValueError:
        return True
    if media_type.startswith("image/svg"):
        return _empty_svg(data.decode("utf-8", "replace"))
    size = _pixel_size(data)
    if size is not None:
        return size[0] * size[1] <= 1
    return len(data) < 64  # a JPEG or WebP that small holds no picture


def _empty_svg(svg: str) -> bool:
    if not _SVG_DRAWING.search(svg):
        return True
    tag = _SVG_TAG.search(svg)
    if tag is None:
        return False
    width, height = _svg_length(tag.group(0), "width"), _svg_length(tag.group(0), "height")
    return width is not None and height is not None and width <= 1 and height <= 1


def _svg_length(tag: str, name: str) -> float | None:
    match = re.search(rf"\b{name}\s*=\s*['\"]?\s*([0-9.]+)\s*(?:px)?['\"\s/>]", tag)
    return float(match.group(1)) if match else None


def _pixel_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's or a GIF's header; None for other formats."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data.startswith((b"GIF87a", b"GIF89a")) and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    return None


def _lazy_url(img: Any) -> str:
    return next((str(img.get(a)).strip() for a in _LAZY_ATTRIBUTES if str(img.get(a) or "").strip()), "")


def shown_by_player(img: Any) -> bool:
    """A hidden image that a lazy player shows once its script runs: Zhihu's GIF player (`GifPlayer`)
    hides the real image behind an SVG play button, which is all a converter would otherwise keep."""
    if img.name != "img":
        return False
    return any("GifPlayer" in class_names(parent) for parent in img.parents if parent.name in ("div", "span", "figure"))


def resolve_video_source(player: Any) -> None:
    """Set `src` of an <iframe>/<video> to its remote URL (or to nothing) and say what it embeds
    (markers.EMBED): a video player, or another page (a code playground, a map). A player with only
    a local copy (a saved page's `…_files/player.html`) still says a video was there."""
    src = _remote(player.get("data-src")) or _remote(player.get("src")) or _source_of(player)
    vid = str(player.get("data-mpvid") or player.get("data-vid") or player.get("vid") or "").strip()
    if not src and re.fullmatch(r"[A-Za-z0-9]{6,20}", vid):
        src = f"https://v.qq.com/x/page/{vid}.html"  # a Tencent video known by its id alone
    local = str(player.get("src") or "").strip()
    player["src"] = src
    player[mk.EMBED] = "video" if player.name == "video" or vid or _plays_video(player, src, local) else "page"


def _remote(url: object) -> str:
    url = str(url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    return url if url.startswith(("http://", "https://")) else ""


def _source_of(player: Any) -> str:
    source = player.find("source") if player.name == "video" else None
    return _remote(source.get("src") or source.get(URL_STASH["src"])) if source is not None else ""


def _plays_video(player: Any, src: str, local: str) -> bool:
    """A video player: WeChat's own (`video_iframe`), a known video host's, or a saved player page."""
    if "video_iframe" in class_names(player):
        return True
    host = urllib.parse.urlsplit(src).hostname or ""
    if any(host == known or host.endswith("." + known) for known in _VIDEO_HOSTS):
        return True
    return not src and bool(_SAVED_PLAYER.search(local))
