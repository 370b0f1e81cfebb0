"""N2c: a CSR opened in Excel and saved lost the '+' of its international numbers; where
the row names its country, the number is written back as E.164 and logged. Tested on a
real CSV and a real workbook, read back through lnp_excel.io."""

from __future__ import annotations

import pandas as pd
import phonenumbers

from lnp_excel.core.csr import fix_csr, restore_plus
from lnp_excel.io.csr_files import read_csr, write_csr_outputs
from tests.core.csr.support import changes_of, write_csv, write_xlsx

HEADER = "Phone Number,Country,Carrier,Account Number,Address,PIN\n"


def test_a_number_that_lost_its_plus_is_written_back_as_e164(tmp_path):
    path = write_csv(
        tmp_path / "csr.csv",
        HEADER
        + "442079460018,GB,BT,4471920,,\n"  # what Excel saved
        + "442079460018,United Kingdom,BT,4471920,,\n"
        + "33 1 42 68 53 00,France,Orange,4471920,,\n"
        + "2125550120,US,Bandwidth,4471920,1 Elm St,\n",
    )
    step = restore_plus(read_csr(path).frame)
    numbers = step.table["Phone Number"].tolist()
    assert numbers == ["+442079460018", "+442079460018", "+33142685300", "2125550120"]
    for number in numbers[:3]:  # what a carrier reads: libphonenumber says valid
        assert phonenumbers.is_valid_number(phonenumbers.parse(number))
    assert changes_of(step.changes, 2, "Phone Number") == [("442079460018", "+442079460018", "N2c")]
    assert set(step.changes["Rule"]) == {"N2c"} and len(step.changes) == 3


def test_only_rows_whose_country_reads_the_number_are_changed(tmp_path):
    rows = [
        ["Phone Number", "Country", "Carrier", "Address"],
        [442079460018, "GB", "BT", None],  # Excel kept it as a number
        ["44207946001", "GB", "BT", None],  # too short for GB: left for the checks
        ["442079460018", None, "BT", None],  # no country: never guessed
        ["442079460018", "FR", "Orange", None],  # France's code is 33, not 44
        ["12125550120", "US", "AT&T", None],  # valid as given
        ["4420794600180", "Narnia", "BT", None],  # not a country
    ]
    table = read_csr(write_xlsx(tmp_path / "csr.xlsx", rows)).frame
    before = table.copy()
    step = restore_plus(table)
    assert step.table.loc[2, "Phone Number"] == "+442079460018"
    assert changes_of(step.changes, 2, "Phone Number") == [(442079460018, "+442079460018", "N2c")]
    assert len(step.changes) == 1
    pd.testing.assert_frame_equal(step.table.drop(index=2), before.drop(index=2))
    pd.testing.assert_frame_equal(table, before)  # the input is never modified


def test_no_country_column_no_change(tmp_path):
    path = write_csv(tmp_path / "csr.csv", "Phone Number,Carrier,Address\n442079460018,BT,\n")
    step = restore_plus(read_csr(path).frame)
    assert step.table["Phone Number"].tolist() == ["442079460018"] and not len(step.changes)


def test_fix_csr_restores_the_plus_before_reading_numbers(tmp_path):
    path = write_csv(
        tmp_path / "csr.csv",
        HEADER
        + "442079460018,GB,BT,4471920,1 Default Way,\n"
        + "2125550120,US,Bandwidth,4471920,100 Congress Ave,\n",
    )
    result = fix_csr(read_csr(path).frame, customer="Acme")
    assert result.table.loc[2, "Phone Number"] == "+442079460018"
    assert changes_of(result.changes, 2, "Phone Number") == [
        ("442079460018", "+442079460018", "N2c")
    ]
    flags = " ".join(result.flags["Flag"])
    assert "cannot be used" not in flags  # the number is read, not flagged as unusable
    assert "UK number" in flags  # C3 sees a UK number and clears its address
    assert result.changes["Rule"].tolist()[0] == "N2c"  # runs before the C3-C6 steps
    assert "1 international number given back its +" in result.summary()


def test_many_rows_one_pass_per_distinct_pair():
    table = pd.DataFrame(
        {
            "Phone Number": ["442079460018", "2125550120", "33142685300"] * 20_000,
            "Country": ["GB", "US", "FR"] * 20_000,
            "Carrier": "BT",
            "Address": "",
        },
        index=range(2, 60_002),
    )
    step = restore_plus(table)
    assert len(step.changes) == 40_000
    assert step.table["Phone Number"].value_counts()["+442079460018"] == 20_000


def test_the_billing_number_gets_its_plus_back_too(tmp_path):
    """N2c covers every phone-number column of the row: number and BTN alike."""
    rows = [
        ["TN", "BTN", "Country", "Carrier", "Address"],
        [33142685300, 33142685300, "France", "Orange", None],  # typed as numbers
        ["33142685301", "33142685300", "FR", "Orange", None],  # billed to the row above
        ["2125550120", "12125550120", "US", "Bandwidth", "1 Elm St"],  # NANP: left alone
    ]
    path = write_xlsx(tmp_path / "csr.xlsx", rows)
    result = fix_csr(read_csr(path).frame, customer="Acme")
    table = result.table
    assert table["TN"].tolist()[:2] == ["+33142685300", "+33142685301"]
    assert table["BTN"].tolist() == ["+33142685300", "+33142685300", "12125550120"]
    assert changes_of(result.changes, 3, "BTN") == [("33142685300", "+33142685300", "N2c")]
    assert changes_of(result.changes, 2, "BTN") == [(33142685300, "+33142685300", "N2c")]
    written = write_csr_outputs(result, tmp_path / "out", review=False)
    customer = pd.read_csv(written[0], dtype=str, encoding="utf-8-sig")
    assert customer["BTN"].str.startswith("+").tolist() == [True, True, False]
