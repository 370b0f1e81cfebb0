"""C7: a CSR for a Legacy CRM account, from the CRM's number export.

The article's fields for a provisioned number: Carrier (the underlying carrier, from True
Number Finder: the export must carry a carrier column), Company (the Salesforce company
name), Authorized Name (the contact on the case), Address (the Salesforce billing
address), PIN (C6), Account Number (the Salesforce customer id) and Billing Telephone
Number: the lowest number on the account with that carrier, compared as normalized numbers
(N1), never as text. Numbers that were ported in use the port case's information instead:
the LOA address and, where the port orders have them, its billing number, authorized name
and account number. A number is ported when the port orders list it; without port orders
every number is treated as provisioned and the file is flagged. The export then goes
through the steps every CSR goes through (``csr.pipeline``: C1, C2, C3, C4, C4a, C6, N2,
N2c): the address is the Address Matrix's (C4), whose default rules are C7's.

Customer column order (the export's number and carrier columns renamed to these): Phone
Number, Carrier, Company, Authorized Name, Account Number, Billing Telephone Number,
Address, PIN; Origin (ported / provisioned) is internal.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory
from lnp_excel.core.changes import changes_where, concat_changes
from lnp_excel.core.columns import (
    CARRIER_ALIASES,
    COUNTRY_ALIASES,
    CUSTOMER_ID_ALIASES,
    find_column,
)
from lnp_excel.core.csr.common import countries, is_blank, map_distinct, number_keys, text_key
from lnp_excel.core.csr.fields import (
    ACCOUNT,
    ADDRESS,
    AUTHORIZED_NAME,
    AUTHORIZED_NAME_ALIASES,
    BTN,
    CARRIER,
    COMPANY,
    COMPANY_ALIASES,
    ORIGIN,
    PHONE,
    PIN,
    number_column,
)
from lnp_excel.core.csr.pin import MISSING_CARRIER
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

PORTED, PROVISIONED = "ported", "provisioned"


def lowest_numbers(
    numbers: pd.Series, carriers: pd.Series, keys: pd.Series | None = None
) -> pd.Series:
    """For each row, the value of the lowest number with the same carrier ("" if none).

    Numbers compare as normalized digits (N1): "(212) 555-0100" is lower than
    "212.555.0102" whatever the formatting. Unreadable numbers and blank carriers take part
    in no group. The value returned is the lowest row's cell as written. ``keys`` are the
    numbers' ``number_keys`` when the caller already has them.
    """
    keys = number_keys(numbers) if keys is None else keys
    carrier_keys = pd.Series(map_distinct(carriers, text_key), index=numbers.index)
    usable = (keys != "").to_numpy() & (carrier_keys != "").to_numpy()
    out = pd.Series("", index=numbers.index, dtype=object)
    if not usable.any():
        return out
    digits = keys[usable].str.lstrip("+").astype("int64")
    group = carrier_keys[usable]
    lowest_position = digits.groupby(group.to_numpy()).idxmin()  # row label of the minimum
    winners = numbers.loc[lowest_position.to_numpy()].to_numpy(dtype=object)
    by_carrier = pd.Series(winners, index=lowest_position.index)
    out[usable] = group.map(by_carrier).to_numpy(dtype=object)
    return out


def build_from_legacy(
    export: pd.DataFrame,
    *,
    customer: str,
    company: str | None = None,
    authorized_name: str | None = None,
    account_number: str | None = None,
    billing_address: str | None = None,
    port_orders: pd.DataFrame | PortOrders | None = None,
    address_matrix: pd.DataFrame | None = None,
    carrier_lookup: pd.DataFrame | None = None,
    as_of: dt.date | str | None = None,
    settings: Settings | None = None,
    carrier_directory: CarrierDirectory | None = None,
) -> CsrResult:
    """Build the CSR of a Legacy CRM account (C7); the export is not modified.

    ``company`` and ``account_number`` default to the export's own columns when it has
    them (Company / Account Name, Customer Id). The export goes through the same steps as
    every CSR (``csr.pipeline``): its status column is judged by C1, its non-US rows get
    no address (C3), blank and unreadable numbers are flagged (N2), and the address comes
    from the Address Matrix (C4: the billing address for provisioned numbers, the LOA for
    ported ones).
    """
    settings = settings or Settings()
    columns = list(export.columns)
    number = number_column(columns)
    try:
        carrier = find_column(columns, CARRIER_ALIASES, role="carrier")
    except InputError as error:  # say where the carrier comes from (C7)
        raise InputError(
            error.message + " (C7: add a Carrier column from True Number Finder)"
        ) from None
    company_column = find_column(columns, COMPANY_ALIASES, role="company", required=False)
    account_column = find_column(
        [c for c in columns if c != number], CUSTOMER_ID_ALIASES, role="customer id", required=False
    )
    name_column = find_column(
        columns, AUTHORIZED_NAME_ALIASES, role="authorized name", required=False
    )
    country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
    sources = Sources.checked(
        settings,
        port_orders=port_orders,
        billing_address=(billing_address or "").strip() or None,
        address_matrix=address_matrix,
        carrier_lookup=carrier_lookup,
        carrier_directory=carrier_directory,
        as_of=as_of,
    )
    orders = sources.port_orders

    steps = clean(export, settings=settings, as_of=as_of)
    rows = steps[-1].table
    index = rows.index
    blank = pd.Series("", index=index, dtype=object)
    flags: list[pd.DataFrame] = [*sources.notes()]

    def given(value: str | None, column: object | None) -> pd.Series:
        if value is not None and value.strip():
            return pd.Series(value.strip(), index=index, dtype=object)
        if column is not None:
            return rows[column].astype(object).where(~is_blank(rows[column]), "")
        return blank.copy()

    keys = number_keys(rows[number])
    unreadable = (keys == "").to_numpy()
    ported = orders.has(keys) if orders is not None else np.zeros(len(index), dtype=bool)
    if orders is None:
        flags.append(
            file_flag(
                "No port orders given: every number is treated as provisioned",
                "Check the LNP Status tab in Legacy CRM; give ported numbers' cases with "
                "--port-orders",
                "C7",
            )
        )

    table = pd.DataFrame(
        {
            PHONE: rows[number],
            CARRIER: rows[carrier],
            COMPANY: given(company, company_column),
            AUTHORIZED_NAME: given(authorized_name, name_column),
            ACCOUNT: given(account_number, account_column),
            BTN: lowest_numbers(rows[number], rows[carrier], keys),
            ADDRESS: "",  # C4 fills it: the billing address, or the LOA of a ported number
            PIN: "",
            ORIGIN: np.where(ported, PORTED, PROVISIONED),
        },
        index=index,
    ).astype(object)

    if orders is not None and ported.any():
        for field_name in (BTN, AUTHORIZED_NAME, ACCOUNT):
            values = orders.field(keys, field_name)
            use = ported & (values != "").to_numpy()
            table[field_name] = table[field_name].mask(use, values)

    flags.append(
        flags_where(
            is_blank(table[CARRIER]) & ~unreadable,
            index,
            "Carrier missing: no Billing Telephone Number and no PIN decided",
            "Find the underlying carrier with True Number Finder and run again",
            "C7",
        )
    )
    for field_name, text, how in (
        (COMPANY, "Company not given", "the Company Name in Salesforce (--company)"),
        (
            AUTHORIZED_NAME,
            "Authorized Name not given",
            "the contact on the case (--authorized-name)",
        ),
        (ACCOUNT, "Account Number not given", "the customer id in Salesforce (--account-number)"),
    ):
        missing = is_blank(table[field_name])
        if missing.any():
            flags.append(file_flag(f"{text} for {int(missing.sum())} row(s)", f"Use {how}", "C7"))

    filled = [
        changes_where(~is_blank(table[name]), name, blank, table[name], "C7")
        for name in (COMPANY, AUTHORIZED_NAME, ACCOUNT, BTN)
    ]
    steps.append(StepResult(table, concat_changes(filled)))
    codes = countries(rows, number, country, settings)
    steps += complete(table, codes, sources, settings=settings, fill_billing=False)
    found = concat_flags([*flags, *(s.flags for s in steps)])
    # C7's carrier flag already says the PIN is undecided: C6's would repeat it
    repeated = (found["Rule"] == "C6") & (found["Flag"] == MISSING_CARRIER)
    return CsrResult(
        table=steps[-1].table,
        changes=concat_changes(s.changes for s in steps),
        flags=sort_flags(found[~repeated].reset_index(drop=True)),
        customer=customer,
        customer_columns=tuple(c for c in table.columns if c != ORIGIN),
    )
