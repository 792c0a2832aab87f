"""Image download: the only network code. Fetch each image once, store it under a content-hash
name, and say where it is; refuse what is unsafe; never let one failure stop the others.
"""

from __future__ import annotations

import hashlib
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from md_convert._version import __version__
from md_convert.atomic_write import write_bytes_atomically
from md_convert.data_uris import decode_data_uri
from md_convert.images.settings import DownloadSettings

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF87a", ".gif"), (b"GIF89a", ".gif"),
    (b"BM", ".bmp"), (b"\x00\x00\x01\x00", ".ico"),
)


class ImageError(Exception):
    """Why one image could not be stored (the Markdown keeps its remote URL)."""


@dataclass
class Downloads:
    """Where each URL's image now is (a file name in the image folder), and what failed."""

    stored: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def extension_for(data: bytes, content_type: str) -> str:
    """The file extension the bytes prove (magic number), else what an image Content-Type says."""
    for signature, extension in _SIGNATURES:
        if data.startswith(signature):
            return extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return ".avif"
    kind = content_type.split(";")[0].strip().lower()
    if kind == "image/svg+xml" and b"<svg" in data[:4096]:
        return ".svg"
    raise ImageError(f"not an image: {_what_it_is(data)} (served as {kind or 'no Content-Type'})")


def _what_it_is(data: bytes) -> str:
    """What bytes that are no image are, as far as their first bytes tell."""
    start = data[:512].lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "an HTML page"
    if start.startswith((b"{", b"[")):
        return "JSON"
    if not data:
        return "empty"
    return "unknown bytes"


class Downloader:
    """Fetches images into one folder with bounded concurrency, once per URL per run."""

    def __init__(self, folder: Path, settings: DownloadSettings, lookup_only: bool = False) -> None:
        import httpx

        from md_convert.images.address_guard import guarded_transport

        self.folder, self.settings, self.lookup_only = folder, settings, lookup_only
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout, connect=min(10.0, settings.timeout)),
            follow_redirects=True, max_redirects=settings.max_redirects,
            headers={"User-Agent": f"md-convert/{__version__} (image download)"}
            | ({"Referer": settings.referer} if settings.referer else {}),
            event_hooks={"request": [self._check_request]},
            # The hook refuses private hosts early with a clear message; the transport closes the window
            # between that lookup and the connection (DNS rebinding).
            transport=None if settings.allow_private_hosts else guarded_transport(),
        )
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def fetch_all(self, urls: Iterable[str], on_done: Callable[[int], None] | None = None) -> Downloads:
        """Store every distinct URL; failures are recorded, never raised. on_done(total) per image."""
        unique = list(dict.fromkeys(urls))
        result = Downloads()
        with ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency)) as pool:
            for url, (name, error) in zip(unique, pool.map(self._fetch_one, unique), strict=True):
                if name:
                    result.stored[url] = name
                else:
                    result.failed[url] = error
                if on_done is not None:
                    on_done(len(unique))
        return result

    def _fetch_one(self, url: str) -> tuple[str, str]:
        try:
            return self._store(url), ""
        except ImageError as error:
            return "", str(error)

    def _store(self, url: str) -> str:
        marker = self.folder / ".urls" / hashlib.sha256(url.encode()).hexdigest()[:32]
        if not self.settings.refresh and marker.exists():
            name = marker.read_text(encoding="utf-8").strip()
            if (self.folder / name).exists():
                return name  # fetched by an earlier run
        if self.lookup_only:
            raise ImageError("not downloaded yet")
        if url.startswith("data:"):
            data, content_type = _decode_data_uri(url, self.settings.max_bytes)
        else:
            data, content_type = self._get(url)
        name = hashlib.sha256(data).hexdigest()[:20] + extension_for(data, content_type)
        if not (self.folder / name).exists():  # the same bytes are stored once
            write_bytes_atomically(self.folder / name, data)
        write_bytes_atomically(marker, name.encode())
        return name

    def _get(self, url: str) -> tuple[bytes, str]:
        import httpx

        scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise ImageError(f"{scheme or 'relative'} URL not fetched (only http and https)")
        for attempt in range(self.settings.retries):
            try:
                with self._host_slot(url):
                    return self._get_once(url)
            except (httpx.TimeoutException, httpx.TransportError, _ServerError) as error:
                if isinstance(error, httpx.TooManyRedirects) or attempt + 1 == self.settings.retries:
                    raise ImageError(_describe(error)) from None
                time.sleep(0.2 * 2**attempt)
            except httpx.HTTPError as error:
                raise ImageError(_describe(error)) from None
        raise ImageError("no attempt made")

    def _get_once(self, url: str) -> tuple[bytes, str]:
        with self._client.stream("GET", url) as response:
            if response.status_code >= 500:
                raise _ServerError(f"HTTP {response.status_code}")
            if response.status_code >= 400:
                raise ImageError(f"HTTP {response.status_code}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > self.settings.max_bytes:
                raise ImageError(f"larger than {self.settings.max_bytes} bytes")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.settings.max_bytes:
                    raise ImageError(f"larger than {self.settings.max_bytes} bytes")
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("content-type", "")

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = urllib.parse.urlsplit(url).hostname or ""
        with self._lock:
            return self._hosts.setdefault(host, threading.Semaphore(self.settings.per_host))

    def _check_request(self, request: Any) -> None:
        """Every request, redirects included: http(s) only, and no private hosts unless allowed."""
        if request.url.scheme not in ("http", "https"):
            raise ImageError(f"redirect to a {request.url.scheme} URL refused")
        if not self.settings.allow_private_hosts:
            refuse_private_host(request.url.host)


class _ServerError(Exception):
    """A 5xx answer: worth another try."""


def refuse_private_host(host: str) -> None:
    """Raise ImageError when the host resolves to loopback, private, link-local or multicast addresses."""
    from md_convert.images.address_guard import RefusedAddress, public_addresses

    try:
        public_addresses(host)
    except RefusedAddress as refusal:
        raise ImageError(str(refusal)) from None


def _decode_data_uri(url: str, max_bytes: int) -> tuple[bytes, str]:
    if len(url.partition(",")[2]) > max_bytes * 4 // 3 + 4:
        raise ImageError(f"larger than {max_bytes} bytes")
    try:
        return decode_data_uri(url)
    except ValueError as error:
        raise ImageError(f"bad data: URI ({error})") from None


def _describe(error: Exception) -> str:
    name = type(error).__name__
    text = str(error).split("\n")[0]
    if "Timeout" in name:
        return "timed out"
    if name == "TooManyRedirects":
        return "too many redirects"
    if isinstance(error.__context__, ImageError):
        return str(error.__context__)
    return text or name
