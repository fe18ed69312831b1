"""Redrawing a DataTable (new data, or the same data in another language) without losing the
row the person was on.

Column widths are measured here, not left to DataTable's own measuring: that one runs when
the table is next idle, and a frame drawn before it stays cached with the headers' widths
(cells cut to "GoToMee" until something else redraws the row)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable


def _width(cell: object) -> int:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return max((cell_len(line) for line in text.splitlines()), default=0)


def refill(table: DataTable, columns: Sequence[tuple[str, str]],
           rows: Iterable[tuple[str, Sequence[object]]], *, height: int = 1) -> None:
    """`columns`: (key, header) pairs; `rows`: (row key, cells). The cursor stays on the row
    with the same key when it is still there."""
    current = None
    if table.row_count and table.cursor_row is not None:
        try:
            current = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        except Exception:  # the cursor pointed past the rows
            current = None
    rows = list(rows)
    table.clear(columns=True)
    for index, (key, header) in enumerate(columns):
        width = max([_width(header), *(_width(cells[index]) for _, cells in rows)])
        table.add_column(header, key=key, width=width)
    keys = []
    for key, cells in rows:
        table.add_row(*cells, key=key, height=height)
        keys.append(key)
    if current in keys:
        table.move_cursor(row=keys.index(current), animate=False)


def cursor_key(table: DataTable) -> str | None:
    """The key of the highlighted row (None when the table is empty)."""
    if not table.row_count or table.cursor_row is None:
        return None
    return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
