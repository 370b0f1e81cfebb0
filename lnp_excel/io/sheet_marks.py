"""What a sheet shows but does not hold: formulas a program wrote without their results,
and merged ranges. A value-only read returns None for both, so they are found in the
sheet's XML and named to the user instead of being read as blank cells."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils import column_index_from_string, get_column_letter

from lnp_excel.io.source_table import (
    MAX_COLUMNS,
    SourceTable,
    Suspect,
    header_names,
    is_nothing,
)

_CHUNK = 1 << 22
_CELL_OPEN = re.compile(rb"<(?:\w+:)?c\s([^>]*)>\s*$")
_CELL_CLOSE = re.compile(rb"</(?:\w+:)?c>")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_TYPE_STR = re.compile(rb'\bt="str"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')


@dataclass
class SheetMarks:
    """Formula cells without a saved result, and merged ranges, as 1-based (row, column)."""

    formulas: list[tuple[int, int]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def sheet_marks(ws: object) -> SheetMarks:
    """Scan the sheet's XML once for what openpyxl's values cannot show.

    A value-only read returns None both for an empty cell and for a formula written by a
    program that never calculated it (Excel always saves the result), and None for every
    cell of a merged range but the first. The scan is a byte search: chunks without "<f"
    or "mergeCell" cost one ``in`` test each.
    """
    marks = SheetMarks()
    carry = b""
    with ws._get_source() as source:  # noqa: SLF001 - the read-only sheet's XML stream
        while True:
            chunk = source.read(_CHUNK)
            buffer = carry + chunk
            if not chunk:
                _scan(buffer, marks)
                return marks
            cut = buffer.rfind(b"row>")
            if cut < 0:
                carry = buffer
                continue
            _scan(buffer[: cut + 4], marks)
            carry = buffer[cut + 4 :]


def _scan(data: bytes, marks: SheetMarks) -> None:
    if b"f" in data and (b"<f" in data or b":f" in data):
        for found in _FORMULA.finditer(data):
            start = found.start()
            opening = _CELL_OPEN.search(data, max(0, start - 400), start)
            if opening is None:
                continue
            closing = _CELL_CLOSE.search(data, start)
            body = data[start : closing.start() if closing else len(data)]
            if _VALUE.search(body) or _TYPE_STR.search(opening.group(1)):
                continue  # a saved result (t="str" with <v></v> is a saved empty text)
            ref = _REF.search(opening.group(1))
            if ref is not None:
                marks.formulas.append(
                    (int(ref.group(2)), column_index_from_string(ref.group(1).decode()))
                )
    if b"mergeCell" in data:
        for found in _MERGE.finditer(data):
            first_col, first_row, last_col, last_row = found.groups()
            last_col, last_row = last_col or first_col, last_row or first_row
            top, bottom = sorted((int(first_row), int(last_row)))
            left, right = sorted(
                (
                    column_index_from_string(first_col.decode()),
                    column_index_from_string(last_col.decode()),
                )
            )
            if (top, left) != (bottom, right):
                marks.merged.append((top, left, bottom, right))


def suspects(
    marks: SheetMarks, header: Sequence[object], table: SourceTable
) -> dict[str, list[Suspect]]:
    """The marks below the header, by the table's column names."""
    names = header_names(list(header) + [None] * MAX_COLUMNS)
    kept = {str(c) for c in table.frame.columns}
    found: dict[str, list[Suspect]] = {}

    def add(column: int, suspect: Suspect) -> None:
        if column <= MAX_COLUMNS and names[column - 1] in kept:
            found.setdefault(names[column - 1], []).append(suspect)

    for row, column in sorted(marks.formulas):
        if row > table.header_row:
            add(column, Suspect("formula", row, f"{get_column_letter(column)}{row}"))
    for top, left, bottom, right in sorted(marks.merged):
        if bottom <= table.header_row or top > table.header_row:
            continue  # a title or a header spread over cells; data ranges: ``fill_merged``
        ref = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
        for column in range(left, min(right, MAX_COLUMNS) + 1):
            add(column, Suspect("merged", top, ref))
    return found


def fill_merged(marks: SheetMarks, header: Sequence[object], table: SourceTable) -> None:
    """Merged ranges below the header: Excel shows the first cell's value over the whole
    range, and that is what the agent means, so every row of the range's first column
    gets it; each of those rows gets a warning in ``table.notes`` to check it."""
    names = header_names(list(header) + [None] * MAX_COLUMNS)
    frame = table.frame
    for top, left, bottom, right in sorted(marks.merged):
        if top <= table.header_row or left > MAX_COLUMNS or names[left - 1] not in frame:
            continue
        column = names[left - 1]
        rows = [row for row in frame.index if top <= row <= bottom]
        if not rows:
            continue
        first = f"{get_column_letter(left)}{top}"
        value = frame.at[top, column] if top in frame.index else None
        if is_nothing(value):
            continue  # an empty range merged for looks: nothing to apply
        frame.loc[rows, column] = pd.Series([value] * len(rows), index=rows, dtype=object)
        ref = f"{first}:{get_column_letter(right)}{bottom}"
        note = f"merged cells ({ref}): the value of {first} was applied to each row; check it"
        for row in rows:
            table.notes.setdefault(row, []).append(note)
