"""Properties over random HTML trees: every visible character survives, formatting is never invented,
and wherever CommonMark can say it, formatting is kept.

CommonMark cannot always nest italic in bold inside Chinese text (`***甲*乙*丙***` pairs the wrong
way); md-convert then drops the inner emphasis rather than emit something that renders wrongly,
so the exact-formatting property is checked on trees without nested emphasis.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from md_convert import convert_html

RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
WORDS = ["甲乙", "丙", "丁戊", "abc", "Hi", "42", "x_y"]
PUNCT = ["，", "。", "：", "“", "”", "！", "？", "（", "）", "、", "▼", ".", ",", ":", "!", "(", ")", "-", "*", "_",
         "#", "[", "]"]
EMPHASIS = ["strong", "b", "em", "i"]

text = st.lists(st.sampled_from([*WORDS, *PUNCT, " "]), min_size=1, max_size=6).map("".join)


def _element(tag: str, parts: list[str]) -> str:
    inner = "".join(parts)
    if tag == "a":
        inner = inner.replace("<a ", "<span ").replace("</a>", "</span>")  # no links in links
        return f'<a href="https://example.com/x">{inner}</a>'
    return f"<{tag}>{inner}</{tag}>"


def _inline(children: st.SearchStrategy[str], tags: list[str]) -> st.SearchStrategy[str]:
    element = st.builds(_element, st.sampled_from(tags), st.lists(children, min_size=1, max_size=3))
    return st.one_of(element, st.just("<br>"))


def _document(inline: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    paragraph = st.lists(inline, min_size=1, max_size=4).map(lambda parts: "<p>" + "".join(parts) + "</p>")
    item = st.lists(inline, min_size=1, max_size=2).map("".join)
    listing = st.lists(item, min_size=1, max_size=3).map(
        lambda items: "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    )
    return st.lists(st.one_of(paragraph, listing), min_size=1, max_size=4).map("".join)


nested = _document(st.recursive(text, lambda c: _inline(c, [*EMPHASIS, "span", "a"]), max_leaves=8))
plain_inline = st.recursive(text, lambda c: _inline(c, ["span", "a"]), max_leaves=4)
flat = _document(st.recursive(plain_inline, lambda c: _inline(c, EMPHASIS), max_leaves=8).filter(
    lambda html: not re.search(r"<(strong|b|em|i)>(?:(?!</\1>).)*<(strong|b|em|i)>", html)
))


def _visible(html: str) -> tuple[str, str, str, str]:
    """Text without whitespace; letters inside bold and inside italic; text of the page as a reader sees it."""
    soup = BeautifulSoup(html, "lxml")

    def letters(names: list[str]) -> str:
        return "".join(re.sub(r"[\W_]+", "", t.get_text()) for t in soup.find_all(names) if not t.find_parent(names))

    return re.sub(r"\s+", "", soup.get_text()), letters(["strong", "b"]), letters(["em", "i"]), soup.get_text()


def _is_subsequence(small: str, big: str) -> bool:
    characters = iter(big)
    return all(c in characters for c in small)


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _before_and_after(html: str) -> tuple[str, tuple[str, str, str, str], tuple[str, str, str, str]]:
    """The Markdown, what a reader sees of the source, and what they see of the rendered Markdown."""
    markdown = convert_html(html)
    return markdown, _visible(html), _visible(RENDER.render(markdown))


@PROPERTY
@given(nested)
def test_text_survives_and_formatting_is_never_invented(html: str) -> None:
    markdown, (text, bold, italic, page), (out_text, out_bold, out_italic, out_page) = _before_and_after(html)
    assert out_text == text, markdown
    assert _is_subsequence(out_bold, bold) and _is_subsequence(out_italic, italic), markdown
    assert out_page.count("*") == page.count("*") and out_page.count("_") == page.count("_"), markdown


@PROPERTY
@given(flat)
def test_formatting_is_kept_where_commonmark_can_say_it(html: str) -> None:
    markdown, source, rendered = _before_and_after(html)
    assert rendered[:3] == source[:3], markdown
