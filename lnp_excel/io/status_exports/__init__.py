"""Status exports of the porting platforms, read into the canonical orders frame (T1, T2).

- Bandwidth's port-in list (CSV/XLSX: OrderId, PON, ProcessingStatus, OrderDate,
  ActualFOCDate, BillingTelephoneNumber, LNPLosingCarrierName, ...);
- Telnyx porting orders as JSON (``{"data": [...]}``, ``status.value``) or CSV with the
  flattened names (``status.value``, ``customer_reference``, ...);
- Twilio port-in requests as JSON (``port_in_request_sid``, ``port_in_request_status``,
  ``phone_numbers`` with each number's status, rejection and port date);
- an agent's own CSV: request, status, order date, FOC date, note.

Which one a file is, is told by its content, not its name. Every date goes through the one
date reader (``core.values.read_date``: ISO with a zone, US dates, serials). Columns the
tracker does not use stay, as given. A file that cannot be one of these is an InputError
naming the file and where; one unreadable date costs that cell, noted on the row.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from lnp_excel.core.errors import InputError
from lnp_excel.core.track.orders import ORDER_COLUMNS
from lnp_excel.io.own_outputs import refuse_own_workbook
from lnp_excel.io.status_exports.json_exports import read_json_export
from lnp_excel.io.status_exports.tables import read_table_export

__all__ = ["read_status_export", "read_status_exports"]


def read_status_export(path: str | Path) -> pd.DataFrame:
    """One export file as orders (``ORDER_COLUMNS`` first, the file's other columns after)."""
    path = Path(path)
    refuse_own_workbook(path, "a platform's status export")
    if path.suffix.lower() == ".json":
        return read_json_export(path)
    return read_table_export(path)


def read_status_exports(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Several exports, in the order given, as one orders frame."""
    frames = [read_status_export(path) for path in paths]
    if not frames:
        raise InputError("no status export given: name at least one export file")
    orders = pd.concat(frames, ignore_index=True)
    extra = [c for c in orders.columns if c not in ORDER_COLUMNS]
    return orders[[*ORDER_COLUMNS, *extra]]
