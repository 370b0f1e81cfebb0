"""Billing Telephone Number: fill blanks with the row's own number, and the main-BTN check.

Fill (C5's logic table: "Billing Telephone number: copy the value from phoneNumber"): a
blank BTN takes the row's phone number exactly as written. A table without a BTN column
gets one.

Main-BTN check (issue #4, beyond the article): when the customer ports a batch (C13) and
the number other rows are billed to is among the numbers leaving while those rows stay,
the staying numbers lose their billing number. The leaving row is flagged so the agent
asks the customer which staying number becomes the new Billing Telephone Number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnp_excel.core.changes import changes_where
from lnp_excel.core.columns import BTN_ALIASES, find_column
from lnp_excel.core.csr.common import is_blank, number_keys
from lnp_excel.core.csr.fields import BTN, number_column
from lnp_excel.core.csr.result import StepResult, empty_flags, flags_where
from lnp_excel.core.settings import Settings

ROWS_NAMED = 5  # staying rows listed by number in a main-BTN flag


def fill_billing_numbers(table: pd.DataFrame, *, settings: Settings | None = None) -> StepResult:
    """Copy each row's phone number into its blank Billing Telephone Number (C5)."""
    del settings  # no constant applies; the parameter keeps the step signature
    columns = list(table.columns)
    number = number_column(columns)
    btn = find_column(columns, BTN_ALIASES, role="billing telephone number", required=False)
    numbers = table[number].astype(object)
    out = table.copy(deep=False)
    if btn is None:
        old = pd.Series("", index=table.index, dtype=object)
        btn = BTN
    else:
        old = table[btn].astype(object)
    give = is_blank(old)
    if give.any():
        give[give] = ~is_blank(numbers[give])
    if btn not in table.columns or give.any():
        out[btn] = old.mask(give, numbers)
    return StepResult.of(out, [changes_where(give, btn, old, numbers, "C5")])


def main_btn_flags(table: pd.DataFrame, leaving: np.ndarray) -> pd.DataFrame:
    """Flag leaving rows whose number is the billing number of rows that stay (C13)."""
    columns = list(table.columns)
    btn = find_column(columns, BTN_ALIASES, role="billing telephone number", required=False)
    leaving = np.asarray(leaving, dtype=bool)
    if btn is None or leaving.all() or not leaving.any():
        return empty_flags()
    number = number_column(columns)
    staying_btn = number_keys(table[btn][~leaving])
    staying_own = number_keys(table[number][~leaving])
    billed_elsewhere = staying_btn[(staying_btn != "") & (staying_btn != staying_own)]
    if billed_elsewhere.empty:
        return empty_flags()
    leaving_keys = number_keys(table[number][leaving])
    hit = (
        leaving_keys.isin(billed_elsewhere.to_numpy()).to_numpy() & (leaving_keys != "").to_numpy()
    )
    if not hit.any():
        return empty_flags()
    rows_by_key = {
        key: list(group.index)
        for key, group in billed_elsewhere.groupby(billed_elsewhere, sort=False)
    }
    texts, steps = [], []
    for key in leaving_keys[hit]:  # one entry per main number leaving: a handful
        rows = rows_by_key[key]
        named = ", ".join(str(r) for r in rows[:ROWS_NAMED])
        more = f" and {len(rows) - ROWS_NAMED} more" if len(rows) > ROWS_NAMED else ""
        texts.append(
            f"Main billing number leaves: {len(rows)} number(s) that stay are billed to it"
        )
        steps.append(
            f"The numbers that stay (rows {named}{more}) need a new Billing Telephone Number: "
            "ask the customer which number becomes the main number"
        )
    positions = np.flatnonzero(leaving)[hit]
    mask = np.zeros(len(table), dtype=bool)
    mask[positions] = True
    text_column = np.full(len(table), "", dtype=object)
    step_column = np.full(len(table), "", dtype=object)
    text_column[positions] = texts
    step_column[positions] = steps
    return flags_where(mask, table.index, text_column, step_column, "C13")
