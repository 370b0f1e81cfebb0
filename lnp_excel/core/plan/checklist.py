"""What the partner must have and do: the checklist (P3, P6-P12), one line per item.

Small tables (one line per carrier or step) built from the requests table and a few
counts, so plain Python is fine here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from lnp_excel.core.calendar import add_business_days
from lnp_excel.core.plan.paths import CUSTOM, MANAGED, PATHS, SELF_SERVICE
from lnp_excel.core.plan.requests import Carriers
from lnp_excel.core.plan.summary import by_path
from lnp_excel.core.plan.terms import PathTerms, requested_date_text, short_notice
from lnp_excel.core.settings import Settings
from lnp_excel.core.values import plural

MAX_IDS_LISTED = 6  # request ids named on one checklist line
# P12: what to check on the day of the port; the plan's checklist ends with these lines
# and the tracker shows them beside the requests porting today or next (T4).
DAY_OF_PORT: tuple[tuple[str, str, str], ...] = (
    (
        "Day of port: assign every number",
        "numbers not assigned to a user or service ring busy until they are assigned",
        "P12",
    ),
    (
        "Day of port: auto attendant greetings",
        "an auto attendant without a greeting rings busy: check the business hours, "
        "after hours, lunch and alternate menus each have one",
        "P12",
    ),
    (
        "Day of port: calls still reach the old carrier",
        "if this lasts more than a few hours, ask the losing carrier for a scrub; calls "
        "from mobile carriers can take a few minutes longer to propagate",
        "P12",
    ),
)


def _ids(listed: tuple[int, Sequence[str]]) -> str:
    """ "SS-1, SS-2 and 40 more" from (how many, the first few)."""
    total, ids = listed
    shown = ", ".join(ids[:MAX_IDS_LISTED])
    more = total - min(len(ids), MAX_IDS_LISTED)
    return f"{shown} and {more:,} more" if more > 0 else shown


def _money(value: float) -> str:
    return f"${value:,.2f}"


def checklist(
    requests: pd.DataFrame,
    numbers_path: np.ndarray,
    carriers: Carriers,
    carrier_requests: Mapping[int, tuple[int, Sequence[str]]],
    licenses: pd.DataFrame,
    exceptions: int,
    submit: dt.date,
    requested: dt.date | None,
    settings: Settings,
    terms: dict[str, PathTerms],
) -> pd.DataFrame:
    """The lines to tick before and on the day of the port, each citing its rule; every
    date comes from ``terms``, as on the Requests sheet."""
    lines: list[tuple[str, str, str]] = []
    planned = int((numbers_path >= 0).sum())
    lines.append(
        (
            "Number list",
            f"{plural(planned, 'number')} to port in {plural(len(requests), 'request')}: "
            "the Numbers and Requests sheets",
            "P10",
        )
    )
    lines.append(("Customer's bill", "a copy of the customer's latest bill", "P10"))
    lines += _carrier_lines(numbers_path, carriers, carrier_requests)
    if exceptions:
        lines.append(
            (
                "Exceptions",
                f"{plural(exceptions, 'row')} in no request (Exceptions sheet): correct them "
                "and plan again, or leave them out knowingly",
                "N2, N6",
            )
        )
    lines += _license_lines(licenses)
    lines += _path_lines(requests, planned, settings)
    lines += _date_lines(requests, submit, requested, settings, terms)
    if (requests["path"] == MANAGED).any():
        lines += _managed_timeline(submit, settings)
    lines += DAY_OF_PORT
    return pd.DataFrame(lines, columns=["item", "detail", "rule"])


def _carrier_lines(
    numbers_path: np.ndarray,
    carriers: Carriers,
    carrier_requests: Mapping[int, tuple[int, Sequence[str]]],
) -> list[tuple[str, str, str]]:
    """P10: one CSR line per losing carrier, with its numbers and requests; P3 for unknown;
    P3b: wireless carriers' account number and PIN, names that look like a listed one."""
    planned = numbers_path >= 0
    per_code = np.bincount(carriers.codes[planned] + 1, minlength=len(carriers.keys) + 1)
    lines = []
    for code in np.argsort(np.array(carriers.keys, dtype=object), kind="stable").tolist():
        count = int(per_code[code + 1])
        if count:
            ids = carrier_requests.get(code, (0, ()))
            name = carriers.names[code]
            lines.append((f"CSR from {name}", f"{plural(count, 'number')} in {_ids(ids)}", "P10"))
            if carriers.wireless[code]:
                lines.append(
                    (
                        f"Account number and transfer PIN: {name}",
                        f"{plural(count, 'wireless number')} ({_ids(ids)}): ask the customer "
                        f"for the {name} account number and the transfer PIN (port-out PIN) "
                        "before submitting",
                        "P3b",
                    )
                )
            if carriers.suggestions[code]:
                lines.append(
                    (
                        f"Carrier name to confirm: {name}",
                        f"{name} looks like {carriers.suggestions[code]}: add it as an alias? "
                        "Add it to the Carrier Directory and plan again, or keep it apart "
                        "knowingly",
                        "P3b",
                    )
                )
    unknown = int(per_code[0])
    if unknown:
        lines.append(
            (
                "Losing carrier unknown",
                f"{plural(unknown, 'number')} without a carrier "
                f"({_ids(carrier_requests.get(-1, (0, ())))}): find the carrier on the bill or a "
                "CSR and confirm it before submitting",
                "P3, P10",
            )
        )
    return lines


