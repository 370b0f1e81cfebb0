"""C1 port-out eligibility: a number ports out only while active on the account or within
``Settings.port_out_window_days`` (60) of its release or cancellation.

The step runs when the table has a status column (inventory exports do; CSR exports
usually do not) and reads the date column beside it. Statuses compare without case or
punctuation against ``Settings.active_statuses`` and ``Settings.inactive_statuses``. Rows
are flagged, never removed: the agent decides what the customer is told.

- active status: nothing to do;
- inactive status, date more than 60 days before ``as_of``: "not portable";
- inactive status within 60 days: portable, flagged with the last day it can port;
- inactive status without a readable date, or a status in neither list: flagged to check.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from lnp_excel.core.columns import DATE_ALIASES, STATUS_ALIASES, find_column
from lnp_excel.core.csr.common import map_distinct, text_key
from lnp_excel.core.csr.result import StepResult, concat_flags, flags_where
from lnp_excel.core.settings import Settings
from lnp_excel.core.values import parse_date, read_date


def parse_as_of(as_of: dt.date | str | None) -> dt.date:
    """The day eligibility is judged on: a date as ``core.values`` reads it, else today."""
    return parse_date(as_of, "as-of date") or dt.date.today()


ACTIVE, UNKNOWN, TOO_OLD, RECENT, UNDATED = "active", "unknown", "too old", "recent", "undated"


def eligibility(
    table: pd.DataFrame,
    *,
    as_of: dt.date | str | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame | None:
    """Each row's C1 standing, or None when the table has no status column.

    Columns: ``category`` ("" for a blank status, else active, unknown, too old, recent,
    undated), ``status`` (as written), ``day`` and ``last_day`` (ISO text, "" if none).
    """
    settings = settings or Settings()
    columns = list(table.columns)
    status = find_column(columns, STATUS_ALIASES, role="status", required=False)
    if status is None:
        return None
    date = find_column(columns, DATE_ALIASES, role="status date", required=False)
    today = parse_as_of(as_of)
    window = settings.port_out_window_days

    keys = map_distinct(table[status], text_key)
    inactive = np.isin(keys, [text_key(s) for s in settings.inactive_statuses])
    active = np.isin(keys, [text_key(s) for s in settings.active_statuses])
    category = np.where(active, ACTIVE, np.where(keys == "", "", UNKNOWN)).astype(object)
    days = np.full(len(table), np.datetime64("NaT"), dtype="datetime64[D]")
    if inactive.any() and date is not None:
        parsed = map_distinct(table[date][inactive], read_date)
        stamps = pd.to_datetime(pd.Series(parsed, dtype=object), errors="coerce")
        days[inactive] = stamps.to_numpy().astype("datetime64[D]")
    undated = inactive & np.isnat(days)
    age = (np.datetime64(today, "D") - days).astype(np.int64)
    category[undated] = UNDATED
    category[inactive & ~undated & (age > window)] = TOO_OLD
    category[inactive & ~undated & (age <= window)] = RECENT
    last = days + np.timedelta64(window, "D")
    return pd.DataFrame(
        {
            "category": category,
            "status": table[status].astype(str).to_numpy(dtype=object),
            "day": np.where(np.isnat(days), "", np.datetime_as_string(days, unit="D")),
            "last_day": np.where(np.isnat(last), "", np.datetime_as_string(last, unit="D")),
        },
        index=table.index,
    )


def check_eligibility(
    table: pd.DataFrame,
    *,
    as_of: dt.date | str | None = None,
    settings: Settings | None = None,
) -> StepResult:
    """Flag numbers that are not (or soon no longer) portable (C1); the table is unchanged."""
    settings = settings or Settings()
    standing = eligibility(table, as_of=as_of, settings=settings)
    if standing is None:
        return StepResult(table)
    return StepResult.of(table, flags=[eligibility_flags(standing, settings)])


def eligibility_flags(standing: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The C1 flags for rows of ``eligibility``'s answer."""
    window = settings.port_out_window_days
    category = standing["category"].to_numpy()
    status, day, last_day = standing["status"], standing["day"], standing["last_day"]
    index = standing.index
    return concat_flags(
        [
            flags_where(
                category == UNKNOWN,
                index,
                "Status '" + status + "' is not known to be active",
                f"Check in DMW that the number is active on the account or was within {window} "
                "days (C1)",
                "C1",
            ),
            flags_where(
                category == TOO_OLD,
                index,
                "Not portable: " + status + " on " + day + f", over {window} days ago",
                "Tell the customer this number can no longer be ported out (C1) and take it "
                "off the CSR",
                "C1",
            ),
            flags_where(
                category == RECENT,
                index,
                "Portable until " + last_day + " (" + status + " on " + day + ")",
                "The gaining carrier must complete the port by " + last_day,
                "C1",
            ),
            flags_where(
                category == UNDATED,
                index,
                "Status '" + status + "' without a readable date",
                f"Find the release or cancellation date: portable only within {window} days (C1)",
                "C1",
            ),
        ]
    )
