"""N2c: give back the ``+`` Excel took from an international number.

Excel reads ``+442079460018`` in a CSV as the number 442079460018 and saves it without the
``+``; no carrier can read that. Where the row names its country, a number that is not
valid as it stands but is a valid number of that country once read as E.164 (it starts
with the country's calling code) is written back as E.164 and logged as a change (Row,
Column, Old, New, Rule ``N2c``), in every phone-number column of the row (the number and
its Billing Telephone Number alike). Everything else is left as it is for the later checks.
The engine runs twice, each time once per distinct (number, country) pair.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import phonenumbers

from lnp_excel.core.changes import changes_where
from lnp_excel.core.columns import (
    COUNTRY_ALIASES,
    NUMBER_ALIASES,
    PLAN_BTN_ALIASES,
    find_column,
)
from lnp_excel.core.csr.common import country_code, map_distinct
from lnp_excel.core.csr.fields import named, number_column
from lnp_excel.core.csr.result import StepResult
from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.numbers.text import as_texts
from lnp_excel.core.settings import Settings

RULE = "N2c"
_FORMATTING = str.maketrans("", "", " -.()\u00a0")


def restore_plus(table: pd.DataFrame, *, settings: Settings | None = None) -> StepResult:
    """Numbers that lost their ``+`` written back as E.164 where the row has a country.

    Every phone-number column of the row is read (the number, the Billing Telephone
    Number, any other column named like a phone number): a BTN beside a restored number
    must not stay without its ``+``. A table without a country column, or rows with a
    blank or unknown country, are not touched: the number alone cannot say which country
    it belongs to (N2: never guessed).
    """
    settings = settings or Settings()
    columns = list(table.columns)
    phone_columns = phone_number_columns(columns)
    country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
    if country is None or not len(table):
        return StepResult(table)
    regions = map_distinct(table[country], lambda v: country_code(v, settings))
    region_codes, distinct_regions = pd.factorize(pd.Series(regions, dtype=object))
    # NANP rows never change (+1 and 1 read the same) and unknown countries are skipped,
    # so a US CSR costs one hash pass per column; the rest is read once per distinct pair.
    calling = np.array([_calling_code(r) for r in distinct_regions] + [0], dtype=np.int64)
    out = table
    changes = []
    for column in phone_columns:
        position = columns.index(column)
        values = table.iloc[:, position]
        new = _restored(values, region_codes, len(distinct_regions), calling)
        changed = new != ""
        if not changed.any():
            continue
        if out is table:
            out = table.copy(deep=False)
        written = values.astype(object).where(~changed, pd.Series(new, index=values.index))
        out.isetitem(position, written)
        changes.append(changes_where(changed, column, values, written, RULE))
    return StepResult.of(out, changes)


def phone_number_columns(columns: list[object]) -> list[object]:
    """The row's own number column first, then every other column named like a phone
    number or a billing number (BTN)."""
    own = number_column(columns)
    others = named(columns, (*NUMBER_ALIASES, *PLAN_BTN_ALIASES))
    return [own, *(c for c in others if c != own)]


def _restored(
    values: pd.Series, region_codes: np.ndarray, regions: int, calling: np.ndarray
) -> np.ndarray:
    """Per row, the E.164 text of a number that lost its ``+`` ("" where nothing changes)."""
    value_codes, distinct_values = pd.factorize(values.astype(object), use_na_sentinel=True)
    pair_codes, pairs = pd.factorize(value_codes * (regions + 1) + region_codes)
    pair_value = pairs // (regions + 1)
    pair_region = pairs % (regions + 1)
    chosen = np.flatnonzero((pair_value >= 0) & (calling[pair_region] > 1))
    texts, refused = as_texts(pd.Series(np.asarray(distinct_values, dtype=object), dtype=object))
    fixed = np.full(len(pairs), "", dtype=object)
    candidates = []
    for i in chosen.tolist():
        value = int(pair_value[i])
        digits = str(texts[value]).strip().translate(_FORMATTING)
        code = str(calling[pair_region[i]])
        if not refused[value] and digits.isdigit() and digits.startswith(code):
            candidates.append((i, value, digits))
    if not candidates:
        return np.full(len(values), "", dtype=object)
    given = normalize_numbers(
        pd.Series([distinct_values[v] for _, v, _ in candidates], dtype=object)
    )
    as_e164 = normalize_numbers(pd.Series([f"+{d}" for _, _, d in candidates], dtype=object))
    for (i, _, _), before, after in zip(
        candidates, given["number"].tolist(), as_e164["number"].tolist(), strict=True
    ):
        if not before and after:  # not valid as given, valid with its '+'
            fixed[i] = after
    return fixed[pair_codes]


def _calling_code(region: object) -> int:
    """The country calling code of an ISO region ("GB" -> 44), 0 when not a region."""
    return phonenumbers.country_code_for_region(str(region)) if region else 0
