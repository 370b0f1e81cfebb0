"""Rules N1-N6 on the examples DOMAIN.md gives and the edge cases agents meet."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from lnp_excel.core.numbers import COLUMNS, normalize_numbers


def one(value: object) -> pd.Series:
    return normalize_numbers([value]).iloc[0]


@pytest.mark.parametrize(
    "value",
    [
        "(212) 736-1234",
        "212.736.1234",
        "+1 212 736 1234",
        "1-212-736-1234",
        2127361234.0,
        2127361234,
        "  212 736 1234  ",
        "212\u00a0736\u00a01234",
        "'2127361234",
        "\u2019212-736-1234",
        "２１２７３６１２３４",  # full-width digits from Asian keyboards
        "2127361234.0",
        "+1 (212) 736-1234",
        "\ufeff212-736-1234",
    ],
)
def test_n1_any_human_format_becomes_ten_digits(value: object) -> None:
    row = one(value)
    assert (row["number"], row["status"], row["region"], row["npa_nxx"]) == (
        "2127361234",
        "ok",
        "US",
        "212736",
    )


def test_n1_international_numbers_are_kept_as_e164() -> None:
    frame = normalize_numbers(["+44 20 7946 0958", "011 33 1 42 68 53 00", "+61 2 9374 4000"])
    assert list(frame["number"]) == ["+442079460958", "+33142685300", "+61293744000"]
    assert list(frame["region"]) == ["GB", "FR", "AU"]


@pytest.mark.parametrize(
    ("value", "reason_part"),
    [
        ("212-736-123", "too few digits (9)"),
        ("2.12736E+09", "scientific notation"),
        ("2.12736e9", "scientific notation"),
        ("212-736-1234, 212-736-1235", "2 numbers in one cell"),
        ("212-736-1234 / 212-736-1235", "in one cell"),
        ("2127361234 2127361235", "two numbers in one cell?"),
        ("CALL-ME-NOW", "letters"),
        ("2l2-736-1234", "letter 'l'"),
        ("212-736-12345", "11 digits"),
        ("0123456789", "area code cannot start with 0 or 1"),
        ("212-036-1234", "exchange (digits 4-6) cannot start with 0 or 1"),
        (True, "TRUE/FALSE"),
        (dt.date(2024, 5, 1), "a date"),
        (dt.datetime(2024, 5, 1, 9, 30), "a date"),
        (2127361234.5, "decimal"),
        ("12.5", "decimal"),
        ("+0 212 736 1234", "country code"),
        ("+999 1234 5678", "unknown country code"),
        ("-", "no digits"),
        ("212-736-1234 #", "unexpected character"),
    ],
)
def test_n2_refusals_carry_a_reason_and_are_never_guessed(value: object, reason_part: str) -> None:
    row = one(value)
    assert row["status"] == "invalid"
    assert row["number"] == ""
    assert reason_part in row["reason"]


@pytest.mark.parametrize("value", [None, float("nan"), "", "   ", "\u00a0", pd.NA])
def test_empty_cells_are_empty_not_invalid(value: object) -> None:
    row = one(value)
    assert (row["status"], row["reason"], row["number"]) == ("empty", "", "")


def test_nothing_is_dropped_one_row_per_input_in_order() -> None:
    values = ["212-736-1234", None, "junk", "+44 20 7946 0958", 2127361234.0, "212 555 0142"]
    frame = normalize_numbers(values)
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(values)
    assert list(frame["input"])[:3] == values[:3]
    assert math.isnan(frame["input"].iloc[1]) is False if frame["input"].iloc[1] else True


def test_n3_plan_warnings_beyond_libphonenumber() -> None:
    frame = normalize_numbers(["212-411-1234", "212-555-0142", "212-555-0200", "212-736-1234"])
    assert list(frame["status"]) == ["ok"] * 4  # libphonenumber accepts all four
    assert "N11" in frame["warning"].iloc[0]
    assert "fictional" in frame["warning"].iloc[1]
    assert list(frame["warning"].iloc[2:]) == ["", ""]


def test_n4_npa_nxx_is_the_first_six_digits_of_nanp_numbers_only() -> None:
    frame = normalize_numbers(["1 (415) 555-2671", "+44 20 7946 0958", "bad"])
    assert list(frame["npa_nxx"].astype(str)) == ["415555", "", ""]


def test_n5_regions_and_types_are_distinct() -> None:
    frame = normalize_numbers(
        [
            "212-736-1234",
            "416-555-2671",
            "264-497-1234",
            "800-555-1234",
            "+44 20 7946 0958",
            "+44 7400 123456",
        ]
    )
    assert list(frame["region"]) == ["US", "CA", "AI", "US", "GB", "GB"]
    assert list(frame["type"]) == [
        "local",
        "local",
        "fixed-line",
        "toll-free",
        "fixed-line",
        "mobile",
    ]


def test_n6_repeats_in_any_format_name_the_first_row() -> None:
    values = pd.Series(
        ["212-736-1234", "(212) 736 1234", 2127361234.0, "+1 212 736 1234"], index=[5, 6, 7, 8]
    )
    frame = normalize_numbers(values)
    assert list(frame.index) == [5, 6, 7, 8]
    assert list(frame["status"]) == ["ok", "duplicate", "duplicate", "duplicate"]
    assert set(frame["reason"].iloc[1:]) == {"same number as row 5"}


def test_numeric_series_dtypes_are_read_as_numbers() -> None:
    ints = normalize_numbers(pd.Series([2127361234, 4155552671], dtype="int64"))
    floats = normalize_numbers(pd.Series([2127361234.0, np.nan, 1.5]))
    assert list(ints["number"]) == ["2127361234", "4155552671"]
    assert list(floats["status"]) == ["ok", "empty", "invalid"]


def test_large_input_is_chunked_without_changing_answers() -> None:
    base = ["212-736-1234", "bad", "+44 20 7946 0958", None, "415 555 2671"]
    values = base * 50_000  # crosses the 200,000-row chunk boundary
    frame = normalize_numbers(values)
    assert len(frame) == len(values)
    tail = frame.iloc[-5:]
    assert list(tail["status"]) == ["duplicate", "invalid", "duplicate", "empty", "duplicate"]
    assert tail["reason"].iloc[0] == "same number as row 1"


def test_progress_is_reported() -> None:
    seen: list[float] = []
    normalize_numbers(["212-736-1234"] * 10, progress=lambda f, _msg: seen.append(f))
    assert seen and seen[-1] == 1.0
