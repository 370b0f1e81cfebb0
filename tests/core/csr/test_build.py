"""C5: a CSR built from the number inventory export (an .xlsx, as DMW exports it)."""

from __future__ import annotations

import datetime as dt

import pytest

from lnp_excel.core.csr.build import build_from_inventory
from lnp_excel.core.errors import InputError
from lnp_excel.io.csr_files import read_csr, read_port_orders_file
from tests.core.csr.support import DATA, changes_of, flags_of, write_xlsx

HEADER = [
    "phoneNumber",
    "customerId",
    "customerName",
    "Origin",
    "Carrier",
    "country",
    "status",
    "statusDate",
    "extension",
]
ROWS = [
    [2125550102, 4471920, "Acme", "PORTED", "Bandwidth", "US", "Assigned", None, "101"],
    [2125550150, 4471920, "Acme", "PROVISIONED", "Onvoy, LLC", "US", "Available", None, "102"],
    [
        2125550151,
        4471920,
        "Acme",
        "PROVISIONED",
        "Lumen",
        "US",
        "Released",
        dt.datetime(2024, 5, 20),
        "103",
    ],
    [
        2125550152,
        4471920,
        "Acme",
        "PROVISIONED",
        "Lumen",
        "US",
        "Released",
        dt.datetime(2023, 5, 20),
        "104",
    ],
    ["+44 20 7946 0958", 4471920, "Acme", "PROVISIONED", "BT", "GB", "Assigned", None, "105"],
    [2125550153, 4471920, "Acme", "CRM Migrated", "Lumen", "US", "assigned", None, "106"],
    [2125550154, 4471920, "Acme", "null", "INTELIQUENT", "US", "Assigned", None, "107"],
]
C5_ORDER = [
    "phoneNumber",
    "Carrier",
    "Account Number",
    "country",
    "Authorized First Name",
    "Authorized Last Name",
    "Billing Telephone Number",
    "Address",
    "PIN",
]


@pytest.fixture
def inventory(tmp_path):
    path = write_xlsx(tmp_path / "inventory.xlsx", [["Number Inventory"], [], HEADER, *ROWS])
    return read_csr(path).frame


def build(inventory, **options):
    defaults = dict(
        customer="Acme",
        first_name="Dana",
        last_name="Reyes",
        port_orders=read_port_orders_file(DATA / "port_orders.csv"),
        billing_address="100 Congress Ave, Austin, TX 78701",
        as_of="2024-06-10",
    )
    return build_from_inventory(inventory, **{**defaults, **options})


def test_columns_in_the_articles_order_and_origin_deleted_last(inventory):
    result = build(inventory)
    assert list(result.customer_table().columns) == C5_ORDER
    assert list(result.table.columns) == [*C5_ORDER, "Origin"]  # kept for the review only


def test_only_assigned_and_available_rows(inventory):
    result = build(inventory)
    assert list(result.table.index) == [4, 5, 8, 9, 10]
    assert list(result.excluded.index) == [6, 7]
    assert result.excluded.loc[6, "Reason"] == (
        "status 'Released': the CSR keeps Assigned, Available (C5)"
    )
    # released 21 days before --as-of: left out, but still portable (C1)
    assert flags_of(result.flags, 6) == ["Left out (Released) but portable until 2024-07-19"]
    assert flags_of(result.flags, 7) == []


def test_fields_follow_the_logic_table(inventory):
    table = build(inventory).table
    assert table.loc[4, "Account Number"] == 4471920
    assert table.loc[4, "Authorized First Name"] == "Dana"
    assert table.loc[4, "Authorized Last Name"] == "Reyes"
    assert table.loc[4, "Billing Telephone Number"] == 2125550102  # = phoneNumber
    assert table.loc[4, "Address"] == "500 E 6th St, Austin, TX 78701"  # ported: LOA
    assert table.loc[5, "Address"] == "100 Congress Ave, Austin, TX 78701"  # provisioned
    assert table.loc[5, "PIN"] == "8x82125"  # Onvoy, US
    assert table.loc[4, "PIN"] == ""  # Bandwidth
    assert table.loc[8, "PIN"] == ""  # BT, non-US: always blank
    assert table.loc[8, "Address"] == ""
    assert table.loc[10, "PIN"] == "8x82125"


def test_nulls_crm_migrated_and_non_us_are_flagged(inventory):
    result = build(inventory)
    assert "UK number" in flags_of(result.flags, 8)[0]
    assert flags_of(result.flags, 9) == ["Ported in: no port order LOA address for this number"]
    assert result.table.loc[10, "Origin"] == ""  # "null" origin replaced (C2)
    assert changes_of(result.changes, 10, "Origin") == [("null", "", "C2")]
    # no Origin left and no port order: "If no case exists for the number, it is provisioned"
    assert result.table.loc[10, "Address"] == "100 Congress Ave, Austin, TX 78701"
    assert flags_of(result.flags, 10) == []


def test_changes_record_every_added_value(inventory):
    result = build(inventory)
    assert changes_of(result.changes, 5, "Billing Telephone Number") == [("", 2125550150, "C5")]
    assert changes_of(result.changes, 5, "Address") == [
        ("", "100 Congress Ave, Austin, TX 78701", "C4")
    ]
    assert changes_of(result.changes, 5, "PIN") == [("", "8x82125", "C6")]


def test_missing_admin_name_is_one_file_flag(inventory):
    result = build(inventory, first_name=None, last_name=None)
    notes = result.flags[result.flags["Row"].isna()]
    # the port orders' unreadable row is a note too: every CSR reports it (one pipeline)
    assert notes["Flag"].tolist() == [
        "Port orders: 1 row(s) with a number that cannot be read (rows 4)",
        "Authorized First/Last Name not given",
    ]
    assert (result.table["Authorized First Name"] == "").all()


def test_missing_customer_id_names_the_column(tmp_path):
    path = write_xlsx(tmp_path / "inv.xlsx", [["phoneNumber", "Carrier"], [2125550100, "X"]])
    with pytest.raises(InputError, match="no customer Id column.*found columns: 'phoneNumber'"):
        build_from_inventory(read_csr(path).frame, customer="Acme")


def test_no_assigned_rows_is_an_error(tmp_path):
    path = write_xlsx(
        tmp_path / "inv.xlsx",
        [["phoneNumber", "customerId", "Carrier", "status"], [2125550100, 1, "X", "Released"]],
    )
    with pytest.raises(InputError, match="no Assigned or Available numbers"):
        build_from_inventory(read_csr(path).frame, customer="Acme")


def test_headers_are_found_without_case_spaces_or_punctuation(tmp_path):
    path = write_xlsx(
        tmp_path / "inv.xlsx",
        [
            ["Phone Number", "Customer Id", "CARRIER", "Country", "Number Status"],
            [2125550100, 4471920, "Onvoy, LLC", "US", "Assigned"],
        ],
    )
    result = build_from_inventory(read_csr(path).frame, customer="Acme")
    assert list(result.customer_table().columns)[:4] == [
        "Phone Number",
        "CARRIER",
        "Account Number",
        "Country",
    ]
    assert result.table.loc[2, "PIN"] == "8x82125"
