"""The one seam between actions and a workbook: read a sheet once, write it once.

Two adapters implement it: ``OpenpyxlBook`` (headless, files, CI) and ``XlwingsBook``
(the open workbook in Excel). Actions only ever call these methods, so a ribbon button
and ``lnp-excel run`` execute the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from lnp_excel.io.sheet_layout import HEADER_FILL, SheetLayout  # noqa: F401 (adapters use it)

Grid = list[list[object]]
Cell = tuple[int, int]  # (1-based row, 1-based column), as Excel counts

CHANGED_FILL = "#FFEB9C"
FLAGGED_FILL = "#FFC7CE"


class Book(Protocol):
    """What an action may do to a workbook."""

    def sheet_names(self) -> list[str]:
        """Sheets in workbook order."""

    def read(self, sheet: str) -> Grid:
        """The sheet's used range from A1, as values (row 0 = Excel row 1)."""

    def write(self, sheet: str, grid: Sequence[Sequence[object]], *, header: bool = True) -> None:
        """Replace the sheet's contents with ``grid`` from A1 (creating the sheet if needed).

        With ``header`` the first row is styled as a header, in one bulk operation.
        """

    def highlight(self, sheet: str, cells: Iterable[Cell], color: str | None) -> None:
        """Fill the cells (None clears the fill), grouped into as few ranges as possible."""

    def format_sheet(self, sheet: str, layout: SheetLayout) -> None:
        """Give a sheet just written its looks (X4): number formats, widths and wrap per
        column, the table over the data, the chart, the notes' formats, the print setup;
        the same description the command line's workbook is written from."""

    def status(self, text: str) -> None:
        """Progress for the person watching (Excel's status bar, stderr headless)."""

    def selected_rows(self, sheet: str) -> list[int] | None:
        """The sheet rows the user selected (C13 batches), or None for all rows."""

    def folder(self) -> Path:
        """Where files an action makes (request CSVs, the customer CSV) are written."""


def column_runs(cells: Iterable[Cell]) -> list[tuple[int, int, int]]:
    """Group cells into (column, first row, last row) runs: few ranges for bulk formatting."""
    runs: list[tuple[int, int, int]] = []
    for column, row in sorted((c, r) for r, c in cells):
        if runs and runs[-1][0] == column and runs[-1][2] == row - 1:
            runs[-1] = (column, runs[-1][1], row)
        elif not (runs and runs[-1][0] == column and runs[-1][1] <= row <= runs[-1][2]):
            runs.append((column, row, row))
    return runs
