"""What Excel could not hold, refused before a parser sees it (issue 18 item 18).

A sheet has at most 16,384 columns and a cell at most 32,767 characters: a text file
beyond either could never be opened in Excel, and parsing it first cost gigabytes (a
200 MB line of commas is 200 million cells). The text is scanned in chunks with numpy
for line lengths (several hundred MB a second, the memory of one chunk); only a line
long enough to break a limit is counted exactly, quotes and all, from match positions.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lnp_excel.core.errors import InputError
from lnp_excel.io.source_table import column_letter

EXCEL_COLUMNS = 16_384
EXCEL_CELL = 32_767
CHUNK = 1 << 22  # characters scanned at a time
_QUOTED = re.compile(r'"[^"]*"')


def check_text_limits(
    text: str,
    delimiter: str,
    name: str,
    *,
    chunk_size: int = CHUNK,
    limits: tuple[int, int] = (EXCEL_COLUMNS, EXCEL_CELL),
) -> int:
    """Refuse a line with more than 16,384 fields or a field over 32,767 characters,
    naming its line and column; return the number of lines (for ``check_long_cells``).

    Only line lengths are measured: a line shorter than both limits can hold neither
    too many fields nor too long a cell, so only longer lines are counted exactly.
    """
    most_columns, longest = limits
    threshold = min(longest, most_columns - 1)
    sample = text[:65536]
    newline = "\r" if "\r" in sample and "\n" not in sample else "\n"  # old Mac: CR alone
    lines = 0  # complete lines before the current chunk
    carry = 0  # length of the line the previous chunk ended inside
    for start in range(0, len(text), chunk_size):
        chunk = text[start : start + chunk_size]
        codes = (
            np.frombuffer(chunk.encode("ascii"), np.uint8)
            if chunk.isascii()
            else np.frombuffer(chunk.encode("utf-32-le"), np.uint32)
        )
        ends = np.flatnonzero(codes == ord(newline))
        last = start + len(chunk) >= len(text)
        bounds = np.concatenate(([0], ends + 1, [len(chunk)] if last else [])).astype(np.int64)
        lengths = np.diff(bounds) - np.r_[np.ones(len(ends), np.int64), [0] * last]
        if len(lengths):
            lengths[0] += carry
        for index in np.flatnonzero(lengths > threshold):
            begin = start + int(bounds[index]) - (carry if index == 0 else 0)
            end = begin + int(lengths[index])
            _check_line(text, (begin, end), delimiter, name, lines + index + 1, limits)
        tail = len(chunk) - int(bounds[-1])
        carry = carry + tail if len(ends) == 0 else tail
        lines += len(ends)
    return lines + 1


def _check_line(
    text: str,
    span: tuple[int, int],
    delimiter: str,
    name: str,
    number: int,
    limits: tuple[int, int],
) -> None:
    """One long or wide line of ``text``, counted exactly (quoted delimiters are text)
    from match positions: the line is never copied, nor is any cell (the csv module
    would hold a 200 MB cell four times over)."""
    most_columns, longest = limits
    begin, end = span
    if end > begin and text[end - 1] == "\r":
        end -= 1
    quoted = sum(text.count(delimiter, *m.span()) for m in _QUOTED.finditer(text, begin, end))
    fields = text.count(delimiter, begin, end) - quoted + 1
    if fields > most_columns:
        raise InputError(
            f"line {number:,} has {fields:,} columns; Excel holds {most_columns:,}: "
            "this is not a table of numbers (wrong file, or a wrong separator?)",
            file=name,
            row=number,
        )
    position, length = 1, 0
    token = re.compile(f'"[^"]*(?:""[^"]*)*"|[^"{re.escape(delimiter)}]+|.', re.S)
    for match in token.finditer(text, begin, end):
        start, stop = match.span()
        if stop - start == 1 and text[start] == delimiter:
            if length > longest:
                break
            position, length = position + 1, 0
        elif text[start] == '"' and stop - start > 1:  # a quoted cell: "" is one "
            length += stop - start - 2 - text.count('""', start + 1, stop - 1)
        else:
            length += stop - start
    if length > longest:
        raise _too_long(name, number, column_letter(position), length)


def check_long_cells(raw: pd.DataFrame, name: str) -> None:
    """After parsing: a quoted cell over many lines can pass ``check_text_limits`` line by
    line; the caller runs this when records spanned lines."""
    for position in range(raw.shape[1]):
        values = raw.iloc[:, position].to_numpy(dtype=object)
        try:  # all text: C speed
            lengths = np.fromiter(map(len, values), np.int64, len(values))
        except TypeError:  # a short row's missing cell (NaN) among them
            lengths = np.array([len(v) if isinstance(v, str) else 0 for v in values], np.int64)
        over = np.flatnonzero(lengths > EXCEL_CELL)
        if len(over):
            row = int(raw.index[over[0]]) + 1
            raise _too_long(name, row, column_letter(position + 1), int(lengths[over[0]]))


def _too_long(name: str, row: int, column: str, length: int) -> InputError:
    return InputError(
        f"cell {column}{row} holds {length:,} characters; an Excel cell holds "
        f"{EXCEL_CELL:,}: no phone list has such a cell (wrong file?)",
        file=name,
        row=row,
        column=column,
    )
