"""What Excel did to a CSR it opened from CSV, put back as the file's text (X1, X3).

Excel types every CSV field as if typed into a General cell: ``+16175550166`` becomes the
number 16175550166, ZIP ``02134`` becomes 2134, account ``0044719`` becomes 44719, and the
customer CSV would then say ``16175550166.0``. The add-in's first read of such a sheet
turns those numbers back into text, in the columns whose meaning is an identifier only
(issue 17 s2): phone numbers and billing numbers of 11 digits or more get the ``+`` Excel
removed (E.164 has a country code; a 10-digit North American number had none), US ZIP codes
their leading zeros (5 digits, or 9 for ZIP+4), account numbers their digits (their leading
zeros cannot be known and are not guessed). A count, an amount, any other column, and any
cell holding a formula (the agent's ``=LEN(C2)``) keep their numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnp_excel.core.changes import changes_where, concat_changes
from lnp_excel.core.columns import (
    ACCOUNT_ALIASES,
    BTN_ALIASES,
    COUNTRY_ALIASES,
    NUMBER_ALIASES,
    ZIP_ALIASES,
    find_column,
)
from lnp_excel.core.csr.common import countries
from lnp_excel.core.settings import Settings

RULE = "X1"
_US = {"US", ""}  # a blank country that the number cannot tell either is read as US (C3)


def excel_typing_changes(
    table: pd.DataFrame,
    settings: Settings | None = None,
    formulas: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The changes (Row, Column, Old, New, Rule) that put Excel's numbers back as text.

    ``formulas``: True where a cell holds a formula (same index and columns as ``table``);
    those cells are never touched.
    """
    settings = settings or Settings()
    columns = list(table.columns)
    number = find_column(columns, NUMBER_ALIASES, role="phone number", required=False)
    phones = {c for c in (number, *_all(columns, BTN_ALIASES)) if c is not None}
    zips = set(_all(columns, ZIP_ALIASES))
    identifiers = phones | zips | set(_all(columns, ACCOUNT_ALIASES))
    us = None
    if zips and number is not None:
        country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
        us = countries(table, number, country, settings).isin(_US).to_numpy()
    found = []
    for column in [c for c in columns if c in identifiers]:
        values = table[column]
        whole = _whole_numbers(values)
        if formulas is not None and column in formulas:
            whole &= ~formulas[column].to_numpy(dtype=bool)
        if not whole.any():
            continue
        digits = pd.Series(
            [str(int(v)) if w else None for v, w in zip(values, whole, strict=True)],
            index=values.index,
            dtype=object,
        )
        if column in phones:
            long = digits.str.len().fillna(0).to_numpy() >= 11
            new = digits.where(~long, "+" + digits)
        elif column in zips and us is not None:
            width = np.where(digits.str.len().fillna(0).to_numpy() > 5, 9, 5)
            pairs = zip(digits, width, strict=True)
            padded = [d.zfill(w) if d is not None else None for d, w in pairs]
            new = digits.where(~us, pd.Series(padded, index=values.index, dtype=object))
        else:
            new = digits
        found.append(changes_where(whole, column, values, new, RULE))
    return concat_changes(found)


def _all(columns: list[object], aliases: tuple[str, ...]) -> list[object]:
    wanted = {alias.casefold() for alias in aliases}
    return [c for c in columns if isinstance(c, str) and c.strip().casefold() in wanted]


def _whole_numbers(values: pd.Series) -> np.ndarray:
    """Cells holding a number with no fraction (not a bool): what Excel made of digits."""
    return np.array(
        [
            isinstance(v, (int, float, np.integer, np.floating))
            and not isinstance(v, (bool, np.bool_))
            and v == v
            and abs(v) < 1e15
            and float(v).is_integer()
            and v >= 0
            for v in values.to_numpy(dtype=object)
        ],
        dtype=bool,
    )
