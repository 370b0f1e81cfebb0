"""C7: a Legacy CRM account's CSR; the Billing Telephone Number is the lowest number with
that carrier, compared as numbers (N1) whatever the formatting."""

from __future__ import annotations

import pandas as pd
import pytest

from lnp_excel.core.csr.legacy import build_from_legacy, lowest_numbers
from lnp_excel.core.errors import InputError
from lnp_excel.io.csr_files import read_csr, read_port_orders_file
from tests.core.csr.support import DATA, flags_of, read_plain, write_csv

ORDER = [
    "Phone Number",
    "Carrier",
    "Company",
    "Authorized Name",
    "Account Number",
    "Billing Telephone Number",
    "Address",
    "PIN",
]


def legacy(**options):
    table = read_csr(DATA / "legacy_export.csv").frame
    defaults = dict(
        customer="Acme",
        company="Acme Dental LLC",
        authorized_name="Dana Reyes",
        billing_address="100 Congress Ave, Austin, TX 78701",
        port_orders=read_port_orders_file(DATA / "port_orders.csv"),
    )
    return build_from_legacy(table, **{**defaults, **options})


def test_lowest_number_per_carrier_compared_as_numbers():
    table = legacy().table
    btn = table["Billing Telephone Number"]
    # Bandwidth: (713) 555-0174, 212.555.0190, 2125550109 ("bandwidth " is the same carrier)
    assert btn[2] == btn[3] == btn[4] == "2125550109"
    # Onvoy, LLC / Onvoy LLC are one carrier; 312... < 917...
    assert btn[5] == btn[6] == "3125550125"


def test_ported_numbers_use_the_port_case():
    table = legacy().table
    assert table.loc[7, "Origin"] == "ported"  # 2125550102 is in the port orders
    assert table.loc[7, "Address"] == "500 E 6th St, Austin, TX 78701"
    assert table.loc[2, "Origin"] == "provisioned"
    assert table.loc[2, "Address"] == "100 Congress Ave, Austin, TX 78701"


def test_fields_and_order():
    result = legacy()
    assert list(result.customer_table().columns) == ORDER
    row = result.table.loc[5]
    assert row["Company"] == "Acme Dental LLC"
    assert row["Authorized Name"] == "Dana Reyes"
    assert row["Account Number"] == "LC-77"  # the export's Customer ID column
    assert row["PIN"] == "8x82125"  # Onvoy, US
    assert result.table.loc[2, "PIN"] == ""


def test_unreadable_number_and_missing_carrier_are_flagged():
    result = legacy()
    assert flags_of(result.flags, 8)[0].startswith("Phone number cannot be used")
    assert result.table.loc[8, "Billing Telephone Number"] == ""
    assert flags_of(result.flags, 9) == [
        "Carrier missing: no Billing Telephone Number and no PIN decided"
    ]
    assert result.table.loc[9, "Billing Telephone Number"] == ""
    assert len(result.table) == 8  # nothing dropped


def test_without_port_orders_everything_is_provisioned_and_the_file_flagged():
    result = legacy(port_orders=None)
    assert set(result.table["Origin"]) == {"provisioned"}
    notes = result.flags[result.flags["Row"].isna()]["Flag"].tolist()
    assert "No port orders given: every number is treated as provisioned" in notes


def test_missing_carrier_column_says_where_the_carrier_comes_from(tmp_path):
    path = write_csv(tmp_path / "export.csv", "Account Name,Number\nAcme,2125550100\n")
    with pytest.raises(InputError, match="True Number Finder"):
        build_from_legacy(read_csr(path).frame, customer="Acme")


def test_lowest_numbers_directly():
    numbers = pd.Series(["(212) 555-0199", "+1 212 555 0101", "212-555-0150"], index=[2, 3, 4])
    carriers = pd.Series(["A", "a ", "B"], index=[2, 3, 4])
    assert list(lowest_numbers(numbers, carriers)) == [
        "+1 212 555 0101",
        "+1 212 555 0101",
        "212-555-0150",
    ]


def test_the_export_is_not_modified():
    table = read_plain("legacy_export.csv")
    before = table.copy()
    build_from_legacy(table, customer="Acme")
    pd.testing.assert_frame_equal(table, before)
