"""What ``csr fix``, ``csr build`` and ``csr legacy`` write, and what they say about it.

The three write the same names (``8x8_<Customer>_CSR.csv`` and its review workbook, C8):
an existing one is never replaced silently, and the agent is told that Excel drops the
leading zeros of a CSV's ZIP codes and account numbers, so the review workbook is the
view to check.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from lnp_excel.core.csr.result import FLAG_COLUMNS, CsrResult, concat_flags, file_flag
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.core.values import plural
from lnp_excel.io.csr_files import output_paths, write_csr_outputs
from lnp_excel.io.tables import SourceTable


def finish(
    result: CsrResult, args: argparse.Namespace, settings: Settings, table: SourceTable
) -> int:
    """Write the customer CSV and review workbook (never over an input, and over earlier
    outputs only with --overwrite), then say what was written and what Excel will do."""
    result.flags = concat_flags(
        [result.flags, _reader_flags(table, same_rows=args.csr_command == "fix")]
    )
    inputs = [args.input] + [
        path
        for path in (
            getattr(args, "port_orders", None),
            getattr(args, "address_matrix", None),
            getattr(args, "carrier_lookup", None),
        )
        if path
    ]
    folder = args.output_dir or _default_folder(result, inputs, settings)
    if not args.overwrite:
        _refuse_existing(folder, result.customer, settings, inputs, review=not args.no_review)
    written = write_csr_outputs(
        result, folder, inputs=inputs, settings=settings, review=not args.no_review
    )
    print(f"{result.customer}: {plural(len(result.table), 'row')}. {result.summary()}")
    for path in written:
        print(f"wrote {path}")
    review = next((path for path in written if path.suffix == ".xlsx"), None)
    print(
        f"note: Excel drops the leading zeros of ZIP codes and account numbers when it opens "
        f"any CSV, {written[0].name} included; the file itself is right. "
        + (f"Check the CSR in {review.name}, the agent's view." if review else "")
    )
    return 0


def _reader_flags(table: SourceTable, *, same_rows: bool) -> pd.DataFrame:
    """Merged cells the reader applied to each row of their range: flagged to check, on
    the row when the output keeps the input's rows, else once for the file."""
    notes = sorted({note for row_notes in table.notes.values() for note in row_notes})
    step = "check the value on each of those rows of the input"
    if not same_rows:
        return concat_flags([file_flag(note, step, "") for note in notes])
    rows = [(row, note) for row, row_notes in table.notes.items() for note in row_notes]
    return pd.DataFrame(
        [[row, note, step, ""] for row, note in rows], columns=list(FLAG_COLUMNS), dtype=object
    )


def _refuse_existing(
    folder: Path, customer: str, settings: Settings, inputs: list[Path], *, review: bool
) -> None:
    """fix, build and legacy write the same file names: never replace one silently (an
    input of the run is refused by ``write_csr_outputs`` with its own message)."""
    csv_path, review_path = output_paths(Path(folder), customer, settings)
    targets = (csv_path, review_path) if review else (csv_path,)
    read = {path.resolve() for path in inputs}
    existing = [path for path in targets if path.is_file() and path.resolve() not in read]
    if existing:
        names = " and ".join(path.name for path in existing)
        raise InputError(
            f"{names} already {'exist' if len(existing) > 1 else 'exists'} in {folder}: "
            "pass --overwrite to replace, or choose another folder with -o",
            file=str(existing[0]),
        )


def _default_folder(result: CsrResult, inputs: list[Path], settings: Settings) -> Path:
    """Here, unless the agent saved the download under the CSR's own name (the article
    says to): then ./corrected, so the corrected file never replaces the download."""
    csv_path, _ = output_paths(Path("."), result.customer, settings)
    if any(path.resolve() == csv_path.resolve() for path in inputs):
        print(f"the input is named {csv_path.name}: writing the corrected files to ./corrected")
        return Path("corrected")
    return Path(".")
