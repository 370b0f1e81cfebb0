"""The headless adapter: actions on .xlsm/.xlsx files through openpyxl, saved atomically.

The VBA project and the 2006 ribbon part survive a ``keep_vba=True`` save (WORKBOOKS.md),
so a workbook run headless can still be opened in Excel with its buttons.
"""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from lnp_excel.core.errors import InputError
from lnp_excel.excel.book import (
    HEADER_FILL,
    Cell,
    FileKind,
    Formula,
    Grid,
    cell_value,
    rectangles,
    shown,
)
from lnp_excel.excel.openpyxl_layout import format_sheet as format_layout
from lnp_excel.io.sheet_layout import SheetLayout
from lnp_excel.io.workbook_writer import DATE_FORMAT, MAX_WIDTH
from lnp_excel.io.writers import atomic_write


class OpenpyxlBook:
    """A workbook file opened for one action; ``save`` writes the result atomically."""

    def __init__(
        self,
        path: str | Path,
        *,
        selection: list[int] | None = None,
        quiet: bool = True,
        folder: str | Path | None = None,
    ):
        self.path = Path(path)
        self._folder = Path(folder) if folder else Path.cwd()
        self._selection = selection
        self._quiet = quiet
        self.messages: list[str] = []
        self._calculated = None
        self._shown: dict[tuple[str, Cell], object] = {}  # values of formulas written here
        if not self.path.exists():
            raise InputError(f"file not found: {self.path}")
        try:
            self._wb = openpyxl.load_workbook(
                self.path, keep_vba=self.path.suffix.lower() in (".xlsm", ".xltm")
            )
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
            raise InputError(
                f"cannot open the workbook ({exc.__class__.__name__}): save it as .xlsm or .xlsx",
                file=self.path.name,
            ) from None

    def sheet_names(self) -> list[str]:
        return list(self._wb.sheetnames)

    def _sheet(self, name: str, *, create: bool = False):
        if name in self._wb.sheetnames:
            return self._wb[name]
        if create:
            return self._wb.create_sheet(name)
        raise InputError(
            f"no sheet named '{name}'; sheets: {', '.join(self._wb.sheetnames)}",
            file=self.path.name,
        )

    def read(self, sheet: str) -> Grid:
        """Values as Excel shows them: a formula reads as its last calculated value."""
        return [[shown(v) for v in row] for row in self.read_content(sheet)]

    def read_content(self, sheet: str) -> Grid:
        ws = self._sheet(sheet)
        grid = [list(row) for row in ws.iter_rows(values_only=True)]
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                if (
                    isinstance(value, str)
                    and value.startswith("=")
                    and ws.cell(row=r, column=c).data_type == "f"
                ):
                    row[c - 1] = Formula(value, self._formula_value(sheet, (r, c)))
        return grid

    def _formula_value(self, sheet: str, cell: Cell) -> object:
        """A formula's value as last calculated (openpyxl gives formulas or values per load)."""
        if (sheet, cell) in self._shown:
            return self._shown[(sheet, cell)]
        if self._calculated is None:
            self._calculated = openpyxl.load_workbook(self.path, data_only=True)
        if sheet not in self._calculated.sheetnames:
            return None
        return self._calculated[sheet].cell(row=cell[0], column=cell[1]).value

    def fills(self, sheet: str, cells: Iterable[Cell]) -> dict[Cell, str | None]:
        ws = self._sheet(sheet)
        found: dict[Cell, str | None] = {}
        for r, c in cells:
            fill = ws.cell(row=r, column=c).fill
            rgb = fill.fgColor.rgb if fill.fill_type == "solid" else None
            found[(r, c)] = f"#{rgb[-6:].upper()}" if isinstance(rgb, str) else None
        return found

    def write_cells(self, sheet: str, cells: Mapping[Cell, object]) -> None:
        ws = self._sheet(sheet, create=True)
        for (r, c), value in cells.items():
            self._store(ws, sheet, r, c, value)

    def _store(self, ws, sheet: str, r: int, c: int, value: object):
        """One cell receives exactly ``value`` (X1); a formula's value is kept for ``read``."""
        cell = ws.cell(row=r, column=c)
        self._shown.pop((sheet, (r, c)), None)
        if isinstance(value, Formula):
            cell.value = str(value)
            self._shown[(sheet, (r, c))] = value.shown
            return cell
        _put(cell, cell_value(value))
        if isinstance(cell.value, dt.datetime) and cell.number_format == "General":
            cell.number_format = DATE_FORMAT
        return cell

    def write(self, sheet: str, grid: Sequence[Sequence[object]], *, header: bool = True) -> None:
        ws = self._sheet(sheet, create=True)
        self._shown = {k: v for k, v in self._shown.items() if k[0] != sheet}
        for row in ws.iter_rows():  # values go, formats and fills stay: Excel's ClearContents
            for cell in row:
                cell.value = None
        widths: dict[int, int] = {}
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                self._store(ws, sheet, r, c, value)
                if r <= 200:
                    widths[c] = max(widths.get(c, 8), min(MAX_WIDTH, len(str(value or "")) + 2))
        for c, width in widths.items():
            ws.column_dimensions[get_column_letter(c)].width = width
        if header and grid:
            fill = PatternFill("solid", fgColor=HEADER_FILL.lstrip("#"))
            for c in range(1, len(grid[0]) + 1):
                ws.cell(row=1, column=c).font = Font(bold=True, color="FFFFFF")
                ws.cell(row=1, column=c).fill = fill
            ws.freeze_panes = "A2"
            if not ws.tables:  # a table brings its own filter; two would corrupt the sheet
                ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(grid[0])))}{len(grid)}"
        _resize_tables(ws, len(grid))

    def highlight(self, sheet: str, cells: Iterable[Cell], color: str | None) -> None:
        ws = self._sheet(sheet)
        fill = PatternFill("solid", fgColor=color.lstrip("#")) if color else PatternFill()
        for top, left, bottom, right in rectangles(cells):
            for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
                for cell in row:
                    cell.fill = fill

    def format_sheet(self, sheet: str, layout: SheetLayout) -> None:
        format_layout(self._sheet(sheet), layout)

    def status(self, text: str) -> None:
        self.messages.append(text)
        if not self._quiet:
            print(text, file=sys.stderr)

    def selected_rows(self, sheet: str) -> list[int] | None:
        return self._selection

    def folder(self) -> Path:
        return self._folder

    def pick_files(self, prompt: str, kind: FileKind) -> list[Path]:
        """Headless, nobody picks: the files of ``kind`` in its folder beside the workbook."""
        folder = self._folder / kind.folder
        found = sorted(
            p for p in folder.glob("*") if p.is_file() and p.suffix.lower() in kind.suffixes
        )
        return [p for p in found if not p.name.startswith((".", "~$"))]

    def save(self, output: str | Path, *, overwrite: bool = False) -> Path:
        """Write the workbook to ``output`` atomically; the opened file is protected."""
        return atomic_write(output, self._wb.save, protect=self.path, overwrite=overwrite)


def _put(cell, value: object):
    """Store ``value`` as exactly that: text starting with "=" is text, never a formula (X1)."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _resize_tables(ws, rows: int) -> None:
    """Keep an Excel table that starts at A1 covering the rows just written."""
    for table in ws.tables.values():
        start, end = table.ref.split(":")
        if start != "A1":
            continue
        last_column = "".join(ch for ch in end if ch.isalpha())
        table.ref = f"A1:{last_column}{max(rows, 2)}"
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
