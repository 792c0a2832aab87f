"""The Markdown reads the same in the renderers installable from PyPI: markdown-it-py (CommonMark
0.31, and with `breaks=True` as Hexo renders), cmarkgfm (GitHub's cmark-gfm, CommonMark 0.29) and
Python-Markdown (MkDocs, Pelican). The npm, Hugo and pandoc renderers are measured by the shared
scorer (README, Renderers), not here."""

from __future__ import annotations

import re
from urllib.parse import unquote

import cmarkgfm
import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from md_convert import convert_html

from .conftest import FIXTURES

COMMONMARK = MarkdownIt("commonmark").enable(["table", "strikethrough"])
HEXO = MarkdownIt("commonmark", {"breaks": True}).enable(["table", "strikethrough"])
CASES = sorted(p.stem for p in FIXTURES.glob("*.md"))
# What Python-Markdown cannot say, whatever the Markdown: strikethrough, fences inside list items,
# a list's start number, `1)` markers and two lists in a row (it merges them), nested quotes, and
# tables as its `tables` extension reads escaped pipes.
NOT_IN_PYTHON_MARKDOWN = {
    "lists-apart-across-empty-blocks",
    "emphasis-adjacent-runs", "styles-to-formatting", "escaping-tildes", "code-blocks-languages",
    "lists-nested-and-ordered", "tables-gfm", "tables-pipes-in-links-and-images", "tables-nested",
    "tables-content-outside-cells", "blockquotes-nested", "escaping-markdown-like-text",
}


def _reader_view(html: str) -> dict[str, object]:
    """What a reader sees: the words, what is bold, italic or code, where lines break, the links."""
    soup = BeautifulSoup(html, "lxml")
    for box in soup.find_all("input", type="checkbox"):  # GitHub draws a task's box; CommonMark writes it
        box.replace_with("[x] " if box.has_attr("checked") else "[ ] ")
    for pre in soup.find_all("pre"):
        pre.string = pre.get_text().strip("\n")
    def texts(*names: str) -> list[str]:
        return ["".join(tag.get_text().split()) for tag in soup.find_all(names)]
    return {
        "text": re.sub(r"\s+", " ", soup.get_text(" ")).strip(),
        "strong": texts("strong", "b"), "em": texts("em", "i"), "code": texts("code"),
        "breaks": len(soup.find_all("br")),
        "links": [unquote(str(a.get("href"))) for a in soup.find_all("a")],  # markdown-it percent-encodes
        "images": [unquote(str(img.get("src"))) for img in soup.find_all("img")],
        "blocks": [tag.name for tag in soup.find_all(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                                                       "blockquote", "table", "hr"])],
    }


def _fixture(case: str) -> str:
    return (FIXTURES / f"{case}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_no_line_breaks_a_hexo_reader_would_see_that_commonmark_does_not(case: str) -> None:
    assert HEXO.render(_fixture(case)) == COMMONMARK.render(_fixture(case))


@pytest.mark.parametrize("case", CASES)
def test_github_reads_what_commonmark_reads(case: str) -> None:
    markdown = _fixture(case)
    github = cmarkgfm.github_flavored_markdown_to_html(markdown, options=cmarkgfm.Options.CMARK_OPT_UNSAFE)
    assert _reader_view(github) == _reader_view(COMMONMARK.render(markdown))


@pytest.mark.parametrize("case", [c for c in CASES if c not in NOT_IN_PYTHON_MARKDOWN])
def test_python_markdown_reads_what_commonmark_reads(case: str) -> None:
    """With `--hard-break spaces`: Python-Markdown does not read a backslash as a hard break."""
    markdown = convert_html((FIXTURES / f"{case}.html").read_text(encoding="utf-8"), hard_break="spaces")
    view = _reader_view(python_markdown.markdown(markdown, extensions=["tables", "fenced_code"]))
    expected = _reader_view(COMMONMARK.render(markdown))
    assert {k: v for k, v in view.items() if k != "code"} == {k: v for k, v in expected.items() if k != "code"}


_CJK = st.sampled_from(list("甲乙丙丁戊己庚辛"))
_PUNCTUATION = st.sampled_from(list("，。：“”！？（）《》↓▼→★"))
_WORD = st.text(alphabet=st.one_of(_CJK, _PUNCTUATION, st.sampled_from(list("ab "))), min_size=1, max_size=6)


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        word = draw(_WORD)
        tag = draw(st.sampled_from(["", "strong", "em", "br", "nl"]))
        if tag == "br":
            parts.append(f"{word}<br>")
        elif tag == "nl":
            parts.append(f"{word}\n")
        elif tag:
            parts.append(f"<{tag}>{word}</{tag}>")
        else:
            parts.append(word)
    return "".join(parts)


@st.composite
def _body(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        # Never two lists in a row: Python-Markdown merges them whatever their markers.
        kind = "p" if blocks and blocks[-1].startswith("<ul>") else draw(st.sampled_from(["p", "ul"]))
        if kind == "ul":
            items = draw(st.lists(_paragraph(), min_size=1, max_size=3))
            blocks.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        else:  # a paragraph that shows a word: a blank one between two lists would leave them in a row
            blocks.append(f"<p>{draw(_paragraph().filter(lambda html: re.sub(r'<[^>]+>', '', html).strip()))}</p>")
    return "\n".join(blocks)


@settings(max_examples=300, deadline=None)
@given(_body())
def test_random_posts_read_the_same_everywhere(html: str) -> None:
    markdown = convert_html(html)
    commonmark = _reader_view(COMMONMARK.render(markdown))
    assert HEXO.render(markdown) == COMMONMARK.render(markdown)
    github = cmarkgfm.github_flavored_markdown_to_html(markdown)
    assert _reader_view(github) == commonmark, markdown
    pm = _reader_view(python_markdown.markdown(convert_html(html, hard_break="spaces")))
    assert {k: pm[k] for k in ("text", "strong", "em", "breaks", "blocks")} == {
        k: commonmark[k] for k in ("text", "strong", "em", "breaks", "blocks")}, markdown
