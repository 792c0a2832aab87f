"""List item markers: the bullet or number of each item, and the other marker for a list that
follows another of its kind (flagged by `html.adjacent_lists`)."""

from __future__ import annotations

from bs4.element import Tag

from md_convert.markers import LIST_ALTERNATE


def item_marker(li: Tag, bullet: str) -> str:
    """The marker of one list item, with its trailing space."""
    parent = li.parent
    alternate = parent is not None and parent.has_attr(LIST_ALTERNATE)
    if parent is not None and parent.name == "ol":
        start = str(parent.get("start") or "1").strip()
        number = (min(int(start), 10**8) if start.isdecimal() else 1) + len(li.find_previous_siblings("li"))
        return f"{number}{')' if alternate else '.'} "
    if alternate:
        bullet = "*" if bullet != "*" else "-"
    return bullet + " "
