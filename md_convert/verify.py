"""--verify: render the Markdown back (markdown-it-py, CommonMark + GFM tables) and list what a reader lost."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from md_convert.options import ConvertOptions
from md_convert.post.front_matter import split_post

_WHITESPACE = re.compile(r"\s+")


@dataclass
class Losses:
    """Characters, images and links of the source that the rendered Markdown does not show.

    Text is compared character by character with whitespace left out, because where one text node
    ends and the next begins (`8<span>7</span>`) is invisible to a reader.
    """

    characters: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.characters or self.images or self.links)

    def describe(self) -> str:
        parts = []
        if self.characters:
            sample = "".join(self.characters[:20]) + ("…" if len(self.characters) > 20 else "")
            parts.append(f"{len(self.characters)} character(s) of text lost ({sample})")
        if self.images:
            parts.append(f"{len(self.images)} image(s) lost ({self.images[0]})")
        if self.links:
            parts.append(f"{len(self.links)} link(s) lost ({self.links[0]})")
        return "; ".join(parts)


def find_losses(source_post: str, markdown_post: str, options: ConvertOptions) -> Losses:
    """Compare what a reader sees in the source body and in the rendered Markdown body."""
    from bs4 import BeautifulSoup

    from md_convert.pipeline import over_cleaned_trees

    body = split_post(source_post).body
    source = over_cleaned_trees(body, options, lambda trees: _merged([_profile(tree) for tree in trees]))
    rendered = _profile(BeautifulSoup(_render(split_post(markdown_post).body), "lxml"))
    shown = set(rendered["images"])
    return Losses(
        characters=list((Counter(source["text"]) - Counter(rendered["text"])).elements()),
        images=[i for i in dict.fromkeys(source["images"] + _shown_source_images(body)) if i not in shown],
        links=[a for a in source["links"] if a not in set(rendered["links"])],
    )


def _shown_source_images(html: str) -> list[str]:
    """The images a reader of the source sees, read from the source itself rather than from the
    cleaned tree, so that an image the cleaning lost is reported too: each <img> with a real URL
    (lazy ones resolved, placeholders left out) outside what is hidden, scripted or a plugin."""
    from urllib.parse import unquote

    from bs4 import BeautifulSoup

    from md_convert.html.attributes import is_hidden
    from md_convert.html.lazy_media import image_url
    from md_convert.html.wechat_plugins import is_plugin

    images = []
    for img in BeautifulSoup(html, "lxml").find_all("img"):
        unseen = any(parent.name in ("script", "noscript", "template") or is_plugin(parent)
                     or is_hidden(str(parent.get("style") or "")) for parent in [img, *img.parents] if parent.name)
        url = image_url(img)
        if url and not unseen:
            images.append(unquote(url))
    return images


def _render(markdown: str) -> str:
    from md_convert.markdown.commonmark import commonmark_reader

    return str(commonmark_reader().render(markdown))


def _merged(profiles: list[dict[str, list[str]]]) -> dict[str, list[str]]:
    """The profile of a whole body from those of its pieces, in order."""
    return {key: [item for profile in profiles for item in profile[key]] for key in ("text", "images", "links")}


def _profile(tree: Any) -> dict[str, list[str]]:
    from urllib.parse import unquote

    for player in tree.find_all(["iframe", "video"]):
        player.decompose()  # shown as a link line, not as the player's fallback text
    return {
        "text": list(_WHITESPACE.sub("", tree.get_text())),
        "images": [unquote(str(img.get("src"))) for img in tree.find_all("img") if img.get("src")],
        "links": [unquote(str(a.get("href"))) for a in tree.find_all("a", href=True)
                  if a.get_text(strip=True) and str(a["href"]).startswith(("http://", "https://"))],
    }
