"""The headless adapter: actions on .xlsm/.xlsx files through openpyxl, saved atomically.

The VBA project and the 2006 ribbon part survive a ``keep_vba=True`` save (WORKBOOKS.md),
so a workbook run headless can still be opened in Excel with its buttons.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from lnp_excel.core.errors import InputError
from lnp_excel.excel.book import HEADER_FILL, Cell, Grid, column_runs
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
        self._written: set[str] = set()
        self._calculated = None
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
        ws = self._sheet(sheet)
        if sheet not in self._written:
            ws = self._values()[sheet]
        return [list(row) for row in ws.iter_rows(values_only=True)]

    def _values(self):
        """The workbook as last calculated (openpyxl gives formulas or values per load)."""
        if self._calculated is None:
            self._calculated = openpyxl.load_workbook(self.path, data_only=True)
        return self._calculated

    def write(self, sheet: str, grid: Sequence[Sequence[object]], *, header: bool = True) -> None:
        ws = self._sheet(sheet, create=True)
        self._written.add(sheet)
        if ws.max_row > 1 or ws.max_column > 1 or ws["A1"].value is not None:
            ws.delete_rows(1, ws.max_row)
        widths: dict[int, int] = {}
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c, value=_excel_value(value))
                if hasattr(value, "year") and not isinstance(value, str):
                    cell.number_format = DATE_FORMAT
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
        for column, first, last in column_runs(cells):
            for row in range(first, last + 1):
                ws.cell(row=row, column=column).fill = fill

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

    def save(self, output: str | Path, *, overwrite: bool = False) -> Path:
        """Write the workbook to ``output`` atomically; the opened file is protected."""
        return atomic_write(output, self._wb.save, protect=self.path, overwrite=overwrite)


def _excel_value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    if type(value).__module__ == "numpy":
        return value.item()  # type: ignore[attr-defined]
    if isinstance(value, str) and value.startswith("="):
        return "'" + value  # data, never a formula
    return value


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
