"""The canonical orders frame every status export becomes (T1, T2).

Each platform names things its own way; the readers in ``io/status_exports`` turn a
Bandwidth list, Telnyx or Twilio JSON, or an agent's CSV into these columns, one row per
order, and keep the export's other columns to the right, as they were.
"""

from __future__ import annotations

import pandas as pd

# source: the file; source_row: where in it (a CSV row, a JSON position); platform;
# order_id: the platform's id; reference: PON / customer reference (the request id, T2);
# platform_status: the platform's word; status: the lifecycle (T1); details: the
# platform's text about the status; order_date, foc_date: dates; btn, carrier: what the
# order says (T2's third key); numbers: the order's numbers, 10-digit text joined by ", ";
# exception_code: reject codes joined by "; "; note: the agent's note (plain CSV).
ORDER_COLUMNS: tuple[str, ...] = (
    "source",
    "source_row",
    "platform",
    "order_id",
    "reference",
    "platform_status",
    "status",
    "details",
    "order_date",
    "foc_date",
    "btn",
    "carrier",
    "numbers",
    "exception_code",
    "note",
)
NUMBER_SEPARATOR = ", "
CODE_SEPARATOR = "; "


def empty_orders() -> pd.DataFrame:
    """No orders: the frame with its columns, for a tracker of requests only."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in ORDER_COLUMNS})


def order_numbers(orders: pd.DataFrame) -> pd.Series:
    """(order position, number) pairs: one row per number an order names."""
    lists = orders["numbers"].fillna("").astype(str).str.split(NUMBER_SEPARATOR)
    exploded = lists.explode().str.strip()
    return exploded[exploded.fillna("") != ""]
