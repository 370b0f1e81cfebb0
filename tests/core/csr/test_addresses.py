"""C3 non-US addresses (Carrier Lookup matrix) and C4 blank US addresses (Address Matrix),
on the real files in tests/data/csr and on the shipped default matrices."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import lnp_excel
from lnp_excel.core.csr import (
    clear_non_us_addresses,
    default_address_matrix,
    default_carrier_lookup,
    fill_us_addresses,
    read_port_orders,
    replace_nulls,
)
from lnp_excel.core.csr.matrices import address_rules
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.io.csr_files import read_csr, read_port_orders_file
from lnp_excel.io.tables import read_table
from tests.core.csr.support import (
    DATA,
    changes_of,
    flags_of,
    read,
    read_plain,
    write_csv,
    write_xlsx,
)

TEMPLATES = Path(lnp_excel.__file__).parent / "templates"
ADDRESS = ["Address", "City", "State", "Zip"]


def cleaned() -> pd.DataFrame:
    return replace_nulls(read("csr_edge.csv")).table


# --- C3 -----------------------------------------------------------------------------------


def test_non_us_rows_lose_every_address_column_and_are_flagged():
    step = clear_non_us_addresses(cleaned())
    out = step.table
    for row in (9, 10, 11):  # CA, UK, Mexico: the tool's default Campbell address
        assert list(out.loc[row, ADDRESS]) == ["", "", "", ""]
        assert changes_of(step.changes, row, "Address") == [("675 Creekside Way", "", "C3")]
        assert changes_of(step.changes, row, "Zip") == [("95008", "", "C3")]
    assert flags_of(step.flags, 9) == ["Non-US number (CA): address cleared, carrier record lookup"]
    assert flags_of(step.flags, 11) == [
        "Non-US number (MX): address cleared, carrier record lookup"
    ]
    default = Settings().carrier_lookup_default
    assert step.flags.loc[step.flags["Row"] == 9, "Next step"].item() == default


def test_uk_numbers_go_to_customer_support_uk():
    step = clear_non_us_addresses(cleaned())
    [flag] = step.flags[step.flags["Row"] == 10].itertuples(index=False)
    assert "UK" in flag.Flag
    assert "Customer Support-UK" in flag._2  # Next step
    assert flag.Rule == "C3"


def test_us_rows_and_blank_country_us_numbers_are_untouched():
    table = cleaned()
    step = clear_non_us_addresses(table)
    us_rows = [2, 3, 4, 5, 6, 7, 8, 12, 13]  # "US", "USA", "United States", "us", blank+US number
    pd.testing.assert_frame_equal(step.table.loc[us_rows], table.loc[us_rows])
    assert not set(step.changes["Row"]) & set(us_rows)
    assert not set(step.flags["Row"]) & set(us_rows)


def test_carrier_lookup_matrix_from_a_file_specific_row_wins_over_not_listed():
    lookup = read_plain("carrier_lookup.csv")
    step = clear_non_us_addresses(cleaned(), carrier_lookup=lookup)
    next_steps = dict(zip(step.flags["Row"], step.flags["Next step"], strict=True))
    assert next_steps[9] == "Open the carrier portal and pull the CSR for the number"
    assert next_steps[11] == "Not listed: talk to your manager for next steps"


def test_country_unknown_is_flagged_not_cleared(tmp_path):
    path = write_csv(
        tmp_path / "csr.csv",
        "Phone Number,Country,Carrier,Address\nnot a number,,Bandwidth,1 Main St\n",
    )
    step = clear_non_us_addresses(read_csr(path).frame)
    assert step.table.loc[2, "Address"] == "1 Main St"
    assert flags_of(step.flags, 2) == ["Country unknown: no country and the number cannot be read"]


def test_no_country_column_uses_the_number(tmp_path):
    path = write_xlsx(
        tmp_path / "csr.xlsx",
        [
            ["Phone Number", "Carrier", "Address", "City"],
            ["+44 20 7946 0958", "BT", "10 Downing St", "London"],
            [2125550100, "Bandwidth", "1 Main St", "New York"],
        ],
    )
    step = clear_non_us_addresses(read_csr(path).frame)
    assert list(step.table.loc[2, ["Address", "City"]]) == ["", ""]
    assert list(step.table.loc[3, ["Address", "City"]]) == ["1 Main St", "New York"]


def test_shipped_carrier_lookup_csv_is_the_default():
    shipped = read_table(TEMPLATES / "carrier_lookup.csv", alias_groups=(("Country",),)).frame
    default = default_carrier_lookup()
    assert shipped.reset_index(drop=True).equals(default.astype(object))


# --- C4 -----------------------------------------------------------------------------------


BILL = "9 Bill Rd, Round Rock, TX 78664"


def test_ported_numbers_take_the_loa_and_provisioned_the_billing_address():
    """C4 sources, written into the split columns all from the same source (C4a)."""
    orders = read_port_orders_file(DATA / "port_orders.csv")
    step = fill_us_addresses(cleaned(), port_orders=orders, billing_address=BILL)
    out = step.table
    # in the port orders: the LOA, parsed into Address/City/State/Zip
    assert list(out.loc[4, ADDRESS]) == ["500 E 6th St", "Austin", "TX", "78701"]
    # was NULL with Austin/78701 left: provisioned, every part from the billing address
    assert list(out.loc[5, ADDRESS]) == ["9 Bill Rd", "Round Rock", "TX", "78664"]
    assert list(out.loc[8, ADDRESS]) == ["9 Bill Rd", "Round Rock", "TX", "78664"]
    assert changes_of(step.changes, 4, "Address") == [("", "500 E 6th St", "C4")]
    assert changes_of(step.changes, 4, "City") == [("", "Austin", "C4a")]
    assert changes_of(step.changes, 5, "City") == [("Austin", "Round Rock", "C4a")]
    assert changes_of(step.changes, 5, "Zip") == [("78701", "78664", "C4a")]
    assert changes_of(step.changes, 5, "State") == []  # TX already: not a change
    assert list(out.loc[2, ADDRESS]) == ["1 Main St", "Austin", "TX", "78701"]  # never touched
    assert step.flags.empty


def test_without_port_orders_the_origin_is_unknown_and_flagged():
    step = fill_us_addresses(cleaned(), billing_address="9 Bill Rd")
    for row in (4, 5, 8):
        assert step.table.loc[row, "Address"] == ""
        assert flags_of(step.flags, row) == ["Address needs a manual lookup (Address Matrix)"]
    assert step.changes.empty


def test_ported_without_port_order_and_missing_billing_address_are_flagged():
    table = cleaned()
    table["Origin"] = ""
    table.loc[4, "Origin"] = "Ported In"
    table.loc[8, "Origin"] = "PROVISIONED"
    orders = read_port_orders(pd.DataFrame({"TN": ["2125550199"], "LOA Address": ["x"]}))
    step = fill_us_addresses(table, port_orders=orders)
    assert flags_of(step.flags, 4) == ["Ported in: no port order LOA address for this number"]
    assert flags_of(step.flags, 8) == ["Provisioned: the account's billing address was not given"]
    assert "--billing-address" in step.flags.loc[step.flags["Row"] == 8, "Next step"].item()


def test_non_us_rows_are_not_filled_by_the_default_matrix():
    table = clear_non_us_addresses(cleaned()).table
    orders = read_port_orders_file(DATA / "port_orders.csv")
    step = fill_us_addresses(table, port_orders=orders, billing_address="9 Bill Rd")
    for row in (9, 10, 11):
        assert step.table.loc[row, "Address"] == ""


def test_a_custom_matrix_is_evaluated_top_to_bottom():
    matrix = read_plain("address_matrix_custom.csv")
    step = fill_us_addresses(cleaned(), address_matrix=matrix, billing_address=BILL)
    assert step.table.loc[8, "Address"] == ""  # Bandwidth: the manual rule comes first
    assert step.flags.loc[step.flags["Row"] == 8, "Next step"].item() == (
        "Ask the Bandwidth team for the address"
    )
    assert step.table.loc[4, "Address"] == "9 Bill Rd"  # Intelliquent: second rule


def test_crm_migrated_lumen_numbers_need_the_port_order():
    table = pd.DataFrame(
        {
            "Phone Number": ["2125550102", "2125550150"],
            "Country": ["US", "US"],
            "Carrier": ["Lumen Technologies", "Lumen"],
            "Origin": ["CRM Migrated", "CRM Migrated"],
            "Address": ["", ""],
        },
        index=[2, 3],
        dtype=object,
    )
    orders = read_port_orders_file(DATA / "port_orders.csv")
    step = fill_us_addresses(table, port_orders=orders, billing_address="9 Bill Rd")
    assert step.table.loc[2, "Address"] == "500 E 6th St, Austin, TX 78701"
    assert step.table.loc[3, "Address"] == ""
    assert "LOA" in step.flags.loc[step.flags["Row"] == 3, "Next step"].item()


def test_port_orders_that_disagree_are_left_for_a_person():
    orders = read_port_orders(
        pd.DataFrame(
            {"Phone Number": ["2125550102", "(212) 555-0102"], "LOA Address": ["1 A St", "2 B St"]},
            index=[2, 3],
        )
    )
    table = cleaned()
    table["Origin"] = "ported"
    step = fill_us_addresses(table, port_orders=orders)
    assert step.table.loc[4, "Address"] == ""
    assert flags_of(step.flags, 4) == ["Ported in: the port orders disagree on the LOA address"]


def test_unreadable_port_order_rows_are_reported():
    orders = read_port_orders_file(DATA / "port_orders.csv")
    assert orders.unreadable == (4,)


def test_shipped_address_matrix_csv_is_the_default_and_compiles():
    shipped = read_table(TEMPLATES / "address_matrix.csv", alias_groups=(("Source",),)).frame
    assert shipped.reset_index(drop=True).equals(default_address_matrix().astype(object))
    assert [rule.source for rule in address_rules(shipped, Settings())] == [
        "port_order_loa",
        "port_order_loa",
        "billing_address",
        "manual",
    ]


def test_a_bad_source_names_the_row_and_the_choices():
    matrix = read_table(DATA / "address_matrix_bad.csv", alias_groups=(("Source",),)).frame
    with pytest.raises(InputError) as caught:
        fill_us_addresses(cleaned(), address_matrix=matrix)
    assert caught.value.row == 2
    assert "billing_addres" in str(caught.value)
    assert "port_order_loa, billing_address, manual" in str(caught.value)


def test_missing_address_column_is_an_error_listing_the_columns(tmp_path):
    path = write_csv(tmp_path / "csr.csv", "phoneNumber,Carrier\n2125550100,Bandwidth\n")
    with pytest.raises(InputError) as caught:
        fill_us_addresses(read_csr(path).frame)
    message = str(caught.value)
    assert "no address column" in message
    assert "'phoneNumber', 'Carrier'" in message
