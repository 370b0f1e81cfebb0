"""``fix_csr``: every correction of the CSR article on a CSR export, in the article's order.

The steps are ``csr.pipeline``'s, the same for every CSR: C8 control characters, C2
nulls, N2c numbers given back the ``+`` Excel dropped, C1 eligibility (flags only, when
the table has a status column), unusable numbers and Excel error values (flags only,
``csr.checks``), C3 non-US addresses, C4a ZIP codes, C4 blank US addresses, C6 PINs,
then blank Billing Telephone Numbers (C5's rule). With a batch (C13) only the chosen rows
are corrected and returned; the others are listed in ``excluded``. Without one, the table
keeps every row, in order, with its sheet row numbers. Each step is also a public function
for the ribbon (see ``csr/__init__``).
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
from lnp_excel.core.csr.batch import batch_mask
from lnp_excel.core.csr.btn import main_btn_flags
from lnp_excel.core.csr.common import countries
from lnp_excel.core.csr.fields import number_column
from lnp_excel.core.csr.pipeline import Sources, clean, complete
from lnp_excel.core.csr.port_orders import PortOrders
from lnp_excel.core.csr.result import CsrResult, StepResult, concat_flags, sort_flags
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
    find_column(columns, ADDRESS_ALIASES, role="address")
    country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
    sources = Sources.checked(
        settings,
        port_orders=port_orders,
        billing_address=billing_address,
        address_matrix=address_matrix,
        carrier_lookup=carrier_lookup,
        carrier_directory=carrier_directory,
        as_of=as_of,
    )

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

    steps += clean(work, settings=settings, as_of=as_of)
    cleaned = steps[-1].table
    codes = countries(cleaned, number, country, settings)
    steps += complete(cleaned, codes, sources, settings=settings)
    return CsrResult(
        table=steps[-1].table,
        changes=concat_changes(s.changes for s in steps),
        flags=sort_flags(concat_flags([*sources.notes(), *(s.flags for s in steps)])),
        excluded=excluded,
        customer=customer,
    )
