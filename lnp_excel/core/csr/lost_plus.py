"""N2c: give back the ``+`` Excel took from an international number.

Excel reads ``+442079460018`` in a CSV as the number 442079460018 and saves it without the
``+``; no carrier can read that. Where the row names its country, a number that is not
valid as it stands but is a valid number of that country once read as E.164 (it starts
with the country's calling code) is written back as E.164 and logged as a change (Row,
Column, Old, New, Rule ``N2c``). Everything else is left as it is for the later checks.
The engine runs twice, each time once per distinct (number, country) pair.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import phonenumbers

from lnp_excel.core.changes import changes_where
from lnp_excel.core.columns import COUNTRY_ALIASES, find_column
from lnp_excel.core.csr.common import country_code, map_distinct
from lnp_excel.core.csr.fields import number_column
from lnp_excel.core.csr.result import StepResult
from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.numbers.text import as_texts
from lnp_excel.core.settings import Settings

RULE = "N2c"
_FORMATTING = str.maketrans("", "", " -.()\u00a0")


def restore_plus(table: pd.DataFrame, *, settings: Settings | None = None) -> StepResult:
    """Numbers that lost their ``+`` written back as E.164 where the row has a country.

    A table without a country column, or rows with a blank or unknown country, are not
    touched: the number alone cannot say which country it belongs to (N2: never guessed).
    """
    settings = settings or Settings()
    columns = list(table.columns)
    number = number_column(columns)
    country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
    if country is None or not len(table):
        return StepResult(table)
    position = columns.index(number)
    values = table.iloc[:, position]
    regions = map_distinct(table[country], lambda v: country_code(v, settings))
    value_codes, distinct_values = pd.factorize(values.astype(object), use_na_sentinel=True)
    region_codes, distinct_regions = pd.factorize(pd.Series(regions, dtype=object))
    pair_codes, pairs = pd.factorize(value_codes * (len(distinct_regions) + 1) + region_codes)
    pair_value = pairs // (len(distinct_regions) + 1)
    pair_region = pairs % (len(distinct_regions) + 1)

    # NANP rows never change (+1 and 1 read the same) and unknown countries are skipped,
    # so a US CSR costs one hash pass; the rest is read once per distinct pair.
    calling = np.array([_calling_code(r) for r in distinct_regions] + [0], dtype=np.int64)
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
        return StepResult(table)
    given = normalize_numbers(
        pd.Series([distinct_values[v] for _, v, _ in candidates], dtype=object)
    )
    as_e164 = normalize_numbers(pd.Series([f"+{d}" for _, _, d in candidates], dtype=object))
    for (i, _, _), before, after in zip(
        candidates, given["number"].tolist(), as_e164["number"].tolist(), strict=True
    ):
        if not before and after:  # not valid as given, valid with its '+'
            fixed[i] = after
    new = fixed[pair_codes]
    changed = new != ""
    if not changed.any():
        return StepResult(table)
    out = table.copy(deep=False)
    written = values.astype(object).where(~changed, pd.Series(new, index=values.index))
    out.isetitem(position, written)
    return StepResult.of(out, [changes_where(changed, number, values, written, RULE)])


def _calling_code(region: object) -> int:
    """The country calling code of an ISO region ("GB" -> 44), 0 when not a region."""
    return phonenumbers.country_code_for_region(str(region)) if region else 0
