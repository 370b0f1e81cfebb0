"""A table as read from a file or a sheet: values, the row numbers the user sees, and
the cells it shows but does not hold. Shared by the CSV, workbook and Excel readers."""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np
import pandas as pd

from lnp_excel.core.columns import NUMBER_ALIASES, find_header_row
from lnp_excel.core.errors import NO_DATA, InputError, InputWarning
from lnp_excel.core.values import plural

MAX_SCAN = 30  # rows searched for the header
MAX_COLUMNS = 200  # cells right of this are ignored: no porting sheet is that wide


@dataclass
class SourceTable:
    """A table as read, with enough provenance to point the user back at the cell.

    ``frame`` has object dtype and values as read (workbook cells keep their native
    type: str, int, float, datetime, bool, None; CSV cells are str, empty is "").
    Its index holds the row numbers the user sees: the 1-based Excel row, or for a CSV
    the row Excel would show when opening it. Entirely empty rows are left out, so the
    index can have gaps. Columns are header texts; blank headers become
    "Column <letter>" and repeats become "Name (2)".
    """

    frame: pd.DataFrame
    path: Path | None
    sheet: str | None  # None for CSV
    header_row: int  # 1-based
    # Cells Excel shows but the file does not hold, by column: a formula whose result was
    # never saved, a range merged across the header and the data. Their frame value is
    # None; ``require`` refuses them, ``unread`` names the formula rows.
    suspect: dict[str, list[Suspect]] = field(default_factory=dict)
    # Warnings by row: what the reader did for the agent (a merged range's value applied
    # to each of its rows). Commands show them beside the row's result.
    notes: dict[int, list[str]] = field(default_factory=dict)

    def locate(self, error: InputError) -> InputError:
        """Add this table's file and sheet to an error raised by the core."""
        return error.located(file=self.path.name if self.path else None, sheet=self.sheet)

    def unread(self, columns: Iterable[object]) -> dict[int, str]:
        """Rows whose cell in one of ``columns`` holds a formula whose result was never
        saved, with the reason: the row is an exception, the rest of the file is used."""
        reasons: dict[int, str] = {}
        for column in columns:
            for suspect in self.suspect.get(str(column), []):
                if suspect.kind == "formula":
                    reasons.setdefault(suspect.row, UNREAD_FORMULA.format(where=suspect.where))
        return reasons

    def require(self, columns: Iterable[object], *, formulas: bool = True) -> None:
        """Refuse when a column the command reads has suspect cells (see ``suspect``);
        ``formulas=False`` leaves formula cells to ``unread`` (one bad cell, one row).

        Reading them as blank would turn a number into an "empty" row or let a CSR
        address be filled from the matrix: the user must fix the sheet instead.
        """
        for column in columns:
            found = [
                s for s in self.suspect.get(str(column), []) if formulas or s.kind != "formula"
            ]
            if not found:
                continue
            kind = found[0].kind
            same = [s for s in found if s.kind == kind]
            where = ", ".join(s.where for s in same[:5]) + (" ..." if len(same) > 5 else "")
            raise self.locate(
                InputError(
                    SUSPECT_MESSAGES[kind].format(cells=plural(len(same), "cell"), where=where),
                    row=same[0].row,
                    column=str(column),
                )
            )


@dataclass(frozen=True)
class Suspect:
    """One cell (or merged range) whose shown value is not in the file."""

    kind: str  # "formula" or "merged"
    row: int  # 1-based sheet row (the first row of a merged range)
    where: str  # "A3" or "A3:A4"


UNREAD_FORMULA = (
    "a formula whose result was never saved ({where}): the file was written by a program, "
    "not by Excel. Open it in Excel, save it, and try again"
)
SUSPECT_MESSAGES = {
    "formula": (
        "{cells} with formulas whose results were never saved ({where}): the file was "
        "written by a program, not by Excel. Open it in Excel, save it, and try again"
    ),
    "merged": (
        "merged cells ({where}): the value Excel shows belongs to the first cell only. "
        "Unmerge them (Home > Merge & Center) and put the value in every row, then try again"
    ),
}


def table_from_grid(
    grid: Sequence[Sequence[object]],
    *,
    alias_groups: Sequence[Sequence[str]] = (NUMBER_ALIASES,),
    path: Path | None = None,
    sheet: str | None = None,
    flag_rounded: bool = False,
) -> SourceTable:
    """A sheet's values (row 0 = Excel row 1) as a table, by the same rules as a file.

    The Excel shells read a sheet's used range in one call and hand the grid here, so a
    ribbon button and the command line see the same header, columns and row numbers.
    ``flag_rounded`` (a file read for a command) turns numbers Excel rounded into text
    with a note (``_flag_rounded_numbers``); a button leaves the sheet's cells as they are.
    """
    name = path.name if path else None
    grid = collect_rows(grid, None)
    if not grid:
        raise InputError("the sheet is empty", file=name, sheet=sheet, kind=NO_DATA)
    try:
        header_index = find_header_row(grid[:MAX_SCAN], alias_groups)
    except InputError as exc:
        raise exc.located(file=name, sheet=sheet) from None
    header = grid[header_index]
    numbered = [
        (header_index + 2 + i, row)
        for i, row in enumerate(grid[header_index + 1 :])
        if not is_empty_row(row)
    ]
    width = max([len(header), *(len(row) for _, row in numbered)])
    body = pd.DataFrame(
        [list(row) + [None] * (width - len(row)) for _, row in numbered],
        index=pd.Index([number for number, _ in numbered], dtype="int64"),
        columns=range(width),
        dtype=object,
    )
    cells = list(header) + [None] * (width - len(header))
    frame = framed(cells, body, blank=lambda s: blank_rows(s).all())
    if frame.empty:
        raise InputError(
            "the sheet has a header row but no data rows",
            file=name,
            sheet=sheet,
            row=header_index + 1,
            kind=NO_DATA,
        )
    table = SourceTable(frame=frame, path=path, sheet=sheet, header_row=header_index + 1)
    if flag_rounded:
        _flag_rounded_numbers(table, column_positions(cells))
    return table


