"""Business days for port dates: Monday-Friday minus the holiday country's public holidays.

Port SLAs (P5, P7) and the managed-case timeline (P11) count business days, and carriers do
not work weekends or US federal holidays. Holidays come from the ``holidays`` package with
observed dates (Christmas on a Saturday is observed on Friday 24 December; New Year's Day
2022 was observed on Friday 31 December 2021), so a date near a year end lands right.

Everything is vectorized through numpy's business-day functions: one call dates a million
requests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays
import numpy as np
import pandas as pd

DEFAULT_COUNTRY = "US"
WEEKMASK = "1111100"  # Monday-Friday
_DAYS_PER_YEAR_MARGIN = 200  # business days in a year, with room: how far n can reach

DateLike = dt.date | str | np.datetime64 | pd.Timestamp


@lru_cache(maxsize=64)
def _holiday_array(country: str, first_year: int, last_year: int) -> np.ndarray:
    """Sorted datetime64[D] holidays of ``country`` for the years, observed dates included."""
    years = range(first_year, last_year + 1)
    try:
        calendar = holidays.country_holidays(country.upper(), years=years, observed=True)
    except NotImplementedError as exc:
        raise ValueError(f"no holiday calendar for country {country!r}") from exc
    days = sorted(calendar.keys())
    return np.array(days, dtype="datetime64[D]")


def _as_day(value: DateLike) -> np.datetime64:
    if isinstance(value, pd.Timestamp):
        return np.datetime64(value.date(), "D")
    if isinstance(value, dt.datetime):
        return np.datetime64(value.date(), "D")
    return np.datetime64(value, "D")


def _year(day: np.datetime64) -> int:
    return int(day.astype("datetime64[Y]").astype(np.int64)) + 1970


def _as_days(dates: DateLike | Iterable[DateLike]) -> tuple[np.ndarray, bool]:
    """A datetime64[D] array and whether the input was a single date."""
    if isinstance(dates, dt.date | str | np.datetime64 | pd.Timestamp):
        return np.array([_as_day(dates)]), True
    if isinstance(dates, pd.Series | pd.Index):
        values = pd.to_datetime(dates).to_numpy(dtype="datetime64[ns]")
        return values.astype("datetime64[D]"), False
    array = np.asarray(list(dates) if not isinstance(dates, np.ndarray) else dates)
    if array.dtype == object:
        array = np.array([_as_day(v) for v in array], dtype="datetime64[D]")
    return array.astype("datetime64[D]"), False


def business_calendar(
    dates: np.ndarray, reach: int, *, country: str = DEFAULT_COUNTRY
) -> np.busdaycalendar:
    """A numpy business-day calendar covering ``dates`` plus ``reach`` business days.

    The holiday years run from the year before the earliest date to well past the latest
    date plus ``reach``, so offsets that cross one or more year ends still skip holidays.
    """
    valid = dates[~np.isnat(dates)]
    if not len(valid):
        return np.busdaycalendar(weekmask=WEEKMASK)
    years_ahead = abs(int(reach)) // _DAYS_PER_YEAR_MARGIN + 1
    first = _year(valid.min()) - years_ahead
    last = _year(valid.max()) + years_ahead
    return np.busdaycalendar(weekmask=WEEKMASK, holidays=_holiday_array(country, first, last))


def add_business_days(
    dates: DateLike | Iterable[DateLike],
    n: int | Iterable[int],
    *,
    country: str = DEFAULT_COUNTRY,
) -> dt.date | np.ndarray:
    """The date ``n`` business days after each date (P5, P7 SLAs; P11 timeline).

    A date that is not a business day (a Saturday submission, a holiday) first rolls
    forward to the next business day, which is when a carrier starts counting; ``n=0``
    therefore gives the first business day on or after the date. Negative ``n`` counts
    backwards from that day. A single date returns a ``datetime.date``; arrays, lists
    and Series return a datetime64[D] array (NaT stays NaT).
    """
    days, single = _as_days(dates)
    steps = np.asarray(n, dtype=np.int64)
    reach = int(np.abs(steps).max()) if steps.size else 0
    calendar = business_calendar(days, reach, country=country)
    out = np.full(np.broadcast(days, steps).shape, np.datetime64("NaT"), dtype="datetime64[D]")
    present = ~np.isnat(days)
    if present.all():
        out = np.busday_offset(days, steps, roll="forward", busdaycal=calendar)
    elif present.any():
        steps_b = np.broadcast_to(steps, days.shape)
        out[present] = np.busday_offset(
            days[present], steps_b[present], roll="forward", busdaycal=calendar
        )
    if single:
        return out.reshape(-1)[0].astype(dt.date)
    return out


def business_days_between(
    start: Iterable[DateLike],
    end: Iterable[DateLike],
    *,
    country: str = DEFAULT_COUNTRY,
) -> np.ndarray:
    """Business days from each ``start`` to its ``end`` (T3: how late a port is): the
    business days in [start, end), negative when ``end`` comes first; 0 where either is
    missing. A FOC the business day after the SLA's due date is 1 day late."""
    first, _ = _as_days(start)
    last, _ = _as_days(end)
    out = np.zeros(first.shape, dtype=np.int64)
    present = ~np.isnat(first) & ~np.isnat(last)
    if present.any():
        days = np.concatenate([first[present], last[present]])
        calendar = business_calendar(days, 0, country=country)
        out[present] = np.busday_count(first[present], last[present], busdaycal=calendar)
    return out
