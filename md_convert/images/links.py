"""Find the image URLs of a converted post and point them at local files (pure: no I/O)."""

from __future__ import annotations

import re
from collections.abc import Callable

from md_convert.markdown.fences import FENCE

# The image syntax md-convert itself writes: ![alt](url "title") or ![alt](<url with spaces>).
_IMAGE = re.compile(r"(!\[(?:\\.|[^\]\\])*\]\()(<[^>\n]*>|[^\s)]+)((?: \"(?:\\.|[^\"\\])*\")?\))")
COVER_KEYS = ("headimg", "thumbnail", "cover", "image", "banner", "featured_image", "og_image")
_COVER = re.compile(rf"^((?:{'|'.join(COVER_KEYS)})\s*:\s*['\"]?)(https?://[^'\"\s]+)(['\"]?\s*)$", re.M)


def image_urls(markdown: str) -> list[str]:
    """The image URLs of the body, in order, outside code blocks."""
    return [_unwrap(m.group(2)) for part in _prose(markdown) for m in _IMAGE.finditer(part)]


def replace_image_urls(markdown: str, new_url: Callable[[str], str | None]) -> str:
    """Each image URL for which new_url gives a replacement, replaced; code blocks untouched."""
    def swap(match: re.Match[str]) -> str:
        replacement = new_url(_unwrap(match.group(2)))
        if replacement is None:
            return match.group(0)
        target = f"<{replacement}>" if re.search(r"[\s()<>]", replacement) else replacement
        return match.group(1) + target + match.group(3)

    pieces = FENCE.split(markdown)
    return "".join(
        _IMAGE.sub(swap, piece) if _in_prose(pieces, i) else piece for i, piece in enumerate(pieces)
    )


def cover_urls(front_matter: str | None) -> list[str]:
    """URLs of cover-image fields (headimg, thumbnail, cover, …) in a front-matter block."""
    return [m.group(2) for m in _COVER.finditer(front_matter or "")]


def replace_cover_urls(front_matter: str, new_url: Callable[[str], str | None]) -> str:
    """The block with cover URLs replaced; every other byte stays as it was."""
    return _COVER.sub(lambda m: m.group(1) + (new_url(m.group(2)) or m.group(2)) + m.group(3), front_matter)


def _unwrap(target: str) -> str:
    return target[1:-1] if target.startswith("<") else target


def _prose(markdown: str) -> list[str]:
    pieces = FENCE.split(markdown)
    return [piece for i, piece in enumerate(pieces) if _in_prose(pieces, i)]


def _in_prose(pieces: list[str], index: int) -> bool:
    """Pieces of FENCE.split alternate: text, fence, text…; text after an odd number of fences is code."""
    if index % 2:
        return False
    return (index // 2) % 2 == 0
