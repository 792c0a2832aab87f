"""Form controls and media fallbacks: the words a reader sees in them stay, as plain text.

A browser shows a button's label, a text area's text, the option a select shows (the selected one,
else the first), a submit input's value, and an <audio>'s fallback text when it has nothing to
play. A checkbox at the start of a list item makes it a task (`- [x] …`, GFM). Other inputs show no
words and go.
"""

from __future__ import annotations

from collections.abc import Callable

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from md_convert import markers as mk
from md_convert.html.attributes import URL_STASH

_LABELLED_INPUTS = frozenset({"submit", "button", "reset"})


def replace_control(soup: BeautifulSoup, tag: Tag) -> None:
    """Put the words a reader sees in place of the control `tag` (nothing if it shows none)."""
    words = _shown_words(tag)
    if tag.name == "input" and _mark_task(tag):
        words = ""
    if words:
        shown = soup.new_tag("div" if tag.name == "audio" else "span")  # a player stands on its own line
        shown.append(NavigableString(words))
        tag.replace_with(shown)
    else:
        tag.decompose()


def _shown_words(tag: Tag) -> str:
    return " ".join(_WORDS[tag.name](tag).split())


def _selected_option(select: Tag) -> str:
    options = select.find_all("option")
    chosen = next((o for o in options if o.has_attr("selected")), options[0] if options else None)
    return chosen.get_text() if chosen is not None else ""


def _input_label(field: Tag) -> str:
    kind = str(field.get("type") or "text").lower()
    return str(field.get("value") or "") if kind in _LABELLED_INPUTS else ""


def _audio_fallback(audio: Tag) -> str:
    playable = audio.get("src") or audio.get(URL_STASH["src"]) or audio.find("source")
    return "" if playable else audio.get_text()


_WORDS: dict[str, Callable[[Tag], str]] = {
    "button": Tag.get_text, "textarea": Tag.get_text, "select": _selected_option, "input": _input_label,
    "audio": _audio_fallback,
}
CONTROLS = frozenset(_WORDS)
"""The tags whose words this module keeps (or drops, when they show none)."""


def _mark_task(checkbox: Tag) -> bool:
    """A checkbox that opens a list item makes it a task item; True when it did."""
    if str(checkbox.get("type") or "").lower() != "checkbox":
        return False
    item = checkbox.find_parent("li")
    if item is None or not _is_first_shown(checkbox, item):
        return False
    item[mk.TASK] = "x" if checkbox.has_attr("checked") else " "
    return True


def _is_first_shown(node: Tag, item: Tag) -> bool:
    """Nothing but whitespace stands in `item` before `node`."""
    for element in item.descendants:
        if element is node:
            return True
        if isinstance(element, NavigableString) and element.strip():
            return False
        if isinstance(element, Tag) and element.name in ("img", "input"):
            return False
    return False