EXCEL_DIGITS = 15  # significant digits Excel keeps of a number typed in a cell


def _flag_rounded_numbers(table: SourceTable, positions: dict[str, int]) -> None:
    """Whole numbers of 16 or more digits stored as numbers: Excel kept 15 significant
    digits, so the rest are not in the file (an account number 1234567890123456789 is
    stored as 1.23456789012346E+18). Each becomes the text Excel shows for it, never
    digits made up from the float, and its row gets a note (issue 18 item 19)."""
    frame = table.frame
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position].to_numpy(dtype=object)
        if float not in set(map(type, values)):
            continue
        rows = [
            i
            for i, v in enumerate(values)
            if type(v) is float and math.isfinite(v) and abs(v) >= 10**EXCEL_DIGITS
        ]
        if not rows:
            continue
        name = str(frame.columns[position])
        letter = column_letter(positions.get(name, position + 1))
        changed = values.copy()
        for i in rows:
            shown = format(values[i], f".{EXCEL_DIGITS}G")
            changed[i] = shown
            row = int(frame.index[i])
            table.notes.setdefault(row, []).append(
                f"{name} in {letter}{row} is the number {shown}: Excel keeps {EXCEL_DIGITS} "
                "digits, the others are not in the file; format the column as Text in "
                "Excel and type them again"
            )
        frame.isetitem(position, pd.Series(changed, index=frame.index, dtype=object))


def is_nothing(value: object) -> bool:
    """An empty cell: None, or text of nothing but spaces."""
    return value is None or (isinstance(value, str) and (not value or value.isspace()))


def blank_rows(data: pd.DataFrame | pd.Series) -> np.ndarray:
    """Rows whose every cell is nothing; each column only checks rows still blank (fast)."""
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    blank = np.ones(len(frame), dtype=bool)
    for position in range(frame.shape[1]):
        rows = np.flatnonzero(blank)
        if not len(rows):
            break
        values = frame.iloc[:, position].to_numpy(dtype=object)[rows]
        blank[rows] = [is_nothing(value) for value in values]
    return blank


def is_empty_row(row: Iterable[object]) -> bool:
    return all(is_nothing(value) for value in row)


def collect_rows(rows: Iterable[Sequence[object]], limit: int | None) -> list[list[object]]:
    """Materialize rows, trimming trailing empty cells and dropping trailing empty rows.

    Empty rows are only stored once a later row has data, so a sheet formatted down to
    row 1,048,576 costs parse time but no memory.
    """
    grid: list[list[object]] = []
    pending = 0
    for row in islice(rows, limit):
        cells = list(row)
        while cells and is_nothing(cells[-1]):
            cells.pop()
        if not cells:
            pending += 1
            continue
        grid.extend([] for _ in range(pending))
        pending = 0
        grid.append(cells)
    return grid


def column_positions(header: Sequence[object]) -> dict[str, int]:
    """The 1-based sheet column of each column name that ``table_from_grid`` gives."""
    return {name: i for i, name in enumerate(header_names(header), start=1)}


def header_names(cells: Sequence[object]) -> list[str]:
    """Header texts; blank ones named after their column letter; repeats numbered.

    The names become table column names in every workbook written, which XML and Excel
    restrict: control characters are shown as their Unicode pictures (U+0001 as U+2401)
    and reported, names are cut to Excel's 255 characters, and are unique (issue 18).
    """
    names: list[str] = []
    seen: set[str] = set()
    changed: list[str] = []
    for position, cell in enumerate(cells, start=1):
        text = "" if cell is None else " ".join(str(cell).split())
        if _HEADER_UNSAFE.search(text):
            shown = _HEADER_UNSAFE.sub(_picture, text)
            changed.append(f"{text!r} as {shown!r}")
            text = shown
        text = text[:MAX_HEADER] or f"Column {column_letter(position)}"
        candidate, count = text, 1
        while candidate.casefold() in seen:
            count += 1
            suffix = f" ({count})"
            candidate = text[: MAX_HEADER - len(suffix)] + suffix
        seen.add(candidate.casefold())
        names.append(candidate)
    if changed:
        warnings.warn(
            InputWarning(f"column headers with control characters, written {'; '.join(changed)}"),
            stacklevel=1,  # one place: shown once however often the rows are read
        )
    return names


MAX_HEADER = 255  # an Excel table column name
# What XML 1.0 cannot hold or Excel shows as nothing; whitespace controls were split off.
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _picture(match: re.Match[str]) -> str:
    """U+2400 + code for the controls below 32, U+2421 for DEL, U+FFFD for the rest."""
    code = ord(match.group(0))
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def framed(header: Sequence[object], body: pd.DataFrame, *, blank) -> pd.DataFrame:
    """Name the columns, drop unnamed columns that hold nothing, index rows by row number."""
    blank_header = [cell is None or not str(cell).strip() for cell in header]
    keep = [
        position
        for position in range(len(header))
        if not (blank_header[position] and blank(body.iloc[:, position]))
    ]
    names = header_names(header)
    frame = body.iloc[:, keep].astype(object)
    frame.columns = [names[position] for position in keep]
    frame.index = pd.Index(frame.index.to_numpy(), name="row")
    return frame


def column_letter(number: int) -> str:
    """Excel's letters for a 1-based column (1 -> A, 28 -> AB), without importing
    openpyxl: reading a CSV must not pay for the workbook reader."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
