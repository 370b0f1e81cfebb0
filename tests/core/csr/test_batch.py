"""Billing Telephone Number fill, the main-BTN check and C13 batches."""

from __future__ import annotations

import pandas as pd
import pytest

from lnp_excel.core.csr import (
    apply_to_rows,
    fill_billing_numbers,
    main_btn_flags,
    replace_nulls,
    select_batch,
    set_pins,
)
from lnp_excel.core.errors import InputError
from lnp_excel.io.csr_files import read_csr
from tests.core.csr.support import changes_of, read, write_csv

ACCOUNT = """Phone Number,Country,Carrier,Billing Telephone Number,Address
(212) 555-0100,US,Bandwidth,2125550100,1 Main St
212.555.0101,US,Bandwidth,212-555-0100,1 Main St
2125550102,US,Bandwidth,(212) 555-0100,1 Main St
2125550103,US,Onvoy,2125550103,1 Main St
2125550104,US,Onvoy,,1 Main St
"""


def account(tmp_path) -> pd.DataFrame:
    return read_csr(write_csv(tmp_path / "csr.csv", ACCOUNT)).frame


def test_blank_btn_takes_the_rows_own_number(tmp_path):
    step = fill_billing_numbers(account(tmp_path))
    assert step.table.loc[6, "Billing Telephone Number"] == "2125550104"
    assert changes_of(step.changes, 6, "Billing Telephone Number") == [("", "2125550104", "C5")]
    assert len(step.changes) == 1


def test_null_btn_is_filled_after_c2():
    table = replace_nulls(read("csr_edge.csv")).table
    step = fill_billing_numbers(table)
    assert step.table.loc[5, "Billing Telephone Number"] == "2125550103"
    assert step.table.loc[2, "Billing Telephone Number"] == "2125550100"  # kept


def test_missing_btn_column_is_added(tmp_path):
    path = write_csv(tmp_path / "c.csv", "Phone Number,Carrier\n2125550100,Bandwidth\n")
    step = fill_billing_numbers(read_csr(path).frame)
    assert list(step.table.columns) == ["Phone Number", "Carrier", "Billing Telephone Number"]
    assert step.table.loc[2, "Billing Telephone Number"] == "2125550100"


def test_main_number_leaving_while_others_stay_is_flagged(tmp_path):
    table = account(tmp_path)
    step = select_batch(table, rows=[2, 5])  # the main number 212-555-0100 and 0103 leave
    assert list(step.table.index) == [2, 5]
    [flag] = step.flags.itertuples(index=False)
    assert flag.Row == 2
    assert flag.Flag == "Main billing number leaves: 2 number(s) that stay are billed to it"
    assert "rows 3, 4" in flag._2 and "new Billing Telephone Number" in flag._2
    assert flag.Rule == "C13"


def test_no_flag_when_everyone_billed_to_it_leaves_too(tmp_path):
    table = account(tmp_path)
    assert select_batch(table, rows=[2, 3, 4]).flags.empty
    assert select_batch(table, rows=[3, 4]).flags.empty  # the main number stays
    assert main_btn_flags(table, [True] * 5).empty  # everything leaves


def test_batch_by_number_in_any_format(tmp_path):
    table = account(tmp_path)
    step = select_batch(table, numbers=["212-555-0101", "+1 (212) 555-0102"])
    assert list(step.table.index) == [3, 4]
    assert step.flags.empty


def test_batch_errors_name_what_is_missing(tmp_path):
    table = account(tmp_path)
    with pytest.raises(InputError, match="batch rows not in the table: 99"):
        select_batch(table, rows=[2, 99])
    with pytest.raises(InputError, match="not in the CSR: 3125550100"):
        select_batch(table, numbers=["3125550100"])
    with pytest.raises(InputError, match="cannot be read: call me"):
        select_batch(table, numbers=["call me"])


def test_apply_a_step_to_selected_rows_only():
    table = replace_nulls(read("csr_edge.csv")).table
    step = apply_to_rows(set_pins, table, [2, 3])
    assert list(step.table.index) == list(table.index)
    assert step.table.loc[2, "PIN"] == "8x82125"
    assert step.table.loc[3, "PIN"] == "8x82125"
    assert step.table.loc[4, "PIN"] == ""  # Intelliquent, but not selected
    assert set(step.changes["Row"]) == {2, 3}
