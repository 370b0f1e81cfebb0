"""How ``XlwingsBook`` turns "these cells get these values" into few calls into Excel (X1).

Each call into Excel is a COM round trip (0.2-1 ms; issue 17 s8), so a 20,000-row CSR
cannot be written cell by cell, nor even area by area: a step that fills every third
billing number makes 6,000 separate areas. Instead the cells to write are covered by
*blocks*: one rectangle per column from the first to the last cell written there (side by
side columns with the same rows join), and every cell of a block the action does not
change is written back with exactly what it holds (its value, or its formula), read from
the sheet once. Cells that cannot be written back exactly split a block: an error value
(``#N/A`` reads as text) is never rewritten.

What Excel must be handed for a cell to hold exactly a value (X1, issue 17 s3): text in a
General cell behind an apostrophe, which Excel keeps out of the value (Microsoft Learn,
``Range.PrefixCharacter``); text in a Text (``@``) cell bare, since such a cell keeps what
it is given, apostrophe included (Microsoft Support, "Format numbers as text").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lnp_excel.core.errors import EXCEL_ERRORS
from lnp_excel.excel.book import Cell, Formula, Grid, Rectangle, cell_value, held

TEXT_FORMAT = "@"
COM_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})
"""The error values xlwings reads as text with ``err_to_str`` (``_xlwindows.cell_errors``)."""


def rewritable(value: object) -> bool:
    """Whether writing ``value`` back leaves the cell as it was: not an error value, which
    reads as its text (``err_to_str``) and would come back as text."""
    return not (isinstance(value, str) and not isinstance(value, Formula) and value in EXCEL_ERRORS)


def blocks(cells: Iterable[Cell], content: Grid) -> list[Rectangle]:
    """Rectangles that cover ``cells``: per column, first to last written row, cut where
    an unwritten cell cannot be rewritten exactly; neighbouring columns with the same rows
    join (one call for a block of added columns)."""
    by_column: dict[int, list[int]] = {}
    for r, c in cells:
        by_column.setdefault(c, []).append(r)
    runs: list[tuple[int, int, int]] = []  # (first row, last row, column)
    for column, rows in by_column.items():
        rows = sorted(set(rows))
        first = previous = rows[0]
        for row in rows[1:]:
            gap = range(previous + 1, row)
            if any(not rewritable(held(content, (r, column))) for r in gap):
                runs.append((first, previous, column))
                first = row
            previous = row
        runs.append((first, previous, column))
    merged: list[Rectangle] = []
    for first, last, column in sorted(runs):
        top, left, bottom, right = merged[-1] if merged else (0, 0, 0, 0)
        if merged and (top, bottom) == (first, last) and right == column - 1:
            merged[-1] = (top, left, bottom, column)
        else:
            merged.append((first, column, last, column))
    return merged


def block_values(
    block: Rectangle, cells: Mapping[Cell, object], content: Grid
) -> list[list[object]]:
    """The block's new contents: the written cells' values, every other cell as it is."""
    top, left, bottom, right = block
    return [
        [
            cells[(r, c)] if (r, c) in cells else held(content, (r, c))
            for c in range(left, right + 1)
        ]
        for r in range(top, bottom + 1)
    ]


def as_typed(value: object, text_cell: bool) -> object:
    """What to hand Excel so the cell holds exactly ``value`` (X1): text behind "'" in a
    General cell, bare in a Text cell; a formula as its text. An error value's text
    (``#N/A``, read with ``err_to_str``) goes in bare, so Undo makes it the error again."""
    if isinstance(value, Formula):
        return str(value)
    value = cell_value(value)
    if isinstance(value, str) and not text_cell and value not in COM_ERRORS:
        return "'" + value
    return value


def has_formula(grid: Grid) -> bool:
    return any(isinstance(v, Formula) for row in grid for v in row)


def set_cells(content: Grid, cells: Mapping[Cell, object]) -> None:
    """Keep ``content`` what the sheet holds after ``cells`` were written."""
    for (r, c), value in cells.items():
        while len(content) < r:
            content.append([])
        row = content[r - 1]
        if len(row) < c:
            row.extend([None] * (c - len(row)))
        row[c - 1] = value if isinstance(value, Formula) else cell_value(value)
