"""C5: a CSR built from the number inventory export, when the CSR tool is down.

The article's steps, in order: keep the rows whose status is Assigned or Available
(``Settings.inventory_statuses``); keep the columns Origin, phone number, Carrier,
customer Id and country; add Authorized First Name and Authorized Last Name (the account
administrator's), Billing Telephone Number (= the row's phone number), Address (the
Address Matrix, C4) and PIN (C6); rename customerId to Account Number; delete Origin last.
The kept rows then go through the steps every CSR goes through (``csr.pipeline``):
control characters (C8), nulls (C2), lost ``+`` (N2c), blank or unreadable numbers (N2),
non-US rows flagged for a carrier lookup (C3), addresses (C4, C4a), PINs (C6).

Column order for the customer: phone number, Carrier, Account Number, country, Authorized
First Name, Authorized Last Name, Billing Telephone Number, Address, PIN. Origin stays in
``CsrResult.table`` (last) for the review workbook only. Rows left out are listed in
``CsrResult.excluded`` with the reason; a left-out number that was released within the C1
window is also flagged, because it can still be ported.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from lnp_excel.core.changes import changes_where, concat_changes
from lnp_excel.core.columns import (
    CARRIER_ALIASES,
    COUNTRY_ALIASES,
    CUSTOMER_ID_ALIASES,
    ORIGIN_ALIASES,
    STATUS_ALIASES,
    find_column,
)
from lnp_excel.core.csr.common import countries, is_blank, map_distinct, text_key
from lnp_excel.core.csr.eligibility import RECENT, eligibility
from lnp_excel.core.csr.fields import (
    ACCOUNT,
    ADDRESS,
    BTN,
    COUNTRY,
    FIRST_NAME,
    LAST_NAME,
    ORIGIN,
    PIN,
    number_column,
)
from lnp_excel.core.csr.pipeline import Sources, clean, complete
from lnp_excel.core.csr.port_orders import PortOrders
from lnp_excel.core.csr.result import (
    CsrResult,
    StepResult,
    concat_flags,
    file_flag,
    flags_where,
    sort_flags,
)
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings


def build_from_inventory(
    inventory: pd.DataFrame,
    *,
    customer: str,
    first_name: str | None = None,
    last_name: str | None = None,
    port_orders: pd.DataFrame | PortOrders | None = None,
    billing_address: str | None = None,
    address_matrix: pd.DataFrame | None = None,
    carrier_lookup: pd.DataFrame | None = None,
    as_of: dt.date | str | None = None,
    settings: Settings | None = None,
) -> CsrResult:
    """Build the CSR from a DMW Number Inventory export (C5); the export is not modified."""
    settings = settings or Settings()
    columns = list(inventory.columns)
    number = number_column(columns)
    carrier = find_column(columns, CARRIER_ALIASES, role="carrier")
    account = find_column(columns, CUSTOMER_ID_ALIASES, role="customer Id")
    country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
    origin = find_column(columns, ORIGIN_ALIASES, role="origin", required=False)
    status = find_column(columns, STATUS_ALIASES, role="status", required=False)
    sources = Sources.checked(
        settings,
        port_orders=port_orders,
        billing_address=billing_address,
        address_matrix=address_matrix,
        carrier_lookup=carrier_lookup,
        as_of=as_of,
    )

    # 1. Assigned and Available rows only; the rest is listed, never dropped silently.
    flags: list[pd.DataFrame] = []
    excluded = pd.DataFrame()
    kept = np.ones(len(inventory), dtype=bool)
    if status is not None:
        wanted = [text_key(s) for s in settings.inventory_statuses]
        kept = np.isin(map_distinct(inventory[status], text_key), wanted)
        out_rows = inventory[~kept]
        if len(out_rows):
            names = ", ".join(s.title() for s in settings.inventory_statuses)
            excluded = out_rows.assign(
                Reason="status '" + out_rows[status].astype(str) + f"': the CSR keeps {names} (C5)"
            )
            standing = eligibility(out_rows, as_of=as_of, settings=settings)
            if standing is not None:
                recent = (standing["category"] == RECENT).to_numpy()
                flags.append(
                    flags_where(
                        recent,
                        out_rows.index,
                        "Left out ("
                        + standing["status"]
                        + ") but portable until "
                        + standing["last_day"],
                        "If the customer ports this number, add it to the CSR by hand (C1)",
                        "C1",
                    )
                )
    else:
        flags.append(
            file_flag(
                "The export has no status column: every row was kept",
                "Check that the export holds only Assigned and Available numbers (C5)",
                "C5",
            )
        )
    if not kept.any():
        raise InputError("no Assigned or Available numbers in the inventory export")

    # 2. The five columns, cleaned (C8, C2, N2c) on what the customer will see.
    keep = [number, carrier, account] + [c for c in (country, origin) if c is not None]
    steps = clean(inventory.loc[kept, keep], settings=settings, as_of=as_of)
    rows = steps[-1].table
    codes = countries(rows, number, country, settings)
    country_name = country if country is not None else COUNTRY
    index = rows.index
    blank = pd.Series("", index=index, dtype=object)

    table = pd.DataFrame(
        {
            number: rows[number],
            carrier: rows[carrier],
            ACCOUNT: rows[account],
            country_name: rows[country] if country is not None else codes,
            FIRST_NAME: first_name.strip() if first_name else "",
            LAST_NAME: last_name.strip() if last_name else "",
            BTN: blank,
            ADDRESS: blank,
            PIN: blank,
        },
        index=index,
    ).astype(object)
    if origin is not None:
        table[ORIGIN] = rows[origin]
    added = []
    if country is None:
        added.append(changes_where(codes != "", COUNTRY, blank, codes, "C5"))
    for name, value in ((FIRST_NAME, first_name), (LAST_NAME, last_name)):
        if value and value.strip():
            added.append(changes_where(np.ones(len(index), bool), name, blank, value.strip(), "C5"))
    if not (first_name and first_name.strip() and last_name and last_name.strip()):
        flags.append(
            file_flag(
                "Authorized First/Last Name not given",
                "Fill in the account administrator's first and last name (Settings: "
                "Administrator First/Last Name, or --first-name, --last-name)",
                "C5",
            )
        )
    has_number = ~is_blank(table[number])
    table[BTN] = table[number].where(has_number, "")
    added.append(changes_where(has_number, BTN, blank, table[number], "C5"))
    steps.append(StepResult(table, concat_changes(added)))

    # 3. The steps every CSR goes through: N2 checks, C3, C4 addresses, C6 PINs.
    steps += complete(table, codes, sources, settings=settings)

    customer_columns = tuple(c for c in table.columns if c != ORIGIN)
    return CsrResult(
        table=steps[-1].table,
        changes=concat_changes(s.changes for s in steps),
        flags=sort_flags(concat_flags([*sources.notes(), *flags, *(s.flags for s in steps)])),
        excluded=excluded,
        customer=customer,
        customer_columns=customer_columns,
    )
