"""What each request costs and when it lands: prices (P5-P7), SLA dates, windows, expedite.

All requests of one path share their dates (one submission date), so dates are computed
once per path with the business-day calendar and broadcast; costs are array arithmetic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from lnp_excel.core.calendar import add_business_days
from lnp_excel.core.plan.paths import CUSTOM, MANAGED, PATHS, SELF_SERVICE, PortPath
from lnp_excel.core.settings import Settings

UNKNOWN_CARRIER_NOTE = "carrier unknown: confirm from the CSR before submitting"
LOOKS_LIKE_NOTE = (
    "{name} looks like {carrier}: add it as an alias? (Carrier Directory; planned apart "
    "until then, P3b)"
)
WIRELESS_NOTE = "wireless: the account number and transfer PIN are needed (P3b)"
SHORT_NOTICE_NOTE = (
    "requested date within {days} days of submission: the port date may be confirmed "
    "only the night before (P7)"
)
EXPEDITE_NOTE = (
    "requested date is sooner than the SLA: expedite ${low:,.0f}-${high:,.0f} "
    "(${per_low:,.0f}-${per_high:,.0f} a number), a request the losing carrier may deny (P8)"
)
CUSTOM_NOTE = "priced by a statement of work: ask your Account Manager for a scoping call (P6)"
CONSIDER_CUSTOM_NOTE = (
    "{count} numbers on this path: Custom porting may cost less; ask your Account Manager (P6)"
)


@dataclass(frozen=True)
class PathTerms:
    """One path's SLA dates (None when set by a statement of work) and port window."""

    earliest: dt.date | None
    latest: dt.date | None
    sla_earliest: dt.date | None
    window: str
    expedite: bool


def path_terms(
    submit: dt.date, requested: dt.date | None, settings: Settings
) -> dict[str, PathTerms]:
    """P5, P7: earliest/latest expected port dates in business days from submission.

    A requested date later than the SLA's earliest date moves the earliest date to it
    (the first business day on or after it); the latest date never precedes the earliest.
    A requested date sooner than the SLA's earliest date keeps the SLA dates and makes
    the request an expedite candidate (P8). Custom porting has no SLA (P6).
    """
    country = settings.holiday_country
    spans = {
        SELF_SERVICE: (settings.self_service_min_days, settings.self_service_max_days),
        MANAGED: (settings.managed_min_days, settings.managed_max_days),
    }
    windows = {
        SELF_SERVICE: settings.self_service_window,
        MANAGED: settings.managed_window,
        CUSTOM: settings.custom_window,
    }
    out: dict[str, PathTerms] = {}
    for path in PATHS:
        if path not in spans:
            out[path] = PathTerms(None, None, None, windows[path], False)
            continue
        low, high = spans[path]
        sla = add_business_days([submit, submit], [low, high], country=country)
        sla_earliest, latest = (day.astype(object) for day in sla)
        earliest = sla_earliest
        expedite = requested is not None and requested < sla_earliest
        if requested is not None and requested > sla_earliest:
            earliest = add_business_days(requested, 0, country=country)
            latest = max(latest, earliest)
        out[path] = PathTerms(earliest, latest, sla_earliest, windows[path], expedite)
    return out


def short_notice(submit: dt.date, requested: dt.date | None, settings: Settings) -> bool:
    """P7: a requested date within ``short_notice_days`` of submission (calendar days)."""
    return requested is not None and (requested - submit).days <= settings.short_notice_days


def requested_date_text(requested: dt.date, terms: dict[str, PathTerms], paths: list[str]) -> str:
    """What the requested date means for the dated ``paths`` of the plan, from the same
    ``PathTerms`` the Requests sheet's dates and expedite columns come from (P7, P8): the
    Checklist can never call a date the earliest while Requests says it needs an
    expedite (issue 18)."""
    parts = []
    for path in paths:
        term = terms[path]
        if term.earliest is None:
            continue
        if term.expedite:
            parts.append(
                f"{path}: {requested:%Y-%m-%d} is sooner than the SLA allows; the earliest "
                f"port date is {term.sla_earliest:%Y-%m-%d} (Requests sheet), an earlier "
                "one needs an expedite (P8)"
            )
        else:
            moved = (
                f" (the first business day on or after {requested:%Y-%m-%d})"
                if term.earliest != requested
                else ""
            )
            parts.append(
                f"{path}: {term.earliest:%Y-%m-%d}{moved} is the earliest port date, not a "
                "promise: the port may happen on or after it"
            )
    return "; ".join(parts)


def costs(path: np.ndarray, count: np.ndarray, settings: Settings) -> np.ndarray:
    """Dollars per request: Self-Service free (P7); Managed $5 a number, $50 minimum per
    order (P5); Custom NaN, priced by a statement of work (P6)."""
    out = np.full(len(path), np.nan)
    ss = path == PortPath.SELF_SERVICE
    out[ss] = count[ss] * float(settings.self_service_price_per_number)
    mg = path == PortPath.MANAGED
    out[mg] = np.maximum(
        count[mg] * float(settings.managed_price_per_number),
        float(settings.managed_minimum_charge),
    )
    return out


def expedite_range(
    path: np.ndarray, count: np.ndarray, terms: dict[str, PathTerms], settings: Settings
) -> tuple[np.ndarray, np.ndarray]:
    """P8: count x $75..$300 where the requested date beats the path's SLA, else NaN."""
    eligible = np.array([terms[p.label].expedite for p in PortPath])[path]
    low = np.where(eligible, count * float(settings.expedite_min_per_number), np.nan)
    high = np.where(eligible, count * float(settings.expedite_max_per_number), np.nan)
    return low, high


def append_note(notes: np.ndarray, mask: np.ndarray, text: str | np.ndarray) -> None:
    """Add ``text`` to the notes of the masked requests, "; "-separated, in place."""
    rows = np.flatnonzero(mask)
    if not len(rows):
        return
    texts = [text] * len(rows) if isinstance(text, str) else list(text[rows])
    notes[rows] = [
        f"{old}; {new}" if old else new for old, new in zip(notes[rows], texts, strict=True)
    ]
