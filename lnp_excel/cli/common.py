"""What every command shares: input reading with located errors, progress, output paths."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from lnp_excel.core import Progress
from lnp_excel.core.columns import find_column
from lnp_excel.core.errors import InputError
from lnp_excel.io.tables import SourceTable


def pick_column(
    table: SourceTable,
    given: str | None,
    aliases: tuple[str, ...],
    *,
    role: str,
    required: bool = True,
) -> object | None:
    """The column named with an option, else the one found by name; errors say where.

    A column whose cells the file does not really hold (merged, or formulas never
    calculated) is refused here, before any work.
    """
    column = _pick(table, given, aliases, role=role, required=required)
    if column is not None:
        table.require([column])
    return column


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
