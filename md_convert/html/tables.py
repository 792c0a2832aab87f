"""Tables as a browser lays them out: a caption, and what a table holds outside its cells."""

from __future__ import annotations

from bs4.element import PageElement, Tag

from md_convert.html.tree import tags_in

_TABLE_CHILDREN = {
    "table": frozenset({"caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr"}),
    "thead": frozenset({"tr"}), "tbody": frozenset({"tr"}), "tfoot": frozenset({"tr"}), "tr": frozenset({"td", "th"}),
}
_CELLS = _TABLE_CHILDREN["tr"]


def normalise_table(table: Tag) -> None:
    """The table with its caption before it and nothing outside its cells."""
    for caption in table.find_all("caption", recursive=False):
        caption.name = "p"
        table.insert_before(caption.extract())
    _foster_parent(table)


def _foster_parent(table: Tag) -> None:
    """What a table holds outside its cells is shown before it, as browsers do ("foster parenting");
    left in place, a code block in a row would be flattened into the table's text."""
    for holder in [table, *tags_in(table, _TABLE_CHILDREN)]:
        allowed = _TABLE_CHILDREN.get(holder.name)
        nested = holder is not table and (holder.name == "table" or holder.find_parent("table") is not table)
        if allowed is None or nested:
            continue  # a cell, or a nested table or part of one (which sees to its own)
        _foster_parent_children(table, holder, allowed)


def _foster_parent_children(table: Tag, holder: Tag, allowed: frozenset[str]) -> None:
    row: Tag | None = None  # cells outside a row (`<thead><td>…`) are one, as a browser's parser makes them
    for child in list(holder.children):
        name = getattr(child, "name", None)
        if name in _CELLS and holder.name != "tr":
            row = row or _new_row_before(child)
            row.append(child.extract())
        elif name in allowed or not (isinstance(child, Tag) or str(child).strip()):
            row = row if name is None else None
        else:
            table.insert_before(child.extract())


def _new_row_before(cell: PageElement) -> Tag:
    row = Tag(name="tr")
    cell.insert_before(row)
    return row
