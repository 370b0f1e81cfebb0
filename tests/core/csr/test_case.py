"""C11 CSR request case, C12 reminder, and the 7-business-day retrieval date."""

from __future__ import annotations

import datetime as dt

import pytest

from lnp_excel.core.csr.escalation import csr_request_cases
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings

VERIFIED = "Caller passed the PIN check; role includes Phone Numbers"


def test_case_fields_from_the_article():
    [case] = csr_request_cases(
        ["(212) 555-0100", "212.555.0101", "2125550100"],
        verification=VERIFIED,
        rejection_reason="PIN mismatch",
        as_of="2024-06-10",
    )
    assert case.subject == "Port Out - CSR request"
    assert case.owner == "LNP Queue - US"
    assert case.record_type == "Porting Request"
    assert case.category == "Port Outs"
    assert case.sub_category == "CSR Request"
    assert case.origin == "Internal"
    assert case.numbers == ("2125550100", "2125550101")  # the same number twice is one
    assert "Rejection reason: PIN mismatch" in case.description
    assert f"Security verification performed: {VERIFIED}" in case.description
    assert "2125550101" in case.description


def test_customer_message_has_retrieval_time_and_no_cancellation():
    [case] = csr_request_cases(["2125550100"], verification=VERIFIED, as_of="2024-12-20")
    # 7 business days after Friday 20 December 2024, skipping Christmas and New Year's Day
    assert case.due == dt.date(2025, 1, 2)
    assert "up to 7 business days" in case.customer_message
    assert "Thursday, January 2, 2025" in case.customer_message
    assert "does not cancel" in case.customer_message  # C12
    text = case.text()
    assert text.startswith("Subject: Port Out - CSR request")
    assert "Tell the customer:" in text and "does not cancel" in text


def test_uk_numbers_get_their_own_case_for_customer_support_uk():
    cases = csr_request_cases(
        ["2125550100", "+44 20 7946 0958"], verification=VERIFIED, as_of="2024-06-10"
    )
    assert [c.owner for c in cases] == ["LNP Queue - US", "Customer Support-UK"]
    assert cases[1].numbers == ("+442079460958",)


def test_pin_request_sub_category_and_settings():
    settings = Settings(csr_retrieval_business_days=3)
    [case] = csr_request_cases(
        ["2125550100"],
        verification=VERIFIED,
        pin_request=True,
        as_of="2024-06-10",
        settings=settings,
    )
    assert case.sub_category == "Account #/PIN Request"
    assert case.due == dt.date(2024, 6, 13)


def test_verification_and_readable_numbers_are_required():
    with pytest.raises(InputError, match="security verification"):
        csr_request_cases(["2125550100"], verification=" ")
    with pytest.raises(InputError, match="'555-1234'"):
        csr_request_cases(["2125550100", "555-1234"], verification=VERIFIED)
    with pytest.raises(InputError, match="no numbers"):
        csr_request_cases([], verification=VERIFIED)
