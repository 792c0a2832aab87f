"""--download-images: fetch a converted post's images and link them by relative paths."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .document import join_post, split_post
from .image_links import cover_urls, image_urls, replace_cover_urls, replace_image_urls
from .images import DownloadSettings


@dataclass(frozen=True)
class ImagePlan:
    """Where images go and how they are fetched. image_dir None: `<post>.assets` beside each post."""

    settings: DownloadSettings = field(default_factory=DownloadSettings)
    image_dir: Path | None = None
    covers: bool = False
    strict: bool = False


def localize_images(
    markdown: str, markdown_path: Path, plan: ImagePlan, dry_run: bool = False
) -> tuple[str, list[str]]:
    """The post with downloaded images linked locally, and one line per image that failed.

    With dry_run nothing is fetched: images an earlier run stored are linked, the rest stay remote.
    """
    from .images import Downloader

    post = split_post(markdown)
    urls = image_urls(post.body) + (cover_urls(post.front_matter) if plan.covers else [])
    if not urls:
        return markdown, []
    folder = plan.image_dir or markdown_path.parent / f"{markdown_path.stem}.assets"
    downloader = Downloader(folder, plan.settings, lookup_only=dry_run)
    try:
        downloads = downloader.fetch_all(urls)
    finally:
        downloader.close()

    def local(url: str) -> str | None:
        name = downloads.stored.get(url)
        return Path(os.path.relpath(folder / name, markdown_path.parent)).as_posix() if name else None

    body = replace_image_urls(post.body, local)
    front = replace_cover_urls(post.front_matter, local) if plan.covers and post.front_matter else post.front_matter
    failures = [] if dry_run else [f"image not downloaded: {url}: {why}" for url, why in downloads.failed.items()]
    return join_post(front, body), failures
