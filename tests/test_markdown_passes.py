"""The Markdown stage's passes one by one, on the converter's marked text: delimiters, emphasis
placement, the misparse check, escaping, fences and the final layout."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from md_convert import markers as mk
from md_convert.markdown.emphasis.delimiters import Delim, compact, parse, render
from md_convert.markdown.emphasis.flanking import resolve_emphasis
from md_convert.markdown.escaping import escape_alt, escape_bang_before_links, escape_text, format_url
from md_convert.markdown.fences import FENCE, backtick_fence, fenced_block
from md_convert.markdown.finish import finish_markdown

S, s = mk.STRONG_OPEN, mk.STRONG_CLOSE
E, e = mk.EM_OPEN, mk.EM_CLOSE
COMMONMARK = MarkdownIt("commonmark")


def test_parse_pairs_each_opener_with_its_closer() -> None:
    segments = parse(f"甲{S}乙{E}丙{e}{s}丁")
    delims = [d for d in segments if isinstance(d, Delim)]
    assert [d.opening for d in delims] == [True, True, False, False]
    assert delims[0].mate is delims[3] and delims[1].mate is delims[2]
    assert render(segments) == "甲**乙*丙***丁"


def test_compact_merges_adjacent_runs_of_one_style() -> None:
    assert render(compact(parse(f"{S}甲{s}{S}乙{s}"))) == "**甲乙**"


@pytest.mark.parametrize(("marked", "expected"), [
    (f"{S}注意：{s}正文", "**注意**：正文"),  # the colon moves out: `**注意：**正文` never closes
    (f"注意{S}：重点{s}正文", "注意：**重点**正文"),
    (f"{S} 甲 {s}", " **甲** "),  # edge spaces move outside
    (f"{S}{s}", ""),
])
def test_emphasis_is_placed_where_commonmark_parses_it(marked: str, expected: str) -> None:
    assert resolve_emphasis(marked) == expected


def test_every_placed_emphasis_renders() -> None:
    for marked in (f"{S}注意：{s}正文", f"“{S}阅读原文{s}”↓", f"{S}甲{E}乙{e}丙{s}"):
        html = COMMONMARK.renderInline(resolve_emphasis(marked))
        assert "*" not in html and "<strong>" in html, (marked, html)


def test_emphasis_that_cannot_be_placed_is_dropped_not_left_as_asterisks() -> None:
    marked = f"甲{S}{mk.ATOM_OPEN}`x`{mk.ATOM_CLOSE}{s}乙"  # a code span cannot move: `甲**`x`**乙` fails
    assert resolve_emphasis(marked) == "甲`x`乙"


def test_escaping_only_where_markdown_would_read_syntax() -> None:
    assert escape_text("-END-") == "-END-"
    assert escape_text("1. 甲") == f"1\\{mk.LINE_START_ESCAPE}. 甲"  # the layout decides: a line start?
    assert escape_text("甲\n- 乙") == "甲\n\\- 乙"  # after a newline in the text: certainly one
    assert escape_text("a*b") == "a\\*b"
    assert escape_text("x|y", in_table=True) == "x\\|y"
    assert escape_text("见 https://example.com/a 页").count("<https://example.com/a>") == 1


def test_bang_before_a_link_is_escaped_only_there() -> None:
    assert escape_bang_before_links(f"好!{mk.ATOM_OPEN}[") == f"好\\!{mk.ATOM_OPEN}["
    assert escape_bang_before_links("好!") == "好!"


def test_urls_and_alt_text() -> None:
    assert format_url("https://e.com/a b") == "https://e.com/a%20b"
    assert format_url("https://e.com/(a") == "https://e.com/%28a"
    assert format_url("https://e.com/(a)") == "https://e.com/(a)"
    assert format_url("") == "<>"


def test_alt_text_is_escaped_only_where_it_would_read_as_syntax() -> None:
    assert escape_alt("a [b]\n*c*") == "a \\[b\\] \\*c\\*"  # `*c*` would be emphasis: all escaped
    assert escape_alt("x_y a*b [b] c\\d") == "x_y a*b [b] c\\d"  # nothing here is syntax
    assert escape_alt("a]b") == "a\\]b"
    assert escape_alt("<code> &amp;") == "\\<code> &amp\\;"  # never a tag or an entity


def test_fences_outlast_the_code() -> None:
    assert backtick_fence("a ``` b", shortest=3) == "````"
    assert backtick_fence("x", shortest=1) == "`"
    assert fenced_block("\n\nprint(1)\n\n", "python") == "\n\n```python\nprint(1)\n```\n\n"
    assert FENCE.match("> ~~~") and not FENCE.match("``")


def test_finish_resolves_breaks_and_blank_lines() -> None:
    assert finish_markdown(f"a{mk.LINE_BREAK}\nb\n\n\n\nc  \n") == "a\\\nb\n\nc\n"
    assert finish_markdown(f"a{mk.LINE_BREAK}\n\nb") == "a\n\nb\n"  # a break before a blank line shows nothing
    assert finish_markdown("```\ncode  \n\n\n\n```") == "```\ncode\n\n\n\n```\n"  # code keeps its blank lines
    assert finish_markdown("\n\n") == ""


def test_line_start_escapes_stay_only_at_a_line_start() -> None:
    escape = "\\" + mk.LINE_START_ESCAPE
    assert finish_markdown(f"**{escape}+ 加法**") == "**+ 加法**\n"
    assert finish_markdown(f"{escape}- 减法\n\n> {escape}> 引\n\n- {escape}+ 项\n") == (
        "\\- 减法\n\n> \\> 引\n\n- \\+ 项\n")
    assert finish_markdown(f"**1{escape}. 第一**") == "**1. 第一**\n"
    assert finish_markdown(f"1{escape}. 第一") == "1\\. 第一\n"
    assert finish_markdown(f"## C {escape}#") == "## C \\#\n"  # unescaped, it would close the heading
