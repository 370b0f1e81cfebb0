"""Gaps the bad-input corpus (issue #6) found in the engine and the planner, now fixed.

libphonenumber is the reference the README promises for verdicts (N3).
"""

from __future__ import annotations

import pandas as pd
import phonenumbers
import pytest

from lnp_excel import normalize_numbers, plan_ports

EXCEL_ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!"]


def test_excel_error_values_are_named_in_the_reason() -> None:
    result = normalize_numbers(EXCEL_ERRORS)
    assert (result["status"] == "invalid").all()
    for error, reason in zip(EXCEL_ERRORS, result["reason"], strict=True):
        assert error in reason and "error" in reason.casefold(), reason


DEVANAGARI = "२१२७३६१२३४"
ARABIC_INDIC = "٢١٢٧٣٦١٢٣٤"


@pytest.mark.parametrize("typed", [ARABIC_INDIC, DEVANAGARI])
def test_unicode_decimal_digits_read_like_fullwidth_ones(typed: str) -> None:
    assert phonenumbers.is_valid_number(phonenumbers.parse(typed, "US"))
    result = normalize_numbers([typed, "２１２７３６１２３４"])
    assert result["number"].tolist()[0] == "2127361234"


def test_superscript_digits_are_not_a_number() -> None:
    typed = "²¹²⁷³⁶¹²³⁴"
    with pytest.raises(phonenumbers.NumberParseException):
        phonenumbers.parse(typed, "US")
    assert normalize_numbers([typed])["status"].tolist() == ["invalid"]


def test_invisible_format_marks_are_ignored() -> None:
    typed = "\u202a718-387-2206\u202c"
    assert phonenumbers.is_valid_number(phonenumbers.parse(typed, "US"))
    assert normalize_numbers([typed])["number"].tolist() == ["7183872206"]


def test_scientific_notation_that_kept_every_digit_is_not_called_lossy() -> None:
    result = normalize_numbers(["2.127361234E+09"])
    assert result["number"].tolist() == ["2127361234"] or "dropped" not in result["reason"][0]


@pytest.mark.parametrize("typed", ["1E+9999", "2.5E+99999999", "9E+4300"])
def test_n2_a_huge_exponent_is_lossy_scientific_notation_not_a_traceback(typed: str) -> None:
    row = normalize_numbers([typed]).iloc[0]
    assert row["status"] == "invalid" and "scientific notation" in row["reason"]


def test_excel_errors_in_the_carrier_column_are_unknown_carriers() -> None:
    frame = pd.DataFrame(
        {"Phone Number": ["2127361234", "2127361235"], "Carrier": ["#REF!", "#VALUE!"]}
    )
    plan = plan_ports(frame, submit_date="2025-03-03")
    assert (plan.requests["unknown_carrier"] > 0).all(), plan.requests[["request", "carrier"]]
