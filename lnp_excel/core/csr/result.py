"""What every CSR step returns: the table, the cells it changed and the rows it flagged.

The Excel ribbon runs one step at a time and appends ``changes`` to its Changes sheet and
``flags`` to its Flags sheet, so each step returns both, never only a new table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lnp_excel.core.changes import concat_changes, constant, empty_changes
from lnp_excel.core.columns import BTN_ALIASES, normalize_header
from lnp_excel.core.csr.common import cell_text
from lnp_excel.core.csr.fields import internal_columns

FLAG_COLUMNS: tuple[str, ...] = ("Row", "Flag", "Next step", "Rule")


def empty_flags() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series([], dtype=object) for name in FLAG_COLUMNS})


def flags_where(
    mask: pd.Series | np.ndarray,
    index: pd.Index,
    flag: str | np.ndarray | pd.Series,
    next_step: str | np.ndarray | pd.Series,
    rule: str,
) -> pd.DataFrame:
    """Flag the rows of ``index`` selected by ``mask``; texts are one value or one per row."""
    selected = np.asarray(mask, dtype=bool)
    if not selected.any():
        return empty_flags()
    count = int(selected.sum())

    def pick(value: str | np.ndarray | pd.Series) -> pd.Series:
        if isinstance(value, pd.Series | np.ndarray):
            return pd.Series(np.asarray(value, dtype=object)[selected], dtype=object)
        return constant(value, count)

    return pd.DataFrame(
        {
            "Row": pd.Series(index[selected], dtype=object),
            "Flag": pick(flag),
            "Next step": pick(next_step),
            "Rule": constant(rule, count),
        }
    )


def file_flag(flag: str, next_step: str, rule: str) -> pd.DataFrame:
    """A flag about the whole file rather than a row (Row is None)."""
    return pd.DataFrame([[None, flag, next_step, rule]], columns=list(FLAG_COLUMNS), dtype=object)


def concat_flags(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    kept = [part for part in parts if part is not None and len(part)]
    if not kept:
        return empty_flags()
    return pd.concat(kept, ignore_index=True).astype(object)


@dataclass
class StepResult:
    """One step's output: ``table`` keeps the input's index (sheet rows) and row count,
    except for a batch (C13) or a build (C5/C7), which say so in their docstrings."""

    table: pd.DataFrame
    changes: pd.DataFrame = field(default_factory=empty_changes)
    flags: pd.DataFrame = field(default_factory=empty_flags)

    @staticmethod
    def of(
        table: pd.DataFrame,
        changes: Iterable[pd.DataFrame] = (),
        flags: Iterable[pd.DataFrame] = (),
    ) -> StepResult:
        return StepResult(table, concat_changes(changes), concat_flags(flags))


def sort_flags(flags: pd.DataFrame) -> pd.DataFrame:
    """File-wide flags first, then by sheet row; steps' order kept within a row."""
    if not len(flags):
        return flags
    file_wide = flags["Row"].isna().to_numpy()
    rows = flags[~file_wide]
    try:
        order = np.argsort(rows["Row"].to_numpy(), kind="stable")
    except TypeError:  # row labels of mixed types: keep the steps' order
        order = np.arange(len(rows))
    return pd.concat([flags[file_wide], rows.iloc[order]], ignore_index=True)


@dataclass
class CsrResult:
    """A corrected or built CSR with everything the agent needs to check it.

    ``table``: the CSR, indexed by the input's sheet rows (same rows and count as the
    input for ``fix_csr`` without a batch). Internal columns (Origin, notes, flags) stay
    here for the review workbook; ``customer_table()`` drops them. ``changes``: every
    changed cell (Row, Column, Old, New, Rule). ``flags``: rows needing a person (Row,
    Flag, Next step, Rule; Row None = the whole file). ``excluded``: input rows not in the
    CSR (C5 statuses, C13 batch) with a Reason, so nothing is lost.
    """

    table: pd.DataFrame
    changes: pd.DataFrame = field(default_factory=empty_changes)
    flags: pd.DataFrame = field(default_factory=empty_flags)
    excluded: pd.DataFrame = field(default_factory=pd.DataFrame)
    customer: str = ""
    customer_columns: tuple[object, ...] | None = None

    def customer_table(self) -> pd.DataFrame:
        """What the customer receives (C8): the CSR columns only, in order, no index."""
        if self.customer_columns is not None:
            columns = [c for c in self.customer_columns if c in self.table.columns]
        else:
            internal = set(internal_columns(list(self.table.columns)))
            columns = [c for c in self.table.columns if c not in internal]
        return self.table[columns].reset_index(drop=True)

    def flagged_rows(self) -> pd.Index:
        rows = self.flags["Row"].dropna()
        return pd.Index(pd.unique(rows.to_numpy(dtype=object)))

    def summary(self) -> str:
        """One line for the ribbon and the terminal: "212 nulls replaced, ... 3 rows flagged"."""
        changes = self.changes
        parts = []
        by_rule = changes["Rule"].value_counts() if len(changes) else pd.Series(dtype=int)

        def cells(rule: str) -> int:
            return int(by_rule.get(rule, 0))

        def rows(rule: str) -> int:
            return int(changes.loc[changes["Rule"] == rule, "Row"].nunique()) if len(changes) else 0

        btn_keys = {normalize_header(alias) for alias in BTN_ALIASES}
        per_column = changes.loc[changes["Rule"] == "C5", "Column"].value_counts()
        btn_cells = int(sum(n for c, n in per_column.items() if normalize_header(c) in btn_keys))
        padded = 0
        if len(changes):  # C4a on a ZIP (or one-line address) that lost its leading zeros
            c4a = changes[changes["Rule"] == "C4a"]
            padded = sum(
                _zeros_added(cell_text(old), cell_text(new))
                for old, new in zip(c4a["Old"], c4a["New"], strict=True)
            )
        for count, one, many in (
            (
                cells("C8"),
                "cell without its control characters",
                "cells without their control characters",
            ),
            (cells("C2"), "null replaced", "nulls replaced"),
            (
                cells("N2c"),
                "international number given back its +",
                "international numbers given back their +",
            ),
            (rows("C3"), "non-US address cleared", "non-US addresses cleared"),
            (cells("C4"), "address filled", "addresses filled"),
            (
                padded,
                "ZIP code given back its leading zeros",
                "ZIP codes given back their leading zeros",
            ),
            (cells("C6"), "PIN set", "PINs set"),
            (btn_cells, "billing number filled", "billing numbers filled"),
            (cells("C7"), "legacy field filled", "legacy fields filled"),
            (len(self.excluded), "row left out", "rows left out"),
        ):
            if count:
                parts.append(f"{count:,} {one if count == 1 else many}")
        flagged = len(self.flagged_rows())
        parts.append(f"{flagged:,} row{'s' if flagged != 1 else ''} flagged")
        notes = int(self.flags["Row"].isna().sum()) if len(self.flags) else 0
        if notes:
            parts.append(f"{notes} note{'s' if notes != 1 else ''} for the whole file")
        return ", ".join(parts)


def _zeros_added(old: str, new: str) -> bool:
    """True when ``new`` is ``old`` with leading zeros put back ("2108" -> "02108")."""
    return bool(old) and len(new) > len(old) and new.replace("0", "") == old.replace("0", "")
