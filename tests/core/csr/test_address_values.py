"""C4a/C4b on real files: filled addresses go into whichever address columns the sheet
has, all from one source; unreadable sources are flagged, never guessed; a ZIP outside
its state is flagged; the same address written two ways is one address."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pandas as pd

from lnp_excel.cli import csr as csr_cli
from lnp_excel.core.csr import fix_csr, read_port_orders
from lnp_excel.core.csr.legacy import build_from_legacy
from lnp_excel.io.csr_files import read_csr, read_port_orders_file
from tests.core.csr.support import DATA, changes_of, flags_of, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "samples" / "csr"
SPLIT = ["Address", "City", "State", "Zip"]
BILLING = "100 Congress Ave, Austin, TX 78701"

# Structured columns, blank and `null` parts, and numbers in the port orders (ported).
STRUCTURED = """Phone Number,Country,Carrier,Address,Suite,City,State,Zip,PIN
2125550100,US,Bandwidth,1 Main St,,Austin,TX,78701,
2125550101,US,Bandwidth,null,,Round Rock,TX,78664,
2125550102,US,Bandwidth,,,,,,
2125550103,US,Bandwidth,NULL,null,NULL,null,NULL,
3125550104,US,Lumen,,,Chicago,IL,60601,
"""
ORDERS = """Phone Number,LOA Address,Port Date
(312) 555-0104,"77 West Wacker Drive, Ste. 5, Chicago, Illinois 60601-1234",2023-03-01
"""


def run_cli(*argv: object) -> int:
    parser = argparse.ArgumentParser(prog="lnp-excel")
    csr_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args([str(a) for a in argv])
    return args.run(args)


def test_the_shipped_sample_row_5_gets_street_city_and_zip_of_one_address(tmp_path):
    """The issue's case: row 5 (null address, City Round Rock, ZIP 78664) is provisioned and
    takes the billing address: every part from it, each overwritten cell a C4a change."""
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    out = tmp_path / "out"
    code = run_cli(
        "csr", "fix", folder / "csr_export.csv", "--customer", "Acme",
        "--port-orders", folder / "port_orders.csv", "--billing-address", BILLING, "-o", out,
    )  # fmt: skip
    assert code == 0
    customer = pd.read_csv(out / "8x8_Acme_CSR.csv", dtype=str, keep_default_na=False)
    assert list(customer.loc[3, SPLIT]) == ["100 Congress Ave", "Austin", "TX", "78701"]
    # a ported number (sheet row 7) takes its LOA, split the same way
    assert list(customer.loc[5, SPLIT]) == ["500 E 6th St", "Austin", "TX", "78701"]
    changes = pd.read_excel(out / "8x8_Acme_CSR_review.xlsx", sheet_name="Changes", dtype=str)
    row5 = changes[changes["Row"] == "5"]
    assert set(zip(row5["Column"], row5["New"], row5["Rule"], strict=True)) >= {
        ("City", "Austin", "C4a"),
        ("Zip", "78701", "C4a"),
    }


def test_split_columns_with_a_unit_column_blank_and_null_parts(tmp_path):
    table = read_csr(write_csv(tmp_path / "csr.csv", STRUCTURED)).frame
    orders = read_port_orders_file(write_csv(tmp_path / "orders.csv", ORDERS))
    billing = "2200 S Lamar Blvd Suite 300, Austin, TX 78704"
    result = fix_csr(table, customer="Acme", port_orders=orders, billing_address=billing)
    out = result.table
    columns = ["Address", "Suite", "City", "State", "Zip"]
    assert list(out.loc[2, columns]) == ["1 Main St", "", "Austin", "TX", "78701"]  # untouched
    for row in (3, 4, 5):  # null, blank, all-null parts: provisioned -> billing address
        assert list(out.loc[row, columns]) == [
            "2200 S Lamar Blvd", "Suite 300", "Austin", "TX", "78704",
        ]  # fmt: skip
    # ported: the LOA in the source's words, the state as its USPS code
    assert list(out.loc[6, columns]) == [
        "77 West Wacker Drive", "Ste. 5", "Chicago", "IL", "60601-1234",
    ]  # fmt: skip
    assert changes_of(result.changes, 3, "City") == [("Round Rock", "Austin", "C4a")]
    assert changes_of(result.changes, 6, "State") == []  # IL already: nothing changed
    assert result.flags[result.flags["Rule"] == "C4a"].empty


def test_an_unreadable_source_is_not_written_into_split_columns_and_is_flagged(tmp_path):
    table = read_csr(write_csv(tmp_path / "csr.csv", STRUCTURED)).frame
    result = fix_csr(
        table,
        customer="Acme",
        port_orders=read_port_orders(pd.DataFrame({"TN": ["2125550199"], "LOA Address": ["x"]})),
        billing_address="Suite 300, the old bank building, Austin",
    )
    out = result.table
    assert list(out.loc[3, SPLIT]) == ["", "Round Rock", "TX", "78664"]  # nothing mixed in
    flags = flags_of(result.flags, 3)
    assert len(flags) == 1 and flags[0].startswith("Address not filled")
    assert "Suite 300, the old bank building, Austin" in flags[0]
    assert not len(changes_of(result.changes, 3, "City"))


def test_a_zip_outside_its_state_is_flagged(tmp_path):
    table = read_csr(write_csv(tmp_path / "csr.csv", STRUCTURED)).frame
    orders = read_port_orders(pd.DataFrame({"TN": ["1"], "LOA Address": ["x"]}))
    wrong = "100 Congress Ave, Austin, TX 10022"
    result = fix_csr(table, customer="Acme", billing_address=wrong, port_orders=orders)
    assert result.table.loc[3, "Zip"] == "10022"  # written as the source says ...
    assert "Filled address: ZIP 10022 is in NY, not TX" in flags_of(result.flags, 3)  # ... flagged


def test_one_line_sheets_get_the_text_as_the_source_wrote_it(tmp_path):
    path = write_xlsx(
        tmp_path / "csr.xlsx",
        [
            ["Phone Number", "Country", "Carrier", "Service Address"],
            ["2125550100", "US", "Bandwidth", None],
            ["2125550101", "US", "Bandwidth", "null"],
            ["2125550102", "US", "Bandwidth", "1 Main St, Austin, TX 78701"],
        ],
    )
    table = read_csr(path).frame
    orders = read_port_orders(pd.DataFrame({"TN": ["2125550199"], "LOA Address": ["x"]}))
    result = fix_csr(table, customer="Acme", port_orders=orders, billing_address=BILLING)
    assert list(result.table["Service Address"]) == [
        BILLING,
        BILLING,
        "1 Main St, Austin, TX 78701",
    ]
    assert result.flags[result.flags["Rule"] == "C4a"].empty
    vague = fix_csr(table, customer="Acme", port_orders=orders, billing_address="9 Bill Rd")
    assert vague.table.loc[2, "Service Address"] == "9 Bill Rd"  # as given ...
    assert any("cannot be read as a US address" in f for f in flags_of(vague.flags, 2))  # flagged


def test_port_orders_split_into_columns_and_written_two_ways(tmp_path):
    orders = read_port_orders_file(
        write_csv(
            tmp_path / "orders.csv",
            "Phone Number,LOA Address,City,State,Zip\n"
            "(212) 555-0102,500 E 6th St,Austin,TX,78701\n"
            "212.555.0102,500 East 6th Street,AUSTIN,Texas,78701-1234\n"  # the same LOA (C4b)
            "(212) 555-0103,501 E 6th St,Austin,TX,78701\n"
            "(212) 555-0103,9 Oak Ave,Austin,TX,78701\n",  # two different LOAs: a conflict
        )
    )
    assert "2125550102" not in orders.conflicts and "2125550103" in orders.conflicts
    table = read_csr(write_csv(tmp_path / "csr.csv", STRUCTURED)).frame
    result = fix_csr(table, customer="Acme", port_orders=orders, billing_address=BILLING)
    # the latest order of 212-555-0102 wins; all four parts come from that one row
    assert list(result.table.loc[4, SPLIT]) == ["500 East 6th Street", "AUSTIN", "TX", "78701-1234"]
    assert result.table.loc[3, "Address"] == "100 Congress Ave"  # no order: provisioned
    assert result.table.loc[5, "Address"] == ""  # the orders disagree: left for a person
    assert "Ported in: the port orders disagree on the LOA address" in flags_of(result.flags, 5)


def test_legacy_csr_addresses_are_checked_too():
    """C7 writes the billing address (or the LOA) as one line: C4a flags what is wrong."""
    table = read_csr(DATA / "legacy_export.csv").frame
    good = build_from_legacy(table, customer="Acme", billing_address=BILLING)
    assert good.flags[good.flags["Rule"] == "C4a"].empty
    wrong = build_from_legacy(table, customer="Acme", billing_address="1 Main St, Austin, TX 10022")
    c4a = wrong.flags[wrong.flags["Rule"] == "C4a"]
    # every row but the one whose number cannot be read (its country is unknown: C3)
    assert len(c4a) == len(table) - 1
    assert set(c4a["Flag"]) == {"Filled address: ZIP 10022 is in NY, not TX"}


def test_present_us_addresses_with_a_zip_outside_their_state_are_flagged(tmp_path):
    csv = STRUCTURED + "2125550105,US,Bandwidth,5 Elm St,,Austin,TX,10022,\n"
    csv += "+52 55 5086 0109,MX,Telmex,Av Reforma 1,,Mexico City,TX,10022,\n"  # C3 clears it
    csv += "2125550106,US,Bandwidth,6 Elm St,,New York,NY,,\n"  # no ZIP: nothing to check
    csv += "2125550107,US,Bandwidth,7 Elm St,,New York,,10022,\n"  # no state: nothing either
    table = read_csr(write_csv(tmp_path / "csr.csv", csv)).frame
    result = fix_csr(table, customer="Acme", billing_address=BILLING)
    assert flags_of(result.flags, 7) == ["Address: ZIP 10022 is in NY, not TX"]
    assert result.table.loc[7, "Zip"] == "10022"  # flagged, never changed
    assert not any("ZIP" in f for f in flags_of(result.flags, 8))
    for row in (2, 9, 10):
        assert not any("ZIP" in f for f in flags_of(result.flags, row))
