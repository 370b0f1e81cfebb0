"""T2-T5 on frames: matching by each key, SLA and overdue, day of port, history."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lnp_excel.core.settings import Settings
from lnp_excel.core.track import ORDER_COLUMNS, track_ports
from lnp_excel.core.track.history import keep_agent_columns
from lnp_excel.core.track.match import BY_BTN, BY_NUMBERS, BY_REFERENCE
from lnp_excel.core.track.statuses import (
    BANDWIDTH,
    COMPLETE,
    EXCEPTION,
    FOC_SET,
    NOT_SUBMITTED,
    SUBMITTED,
    lifecycle_status,
)
from lnp_excel.core.track.tracker import DAY_OF_PORT_TEXT

REQUESTS = pd.DataFrame(
    {
        "request": ["SS-512474-ATT-01", "SS-512474-ATT-02", "MG-LOCAL", "SS-212736-VZ-01"],
        "path": ["Self-Service", "Self-Service", "Managed", "Self-Service"],
        "carrier": ["AT&T", "AT&T", "Bell Canada", "Verizon"],
        "btn": ["5124741000", "5124742000", "", ""],
    }
)
NUMBERS = pd.DataFrame(
    {
        "number": ["5124741001", "5124741002", "5124742001", "4163632000", "2127361201"],
        "request": [
            "SS-512474-ATT-01",
            "SS-512474-ATT-01",
            "SS-512474-ATT-02",
            "MG-LOCAL",
            "SS-212736-VZ-01",
        ],
    }
)
MONDAY = dt.date(2026, 3, 2)


def order(**fields: object) -> dict[str, object]:
    row = dict.fromkeys(ORDER_COLUMNS, "")
    row.update(platform=BANDWIDTH, order_date=MONDAY, foc_date=None)
    row.update(fields)
    row.setdefault("status", "")
    if not row["status"]:
        row["status"] = lifecycle_status(str(row["platform"]), row["platform_status"])
    return row


def tracked(*orders: dict[str, object], **options: object):
    frame = pd.DataFrame(list(orders), columns=list(ORDER_COLUMNS))
    options.setdefault("as_of", MONDAY)
    return track_ports((REQUESTS, NUMBERS), frame, **options)


def row_of(tracking, request: str) -> pd.Series:
    return tracking.tracker.set_index("request").loc[request]


def test_orders_match_by_reference_then_numbers_then_btn_and_carrier() -> None:
    """T2: each of the three keys, and an order matching nothing listed apart."""
    result = tracked(
        order(order_id="A", reference="ss-512474-att-01 ", platform_status="SUBMITTED"),
        order(order_id="B", numbers="+1 (416) 363-2000", platform_status="FOC"),
        order(order_id="C", btn="512-474-2000", carrier="AT&T Corp.", platform_status="DRAFT"),
        order(order_id="D", btn="2127361201", carrier="AT&T", platform_status="SUBMITTED"),
    )
    assert row_of(result, "SS-512474-ATT-01")[["order_id", "matched_by"]].tolist() == [
        "A",
        BY_REFERENCE,
    ]
    assert row_of(result, "MG-LOCAL")[["order_id", "matched_by"]].tolist() == ["B", BY_NUMBERS]
    assert row_of(result, "SS-512474-ATT-02")[["order_id", "matched_by"]].tolist() == ["C", BY_BTN]
    # D's BTN is a Verizon request's number, but the carrier differs: no match (T2)
    assert result.unmatched["order_id"].tolist() == ["D"]
    assert row_of(result, "SS-212736-VZ-01")["status"] == NOT_SUBMITTED


def test_sla_due_by_path_and_overdue_past_it() -> None:
    """T3 with P7 (10 business days) and P5 (21): submitted or exception past the SLA."""
    result = tracked(
        order(reference="SS-512474-ATT-01", platform_status="SUBMITTED"),
        order(reference="SS-512474-ATT-02", platform_status="EXCEPTION"),
        order(reference="MG-LOCAL", platform_status="SUBMITTED"),
        as_of=dt.date(2026, 3, 18),
    )
    first = row_of(result, "SS-512474-ATT-01")
    assert pd.Timestamp(first["sla_due"]).date() == dt.date(2026, 3, 16)  # 10 business days
    assert "past the SLA" in first["overdue"] and first["days_late"] == 2
    assert "past the SLA" in row_of(result, "SS-512474-ATT-02")["overdue"]
    managed = row_of(result, "MG-LOCAL")
    assert pd.Timestamp(managed["sla_due"]).date() == dt.date(2026, 3, 31)  # 21 business days
    assert managed["overdue"] == "" and managed["days_late"] == 0
    assert result.attention == 2
    shorter = tracked(
        order(reference="MG-LOCAL", platform_status="SUBMITTED"),
        as_of=dt.date(2026, 3, 18),
        settings=Settings(managed_max_days=5),
    )
    assert "past the SLA" in row_of(shorter, "MG-LOCAL")["overdue"]


def test_a_foc_date_passed_without_completion_is_flagged() -> None:
    """T3: FOC set, the date gone, not complete; a completed port is not flagged."""
    foc = dt.date(2026, 3, 13)
    result = tracked(
        order(reference="SS-512474-ATT-01", platform_status="FOC", foc_date=foc),
        order(reference="SS-512474-ATT-02", platform_status="COMPLETE", foc_date=foc),
        as_of=dt.date(2026, 3, 16),
    )
    assert (
        "FOC 2026-03-13 passed without completion" in row_of(result, "SS-512474-ATT-01")["overdue"]
    )
    assert row_of(result, "SS-512474-ATT-02")["overdue"] == ""
    assert row_of(result, "SS-512474-ATT-02")["status"] == COMPLETE


@pytest.mark.parametrize(
    ("foc", "checks"),
    [
        (dt.date(2026, 3, 13), True),  # the as-of date, a Friday
        (dt.date(2026, 3, 16), True),  # the next business day, over the weekend
        (dt.date(2026, 3, 17), False),
        (dt.date(2026, 3, 12), False),  # passed: overdue, not day of port
    ],
)
def test_day_of_port_checks_for_today_and_the_next_business_day(foc: dt.date, checks: bool):
    """T4 with P12: the checks the plan's checklist gives, beside the request."""
    result = tracked(
        order(reference="SS-512474-ATT-01", platform_status="FOC", foc_date=foc),
        as_of=dt.date(2026, 3, 13),
    )
    text = row_of(result, "SS-512474-ATT-01")["day_of_port"]
    assert (text == DAY_OF_PORT_TEXT) is checks
    assert "scrub" in DAY_OF_PORT_TEXT and "rings busy" in DAY_OF_PORT_TEXT


