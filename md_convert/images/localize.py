"""--download-images: fetch a converted post's images and link them by relative paths."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from md_convert.images.download import DownloadSettings
from md_convert.images.links import cover_urls, image_urls, replace_cover_urls, replace_image_urls
from md_convert.post.front_matter import join_post, split_post


@dataclass(frozen=True)
class ImagePlan:
    """Where images go and how they are fetched. image_dir None: `<post>.assets` beside each post."""

    settings: DownloadSettings = field(default_factory=DownloadSettings)
    image_dir: Path | None = None
    covers: bool = False
    strict: bool = False
    progress: bool = False
    """Draw a progress bar for the downloads on stderr (single-post runs on a terminal)."""


class Localized(NamedTuple):
    markdown: str
    failures: list[str]
    """One line per image that could not be fetched."""
    linked: int = 0
    """How many distinct images are now linked locally."""


def localize_images(markdown: str, markdown_path: Path, plan: ImagePlan, dry_run: bool = False) -> Localized:
    """The post with downloaded images linked locally, one line per image that failed, and a count.

    With dry_run nothing is fetched: images an earlier run stored are linked, the rest stay remote.
    """
    from md_convert.images.download import Downloader

    post = split_post(markdown)
    urls = image_urls(post.body) + (cover_urls(post.front_matter) if plan.covers else [])
    if not urls:
        return Localized(markdown, [])
    folder = plan.image_dir or markdown_path.parent / f"{markdown_path.stem}.assets"
    downloader = Downloader(folder, plan.settings, lookup_only=dry_run)
    try:
        with _download_bar(plan.progress and not dry_run) as advance:
            downloads = downloader.fetch_all(urls, advance)
    finally:
        downloader.close()

    def local(url: str) -> str | None:
        name = downloads.stored.get(url)
        return Path(os.path.relpath(folder / name, markdown_path.parent)).as_posix() if name else None

    body = replace_image_urls(post.body, local)
    front = replace_cover_urls(post.front_matter, local) if plan.covers and post.front_matter else post.front_matter
    failures = [] if dry_run else [f"image not downloaded: {url}: {why}" for url, why in downloads.failed.items()]
    return Localized(join_post(front, body), failures, len(downloads.stored))


@contextlib.contextmanager
def _download_bar(shown: bool) -> Iterator[Callable[[int], None] | None]:
    if not shown:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("images"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True)) as bar:
        task = bar.add_task("images", total=None)

        def advance(total: int) -> None:
            bar.update(task, total=total, advance=1)

        yield advance
