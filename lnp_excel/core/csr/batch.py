"""C13: the customer may port all numbers or a batch; a selection of rows is processed alone.

Two uses, both keeping the sheet's row labels:

- ``select_batch``: the CSR for a batch holds only the chosen rows (by sheet row or by
  phone number). The rows left out are not lost: the input file is untouched and
  ``CsrResult.excluded`` lists them. The main-BTN check runs here, because only a batch can
  take away the billing number of numbers that stay.
- ``apply_to_rows``: run one step (the ribbon's buttons) on the selected rows; the other
  rows come back exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from lnp_excel.core.csr.btn import main_btn_flags
from lnp_excel.core.csr.common import number_keys
from lnp_excel.core.csr.fields import number_column
from lnp_excel.core.csr.result import StepResult
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings


def batch_mask(
    table: pd.DataFrame,
    *,
    rows: Iterable[object] | None = None,
    numbers: Iterable[object] | None = None,
) -> np.ndarray:
    """The rows chosen by sheet row label and/or by phone number (any format, N1).

    A row or number that is not in the table is an error naming it: a batch that silently
    misses a number would send the customer an incomplete CSR.
    """
    chosen = np.zeros(len(table), dtype=bool)
    if rows is not None:
        wanted = list(rows)
        present = pd.Index(wanted).isin(table.index)
        if not present.all():
            missing = [str(r) for r, ok in zip(wanted, present, strict=True) if not ok]
            raise InputError(
                f"batch rows not in the table: {', '.join(missing[:10])}"
                + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            )
        chosen |= table.index.isin(wanted)
    if numbers is not None:
        wanted_numbers = pd.Series(list(numbers), dtype=object)
        wanted_keys = number_keys(wanted_numbers)
        unreadable = wanted_numbers[(wanted_keys == "").to_numpy()]
        if len(unreadable):
            raise InputError(
                f"batch numbers that cannot be read: {', '.join(map(str, unreadable[:10]))}"
            )
        keys = number_keys(table[number_column(list(table.columns))])
        found = wanted_keys.isin(keys.to_numpy())
        if not found.all():
            missing = wanted_numbers[~found.to_numpy()]
            raise InputError(
                f"batch numbers not in the CSR: {', '.join(map(str, missing[:10]))}"
                + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            )
        chosen |= keys.isin(wanted_keys.to_numpy()).to_numpy()
    return chosen


def select_batch(
    table: pd.DataFrame,
    *,
    rows: Iterable[object] | None = None,
    numbers: Iterable[object] | None = None,
    settings: Settings | None = None,
) -> StepResult:
    """Keep only the batch's rows (C13) and flag a main billing number that leaves.

    The returned table has fewer rows than the input by design; no cell is changed.
    """
    del settings
    if rows is None and numbers is None:
        return StepResult(table)
    chosen = batch_mask(table, rows=rows, numbers=numbers)
    if not chosen.any():
        raise InputError("the batch selects no rows")
    flags = main_btn_flags(table, chosen)
    return StepResult.of(table[chosen], flags=[flags])


def apply_to_rows(
    step: Callable[..., StepResult],
    table: pd.DataFrame,
    rows: Iterable[object],
    **options: object,
) -> StepResult:
    """Run ``step`` on the selected rows only; the other rows are returned untouched (C13)."""
    chosen = table.index.isin(list(rows))
    part = step(table[chosen], **options)
    out = table.copy()
    for column in part.table.columns:
        if column not in out.columns:
            out[column] = pd.Series("", index=out.index, dtype=object)
        values = out[column].astype(object)
        values.loc[part.table.index] = part.table[column].astype(object)
        out[column] = values
    return StepResult(out, part.changes, part.flags)
