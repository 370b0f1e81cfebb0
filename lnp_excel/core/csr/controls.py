"""C8: the customer's CSR file holds text a person and a carrier's system can read.

Exports and pasted cells carry control characters nobody typed on purpose (``AT&T\\x01``,
a NUL from a UTF-16 file): invisible in Excel, refused by the XML inside a workbook or a
Word document, and a mismatch for a carrier that compares the field. Every ASCII control
character (below U+0020) and DEL is taken out of text cells before the CSR is shaped,
each changed cell logged under C8 so the agent sees it and Undo puts it back.

Decided (the article is silent): tab, line feed and carriage return stay. They are
whitespace a person typed (a line break inside an address cell is Alt+Enter), workbooks
and documents hold them, and the CSV quotes them. Vertical tab and form feed, which some
programs write for a line break, become a space so the words either side stay apart; the
rest (U+0000-U+0008, U+000E-U+001F, U+007F) are removed.
"""

from __future__ import annotations

import re

import pandas as pd

from lnp_excel.core.changes import changes_where
from lnp_excel.core.csr.common import map_distinct
from lnp_excel.core.csr.result import StepResult
from lnp_excel.core.settings import Settings

RULE = "C8"
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_AS_SPACE = str.maketrans({"\x0b": " ", "\x0c": " "})


def without_controls(value: object) -> object:
    """A cell with its control characters removed (C8); anything but text as it is."""
    if not isinstance(value, str) or not CONTROL_CHARACTERS.search(value):
        return value
    return CONTROL_CHARACTERS.sub("", value.translate(_AS_SPACE))


def _has_controls(value: object) -> bool:
    return isinstance(value, str) and CONTROL_CHARACTERS.search(value) is not None


def remove_control_characters(
    table: pd.DataFrame, *, settings: Settings | None = None
) -> StepResult:
    """Take control characters out of every text cell (C8), each changed cell logged.

    A column's text is searched in one pass; only a column with a hit is read once per
    distinct value. Columns that hold no text are skipped.
    """
    del settings  # no tunable constant; the parameter keeps the step signature
    out = table
    logs = []
    for position, column in enumerate(table.columns):
        values = table.iloc[:, position]
        if not (values.dtype == object or isinstance(values.dtype, pd.StringDtype)):
            continue
        texts = [cell for cell in values.to_numpy(dtype=object) if isinstance(cell, str)]
        if not CONTROL_CHARACTERS.search("\n".join(texts)):
            continue  # the usual column: one C-speed search over all its text
        changed = map_distinct(values, _has_controls).astype(bool)
        if not changed.any():
            continue
        if out is table:
            out = table.copy(deep=False)
        written = values.astype(object).copy()
        written[changed] = [without_controls(v) for v in written[changed]]
        out.isetitem(position, written)
        logs.append(changes_where(changed, column, values, written, RULE))
    return StepResult.of(out, logs)
