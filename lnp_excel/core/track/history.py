"""T5: each update keeps a history of status changes; the same export twice changes nothing.

The tracker an update replaces is the memory: a request whose status differs from the one
that tracker showed gets a history row (request, old, new status, the as-of date, the
order and the platform's word). A status equal to the last one adds nothing, so reading
the same export again leaves the history as it was. The agent's own columns of the old
tracker are carried to the new one by request id.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

HISTORY_COLUMNS: tuple[str, ...] = (
    "request",
    "old_status",
    "new_status",
    "date",
    "order_id",
    "platform_status",
)


def history_changes(
    previous: pd.DataFrame | None, tracker: pd.DataFrame, day: dt.date
) -> pd.DataFrame:
    """The history rows this update adds: one per request whose status changed (T5).

    ``previous`` has ``request`` and ``status`` (None on the first run: every request's
    status is recorded, from "" ).
    """
    before: dict[str, str] = {}
    if previous is not None and len(previous):
        keys = previous["request"].fillna("").astype(str)
        before = dict(zip(keys, previous["status"].fillna("").astype(str), strict=True))
    old = tracker["request"].map(lambda request: before.get(request, "")).astype(object)
    moved = (old != tracker["status"]).to_numpy()
    rows = tracker[moved]
    return pd.DataFrame(
        {
            "request": rows["request"].to_numpy(dtype=object),
            "old_status": old[moved].to_numpy(dtype=object),
            "new_status": rows["status"].to_numpy(dtype=object),
            "date": [day] * int(moved.sum()),
            "order_id": rows["order_id"].to_numpy(dtype=object),
            "platform_status": rows["platform_status"].to_numpy(dtype=object),
        },
        columns=list(HISTORY_COLUMNS),
    )


def keep_agent_columns(
    new: pd.DataFrame, old: pd.DataFrame | None, key: str, ours: set[str]
) -> pd.DataFrame:
    """``new`` with the columns of ``old`` that the tool does not write (the agent's
    notes, owner, follow-up date), matched by ``key``; an old row whose key is not in
    ``new`` any more is kept at the end, so nothing an agent typed is lost."""
    if old is None or old.empty or key not in old:
        return new
    theirs = [c for c in old.columns if str(c) not in ours and str(c) != key]
    if not theirs:
        return new
    old = old.assign(**{key: old[key].fillna("").astype(str)})
    kept = old.drop_duplicates(key).set_index(key)[theirs]
    merged = new.join(kept, on=key)
    gone = old[~old[key].isin(new[key])]
    if len(gone):
        merged = pd.concat(
            [merged, gone[[c for c in old.columns if c in merged]]], ignore_index=True
        )
    return merged
