"""C2 Replace nulls, exactly as Excel's Find & Replace does it.

The article: Find what "null", "Find entire cells only" checked, Replace with empty,
Replace All. Excel's match is not case sensitive and compares the whole cell as it is:
``NULL`` and ``Null`` are replaced, ``Nullarbor Rd``, ``null@example.com`` and ``" null "``
(surrounding spaces are part of the cell; Excel does not trim) are kept. Cells that are
not text (numbers, dates) never match.
"""

from __future__ import annotations

from itertools import product

import pandas as pd

from lnp_excel.core.changes import changes_where
from lnp_excel.core.csr.result import StepResult
from lnp_excel.core.settings import Settings

NULL_WORD = "null"
# Every upper/lower-case spelling of "null" (16 of them): ``isin`` is one hash lookup per
# cell, faster than lower-casing a million strings. Unicode case folds that could map to
# "null" do not exist for these ASCII letters.
NULL_SPELLINGS: tuple[str, ...] = tuple(
    "".join(letters) for letters in product(*((c.lower(), c.upper()) for c in NULL_WORD))
)


def replace_nulls(table: pd.DataFrame, *, settings: Settings | None = None) -> StepResult:
    """Empty every cell whose entire content is "null" in any case (C2); log each cell.

    All columns are searched, as Replace All searches the whole sheet.
    """
    del settings  # C2 has no tunable constant; the parameter keeps the step signature.
    out = table.copy(deep=False)
    logs = []
    for position, column in enumerate(table.columns):
        values = table.iloc[:, position]
        if not (values.dtype == object or isinstance(values.dtype, pd.StringDtype)):
            continue
        hit = values.isin(NULL_SPELLINGS).to_numpy()
        if not hit.any():
            continue
        out.isetitem(position, values.astype(object).mask(hit, ""))
        logs.append(changes_where(hit, column, values, "", "C2"))
    return StepResult.of(out, logs)
