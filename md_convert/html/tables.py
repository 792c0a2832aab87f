"""Tables as a browser lays them out: what a table holds outside its cells, and tables that only lay
out a page (a whole post in one cell) rather than hold data."""

from __future__ import annotations

from collections.abc import Collection

from bs4.element import PageElement, Tag

from md_convert.html.tree import children_named, has_tag_in, tags_in
from md_convert.tags import HEADINGS, LISTS

_TABLE_CHILDREN = {
    "table": frozenset({"caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr"}),
    "thead": frozenset({"tr"}), "tbody": frozenset({"tr"}), "tfoot": frozenset({"tr"}), "tr": frozenset({"td", "th"}),
}
_CELLS = _TABLE_CHILDREN["tr"]


def normalise_table(table: Tag) -> None:
    """A data table with its caption before it and nothing outside its cells; a layout table unwrapped."""
    for caption in children_named(table, ("caption",)):
        caption.name = "p"
        table.insert_before(caption.extract())
    _foster_parent(table)
    if _is_layout_table(table):
        _unwrap(table)


_LAYOUT_BLOCKS = HEADINGS | LISTS
_PARAGRAPHS = ("p", "div", "section", "blockquote")


def _is_layout_table(table: Tag) -> bool:
    """A table that lays out a page rather than holds data: a cell holds a heading or a list, or the
    table is one column and a cell holds several paragraphs (a whole post in one cell). A GFM table
    can hold none of these; it would flatten them into one row of text. A one-column table of short
    cells, or a data table with a two-paragraph cell, stays a table: peers' suites and the CommonMark
    spec's HTML read them as tables."""
    cells = _own(table, _CELLS)
    if any(has_tag_in(cell, _LAYOUT_BLOCKS) for cell in cells):
        return True
    one_column = all(len(children_named(row, _CELLS)) <= 1 for row in _own(table, ("tr",)))
    return one_column and any(_paragraph_count(cell) > 1 for cell in cells)


def _own(table: Tag, names: Collection[str]) -> list[Tag]:
    """The `names` tags of the table itself, not of a table nested in one of its cells."""
    return [tag for tag in tags_in(table, names) if tag.find_parent("table") is table]


def _paragraph_count(cell: Tag) -> int:
    """Blocks of text in the cell that hold no further block (a `<section><p>…` counts once)."""
    return sum(1 for block in tags_in(cell, _PARAGRAPHS)
               if not has_tag_in(block, _PARAGRAPHS) and block.get_text(strip=True))


def _unwrap(table: Tag) -> None:
    """The table's own structure becomes plain blocks, in reading order: row by row, cell by cell."""
    for part in _own(table, ("col", "colgroup")):
        part.decompose()
    for part in [*_own(table, ("thead", "tbody", "tfoot", "tr")), *_own(table, _CELLS), table]:
        part.name = "div"
        part.attrs = {}


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
