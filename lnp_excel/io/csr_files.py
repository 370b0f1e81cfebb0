"""CSR files: read the agent's inputs, write the customer CSV, the review workbook and the
per-carrier Word documents (C8, C9).

The customer file ``<prefix>_<Customer>_CSR.csv`` (C8) holds the CSR columns only, as UTF-8
with a BOM that Excel opens right, formulas neutralized (``io.writers.write_csv``). The
review workbook ``..._CSR_review.xlsx`` is for the agent: the corrected table with changed
cells highlighted and flagged rows marked, then Changes, Flags, Excluded and Settings.
Every output is written atomically and never over the input file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pandas as pd

from lnp_excel.core.columns import (
    ADDRESS_ALIASES,
    CARRIER_ALIASES,
    COUNTRY_ALIASES,
    NUMBER_ALIASES,
    free_name,
)
from lnp_excel.core.csr.fields import PORT_ADDRESS_ALIASES, REVIEW_COLUMN, ROW_COLUMN
from lnp_excel.core.csr.matrices import address_rules, lookup_rules
from lnp_excel.core.csr.port_orders import PortOrders, read_port_orders
from lnp_excel.core.csr.result import CsrResult
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.io.documents.csr import BLANK_CSR, write_csr_documents
from lnp_excel.io.documents.tables import same_path
from lnp_excel.io.sheet_layout import CHANGED_FILL, FLAGGED_FILL
from lnp_excel.io.tables import SourceTable, read_table
from lnp_excel.io.workbook_writer import EXCEL_MAX_ROWS, SheetSpec, write_workbook
from lnp_excel.io.writers import RULES_NOTE, safe_filename, write_csv

_COPY_SUFFIX = re.compile(r"\s*\(\d+\)$")  # "name (2)": a second download of one file
CSR_GROUPS = (NUMBER_ALIASES, CARRIER_ALIASES, COUNTRY_ALIASES, ADDRESS_ALIASES)


# --- reading -----------------------------------------------------------------------------


def read_csr(path: Path, *, sheet: str | None = None) -> SourceTable:
    """A CSR export, inventory or legacy export: header found under any title rows.

    Every column goes to the carrier, so a merged or never-calculated cell anywhere in
    the table is refused (``SourceTable.require``).
    """
    table = read_table(path, sheet=sheet, alias_groups=CSR_GROUPS)
    table.require(table.frame.columns)
    return table


def read_port_orders_file(path: Path) -> PortOrders:
    """Port orders (a number and an LOA address column, by name); errors name the file."""
    return _read_checked(path, (NUMBER_ALIASES, PORT_ADDRESS_ALIASES), read_port_orders)[1]


def read_address_matrix(path: Path, settings: Settings) -> pd.DataFrame:
    """An agent's Address Matrix (Country, Origin, Carrier, Source, Next step), checked."""
    groups = (("Source",), ("Country",), ("Origin",), ("Carrier",))
    return _read_checked(path, groups, lambda frame: address_rules(frame, settings))[0]


def read_carrier_lookup(path: Path, settings: Settings) -> pd.DataFrame:
    """An agent's Carrier Lookup matrix (Country, Carrier, How to find), checked."""
    groups = (("How to find",), ("Country",), ("Carrier",))
    return _read_checked(path, groups, lambda frame: lookup_rules(frame, settings))[0]


T = TypeVar("T")


def _read_checked(
    path: Path, alias_groups: Sequence[Sequence[str]], check: Callable[[pd.DataFrame], T]
) -> tuple[pd.DataFrame, T]:
    """An input file whose every column is used, and what ``check`` makes of it; the
    check's errors are given the file's name and sheet."""
    table = read_table(path, alias_groups=alias_groups)
    table.require(table.frame.columns)
    try:
        return table.frame, check(table.frame)
    except InputError as error:
        raise table.locate(error) from None


# --- the customer CSV and the review workbook ------------------------------------------------


def output_paths(folder: Path, customer: str, settings: Settings) -> tuple[Path, Path]:
    """``<prefix>_<Customer>_CSR.csv`` (C8) and its review workbook; the name made safe."""
    stem = f"{settings.csr_file_prefix}_{safe_filename(customer)}_CSR"
    return folder / f"{stem}.csv", folder / f"{stem}_review.xlsx"


def customer_from_file_name(name: str, settings: Settings) -> str | None:
    """``8x8_Acme Dental_CSR.csv`` -> "Acme Dental" (C8 read backwards); None for other names.

    The CSR tool's download is saved under the C8 name, so the file an agent opens names
    the customer; the command line and the add-in both read it here. The names this
    package gives its own outputs read back the same: ``8x8_Acme Dental_CSR_review.xlsx``
    and a browser's copy ``8x8_Acme Dental_CSR (2).csv`` are "Acme Dental" too.
    """
    stem = _COPY_SUFFIX.sub("", Path(name).stem)
    prefix = f"{settings.csr_file_prefix}_"
    for ending in ("_CSR_review", "_CSR"):
        if stem.startswith(prefix) and stem.endswith(ending):
            customer = stem[len(prefix) : -len(ending)].strip()
            return customer or None
    return None


