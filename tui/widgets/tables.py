"""Redrawing a DataTable (new data, or the same data in another language) without losing the
row the person was on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.widgets import DataTable


def refill(table: DataTable, columns: Sequence[tuple[str, str]],
           rows: Iterable[tuple[str, Sequence[object]]]) -> None:
    """`columns`: (key, header) pairs; `rows`: (row key, cells). The cursor stays on the row
    with the same key when it is still there."""
    current = None
    if table.row_count and table.cursor_row is not None:
        try:
            current = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        except Exception:  # the cursor pointed past the rows
            current = None
    table.clear(columns=True)
    for key, header in columns:
        table.add_column(header, key=key)
    keys = []
    for key, cells in rows:
        table.add_row(*cells, key=key)
        keys.append(key)
    if current in keys:
        table.move_cursor(row=keys.index(current), animate=False)


def cursor_key(table: DataTable) -> str | None:
    """The key of the highlighted row (None when the table is empty)."""
    if not table.row_count or table.cursor_row is None:
        return None
    return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
