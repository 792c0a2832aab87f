"""WeChat plugin elements (profile cards, video-account embeds, music, mini programs, polls, ad
cards…): what they showed is not article text."""

from __future__ import annotations

from bs4.element import Tag

from md_convert.html.tree import class_names

_DESCRIPTIVE_ATTRIBUTES = ("data-nickname", "nickname", "data-title", "musicname", "name", "data-desc", "desc")
_POLL_CLASSES = ("vote_iframe", "js_editor_vote_card")
_AD_CLASS = "cps_inner"
"""WeChat's product cards (`cps_inner_*`: a title, a 广告 tag, a 购买 button): advertising."""


def is_plugin(tag: Tag) -> bool:
    """True for WeChat plugin tags (`mp*`, `mp-*`, `qqmusic`), anything marked `data-pluginname`,
    polls and ad cards."""
    name = tag.name
    if name == "qqmusic" or name.startswith("mp"):
        return True
    if not tag.attrs:  # most tags, once the lxml pass has dropped what nothing reads
        return False
    return "data-pluginname" in tag.attrs or _kind_by_class(tag) is not None


def _kind_by_class(tag: Tag) -> str | None:
    if "newappmsgvote" in str(tag.get("data-src") or ""):
        return "vote"
    classes = class_names(tag)
    if not classes:
        return None
    if any(poll in classes for poll in _POLL_CLASSES):
        return "vote"
    return "ad" if _AD_CLASS in classes else None


def plugin_placeholder(tag: Tag) -> str:
    """A one-line note saying what the plugin showed, from its descriptive attributes; '' if none
    (a poll says it was one; an ad card says nothing)."""
    kind = _kind_by_class(tag) or str(tag.get("data-pluginname") or tag.name)
    if kind == "ad":
        return ""
    details = []
    for attribute in _DESCRIPTIVE_ATTRIBUTES:
        value = " ".join(str(tag.get(attribute) or "").split())
        if value and value not in details:
            details.append(value)
    if not details:
        return "[vote]" if kind == "vote" else ""
    return f"[{kind}: {' — '.join(details)}]"
