"""What every workbook action shares: the registry, sheet tables, Changes and undo.

An action is a plain function ``(book) -> summary``. It reads each sheet it needs once,
runs the same core code as the command line, writes each sheet once, and records every
cell it changed on the Changes sheet, which is also what "Undo last action" replays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from lnp_excel.core import Progress
from lnp_excel.core.changes import (
    CHANGE_COLUMNS,
    JOURNAL_COLUMNS,
    WHOLE_SHEET,
    journal_rows,
    next_action_number,
    undo_plan,
)
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.core.values import parse_count, parse_date
from lnp_excel.excel.book import (
    CHANGED_FILL,
    FLAGGED_FILL,
    Book,
    Cell,
    Formula,
    Grid,
    cell_value,
    held,
    shown,
)
from lnp_excel.io.tables import SourceTable, column_positions, table_from_grid

PLANNER, CSR = "Port_Planner", "CSR_Template"
CHANGES = "Changes"  # the journal sheet: core.changes.JOURNAL_COLUMNS
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


def progress_on(book: Book) -> Progress:
    """A core progress callback shown on the status bar ("Normalizing numbers 40%")."""
    return lambda fraction, message: book.status(f"{message} {fraction:.0%}")


# --- reading and writing sheets ------------------------------------------------------------


@dataclass
class SheetTable:
    """A sheet read once: its grid (to write back) and the table the core works on."""

    sheet: str
    grid: Grid  # values as shown
    table: SourceTable
    content: Grid | None = None  # what the cells hold, formulas as ``Formula`` (for Undo)

    @property
    def frame(self) -> pd.DataFrame:
        return self.table.frame

    def positions(self) -> dict[str, int]:
        return column_positions(self.grid[self.table.header_row - 1])

    def formula_cells(self) -> pd.DataFrame:
        """True where the cell under ``frame`` holds a formula (what a repair never touches)."""
        frame = self.frame
        content = self.content or []
        where = self.positions()
        return pd.DataFrame(
            {
                name: [
                    isinstance(held(content, (int(row), where[str(name)])), Formula)
                    for row in frame.index
                ]
                for name in frame.columns
            },
            index=frame.index,
            dtype=bool,
        )


@contextmanager
def on_sheet(sheet: str) -> Iterator[None]:
    """Errors the core raises while working on a sheet's table name that sheet."""
    try:
        yield
    except InputError as error:
        raise error.located(sheet=sheet) from None


def read_table(book: Book, sheet: str, alias_groups: Sequence[Sequence[str]]) -> SheetTable:
    """A sheet read once: formulas kept for Undo, their values for the core."""
    content = book.read_content(sheet)
    grid = [[shown(v) for v in row] for row in content]
    table = table_from_grid(grid, alias_groups=alias_groups, sheet=sheet)
    return SheetTable(sheet, grid, table, content)


def frame_grid(frame: pd.DataFrame) -> Grid:
    """Header plus rows, with pandas' missing values as empty cells and dates as dates."""
    rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    return [[str(c) for c in frame.columns], *rows]


# --- Changes and undo --------------------------------------------------------------------------


def read_journal(book: Book) -> pd.DataFrame:
    """The Changes sheet as a journal (``JOURNAL_COLUMNS``), indexed by sheet row.

    A Changes sheet from an older workbook (fewer columns) reads with the missing ones
    empty.
    """
    if CHANGES not in book.sheet_names():
        return pd.DataFrame(columns=list(JOURNAL_COLUMNS))
    grid = book.read(CHANGES)
    if not grid:
        return pd.DataFrame(columns=list(JOURNAL_COLUMNS))
    header = [str(h) if h is not None else "" for h in grid[0]]
    names = list(JOURNAL_COLUMNS)
    where = {name: header.index(name) for name in names if name in header}
    rows = {
        number: [row[where[n]] if where.get(n, len(row)) < len(row) else None for n in names]
        for number, row in enumerate(grid[1:], start=2)
        if any(v is not None for v in row)
    }
    journal = pd.DataFrame(
        list(rows.values()), index=list(rows), columns=list(JOURNAL_COLUMNS), dtype=object
    )
    journal.attrs["current"] = header[: len(names)] == names  # rows can be appended
    return journal


