"""How images are fetched: one object, whose defaults are the command line's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DownloadSettings:
    """How images are fetched; the defaults are the command line's."""

    concurrency: int = 8
    per_host: int = 8
    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 30.0
    retries: int = 3
    max_redirects: int = 5
    referer: str | None = None
    allow_private_hosts: bool = False
    refresh: bool = False
