"""The Excel adapter, called by the ribbon through ``RunPython``; the only code CI cannot run.

It stays small on purpose: read a used range in one call, write a grid in one call, colour
runs of cells, show the status bar, and turn every error into a message box.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from lnp_excel.core.errors import InputError
from lnp_excel.excel.actions import run_action
from lnp_excel.excel.book import HEADER_FILL, Cell, Grid, column_runs
from lnp_excel.excel.xlwings_layout import format_sheet as format_layout
from lnp_excel.io.sheet_layout import SheetLayout

TITLE = "LNP Tools"


class XlwingsBook:
    """``Book`` over an open xlwings Book."""

    def __init__(self, book) -> None:
        self.book = book

    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def _sheet(self, name: str):
        if name not in self.sheet_names():
            self.book.sheets.add(name, after=self.book.sheets[-1])
        return self.book.sheets[name]

    def read(self, sheet: str) -> Grid:
        ws = self._sheet(sheet)
        last = ws.used_range.last_cell
        values = ws.range((1, 1), (last.row, last.column)).options(ndim=2).value
        return [list(row) for row in values or []]

    def write(self, sheet: str, grid: Sequence[Sequence[object]], *, header: bool = True) -> None:
        ws = self._sheet(sheet)
        ws.clear_contents()
        if not grid:
            return
        width = max(len(row) for row in grid)
        ws.range((1, 1)).value = [list(row) + [None] * (width - len(row)) for row in grid]
        if header:
            top = ws.range((1, 1), (1, width))
            top.color = HEADER_FILL
            top.font.bold = True
            top.font.color = "#FFFFFF"
            ws.autofit()

    def highlight(self, sheet: str, cells: Iterable[Cell], color: str | None) -> None:
        ws = self._sheet(sheet)
        for column, first, last in column_runs(cells):
            ws.range((first, column), (last, column)).color = color

    def format_sheet(self, sheet: str, layout: SheetLayout) -> None:
        format_layout(self._sheet(sheet), layout)

    def status(self, text: str) -> None:
        self.book.app.status_bar = text

    def folder(self) -> Path:
        return Path(self.book.fullname).parent

    def selected_rows(self, sheet: str) -> list[int] | None:
        selection = self.book.selection
        if selection is None or selection.sheet.name != sheet:
            return None
        rows = rows_of_address(selection.address)
        return rows if len(rows) > 1 or selection.count > 1 else None


def rows_of_address(address: str) -> list[int]:
    """Sheet rows of an A1 address with several areas: "$A$2:$D$5,$A$9" -> 2..5, 9."""
    rows: set[int] = set()
    for area in address.replace("$", "").split(","):
        numbers = [int(n) for n in re.findall(r"\d+", area)]
        if numbers:
            rows.update(range(min(numbers), max(numbers) + 1))
    return sorted(rows)


def run(action_name: str, book=None) -> str | None:
    """Entry point of every ribbon button: run the action, report in Excel's own way."""
    import xlwings as xw

    book = book or xw.Book.caller()
    app = book.app
    app.screen_updating = False
    try:
        summary = run_action(XlwingsBook(book), action_name)
        app.status_bar = summary
        return summary
    except InputError as error:
        app.alert(f"{error}\n\nFix this and press the button again.", title=TITLE, mode="critical")
    except Exception as error:  # noqa: BLE001 - the agent sees a message, never a traceback
        app.alert(
            f"{action_name} stopped: {error.__class__.__name__}: {error}\n\n"
            "The Changes sheet lists every cell changed so far; Undo last action puts "
            "them back.",
            title=TITLE,
            mode="critical",
        )
    finally:
        app.screen_updating = True
    return None
