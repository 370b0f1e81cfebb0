"""The one seam between actions and a workbook: read a sheet once, write only what changes.

Two adapters implement it: ``OpenpyxlBook`` (headless, files, CI) and ``XlwingsBook``
(the open workbook in Excel; also the add-in's active workbook). Actions only ever call
these methods, so a ribbon button and ``lnp-excel run`` execute the same code.

What a cell holds (X1): ``None`` (empty), ``str`` (text, always kept as text: an adapter
never lets Excel parse it), ``float``/``int``, ``bool``, ``datetime``, or a ``Formula``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from lnp_excel.io.sheet_layout import (  # noqa: F401 (the adapters and actions use them)
    CHANGED_FILL,
    FLAGGED_FILL,
    HEADER_FILL,
    SheetLayout,
)

Grid = list[list[object]]
PICKED_SEPARATOR = "|"  # LnpPickFiles joins the picked paths with it (never in a file name)


@dataclass(frozen=True)
class FileKind:
    """What a button asks the agent to pick: the Open dialog's filter in Excel, and
    headless (nobody to ask) the folder beside the workbook whose files are taken."""

    label: str
    suffixes: tuple[str, ...]
    folder: str

    @property
    def excel_filter(self) -> str:
        """Application.GetOpenFilename's FileFilter: "label (*.a;*.b),*.a;*.b,All ..."."""
        patterns = ";".join(f"*{suffix}" for suffix in self.suffixes)
        return f"{self.label} ({patterns}),{patterns},All files (*.*),*.*"


STATUS_EXPORTS = FileKind("Status exports", (".csv", ".json", ".xlsx", ".txt"), "status_exports")
CARRIER_CSRS = FileKind("Carrier CSRs", (".csv", ".xlsx", ".json", ".xml"), "carrier_csrs")
Cell = tuple[int, int]  # (1-based row, 1-based column), as Excel counts
Rectangle = tuple[int, int, int, int]  # top row, left column, bottom row, right column


class Formula(str):
    """A cell's formula (``=A2*2``), told apart from text that starts with ``=`` (X1).

    ``shown`` is the value Excel last calculated, which is what the core reads.
    """

    shown: object

    def __new__(cls, text: str, shown: object = None) -> Formula:
        formula = super().__new__(cls, text)
        formula.shown = shown
        return formula


class Book(Protocol):
    """What an action may do to a workbook (the add-in's buttons use the same methods)."""

    def sheet_names(self) -> list[str]:
        """Sheets in workbook order."""

    def read(self, sheet: str) -> Grid:
        """The sheet's used range from A1, as the values Excel shows (row 0 = Excel row 1)."""

    def read_content(self, sheet: str) -> Grid:
        """Like ``read``, but a formula cell holds its ``Formula`` (so Undo can put it back)."""

    def fills(self, sheet: str, cells: Iterable[Cell]) -> dict[Cell, str | None]:
        """Each cell's fill as "#RRGGBB", None when it has none (Undo restores it, X2)."""

    def write(self, sheet: str, grid: Sequence[Sequence[object]], *, header: bool = True) -> None:
        """Replace a sheet the tool owns with ``grid`` from A1 (creating it if needed).

        Text is written as text, a ``Formula`` as a live formula. With ``header`` the first
        row is styled as a header.
        """

    def write_cells(self, sheet: str, cells: Mapping[Cell, object]) -> None:
        """Write exactly these cells, one call per rectangle of ``rectangles`` (X1).

        Text stays text, a ``Formula`` becomes a live formula, None empties the cell; every
        other cell keeps its value, formula, number format and fill.
        """

    def highlight(self, sheet: str, cells: Iterable[Cell], color: str | None) -> None:
        """Fill the cells (None clears the fill), one call per rectangle."""

    def format_sheet(self, sheet: str, layout: SheetLayout) -> None:
        """Give a sheet just written its looks (X4): number formats, widths and wrap per
        column, the table over the data, the chart, the notes' formats, the print setup;
        the same description the command line's workbook is written from."""

    def status(self, text: str) -> None:
        """Progress for the person watching (Excel's status bar, stderr headless)."""

    def selected_rows(self, sheet: str) -> list[int] | None:
        """The sheet rows the user had selected when the button was pressed (C13
        batches; read before anything is written, X3), or None for all rows."""

    def folder(self) -> Path:
        """Where files an action makes (request CSVs, the customer CSV) are written."""

    def pick_files(self, prompt: str, kind: FileKind) -> list[Path]:
        """Files of ``kind`` the agent picks (Excel's Open dialog; headless: the files in
        ``kind.folder`` beside the workbook). An empty list when the agent cancels."""


def column_runs(cells: Iterable[Cell]) -> list[tuple[int, int, int]]:
    """Group cells into (column, first row, last row) runs of consecutive rows."""
    runs: list[tuple[int, int, int]] = []
    for column, row in sorted({(c, r) for r, c in cells}):
        if runs and runs[-1][0] == column and runs[-1][2] == row - 1:
            runs[-1] = (column, runs[-1][1], row)
        else:
            runs.append((column, row, row))
    return runs


def rectangles(cells: Iterable[Cell]) -> list[Rectangle]:
    """Cover exactly these cells with few rectangles: one Excel call each, never one a cell.

    Runs down each column, then side-by-side runs spanning the same rows join: a changed
    column is one range, an added block of columns one range, a scattered cell its own.
    """
    merged: list[Rectangle] = []
    for column, first, last in sorted(column_runs(cells), key=lambda r: (r[1], r[2], r[0])):
        if merged and merged[-1][0::2] == (first, last) and merged[-1][3] == column - 1:
            merged[-1] = (first, merged[-1][1], last, column)
            continue
        merged.append((first, column, last, column))
    return merged


def cell_value(value: object) -> object:
    """A core value as a cell value: pandas' missing and "" are empty, numpy and pandas
    types become Python's (what both adapters can write)."""
    if value is None or (isinstance(value, str) and value == "" and not isinstance(value, Formula)):
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()  # type: ignore[union-attr]
    if isinstance(value, Decimal):
        return float(value)
    if type(value).__module__ == "numpy":
        item = value.item()  # type: ignore[attr-defined]
        return None if isinstance(item, float) and item != item else item
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def held(content: Grid, cell: Cell) -> object:
    """What a cell holds according to ``content`` (row 0 = Excel row 1); empty beyond it."""
    r, c = cell
    if r <= len(content) and c <= len(content[r - 1]):
        return content[r - 1][c - 1]
    return None


def shown(value: object) -> object:
    """What a cell shows: a formula's calculated value, anything else itself."""
    return value.shown if isinstance(value, Formula) else value
