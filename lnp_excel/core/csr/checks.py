"""Rows a CSR must not carry to the carrier as they are: unusable numbers and Excel errors.

The CSR article assumes every row holds a real number; exports made by people and legacy
systems do not. Nothing here changes a cell (the agent decides); each problem becomes a
flag with the reason and the fix, so no row reaches the carrier unexplained:

- a US (or unknown-country) row whose phone number is blank, cannot be read (N2) or
  repeats an earlier row's number (N6); non-US rows are C3's business, not checked here;
- any cell holding an Excel error value (``#N/A``, ``#REF!``, ...): a broken formula in
  the sheet the CSR came from, which would reach the carrier as text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnp_excel.core.columns import COUNTRY_ALIASES, find_column
from lnp_excel.core.csr.common import countries
from lnp_excel.core.csr.fields import number_column
from lnp_excel.core.csr.result import StepResult, concat_flags, flags_where
from lnp_excel.core.errors import EXCEL_ERRORS
from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.settings import Settings

CHECKED_COUNTRIES = frozenset({"US", ""})  # "": unknown (no country, unreadable number)
FIX_NUMBER = "Correct the phone number in the CSR (one number per row) and run again"
FIX_BLANK = "Add the phone number, or delete the row if that number is not porting"
FIX_REPEAT = "Delete the repeated row: a CSR lists each number once"
FIX_ERROR = "Fix the formula in the sheet the CSR came from (or type the value), then run again"


def check_values(
    table: pd.DataFrame, *, settings: Settings | None = None, codes: pd.Series | None = None
) -> StepResult:
    """Flag blank, unreadable and repeated numbers (N2, N6) and Excel error values.

    Flags only: the table comes back unchanged. ``codes`` are the rows' countries when
    the caller already has them (``csr.common.countries``).
    """
    settings = settings or Settings()
    columns = list(table.columns)
    number = number_column(columns)
    flags = [_error_flags(table)]
    if len(table):
        if codes is None:
            country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
            codes = countries(table, number, country, settings)
        checked = np.isin(codes.to_numpy(dtype=object), list(CHECKED_COUNTRIES))
        if checked.any():
            flags.append(_number_flags(table[number][checked], table.index, checked))
    return StepResult(table, flags=concat_flags(flags))


def _number_flags(values: pd.Series, index: pd.Index, checked: np.ndarray) -> pd.DataFrame:
    verdicts = normalize_numbers(values.astype(object))
    status = np.full(len(index), "ok", dtype=object)
    reason = np.full(len(index), "", dtype=object)
    status[checked] = verdicts["status"].to_numpy(dtype=object)
    reason[checked] = verdicts["reason"].to_numpy(dtype=object)
    return concat_flags(
        [
            flags_where(status == "empty", index, "No phone number on this row", FIX_BLANK, "N2"),
            flags_where(
                status == "invalid",
                index,
                _prefixed("Phone number cannot be used: ", reason),
                FIX_NUMBER,
                "N2",
            ),
            flags_where(
                status == "duplicate",
                index,
                _prefixed("Phone number repeated: ", reason),
                FIX_REPEAT,
                "N6",
            ),
        ]
    )


def _error_flags(table: pd.DataFrame) -> pd.DataFrame:
    """One flag per cell holding an Excel error value, naming the column and the error."""
    hits = np.zeros(len(table), dtype=bool)
    texts = np.full(len(table), "", dtype=object)
    for position, column in enumerate(table.columns):
        values = table.iloc[:, position]
        if not (values.dtype == object or isinstance(values.dtype, pd.StringDtype)):
            continue
        hit = values.isin(EXCEL_ERRORS).to_numpy()
        if not hit.any():
            continue
        found = values.to_numpy(dtype=object)[hit]
        texts[hit] = [
            f"{old}; {column!s}: {error}" if old else f"{column!s}: {error}"
            for old, error in zip(texts[hit], found, strict=True)
        ]
        hits |= hit
    if not hits.any():
        return concat_flags([])
    message = np.array([f"Excel error value in the row ({text})" for text in texts], dtype=object)
    return flags_where(hits, table.index, message, FIX_ERROR, "N2")


def _prefixed(prefix: str, reasons: np.ndarray) -> np.ndarray:
    return np.array([prefix + str(reason) for reason in reasons], dtype=object)
