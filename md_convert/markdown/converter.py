"""The markdownify subclass: each tag's Markdown, with emphasis, breaks and syntax left as markers.

It expects a tree already cleaned by `clean` (no plugin tags, styles turned into tags, lazy images
resolved, code blocks reduced to their text); `emphasis` and `finish` turn its markers into Markdown.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

import markdownify
from bs4.element import Tag
from markdownify import ATX, MarkdownConverter

from md_convert import markers as mk
from md_convert.markdown.escaping import escape_alt, escape_link_title, escape_text, format_url
from md_convert.markdown.fences import backtick_fence, fenced_block
from md_convert.markdown.lists import item_marker
from md_convert.markdown.tables import table_markdown
from md_convert.markdown.walk import WalkMixin, removes_whitespace_inside, removes_whitespace_outside
from md_convert.options import ConvertOptions
from md_convert.tags import EMPHASIS, STRIKE, STRONG

_NEWLINE_WHITESPACE = re.compile(r"[\t \r\n]*[\r\n][\t \r\n]*")
_SPACES = re.compile(r"[\t ]+")
# markdownify's stubs leave out the helpers and the convert_* methods extended here.
_engine: Any = markdownify
chomp = _engine.chomp
_Base: Any = MarkdownConverter
_ESCAPED = re.compile(r"\\(.)")
# NBSP reads as a space; zero-width characters are invisible clutter (ZWJ is kept: it joins emoji).
# Control characters show nothing either (a form feed is HTML whitespace), and in Markdown they would
# reach the site's HTML and break its XML feeds. The converter's own markers are private-use
# characters: any in the source text are dropped.
_CONTROLS = {code: None for code in (*range(0x20), 0x7F) if chr(code) not in "\t\n\r"} | {0x0C: " "}
_INVISIBLE = (
    {0x00A0: " ", 0x200B: None, 0x200C: None, 0x2060: None, 0xFEFF: None} | _CONTROLS | {ord(c): None for c in mk.ALL}
)
_HAS_INVISIBLE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
# Schemes that run code when followed. Any other destination is a link a reader could follow
# (`irc:`, `localhost:5001/x`, `foo):` — the last two are not even schemes to a browser).
_SCRIPT_SCHEMES = re.compile(r"^(?:javascript|vbscript|livescript|data):", re.I)
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # browsers drop controls and blanks around and in a scheme
_DESTINATION_START = re.compile(r"(?<!\\)(?:\\\\)*\]\(")
_TRAILING_HASHES = re.compile(r"(?<!\\)#+(?=[ \t]*$)")


_OPENERS, _CLOSERS = "".join(mk.OPENERS), "".join(mk.CLOSERS)
_LEADING = re.compile(f"^[\\s{mk.LINE_BREAK}{_OPENERS}]+")


def _trim_breaks(text: str) -> str:
    """Whitespace and <br> at the very start or end of a block show nothing, even inside emphasis."""
    if text and _may_trim(text[0], _OPENERS):  # else the regex finds nothing: skip it
        text = _LEADING.sub(lambda m: "".join(c for c in m.group(0) if c in _OPENERS), text)
    if text and _may_trim(text[-1], _CLOSERS):
        end = len(text)  # not a `…+$` regex: re.sub would try it at every position of the block
        while end and _may_trim(text[end - 1], _CLOSERS):
            end -= 1
        text = text[:end] + "".join(c for c in text[end:] if c in _CLOSERS)
    return text


def _may_trim(edge: str, delimiters: str) -> bool:
    return edge.isspace() or edge in delimiters or edge == mk.LINE_BREAK


def _or_break(markdown: str, parent_tags: set[str]) -> str:
    """An empty block still ends the line before it and starts a new one after it, as in a browser."""
    return markdown if markdown.strip() or "_inline" in parent_tags else "\n\n"


_SUPERSCRIPTS = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def _task_box(item: Tag) -> str:
    """`[x] ` or `[ ] ` for a task item (GFM), '' for any other."""
    state = item.get(mk.TASK)
    return f"[{state}] " if isinstance(state, str) else ""


def _scripted(text: str, forms: dict[int, int]) -> str:
    """`mc<sup>2</sup>` as `mc²` when every character has a super- or subscript form; else as text."""
    stripped = text.replace(mk.ESCAPE_NEXT, "").strip()  # a superscript digit opens no list
    if stripped and all(ord(c) in forms for c in stripped):
        return stripped.translate(forms)
    return text


_ITEM_START = re.compile(r"\n+(?=\S)")
_SEVERAL_BLOCKS = re.compile(f"\n[ \t]*\n|{mk.LINE_BREAK}[ \t]*\n[ \t]*{mk.LINE_BREAK}")  # two <br>: a paragraph break


def _loose_throughout(items: str) -> str:
    """A list one of whose items holds several blocks is loose in CommonMark, every item a
    paragraph; Python-Markdown judges each item apart, by the blank line before the next. So such a
    list gets a blank line between all its items (an item starts at column 0; its blocks are indented)."""
    body = items.strip("\n")
    if not _SEVERAL_BLOCKS.search(body):
        return items
    return _ITEM_START.sub("\n\n", body) + "\n\n"


def _visible_text(text: str, in_pre: bool) -> str:
    """Text without invisible characters, its whitespace collapsed as a browser does (not in <pre>)."""
    if _HAS_INVISIBLE.search(text):  # rare; translate alone costs ~50 ns per CJK character
        text = text.translate(_INVISIBLE)
    if not in_pre and ("\n" in text or "\r" in text or "\t" in text or "  " in text):
        text = _SPACES.sub(" ", _NEWLINE_WHITESPACE.sub("\n", text))
    return text


def _trim_at_block_edges(el: Tag, text: str) -> str:
    """Whitespace next to a block (or after a <br>) shows nothing: markdownify's rule, and the break's."""
    previous, following = el.previous_sibling, el.next_sibling
    inside_edge = removes_whitespace_inside(el.parent)
    if removes_whitespace_outside(previous) or (inside_edge and not previous) or (
        getattr(previous, "name", None) == "br"
    ):
        text = text.lstrip(" \t\r\n")
    if removes_whitespace_outside(following) or (inside_edge and not following):
        text = text.rstrip()
    return text


def _link(label: str, link_end: str) -> str:
    """`[label](…)` with its brackets marked as syntax the emphasis pass must not split;
    `link_end` is the `](destination "title")` part."""
    return f"{mk.ATOM_OPEN}[{mk.ATOM_CLOSE}{label}{mk.ATOM_OPEN}{link_end}{mk.ATOM_CLOSE}"


def _in_cell(parent_tags: set[str]) -> bool:
    return bool({"td", "th"} & parent_tags)


def _cell_safe(syntax: str) -> str:
    """Link or image syntax that no `|` in it ends a table cell early: GFM splits the row before it
    reads any inline syntax. A URL's `|` is percent-encoded (the same URL, in every renderer); in alt
    text and titles it is escaped."""
    if "|" not in syntax:
        return syntax
    head, destination, rest = _split_destination(syntax)
    return head.replace("|", "\\|") + destination.replace("|", "%7C") + rest.replace("|", "\\|")


def _split_destination(syntax: str) -> tuple[str, str, str]:
    """`![alt](`, `url`, ` "title")`: the destination follows the first unescaped `](`."""
    start = _DESTINATION_START.search(syntax).end()  # type: ignore[union-attr]  # md-convert wrote it
    if syntax.startswith("<", start):
        end = syntax.index(">", start) + 1  # format_url percent-encodes any `>` inside
    else:
        end = next((i for i in range(start, len(syntax)) if syntax[i] in " )"), len(syntax))
    return syntax[:start], syntax[start:end], syntax[end:]


def _attribute(el: Tag, name: str) -> str:
    """An attribute's text with any converter marker removed ('' when absent): source text never carries syntax."""
    return mk.strip_all(str(el.get(name) or ""))


