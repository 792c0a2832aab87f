"""--download-images against a real HTTP server on 127.0.0.1, started and stopped by a fixture."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from md_convert.cli.app import run

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 40
GIF = b"GIF89a" + b"\x02" * 40


class Images(BaseHTTPRequestHandler):
    hits: Counter[str] = Counter()
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {
        "/a.png": (200, {"Content-Type": "image/png"}, PNG),
        "/b.jpg": (200, {"Content-Type": "image/jpeg"}, JPEG),
        "/c?wx_fmt=gif": (200, {"Content-Type": "application/octet-stream"}, GIF),
        "/same-1.png": (200, {"Content-Type": "image/png"}, PNG),
        "/same-2.png": (200, {"Content-Type": "image/png"}, PNG),
        "/missing.png": (404, {}, b"no"),
        "/fake.png": (200, {"Content-Type": "image/png"}, b"<!doctype html><html>login</html>"),
        "/huge.png": (200, {"Content-Type": "image/png"}, PNG + b"\x00" * 5000),
        "/hop1": (302, {"Location": "/hop2"}, b""),
        "/hop2": (302, {"Location": "/b.jpg"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
    }

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Images.hits[self.path] += 1
        if self.path == "/slow.png":
            time.sleep(2)
        if self.path == "/flaky.png" and Images.hits[self.path] == 1:
            self._answer(500, {}, b"try again")
            return
        status, headers, body = self.routes.get(self.path, (200, {"Content-Type": "image/png"}, PNG))
        self._answer(status, headers, body)

    def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
        try:
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on a slow answer, as it should

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Images.hits = Counter()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Images)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _post(tmp_path: Path, server: str, paths: list[str]) -> Path:
    images = "".join(f'<p><img data-src="{server}{p}" src="data:image/gif;base64,R0lGOD"></p>' for p in paths)
    post = tmp_path / "post.html"
    post.write_text(f"---\ntitle: x\nheadimg: '{server}/a.png'\n---\n<p>正文</p>{images}", encoding="utf-8")
    return post


def test_images_are_stored_once_and_linked_relatively(tmp_path: Path, server: str, capfd) -> None:
    post = _post(tmp_path, server, ["/a.png", "/b.jpg", "/c?wx_fmt=gif", "/same-1.png", "/same-2.png", "/a.png",
                                    "/hop1", "/flaky.png"])
    out = tmp_path / "site" / "post.md"
    assert run([str(post), "-o", str(out), "--download-images", "--allow-private-hosts"]) == 0
    assert capfd.readouterr().err == ""
    folder = tmp_path / "site" / "post.assets"
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert len(files) == 3 and sorted(Path(f).suffix for f in files) == [".gif", ".jpg", ".png"]
    markdown = out.read_text(encoding="utf-8")
    links = [line[4:-1] for line in markdown.splitlines() if line.startswith("![](")]
    assert len(links) == 8 and all(link.startswith("post.assets/") for link in links)
    assert links[0] == links[3] == links[4] == links[5] and links[6] == links[1]
    assert f"headimg: '{server}/a.png'" in markdown  # covers only with --download-cover
    assert Images.hits["/a.png"] == 1 and Images.hits["/flaky.png"] == 2

    Images.hits.clear()
    assert run([str(post), "-o", str(out), "--download-images", "--allow-private-hosts"]) == 0
    assert sum(Images.hits.values()) == 0  # a re-run finds every image already there
    assert out.read_text(encoding="utf-8") == markdown


def test_cover_images_and_image_dir(tmp_path: Path, server: str) -> None:
    post = _post(tmp_path, server, ["/b.jpg"])
    out = tmp_path / "posts" / "post.md"
    code = run([str(post), "-o", str(out), "--download-images", "--download-cover", "--image-dir",
                str(tmp_path / "media"), "--allow-private-hosts"])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "headimg: '../media/" in text and "](../media/" in text


def test_download_cover_alone_fetches_only_the_cover(tmp_path: Path, server: str) -> None:
    post = _post(tmp_path, server, ["/b.jpg"])
    out = tmp_path / "post.md"
    assert run([str(post), "-o", str(out), "--download-cover", "--allow-private-hosts"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "headimg: 'post.assets/" in text and f"]({server}/b.jpg)" in text
    assert Images.hits["/b.jpg"] == 0


def test_failures_keep_the_remote_url_and_are_reported(tmp_path: Path, server: str, capfd) -> None:
    paths = ["/missing.png", "/fake.png", "/huge.png", "/loop", "/slow.png", "/a.png"]
    post = _post(tmp_path, server, paths)
    out = tmp_path / "post.md"
    args = [str(post), "-o", str(out), "--download-images", "--allow-private-hosts",
            "--max-image-bytes", "1000", "--image-timeout", "0.5"]
    assert run(args) == 0
    err = capfd.readouterr().err
    fake = "not an image: an HTML page (served as image/png)"
    for path, reason in [("/missing.png", "HTTP 404"), ("/fake.png", fake),
                         ("/huge.png", "larger than 1000 bytes"),
                         ("/loop", "too many redirects"), ("/slow.png", "timed out")]:
        assert f"Warning: {post}: image not downloaded: {server}{path}: {reason}\n" in err  # one line each
    markdown = out.read_text(encoding="utf-8")
    assert f"![]({server}/missing.png)" in markdown and "](post.assets/" in markdown
    assert run([*args, "--strict-images"]) == 123


def test_private_hosts_are_refused_by_default(tmp_path: Path, server: str, capfd) -> None:
    post = _post(tmp_path, server, ["/a.png"])
    assert run([str(post), "-o", str(tmp_path / "post.md"), "--download-images"]) == 0
    assert "is a private address (127.0.0.1); use --allow-private-hosts" in capfd.readouterr().err
    assert sum(Images.hits.values()) == 0


def test_data_uris_are_stored_like_downloads(tmp_path: Path) -> None:
    import base64

    sixteen_square = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (16).to_bytes(4, "big") * 2 + b"\x00" * 40
    uri = "data:image/png;base64," + base64.b64encode(sixteen_square).decode()  # a picture, not a 1x1 stand-in
    post = tmp_path / "post.html"
    post.write_text(f'<p><img src="{uri}"></p>', encoding="utf-8")
    assert run([str(post), "-o", str(tmp_path / "post.md"), "--download-images"]) == 0
    assert (tmp_path / "post.md").read_text(encoding="utf-8").startswith("![](post.assets/")


def test_download_progress_bar(tmp_path: Path, server: str, capfd) -> None:
    from md_convert.cli.console import download_bar
    from md_convert.images.localize import ImagePlan, localize_images
    from md_convert.images.settings import DownloadSettings

    markdown = f"![]({server}/a.png)\n\n![]({server}/b.jpg)\n"
    plan = ImagePlan(settings=DownloadSettings(allow_private_hosts=True))
    out, failures, linked = localize_images(markdown, tmp_path / "post.md", plan, open_bar=download_bar)
    assert failures == [] and linked == 2 and out.count("](post.assets/") == 2
    err = capfd.readouterr().err
    assert "images" in err and "2/2" in err


def _fake_dns(monkeypatch: pytest.MonkeyPatch, host: str, port: int, answer: Callable[[int], list[str]]) -> None:
    """`host` resolves to answer(n) at its n-th lookup; every other name resolves as usual."""
    import socket

    real, lookups = socket.getaddrinfo, Counter[str]()

    def getaddrinfo(name: str, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        if name != host:
            return real(name, *args, **kwargs)  # type: ignore[arg-type]
        lookups[name] += 1
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in answer(lookups[name])]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_dns_rebinding_between_check_and_connect_is_refused(
    tmp_path: Path, server: str, capfd, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = int(server.rsplit(":", 1)[1])
    # A public address to the first lookup (the check), 127.0.0.1 to every later one.
    _fake_dns(monkeypatch, "rebind.test", port, lambda lookup: ["93.184.216.34" if lookup == 1 else "127.0.0.1"])
    post = _post(tmp_path, f"http://rebind.test:{port}", ["/a.png"])
    assert run([str(post), "-o", str(tmp_path / "post.md"), "--download-images"]) == 0
    assert "rebind.test is a private address (127.0.0.1)" in capfd.readouterr().err
    assert sum(Images.hits.values()) == 0  # the socket was never opened


def test_the_guarded_transport_connects_to_the_address_it_checked(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from md_convert.images import address_guard

    monkeypatch.setattr(address_guard, "first_private", lambda addresses: None)  # as if 127.0.0.1 were public
    post = _post(tmp_path, server, ["/a.png"])
    assert run([str(post), "-o", str(tmp_path / "post.md"), "--download-images"]) == 0
    assert Images.hits["/a.png"] == 1 and "](post.assets/" in (tmp_path / "post.md").read_text(encoding="utf-8")


def test_batch_progress_bar_counts_the_images_linked(
    tmp_path: Path, server: str, capfd, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    for name in ("one", "two"):
        (tmp_path / "in").mkdir(exist_ok=True)
        _post(tmp_path, server, ["/a.png", "/b.jpg"]).rename(tmp_path / "in" / f"{name}.html")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # the bar shows on terminals only
    args = [str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"), "--download-images", "--allow-private-hosts"]
    assert run([*args, "-j", "1"]) == 0
    assert "· 4 images" in capfd.readouterr().err  # two per post


def test_the_guarded_transport_tries_each_checked_address(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from md_convert.images import address_guard

    port = int(server.rsplit(":", 1)[1])
    # Nothing listens on 127.0.0.3: the first address refuses, the second serves.
    _fake_dns(monkeypatch, "multi.test", port, lambda lookup: ["127.0.0.3", "127.0.0.1"])
    monkeypatch.setattr(address_guard, "first_private", lambda addresses: None)  # as if both were public
    monkeypatch.setattr("md_convert.images.download.refuse_private_host", lambda host: None)
    post = _post(tmp_path, f"http://multi.test:{port}", ["/a.png"])
    assert run([str(post), "-o", str(tmp_path / "post.md"), "--download-images"]) == 0
    assert Images.hits["/a.png"] == 1
