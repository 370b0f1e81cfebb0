"""CSR_Template.xlsm buttons: each correction step of the CSR article, all of them, the
build from the inventory export, and the files that go to the customer (C1-C13).

Every step reads the CSR sheet once, runs the core step (on the selected rows only when
rows are selected, C13), writes the corrected cells back in one write, highlights them,
logs them on Changes (so Undo can restore them) and refreshes that step's Flags.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory, directory_from_table
from lnp_excel.core.columns import NUMBER_ALIASES
from lnp_excel.core.csr import (
    FLAG_COLUMNS,
    CsrResult,
    StepResult,
    apply_to_rows,
    check_eligibility,
    clear_non_us_addresses,
    fill_billing_numbers,
    fill_us_addresses,
    fix_csr,
    replace_nulls,
    set_pins,
)
from lnp_excel.core.csr.btn import main_btn_flags
from lnp_excel.core.csr.build import build_from_inventory
from lnp_excel.core.csr.fields import number_column
from lnp_excel.core.errors import NO_DATA, InputError
from lnp_excel.core.settings import Settings
from lnp_excel.excel.actions.common import (
    CSR,
    SheetTable,
    action,
    apply_changes,
    as_date,
    frame_grid,
    on_sheet,
    read_settings,
    read_table,
    replace_sheet,
)
from lnp_excel.excel.actions.output_sheets import write_sheet
from lnp_excel.excel.book import FLAGGED_FILL, Book
from lnp_excel.io.sheet_layout import SheetSpec

SHEET = "CSR"
FLAGS = "Flags"


@dataclass
class CsrInputs:
    """What the steps need besides the CSR itself, read from the workbook's own sheets."""

    settings: Settings
    customer: str
    first_name: str | None
    last_name: str | None
    billing_address: str | None
    as_of: object
    address_matrix: pd.DataFrame | None
    carrier_lookup: pd.DataFrame | None
    port_orders: pd.DataFrame | None

    def shared(self) -> dict[str, object]:
        """The options fix_csr and the builds take alike."""
        return {
            "port_orders": self.port_orders,
            "billing_address": self.billing_address,
            "address_matrix": self.address_matrix,
            "carrier_lookup": self.carrier_lookup,
            "as_of": self.as_of,
            "settings": self.settings,
        }


def read_inputs(book: Book) -> CsrInputs:
    settings, extra = read_settings(book)

    def text(name: str) -> str | None:
        value = extra.get(name)
        return None if value is None or not str(value).strip() else str(value).strip()

    return CsrInputs(
        settings=settings,
        customer=text("Customer") or "Customer",
        first_name=text("Administrator First Name"),
        last_name=text("Administrator Last Name"),
        billing_address=text("Billing Address"),
        as_of=as_date(extra.get("As Of"), "As Of"),
        address_matrix=_optional_table(book, "Address Matrix", ("Source",)),
        carrier_lookup=_optional_table(book, "Carrier Lookup", ("How to find",)),
        port_orders=_optional_table(book, "Port Orders", NUMBER_ALIASES),
    )


def _carrier_directory(book: Book) -> CarrierDirectory | None:
    """The Carrier Directory sheet (P3b; C6's Inteliquent family is an entry), if any."""
    frame = _optional_table(book, "Carrier Directory", ("Carrier",))
    if frame is None:
        return None
    with on_sheet("Carrier Directory"):
        return directory_from_table(frame)


def _optional_table(book: Book, sheet: str, aliases) -> pd.DataFrame | None:
    if sheet not in book.sheet_names():
        return None
    try:
        return read_table(book, sheet, (aliases,)).frame
    except InputError as error:
        if error.kind == NO_DATA:
            return None
        raise


def _run_step(book: Book, label: str, step: Callable[..., StepResult], **options) -> str:
    target = read_table(book, SHEET, (NUMBER_ALIASES,))
    rows = book.selected_rows(SHEET)
    if rows:
        result = apply_to_rows(
            step, target.frame, [r for r in rows if r in target.frame.index], **options
        )
    else:
        result = step(target.frame, **options)
    changed = _apply_with_flags(book, target, result, label, rules=_rules_of(step))
    flagged = int(result.flags["Row"].notna().sum())
    scope = f" in {len(rows)} selected rows" if rows else ""
    return f"{label}: {changed:,} cells changed{scope}, {flagged:,} rows flagged"


