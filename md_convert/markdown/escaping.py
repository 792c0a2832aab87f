"""Escape text so that it reads as text in Markdown, and only where it would not.

`-END-` stays as it is; `1. 甲` at a line start becomes `1\\. 甲` because it would start a list.
Line-start rules run at the start of every text node and after every newline in it, because
where a text node lands on its line is only known later; an escape that turns out to be mid-line
renders the same.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from md_convert import markers as mk

_ALWAYS = re.compile(r"([`*])")
# A backslash escapes only ASCII punctuation (and breaks a line at its end): `\cdot` in `$…$` math
# reads as written, so only one before punctuation, a newline or the end of a text node is doubled.
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~\n]|$)")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# Every `~`: GitHub strikes through `~one~` too, and a `~` beside a strikethrough's `~~` would make `~~~`.
_TILDES = re.compile(r"~")
_HTML_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
# `&amp;` in text is escaped at its `;` (`&amp\;`): as correct as `\&amp;`, and no entity left to grep.
_ENTITY_LIKE = re.compile(r"(&#?[A-Za-z0-9]+);")
_LINK_LIKE = re.compile(r"\](?=[(\[:])")
_LINE_START = re.compile(
    r"(^|\n)([ \t]*)"
    r"(#|>|[-+](?=[ \t]|$)|[0-9]{1,9}(?=[.)](?:[ \t]|$))|=+[ \t]*$|-+[ \t]*$)",
    re.MULTILINE,
)
_SPECIAL = re.compile(r"[\\`*_~<&\]\[|]")  # every character the substitutions below may escape
# What a typographer (Hexo's markdown-it and marked, Hugo's goldmark) would rewrite into fewer or
# other characters: `......` into one `…`, `!!!!` into `!!!`, `+-` into `±`, `>>` into `»`, `(c)` into `©`. Only
# characters Python-Markdown also unescapes are escaped: its `\?` and `\,` would show the backslash,
# so markdown-it's `????` -> `???` and `,,` -> `,` are left to it (README, Renderers). Escaping the
# second character on keeps the text as written (three dots too: `…` is not what the author typed,
# and next to CJK it reads as a CJK character).
_TYPOGRAPHY = re.compile(r"\.{2,}|!{4,}|\+-|>{2,}|\((?:c|r|tm|p)\)", re.I)
_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"'`\u3000-\u303f\uff00-\uffef]+[^\s<>\"'`.,;:!?)\]}\u3000-\u303f\uff00-\uffef]")


def escape_text(text: str, *, in_link: bool = False, in_table: bool = False) -> str:
    """Escape Markdown syntax in a run of plain text; bare URLs outside links become autolinks."""
    if in_link or "://" not in text:
        return _escape(text, in_link=in_link, in_table=in_table)
    parts, position = [], 0
    for match in _BARE_URL.finditer(text):
        parts.append(_escape(text[position : match.start()], in_link=False, in_table=in_table))
        parts.append(f"{mk.ATOM_OPEN}<{match.group(0)}>{mk.ATOM_CLOSE}")
        position = match.end()
    parts.append(_escape(text[position:], in_link=False, in_table=in_table))
    return "".join(parts)


def _escape(text: str, *, in_link: bool, in_table: bool) -> str:
    if not _may_need_escaping(text):
        return text  # 95 % of text nodes
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _TILDES.sub(r"\\~", text)
    text = _HTML_LIKE.sub(r"\\<", text)
    text = _ENTITY_LIKE.sub(r"\1\\;", text)
    text = _TYPOGRAPHY.sub(_untypographed, text)
    if in_link:
        text = text.replace("[", r"\[").replace("]", r"\]")
    else:
        text = _LINK_LIKE.sub(r"\\]", text)
    if in_table:
        text = text.replace("|", r"\|")
    text = _LINE_START.sub(_escape_line_start, text)
    return _DIGITS_AT_END.sub(lambda m: m.group(0) + mk.ESCAPE_NEXT, text)


def _may_need_escaping(text: str) -> bool:
    """False when no substitution of _escape would change the text, found by the cheapest tests first.
    The line-start pattern is searched past the start only when a newline starts a line there."""
    return (
        _SPECIAL.search(text) is not None
        or text[-1:].isdigit()
        or _LINE_START.match(text) is not None
        or ("\n" in text and _LINE_START.search(text) is not None)
        or _may_be_typographed(text)
    )


def _may_be_typographed(text: str) -> bool:
    """_TYPOGRAPHY would match: substring tests first, as the regex tries five alternatives at every
    position (it was half the time of escaping)."""
    return ".." in text or "!!!!" in text or "+-" in text or ">>" in text or (
        "(" in text and _TYPOGRAPHY.search(text) is not None)


_DIGITS_AT_END = re.compile(r"(?:^|(?<=\n))[ \t]*[0-9]{1,9}$")
_DIGITS_THEN_MARKER_CHARACTER = re.compile(f"{mk.ESCAPE_NEXT}([{''.join(mk.OPENERS)}{''.join(mk.CLOSERS)}]*)([.)])")


def escape_split_list_markers(marked: str) -> str:
    """Digits that open a line in one text node and a `.` or `)` in the next (`42<b>)</b>`) would
    read as a list marker: the `.` or `)` gets its backslash here, where both are in one string.
    Runs on the converter's marked output, before the emphasis pass reads the delimiters."""
    if mk.ESCAPE_NEXT not in marked:
        return marked
    return _DIGITS_THEN_MARKER_CHARACTER.sub(r"\1\\\2", marked).replace(mk.ESCAPE_NEXT, "")


