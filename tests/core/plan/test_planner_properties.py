"""The planner's invariants, property-tested with hypothesis against independent oracles.

For any messy list: every valid, non-duplicate number is in exactly one request and every
other row is in none, with a reason; no self-service request holds more than the limit,
two NPA-NXX, two carriers (known or unknown), two accounts (BTN, account number, service
address, each however written: P3a) or both types; no request mixes types; the request
count is the minimum (ceil(n/limit) per self-service group); rows missing a BTN their
list has are flagged; routing follows P4; and the plan is deterministic, whatever the
row order. Half the lists carry BTN, account and address columns, half do not.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zlib

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lnp_excel.core.address import address_key
from lnp_excel.core.plan import Plan, plan_ports
from lnp_excel.core.plan.requests import carrier_key
from lnp_excel.core.settings import Settings

EXCHANGES = ["212736", "212947", "312621", "416363", "647258", "800222", "888736", "264497"]
FOREIGN = ["+44 20 7946 0{:03d}", "+61 2 9374 4{:03d}"]
# Values the engine refuses (a DID with an extension is planned since N2a: "x204" alone is not).
JUNK = ["TBD", "212-736-12", "2.12736E+09", "call Bob", "x204", "+1 310-1234", ""]
# Each carrier with spellings that must compare equal (P3); "" and "N/A" mean unknown.
CARRIERS = [
    ["AT&T", "at&t ", " AT & T"],
    ["Verizon Business", "verizon business", "VERIZON-BUSINESS"],
    ["Bell"],
    ["Lumen", "LUMEN."],
    ["", "N/A", "unknown"],
]
# Each account with spellings of its BTN, account number and address that must compare
# equal (P3a); a blank BTN is a missing one.
ACCOUNTS = [
    (
        ["212-736-1000", "2127361000", "(212) 736-1000"],
        ["A-100", "a100"],
        ["100 Congress Ave, Austin, TX 78701", "100 CONGRESS AVENUE, AUSTIN, TX, 78701-1234"],
    ),
    (
        ["3126215000", "1-312-621-5000"],
        ["B7", "b-7"],
        ["9 Elm St, Austin, TX 78702", "9 ELM STREET, AUSTIN TX 78702"],
    ),
    ([""], ["A-100"], ["100 Congress Ave, Austin, TX 78701"]),
    (["2127361000"], ["A-100"], ["9 Elm St, Austin, TX 78702"]),
]
ACCOUNT_COLUMNS = ["BTN", "Account Number", "Service Address"]
FORMATS = ["{a}{b}{c}", "({a}) {b}-{c}", "+1 {a} {b} {c}", "1-{a}-{b}-{c}", "{a}.{b}.{c}"]
UNKNOWN_KEYS = {carrier_key(word) for word in Settings().unknown_carrier_words} | {""}


@st.composite
def customer_lists(draw: st.DrawFn) -> list[tuple[str, ...]]:
    """Rows of (number, carrier, BTN, account, address as typed); a number keeps its
    carrier's and its account's keys."""
    rows = []
    for _ in range(draw(st.integers(0, 90))):
        roll = draw(st.integers(0, 19))
        if roll == 0:
            junk = (draw(st.sampled_from(JUNK)), draw(st.sampled_from(["", "AT&T"])))
            rows.append((*junk, "", "", ""))
            continue
        if roll == 1:
            text = draw(st.sampled_from(FOREIGN)).format(draw(st.integers(0, 30)))
            number_id = text
        else:
            exchange = draw(st.sampled_from(EXCHANGES))
            line = draw(st.integers(0, 40))
            text = draw(st.sampled_from(FORMATS)).format(
                a=exchange[:3], b=exchange[3:], c=f"{1000 + line:04d}"
            )
            number_id = exchange + str(line)
        # The carrier is a function of the number (so a repeat keeps its key), the
        # spelling is free: order must not change the plan.
        family = CARRIERS[zlib.crc32(number_id.encode()) % len(CARRIERS)]
        account = ACCOUNTS[zlib.crc32(b"account " + number_id.encode()) % len(ACCOUNTS)]
        spelled = [draw(st.sampled_from(spellings)) for spellings in account]
        rows.append((text, draw(st.sampled_from(family)), *spelled))
    return rows


limits = st.integers(min_value=1, max_value=6)
Rows = list[tuple[str, ...]]


def make_plan(
    rows: Rows, limit: int, order: list[int] | None = None, accounts: bool = False
) -> Plan:
    columns = ["Phone", "Carrier", *ACCOUNT_COLUMNS]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    if not accounts:
        frame = frame[columns[:2]]
    frame.index = pd.RangeIndex(2, 2 + len(frame))
    if order is not None:
        frame = frame.iloc[order]
    return plan_ports(
        frame,
        submit_date=dt.date(2025, 3, 3),
        settings=Settings(self_service_max_numbers=limit),
    )


def planned(result: Plan) -> pd.DataFrame:
    """Planned rows with the oracle's keys: carrier, and account (BTN digits, account
    letters and digits, address_key) from the list's own cells."""
    numbers = result.numbers.copy()
    numbers["key"] = [carrier_key(c) for c in numbers["carrier"].astype(str)]
    source = result.source.reindex(columns=ACCOUNT_COLUMNS, fill_value="").astype(str)
    btn = [re.sub(r"\D", "", v)[-10:] for v in source["BTN"]]
    account = [re.sub(r"[\W_]", "", v).casefold() for v in source["Account Number"]]
    address = [address_key(v) for v in source["Service Address"]]
    numbers["account"] = [f"{b}|{a}|{d}" for b, a, d in zip(btn, account, address, strict=True)]
    return numbers[numbers["request"] != ""]


