"""C2 Replace nulls: Excel's Find & Replace, "match entire cell contents", not case
sensitive, no trimming. Tested on a real CSV and a real workbook."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from lnp_excel.core.csr import replace_nulls
from lnp_excel.core.csr.nulls import NULL_SPELLINGS
from lnp_excel.io.csr_files import read_csr
from tests.core.csr.support import changes_of, read, write_xlsx


def test_null_in_any_case_is_emptied_and_logged():
    table = read("csr_edge.csv")
    step = replace_nulls(table)
    out = step.table
    assert out.loc[3, "Authorized First Name"] == ""  # NULL
    assert out.loc[3, "Authorized Last Name"] == ""  # Null
    assert out.loc[3, "City"] == ""  # null
    assert out.loc[5, "Address"] == ""  # NULL
    assert out.loc[13, "Carrier"] == ""  # null
    assert changes_of(step.changes, 3, "Authorized First Name") == [("NULL", "", "C2")]
    assert changes_of(step.changes, 3, "Authorized Last Name") == [("Null", "", "C2")]
    assert set(step.changes["Rule"]) == {"C2"}
    assert len(step.changes) == 5


def test_cells_that_only_contain_null_are_kept():
    table = read("csr_edge.csv")
    out = replace_nulls(table).table
    assert out.loc[3, "Address"] == "Nullarbor Rd"
    assert out.loc[3, "Contact Email"] == "null@example.com"
    # Excel does not trim: " null " is not the entire cell "null".
    assert out.loc[4, "Contact Email"] == " null "


def test_rows_and_index_are_kept_and_input_untouched():
    table = read("csr_edge.csv")
    before = table.copy()
    out = replace_nulls(table).table
    assert list(out.index) == list(table.index)
    assert list(out.columns) == list(table.columns)
    pd.testing.assert_frame_equal(table, before)


def test_workbook_cells_numbers_and_blanks(tmp_path):
    path = write_xlsx(
        tmp_path / "csr.xlsx",
        [
            ["Phone Number", "Country", "Carrier", "Address", "PIN"],
            [2125550100, "US", "NULL", None, 1234],
            [2125550101, "null", "Bandwidth", "nUlL", None],
        ],
    )
    table = read_csr(path).frame
    step = replace_nulls(table)
    assert step.table.loc[2, "Carrier"] == ""
    assert step.table.loc[3, "Country"] == ""
    assert step.table.loc[3, "Address"] == ""
    assert step.table.loc[2, "PIN"] == 1234  # numbers are never "null"
    assert step.table.loc[2, "Phone Number"] == 2125550100
    assert len(step.changes) == 3


def test_all_sixteen_spellings():
    assert len(set(NULL_SPELLINGS)) == 16
    assert {s.lower() for s in NULL_SPELLINGS} == {"null"}


@given(st.text(max_size=8))
def test_only_whole_cell_null_changes(text):
    table = pd.DataFrame({"Phone Number": ["2125550100"], "Note": [text]}, index=[2])
    out = replace_nulls(table).table.loc[2, "Note"]
    if text.lower() == "null" and text.isascii():
        assert out == ""
    else:
        assert out == text
