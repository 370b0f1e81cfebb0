"""Tracking the ports (T1-T5): statuses, matching, deadlines and history, pure.

Public: ``track_ports`` (the plan or its frames, plus the orders, to a ``Tracking``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory
from lnp_excel.core.settings import Settings
from lnp_excel.core.track.orders import ORDER_COLUMNS, empty_orders
from lnp_excel.core.track.statuses import LIFECYCLE, lifecycle_status
from lnp_excel.core.track.tracker import TRACKER_COLUMNS, Tracking, track

__all__ = [
    "LIFECYCLE",
    "ORDER_COLUMNS",
    "TRACKER_COLUMNS",
    "Tracking",
    "empty_orders",
    "lifecycle_status",
    "track_ports",
]


def track_ports(
    plan,
    orders: pd.DataFrame | None = None,
    *,
    as_of: dt.date | str | None = None,
    previous: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    settings: Settings | None = None,
    carrier_directory: CarrierDirectory | None = None,
) -> Tracking:
    """T1-T5: the tracker of a ``Plan`` (or a ``(requests, numbers)`` pair of frames)
    against the orders (``lnp_excel.io.status_exports.read_status_exports`` reads them
    from the platforms' files). ``as_of`` defaults to today."""
    requests, numbers = plan if isinstance(plan, tuple) else (plan.requests, plan.numbers)
    return track(
        requests,
        numbers,
        empty_orders() if orders is None else orders,
        as_of=as_of,
        previous=previous,
        history=history,
        settings=settings or getattr(plan, "settings", None),
        carrier_directory=carrier_directory,
    )
