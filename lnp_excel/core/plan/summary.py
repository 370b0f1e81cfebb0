"""The plan in figures: licenses (P9), numbers by carrier and path, the summary lines.

Small tables built with numpy from the requests table and a few counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import numpy as np
import pandas as pd

from lnp_excel.core.errors import InputError
from lnp_excel.core.plan.paths import CUSTOM, MANAGED, PATHS, SELF_SERVICE
from lnp_excel.core.plan.requests import KINDS, LOCAL, TOLL_FREE, Carriers
from lnp_excel.core.settings import Settings
from lnp_excel.core.values import name_key, parse_count

UNKNOWN_LABEL = "(unknown)"
_LICENSE_KEYS = {
    "local": LOCAL,
    "tollfree": TOLL_FREE,
}


def license_counts(licenses: Mapping[str, object] | None) -> dict[str, int]:
    """P9 input: {"local": n, "toll-free": m}; keys forgive case and punctuation."""
    if licenses is None:
        return {}
    out: dict[str, int] = {}
    for name, value in licenses.items():
        key = _LICENSE_KEYS.get(name_key(name))
        if key is None:
            raise InputError(f"unknown license type {name!r}: use 'local' or 'toll-free'")
        number = parse_count(value, f"{key} license count")
        if number is not None:
            out[key] = number
    return out


def license_check(
    needed: Mapping[str, int], available: Mapping[str, int], settings: Settings
) -> pd.DataFrame:
    """P9: one row per number type: licenses needed, available (NA if not given), shortfall."""
    names = {LOCAL: settings.local_license_name, TOLL_FREE: settings.toll_free_license_name}
    rows = []
    for kind in KINDS:
        need = int(needed.get(kind, 0))
        have = available.get(kind)
        short = None if have is None else max(0, need - have)
        rows.append((names[kind], kind, need, have, short))
    frame = pd.DataFrame(rows, columns=["license", "type", "needed", "available", "shortfall"])
    for column in ("available", "shortfall"):
        frame[column] = frame[column].astype("Int64")
    return frame


def by_carrier(path: np.ndarray, carriers: Carriers) -> pd.DataFrame:
    """Numbers by carrier and path (the Summary chart); unknown carriers last."""
    planned = path >= 0
    n_paths = len(PATHS)
    slots = len(carriers.keys) + 1  # last slot: unknown
    codes = np.where(carriers.codes[planned] >= 0, carriers.codes[planned], slots - 1)
    counts = np.bincount(codes * n_paths + path[planned], minlength=slots * n_paths)
    table = counts.reshape(slots, n_paths)
    order = [*np.argsort(np.array(carriers.keys, dtype=object), kind="stable"), slots - 1]
    labels = [*carriers.names, UNKNOWN_LABEL]
    frame = pd.DataFrame(table[order], columns=list(PATHS))
    frame.insert(0, "carrier", [labels[i] for i in order])
    frame["total"] = frame[list(PATHS)].sum(axis=1)
    return frame[frame["total"] > 0].reset_index(drop=True)


def by_path(requests: pd.DataFrame) -> dict[str, tuple[int, int, float]]:
    """Per path: (requests, numbers, known cost), with numpy (no frame filtering)."""
    path = requests["path"].to_numpy(dtype=object)
    count = requests["count"].to_numpy(dtype=np.int64)
    cost = requests["cost"].to_numpy(dtype=float)
    out = {}
    for name in PATHS:
        chosen = path == name
        total = float(np.nansum(cost[chosen])) if chosen.any() else 0.0
        out[name] = (int(chosen.sum()), int(count[chosen].sum()), total)
    return out


def _dollars(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(Decimal("0.01"))


def _day(value: np.datetime64) -> dt.date:
    return value.astype("datetime64[D]").astype(dt.date)


def summary(
    statuses: Mapping[str, int],
    requests: pd.DataFrame,
    licenses: pd.DataFrame,
    submit: dt.date,
    requested: dt.date | None,
) -> pd.DataFrame:
    """(metric, value) lines: counts, cost, dates; money as Decimal, dates as dates.

    ``statuses`` counts the engine's statuses (ok, invalid, duplicate, empty).
    """
    planned = int(requests["count"].sum())
    rows: list[tuple[str, object]] = [
        ("Submission date", submit),
        ("Requested date", requested if requested is not None else ""),
        ("Rows in the list", sum(statuses.values())),
        ("Numbers planned", planned),
        ("Invalid numbers", statuses.get("invalid", 0)),
        ("Duplicate numbers", statuses.get("duplicate", 0)),
        ("Rows without a number", statuses.get("empty", 0)),
        ("Requests", len(requests)),
    ]
    totals = by_path(requests)
    for path in PATHS:
        rows.append((f"{path} requests", totals[path][0]))
        rows.append((f"{path} numbers", totals[path][1]))
    rows.append(("Numbers with unknown carrier", int(requests["unknown_carrier"].sum())))
    known = totals[SELF_SERVICE][2] + totals[MANAGED][2]
    rows.append(("Cost (Self-Service and Managed)", _dollars(known)))
    if totals[CUSTOM][0]:
        rows.append(("Custom cost", "statement of work"))
    low = requests["expedite_min"].to_numpy(dtype=float)
    if (~np.isnan(low)).any():
        high = requests["expedite_max"].to_numpy(dtype=float)
        rows.append(("Expedite from", _dollars(float(np.nansum(low)))))
        rows.append(("Expedite up to", _dollars(float(np.nansum(high)))))
    earliest = requests["earliest_date"].to_numpy()
    if (~np.isnat(earliest)).any():
        latest = requests["latest_date"].to_numpy()
        rows.append(("Earliest port date", _day(earliest[~np.isnat(earliest)].min())))
        rows.append(("Latest port date", _day(latest[~np.isnat(latest)].max())))
    for row in licenses.itertuples(index=False):
        if row.needed:
            rows.append((f"{row.license} licenses needed", int(row.needed)))
            if not pd.isna(row.shortfall):
                rows.append((f"{row.license} license shortfall", int(row.shortfall)))
    return pd.DataFrame(rows, columns=["metric", "value"])