def _rules_of(step: Callable) -> set[str]:
    """The rule ids whose flags ``step`` owns, looked up by the function itself."""
    return set(RULES.get(step, ()))


def _apply_with_flags(
    book: Book, target: SheetTable, result: StepResult | CsrResult, label: str, rules: set[str]
) -> int:
    """A step's changes and its flags' red marks as one journaled action (X2), then Flags."""
    merged = _merged_flags(book, result.flags, rules)
    changed = apply_changes(book, target, result.changes, label, marks=_flag_rows(merged))
    write_sheet(book, SheetSpec(FLAGS, merged))  # laid out as the review workbook's (X4)
    return changed


def _refresh_flags(book: Book, flags: pd.DataFrame, rules: set[str]) -> int:
    """Flags is the current to-do list: a step's new flags replace its earlier ones.

    For a step whose changes are journaled, ``_run_step`` passes the marks to
    ``apply_changes`` instead, so Undo takes them back with the step (X2)."""
    merged = _merged_flags(book, flags, rules)
    write_sheet(book, SheetSpec(FLAGS, merged))  # laid out as the review workbook's (X4)
    book.highlight(SHEET, [(row, 1) for row in _flag_rows(merged)], FLAGGED_FILL)
    return int(flags["Row"].notna().sum())


def _merged_flags(book: Book, flags: pd.DataFrame, rules: set[str]) -> pd.DataFrame:
    """The Flags sheet's rows of other steps, then this step's new flags."""
    columns = list(FLAG_COLUMNS)
    current = pd.DataFrame(columns=columns)
    if FLAGS in book.sheet_names():
        grid = [r for r in book.read(FLAGS) if any(v is not None for v in r)]
        if grid and list(grid[0][:4]) == columns:
            current = pd.DataFrame(
                [list(r[:4]) + [None] * (4 - len(r)) for r in grid[1:]], columns=columns
            )
    kept = current[~current["Rule"].astype(str).isin(rules | set(flags["Rule"].astype(str)))]
    return pd.concat([kept, flags[columns]], ignore_index=True)


def _flag_rows(flags: pd.DataFrame) -> list[int]:
    """Sheet rows that carry a flag (a flag about the whole file has no row)."""
    rows = pd.to_numeric(flags["Row"], errors="coerce").dropna().astype(int).unique()
    return [int(r) for r in rows]


RULES: dict[Callable[..., StepResult], tuple[str, ...]] = {
    replace_nulls: ("C2",),
    clear_non_us_addresses: ("C3",),
    fill_us_addresses: ("C4", "C4a"),
    set_pins: ("C6",),
    fill_billing_numbers: ("C5", "BTN"),
    check_eligibility: ("C1",),
}


@action("csr-nulls", "Replace nulls", CSR)
def nulls(book: Book) -> str:
    """C2: cells that are exactly "null", any case, become empty."""
    return _run_step(book, "Replace nulls", replace_nulls, settings=read_settings(book)[0])


@action("csr-non-us", "Non-US addresses", CSR)
def non_us(book: Book) -> str:
    """C3: clear the generated address of non-US rows; flag them for a carrier lookup."""
    inputs = read_inputs(book)
    return _run_step(
        book,
        "Non-US addresses",
        clear_non_us_addresses,
        carrier_lookup=inputs.carrier_lookup,
        settings=inputs.settings,
    )


@action("csr-us-addresses", "Fill US addresses", CSR)
def us_addresses(book: Book) -> str:
    """C4: blank US addresses from the Address Matrix (port order LOA, billing address)."""
    inputs = read_inputs(book)
    return _run_step(
        book,
        "Fill US addresses",
        fill_us_addresses,
        port_orders=inputs.port_orders,
        billing_address=inputs.billing_address,
        address_matrix=inputs.address_matrix,
        settings=inputs.settings,
    )


