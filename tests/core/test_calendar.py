"""Business days: weekends and US federal holidays (observed dates), across year ends."""

from __future__ import annotations

import datetime as dt

import holidays
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lnp_excel.core.calendar import add_business_days, business_calendar
from lnp_excel.core.calendar import business_days_between as days_between

D = dt.date


def _calendar(*days: dt.date) -> np.busdaycalendar:
    """The package's business-day calendar (US, observed holidays) around ``days``."""
    return business_calendar(np.array(days, dtype="datetime64[D]"), 0)


def is_business_day(day: dt.date) -> bool:
    """Monday-Friday and not a holiday, by the calendar ``add_business_days`` uses."""
    return bool(np.is_busday(np.datetime64(day, "D"), busdaycal=_calendar(day)))


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days in [start, end): the package's own count (T3), for one pair."""
    return int(days_between([start], [end])[0])


def holidays_between(first: dt.date, last: dt.date) -> np.ndarray:
    """The calendar's holidays (datetime64[D]) from ``first`` to ``last`` inclusive."""
    every = _calendar(first, last).holidays
    return every[(every >= np.datetime64(first, "D")) & (every <= np.datetime64(last, "D"))]


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2025, 3, 3), 7, D(2025, 3, 12)),  # Monday + 7: plain weekdays
        (D(2025, 3, 7), 1, D(2025, 3, 10)),  # Friday + 1 skips the weekend
        (D(2025, 3, 8), 0, D(2025, 3, 10)),  # a Saturday submission counts from Monday
        (D(2025, 3, 8), 1, D(2025, 3, 11)),
        (D(2024, 12, 20), 7, D(2025, 1, 2)),  # Christmas and New Year's Day skipped
        (D(2021, 12, 23), 1, D(2021, 12, 27)),  # Christmas 2021 observed Friday 24th
        (D(2021, 12, 30), 1, D(2022, 1, 3)),  # New Year 2022 observed Friday 31 Dec 2021
        (D(2022, 6, 17), 1, D(2022, 6, 21)),  # Juneteenth 2022 observed Monday 20th
        (D(2025, 11, 26), 1, D(2025, 11, 28)),  # Thanksgiving
        (D(2025, 7, 3), 1, D(2025, 7, 7)),  # Independence Day on a Friday
        (D(2025, 1, 10), -1, D(2025, 1, 9)),
    ],
)
def test_known_dates(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_business_days(start, n) == expected


def test_observed_holidays_are_not_business_days() -> None:
    assert not is_business_day(D(2021, 12, 31))  # New Year 2022 observed
    assert not is_business_day(D(2026, 7, 3))  # 4 July 2026 is a Saturday
    assert not is_business_day(D(2027, 12, 24))  # Christmas 2027 is a Saturday
    assert is_business_day(D(2025, 12, 24))


def test_vectorized_matches_single_dates_and_keeps_missing() -> None:
    starts = pd.Series(pd.to_datetime(["2024-12-20", "2025-06-30", None, "2030-12-24"]))
    out = add_business_days(starts, 10)
    assert out.dtype == np.dtype("datetime64[D]")
    assert np.isnat(out[2])
    for start, got in zip(starts.dropna(), out[~np.isnat(out)], strict=True):
        assert add_business_days(start.date(), 10) == got.astype(dt.date)


def test_per_row_offsets() -> None:
    out = add_business_days([D(2025, 3, 3), D(2025, 3, 3)], [7, 10])
    assert list(out.astype(dt.date)) == [D(2025, 3, 12), D(2025, 3, 17)]


def test_long_offsets_cross_several_year_ends() -> None:
    # 600 business days from mid-2024 must still skip the holidays of 2025, 2026 and 2027.
    end = add_business_days(D(2024, 6, 3), 600)
    assert business_days_between(D(2024, 6, 3), end) == 600
    assert is_business_day(end)


def test_holidays_between_lists_observed_dates() -> None:
    days = holidays_between(D(2021, 12, 1), D(2022, 1, 31)).astype(dt.date).tolist()
    assert D(2021, 12, 24) in days and D(2021, 12, 31) in days and D(2022, 1, 17) in days


def test_unknown_country_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no holiday calendar"):
        add_business_days(D(2025, 1, 2), 3, country="XX")


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)),
    n=st.integers(min_value=0, max_value=60),
)
def test_agrees_with_a_day_by_day_walk(start: dt.date, n: int) -> None:
    """The vectorized result equals counting one day at a time against the holidays package."""
    federal = holidays.country_holidays("US", years=range(start.year - 1, start.year + 2))

    def working(day: dt.date) -> bool:
        return day.weekday() < 5 and day not in federal

    day = start
    while not working(day):
        day += dt.timedelta(days=1)
    for _ in range(n):
        day += dt.timedelta(days=1)
        while not working(day):
            day += dt.timedelta(days=1)
    assert add_business_days(start, n) == day


def test_business_days_between_skip_weekends_and_holidays() -> None:
    """T3: days late count business days; a missing date counts 0, never a guess."""
    days = days_between(
        [dt.date(2026, 12, 24), dt.date(2026, 3, 13), None, dt.date(2026, 3, 20)],
        [dt.date(2026, 12, 28), dt.date(2026, 3, 16), dt.date(2026, 3, 1), dt.date(2026, 3, 13)],
    )
    # Christmas (Friday) and the weekend are skipped; Friday to Monday is 1; backwards is -5
    assert days.tolist() == [1, 1, 0, -5]