def _untypographed(match: re.Match[str]) -> str:
    run = match.group(0)
    if run[0] == "(":
        return "\\" + run
    if run[0] == "!":
        return run[:3] + "".join("\\" + c for c in run[3:])
    return run[0] + "".join("\\" + c for c in run[1:])


def _escape_line_start(match: re.Match[str]) -> str:
    newline, indent, syntax = match.groups()
    # At the node's start the line may hold more before it (`**+ 加法**`): the layout decides there.
    escape = "\\" + mk.LINE_START_ESCAPE if match.start() == 0 else "\\"
    if syntax[0].isdigit():
        return f"{newline}{indent}{syntax}{escape}"  # `1.` -> `1\.` (the dot follows the match)
    return f"{newline}{indent}{escape}{syntax}"


def settle_line_start_escapes(line: str) -> str:
    """A laid-out line with its line-start escapes settled (see markers.LINE_START_ESCAPE)."""
    if mk.LINE_START_ESCAPE not in line:
        return line
    return _LINE_START_ESCAPE.sub(lambda match: _line_start_escape(match, line), line)


_LINE_START_ESCAPE = re.compile(rf"\\{mk.LINE_START_ESCAPE}")
# What may stand before a line's first block on it: indentation, quote and list markers.
_CONTAINERS_ONLY = re.compile(r"[ \t]*(?:(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]))[ \t]*)*")


def _line_start_escape(match: re.Match[str], line: str) -> str:
    """Keep the backslash only where the escaped syntax opens the line's block (or in a heading or a
    table row, where a `#` or `---` may still end or make one)."""
    before = line[: match.start()]
    if line[match.end() : match.end() + 1] in (".", ")"):
        before = before.rstrip("0123456789")  # `1\.`: what matters is what precedes the digits
    keep = _CONTAINERS_ONLY.fullmatch(before) or line.lstrip(" \t>").startswith(("#", "|"))
    return "\\" if keep else ""


_BANG_THEN_LINK = f"!{mk.ATOM_OPEN}["
_BANG_BEFORE_LINK = re.compile(rf"(?<!\\)((?:\\\\)*)!(?={mk.ATOM_OPEN}\[)")


