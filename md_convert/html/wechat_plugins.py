"""WeChat plugin elements (profile cards, video-account embeds, music, mini programs…)."""

from __future__ import annotations

from bs4.element import Tag

_DESCRIPTIVE_ATTRIBUTES = ("data-nickname", "nickname", "data-title", "musicname", "name", "data-desc", "desc")


def is_plugin(tag: Tag) -> bool:
    """True for WeChat plugin tags (`mp*`, `mp-*`, `qqmusic`) and anything marked `data-pluginname`."""
    name = tag.name
    return name == "qqmusic" or name.startswith("mp") or bool(tag.has_attr("data-pluginname"))


def plugin_placeholder(tag: Tag) -> str:
    """A one-line note saying what the plugin showed, from its descriptive attributes; '' if none."""
    kind = str(tag.get("data-pluginname") or tag.name)
    details = []
    for attribute in _DESCRIPTIVE_ATTRIBUTES:
        value = " ".join(str(tag.get(attribute) or "").split())
        if value and value not in details:
            details.append(value)
    return f"[{kind}: {' — '.join(details)}]" if details else ""