COMMON = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(rows=customer_lists(), limit=limits, accounts=st.booleans())
def test_every_row_in_exactly_one_request_or_an_exception_with_a_reason(
    rows: Rows, limit: int, accounts: bool
) -> None:
    result = make_plan(rows, limit, accounts=accounts)
    numbers = result.numbers
    assert len(numbers) == len(rows)
    assert numbers.index.tolist() == list(range(2, 2 + len(rows)))  # input order, source rows
    ok = numbers["status"] == "ok"
    assert (numbers.loc[ok, "request"] != "").all()
    assert (numbers.loc[~ok, "request"] == "").all()
    assert (numbers.loc[~ok, "reason"] != "").all()
    assert (numbers.loc[~ok, "path"] == "").all()
    assert result.exceptions.index.tolist() == numbers.index[~ok].tolist()
    # Each request's count is the number of rows that name it, and ids are unique.
    counts = numbers.loc[ok, "request"].astype(str).value_counts()
    assert result.requests["request"].is_unique
    assert dict(zip(result.requests["request"], result.requests["count"], strict=True)) == (
        counts.to_dict()
    )
    # A valid number is planned once: no number appears in two rows that are both planned.
    assert numbers.loc[ok, "number"].is_unique
    # P3a: a planned row whose BTN cell is blank is flagged, and only those.
    no_btn = result.source.get("BTN", pd.Series("x", index=numbers.index)).astype(str) == ""
    flagged = numbers["missing"].astype(str).str.contains("BTN")
    assert (flagged == (ok & no_btn)).all()


@COMMON
@given(rows=customer_lists(), limit=limits, accounts=st.booleans())
def test_no_request_over_the_limit_or_mixing_npa_nxx_carriers_accounts_or_types(
    rows: Rows, limit: int, accounts: bool
) -> None:
    result = make_plan(rows, limit, accounts=accounts)
    rows_planned = planned(result)
    kinds = rows_planned["type"].eq("toll-free")
    for request, group in rows_planned.groupby("request", observed=True):
        assert kinds[group.index].nunique() == 1, request  # local and toll-free apart
        assert group["path"].nunique() == 1
        if group["path"].iloc[0] == "Self-Service":
            assert len(group) <= limit
            assert group["npa_nxx"].nunique() == 1
            assert group["key"].nunique() == 1  # one carrier, or all unknown
            assert group["account"].nunique() == 1  # one BTN, account and address (P3a)
    requests = result.requests
    assert (requests.loc[requests["path"] == "Self-Service", "count"] <= limit).all()


@COMMON
@given(rows=customer_lists(), limit=limits, accounts=st.booleans())
def test_request_count_is_minimal_and_routing_follows_p4(
    rows: Rows, limit: int, accounts: bool
) -> None:
    result = make_plan(rows, limit, accounts=accounts)
    rows_planned = planned(result)
    expected_path = rows_planned["region"].map({"US": "Self-Service", "CA": "Managed"})
    assert (rows_planned["path"].astype(str) == expected_path.fillna("Custom")).all()

    ss = rows_planned[rows_planned["path"] == "Self-Service"]
    groups = ss.groupby(
        [ss["npa_nxx"].astype(str), ss["key"], ss["account"], ss["type"].eq("toll-free")],
        observed=True,
    ).size()
    others = rows_planned[rows_planned["path"] != "Self-Service"]
    orders = others.groupby(
        [others["path"].astype(str), others["type"].eq("toll-free")], observed=True
    ).ngroups
    minimum = sum(math.ceil(n / limit) for n in groups) + orders
    assert len(result.requests) == minimum


@COMMON
@given(rows=customer_lists(), limit=limits, accounts=st.booleans(), data=st.data())
def test_deterministic_whatever_the_row_order(
    rows: Rows, limit: int, accounts: bool, data: st.DataObject
) -> None:
    first = make_plan(rows, limit, accounts=accounts)
    again = make_plan(rows, limit, accounts=accounts)
    pd.testing.assert_frame_equal(first.requests, again.requests)
    pd.testing.assert_frame_equal(first.numbers, again.numbers)

    order = data.draw(st.permutations(range(len(rows))))
    shuffled = make_plan(rows, limit, order=list(order), accounts=accounts)

    def content(result: Plan) -> dict[str, list[str]]:
        return {rid: sorted(frame["number"]) for rid, frame in result.request_numbers()}

    assert first.requests["request"].tolist() == shuffled.requests["request"].tolist()
    assert content(first) == content(shuffled)


@COMMON
@given(rows=customer_lists(), limit=limits)
def test_costs_and_dates_follow_the_path(rows: Rows, limit: int) -> None:
    result = make_plan(rows, limit)
    for row in result.requests.itertuples(index=False):
        if row.path == "Self-Service":
            assert row.cost == 0
            assert row.earliest_date.date() == dt.date(2025, 3, 12)
        elif row.path == "Managed":
            assert row.cost == max(50, 5 * row.count)
            assert row.latest_date.date() == dt.date(2025, 4, 1)
        else:
            assert pd.isna(row.cost) and pd.isna(row.earliest_date)
        unknown = row.unknown_carrier > 0
        assert ("carrier unknown" in row.notes) == unknown
