"""What every command shares: input reading with located errors, progress, output paths."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from lnp_excel.core import Progress
from lnp_excel.core.columns import NUMBER_ALIASES, find_column
from lnp_excel.core.errors import InputError, OptionError
from lnp_excel.core.values import parse_count, parse_date
from lnp_excel.io.tables import SourceTable, read_table

_ROW_SPEC = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
EXCEL_ROWS = 1_048_576  # the rows of a worksheet: no --rows can go further


def read_list(args: argparse.Namespace, *more: Sequence[str]) -> tuple[SourceTable, object]:
    """The input list and its number column, found the same way by every command.

    A column named with ``--number-column`` picks the sheet and header like the usual
    names do, so a name that is not there is reported with the columns of the sheet the
    numbers are on (not of a first sheet that merely came first).
    """
    named = getattr(args, "number_column", None)
    first = (named, *NUMBER_ALIASES) if named else NUMBER_ALIASES
    table = read_table(args.input, sheet=args.sheet, alias_groups=(first, *more))
    return table, pick_column(table, named, NUMBER_ALIASES, role="phone number")


def pick_column(
    table: SourceTable,
    given: str | None,
    aliases: tuple[str, ...],
    *,
    role: str,
    required: bool = True,
) -> object | None:
    """The column named with an option, else the one found by name; errors say where.

    A column whose header is merged into the data is refused here, before any work;
    formulas never calculated cost their row only (``usable_frame``, issue 13).
    """
    column = _pick(table, given, aliases, role=role, required=required)
    if column is not None:
        table.require([column], formulas=False)
    return column


def usable_frame(table: SourceTable, number: object, read: list[object]) -> pd.DataFrame:
    """The table with the number blanked on rows where a column in ``read`` holds a
    formula whose result was never saved: those rows become exceptions (``explain_rows``
    gives the reason), the rest of the file is used."""
    rows = list(table.unread(read))
    if not rows:
        return table.frame
    frame = table.frame.copy()
    frame.loc[rows, number] = None
    return frame


def explain_rows(
    result: pd.DataFrame,
    rows: Sequence[int],
    table: SourceTable,
    read: list[object],
    *,
    reason: str,
    warning: str,
) -> None:
    """Write what the reader knows about each row onto ``result`` (one row per input row,
    ``rows`` their sheet rows): the unread formula as the reason, merged cells as a
    warning beside the engine's."""
    where = {row: position for position, row in enumerate(rows)}
    for row, text in table.unread(read).items():
        if row in where:
            result.iloc[where[row], result.columns.get_loc(reason)] = text
    at = result.columns.get_loc(warning)
    for row, notes in table.notes.items():
        if row in where:
            old = result.iloc[where[row], at]
            result.iloc[where[row], at] = "; ".join([*notes, *([old] if old else [])])


def _pick(
    table: SourceTable, given: str | None, aliases: tuple[str, ...], *, role: str, required: bool
) -> object | None:
    columns = list(table.frame.columns)
    if given is not None:
        if given in columns:
            return given
        matched = find_column(columns, (given,), role=role, required=False)
        if matched is None:
            raise table.locate(
                InputError(
                    f"no column named '{given}'; found columns: {', '.join(map(str, columns))}"
                )
            )
        return matched
    try:
        return find_column(columns, aliases, role=role, required=required)
    except InputError as error:
        raise table.locate(error) from None


def shared_options(
    parser: argparse.ArgumentParser,
    *,
    input_help: str,
    output_help: str,
    overwrite_help: str,
    output_folder: bool = False,
    number_column: bool = False,
) -> None:
    """Declare what the commands that read a list take alike, spelled the same everywhere:
    the input, ``--sheet``, ``--number-column`` (``--column`` still works), ``-o`` and
    ``--overwrite``. ``output_folder``: ``-o`` names a folder (``args.output_dir``)."""
    parser.add_argument("input", type=Path, help=input_help)
    parser.add_argument("--sheet", help="workbook sheet to read (default: found by header)")
    if number_column:
        parser.add_argument(
            "--number-column",
            "--column",
            dest="number_column",
            metavar="NAME",
            help="the number column (default: found by name)",
        )
    if output_folder:
        parser.add_argument("-o", "--output-dir", type=Path, metavar="DIR", help=output_help)
    else:
        parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=output_help)
    parser.add_argument("--overwrite", action="store_true", help=overwrite_help)


def date_option(option: str, what: str) -> Callable[[str], dt.date | None]:
    """An argparse ``type`` reading a date option the one way (``parse_date``): a date
    that cannot be read or is not plausible (9999-12-31) stops the command at once,
    exit 2, before any file is read or written (issue 18)."""

    def read(text: str) -> dt.date | None:
        try:
            return parse_date(text, what)
        except InputError as error:
            raise OptionError(f"{option}: {error}") from None

    return read


def count_option(option: str, what: str) -> Callable[[str], int | None]:
    """An argparse ``type`` for a whole count (``parse_count``): ``1e30`` or
    ``9223372036854775808`` licenses stop the command at once, exit 2 (issue 18)."""

    def read(text: str) -> int | None:
        try:
            return parse_count(text, what)
        except InputError as error:
            raise OptionError(f"{option}: {error}") from None

    return read


def parse_rows(spec: str | None) -> list[int] | None:
    """ "2-40,45" -> [2, ..., 40, 45] (sheet rows as Excel shows them, C13); None if not given.

    A row past Excel's last (1,048,576) is refused: ``2-300000000`` would otherwise build
    a list of 300 million rows before the sheet is even read (issue 18)."""
    if spec is None:
        return None
    rows: set[int] = set()
    for part in spec.split(","):
        if not part.strip():
            continue
        match = _ROW_SPEC.match(part)
        if not match or int(match.group(1)) < 1:
            raise InputError(f"--rows: '{part.strip()[:40]}' is not a row or a range like 2-40")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            raise InputError(f"--rows: the range '{part.strip()}' runs backwards")
        if last > EXCEL_ROWS:
            raise InputError(
                f"--rows: '{part.strip()}' goes past row {EXCEL_ROWS:,}, the last row a sheet has"
            )
        rows.update(range(first, last + 1))
    if not rows:
        raise InputError("--rows: no rows given")
    return sorted(rows)


def default_output(source: Path, suffix: str) -> Path:
    """Outputs land in the current folder, named after the input: never over the input."""
    return Path.cwd() / f"{source.stem}{suffix}"


def progress_bar(stream=None, *, width: int = 30, min_interval: float = 0.1) -> Progress | None:
    """A one-line progress bar on stderr, only for a person watching a terminal."""
    stream = stream or sys.stderr
    if not getattr(stream, "isatty", lambda: False)():
        return None
    last = [0.0]

    def show(fraction: float, message: str) -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - last[0] < min_interval:
            return
        last[0] = now
        filled = int(width * max(0.0, min(1.0, fraction)))
        stream.write(f"\r{message:<28} [{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%}")
        if fraction >= 1.0:
            stream.write("\n")
        stream.flush()

    return show
