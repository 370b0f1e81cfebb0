"""What every workbook action shares: the registry, sheet tables, Changes and undo.

An action is a plain function ``(book) -> summary``. It reads each sheet it needs once,
runs the same core code as the command line, writes each sheet once, and records every
cell it changed on the Changes sheet, which is also what "Undo last action" replays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
from openpyxl.utils import get_column_letter

from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.core.values import parse_count, parse_date
from lnp_excel.excel.book import CHANGED_FILL, Book, Grid
from lnp_excel.io.tables import SourceTable, column_positions, table_from_grid

PLANNER, CSR = "Port_Planner", "CSR_Template"
CHANGES = "Changes"
CHANGE_COLUMNS = ["Action #", "Action", "Sheet", "Cell", "Row", "Column", "Old", "New", "Rule"]
SETTINGS = "Settings"


@dataclass(frozen=True)
class Action:
    """A ribbon button's Python side: its name is what RunPython and ``lnp-excel run`` use."""

    name: str
    label: str
    workbook: str
    run: Callable[[Book], str]


ACTIONS: dict[str, Action] = {}


def action(name: str, label: str, workbook: str) -> Callable[[Callable[[Book], str]], Callable]:
    def register(function: Callable[[Book], str]) -> Callable[[Book], str]:
        ACTIONS[name] = Action(name, label, workbook, function)
        return function

    return register


def run_action(book: Book, name: str) -> str:
    """Run one action by name and return its one-line summary (both shells call this)."""
    if name not in ACTIONS:
        known = ", ".join(sorted(ACTIONS))
        raise InputError(f"unknown action '{name}'; actions: {known}")
    chosen = ACTIONS[name]
    book.status(f"{chosen.label}...")
    return chosen.run(book)


def progress_on(book: Book) -> Callable[[float, str], None]:
    """A core progress callback shown on the status bar ("Normalizing numbers 40%")."""
    return lambda fraction, message: book.status(f"{message} {fraction:.0%}")


# --- reading and writing sheets ------------------------------------------------------------


@dataclass
class SheetTable:
    """A sheet read once: its grid (to write back) and the table the core works on."""

    sheet: str
    grid: Grid
    table: SourceTable

    @property
    def frame(self) -> pd.DataFrame:
        return self.table.frame

    def positions(self) -> dict[str, int]:
        return column_positions(self.grid[self.table.header_row - 1])


@contextmanager
def on_sheet(sheet: str) -> Iterator[None]:
    """Errors the core raises while working on a sheet's table name that sheet."""
    try:
        yield
    except InputError as error:
        raise error.located(sheet=sheet) from None


def read_table(book: Book, sheet: str, alias_groups: Sequence[Sequence[str]]) -> SheetTable:
    grid = book.read(sheet)
    return SheetTable(sheet, grid, table_from_grid(grid, alias_groups=alias_groups, sheet=sheet))


def frame_grid(frame: pd.DataFrame) -> Grid:
    """Header plus rows, with pandas' missing values as empty cells and dates as dates."""
    rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    return [[str(c) for c in frame.columns], *rows]


def write_frame(book: Book, sheet: str, frame: pd.DataFrame) -> None:
    book.write(sheet, frame_grid(frame))


# --- Changes and undo --------------------------------------------------------------------------


def _changes_table(book: Book) -> pd.DataFrame:
    if CHANGES not in book.sheet_names():
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    grid = [row for row in book.read(CHANGES) if any(v is not None for v in row)]
    if len(grid) <= 1:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    width = len(CHANGE_COLUMNS)
    return pd.DataFrame(
        [list(r[:width]) + [None] * (width - len(r)) for r in grid[1:]], columns=CHANGE_COLUMNS
    )


def apply_changes(book: Book, target: SheetTable, changes: pd.DataFrame, action_label: str) -> int:
    """Write corrected cells back (one write), highlight them, and log them on Changes.

    ``changes`` has the core's columns Row (sheet row), Column (frame column name), Old,
    New and Rule. Columns the core added are appended to the right of the sheet.
    """
    if changes.empty:
        return 0
    grid = [list(row) for row in target.grid]
    header_index = target.table.header_row - 1
    positions = target.positions()
    for column in dict.fromkeys(changes["Column"]):
        if column not in positions:  # a column the core added (e.g. PIN) goes on the right
            grid[header_index] = [*grid[header_index], column]
            positions[column] = len(grid[header_index])
    cells = []
    for row, column, new in zip(changes["Row"], changes["Column"], changes["New"], strict=True):
        r, c = int(row) - 1, positions[column] - 1
        while len(grid) <= r:
            grid.append([])
        if len(grid[r]) <= c:
            grid[r].extend([None] * (c + 1 - len(grid[r])))
        grid[r][c] = None if new == "" else new
        cells.append((r + 1, c + 1))
    book.write(target.sheet, grid, header=False)
    book.highlight(target.sheet, cells, CHANGED_FILL)
    _log(book, target.sheet, changes, positions, action_label)
    return len(changes)


