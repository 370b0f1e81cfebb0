"""Every limit, price, PIN and window in one place (DOMAIN.md: "one settings object").

Defaults come from the two source articles; teams change them on the workbooks' Settings
sheet or with ``Settings.from_pairs`` without touching code.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from lnp_excel.core.values import parse_count


@dataclass(frozen=True)
class Settings:
    """Handbook (P*) and CSR-article (C*) constants. Field docs cite the rule."""

    # Numbers (N1-N6)
    default_region: str = "US"

    # Self-service (P1-P4, P7)
    self_service_max_numbers: int = 50  # P1
    self_service_min_days: int = 7  # P7
    self_service_max_days: int = 10  # P7
    self_service_window: str = "3-5 AM Pacific (rarely as late as 3 PM); no requested time"  # P7
    short_notice_days: int = 7  # P7: confirmation may come only the night before

    # Managed (P5)
    managed_price_per_number: Decimal = Decimal("5")
    managed_minimum_charge: Decimal = Decimal("50")
    managed_min_days: int = 15
    managed_max_days: int = 21
    managed_window: str = "requestable between 5 AM and 3 PM Pacific"

    # Custom (P6)
    custom_suggest_from: int = 150
    custom_window: str = "requestable; agreed in the statement of work"

    # Expedite (P8)
    expedite_min_per_number: Decimal = Decimal("75")
    expedite_max_per_number: Decimal = Decimal("300")

    # Managed case timeline (P11)
    case_created_within_hours: int = 24
    case_assigned_within_hours: int = 48
    agent_response_business_days: int = 2
    pending_customer_close_days: int = 5

    # Calendar
    holiday_country: str = "US"

    # CSR (C1-C11)
    port_out_window_days: int = 60  # C1
    csr_pin: str = "8x82125"  # C6, C10 (lower-case x)
    pin_carriers: tuple[str, ...] = ("inteliquent", "intelliquent", "onvoy", "neutral tandem")
    csr_file_prefix: str = "8x8"  # C8
    csr_retrieval_business_days: int = 7  # C11
    carrier_lookup_default: str = "Not listed: talk to your manager for next steps"  # C3

    # Port-in planner routing (P4-P6). Region codes compare without case (a Settings sheet
    # stores lists lower-cased). Self-service regions first, then Managed, else Custom.
    self_service_regions: tuple[str, ...] = ("us",)  # P4: "available for numbers in the US"
    managed_regions: tuple[str, ...] = ("us", "ca")  # P5: "US and Canadian"
    # Assumption (P4/P5 silent): US toll-free stays in Self-Service, in its own requests
    # (never mixed with local, as Bandwidth and Telnyx require); False sends it to Managed.
    self_service_toll_free: bool = True
    # P3: carrier cells that mean "we do not know" (compared like carrier names).
    unknown_carrier_words: tuple[str, ...] = (
        "unknown",
        "n/a",
        "none",
        "tbd",
        "?",
        "not sure",
        "other",
    )
    request_id_carrier_chars: int = 16  # readable request ids: SS-212736-ATT-01
    self_service_price_per_number: Decimal = Decimal("0")  # P7: self-service is free
    # P9: license names shown in the plan's license check.
    local_license_name: str = "X Series or Additional Number"
    toll_free_license_name: str = "Toll Free Number"

    # Port-out CSR preparation (C1-C13), appended for lnp_excel.core.csr. Lists compare
    # without case, spaces or punctuation (a Settings sheet stores them lower-cased).
    # C1: statuses that mean "on the account now"; "gone" statuses are portable only within
    # port_out_window_days of their date. Any other status is flagged for a person to check.
    active_statuses: tuple[str, ...] = ("assigned", "available", "active", "in service", "in use")
    inactive_statuses: tuple[str, ...] = (
        "released",
        "cancelled",
        "canceled",
        "disconnected",
        "deactivated",
        "inactive",
        "terminated",
        "ported out",
        "aging",
    )
    inventory_statuses: tuple[str, ...] = ("assigned", "available")  # C5: rows a CSR keeps
    # C3: country cells that mean the United States (anything else, once known, is non-US).
    us_country_names: tuple[str, ...] = (
        "us",
        "usa",
        "united states",
        "united states of america",
        "america",
    )
    uk_country_names: tuple[str, ...] = ("gb", "uk", "gbr", "united kingdom", "great britain")
    uk_provider_group: str = "Customer Support-UK"  # C3, C11: UK port-outs go there
    # C11 CSR request case fields (Salesforce), and the C12 reminder for the customer.
    csr_case_subject: str = "Port Out - CSR request"
    csr_case_owner: str = "LNP Queue - US"
    csr_case_record_type: str = "Porting Request"
    csr_case_category: str = "Port Outs"
    csr_case_sub_category: str = "CSR Request"
    csr_case_pin_sub_category: str = "Account #/PIN Request"
    csr_case_origin: str = "Internal"
    port_out_reminder: str = (
        "Porting numbers out does not cancel the 8x8 account: if the customer wants to "
        "cancel 8x8 service, the cancellation must be requested explicitly and separately."
    )  # C12
    # C10 escalation answers (the PIN answer uses csr_pin and pin_carriers).
    bandwidth_carriers: tuple[str, ...] = ("bandwidth",)
    verizon_carriers: tuple[str, ...] = ("verizon", "mci", "cellco")
    escalation_bandwidth: str = (
        "Check Bandwidth's portal to see if the number has a PIN applied and provide it to "
        "the customer"
    )
    escalation_verizon: str = "Email Verizon requesting their CSR and use the information provided"
    escalation_other: str = "Speak to your manager or lead for next steps"

    # Letter of Authorization (L1-L5). ``loa_authorization`` names the gaining provider as
    # {provider} and the losing carrier as {carrier}.
    gaining_provider: str = "8x8, Inc."  # L2
    loa_valid_days: int = 30  # L3: carriers take LOAs signed within 30 days
    loa_authorization: str = (
        "I authorize {provider} to act as my agent to port the telephone numbers listed "
        "below from {carrier} to {provider}, and to obtain the account information the "
        "port needs. I am the account holder or am authorized to act for the customer named "
        "above, and the name, address and numbers given are those on the current {carrier} "
        "bill."
    )
    loa_bill_copy: str = (
        "{carrier} asks for a copy of a recent bill (dated within the last 30 days): please "
        "attach one when you return this letter."
    )  # L5

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    def as_pairs(self) -> list[tuple[str, str]]:
        """(name, value) rows for a Settings sheet, in declaration order."""
        rows = []
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = "; ".join(value)
            rows.append((f.name, str(value)))
        return rows

    @classmethod
    def from_pairs(cls, pairs: Any) -> Settings:
        """Build from (name, value) rows as read back from a Settings sheet.

        Unknown names are skipped (a sheet may hold other inputs, which the actions read
        themselves); values that do not parse raise ValueError naming the setting.
        """
        known = {f.name: f for f in fields(cls)}
        defaults = cls()
        changes: dict[str, Any] = {}
        for name, raw in pairs:
            if name is None or str(name).strip() == "":
                continue
            key = str(name).strip()
            if key not in known or raw is None or str(raw).strip() == "":
                continue
            current = getattr(defaults, key)
            try:
                changes[key] = _coerce(current, raw)
            except (ValueError, ArithmeticError) as exc:
                raise ValueError(f"Setting '{key}': cannot read {raw!r} ({exc})") from None
        return cls(**changes)


def _coerce(like: Any, raw: Any) -> Any:
    if isinstance(like, bool):
        return str(raw).strip().lower() in {"1", "true", "yes", "y"}
    if isinstance(like, int):
        return parse_count(raw, "value")
    if isinstance(like, Decimal):
        return Decimal(str(raw).strip().lstrip("$").replace(",", ""))
    if isinstance(like, tuple):
        return tuple(p.strip().lower() for p in str(raw).split(";") if p.strip())
    return str(raw).strip()


DEFAULT_SETTINGS = Settings()
