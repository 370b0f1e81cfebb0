"""Header matching: aliases, ambiguity, and finding the header under title rows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lnp_excel.core.columns import (
    ADDRESS_ALIASES,
    BTN_ALIASES,
    CARRIER_ALIASES,
    COUNTRY_ALIASES,
    CUSTOMER_ID_ALIASES,
    DATE_ALIASES,
    NUMBER_ALIASES,
    ORIGIN_ALIASES,
    PIN_ALIASES,
    STATUS_ALIASES,
    find_column,
    find_header_row,
    normalize_header,
    row_mentions,
)
from lnp_excel.core.errors import InputError


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Phone Number", "phonenumber"),
        ("phoneNumber", "phonenumber"),
        (" PHONE_NUMBER* ", "phonenumber"),
        ("Phone #", "phone"),
        ("Téléphone", "téléphone"),
        (None, ""),
        (float("nan"), ""),
        (2024, "2024"),
    ],
)
def test_normalize_header(name: object, expected: str) -> None:
    assert normalize_header(name) == expected


@given(st.text())
def test_normalize_header_is_idempotent_lowercase_alphanumeric(text: str) -> None:
    once = normalize_header(text)
    assert normalize_header(once) == once
    assert all(ch.isalnum() for ch in once)
    assert once == once.casefold()


def test_alias_constants_are_data() -> None:
    groups = [
        NUMBER_ALIASES,
        CARRIER_ALIASES,
        COUNTRY_ALIASES,
        ADDRESS_ALIASES,
        CUSTOMER_ID_ALIASES,
        ORIGIN_ALIASES,
        STATUS_ALIASES,
        PIN_ALIASES,
        BTN_ALIASES,
        DATE_ALIASES,
    ]
    assert all(isinstance(g, tuple) and all(isinstance(a, str) for a in g) for g in groups)
    assert NUMBER_ALIASES[-1] == "Billing Telephone Number"


@pytest.mark.parametrize(
    "columns, expected",
    [
        (["Carrier", "phone_number"], "phone_number"),
        (["Billing Telephone Number", "TN"], "TN"),  # the row's own number beats the BTN
        (["Billing Telephone Number", "Carrier"], "Billing Telephone Number"),
        (["Number Status", "Phone"], "Phone"),
        (["Phone Number (10 digits)", "Carrier"], "Phone Number (10 digits)"),
        (["Phone Number", "TN", "tn "], "Phone Number"),  # first alias wins, no ambiguity
    ],
)
def test_find_column(columns: list[str], expected: str) -> None:
    assert find_column(columns, NUMBER_ALIASES, role="phone number") == expected


@pytest.mark.parametrize(
    "columns, first, second",
    [
        (["Phone", "phone "], "Phone", "phone "),
        (["Phone", "Phone (2)"], "Phone", "Phone (2)"),  # repeated header, de-duplicated
    ],
)
def test_find_column_refuses_to_guess(columns: list[str], first: str, second: str) -> None:
    with pytest.raises(InputError) as caught:
        find_column(columns, NUMBER_ALIASES, role="phone number")
    assert caught.value.message == (
        f"two columns look like the phone number: '{first}' and '{second}'; name one with --column"
    )
    assert caught.value.column == first


def test_find_column_missing() -> None:
    with pytest.raises(InputError) as caught:
        find_column(["Name", "Notes"], CARRIER_ALIASES, role="carrier")
    assert str(caught.value).startswith("no carrier column: expected one of 'Carrier', ")
    assert str(caught.value).endswith("found columns: 'Name', 'Notes'")
    assert find_column(["Name"], PIN_ALIASES, role="PIN", required=False) is None


def test_find_column_accepts_any_column_labels() -> None:
    assert find_column([0, None, "Carrier Name"], CARRIER_ALIASES, role="carrier") == "Carrier Name"


def test_header_row_under_title_rows() -> None:
    rows = [
        ["Port request: Acme Corp"],
        [],
        ["Prepared", "2024-05-01"],
        ["Phone Number", "Carrier", "Country"],
        ["2127361234", "AT&T", "US"],
    ]
    assert find_header_row(rows, [NUMBER_ALIASES, CARRIER_ALIASES]) == 3


def test_header_row_other_groups_break_ties() -> None:
    rows = [
        ["Number", "of lines: 3"],  # a summary line that happens to say "Number"
        ["Number", "Carrier", "Status"],
        ["2127361234", "AT&T", "Assigned"],
    ]
    assert find_header_row(rows, [NUMBER_ALIASES, CARRIER_ALIASES, STATUS_ALIASES]) == 1
    assert find_header_row(rows, [NUMBER_ALIASES]) == 0  # no tie-breakers: the first row


def test_header_row_fallback_is_the_first_row_of_text_labels() -> None:
    rows = [
        ["Acme"],  # one label is a title, not a header
        ["Cell", "Mobile Provider"],
        ["(212) 736-1234", "AT&T"],
    ]
    assert find_header_row(rows, [NUMBER_ALIASES]) == 1


def test_header_row_numbers_are_never_labels() -> None:
    rows = [["(212) 736-1234", "2024-01-05"], [2127361234, 5]]
    with pytest.raises(InputError, match="no header row found in the first 30 rows"):
        find_header_row(rows, [NUMBER_ALIASES])


def test_header_row_scan_is_limited() -> None:
    rows = [["x"]] * 30 + [["Phone", "Carrier"]]
    with pytest.raises(InputError, match="first 30 rows: expected a column named one of 'Phone"):
        find_header_row(rows, [NUMBER_ALIASES])
    assert find_header_row(rows, [NUMBER_ALIASES], max_scan=31) == 30


def test_row_mentions() -> None:
    assert row_mentions([None, "  Losing Carrier "], CARRIER_ALIASES)
    assert not row_mentions(["Carrier report 2024"], CARRIER_ALIASES)


@pytest.mark.parametrize(
    ("role", "aliases", "advice"),
    [
        ("carrier", ("Carrier",), "name one with --carrier-column"),
        ("title", ("Title",), "rename the other one, or remove it"),
    ],
)
def test_two_columns_of_a_role_without_its_own_option_are_not_sent_to_column(
    role: str, aliases: tuple[str, ...], advice: str
) -> None:
    """Two Title columns in a list for loa were told "name one with --column", an option
    that names the phone number column (found by the hostile-input property test)."""
    with pytest.raises(InputError) as caught:
        find_column([aliases[0], f"{aliases[0]} (2)"], aliases, role=role)
    assert caught.value.message.endswith(f"; {advice}")
