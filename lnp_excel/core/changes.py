"""The change log every action keeps: which cell changed, from what, to what, by which rule.

"Never lose an agent's data": each correction is recorded as (Row, Column, Old, New, Rule)
so the review workbook can show it, the Excel layer can fill its Changes sheet, and an undo
can put every old value back. A million ``Change`` objects would cost seconds, so the log
is kept as DataFrames built column-wise from a mask and concatenated; ``Change`` is the
one-row view for code that handles a few changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

CHANGE_COLUMNS: tuple[str, ...] = ("Row", "Column", "Old", "New", "Rule")


@dataclass(frozen=True)
class Change:
    """One changed cell. ``row`` is the frame's index label, i.e. the sheet row the user sees."""

    row: object
    column: str
    old: object
    new: object
    rule: str


def empty_changes() -> pd.DataFrame:
    """A log with no rows and the standard columns (object dtype, so concat keeps values)."""
    return pd.DataFrame({name: pd.Series([], dtype=object) for name in CHANGE_COLUMNS})


def changes_where(
    mask: pd.Series | np.ndarray,
    column: object,
    old: pd.Series,
    new: pd.Series | object,
    rule: str,
) -> pd.DataFrame:
    """Log the cells of ``column`` selected by ``mask`` (vectorized; no per-row objects).

    ``old`` is the column before the step (its index gives the rows); ``new`` is the column
    after it, or one value written to every selected cell.
    """
    selected = np.asarray(mask, dtype=bool)
    if not selected.any():
        return empty_changes()
    rows = old.index[selected]
    before = old.to_numpy(dtype=object)[selected]
    if isinstance(new, pd.Series):
        after = new.to_numpy(dtype=object)[selected]
    else:
        after = np.full(len(rows), new, dtype=object)
    return pd.DataFrame(
        {
            "Row": pd.Series(rows, dtype=object),
            "Column": constant(str(column), len(rows)),
            "Old": pd.Series(before, dtype=object),
            "New": pd.Series(after, dtype=object),
            "Rule": constant(rule, len(rows)),
        }
    )


def constant(value: str, count: int) -> pd.Series:
    """One text repeated: a categorical (one byte a row), not a million object pointers."""
    codes = np.zeros(count, dtype=np.int8)
    return pd.Series(pd.Categorical.from_codes(codes, categories=[value]))


def changes_from(records: Iterable[Change]) -> pd.DataFrame:
    """A log from a few ``Change`` objects (tests, the Excel layer's single-cell edits)."""
    rows = [(c.row, c.column, c.old, c.new, c.rule) for c in records]
    if not rows:
        return empty_changes()
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS), dtype=object)


def as_records(changes: pd.DataFrame) -> list[Change]:
    """The log as ``Change`` objects, in order (for small logs only)."""
    return [Change(*values) for values in changes[list(CHANGE_COLUMNS)].itertuples(index=False)]


def concat_changes(logs: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Join logs in the order the steps ran; empty logs are skipped."""
    parts = [log for log in logs if log is not None and len(log)]
    if not parts:
        return empty_changes()
    joined = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return joined.reset_index(drop=True).astype(object)


def undo_changes(table: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Put back the value each changed cell had before the first logged change.

    Rows or columns that are no longer in ``table`` are skipped (a batch may have dropped
    them); columns a step added stay, emptied back to their logged old value.
    """
    return _write_back(table, changes, keep="first", value="Old", add_columns=False)


def redo_changes(table: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Apply a log again (the last logged value of each cell wins); missing columns are added."""
    return _write_back(table, changes, keep="last", value="New", add_columns=True)


def _write_back(
    table: pd.DataFrame, changes: pd.DataFrame, *, keep: str, value: str, add_columns: bool
) -> pd.DataFrame:
    """Put one logged value per cell (the first or last logged) back into a copy."""
    out = table.copy()
    if not len(changes):
        return out
    chosen = changes.drop_duplicates(subset=["Row", "Column"], keep=keep)
    for column, part in chosen.groupby("Column", sort=False):
        if column not in out.columns:
            if not add_columns:
                continue
            out[column] = pd.Series("", index=out.index, dtype=object)
        present = part["Row"].isin(out.index).to_numpy()
        rows = part["Row"].to_numpy(dtype=object)[present]
        if not len(rows):
            continue
        values = out[column].astype(object)
        values.loc[list(rows)] = part[value].to_numpy(dtype=object)[present]
        out[column] = values
    return out


def count_by_rule(changes: pd.DataFrame) -> dict[str, int]:
    """Changed cells per rule id, for one-line summaries."""
    if not len(changes):
        return {}
    return {str(k): int(v) for k, v in changes["Rule"].value_counts(sort=False).items()}