def write_csr_outputs(
    result: CsrResult,
    folder: Path,
    *,
    inputs: Sequence[Path] = (),
    settings: Settings | None = None,
    review: bool = True,
) -> list[Path]:
    """Write the customer CSV and (unless ``review`` is False) the review workbook.

    ``inputs`` are the files the run read: an output that would land on one of them is
    refused, so an input is never modified.
    """
    settings = settings or Settings()
    csv_path, review_path = output_paths(Path(folder), result.customer, settings)
    targets = [csv_path, review_path] if review else [csv_path]
    for target in targets:
        for source in inputs:
            if same_path(target, source):
                raise InputError(
                    f"the output {target.name} would replace the input file; "
                    "choose another output folder with -o",
                    file=str(source),
                )
    if not review:
        return [write_csv(result.customer_table(), csv_path)]
    if len(result.table) >= EXCEL_MAX_ROWS:
        raise InputError(
            f"the CSR has {len(result.table):,} rows, more than an Excel sheet holds "
            f"({EXCEL_MAX_ROWS - 1:,} below the header): write the CSV alone with --no-review"
        )
    # The review first: it is the file an agent leaves open in Excel, and a refusal there
    # must come before the customer CSV is touched (exit 2 leaves no new output).
    review_written = write_workbook(review_path, review_sheets(result, settings))
    return [write_csv(result.customer_table(), csv_path), review_written]


def review_sheets(result: CsrResult, settings: Settings) -> list[SheetSpec]:
    """The agent's workbook: CSR (changes highlighted, flags marked), Changes, Flags, ..."""
    table = result.table
    flags = result.flags
    by_row = (
        flags.dropna(subset=["Row"]).groupby("Row", sort=False)["Flag"].agg("; ".join)
        if len(flags)
        else pd.Series(dtype=object)
    )
    row_column = free_name(ROW_COLUMN, table.columns)
    review_column = free_name(REVIEW_COLUMN, table.columns)
    sheet = table.copy()
    sheet.insert(0, row_column, table.index)
    sheet[review_column] = table.index.map(by_row).fillna("") if len(by_row) else ""
    sheet = sheet.reset_index(drop=True)

    highlight: dict[tuple[int, str], str] = {}
    changes = result.changes
    if len(changes):
        positions = table.index.get_indexer(changes["Row"])
        columns = {str(c) for c in table.columns}
        for position, column in zip(positions, changes["Column"].astype(str), strict=True):
            if position >= 0 and column in columns:
                highlight[(int(position), column)] = CHANGED_FILL
    if len(by_row):
        for position in table.index.get_indexer(by_row.index):
            if position >= 0:
                highlight[(int(position), row_column)] = FLAGGED_FILL
                highlight[(int(position), review_column)] = FLAGGED_FILL
    notes = [
        f"Customer: {result.customer}",
        result.summary(),
        "Yellow: a cell a rule changed (see Changes).",
        "Red: a row that needs a person (see Flags).",
        "Row = the row in the input file.",
        RULES_NOTE,
    ]
    sheets = [SheetSpec("CSR", sheet, highlight=highlight, notes=notes)]
    sheets.append(_limited("Changes", changes))
    sheets.append(_limited("Flags", flags.astype(object).where(flags.notna(), "(file)")))
    if len(result.excluded):
        excluded = result.excluded.copy()
        excluded.insert(0, free_name(ROW_COLUMN, excluded.columns), excluded.index)
        sheets.append(_limited("Excluded", excluded.reset_index(drop=True)))
    settings_frame = pd.DataFrame(settings.as_pairs(), columns=["Setting", "Value"])
    sheets.append(SheetSpec("Settings", settings_frame))
    return sheets


def _limited(name: str, frame: pd.DataFrame) -> SheetSpec:
    """A log sheet; beyond Excel's row limit the first rows are shown with a note."""
    limit = EXCEL_MAX_ROWS - 1
    if len(frame) <= limit:
        return SheetSpec(name, frame.reset_index(drop=True))
    return SheetSpec(
        name,
        frame.iloc[:limit].reset_index(drop=True),
        notes=[f"{len(frame):,} rows: the first {limit:,} are shown (Excel's limit)."],
    )


# --- Word documents (C9): lnp_excel.io.documents.csr -----------------------------------------


__all__ = [
    "BLANK_CSR",
    "output_paths",
    "read_address_matrix",
    "read_carrier_lookup",
    "read_csr",
    "read_port_orders_file",
    "review_sheets",
    "write_csr_documents",
    "write_csr_outputs",
]
