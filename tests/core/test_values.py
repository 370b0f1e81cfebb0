"""One reader for what an agent types into a cell or an option (issue 10): every date
format, counts, blanks, Excel error values and name keys, read the same by every shell."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from lnp_excel.core.errors import EXCEL_ERRORS, InputError
from lnp_excel.core.values import (
    EXCEL_EPOCH,
    excel_error,
    is_blank,
    name_key,
    parse_count,
    parse_date,
    read_date,
)

MARCH_14 = dt.date(2026, 3, 14)
# 2026-03-14 counted from Excel's epoch, so the serial cases follow from the calendar.
SERIAL = (MARCH_14 - EXCEL_EPOCH).days


@pytest.mark.parametrize(
    "value",
    [
        "2026-03-14",
        " 2026-03-14 ",
        "2026-03-14 00:00:00",
        "2026-03-14T09:30",
        "2026-03-14T09:30:00.000Z",  # the platforms' exports (T1): ISO with a zone
        "2026-03-14T09:30:00-05:00",
        "2026-03-14T21:30:00+0100",
        "3/14/2026 9:30 AM",
        "3/14/2026",
        "03/14/2026",
        "3/14/26",
        "2026/3/14",
        "3-14-2026",
        "14-Mar-2026",
        "14-Mar-26",
        "Mar 14, 2026",
        "March 14, 2026",
        "14 March 2026",
        SERIAL,
        float(SERIAL),
        float(SERIAL) + 0.75,  # a datetime serial: the day counts
        str(SERIAL),
        f"{SERIAL}.0",
        np.int64(SERIAL),
        np.float64(SERIAL),
        Decimal(SERIAL),
        dt.datetime(2026, 3, 14, 13, 5),
        MARCH_14,
        pd.Timestamp("2026-03-14 08:00"),
        np.datetime64("2026-03-14"),
    ],
)
def test_every_date_form_reads_as_the_same_day(value):
    assert read_date(value) == MARCH_14
    assert parse_date(value, "submission date") == MARCH_14


def test_excel_serials_follow_excels_calendar():
    """45383 is 2024-04-01 in Excel; a serial counts days from 1899-12-30."""
    assert read_date(45383) == dt.date(2024, 4, 1)
    assert read_date(45383 + 366) == dt.date(2025, 4, 2)


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), pd.NaT, pd.NA, np.nan])
def test_blanks_are_none_for_dates_and_counts(value):
    assert is_blank(value)
    assert read_date(value) is None
    assert parse_date(value, "submission date") is None
    assert parse_count(value, "local licenses") is None


@pytest.mark.parametrize("value", [0, "0", 7, "x", "soon", True, "13/14/2026", "2/30/2026"])
def test_cells_that_are_not_dates_read_as_none(value):
    """Small numbers are counts, not dates (a serial must fall in 1954-2119)."""
    assert read_date(value) is None


@pytest.mark.parametrize("value", ["next tuesday", "2/30/2026", "14/3/2026", True, 5])
def test_a_date_option_that_is_not_a_date_names_it_and_the_formats(value):
    with pytest.raises(InputError) as caught:
        parse_date(value, "requested date", sheet="Settings", column="Requested Date")
    error = caught.value
    assert f"cannot read the requested date '{value}'" in error.message
    assert "M/D/YYYY" in error.message
    assert (error.sheet, error.column) == ("Settings", "Requested Date")


@pytest.mark.parametrize("error", sorted(EXCEL_ERRORS))
def test_excel_error_values_are_named_never_read(error):
    assert excel_error(error) == error
    assert excel_error(f" {error.lower()} ") == error
    assert read_date(error) is None
    with pytest.raises(InputError, match=re.escape(f"Excel error value ({error})")):
        parse_date(error, "as-of date")
    with pytest.raises(InputError, match=re.escape(f"Excel error value ({error})")):
        parse_count(error, "local licenses")


def test_excel_error_is_none_for_ordinary_values():
    assert [excel_error(v) for v in ("N/A", "#", 3, None, "#TBD")] == [None] * 5


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (250, 250),
        (250.0, 250),
        ("250", 250),
        (" 250 ", 250),
        ("250.0", 250),
        ("1,000", 1000),
        (np.int64(5), 5),
        (Decimal("12"), 12),
        (0, 0),
    ],
)
def test_whole_counts(value, expected):
    assert parse_count(value, "local licenses") == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("-1", "not a whole number"),
        (2.5, "not a whole number"),
        ("ten", "not a number"),
        ("1,00", "not a number"),
        (True, "not a number"),
        (float("inf"), "not a number"),
    ],
)
def test_counts_that_are_not_whole_are_refused_with_the_name(value, reason):
    with pytest.raises(InputError, match=f"the local licenses '{value}' is {reason}"):
        parse_count(value, "local licenses")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Phone #", "phone"),
        ("phone_number ", "Phone Number"),
        ("Submission Date", "SUBMISSION-DATE"),
    ],
)
def test_name_keys_compare_without_case_spaces_or_punctuation(a, b):
    assert name_key(a) == name_key(b) != ""


def test_name_key_of_nothing_is_empty():
    assert [name_key(v) for v in (None, float("nan"), "  ")] == ["", "", ""]
