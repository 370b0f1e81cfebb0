"""fix_csr: every step in the article's order, on real CSV and xlsx files; nothing lost."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lnp_excel.core.csr import FLAG_COLUMNS, fix_csr
from lnp_excel.core.errors import InputError
from lnp_excel.io.csr_files import read_csr, read_port_orders_file
from tests.core.csr.support import (
    DATA,
    changes_of,
    flags_of,
    read,
    read_plain,
    write_csv,
    write_xlsx,
)

BILLING = "100 Congress Ave, Austin, TX 78701"


def fixed(**options):
    table = read("csr_edge.csv")
    defaults = dict(
        customer="Acme",
        port_orders=read_port_orders_file(DATA / "port_orders.csv"),
        billing_address=BILLING,
        carrier_lookup=read_plain("carrier_lookup.csv"),
        as_of="2024-06-10",
    )
    return table, fix_csr(table, **{**defaults, **options})


def test_row_count_index_and_input_are_kept():
    table, result = fixed()
    before = read("csr_edge.csv")
    assert len(result.table) == len(table) == 12
    assert list(result.table.index) == list(table.index)
    pd.testing.assert_frame_equal(table, before)


def test_the_corrected_csr():
    _, result = fixed()
    out = result.table
    assert out.loc[3, "Authorized First Name"] == ""  # C2
    assert out.loc[3, "Address"] == "Nullarbor Rd"  # not a null
    assert out.loc[3, "Contact Email"] == "null@example.com"
    # C4: port order LOA, C4a: parsed into the sheet's Address/City/State/Zip
    assert list(out.loc[4, ["Address", "City", "State", "Zip"]]) == [
        "500 E 6th St",
        "Austin",
        "TX",
        "78701",
    ]
    assert out.loc[5, "Address"] == "100 Congress Ave"  # C4: NULL -> provisioned -> billing
    assert out.loc[5, "PIN"] == "4821"  # existing PIN kept
    assert out.loc[2, "PIN"] == "8x82125"
    assert out.loc[9, "Address"] == "" and out.loc[9, "PIN"] == ""  # C3, C6 non-US
    assert out.loc[5, "Billing Telephone Number"] == "2125550103"  # blank BTN filled
    assert changes_of(result.changes, 5, "Address") == [
        ("NULL", "", "C2"),
        ("", "100 Congress Ave", "C4"),
    ]


def test_flags_and_next_steps():
    _, result = fixed()
    assert list(result.flags.columns) == list(FLAG_COLUMNS)
    assert flags_of(result.flags, 9) == [
        "Non-US number (CA): address cleared, carrier record lookup"
    ]
    assert "Customer Support-UK" in result.flags.loc[result.flags["Row"] == 10, "Next step"].item()
    assert flags_of(result.flags, 13) == ["Carrier missing: the PIN cannot be decided"]
    assert result.flags["Row"].dropna().is_monotonic_increasing
    notes = result.flags[result.flags["Row"].isna()]
    assert notes["Flag"].str.contains("Port orders: 1 row").all()  # "not a number" in row 4


def test_summary_line():
    _, result = fixed()
    assert result.summary() == (
        "5 nulls replaced, 3 non-US addresses cleared, 3 addresses filled, 6 PINs set, "
        "1 billing number filled, 4 rows flagged, 1 note for the whole file"
    )


def test_customer_table_has_no_internal_columns():
    _, result = fixed()
    customer = result.customer_table()
    assert "Notes" not in customer.columns
    assert list(customer.columns) == [c for c in result.table.columns if c != "Notes"]
    assert len(customer) == 12


def test_workbook_input_with_other_header_spellings(tmp_path):
    path = write_xlsx(
        tmp_path / "csr.xlsx",
        [
            ["CSR export", None, None, None, None],
            ["phoneNumber", "COUNTRY", "carrier_name", "Service Address", "customerId"],
            [2125550100, "US", "Onvoy, LLC", None, 4471920],
            ["+44 20 7946 0958", "GB", "BT", "675 Creekside Way", 4471920],
        ],
    )
    result = fix_csr(read_csr(path).frame, customer="Acme", billing_address=BILLING)
    out = result.table
    assert list(out.index) == [3, 4]
    assert out.loc[3, "PIN"] == "8x82125"
    assert out.loc[4, "Service Address"] == ""
    assert out.loc[3, "Billing Telephone Number"] == 2125550100


def test_a_batch_keeps_the_chosen_rows_and_lists_the_rest():
    _, result = fixed(batch_rows=[2, 3])
    assert list(result.table.index) == [2, 3]
    assert len(result.excluded) == 10
    assert set(result.excluded["Reason"]) == {"not in the batch the customer ports (C13)"}
    assert flags_of(result.flags, 2)[0].startswith("Main billing number leaves")
    assert set(result.changes["Row"]) <= {2, 3}


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("Phone Number,Carrier,Country\n", "no address column"),
        ("Phone Number,Address,Country\n", "no carrier column"),
        ("Carrier,Address,Country\n", "no phone number column"),
    ],
)
def test_missing_required_column_names_it_and_lists_the_columns(tmp_path, header, missing):
    path = write_csv(tmp_path / "csr.csv", header + "x,y,US\n")
    table = pd.read_csv(path, dtype=object)
    with pytest.raises(InputError) as caught:
        fix_csr(table, customer="Acme")
    assert missing in str(caught.value)
    for column in header.strip().split(","):
        assert f"'{column}'" in str(caught.value)


rows = st.lists(
    st.tuples(
        st.sampled_from(["2125550100", "+44 20 7946 0958", "null", "", "abc", "4165550199"]),
        st.sampled_from(["US", "USA", "CA", "GB", "", "NULL", "Mexico"]),
        st.sampled_from(["Onvoy, LLC", "Bandwidth", "", "null", "INTELIQUENT"]),
        st.sampled_from(["1 Main St", "", "Null", "  ", "Nullarbor Rd"]),
        st.sampled_from(["", "4821", "NULL"]),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_any_table_keeps_its_rows_and_every_change_is_logged(data):
    columns = ["Phone Number", "Country", "Carrier", "Address", "PIN"]
    table = pd.DataFrame(data, columns=columns, index=range(2, len(data) + 2), dtype=object)
    result = fix_csr(table, customer="Acme", billing_address=BILLING)
    assert list(result.table.index) == list(table.index)
    for column in columns:  # every cell that differs is in the log with its old value
        changed = result.table[column].astype(str) != table[column].astype(str)
        logged = result.changes[result.changes["Column"] == column]
        first_old = logged.drop_duplicates("Row").set_index("Row")["Old"]
        assert set(table.index[changed]) <= set(first_old.index)
        for row in table.index[changed]:
            assert first_old[row] == table.loc[row, column]
    kept_pins = table["PIN"] == "4821"
    assert (result.table.loc[kept_pins, "PIN"] == "4821").all()
