"""Port orders: what the port-in case says about a number (C4 LOA address, C7 case info).

An agent exports the CRM's LNP Status cases (or keeps a sheet of them): one row per number
with the address on the LOA (one line, or split into Address/City/State/Zip columns, C4a),
and optionally the billing number, authorized name and account number the port used.
The article: "If no case exists for the number, it is provisioned"; so once port orders
are given, a number without one counts as provisioned (C4, C7).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lnp_excel.core.address import address_key, one_line, padded_zip
from lnp_excel.core.columns import (
    BTN_ALIASES,
    CARRIER_ALIASES,
    CUSTOMER_ID_ALIASES,
    NUMBER_ALIASES,
    find_column,
)
from lnp_excel.core.csr.address_write import split_columns
from lnp_excel.core.csr.common import cell_text, is_blank, map_distinct, number_keys
from lnp_excel.core.csr.fields import (
    ACCOUNT,
    ADDRESS,
    AUTHORIZED_NAME,
    AUTHORIZED_NAME_ALIASES,
    BTN,
    CARRIER,
    PORT_ADDRESS_ALIASES,
)
from lnp_excel.core.errors import InputError


@dataclass(frozen=True)
class PortOrders:
    """Port-order fields by number key (see ``common.number_keys``).

    ``info`` has one row per number (index = number key) and the columns of ADDRESS,
    BTN, AUTHORIZED_NAME, ACCOUNT and CARRIER that the file had ("" where a cell was
    blank). ``conflicts`` lists number keys whose orders disagree on the LOA address:
    those are left for a person. ``unreadable`` holds the rows (sheet row labels) whose
    number could not be read.
    """

    info: pd.DataFrame
    conflicts: frozenset[str]
    unreadable: tuple[object, ...]

    def has(self, keys: pd.Series) -> np.ndarray:
        return keys.isin(self.info.index).to_numpy() & (keys != "").to_numpy()

    def field(self, keys: pd.Series, name: str) -> pd.Series:
        """The ``name`` field for each key ("" when missing or not in the file)."""
        if name not in self.info.columns:
            return pd.Series("", index=keys.index, dtype=object)
        found = keys.map(self.info[name])
        return found.where(found.notna(), "").astype(object)


def read_port_orders(frame: pd.DataFrame) -> PortOrders:
    """Validate a port-orders table: a number column and an LOA address column, by name
    (one line, or split: ``LOA Street``/``LOA City``/``LOA State``/``LOA ZIP``, or
    ``Street``/``City``/``State``/``ZIP``)."""
    columns = list(frame.columns)
    number = find_column(columns, NUMBER_ALIASES, role="port order phone number")
    address = find_column(columns, PORT_ADDRESS_ALIASES, role="port order LOA address")
    optional = {
        BTN: find_column(columns, BTN_ALIASES, role="billing number", required=False),
        AUTHORIZED_NAME: find_column(
            columns, AUTHORIZED_NAME_ALIASES, role="authorized name", required=False
        ),
        ACCOUNT: find_column(
            [c for c in columns if c != number], CUSTOMER_ID_ALIASES, role="account", required=False
        ),
        CARRIER: find_column(columns, CARRIER_ALIASES, role="carrier", required=False),
    }
    if optional[BTN] == number:
        optional[BTN] = None
    keys = number_keys(frame[number])
    readable = (keys != "").to_numpy()
    unreadable = tuple(frame.index[~readable & ~is_blank(frame[number])])
    data = {ADDRESS: _loa_text(frame, address)}
    for name, column in optional.items():
        if column is not None:
            data[name] = _text(frame[column])
    table = pd.DataFrame(data, index=frame.index)
    table["key"] = keys
    table = table[readable]
    # The same LOA written two ways is one address (C4b): orders disagree only on keys.
    loa = table[table[ADDRESS] != ""]
    loa_keys = pd.Series(map_distinct(loa[ADDRESS], address_key), index=loa.index)
    addresses = loa_keys.groupby(loa["key"]).nunique()
    conflicts = frozenset(addresses.index[addresses > 1])
    # Per number, keep the last non-blank value of each field (the latest order wins).
    info = table.replace("", np.nan).groupby("key", sort=False).last().fillna("")
    info = info.astype(object)
    return PortOrders(info=info, conflicts=conflicts, unreadable=unreadable)


def _loa_text(frame: pd.DataFrame, address: object) -> pd.Series:
    """The LOA address as one line: the address column, joined with the City, State and
    Zip columns when the port orders split it, so every part comes from the same row (C4a).
    A ZIP that lost its leading zeros (typed as a number) is padded when the padded ZIP is
    in the row's state (``padded_zip``); any other is kept for C4a to flag.
    """
    street = _text(frame[address])
    split = split_columns(list(frame.columns), address)
    if all(split[part] is None for part in ("city", "state", "zip")):
        return street
    blank = pd.Series("", index=frame.index, dtype=object)
    parts = {p: _text(frame[c]) if c is not None else blank for p, c in split.items()}
    zips = [
        padded_zip(state, zip_code) or zip_code
        for state, zip_code in zip(parts["state"], parts["zip"], strict=True)
    ]
    rows = zip(parts["unit"], parts["city"], parts["state"], zips, strict=True)
    joined = [one_line(s, *rest) if s else "" for s, rest in zip(street, rows, strict=True)]
    return pd.Series(joined, index=frame.index, dtype=object)


def _text(values: pd.Series) -> pd.Series:
    """Cells as stripped text, blanks as "" (``common.cell_text``)."""
    return pd.Series(map_distinct(values, cell_text), index=values.index, dtype=object)


def require_port_orders(port_orders: pd.DataFrame | PortOrders | None) -> PortOrders | None:
    """Accept a raw table or an already-read ``PortOrders``."""
    if port_orders is None or isinstance(port_orders, PortOrders):
        return port_orders
    if not isinstance(port_orders, pd.DataFrame):
        raise InputError("port orders must be a table with a number and an LOA address column")
    return read_port_orders(port_orders)