def test_exceptions_are_explained_from_the_reject_code_table_unknown_shown_as_given() -> None:
    """T1 with R1/R3: known codes (any platform's name) get the field and fix."""
    result = tracked(
        order(reference="SS-512474-ATT-01", platform_status="EXCEPTION", exception_code="E17"),
        order(
            reference="SS-512474-ATT-02",
            platform_status="EXCEPTION",
            exception_code="POSTAL_CODE_MISMATCH; X-99",
        ),
    )
    first = row_of(result, "SS-512474-ATT-01")
    assert first["field_to_fix"] == "Account Number" and "(R1)" in first["fix"]
    second = row_of(result, "SS-512474-ATT-02")
    assert second["exception_code"] == "POSTAL_CODE_MISMATCH; X-99"
    assert second["field_to_fix"] == "ZIP"
    assert "X-99: not in the reject-code table" in second["fix"]


def test_history_records_changes_once_and_the_same_export_twice_changes_nothing() -> None:
    """T5: the first run records each status; the same export again adds nothing; a
    changed status adds one row with the old and new status and the date."""
    submitted = order(reference="SS-512474-ATT-01", platform_status="SUBMITTED")
    first = tracked(submitted)
    assert len(first.changes) == len(REQUESTS)
    again = tracked(submitted, previous=first.tracker, history=first.history)
    assert again.changes.empty and again.history.equals(first.history)
    later = dt.date(2026, 3, 9)
    moved = tracked(
        order(reference="SS-512474-ATT-01", platform_status="FOC", foc_date=later),
        previous=again.tracker,
        history=again.history,
        as_of=later,
    )
    assert moved.changes[["request", "old_status", "new_status", "date"]].values.tolist() == [
        ["SS-512474-ATT-01", SUBMITTED, FOC_SET, later]
    ]
    assert len(moved.history) == len(first.history) + 1


