"""Reading the planner's inputs: which columns hold numbers and carriers.

Pure (no files): the shells hand in the table they read; errors are InputErrors naming the
column, which the shells locate in the file and sheet.
"""

from __future__ import annotations

import pandas as pd

from lnp_excel.core.columns import CARRIER_ALIASES, NUMBER_ALIASES, find_column, normalize_header
from lnp_excel.core.errors import InputError


def _named(columns: list[object], wanted: str, role: str) -> object:
    """A column the user named: exact, else compared like headers ("phone #" = "Phone")."""
    if wanted in columns:
        return wanted
    key = normalize_header(wanted)
    hits = [c for c in columns if normalize_header(c) == key]
    if len(hits) == 1:
        return hits[0]
    found = ", ".join(f"'{c}'" for c in columns) or "none"
    raise InputError(
        f"no {role} column named '{wanted}'; found columns: {found}", column=str(wanted)
    )


def find_columns(
    table: object, number_column: str | None, carrier_column: str | None
) -> tuple[pd.Series, pd.Series | None, str | None, str | None]:
    """(numbers, carriers or None, their column names): named columns first, else by alias.

    The carrier column is optional (P3: numbers without one are planned as unknown).
    """
    if isinstance(table, pd.Series):
        return table, None, table.name if isinstance(table.name, str) else None, None
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"expected a table of numbers, got {type(table).__name__}")
    columns = list(table.columns)
    if number_column is not None:
        number = _named(columns, number_column, "phone number")
    else:
        number = find_column(columns, NUMBER_ALIASES, role="phone number")
    if carrier_column is not None:
        carrier = _named(columns, carrier_column, "carrier")
    else:
        rest = [c for c in columns if c != number]
        carrier = find_column(rest, CARRIER_ALIASES, role="carrier", required=False)
    numbers = table[number]
    if isinstance(numbers, pd.DataFrame):  # duplicate header names
        raise InputError("two columns share the phone number header", column=str(number))
    carriers = None if carrier is None else table[carrier]
    return numbers, carriers, str(number), None if carrier is None else str(carrier)
