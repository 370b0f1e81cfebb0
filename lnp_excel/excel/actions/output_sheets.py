"""How an action fills an output sheet: the same ``SheetSpec`` the command line writes,
laid out from the same description (``sheet_layout``, X4), through the ``Book`` seam."""

from __future__ import annotations

from decimal import Decimal

from lnp_excel.excel.actions.common import frame_grid
from lnp_excel.excel.book import Book
from lnp_excel.io.sheet_layout import SheetSpec, sheet_layout, value_cells


def write_sheet(book: Book, spec: SheetSpec) -> None:
    """Write the table with its notes beside it (one write), then its formats, table,
    chart and print setup (``Book.format_sheet``), then its fills (runs of cells)."""
    layout = sheet_layout(spec)
    grid = frame_grid(spec.frame)
    for row, note in enumerate(spec.notes):
        while len(grid) <= row:
            grid.append([])
        cells = grid[row] = list(grid[row])
        cells.extend([None] * (layout.notes_column - len(cells)))
        cells.extend(note_cells(note))
    book.write(spec.name, grid)
    book.format_sheet(spec.name, layout)
    for colour, cells in value_cells(spec).items():
        book.highlight(spec.name, [(row + 2, column + 1) for row, column in cells], colour)


def note_cells(note: str | tuple[str, object]) -> list[object]:
    """A note line as cells: its text, or a label and its typed value (money as a number)."""
    if isinstance(note, str):
        return [note]
    label, value = note
    return [label, float(value) if isinstance(value, Decimal) else value]
