"""``--number-column`` for ``csr fix``, ``build`` and ``legacy``: every command that reads
a list takes it (issue 18).

The CSR steps (C1-C13) find the row's own number column by name. A column named with the
option is checked against that: the same column is fine; a CSR whose number column no
name rule knows (``Ported DID``) is corrected with that column read as the number, and
every output keeps the CSR's own header; a CSR where the name rules find another column
is refused, since the steps would read that one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from lnp_excel.cli.common import pick_column
from lnp_excel.core.columns import find_column
from lnp_excel.core.csr.fields import OWN_NUMBER_ALIASES, PHONE
from lnp_excel.core.csr.result import CsrResult
from lnp_excel.core.errors import InputError
from lnp_excel.io.tables import SourceTable


def _unchanged(result: CsrResult) -> CsrResult:
    return result


def number_named(
    table: SourceTable, named: str | None
) -> tuple[pd.DataFrame, Callable[[CsrResult], CsrResult]]:
    """(the frame the CSR steps read, the function giving their result the CSR's own
    header back) for the number column ``named`` (None: found by name, as always)."""
    if named is None:
        return table.frame, _unchanged
    chosen = pick_column(table, named, OWN_NUMBER_ALIASES, role="phone number")
    columns = list(table.frame.columns)
    found = find_column(columns, OWN_NUMBER_ALIASES, role="phone number", required=False)
    if found == chosen:
        return table.frame, _unchanged
    if found is not None or PHONE in columns:
        raise table.locate(
            InputError(
                f"the CSR steps read the row's number from '{found or PHONE}' (found by "
                f"name); --number-column '{named}' names another column: leave the option "
                "out, or rename the columns in the file",
                column=str(chosen),
            )
        )
    frame = table.frame.rename(columns={chosen: PHONE})

    def restore(result: CsrResult) -> CsrResult:
        back = {PHONE: chosen}
        changes = result.changes.copy()
        if "Column" in changes.columns:
            changes["Column"] = changes["Column"].replace(back)
        customer = result.customer_columns
        return replace(
            result,
            table=result.table.rename(columns=back),
            changes=changes,
            excluded=result.excluded.rename(columns=back),
            customer_columns=None if customer is None else tuple(back.get(c, c) for c in customer),
        )

    return frame, restore