class PostConverter(WalkMixin, MarkdownConverter):
    """markdownify with md-convert's Markdown: ATX headings, fences, CJK-safe emphasis, GFM tables."""

    def __init__(self, options: ConvertOptions) -> None:
        super().__init__(
            heading_style=ATX,
            bullets=options.bullet,
            escape_asterisks=False,
            escape_underscores=False,
            escape_misc=False,
        )
        self.md_options = options

    def process_text(self, el: Tag, parent_tags: set[str] | None = None) -> str:
        parent_tags = parent_tags or set()
        text = _visible_text(str(el), in_pre="pre" in parent_tags)
        if "_noformat" not in parent_tags:
            text = escape_text(text, in_link="a" in parent_tags, in_table=_in_cell(parent_tags))
        return _trim_at_block_edges(el, text)

    # Inline formatting -----------------------------------------------------------------

    def _emphasis(self, text: str, parent_tags: set[str], same: frozenset[str], opener: str) -> str:
        if "_noformat" in parent_tags or same & parent_tags:
            return text  # inside code, or nested in the same style: `**a**b**` would break
        if not text.strip(" \t\n" + mk.LINE_BREAK):
            return " " if text else ""  # `Hello<b> </b>world` keeps its space
        if not mk.IMAGE.sub("", text).strip(" \t\n" + mk.LINE_BREAK):
            return text  # bold around an image alone shows nothing
        return opener + text + mk.CLOSER_OF[opener]

    def convert_b(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(text, parent_tags, STRONG, mk.STRONG_OPEN)

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(text, parent_tags, EMPHASIS, mk.EM_OPEN)

    def convert_del(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(text, parent_tags, STRIKE, mk.DEL_OPEN)

    convert_strong = convert_b
    convert_i = convert_em
    convert_s = convert_strike = convert_del

    def convert_code(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        text = " ".join(text.split(" \n")).replace("\n", " ")
        code = text.strip()
        if not code:
            return " " if text else ""
        if _in_cell(parent_tags):
            code = code.replace("|", "\\|")
        fence = backtick_fence(code, shortest=1)
        padded = f" {code} " if code.startswith("`") or code.endswith("`") else code
        # Space at the span's edge goes outside it, as for emphasis: `foo<code> x</code>` reads "foo x".
        before, after = (" " if text[:1].isspace() else ""), (" " if text[-1:].isspace() else "")
        return f"{before}{mk.ATOM_OPEN}{fence}{padded}{fence}{mk.ATOM_CLOSE}{after}"

    convert_kbd = convert_samp = convert_tt = convert_code

    def convert_sub(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _scripted(text, _SUBSCRIPTS)

    def convert_sup(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _scripted(text, _SUPERSCRIPTS)

    def convert_u(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return text

    convert_ins = convert_mark = convert_u

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return " "
        return mk.LINE_BREAK + "\n"

    # Links and media -------------------------------------------------------------------

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        prefix: str
        suffix: str
        # Link text stays on one line: a <br> or newline inside it reads as a space.
        prefix, suffix, text = chomp(_SPACES.sub(" ", text.replace(mk.LINE_BREAK, " ").replace("\n", " ")))
        href = _attribute(el, "href").strip()
        if not text:
            return prefix or suffix  # an empty link is invisible: drop it
        if not href or _SCRIPT_SCHEMES.match(_URL_IGNORED.sub("", href)):
            return prefix + text + suffix  # javascript:, vbscript:, data: — keep the words only
        title = escape_link_title(_attribute(el, "title"))
        if _ESCAPED.sub(r"\1", text) == href and not title and re.match(r"https?://\S+$", href):
            return f"{prefix}{mk.ATOM_OPEN}<{href}>{mk.ATOM_CLOSE}{suffix}"
        link_end = f"]({format_url(href)}{title})"
        if _in_cell(parent_tags):
            link_end = _cell_safe(link_end)  # the text is escaped already (escape_text)
        return prefix + _link(text, link_end) + suffix

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src = _attribute(el, "src").strip()
        if not src:
            return ""
        alt = escape_alt(_attribute(el, "alt"))
        title = escape_link_title(_attribute(el, "title"))
        image = f"![{alt}]({format_url(src)}{title})"
        return mk.IMAGE_OPEN + (_cell_safe(image) if _in_cell(parent_tags) else image) + mk.IMAGE_CLOSE

    def convert_video(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A video player becomes a link to its video, or, with no remote URL, a line with the video
        label: a reader knows a video was there. Another embedded page becomes a link named by its host."""
        src, kind = str(el.get("src") or ""), el.get(mk.EMBED)
        if kind == "video" and self.md_options.video_links:
            label = " ".join(text.split()) or self.md_options.video_label  # a <video>'s fallback text names it
            line = _link(escape_text(label, in_link=True), f"]({format_url(src)})") if src else escape_text(label)
        elif kind == "page" and src:
            line = _link(escape_text(urllib.parse.urlsplit(src).hostname or src, in_link=True), f"]({format_url(src)})")
        else:
            return text
        return line if "_inline" in parent_tags else f"\n\n{line}\n\n"

    def convert_iframe(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self.convert_video(el, "", parent_tags)  # an iframe's inner text is never shown

    # Blocks --------------------------------------------------------------------------

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = _trim_breaks(" ".join(text.replace(mk.LINE_BREAK, " ").split()))
        if "_inline" in parent_tags or not text:
            return _or_break(text, parent_tags)
        # `## a ##` would lose its `##` as a closing sequence; `## C#` reads as one to linters (MD020).
        text = _TRAILING_HASHES.sub(lambda hashes: "\\#" * len(hashes.group(0)), text)
        return f"\n\n{'#' * max(1, min(6, n))} {text}\n\n"

    def convert_hr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # `***`, not `---`: a post whose body starts with a rule must not look like front matter.
        return " " if "_inline" in parent_tags else "\n\n***\n\n"

    def convert_p(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _or_break(str(_Base.convert_p(self, el, _trim_breaks(text), parent_tags)), parent_tags)

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _or_break(str(_Base.convert_div(self, el, _trim_breaks(text), parent_tags)), parent_tags)

    convert_section = convert_article = convert_figure = convert_div
    # Blocks markdownify has no rule for: their words would run into the text around them.
    convert_form = convert_fieldset = convert_details = convert_summary = convert_dialog = convert_div
    convert_address = convert_header = convert_footer = convert_aside = convert_nav = convert_main = convert_div

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = _trim_breaks(text)
        if not text:
            return "\n"
        marker = item_marker(el, self.md_options.bullet) + _task_box(el)
        # Python-Markdown reads an item's later blocks only at 4 columns; CommonMark at the marker's
        # width, and up to 3 columns more: 4 (or the marker's width, if wider) satisfies both.
        indent = " " * max(4, len(marker))
        lines = text.split("\n")
        rest = [indent + line if line.strip() else "" for line in lines[1:]]
        # A fence wants a blank line after it (an item of several blocks gets one from the list:
        # _loose_throughout).
        blank_after = "\n" if lines[-1].startswith(("```", "~~~")) else ""
        return "\n".join([marker + lines[0], *rest]) + "\n" + blank_after

    def convert_ul(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return str(_Base.convert_list(self, el, _loose_throughout(text), parent_tags))

    convert_ol = convert_ul

    def convert_blockquote(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _or_break(str(_Base.convert_blockquote(self, el, _trim_breaks(text), parent_tags)), parent_tags)

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _or_break(fenced_block(text, str(el.get(mk.CODE_LANGUAGE) or "")), parent_tags)

    def convert_dt(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self.convert_p(el, text, parent_tags)

    convert_dd = convert_dt

    def convert_table(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return table_markdown(el, text, in_cell=_in_cell(parent_tags))

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "table" not in parent_tags:
            return self.convert_div(el, text, parent_tags)  # a stray row outside any table
        return text + mk.ROW_END

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "table" not in parent_tags:
            return f" {text} "
        return text.replace(mk.CELL_END, " ").replace(mk.ROW_END, " ") + mk.CELL_END

    convert_th = convert_td

    def convert_caption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return ""  # a caption's text is kept by clean as a paragraph before the table

    def convert_script(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return ""

    convert_style = convert_noscript = convert_template = convert_script
