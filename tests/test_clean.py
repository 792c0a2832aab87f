"""One line per cleaning rule: what must vanish before conversion."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from md_convert import convert_html
from md_convert.tags import BLOCKS_A_SECTION_MAY_HOLD, WHERE_BLOCKS_READ_INLINE

from .test_fuzz import documents
from .test_pieces import wrapped


@pytest.mark.parametrize(
    "html",
    [
        '<p>甲</p><mpprofile data-nickname="号">卡片</mpprofile>',
        "<p>甲</p><mpsearch>搜索</mpsearch>",
        "<p>甲</p><mpvideosnap>视频号</mpvideosnap>",
        "<p>甲</p><mpvoice>语音</mpvoice>",
        "<p>甲</p><mpcps>商品</mpcps>",
        "<p>甲</p><mpcpc>广告</mpcpc>",
        "<p>甲</p><qqmusic>音乐</qqmusic>",
        "<p>甲</p><mp-miniprogram>小程序</mp-miniprogram>",
        "<p>甲</p><mp-style-type>样式</mp-style-type>",
        "<p>甲</p><mp-common-product>商品卡</mp-common-product>",
        '<p>甲</p><section data-pluginname="anything">插件</section>',
        "<p>甲</p><script>var x = '脚本';</script>",
        "<p>甲</p><style>.x { color: red }</style>",
        "<p>甲</p><!-- 注释 -->",
        '<p>甲</p><section style="display:none;">隐藏</section>',
        '<p>甲</p><span style="DISPLAY : none">隐藏</span>',
        "<p>甲</p><p></p><div></div><p><br></p><p>&nbsp;</p><section><span></span></section>",
    ],
)
def test_removed_content_leaves_only_the_text(html: str) -> None:
    assert convert_html(html) == "甲\n"


def test_style_attributes_never_reach_the_markdown() -> None:
    out = convert_html('<p style="color:red" class="x" label="正文">甲</p>')
    assert out == "甲\n"


def test_nbsp_becomes_a_plain_space() -> None:
    assert convert_html("<p>a&nbsp;b</p>") == "a b\n"


def test_zero_width_characters_are_removed() -> None:
    assert convert_html("<p>甲\u200b乙\ufeff丙</p>") == "甲乙丙\n"


def test_attribute_names_xml_would_refuse_are_pruned_like_any_other() -> None:
    # WeChat editors leave `letter-spacing:="1px"`; lxml's tree API refuses such names, its parser does not.
    html = '<p style="font-weight:bold" letter-spacing:="1px">甲<span 0="a" style="color:red">乙</span></p>'
    assert convert_html(html) == "**甲乙**\n"


@pytest.mark.parametrize("edge", [0x00, 0x08, 0x09, 0x0B, 0x0D, 0x0E, 0x1F, 0x20, 0xD7FF, 0xD800, 0xDFFF, 0xE000,
                                  0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x10FFFF])
def test_not_settable_is_what_lxml_refuses_to_set(edge: int) -> None:
    from lxml import etree

    from md_convert.html.prune import NOT_SETTABLE

    try:
        etree.Element("p").text = chr(edge)
        refused = False
    except ValueError:
        refused = True
    assert bool(NOT_SETTABLE.search(chr(edge))) == refused


def test_inline_code_that_starts_like_a_fence_is_not_taken_for_one() -> None:
    # A line opening with ```` and holding more backticks is a code span; the <br> after it must still resolve.
    out = convert_html("<p><code><pre>a\nb</pre></code><br>c</p>")
    assert "\ue00a" not in out and out.endswith("c\n")


# The section test as it was first written, in XPath: the Python one must find the same sections.
_SECTIONS_THAT_ADD_NOTHING = (
    "//section[not(@*)][*][not(text()[normalize-space()])]"
    f"[not(*[not({' or '.join(f'self::{name}' for name in sorted(BLOCKS_A_SECTION_MAY_HOLD))})])]"
    f"[not({' or '.join(f'ancestor::{name}' for name in sorted(WHERE_BLOCKS_READ_INLINE))})]"
)


_GAPS = st.sampled_from(["", " ", "&nbsp;", "\u3000", "丙"])
_SECTION_PARTS = st.sampled_from(["<p>甲</p>", "<hr>", "<div>乙</div>", "<span>乙</span>"])


def _sections(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda attributes, gap, parts: f"<section{attributes}>{gap}{''.join(parts)}</section>",
                     st.sampled_from(["", "", " class='x'"]), _GAPS,
                     st.lists(st.tuples(inner, _GAPS).map("".join), max_size=3))


_CONTEXTS = st.sampled_from(["{}", "{}", "<li>{}</li>", "<table><tr><td>{}</td></tr></table>", "<h2>{}</h2>"])
_SECTION_SOUP = st.builds(str.format, _CONTEXTS, _sections(st.recursive(_SECTION_PARTS, _sections)))


@settings(max_examples=500, deadline=None)
@given(st.one_of(_SECTION_SOUP, _SECTION_SOUP, documents, wrapped))
def test_the_sections_unwrapped_are_those_the_xpath_finds(html: str) -> None:
    from lxml import etree

    from md_convert.html import prune

    root = prune.parse(html)
    if root is None:
        return
    expected = etree.XPath(_SECTIONS_THAT_ADD_NOTHING)(root)
    assert [section for section in root.iter("section") if prune._adds_nothing(section)] == expected
