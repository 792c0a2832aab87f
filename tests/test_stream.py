"""A long body is read as a stream (`md_convert.html.stream`): the Markdown must be the whole tree's.

Each check converts the same body twice: read whole in one piece, and streamed in chunks of a few
characters (so that chunks end inside tags, entities and characters' runs) and cut into small pieces.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from md_convert import convert_html
from md_convert.html import pieces, stream
from md_convert.post.front_matter import split_post

from .test_fuzz import documents
from .test_pieces import wrapped

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
WHOLE = 10**9


def _whole_and_streamed(html: str, monkeypatch: pytest.MonkeyPatch, chunk: int, size: int) -> tuple[str, str]:
    monkeypatch.setattr(pieces, "STREAM_FROM", WHOLE)
    monkeypatch.setattr(pieces, "PIECE_NODES", WHOLE)
    whole = convert_html(html)
    monkeypatch.setattr(pieces, "STREAM_FROM", 0)
    monkeypatch.setattr(pieces, "PIECE_NODES", size)
    monkeypatch.setattr(stream, "CHUNK", chunk)
    return whole, convert_html(html)


def _streams_through(html: str, chunk: int = 16, size: int = 1) -> bool:
    """True when the body streams to its end; False when the stream hands it back to be read whole."""
    try:
        list(stream.streamed_pieces(html, size, chunk))
    except stream.WholeTreeNeeded:
        return False
    return True


@pytest.mark.parametrize("chunk", [1, 7, 256])
def test_fixtures_convert_the_same_streamed(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    cases = sorted(FIXTURES.glob("*.html"))
    for case in cases:
        whole, streamed = _whole_and_streamed(case.read_text(encoding="utf-8"), monkeypatch, chunk, 1)
        assert streamed == whole, case.name
    assert sum(_streams_through(case.read_text(encoding="utf-8"), chunk) for case in cases) > len(cases) // 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the repository")
def test_corpus_converts_the_same_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    for post in sorted(CORPUS.rglob("*.html")):
        body = split_post(post.read_text(encoding="utf-8", errors="replace")).body
        whole, streamed = _whole_and_streamed(body, monkeypatch, 4096, 200)
        assert streamed == whole, post.name


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(documents, wrapped), st.integers(1, 40), st.integers(1, 12))
def test_random_markup_converts_the_same_streamed(
    monkeypatch: pytest.MonkeyPatch, html: str, chunk: int, size: int
) -> None:
    # malformed documents (test_fuzz) and wrapper soup with every branch of the cut (test_pieces)
    whole, streamed = _whole_and_streamed(html, monkeypatch, chunk, size)
    assert streamed == whole


@pytest.mark.parametrize("html", [
    "<html><body><div><p>一</p><p>二</p></div></body></html><p>正文之后</p>",  # a second root
    "<html><body><div><p>一</p><p>二</p></div></body>尾巴</html>",  # text after the body
    "<div><p>一</p><p>二</p></div>" + "<div>" * 120 + "深" + "</div>" * 120,  # past the depth cap
    "<html style='font-weight:bold'><body><div><p>一</p><p>二</p></div></body></html>",  # a root that shows
    "<section><div>" + "<p>一</p>" * 30 + "</div>\x01<p>二</p></section>",  # a tail no copy can carry
])
def test_what_the_stream_cannot_see_is_read_whole(monkeypatch: pytest.MonkeyPatch, html: str) -> None:
    assert not _streams_through(html)
    whole, streamed = _whole_and_streamed(html, monkeypatch, 16, 1)
    assert streamed == whole


def test_pieces_are_built_while_the_document_is_still_being_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # What bounds the memory: the first piece exists when a fraction of the body has been fed.
    fed: list[int] = []
    read = stream._fed
    monkeypatch.setattr(stream, "_fed", lambda parser, text: fed.append(len(text)) or read(parser, text))
    html = "<div id='js_content'><section>" + "<p><span style='color:red'>段落</span></p>" * 2000 + "</section></div>"
    first = next(stream.streamed_pieces(html, 500, 1000))
    assert first.xpath("count(//p)") < 2000 and sum(fed) < len(html) // 4
