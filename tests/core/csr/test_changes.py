"""The shared change log: built vectorized, concatenated, undone and redone."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnp_excel.core.changes import (
    CHANGE_COLUMNS,
    Change,
    as_records,
    changes_from,
    changes_where,
    concat_changes,
    count_by_rule,
    redo_changes,
    undo_changes,
)
from lnp_excel.core.csr import fix_csr
from tests.core.csr.support import read


def test_changes_where_logs_selected_cells_with_sheet_rows():
    old = pd.Series(["a", "null", "b"], index=[2, 3, 4], dtype=object)
    log = changes_where(np.array([False, True, False]), "Address", old, "", "C2")
    assert list(log.columns) == list(CHANGE_COLUMNS)
    assert as_records(log) == [Change(3, "Address", "null", "", "C2")]


def test_records_round_trip_and_concat_order():
    first = changes_from([Change(2, "PIN", "", "8x82125", "C6")])
    second = changes_from([Change(5, "Address", "x", "", "C3")])
    joined = concat_changes([first, changes_from([]), second])
    assert as_records(joined) == [
        Change(2, "PIN", "", "8x82125", "C6"),
        Change(5, "Address", "x", "", "C3"),
    ]
    assert count_by_rule(joined) == {"C6": 1, "C3": 1}


def test_undo_puts_back_every_original_value_and_redo_replays():
    table = read("csr_edge.csv")
    result = fix_csr(table, customer="Acme", billing_address="9 Bill Rd")
    assert len(result.changes) > 10
    undone = undo_changes(result.table, result.changes)
    pd.testing.assert_frame_equal(undone[table.columns], table, check_dtype=False)
    redone = redo_changes(undone, result.changes)
    pd.testing.assert_frame_equal(redone, result.table, check_dtype=False)


def test_a_cell_changed_twice_undoes_to_the_first_old_value():
    table = pd.DataFrame({"Address": ["NULL"]}, index=[2], dtype=object)
    log = changes_from(
        [Change(2, "Address", "NULL", "", "C2"), Change(2, "Address", "", "9 Bill Rd", "C4")]
    )
    current = redo_changes(table, log)
    assert current.loc[2, "Address"] == "9 Bill Rd"
    assert undo_changes(current, log).loc[2, "Address"] == "NULL"