def escape_bang_before_links(marked: str) -> str:
    """`!` right before a link's `[` would make the link an image: escape it there, and only there.

    Runs on the converter's marked output, where it is known what follows each piece of text.
    """
    # The regex can match empty at every position; the substring test skips it in nearly every post.
    return _BANG_BEFORE_LINK.sub(r"\1\\!", marked) if _BANG_THEN_LINK in marked else marked


_BARE_DESTINATION_BEFORE_TEXT = re.compile(
    # ]( and a bare URL, matched atomically (a lookahead, then its text): giving characters back can
    # never end it before a space or `)`, and backtracking through every image URL of a post that
    # way took 80 % of this pass
    rf"(\]\()(?=(?P<url>(?:https?://|www\.)[^\s<>()]+(?:\([^\s<>()]*\)[^\s<>()]*)*))(?P=url)"
    rf"((?: \"(?:\\.|[^\"\\])*\")?\)[{mk.ATOM_CLOSE}{mk.IMAGE_CLOSE}])"  # its title, `)`, the end marker
    rf"(?=[^\s{mk.LINE_BREAK}])"  # and text right after it
)


def angle_destinations_before_text(marked: str) -> str:
    """`[a](https://u)**b**`: pandoc's bare-URL autolinking reads on past the `)` into what follows,
    and the link swallows it. Such a destination (a bare URL with text right after the link or
    image) is written `<https://u>`, which every renderer ends where the link ends; elsewhere the
    destination stays bare. Runs on the converter's marked output, where link ends are marked."""
    if "](" not in marked:
        return marked
    return _BARE_DESTINATION_BEFORE_TEXT.sub(lambda m: f"{m.group(1)}<{m.group('url')}>{m.group(3)}", marked)


def escape_link_title(title: str) -> str:
    """A link or image title, quoted with `"`."""
    title = " ".join(title.split()).replace("\\", "\\\\").replace('"', '\\"')
    return f' "{title}"' if title else ""


_URL_UNSAFE = re.compile(r"[\s<>]")


def format_url(url: str) -> str:
    """A link destination every renderer reads whole: spaces and `<>` percent-encoded (as a browser
    requests them), parentheses too when unbalanced. Not the `<…>` form: `<logo 1.png>` reads as a raw
    HTML tag to anything that scans Markdown for leaked HTML, and the percent form means the same URL."""
    url = _URL_UNSAFE.sub(lambda m: quote(m.group()), url.strip())
    if url.count("(") != url.count(")"):
        url = url.replace("(", "%28").replace(")", "%29")
    return url or "<>"


def escape_alt(alt: str) -> str:
    """Image alt text on one line, backslash-escaped only where a CommonMark reader would otherwise
    read syntax in it: Hugo's goldmark and Hexo's marked show an alt text's backslashes as written,
    so `x\\_y` would read `x\\_y` there. `<tag` and entities are always escaped, as in text: raw, they
    leak as HTML, and goldmark and pandoc drop a tag from an alt text."""
    alt = _ENTITY_LIKE.sub(r"\1\\;", _HTML_LIKE.sub(r"\\<", " ".join(alt.split())))
    if not _ALT_SYNTAX.search(alt):
        return alt
    escaped = _ALT_ESCAPED.sub(r"\\\1", alt)
    return alt if _alt_as_read(alt) == _alt_as_read(escaped) else escaped


_ALT_SYNTAX = re.compile(r"[\\\[\]`*_!]")
_ALT_ESCAPED = re.compile(r"([\[\]`*_]|\\(?![<;]))")
_ALT_ATTRIBUTE = re.compile(r'<img src="u" alt="([^"]*)" />')


def _alt_as_read(alt: str) -> str | None:
    """The alt text a CommonMark reader gives `![alt](u)`, None when that is not one image."""
    from md_convert.markdown.commonmark import commonmark_reader

    rendered = commonmark_reader().render(f"![{alt}](u)").strip().removeprefix("<p>").removesuffix("</p>")
    read = _ALT_ATTRIBUTE.fullmatch(rendered)
    return html.unescape(read.group(1)) if read else None