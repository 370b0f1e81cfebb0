"""C10 escalation answers, the C11 CSR request case and the C12 reminder, as plain text.

C10 (the article's troubleshooting table): Inteliquent / Onvoy LLC / Neutral Tandem: give
the PIN; a Bandwidth PIN rejection: check Bandwidth's portal; Verizon: email Verizon for
their CSR; anything else: the manager or lead. Carrier names compare like C6's.

C11: the Salesforce case fields, a description listing the numbers, the rejection reason
and the security verification performed, and what to tell the customer: retrieval takes
up to ``Settings.csr_retrieval_business_days`` business days, and porting out does not
cancel the account (C12). UK numbers go in their own case for Customer Support-UK.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from lnp_excel.core.calendar import add_business_days
from lnp_excel.core.csr.common import text_key, word_match
from lnp_excel.core.csr.eligibility import parse_as_of
from lnp_excel.core.csr.pin import is_pin_carrier
from lnp_excel.core.errors import InputError
from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.settings import Settings

PIN_WORDS = ("pin", "passcode", "password", "security code")
NO_REJECTION = "none: the customer asked for a CSR"


@dataclass(frozen=True)
class Escalation:
    """The article's row for a rejection: the situation it matched and what to do."""

    situation: str
    resolution: str
    rule: str = "C10"


def escalation_answer(
    carrier: object, reason: str = "", *, settings: Settings | None = None
) -> Escalation:
    """What to do about a rejected port-out from ``carrier`` (C10).

    ``reason`` is the rejection text; a Bandwidth rejection counts as a PIN rejection when
    it mentions a PIN (or says nothing), otherwise it goes to the manager like any other.
    """
    settings = settings or Settings()
    key = text_key(carrier)
    reason_key = text_key(reason)
    if is_pin_carrier(carrier, settings):
        return Escalation(
            "Port out from Inteliquent / Onvoy LLC / Neutral Tandem",
            f"Provide the customer the PIN '{settings.csr_pin}' (a lower-case x is necessary)",
        )
    if word_match(key, [text_key(c) for c in settings.bandwidth_carriers]) and (
        not reason_key or word_match(reason_key, PIN_WORDS)
    ):
        return Escalation("Bandwidth PIN rejection", settings.escalation_bandwidth)
    if word_match(key, [text_key(c) for c in settings.verizon_carriers]):
        return Escalation("Verizon numbers", settings.escalation_verizon)
    return Escalation("Anything else", settings.escalation_other)


@dataclass(frozen=True)
class CsrCase:
    """One Salesforce case to create (C11), and what to tell the customer (C11, C12)."""

    subject: str
    owner: str
    record_type: str
    category: str
    sub_category: str
    origin: str
    numbers: tuple[str, ...]
    description: str
    customer_message: str
    due: dt.date

    def text(self) -> str:
        """The case as the agent types it in, field by field."""
        return "\n".join(
            [
                f"Subject: {self.subject}",
                f"Owner: {self.owner}",
                f"Case Record Type: {self.record_type}",
                f"Category: {self.category}",
                f"Sub Category: {self.sub_category}",
                f"Case Origin: {self.origin}",
                "Severity: set issue level 2 and issue level 3 for the issue experienced",
                "",
                "Description:",
                self.description,
                "",
                "Tell the customer:",
                self.customer_message,
                "",
                "After saving, open the case and confirm the Owner and Provider Group.",
            ]
        )


def csr_request_cases(
    numbers: Iterable[object],
    *,
    verification: str,
    rejection_reason: str | None = None,
    pin_request: bool = False,
    as_of: dt.date | str | None = None,
    settings: Settings | None = None,
) -> list[CsrCase]:
    """The CSR request case(s) for ``numbers`` (C11): one for LNP Queue - US, and one for
    Customer Support-UK when UK numbers are among them.

    Unreadable numbers and a missing verification are errors: the case must say which
    numbers and how the caller was verified.
    """
    settings = settings or Settings()
    if not verification or not verification.strip():
        raise InputError(
            "describe the security verification performed, including that the customer's "
            "role has the phone numbers permission (C11)"
        )
    values = pd.Series(list(numbers), dtype=object)
    if values.empty:
        raise InputError("no numbers given for the CSR request case (C11)")
    verdicts = normalize_numbers(values)
    bad = verdicts[verdicts["number"] == ""]
    if len(bad):
        listed = "; ".join(f"'{v}': {r}" for v, r in zip(bad["input"], bad["reason"], strict=True))
        raise InputError(f"numbers that cannot be read: {listed}")
    good = verdicts.drop_duplicates(subset="number")
    due = add_business_days(
        parse_as_of(as_of), settings.csr_retrieval_business_days, country=settings.holiday_country
    )
    reason = rejection_reason.strip() if rejection_reason and rejection_reason.strip() else None
    message = (
        f"It may take up to {settings.csr_retrieval_business_days} business days to retrieve "
        f"the CSR (by {due:%A, %B} {due.day}, {due.year}). {settings.port_out_reminder}"
    )
    cases = []
    for uk, part in good.groupby(good["region"] == "GB", sort=True):
        listed = tuple(part["number"])
        description = "\n".join(
            [
                f"Numbers the customer is porting out from 8x8 ({len(listed)}):",
                *listed,
                f"Rejection reason: {reason or NO_REJECTION}",
                f"Security verification performed: {verification.strip()}",
            ]
        )
        cases.append(
            CsrCase(
                subject=settings.csr_case_subject,
                owner=settings.uk_provider_group if uk else settings.csr_case_owner,
                record_type=settings.csr_case_record_type,
                category=settings.csr_case_category,
                sub_category=settings.csr_case_pin_sub_category
                if pin_request
                else settings.csr_case_sub_category,
                origin=settings.csr_case_origin,
                numbers=listed,
                description=description,
                customer_message=message,
                due=due,
            )
        )
    return cases