@action("csr-pin", "Add PIN", CSR)
def pin(book: Book) -> str:
    """C6: the PIN for Inteliquent / Onvoy / Neutral Tandem US numbers; existing PINs kept."""
    return _run_step(
        book,
        "Add PIN",
        set_pins,
        settings=read_settings(book)[0],
        carrier_directory=_carrier_directory(book),
    )


@action("csr-btn", "Billing number", CSR)
def btn(book: Book) -> str:
    """Billing Telephone Number (C5) and, for a batch, the main-BTN check."""
    summary = _run_step(
        book, "Billing number", fill_billing_numbers, settings=read_settings(book)[0]
    )
    rows = book.selected_rows(SHEET)
    if rows:
        table = read_table(book, SHEET, (NUMBER_ALIASES,)).frame
        leaving = table.index.isin(rows)
        flags = main_btn_flags(table, leaving)
        if len(flags):
            _refresh_flags(book, flags, rules=set())
            summary += "; the billing number leaves while other numbers stay: see Flags"
    return summary


@action("csr-eligibility", "Check eligibility", CSR)
def eligibility(book: Book) -> str:
    """C1: flag numbers released or cancelled more than 60 days ago."""
    inputs = read_inputs(book)
    return _run_step(
        book, "Check eligibility", check_eligibility, as_of=inputs.as_of, settings=inputs.settings
    )


@action("csr-all", "Run all steps", CSR)
def run_all(book: Book) -> str:
    """Every correction in the article's order (fix_csr), on the selection or all rows."""
    inputs = read_inputs(book)
    target = read_table(book, SHEET, (NUMBER_ALIASES,))
    rows = book.selected_rows(SHEET)
    with on_sheet(SHEET):
        result = fix_csr(
            target.frame,
            customer=inputs.customer,
            batch_rows=[r for r in rows if r in target.frame.index] if rows else None,
            carrier_directory=_carrier_directory(book),
            **inputs.shared(),
        )
    _apply_with_flags(book, target, result, "Run all steps", rules=set().union(*RULES.values()))
    return result.summary()


@action("csr-build", "Build from inventory", CSR)
def build(book: Book) -> str:
    """C5: the CSR from the Inventory sheet; an earlier CSR sheet is kept as a backup."""
    inputs = read_inputs(book)
    inventory = read_table(book, "Inventory", (NUMBER_ALIASES,))
    with on_sheet("Inventory"):
        result = build_from_inventory(
            inventory.frame,
            customer=inputs.customer,
            first_name=inputs.first_name,
            last_name=inputs.last_name,
            **inputs.shared(),
        )
    replace_sheet(
        book,
        SHEET,
        frame_grid(result.table.reset_index(drop=True)),
        "Build from inventory",
        rule="C5",
    )
    _refresh_flags(book, result.flags, rules=set().union(*RULES.values()))
    return f"Built the CSR from the inventory: {len(result.table):,} numbers; " + result.summary()


@action("csr-save", "Save customer CSV", CSR)
def save_csv(book: Book) -> str:
    """C8: 8x8_<Customer>_CSR.csv next to the workbook: the CSR columns only."""
    from lnp_excel.io.csr_files import write_csr_outputs

    inputs = read_inputs(book)
    target = _csr_table(book)
    result = CsrResult(table=target.frame, customer=inputs.customer)
    written = write_csr_outputs(result, book.folder(), settings=inputs.settings, review=False)
    return f"Saved {written[0].name} ({len(target.frame):,} numbers) in {book.folder()}"


@action("csr-docs", "Documents per carrier", CSR)
def documents(book: Book) -> str:
    """C9: one Word document per carrier, sorted by address, one section per address."""
    from lnp_excel.io.csr_files import write_csr_documents

    inputs = read_inputs(book)
    target = _csr_table(book)
    written = write_csr_documents(
        target.frame, book.folder(), customer=inputs.customer, settings=inputs.settings
    )
    return f"Wrote {len(written)} carrier documents in {book.folder()}"


def _csr_table(book: Book) -> SheetTable:
    target = read_table(book, SHEET, (NUMBER_ALIASES,))
    with on_sheet(SHEET):
        number_column(list(target.frame.columns))  # a CSR without numbers is an error here
    return target
