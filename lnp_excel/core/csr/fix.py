"""``fix_csr``: every correction of the CSR article on a CSR export, in the article's order.

C2 nulls, N2c numbers given back the ``+`` Excel dropped, C1 eligibility (flags only,
when the table has a status column), unusable numbers and Excel error values (flags only,
``csr.checks``), C3 non-US addresses, C4 blank US addresses, C6 PINs, then blank Billing
Telephone Numbers (C5's rule). With a batch (C13) only the chosen rows are corrected and
returned; the others are listed in ``excluded``. Without one, the table keeps every row,
in order, with its sheet row numbers. Each step is also a public function for the ribbon
(see ``csr/__init__``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory
from lnp_excel.core.changes import concat_changes
from lnp_excel.core.columns import (
    ADDRESS_ALIASES,
    CARRIER_ALIASES,
    COUNTRY_ALIASES,
    find_column,
)
from lnp_excel.core.csr.address_write import zip_state_flags
from lnp_excel.core.csr.addresses import clear_non_us_rows, fill_address_rows
from lnp_excel.core.csr.batch import batch_mask
from lnp_excel.core.csr.btn import fill_billing_numbers, main_btn_flags
from lnp_excel.core.csr.checks import check_values
from lnp_excel.core.csr.common import countries, is_blank
from lnp_excel.core.csr.eligibility import check_eligibility, parse_as_of
from lnp_excel.core.csr.fields import number_column
from lnp_excel.core.csr.lost_plus import restore_plus
from lnp_excel.core.csr.matrices import address_rules, lookup_rules
from lnp_excel.core.csr.nulls import replace_nulls
from lnp_excel.core.csr.pin import pins
from lnp_excel.core.csr.port_orders import PortOrders, require_port_orders
from lnp_excel.core.csr.result import CsrResult, StepResult, concat_flags, file_flag, sort_flags
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.core.values import plain_cells

__all__ = ["CsrResult", "fix_csr"]


def fix_csr(
    table: pd.DataFrame,
    *,
    customer: str,
    port_orders: pd.DataFrame | PortOrders | None = None,
    billing_address: str | None = None,
    address_matrix: pd.DataFrame | None = None,
    carrier_lookup: pd.DataFrame | None = None,
    as_of: dt.date | str | None = None,
    settings: Settings | None = None,
    batch_rows: Iterable[object] | None = None,
    batch_numbers: Iterable[object] | None = None,
    carrier_directory: CarrierDirectory | None = None,
) -> CsrResult:
    """Correct a CSR export (C1-C6, C13); the input frame is never modified.

    Required columns (found by name): phone number, carrier, address. Country is read
    from the country column, else from the number. Errors name the missing column and
    list the columns found.
    """
    settings = settings or Settings()
    if not isinstance(table, pd.DataFrame):
        raise InputError("the CSR must be a table")
    table = plain_cells(table)  # odd cell types get a reason, never a raise (issue 18)
    columns = list(table.columns)
    number = number_column(columns)
    find_column(columns, CARRIER_ALIASES, role="carrier")
    address = find_column(columns, ADDRESS_ALIASES, role="address")
    country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
    parse_as_of(as_of)  # a bad date is an error before any work
    address_rules(address_matrix, settings)  # a bad matrix fails before any work
    lookup_rules(carrier_lookup, settings)
    orders = require_port_orders(port_orders)

    steps: list[StepResult] = []
    excluded = pd.DataFrame()
    work = table
    if batch_rows is not None or batch_numbers is not None:
        chosen = batch_mask(table, rows=batch_rows, numbers=batch_numbers)
        if not chosen.any():
            raise InputError("the batch selects no rows")
        steps.append(StepResult(table, flags=main_btn_flags(table, chosen)))
        excluded = table[~chosen].assign(Reason="not in the batch the customer ports (C13)")
        work = table[chosen]

    step = replace_nulls(work, settings=settings)
    steps.append(step)
    step = restore_plus(step.table, settings=settings)  # N2c, before any number is read
    steps.append(step)
    steps.append(check_eligibility(step.table, as_of=as_of, settings=settings))
    codes = countries(step.table, number, country, settings)
    steps.append(check_values(step.table, settings=settings, codes=codes))
    step = clear_non_us_rows(step.table, codes, carrier_lookup, settings)
    steps.append(step)
    blank = is_blank(step.table[address])
    kept = ~blank & (codes == "US").to_numpy()  # C4a: present US addresses are checked too
    steps.append(StepResult.of(step.table, (), zip_state_flags(step.table, kept, address)))
    step = fill_address_rows(
        step.table, codes, blank, orders, billing_address, address_matrix, settings
    )
    steps.append(step)
    step = pins(step.table, settings=settings, codes=codes, carrier_directory=carrier_directory)
    steps.append(step)
    step = fill_billing_numbers(step.table, settings=settings)
    steps.append(step)

    notes = []
    if orders is not None and orders.unreadable:
        shown = ", ".join(str(r) for r in orders.unreadable[:10])
        notes.append(
            file_flag(
                f"Port orders: {len(orders.unreadable)} row(s) with a number that cannot be "
                f"read (rows {shown})",
                "Correct those numbers in the port orders file and run again",
                "C4",
            )
        )
    return CsrResult(
        table=step.table,
        changes=concat_changes(s.changes for s in steps),
        flags=sort_flags(concat_flags([*notes, *(s.flags for s in steps)])),
        excluded=excluded,
        customer=customer,
    )
