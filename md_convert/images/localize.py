"""--download-images: fetch a converted post's images and link them by relative paths."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from md_convert.images.links import cover_urls, image_urls, replace_cover_urls, replace_image_urls
from md_convert.images.settings import DownloadSettings
from md_convert.post.front_matter import join_post, split_post

if TYPE_CHECKING:
    from md_convert.images.download import Downloads


@dataclass(frozen=True)
class ImagePlan:
    """Where images go and how they are fetched. image_dir None: `<post>.assets` beside each post."""

    settings: DownloadSettings = field(default_factory=DownloadSettings)
    image_dir: Path | None = None
    body: bool = True
    """Fetch the images of the body (--download-images)."""
    covers: bool = False
    """Fetch the cover images named in the front matter (--download-cover)."""


BarFactory = Callable[[], AbstractContextManager[Callable[[int], None] | None]]
"""Opens a progress display; what it yields is called with the number of images once per image."""


class Localized(NamedTuple):
    markdown: str
    failures: list[str]
    """One line per image that could not be fetched."""
    linked: int = 0
    """How many distinct images are now linked locally."""


def localize_images(
    markdown: str, markdown_path: Path, plan: ImagePlan, dry_run: bool = False, open_bar: BarFactory | None = None
) -> Localized:
    """The post with downloaded images linked locally, one line per image that failed, and a count.

    With dry_run nothing is fetched: images an earlier run stored are linked, the rest stay remote.
    `open_bar`, when given, opens a progress display for the downloads (the caller's terminal).
    """
    post = split_post(markdown)
    urls = (image_urls(post.body) if plan.body else []) + (cover_urls(post.front_matter) if plan.covers else [])
    if not urls:
        return Localized(markdown, [])
    folder = plan.image_dir or markdown_path.parent / f"{markdown_path.stem}.assets"
    downloads = _download(urls, folder, plan, dry_run, open_bar)

    def local(url: str) -> str | None:
        name = downloads.stored.get(url)
        return Path(os.path.relpath(folder / name, markdown_path.parent)).as_posix() if name else None

    body = replace_image_urls(post.body, local) if plan.body else post.body
    front = replace_cover_urls(post.front_matter, local) if plan.covers and post.front_matter else post.front_matter
    failures = [] if dry_run else [f"image not downloaded: {url}: {why}" for url, why in downloads.failed.items()]
    return Localized(join_post(front, body), failures, len(downloads.stored))


def _download(urls: list[str], folder: Path, plan: ImagePlan, dry_run: bool, open_bar: BarFactory | None) -> Downloads:
    from md_convert.images.download import Downloader  # the network code loads only here

    downloader = Downloader(folder, plan.settings, lookup_only=dry_run)
    try:
        with open_bar() if open_bar is not None and not dry_run else contextlib.nullcontext() as advance:
            return downloader.fetch_all(urls, advance)
    finally:
        downloader.close()