def _license_lines(licenses: pd.DataFrame) -> list[tuple[str, str, str]]:
    lines = []
    for row in licenses.itertuples(index=False):
        if not row.needed:
            continue
        if pd.isna(row.available):
            detail = (
                f"{row.needed:,} {row.license} licenses needed: check the PBX has them "
                "before the port"
            )
            lines.append((f"Licenses: {row.type}", detail, "P9"))
        elif row.shortfall:
            detail = (
                f"{row.needed:,} needed, {row.available:,} available: add {row.shortfall:,} "
                f"{row.license} licenses before the port"
            )
            lines.append((f"License shortfall: {row.type}", detail, "P9"))
        else:
            detail = f"{row.needed:,} needed, {row.available:,} available: enough"
            lines.append((f"Licenses: {row.type}", detail, "P9"))
    return lines


def _path_lines(
    requests: pd.DataFrame, planned: int, settings: Settings
) -> list[tuple[str, str, str]]:
    lines = []
    totals = by_path(requests)
    ss_requests = totals[SELF_SERVICE][0]
    if ss_requests:
        lines.append(
            (
                "Submit the self-service requests",
                f"{plural(ss_requests, 'request')} in Admin Console, one per row of the "
                f"Requests sheet: at most {settings.self_service_max_numbers} numbers, one "
                "NPA-NXX, one carrier and one account (BTN, account number, service address, "
                "when the list gives them) each; local and toll-free apart",
                "P1, P2, P3, P3a",
            )
        )
    mg_requests, mg_numbers, mg_cost = totals[MANAGED]
    if mg_requests:
        lines.append(
            (
                "Order Managed porting",
                f"order the Managed Local Number Porting SKU in PartnerXchange for "
                f"{plural(mg_numbers, 'number')}: {_money(mg_cost)} "
                f"(${settings.managed_price_per_number} a number, "
                f"${settings.managed_minimum_charge} minimum)",
                "P4, P5",
            )
        )
    cu_requests, cu_numbers, _ = totals[CUSTOM]
    if cu_requests:
        lines.append(
            (
                "Custom porting",
                f"{plural(cu_numbers, 'number')} outside the US and Canada can "
                "only port by Custom porting: ask your Account Manager for a scoping call and "
                "a statement of work",
                "P4, P6",
            )
        )
    if planned >= settings.custom_suggest_from:
        lines.append(
            (
                "Consider Custom porting",
                f"{planned:,} numbers (from {settings.custom_suggest_from} on): Custom porting "
                "may be more cost effective depending on complexity; ask your Account Manager",
                "P6",
            )
        )
    return lines


def _date_lines(
    requests: pd.DataFrame,
    submit: dt.date,
    requested: dt.date | None,
    settings: Settings,
    terms: dict[str, PathTerms],
) -> list[tuple[str, str, str]]:
    lines = []
    used = [path for path in PATHS if (requests["path"] == path).any()]
    counted = add_business_days(submit, 0, country=settings.holiday_country)
    if counted != submit and any(terms[path].earliest is not None for path in used):
        lines.append(
            (
                "Submission date",
                f"{submit:%Y-%m-%d} is not a business day: the SLA counts from {counted:%Y-%m-%d}",
                "P5, P7",
            )
        )
    said = requested_date_text(requested, terms, used) if requested is not None else ""
    if said:
        lines.append(("Requested date", said, "P7, P8"))
    ss = bool((requests["path"] == SELF_SERVICE).any())
    if ss and short_notice(submit, requested, settings):
        lines.append(
            (
                "Short notice",
                f"requested within {settings.short_notice_days} days of submission: "
                "self-service confirmation may come only the night before",
                "P7",
            )
        )
    low, high = requests["expedite_min"].sum(), requests["expedite_max"].sum()
    if requests["expedite_min"].notna().any():
        lines.append(
            (
                "Expedite",
                f"the requested date is sooner than the SLA: an expedite costs {_money(low)}-"
                f"{_money(high)} (${settings.expedite_min_per_number}-"
                f"${settings.expedite_max_per_number} a number) once a port date is gained, "
                "and the losing carrier may deny it",
                "P8",
            )
        )
    return lines


def _managed_timeline(submit: dt.date, settings: Settings) -> list[tuple[str, str, str]]:
    """P11 with dates: created within 24 h, assigned within 48 h, answers in 2 business days."""
    created = submit + dt.timedelta(hours=settings.case_created_within_hours)
    assigned = created + dt.timedelta(hours=settings.case_assigned_within_hours)
    answered = add_business_days(
        assigned, settings.agent_response_business_days, country=settings.holiday_country
    )
    return [
        (
            "Managed case created",
            f"within {settings.case_created_within_hours} hours of the purchase "
            f"(by {created:%Y-%m-%d})",
            "P11",
        ),
        (
            "Managed case assigned",
            f"within {settings.case_assigned_within_hours} hours of the case "
            f"(by {assigned:%Y-%m-%d})",
            "P11",
        ),
        (
            "Managed agent response",
            f"first contact and answers within {settings.agent_response_business_days} "
            f"business days (by {answered:%Y-%m-%d})",
            "P11",
        ),
        (
            "Answer the porting agent",
            f"a case pending the customer's response for {settings.pending_customer_close_days} "
            "days closes and must be reopened",
            "P11",
        ),
    ]
