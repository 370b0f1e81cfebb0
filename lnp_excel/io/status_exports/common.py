"""What the export readers share: dates through the one reader, numbers joined, columns kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from lnp_excel.core.track.orders import CODE_SEPARATOR, NUMBER_SEPARATOR, ORDER_COLUMNS
from lnp_excel.core.track.statuses import lifecycle_status
from lnp_excel.core.values import GIVEN_DATES, is_blank, read_date


def text(value: object) -> str:
    """A cell or JSON value as trimmed text; blanks and None are ""."""
    if is_blank(value) or isinstance(value, list | dict):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def plausible_day(value: object) -> dt.date | None:
    """A date through ``core.values.read_date``, kept only in the years a person gives
    (``GIVEN_DATES``): 9999-12-31 is a placeholder, and a date that far went through
    pandas' datetimes as 1816-03-29, so an order seemed long overdue."""
    found = read_date(value)
    low, high = GIVEN_DATES
    return found if found is not None and low <= found <= high else None


def day(value: object, what: str, notes: list[str]) -> object:
    """A date through ``plausible_day``; an unreadable one is noted, not guessed."""
    if is_blank(value):
        return None
    found = plausible_day(value)
    if found is None:
        notes.append(f"cannot read the {what} {text(value) or str(value)!r} as a date")
    return found


def joined(values: Sequence[object], separator: str = NUMBER_SEPARATOR) -> str:
    return separator.join(dict.fromkeys(t for t in (text(v) for v in values) if t))


def codes(values: Sequence[object]) -> str:
    return joined(values, CODE_SEPARATOR)


def order_row(platform: str, **fields: object) -> dict[str, object]:
    """An order with every canonical column, the lifecycle status from the platform's word."""
    row = {column: fields.get(column, "") for column in ORDER_COLUMNS}
    row["platform"] = platform
    row["status"] = fields.get("status") or lifecycle_status(platform, row["platform_status"])
    return row


def with_extra(rows: list[dict[str, object]] | pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """The orders with the export's other columns after them (a clashing name gets
    " (export)"), so nothing the platform wrote is lost."""
    orders = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    orders = orders.reindex(columns=list(ORDER_COLUMNS)).reset_index(drop=True)
    if extra.shape[1]:
        names = {c: f"{c} (export)" if str(c) in ORDER_COLUMNS else str(c) for c in extra.columns}
        extra = extra.rename(columns=names).reset_index(drop=True)
        orders = pd.concat([orders, extra], axis=1)
    return orders
