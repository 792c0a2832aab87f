"""GFM tables: a rectangular grid from <table>, with colspan/rowspan padded and the first row as header."""

from __future__ import annotations

from bs4.element import Tag

from md_convert import markers as mk

_MAX_SPAN = 1000


def table_markdown(table: Tag, converted: str, in_cell: bool = False) -> str:
    """Assemble the converted cells (marked by CELL_END/ROW_END) into a GFM table.

    Text that stands in a table but outside any cell is shown before the table, as browsers do.
    A table inside a cell cannot be a GFM table: its cells are written one after another.
    """
    chunks = [chunk.split(mk.CELL_END) for chunk in converted.split(mk.ROW_END)]
    rows = [chunk[:-1] for chunk in chunks[:-1]]
    stray = " ".join(" ".join(chunk[-1].split()) for chunk in chunks if chunk[-1].strip())
    if in_cell:
        return " " + " ".join(filter(None, [stray, *(_cell_text(cell) for row in rows for cell in row)])) + " "
    before = f"\n\n{stray}\n\n" if stray else ""
    grid = _layout(rows, _spans_fitting(table, rows))
    return before + _grid_markdown(grid) if grid else before


def _spans_fitting(table: Tag, rows: list[list[str]]) -> list[list[tuple[int, int]]]:
    """Each cell's (colspan, rowspan); all 1 where the cells found are not the converted ones."""
    spans = _cell_spans(table)
    if [len(r) for r in rows] != [len(s) for s in spans]:
        spans = [[(1, 1)] * len(row) for row in rows]  # nested tables: keep cells, drop spans
    return spans


def _grid_markdown(grid: list[list[str]]) -> str:
    """A GFM table: the first row as header, every row as wide as the widest."""
    width = max(len(row) for row in grid)
    lines = [_row_line(row + [""] * (width - len(row))) for row in grid]
    lines.insert(1, "| " + " | ".join(["---"] * width) + " |")
    return "\n\n" + "\n".join(lines) + "\n\n"


def _cell_spans(table: Tag) -> list[list[tuple[int, int]]]:
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    return [[_span(cell) for cell in tr.find_all(["td", "th"], recursive=False)] for tr in rows]


def _span(cell: Tag) -> tuple[int, int]:
    def number(name: str) -> int:
        value = str(cell.get(name) or "1").strip()
        return max(1, min(_MAX_SPAN, int(value))) if value.isdecimal() else 1

    return number("colspan"), number("rowspan")


def _layout(rows: list[list[str]], spans: list[list[tuple[int, int]]]) -> list[list[str]]:
    """Place cells on a grid; a spanned cell's extra positions are left empty."""
    grid: list[list[str]] = []
    taken: set[tuple[int, int]] = set()  # (row, column) already covered by a rowspan from above
    for r, (cells, cell_spans) in enumerate(zip(rows, spans, strict=True)):
        line: list[str] = []
        for text, (colspan, rowspan) in zip(cells, cell_spans, strict=True):
            _skip_taken(line, r, taken)
            column = len(line)
            line.extend([_cell_text(text)] + [""] * (colspan - 1))
            taken.update((r + below, column + offset)
                         for below in range(1, min(rowspan, len(rows) - r)) for offset in range(colspan))
        _skip_taken(line, r, taken)
        if line:
            grid.append(line)
    return grid


def _skip_taken(line: list[str], row: int, taken: set[tuple[int, int]]) -> None:
    """Leave empty the places of this row that a cell above spans down into."""
    while (row, len(line)) in taken:
        taken.discard((row, len(line)))
        line.append("")


def _cell_text(text: str) -> str:
    text = text.replace(mk.LINE_BREAK, " ")
    return " ".join(text.split())


def _row_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
