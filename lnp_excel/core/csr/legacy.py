"""C7: a CSR for a Legacy CRM account, from the CRM's number export.

The article's fields for a provisioned number: Carrier (the underlying carrier, from True
Number Finder: the export must carry a carrier column), Company (the Salesforce company
name), Authorized Name (the contact on the case), Address (the Salesforce billing
address), PIN (C6), Account Number (the Salesforce customer id) and Billing Telephone
Number: the lowest number on the account with that carrier, compared as normalized numbers
(N1), never as text. Numbers that were ported in use the port case's information instead:
the LOA address and, where the port orders have them, its billing number, authorized name
and account number. A number is ported when the port orders list it; without port orders
every number is treated as provisioned and the file is flagged.

Customer column order (the export's number and carrier columns renamed to these): Phone
Number, Carrier, Company, Authorized Name, Account Number, Billing Telephone Number,
Address, PIN; Origin (ported / provisioned) is internal.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnp_excel.core.changes import changes_where, concat_changes
from lnp_excel.core.columns import CARRIER_ALIASES, CUSTOMER_ID_ALIASES, find_column
from lnp_excel.core.csr.address_write import address_flags
from lnp_excel.core.csr.common import is_blank, map_distinct, number_keys, text_key
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
from lnp_excel.core.csr.nulls import replace_nulls
from lnp_excel.core.csr.pin import pins
from lnp_excel.core.csr.port_orders import PortOrders, require_port_orders
from lnp_excel.core.csr.result import (
    CsrResult,
    StepResult,
    concat_flags,
    file_flag,
    flags_where,
    sort_flags,
)
from lnp_excel.core.errors import InputError
from lnp_excel.core.numbers import normalize_numbers
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
    settings: Settings | None = None,
) -> CsrResult:
    """Build the CSR of a Legacy CRM account (C7); the export is not modified.

    ``company`` and ``account_number`` default to the export's own columns when it has
    them (Company / Account Name, Customer Id).
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
    orders = require_port_orders(port_orders)

    cleaned = replace_nulls(export, settings=settings)
    rows = cleaned.table
    index = rows.index
    blank = pd.Series("", index=index, dtype=object)
    steps: list[StepResult] = [cleaned]
    flags: list[pd.DataFrame] = []

    def given(value: str | None, column: object | None) -> pd.Series:
        if value is not None and value.strip():
            return pd.Series(value.strip(), index=index, dtype=object)
        if column is not None:
            return rows[column].astype(object).where(~is_blank(rows[column]), "")
        return blank.copy()

    verdicts = normalize_numbers(rows[number])
    keys = verdicts["number"].where(verdicts["number"] != "", "").astype(object)
    keys.index = index
    unreadable = (keys == "").to_numpy() & ~is_blank(rows[number])
    flags.append(
        flags_where(
            unreadable,
            index,
            "Number cannot be read: " + verdicts["reason"].set_axis(index).astype(str),
            "Correct the number in the export; it has no Billing Telephone Number yet",
            "C7",
        )
    )
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
            ADDRESS: (billing_address or "").strip(),
            PIN: "",
            ORIGIN: np.where(ported, PORTED, PROVISIONED),
        },
        index=index,
    ).astype(object)

    if orders is not None and ported.any():
        for field_name in (ADDRESS, BTN, AUTHORIZED_NAME, ACCOUNT):
            values = orders.field(keys, field_name)
            use = ported & (values != "").to_numpy()
            table[field_name] = table[field_name].mask(use, values)
            if field_name == ADDRESS:
                table[ADDRESS] = table[ADDRESS].mask(ported & ~use, "")
                flags.append(
                    flags_where(
                        ported & ~use,
                        index,
                        "Ported in: the port order has no LOA address",
                        "Open the port case in Legacy CRM (LNP Status > LOA) and copy the address",
                        "C7",
                    )
                )

    no_carrier = is_blank(table[CARRIER])
    flags.append(
        flags_where(
            no_carrier & ~unreadable,
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
        (
            ADDRESS,
            "Billing address not given",
            "the Salesforce billing address (--billing-address)",
        ),
    ):
        missing = (
            is_blank(table[field_name]) & ~ported
            if field_name == ADDRESS
            else is_blank(table[field_name])
        )
        if missing.any():
            flags.append(file_flag(f"{text} for {int(missing.sum())} row(s)", f"Use {how}", "C7"))

    flags.extend(address_flags(table[ADDRESS]))  # C4a: the billing address or the LOA
    filled = [
        changes_where(~is_blank(table[name]), name, blank, table[name], "C7")
        for name in (COMPANY, AUTHORIZED_NAME, ACCOUNT, BTN, ADDRESS)
    ]
    steps.append(StepResult(table, concat_changes(filled)))

    regions = verdicts["region"].set_axis(index)
    step = pins(table, settings=settings, codes=regions)
    step = StepResult(step.table, step.changes)  # C7's own flag already names a missing carrier
    steps.append(step)
    return CsrResult(
        table=step.table,
        changes=concat_changes(s.changes for s in steps),
        flags=sort_flags(concat_flags([*flags, *(s.flags for s in steps)])),
        customer=customer,
        customer_columns=tuple(c for c in step.table.columns if c != ORIGIN),
    )
