"""The shared change log (built vectorized, concatenated) and the journal Undo replays (X2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lnp_excel.core.changes import (
    CHANGE_COLUMNS,
    changes_where,
    concat_changes,
    empty_changes,
    journal_rows,
    next_action_number,
    undo_plan,
)
from lnp_excel.core.csr import fix_csr
from tests.core.csr.support import read


@dataclass(frozen=True)
class Change:
    """One changed cell, as a test writes it: ``row`` is the sheet row the user sees."""

    row: object
    column: str
    old: object
    new: object
    rule: str


def changes_from(records: Iterable[Change]) -> pd.DataFrame:
    """A log from a few ``Change`` objects, with the columns the package's logs have."""
    rows = [(c.row, c.column, c.old, c.new, c.rule) for c in records]
    if not rows:
        return empty_changes()
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS), dtype=object)


def as_records(changes: pd.DataFrame) -> list[Change]:
    """The log as ``Change`` objects, in order."""
    return [Change(*values) for values in changes[list(CHANGE_COLUMNS)].itertuples(index=False)]


def count_by_rule(changes: pd.DataFrame) -> dict[str, int]:
    """Changed cells per rule id."""
    if not len(changes):
        return {}
    return {str(k): int(v) for k, v in changes["Rule"].value_counts(sort=False).items()}


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


def undo(table: pd.DataFrame, changes: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """Apply the undo plan of one journaled action to ``table`` (cells named column|row)."""
    cells = [f"{c}|{r}" for r, c in zip(changes["Row"], changes["Column"], strict=True)]
    held = {
        cell: (before.loc[int(cell.split("|")[1]), cell.split("|")[0]], None, None)
        for cell in cells
    }
    journal = journal_rows(changes, number=1, label="fix", sheet="CSR", cells=cells, before=held)
    plan = undo_plan(journal)
    assert plan is not None and plan.undone == list(range(len(journal)))
    out = table.copy()
    for (_, cell), (value, _, _) in plan.cells.items():
        column, row = cell.split("|")
        out.loc[int(row), column] = value
    return out


def test_undo_plan_puts_back_every_original_value():
    """X2: fix_csr changes many cells; the plan restores each one."""
    table = read("csr_edge.csv")
    result = fix_csr(table, customer="Acme", billing_address="9 Bill Rd")
    assert len(result.changes) > 10
    undone = undo(result.table, result.changes[result.changes["Column"].isin(table.columns)], table)
    pd.testing.assert_frame_equal(undone[table.columns], table, check_dtype=False)


def test_a_cell_changed_twice_undoes_to_the_first_old_value_with_its_formula():
    log = changes_from(
        [Change(2, "Address", "NULL", "", "C2"), Change(2, "Address", "", "9 Bill Rd", "C4")]
    )
    before = {"D2": ("NULL", '="NULL"', "#FFFF00")}
    journal = journal_rows(
        log, number=3, label="Run all", sheet="CSR", cells=["D2", "D2"], before=before
    )
    assert journal["Old"].tolist() == ["NULL", ""]
    assert journal["Old formula"].tolist() == ['="NULL"', None]
    plan = undo_plan(journal)
    assert plan is not None and plan.label == "Run all" and plan.number == 3
    assert plan.cells == {("CSR", "D2"): ("NULL", '="NULL"', "#FFFF00")}
    assert next_action_number(journal) == 4


def test_undo_plan_takes_only_the_last_action_and_nothing_when_empty():
    first = journal_rows(
        changes_from([Change(2, "PIN", "", "1", "C6")]),
        number=1,
        label="a",
        sheet="S",
        cells=["E2"],
        before={},
    )
    second = journal_rows(
        changes_from([Change(2, "PIN", "1", "2", "C6")]),
        number=2,
        label="b",
        sheet="S",
        cells=["E2"],
        before={"E2": ("1", None, None)},
    )
    plan = undo_plan(pd.concat([first, second], ignore_index=True))
    assert (
        plan is not None and plan.undone == [1] and plan.cells == {("S", "E2"): ("1", None, None)}
    )
    assert undo_plan(first.iloc[:0]) is None