def test_the_agents_own_columns_are_kept_by_request_id() -> None:
    """T5: an update keeps what the agent typed beside a request, and rows it no longer
    tracks, at the end."""
    new = pd.DataFrame({"Request": ["B", "A"], "Status": [EXCEPTION, SUBMITTED]})
    old = pd.DataFrame(
        {"Request": ["A", "B", "Z"], "Status": ["x", "y", "z"], "Owner": ["Ann", "", "Zed"]}
    )
    kept = keep_agent_columns(new, old, "Request", {"Request", "Status"})
    assert kept["Owner"].tolist() == ["", "Ann", "Zed"]
    assert kept["Status"].tolist()[:2] == [EXCEPTION, SUBMITTED]


def test_an_update_with_one_platforms_export_keeps_what_the_others_said() -> None:
    """T5: a request no export of this run names keeps its last status; no history row."""
    foc = dt.date(2026, 3, 20)
    first = tracked(
        order(order_id="A", reference="SS-512474-ATT-01", platform_status="SUBMITTED"),
        order(order_id="B", reference="MG-LOCAL", platform_status="FOC", foc_date=foc),
    )
    second = tracked(
        order(order_id="A", reference="SS-512474-ATT-01", platform_status="SUBMITTED"),
        previous=first.tracker,
        history=first.history,
    )
    kept = row_of(second, "MG-LOCAL")
    assert kept[["status", "order_id", "matched_by"]].tolist() == [FOC_SET, "B", "earlier update"]
    assert pd.Timestamp(kept["foc_date"]).date() == foc
    assert second.changes.empty


def test_the_python_api_takes_a_plan() -> None:
    """lnp_excel.track_ports on plan_ports' Plan: the same request ids, the plan's settings."""
    from lnp_excel import plan_ports
    from lnp_excel import track_ports as api

    plan = plan_ports(
        pd.DataFrame({"Number": ["512-474-1001", "512-474-1002"], "Carrier": ["AT&T", "AT&T"]}),
        submit_date=MONDAY,
    )
    request = plan.requests["request"].iloc[0]
    result = api(plan, pd.DataFrame([order(reference=request, platform_status="FOC")]))
    assert result.tracker[["request", "status", "numbers"]].values.tolist() == [
        [request, FOC_SET, 2]
    ]


def test_an_agents_note_is_shown_beside_the_platforms_details() -> None:
    """T1: the plain CSV's note ("waiting on the customer's bill") reaches the Tracker row,
    as a platform's status details do, so the agent's own word is not lost."""
    tracking = tracked(
        order(reference="SS-512474-ATT-01", platform_status="SUBMITTED", note="bill asked 3/2"),
        order(
            reference="SS-512474-ATT-02",
            platform_status="EXCEPTION",
            details="BTN does not match",
            note="called AT&T",
        ),
    )
    assert row_of(tracking, "SS-512474-ATT-01")["details"] == "bill asked 3/2"
    assert row_of(tracking, "SS-512474-ATT-02")["details"] == "BTN does not match; called AT&T"
    assert row_of(tracking, "MG-LOCAL")["details"] == ""


def test_orders_are_listed_apart_when_the_plan_formed_no_request() -> None:
    """T2: a list whose every row is an exception plans no request; an order with a BTN
    and carrier then matches nothing (it crashed on a read-only array: found by the
    hostile-input property test on a list of one 'TBD' and a plain status CSV)."""
    from lnp_excel import plan_ports

    plan = plan_ports(pd.DataFrame({"Number": ["TBD"], "Carrier": ["AT&T"]}), submit_date=MONDAY)
    orders = pd.DataFrame(
        [order(order_id="A", btn="6175550101", carrier="AT&T", platform_status="SUBMITTED")],
        columns=list(ORDER_COLUMNS),
    )
    result = track_ports(plan, orders, as_of=MONDAY)
    assert result.tracker.empty
    assert result.unmatched["order_id"].tolist() == ["A"]