def _log(
    book: Book, sheet: str, changes: pd.DataFrame, positions: dict[str, int], label: str
) -> None:
    letters = changes["Column"].map(lambda c: get_column_letter(positions[c]))
    _append_log(
        book,
        label,
        pd.DataFrame(
            {
                "Sheet": sheet,
                "Cell": letters + changes["Row"].astype(int).astype(str),
                "Row": changes["Row"].astype(int),
                "Column": changes["Column"],
                "Old": changes["Old"].map(_shown),
                "New": changes["New"].map(_shown),
                "Rule": changes["Rule"],
            }
        ),
    )


def _append_log(book: Book, label: str, rows: pd.DataFrame) -> None:
    logged = _changes_table(book)
    number = int(pd.to_numeric(logged["Action #"], errors="coerce").max()) + 1 if len(logged) else 1
    rows = rows.assign(**{"Action #": number, "Action": label})[CHANGE_COLUMNS]
    write_frame(book, CHANGES, pd.concat([logged, rows], ignore_index=True))


WHOLE_SHEET = "*"


def backup_name(sheet: str) -> str:
    return f"{sheet} backup"[:31]


def replace_sheet(book: Book, sheet: str, grid: Grid, label: str, *, rule: str) -> None:
    """Replace a whole sheet; its old contents move to a backup sheet that Undo restores."""
    old = book.read(sheet) if sheet in book.sheet_names() else []
    book.write(backup_name(sheet), old, header=False)
    book.write(sheet, grid)
    _append_log(
        book,
        label,
        pd.DataFrame(
            {
                "Sheet": [sheet],
                "Cell": [WHOLE_SHEET],
                "Row": [None],
                "Column": [None],
                "Old": [f"the sheet as it was, kept on '{backup_name(sheet)}'"],
                "New": [f"{max(len(grid) - 1, 0)} rows"],
                "Rule": [rule],
            }
        ),
    )


def _shown(value: object) -> object:
    return "" if value is None or (isinstance(value, float) and value != value) else value


def undo_last(book: Book) -> str:
    """Put back every cell the last logged action changed, and drop its log rows."""
    logged = _changes_table(book)
    if logged.empty:
        return "Nothing to undo"
    numbers = pd.to_numeric(logged["Action #"], errors="coerce")
    last = numbers.max()
    undone = logged[numbers == last]
    for sheet, group in undone.groupby("Sheet", sort=False):
        if (group["Cell"] == WHOLE_SHEET).any():
            book.write(str(sheet), book.read(backup_name(str(sheet))), header=False)
            continue
        grid = [list(row) for row in book.read(str(sheet))]
        cells = []
        for cell, old in zip(group["Cell"], group["Old"], strict=True):
            column = _column_number(str(cell))
            row = int("".join(ch for ch in str(cell) if ch.isdigit()))
            if len(grid[row - 1]) < column:
                grid[row - 1].extend([None] * (column - len(grid[row - 1])))
            grid[row - 1][column - 1] = None if old in ("", None) else old
            cells.append((row, column))
        book.write(str(sheet), grid, header=False)
        book.highlight(str(sheet), cells, None)
    write_frame(book, CHANGES, logged[numbers != last])
    whole = undone.loc[undone["Cell"] == WHOLE_SHEET, "Sheet"].tolist()
    restored = [f"{len(undone) - len(whole)} cells"] if len(undone) > len(whole) else []
    restored += [f"the {sheet} sheet" for sheet in whole]
    return f"Undid '{undone['Action'].iloc[0]}': {' and '.join(restored)} restored"


def _column_number(cell: str) -> int:
    number = 0
    for ch in cell:
        if ch.isalpha():
            number = number * 26 + ord(ch.upper()) - 64
    return number


# --- the Settings sheet ----------------------------------------------------------------------


def read_settings(book: Book) -> tuple[Settings, dict[str, object]]:
    """Settings (handbook constants) and the sheet's other inputs, by name.

    The sheet has Setting / Value columns; names the Settings object does not know
    (submission date, license counts, customer, ...) come back in the dict, raw.
    """
    if SETTINGS not in book.sheet_names():
        return Settings(), {}
    grid = book.read(SETTINGS)
    table = table_from_grid(grid, alias_groups=(("Setting",),), sheet=SETTINGS)
    frame = table.frame
    value_column = next((c for c in frame.columns if str(c).lower() == "value"), None)
    if value_column is None:
        raise InputError("no 'Value' column", sheet=SETTINGS)
    pairs = list(zip(frame["Setting"], frame[value_column], strict=True))
    try:
        settings = Settings.from_pairs(
            (name, value) for name, value in pairs if not isinstance(value, dt.date)
        )
    except ValueError as exc:
        raise InputError(str(exc), sheet=SETTINGS, column="Value") from None
    extra = {str(name).strip(): value for name, value in pairs if name is not None}
    return settings, extra


def as_date(value: object, name: str) -> dt.date | None:
    """A date from the Settings sheet, read by ``core.values`` (ISO, US, serial, date cell)."""
    return parse_date(value, name, sheet=SETTINGS, column=name)


def as_count(value: object, name: str) -> int | None:
    """A whole count from the Settings sheet, read by ``core.values``; blank is None."""
    return parse_count(value, name, sheet=SETTINGS, column=name)