def _append_journal(book: Book, journal: pd.DataFrame, rows: pd.DataFrame) -> None:
    """Add an action's journal rows below the last one: one write, the log is not rewritten."""
    if not journal.attrs.get("current"):  # no Changes sheet yet, or an older one's columns
        book.write(CHANGES, frame_grid(pd.concat([journal, rows], ignore_index=True)))
        return
    first = (max(journal.index) if len(journal) else 1) + 1
    values = rows.to_numpy(dtype=object)
    book.write_cells(
        CHANGES,
        {
            (first + i, j + 1): values[i, j]
            for i in range(values.shape[0])
            for j in range(values.shape[1])
        },
    )


def _before(content: Grid, cell: Cell) -> tuple[object, str | None]:
    """What a cell held as (value shown, formula)."""
    value = held(content, cell)
    return (value.shown, str(value)) if isinstance(value, Formula) else (value, None)


def apply_changes(
    book: Book,
    target: SheetTable,
    changes: pd.DataFrame,
    action_label: str,
    *,
    marks: Iterable[int] = (),
) -> int:
    """Write a step log's changed cells back, highlight them, and journal them (X1, X2).

    ``changes`` has the core's columns Row (sheet row), Column (frame column name), Old,
    New and Rule. Only cells whose content changes are written, one call per rectangle;
    columns the core added go right of the used range, header included. ``marks`` are the
    sheet rows of flagged rows: their first cell turns red. Every cell's old value, formula
    and fill goes on the Changes sheet, which is what Undo replays, marks included.
    """
    content = target.content if target.content is not None else book.read_content(target.sheet)
    positions = target.positions()
    mark_log = _mark_log(changes, positions, marks)
    if len(mark_log):
        changes = pd.concat([changes[list(CHANGE_COLUMNS)], mark_log], ignore_index=True)
    if changes.empty:
        return 0
    width = max([len(row) for row in content] + [len(target.grid[target.table.header_row - 1])])
    added = [c for c in dict.fromkeys(changes["Column"]) if c not in positions]
    for offset, column in enumerate(added, start=1):
        positions[column] = width + offset
    rules = changes.drop_duplicates("Column").set_index("Column")["Rule"]
    heads = pd.DataFrame(
        {
            "Row": [target.table.header_row] * len(added),
            "Column": added,
            "Old": [None] * len(added),
            "New": added,
            "Rule": [rules[c] for c in added],
        }
    )
    log = pd.concat([heads, changes[list(CHANGE_COLUMNS)]], ignore_index=True).astype(object)
    letters = {c: get_column_letter(positions[c]) for c in dict.fromkeys(log["Column"])}
    cells = [(int(r), positions[c]) for r, c in zip(log["Row"], log["Column"], strict=True)]
    addresses = [f"{letters[c]}{int(r)}" for r, c in zip(log["Row"], log["Column"], strict=True)]
    unique = dict.fromkeys(cells)
    fills = book.fills(target.sheet, list(unique))
    held = {cell: _before(content, cell) for cell in unique}
    for i in [i for i, new in enumerate(log["New"]) if new is _KEEP]:
        value, formula = held[cells[i]]
        log.at[i, "New"] = Formula(formula, value) if formula else value
    before = {
        address: (*held[cell], fills.get(cell))
        for cell, address in zip(cells, addresses, strict=True)
    }
    journal = read_journal(book)
    rows = journal_rows(
        log,
        number=next_action_number(journal),
        label=action_label,
        sheet=target.sheet,
        cells=addresses,
        before=before,
    )
    final = dict(zip(cells, log["New"], strict=True))
    writes = {
        cell: new
        for cell, new in final.items()
        if held[cell][1] is not None or not _same(held[cell][0], cell_value(new))
    }
    book.write_cells(target.sheet, writes)
    header = {cell for cell in writes if cell[0] == target.table.header_row and cell[1] > width}
    book.highlight(target.sheet, [c for c in writes if c not in header], CHANGED_FILL)
    marked = [c for c, rule in zip(cells, log["Rule"], strict=True) if rule == MARK_RULE]
    if marked:
        book.highlight(target.sheet, marked, FLAGGED_FILL)
    _append_journal(book, journal, rows)
    return int((changes["Rule"] != MARK_RULE).sum())


