"""The one-line summary of a normalized table, shown by the terminal and the status bar."""

from __future__ import annotations

import pandas as pd

from lnp_excel.core.columns import added_column
from lnp_excel.core.numbers.engine import DISPLAY_COLUMNS, DUPLICATE, EMPTY, INVALID, OK
from lnp_excel.core.values import plural


def engine_column(table: pd.DataFrame, name: str) -> str:
    """The engine's own column ``name`` ("Status") in a ``normalized_table`` result.

    When the customer's sheet has a column of that name, the engine's is
    "Status (lnp)": counting the customer's would count their words, not our verdicts.
    """
    return added_column(list(table.columns), name)


def summary_line(table: pd.DataFrame, column: object | None = None) -> str:
    """ "12 numbers normalized from 'Phone': 9 ok, 2 invalid, 1 duplicate" (N1-N6)."""
    counts = table[engine_column(table, DISPLAY_COLUMNS["status"])].value_counts()
    parts = [f"{int(counts[s]):,} {s}" for s in (OK, INVALID, DUPLICATE, EMPTY) if counts.get(s, 0)]
    source = f" from '{column}'" if column is not None else ""
    return f"{plural(len(table), 'number')} normalized{source}: " + (", ".join(parts) or "none")
