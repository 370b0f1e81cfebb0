"""core.address: one-line US addresses into parts (C4a), the comparison key (C4b) and the
offline ZIP/state check (C4a)."""

from __future__ import annotations

import pandas as pd
import pytest

from lnp_excel.core.address import address_key, one_line, parse_address, zip_state_problem

SAME = (  # one address, written the ways customers and CRMs write it (C4b)
    "100 Congress Avenue, Austin TX 78701-1234",
    "100 CONGRESS AVE, AUSTIN, TX, 78701",
    "100 Congress Ave., Austin, Texas 78701",
    "  100 congress ave austin tx 78701  ",
    "100 Congress Ave, Austin, TX 78701, USA",
)


def test_the_same_address_written_several_ways_has_one_key():
    keys = {address_key(text) for text in SAME}
    assert len(keys) == 1
    assert keys.pop() == "100 CONGRESS AVE AUSTIN TX 78701"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("77 West Wacker Drive, Chicago, Illinois 60601", "77 W Wacker Dr, Chicago, IL 60601"),
        ("2200 South Lamar Boulevard, Austin, TX 78704", "2200 S. Lamar Blvd, Austin TX 78704"),
        (
            "100 Congress Ave Suite 200, Austin, TX 78701",
            "100 Congress Ave, Ste #200, Austin TX 78701",
        ),
    ],
)
def test_pub_28_abbreviations_make_equal_keys(a, b):
    assert address_key(a) == address_key(b) != ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("100 Congress Ave, Austin, TX 78701", "101 Congress Ave, Austin, TX 78701"),
        (
            "100 Congress Ave Ste 200, Austin, TX 78701",
            "100 Congress Ave Ste 300, Austin, TX 78701",
        ),
        ("100 Congress Ave, Austin, TX 78701", "100 Congress St, Austin, TX 78701"),
        ("100 N Main St, Austin, TX 78701", "100 S Main St, Austin, TX 78701"),
    ],
)
def test_different_addresses_keep_different_keys(a, b):
    assert address_key(a) != address_key(b)


def test_blank_has_the_empty_key():
    assert address_key("") == address_key("   ") == address_key(None) == ""
    assert address_key(float("nan")) == address_key(pd.NA) == ""  # cells pandas read blank


def test_parts_keep_the_source_words_and_the_state_is_its_code():
    address = parse_address("77 West Wacker Drive, Ste. 5, Chicago, Illinois 60601-1234")
    assert address.ok
    assert (address.street, address.unit, address.city) == (
        "77 West Wacker Drive",
        "Ste. 5",
        "Chicago",
    )
    assert (address.state, address.zip) == ("IL", "60601-1234")
    assert address.street_line == "77 West Wacker Drive Ste. 5"


def test_po_boxes_are_addresses():
    address = parse_address("PO Box 123, Austin TX 78701")
    assert address.ok and address.street == "PO Box 123"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("9 Bill Rd, Austin", "no state, no ZIP"),
        ("Congress Ave, Austin, TX 78701", "no "),  # no house number: not a street
        ("call Dana for the address", "no street"),
        ("100 Congress Ave, Austin, ZZ 78701", "state"),
        ("100 Congress Ave, Austin, TX 787", "ZIP"),
        ("", "no address"),
    ],
)
def test_what_cannot_be_read_with_confidence_says_why(text, problem):
    address = parse_address(text)
    assert not address.ok
    assert problem in address.problem


def test_zip_must_belong_to_the_state_offline_table():
    assert zip_state_problem("TX", "78701") == ""
    assert zip_state_problem("Texas", "78701-1234") == ""
    assert zip_state_problem("TX", "10022") == "ZIP 10022 is in NY, not TX"
    assert "not a US ZIP code" in zip_state_problem("TX", "00000")
    assert zip_state_problem("", "78701") == zip_state_problem("TX", "") == ""


def test_one_line_joins_parts_the_usual_way():
    text = one_line("100 Congress Ave", "Ste 2", "Austin", "TX", "78701")
    assert text == "100 Congress Ave Ste 2, Austin, TX 78701"
    assert parse_address(text).ok
    assert address_key(text) == address_key("100 Congress Avenue Suite 2, Austin, Texas 78701")