MARK_RULE = "flag"  # a journal row that only turned a flagged row's first cell red


def _mark_log(
    changes: pd.DataFrame, positions: dict[str, int], marks: Iterable[int]
) -> pd.DataFrame:
    """Log rows for the flag marks: the first cell keeps the value the action leaves in it."""
    first = next((name for name, at in positions.items() if at == 1), None)
    rows = sorted(set(marks))
    if first is None or not rows:
        return pd.DataFrame(columns=list(CHANGE_COLUMNS))
    mine = changes[changes["Column"] == first]
    after = dict(zip(mine["Row"].astype(int), mine["New"], strict=True))
    return pd.DataFrame(
        {
            "Row": rows,
            "Column": [first] * len(rows),
            "Old": [None] * len(rows),
            "New": [after.get(r, _KEEP) for r in rows],
            "Rule": [MARK_RULE] * len(rows),
        }
    )


_KEEP = object()  # "the value the cell holds": resolved against the sheet's content


def _same(old: object, new: object) -> bool:
    return type(old) is type(new) and old == new


def backup_name(sheet: str) -> str:
    return f"{sheet} backup"[:31]


def replace_sheet(book: Book, sheet: str, grid: Grid, label: str, *, rule: str) -> None:
    """Replace a whole sheet; its old contents, formulas included, move to a backup sheet
    that Undo restores."""
    old = book.read_content(sheet) if sheet in book.sheet_names() else []
    book.write(backup_name(sheet), old, header=False)
    book.write(sheet, grid)
    journal = read_journal(book)
    row = pd.DataFrame(
        [
            [
                next_action_number(journal),
                label,
                sheet,
                WHOLE_SHEET,
                None,
                None,
                f"the sheet as it was, kept on '{backup_name(sheet)}'",
                f"{max(len(grid) - 1, 0)} rows",
                rule,
                None,
                None,
            ]
        ],
        columns=list(JOURNAL_COLUMNS),
    )
    _append_journal(book, journal, row)


def undo_last(book: Book) -> str:
    """Put back exactly what the last journaled action changed, and drop its journal rows.

    The plan is pure (``core.changes.undo_plan``: the action's rows replayed newest first);
    this applies it: values and formulas in one write per rectangle, then the old fills.
    """
    journal = read_journal(book)
    plan = undo_plan(journal)
    if plan is None:
        return "Nothing to undo"
    for sheet in plan.sheets:
        book.write(sheet, book.read_content(backup_name(sheet)), header=False)
    by_sheet: dict[str, dict[Cell, tuple[object, str | None, str | None]]] = {}
    for (sheet, address), state in plan.cells.items():
        letters, row = coordinate_from_string(address)
        by_sheet.setdefault(sheet, {})[(row, column_index_from_string(letters))] = state
    for sheet, states in by_sheet.items():
        book.write_cells(
            sheet,
            {
                cell: Formula(formula, value) if formula else value
                for cell, (value, formula, _) in states.items()
            },
        )
        fills: dict[str | None, list[Cell]] = {}
        for cell, (_, _, fill) in states.items():
            fills.setdefault(fill, []).append(cell)
        for fill, where in fills.items():
            book.highlight(sheet, where, fill)
    sheet_rows = [journal.index[p] for p in plan.undone]
    book.write_cells(
        CHANGES,
        {(r, c): None for r in sheet_rows for c in range(1, len(JOURNAL_COLUMNS) + 1)},
    )
    restored = [f"{len(plan.cells)} cells"] if plan.cells else []
    restored += [f"the {sheet} sheet" for sheet in plan.sheets]
    return f"Undid '{plan.label}': {' and '.join(restored)} restored"


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
