"""A large body is converted in pieces (`md_convert.html.pieces`): the Markdown must be the whole's.

Each check converts the same body twice: whole (pieces larger than any test body) and cut at every
place a piece may end (pieces of one node).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from md_convert import convert_html
from md_convert.html import pieces
from md_convert.html.prune import parse
from md_convert.post.front_matter import split_post

from .test_fuzz import documents
from .test_properties import nested

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
WHOLE, EVERY_CUT = 10**9, 1

# Markup that reaches every branch of the cut: wrappers of every kind, hidden and plugin ones, tags
# past </body>, control characters (which lxml's API refuses), spacers and images.
TAGS = ["p", "div", "section", "article", "main", "span", "strong", "em", "a", "img", "br", "ul", "ol", "li",
        "table", "tr", "td", "pre", "code", "blockquote", "h1", "h2", "hr", "html", "body", "head", "title",
        "style", "meta", "figure", "center", "font", "mpprofile", "script", "iframe", "sup", "fieldset"]
ATTRIBUTES = ["", "", "", ' style="display:none"', ' style="font-weight:bold"',
              ' data-pluginname="x" data-nickname="n"', ' data-src="http://e.com/a.png"',
              ' src="data:image/gif;base64,R0"', ' href="http://e.com"', ' class="language-py"', ' style="color:red"',
              ' start="3"', ' title="t"', ' lang="zh"']
TEXTS = ["甲乙", "，", "x", " ", "\n", "&nbsp;", "\u200b", "*", "1. ", "- ", "# ", "`", "\x0b", "\x1f", "~", "<", "&"]
wrapped = st.lists(st.one_of(
    st.builds(lambda tag, attribute: f"<{tag}{attribute}>", st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES)),
    st.sampled_from(TAGS).map(lambda tag: f"</{tag}>"),
    st.sampled_from(TEXTS),
), min_size=10, max_size=200).map("".join)


def _whole_and_cut(html: str, monkeypatch: pytest.MonkeyPatch, size: int = EVERY_CUT) -> tuple[str, str]:
    monkeypatch.setattr(pieces, "PIECE_NODES", WHOLE)
    whole = convert_html(html)
    monkeypatch.setattr(pieces, "PIECE_NODES", size)
    return whole, convert_html(html)


def _piece_count(html: str, size: int) -> int:
    return len(list(pieces.pruned_pieces(html, size)))


def test_fixtures_convert_the_same_cut_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = sorted(FIXTURES.glob("*.html"))
    for case in cases:
        whole, cut = _whole_and_cut(case.read_text(encoding="utf-8"), monkeypatch)
        assert cut == whole, case.name
    assert sum(_piece_count(case.read_text(encoding="utf-8"), EVERY_CUT) - 1 for case in cases) > 30


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the repository")
def test_corpus_converts_the_same_cut_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    posts = sorted(CORPUS.rglob("*.html"))
    for post in posts:
        body = split_post(post.read_text(encoding="utf-8", errors="replace")).body
        whole, cut = _whole_and_cut(body, monkeypatch)
        assert cut == whole, post.name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_malformed_markup_converts_the_same_cut_anywhere(monkeypatch: pytest.MonkeyPatch, html: str) -> None:
    whole, cut = _whole_and_cut(html, monkeypatch)
    assert cut == whole


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wrapped, st.integers(1, 12))
def test_wrapped_markup_converts_the_same_in_pieces_of_any_size(
    monkeypatch: pytest.MonkeyPatch, html: str, size: int
) -> None:
    whole, cut = _whole_and_cut(html, monkeypatch, size)
    assert cut == whole


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nested)
def test_formatted_blocks_convert_the_same_cut_anywhere(monkeypatch: pytest.MonkeyPatch, html: str) -> None:
    whole, cut = _whole_and_cut(f"<div><section>{html}</section>{html}</div>", monkeypatch)
    assert cut == whole


def test_a_list_after_a_list_in_the_piece_before_keeps_its_own_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    html = "<div>前<ul><li>甲</li></ul></div><div><p style='display:none'>x</p></div><div><ul><li>乙</li></ul></div>"
    # Pieces of 5 nodes: the first <div> is one piece, ending with its list.
    assert [len(piece.findall(".//ul")) for piece in pieces.pruned_pieces(html, 5)] == [1, 1]
    whole, cut = _whole_and_cut(html, monkeypatch, 5)
    assert cut == whole == "前\n\n- 甲\n\n* 乙\n"


def test_a_wrapper_cut_in_two_keeps_its_text_and_tail_once(monkeypatch: pytest.MonkeyPatch) -> None:
    html = "<div>开头<p>一</p><p>二</p><p>三</p></div>结尾"
    assert _piece_count(html, EVERY_CUT) > 1
    whole, cut = _whole_and_cut(html, monkeypatch)
    assert cut == whole and whole.count("开头") == 1 and whole.count("结尾") == 1


def test_a_piece_ends_only_after_a_block_that_certainly_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    # Spacers, emptied and hidden blocks vanish: inline text on both sides of them runs together.
    vanishing = ("甲乙<p><p></p>甲乙", "甲<p><span style='display:none'>x</span></p><p></p>乙",
                 "甲<p>\u200b</p><p></p>乙")
    for html in vanishing:
        assert _piece_count(html, EVERY_CUT) == 1, html
        whole, cut = _whole_and_cut(html, monkeypatch)
        assert cut == whole
    assert _piece_count("甲<p><b>乙</b></p><p></p>丙", EVERY_CUT) == 2


def test_a_wrapper_that_shows_something_is_not_cut() -> None:
    for wrapper in ('<section style="font-weight:bold">', '<div style="display:none">', '<div data-pluginname="x">'):
        html = f"{wrapper}<p>一</p><p>二</p><p>三</p></div>"
        assert _piece_count(html, EVERY_CUT) == 1, wrapper


def test_a_large_body_is_cut_and_a_small_one_is_not() -> None:
    paragraphs = "".join(f"<p><span style='color:red'>第{n}段</span></p>" for n in range(3000))
    large = f"<div id='js_content'><section>{paragraphs}</section></div>"
    assert _piece_count(large, pieces.PIECE_NODES) >= 3000 * 3 // pieces.PIECE_NODES
    assert _piece_count("<p>一</p><p>二</p>", pieces.PIECE_NODES) == 1
    assert all(len(piece.xpath("//p")) < 3000 for piece in pieces.pieces(parse(large)))
