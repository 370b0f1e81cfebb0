"""The change log every step keeps, and the journal that makes Undo exact (X1, X2).

"Never lose an agent's data": each correction is recorded as (Row, Column, Old, New, Rule)
(``CHANGE_COLUMNS``) so the review workbook can show it and the Excel layer can apply it.
A million per-change objects would cost seconds, so the log is kept as DataFrames built
column-wise from a mask and concatenated.

A workbook action turns a step's log into journal rows (``JOURNAL_COLUMNS``, the Changes
sheet): the same change with the action, the sheet cell, and what the cell held before
(its value, formula and fill), so ``undo_plan`` can put back exactly what was there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

CHANGE_COLUMNS: tuple[str, ...] = ("Row", "Column", "Old", "New", "Rule")
JOURNAL_COLUMNS: tuple[str, ...] = (
    "Action #",
    "Action",
    "Sheet",
    "Cell",
    "Row",
    "Column",
    "Old",
    "New",
    "Rule",
    "Old formula",
    "Old fill",
)
WHOLE_SHEET = "*"  # a journal row for a sheet replaced whole (restored from its backup)
CellBefore = tuple[object, "str | None", "str | None"]  # value shown, formula, fill "#RRGGBB"


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


def concat_changes(logs: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Join logs in the order the steps ran; empty logs are skipped."""
    parts = [log for log in logs if log is not None and len(log)]
    if not parts:
        return empty_changes()
    joined = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return joined.reset_index(drop=True).astype(object)


def next_action_number(journal: pd.DataFrame) -> int:
    """The number the next action's journal rows get (1 for an empty journal)."""
    numbers = pd.to_numeric(journal["Action #"], errors="coerce") if len(journal) else None
    return 1 if numbers is None or numbers.isna().all() else int(numbers.max()) + 1


def journal_rows(
    changes: pd.DataFrame,
    *,
    number: int,
    label: str,
    sheet: str,
    cells: Sequence[str],
    before: Mapping[str, CellBefore],
) -> pd.DataFrame:
    """Journal rows for a step log applied to ``sheet``; ``cells[i]`` is change i's address.

    The first change of a cell records what the sheet held (``before``: value, formula,
    fill); a later change of the same cell records the value the earlier one left, so
    replaying the rows newest first restores each cell, however often it changed (X2).
    """
    current: dict[str, object] = {}
    old, formulas, fills = [], [], []
    for cell, new in zip(cells, changes["New"], strict=True):
        value, formula, fill = before.get(cell, (None, None, None))
        if cell in current:
            value, formula = current[cell], None
        old.append(value)
        formulas.append(formula)
        fills.append(fill)
        current[cell] = new
    count = len(cells)
    return pd.DataFrame(
        {
            "Action #": [number] * count,
            "Action": [label] * count,
            "Sheet": [sheet] * count,
            "Cell": list(cells),
            "Row": changes["Row"].to_numpy(dtype=object),
            "Column": changes["Column"].to_numpy(dtype=object),
            "Old": old,
            "New": changes["New"].to_numpy(dtype=object),
            "Rule": changes["Rule"].to_numpy(dtype=object),
            "Old formula": formulas,
            "Old fill": fills,
        },
        columns=list(JOURNAL_COLUMNS),
        dtype=object,
    )


@dataclass(frozen=True)
class UndoPlan:
    """What undoing the journal's last action means: the cells to put back and the rows to
    drop from the journal. Pure data; the Excel layer applies it."""

    number: int
    label: str
    cells: dict[tuple[str, str], CellBefore] = field(default_factory=dict)  # (sheet, cell)
    sheets: list[str] = field(default_factory=list)  # replaced whole: restore from backup
    undone: list[int] = field(default_factory=list)  # journal row positions (0-based)


def undo_plan(journal: pd.DataFrame) -> UndoPlan | None:
    """The last action's journal rows replayed newest first: each cell ends as it was.

    None when the journal is empty.
    """
    numbers = pd.to_numeric(journal["Action #"], errors="coerce") if len(journal) else None
    if numbers is None or numbers.isna().all():
        return None
    last = numbers.max()
    positions = [int(p) for p in np.flatnonzero((numbers == last).to_numpy())]
    rows = journal.iloc[positions][list(JOURNAL_COLUMNS)]
    plan = UndoPlan(number=int(last), label=str(rows["Action"].iloc[0]), undone=positions)
    for row in reversed(list(rows.itertuples(index=False))):
        sheet, cell = str(row[2]), str(row[3])
        if cell == WHOLE_SHEET:
            if sheet not in plan.sheets:
                plan.sheets.append(sheet)
            continue
        formula, fill = row[9], row[10]
        plan.cells[(sheet, cell)] = (
            row[6],
            str(formula) if _given(formula) else None,
            str(fill) if _given(fill) else None,
        )
    return plan


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and value != value) and value != ""
