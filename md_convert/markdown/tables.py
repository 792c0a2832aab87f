"""GFM tables: a rectangular grid from <table>, with colspan/rowspan padded and the first row as header."""

from __future__ import annotations

from typing import Any

from md_convert import markers as mk

_MAX_SPAN = 1000


def table_markdown(table: Any, converted: str, in_cell: bool = False) -> str:
    """Assemble the converted cells (marked by CELL_END/ROW_END) into a GFM table.

    Text that stands in a table but outside any cell is shown before the table, as browsers do.
    A table inside a cell cannot be a GFM table: its cells are written one after another.
    """
    chunks = [chunk.split(mk.CELL_END) for chunk in converted.split(mk.ROW_END)]
    rows = [chunk[:-1] for chunk in chunks[:-1]]
    stray = " ".join(" ".join(chunk[-1].split()) for chunk in chunks if chunk[-1].strip())
    if in_cell:
        return " " + " ".join(filter(None, [stray, *(_cell_text(cell) for row in rows for cell in row)])) + " "
    spans = _cell_spans(table)
    if [len(r) for r in rows] != [len(s) for s in spans]:
        spans = [[(1, 1)] * len(row) for row in rows]  # nested tables: keep cells, drop spans
    grid = _layout(rows, spans)
    before = f"\n\n{stray}\n\n" if stray else ""
    if not grid:
        return before
    width = max(len(row) for row in grid)
    lines = [_row_line(row + [""] * (width - len(row))) for row in grid]
    lines.insert(1, "| " + " | ".join(["---"] * width) + " |")
    return before + "\n\n" + "\n".join(lines) + "\n\n"


def _cell_spans(table: Any) -> list[list[tuple[int, int]]]:
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    return [[_span(cell) for cell in tr.find_all(["td", "th"], recursive=False)] for tr in rows]


def _span(cell: Any) -> tuple[int, int]:
    def number(name: str) -> int:
        value = str(cell.get(name) or "1").strip()
        return max(1, min(_MAX_SPAN, int(value))) if value.isdecimal() else 1

    return number("colspan"), number("rowspan")


def _layout(rows: list[list[str]], spans: list[list[tuple[int, int]]]) -> list[list[str]]:
    """Place cells on a grid; a spanned cell's extra positions are left empty."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) already taken by a rowspan
    for r, (cells, cell_spans) in enumerate(zip(rows, spans, strict=True)):
        line: list[str] = []
        for text, (colspan, rowspan) in zip(cells, cell_spans, strict=True):
            while (r, len(line)) in pending:
                line.append(pending.pop((r, len(line))))
            column = len(line)
            line.extend([_cell_text(text)] + [""] * (colspan - 1))
            for below in range(1, min(rowspan, len(rows) - r)):
                for offset in range(colspan):
                    pending[(r + below, column + offset)] = ""
        while (r, len(line)) in pending:
            line.append(pending.pop((r, len(line))))
        if any(cell for cell in line) or line:
            grid.append(line)
    return [row for row in grid if row]


def _cell_text(text: str) -> str:
    text = text.replace(mk.LINE_BREAK, " ")
    return " ".join(text.split())


def _row_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
