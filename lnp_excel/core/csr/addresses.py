"""C3 non-US addresses and C4 US addresses from the Address Matrix, both as editable data.

C3: the CSR tool puts a default address on non-US numbers that must never reach the
customer. Every address column (Address, City, State, Zip, ...: ``fields.address_parts``)
of a non-US row is emptied and the row is flagged for a carrier-record lookup, with the
"How to find" of the Carrier Lookup matrix (Country, Carrier, How to find; rows evaluated
top to bottom, a "Not listed" country row only when no other row matches, and
``Settings.carrier_lookup_default`` when nothing does). UK numbers are flagged for
Customer Support-UK: the article sends UK port-outs there.

C4 (**assumption**, the article's matrix is a picture): the Address Matrix is a table of
rules (Country, Origin, Carrier, Source, Next step) evaluated top to bottom; the first rule
whose Country, Origin and Carrier match a row with a blank address says where the address
comes from: ``port_order_loa`` (the LOA on the port-in order), ``billing_address`` (the
account's billing address) or ``manual`` (left blank, flagged). "*", "any" or a blank cell
matches anything; "a|b" lists alternatives; a value matches when it starts a word of the
cell, without case or punctuation ("ported" matches "Ported In", "Lumen" matches
"Lumen Technologies"). The address is written by ``address_write`` (C4a): as one line, or
parsed into the sheet's Address/Unit/City/State/Zip columns, all from the same source; a
row no rule covers is flagged when it is a US row (non-US rows are C3's).

Origin comes from the table's Origin column; where there is none (CSR exports have no
Origin) a number with a port order is "ported", and, once port orders are given, a number
without one is "provisioned" (the article: "If no case exists for the number, it is
provisioned"). Without port orders and without Origin the origin is unknown and the
default matrix asks for a manual lookup rather than guessing the billing address.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnp_excel.core.changes import changes_where
from lnp_excel.core.columns import (
    ADDRESS_ALIASES,
    CARRIER_ALIASES,
    COUNTRY_ALIASES,
    ORIGIN_ALIASES,
    find_column,
)
from lnp_excel.core.csr.address_write import write_addresses
from lnp_excel.core.csr.common import (
    countries,
    is_blank,
    map_distinct,
    number_keys,
    text_key,
)
from lnp_excel.core.csr.fields import address_parts, number_column
from lnp_excel.core.csr.matrices import (
    AddressRule,
    address_rules,
    how_to_find,
    lookup_rules,
)
from lnp_excel.core.csr.port_orders import PortOrders, require_port_orders
from lnp_excel.core.csr.result import StepResult, flags_where
from lnp_excel.core.settings import Settings


def clear_non_us_addresses(
    table: pd.DataFrame,
    *,
    carrier_lookup: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> StepResult:
    """Empty the address columns of non-US rows and flag them for a carrier lookup (C3)."""
    settings = settings or Settings()
    number = number_column(list(table.columns))
    country = find_column(list(table.columns), COUNTRY_ALIASES, role="country", required=False)
    codes = countries(table, number, country, settings)
    return clear_non_us_rows(table, codes, carrier_lookup, settings)


def clear_non_us_rows(
    table: pd.DataFrame,
    codes: pd.Series,
    carrier_lookup: pd.DataFrame | None,
    settings: Settings,
) -> StepResult:
    columns = list(table.columns)
    rules = lookup_rules(carrier_lookup, settings)
    main = find_column(columns, ADDRESS_ALIASES, role="address", required=False)
    carrier = find_column(columns, CARRIER_ALIASES, role="carrier", required=False)
    code = codes.to_numpy(dtype=object)
    non_us = (code != "") & (code != "US")
    unknown = code == ""
    out = table.copy(deep=False)
    changes = []
    for column in address_parts(columns, main):
        values = table[column]
        cleared = non_us.copy()
        if non_us.any():
            cleared[non_us] = ~is_blank(values[non_us])
        if cleared.any():
            out[column] = values.astype(object).mask(cleared, "")
            changes.append(changes_where(cleared, column, values, "", "C3"))

    uk = code == "GB"
    other = non_us & ~uk
    carriers = (
        pd.Series(map_distinct(table[carrier], text_key), index=table.index)
        if carrier is not None
        else pd.Series("", index=table.index, dtype=object)
    )
    flags = [
        flags_where(
            uk,
            table.index,
            "UK number: address cleared; UK port-outs are not handled with this CSR",
            f"Create a support case for provider group {settings.uk_provider_group}",
            "C3",
        )
    ]
    if other.any():
        pairs = codes[other] + "\x1f" + carriers[other]
        steps = map_distinct(
            pairs,
            lambda p: how_to_find(rules, *str(p).split("\x1f"), settings.carrier_lookup_default),
        )
        texts = np.full(len(table), "", dtype=object)
        texts[other] = steps
        labels = np.full(len(table), "", dtype=object)
        labels[other] = (
            "Non-US number (" + codes[other] + "): address cleared, carrier record lookup"
        ).to_numpy(dtype=object)
        flags.append(flags_where(other, table.index, labels, texts, "C3"))
    flags.append(
        flags_where(
            unknown,
            table.index,
            "Country unknown: no country and the number cannot be read",
            "Check the number and its country; a non-US address must be looked up before "
            "the CSR goes out",
            "C3",
        )
    )
    return StepResult.of(out, changes, flags)


# --- C4 -----------------------------------------------------------------------------------


def fill_us_addresses(
    table: pd.DataFrame,
    *,
    port_orders: pd.DataFrame | PortOrders | None = None,
    billing_address: str | None = None,
    address_matrix: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> StepResult:
    """Fill blank addresses from the Address Matrix (C4); flag what stays blank."""
    settings = settings or Settings()
    columns = list(table.columns)
    address = find_column(columns, ADDRESS_ALIASES, role="address")
    number = number_column(columns)
    country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
    blank = is_blank(table[address])
    codes = pd.Series("", index=table.index, dtype=object)
    if blank.any():
        codes[blank] = countries(table[blank], number, country, settings)
    return fill_address_rows(
        table, codes, blank, port_orders, billing_address, address_matrix, settings
    )


def fill_address_rows(
    table: pd.DataFrame,
    codes: pd.Series,
    blank: np.ndarray,
    port_orders: pd.DataFrame | PortOrders | None,
    billing_address: str | None,
    address_matrix: pd.DataFrame | None,
    settings: Settings,
) -> StepResult:
    """C4 over the rows ``blank`` selects; ``codes`` are their country codes."""
    rules = address_rules(address_matrix, settings)
    orders = require_port_orders(port_orders)
    if not blank.any():
        return StepResult(table)
    columns = list(table.columns)
    address = find_column(columns, ADDRESS_ALIASES, role="address")
    number = number_column(columns)
    carrier = find_column(columns, CARRIER_ALIASES, role="carrier", required=False)
    origin = find_column(columns, ORIGIN_ALIASES, role="origin", required=False)

    rows = table[blank]
    keys = number_keys(rows[number]) if orders is not None else None
    origin_keys = (
        pd.Series(map_distinct(rows[origin], text_key), index=rows.index)
        if origin is not None
        else pd.Series("", index=rows.index, dtype=object)
    )
    if orders is not None:
        derived = np.where(orders.has(keys), "ported", "provisioned")
        origin_keys = origin_keys.mask(origin_keys == "", pd.Series(derived, index=rows.index))
    carrier_keys = (
        pd.Series(map_distinct(rows[carrier], text_key), index=rows.index)
        if carrier is not None
        else pd.Series("", index=rows.index, dtype=object)
    )
    row_codes = codes[blank].astype(object)
    triples = row_codes + "\x1f" + origin_keys.astype(object) + "\x1f" + carrier_keys
    chosen = map_distinct(triples, lambda t: _first_rule(rules, str(t)))
    chosen = np.asarray(chosen, dtype=np.int64)
    sources = np.array([r.source for r in rules] + [""], dtype=object)[chosen]
    steps = np.array([r.next_step for r in rules] + [""], dtype=object)[chosen]

    new = pd.Series("", index=rows.index, dtype=object)
    filled = np.zeros(len(rows), dtype=bool)
    flags = []
    index = rows.index

    loa = sources == "port_order_loa"
    if loa.any():
        found = (
            orders.field(keys, "Address")
            if orders is not None
            else pd.Series("", index=index, dtype=object)
        )
        conflict = (
            keys.isin(orders.conflicts).to_numpy()
            if orders is not None
            else np.zeros(len(rows), dtype=bool)
        )
        ok = loa & (found != "").to_numpy() & ~conflict
        new[ok] = found[ok]
        filled |= ok
        flags.append(
            flags_where(
                loa & conflict,
                index,
                "Ported in: the port orders disagree on the LOA address",
                _with_step("Check the port case's LOA and type the address in", steps),
                "C4",
            )
        )
        missing = loa & ~ok & ~conflict
        flags.append(
            flags_where(
                missing,
                index,
                "Ported in: no port order LOA address for this number"
                if orders is not None
                else "Ported in: no port orders given",
                _with_step(
                    "Add the number to the port orders (Port Orders sheet, or --port-orders)",
                    steps,
                ),
                "C4",
            )
        )

    billing = sources == "billing_address"
    if billing.any():
        text = (billing_address or "").strip()
        if text:
            new[billing] = text
            filled |= billing
        else:
            flags.append(
                flags_where(
                    billing,
                    index,
                    "Provisioned: the account's billing address was not given",
                    _with_step(
                        "Give the billing address (Settings: Billing Address, or "
                        "--billing-address)",
                        steps,
                    ),
                    "C4",
                )
            )

    manual = sources == "manual"
    flags.append(
        flags_where(manual, index, "Address needs a manual lookup (Address Matrix)", steps, "C4")
    )
    no_rule = (sources == "") & (row_codes == "US").to_numpy()
    flags.append(
        flags_where(
            no_rule,
            index,
            "US number without an address: no Address Matrix rule matches",
            "Add a rule to the Address Matrix or type the address in",
            "C4",
        )
    )

    positions = np.flatnonzero(blank)[filled]
    out, changes, written = write_addresses(
        table, positions, new.to_numpy(dtype=object)[filled], address
    )
    return StepResult.of(out, changes, [*flags, *written])


def _first_rule(rules: list[AddressRule], triple: str) -> int:
    country, origin, carrier = triple.split("\x1f")
    for position, rule in enumerate(rules):
        if rule.matches(country, origin, carrier):
            return position
    return len(rules)  # the "no rule" slot


def _with_step(action: str, steps: np.ndarray) -> np.ndarray:
    """The fix for this run, then the matrix rule's own next step when it has one."""
    return map_distinct(pd.Series(steps, dtype=object), lambda s: f"{action}; {s}" if s else action)
