"""Which columns of a CSR play which role, found by name (issue #4: without case, spaces or
punctuation), plus the names this package gives the columns it adds.
"""

from __future__ import annotations

from collections.abc import Sequence

from lnp_excel.core.columns import (
    ADDRESS_ALIASES,
    BTN_ALIASES,
    NUMBER_ALIASES,
    ORIGIN_ALIASES,
    SERVICE_ADDRESS_ALIASES,
    find_column,
    normalize_header,
)

# Column names lnp_excel writes (C5 field list, C7 template fields).
PHONE = "Phone Number"
CARRIER = "Carrier"
COUNTRY = "Country"
ACCOUNT = "Account Number"
FIRST_NAME = "Authorized First Name"
LAST_NAME = "Authorized Last Name"
AUTHORIZED_NAME = "Authorized Name"
COMPANY = "Company"
BTN = "Billing Telephone Number"
ADDRESS = "Address"
PIN = "PIN"
ORIGIN = "Origin"
# The review workbook's own columns around the CSR (never the customer's): the input's
# sheet row first, the flags last, named by ``core.columns.free_name`` (" (lnp)" when the
# CSR has such a column).
ROW_COLUMN = "Row"
REVIEW_COLUMN = "Review flags"

# C3 clears every part of a non-US address, not only the street: these are the parts a CSR
# export or a customer's sheet splits an address into (the main column is ADDRESS_ALIASES).
ADDRESS_PART_ALIASES: tuple[str, ...] = (
    "Address 1",
    "Address Line 1",
    "Address 2",
    "Address Line 2",
    "Street",
    "Street 2",
    "Suite",
    "Unit",
    "City",
    "Town",
    "State",
    "Province",
    "State/Province",
    "Zip",
    "Zip Code",
    "Postal Code",
    "Postcode",
    "Post Code",
    "County",
)

# Internal columns never sent to the customer (issue #4, C5 "delete Origin last").
INTERNAL_ALIASES: tuple[str, ...] = (
    *ORIGIN_ALIASES,
    "Flag",
    "Flags",
    "Note",
    "Notes",
    "Comment",
    "Comments",
    "Internal Notes",
    "Agent Notes",
    "Next Step",
)

AUTHORIZED_NAME_ALIASES: tuple[str, ...] = (
    AUTHORIZED_NAME,
    "Authorized Contact",
    "Contact Name",
    "Contact",
)
COMPANY_ALIASES: tuple[str, ...] = (COMPANY, "Company Name", "Account Name", "customerName")
# The LOA address of a port order: one line, or the street column of split columns (the
# city, state and ZIP columns are found by ``address_write.split_columns``, C4a).
PORT_ADDRESS_ALIASES: tuple[str, ...] = tuple(
    dict.fromkeys(
        (
            "LOA Address",
            "LOA Street",
            "LOA Street Address",
            "Port Order Address",
            *ADDRESS_ALIASES,
            *SERVICE_ADDRESS_ALIASES,
        )
    )
)


def named(columns: Sequence[object], aliases: Sequence[str]) -> list[object]:
    """Every column whose normalized name is one of ``aliases``, in sheet order."""
    wanted = {normalize_header(alias) for alias in aliases} - {""}
    return [column for column in columns if normalize_header(column) in wanted]


def address_parts(columns: Sequence[object], main: object | None) -> list[object]:
    """The address columns C3 clears: the main one first, then City, State, Zip, ..."""
    parts = named(columns, ADDRESS_PART_ALIASES)
    head = [main] if main is not None else []
    return head + [column for column in parts if column != main]


def internal_columns(columns: Sequence[object]) -> list[object]:
    """Columns for the agent only (Origin, flags, notes)."""
    return named(columns, INTERNAL_ALIASES)


_BTN_KEYS = frozenset(normalize_header(alias) for alias in BTN_ALIASES)
OWN_NUMBER_ALIASES: tuple[str, ...] = tuple(
    alias for alias in NUMBER_ALIASES if normalize_header(alias) not in _BTN_KEYS
)


def number_column(columns: Sequence[object]) -> object:
    """The row's own phone number column, never the Billing Telephone Number column."""
    return find_column(columns, OWN_NUMBER_ALIASES, role="phone number")
