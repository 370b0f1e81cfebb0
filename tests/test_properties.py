"""The invariants of every public function, property-tested with hypothesis (issue #6).

- rows in == rows out (+ exceptions / excluded): nothing is dropped, nothing invented;
- a correction applied twice changes nothing the second time (idempotence);
- the plan of a list does not depend on its order, except for request numbering
  (requests compared as sets of member numbers);
- a verdict depends on the value, never on its neighbours (only which repeat is "the
  duplicate" follows the order).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lnp_excel import fix_csr, normalize_numbers, plan_ports
from lnp_excel.core.csr import (
    check_eligibility,
    check_values,
    clear_non_us_addresses,
    fill_billing_numbers,
    fill_us_addresses,
    replace_nulls,
    set_pins,
)
from lnp_excel.core.numbers import normalized_table

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
AS_OF = dt.date(2025, 3, 3)
STATUSES = {"ok", "invalid", "duplicate", "empty"}

# Numbers as people and Excel write them, junk, and anything at all.
TYPED = [
    "(212) 736-1234",
    "212.736.1235",
    "+1 212 736 1236",
    "1-212-736-1234",
    "2127361237",
    "'2127361238",
    " 212 736 1239 ",
    "212\u00a0947\u00a01000",
    "(312) 621-5038",
    "(416) 363-2000",
    "800-222-1234",
    "+44 20 7946 0958",
    "011 44 20 7946 0959",
    "2.12736E+09",
    "212-736-12O4",
    "212-736-1240 x204",
    "212-736-1240, 212-736-1241",
    "TBD",
    "#N/A",
    "null",
    "",
    "   ",
]
values = st.one_of(
    st.sampled_from(TYPED),
    st.sampled_from(TYPED),  # twice as likely as noise: repeats and valid numbers matter
    st.text(max_size=16),
    st.integers(min_value=-(10**12), max_value=10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
)
value_lists = st.lists(values, max_size=60)


def _series(items: list[object]) -> pd.Series:
    """As read from a sheet: object values indexed by sheet rows (header on row 1)."""
    return pd.Series(items, index=pd.RangeIndex(2, len(items) + 2), dtype=object)


# --- normalize_numbers and normalized_table ------------------------------------------------------


@SETTINGS
@given(value_lists)
def test_normalize_keeps_every_row_with_a_verdict(items: list[object]) -> None:
    source = _series(items)
    result = normalize_numbers(source)
    assert len(result) == len(source) and result.index.equals(source.index)
    assert set(result["status"]) <= STATUSES
    ok = result["status"] == "ok"
    assert (result.loc[ok, "number"] != "").all() and (result.loc[ok, "reason"] == "").all()
    bad = result["status"].isin(["invalid", "duplicate"])
    assert (result.loc[bad, "reason"] != "").all()
    assert (result.loc[result["status"] == "invalid", "number"] == "").all()


@SETTINGS
@given(value_lists)
def test_normalizing_normalized_numbers_changes_nothing(items: list[object]) -> None:
    first = normalize_numbers(_series(items))
    numbers = first.loc[first["status"] == "ok", "number"]
    again = normalize_numbers(numbers)
    assert (again["status"] == "ok").all(), again[again["status"] != "ok"]
    assert again["number"].tolist() == numbers.tolist()


@SETTINGS
@given(value_lists, st.randoms(use_true_random=False))
def test_a_verdict_depends_on_the_value_not_on_its_place(items: list[object], rng) -> None:
    order = list(range(len(items)))
    rng.shuffle(order)
    source = _series(items)
    shuffled = source.iloc[order]
    a = normalize_numbers(source)
    b = normalize_numbers(shuffled).loc[source.index]
    assert a["number"].tolist() == b["number"].tolist()
    valid = {"ok", "duplicate"}
    assert a["status"].isin(valid).tolist() == b["status"].isin(valid).tolist()
    assert (a["status"] == "duplicate").sum() == (b["status"] == "duplicate").sum()


@SETTINGS
@given(value_lists)
def test_normalized_table_is_the_input_plus_columns(items: list[object]) -> None:
    frame = pd.DataFrame({"Phone Number": _series(items), "Note": "kept"})
    out = normalized_table(frame, "Phone Number")
    assert len(out) == len(frame)
    assert out["Row"].tolist() == frame.index.tolist()
    assert out["Note"].tolist() == ["kept"] * len(frame)
    kept = out["Phone Number"].tolist()
    assert all(a is b or a == b or (a != a and b != b) for a, b in zip(kept, items, strict=True))


# --- plan_ports --------------------------------------------------------------------------------

CARRIER_SPELLINGS = ["AT&T", "at&t ", "Verizon", "VERIZON", "Bell Canada", "", "N/A"]
plan_rows = st.lists(
    st.tuples(values, st.sampled_from(CARRIER_SPELLINGS)),
    max_size=80,
)


def _plan(rows: list[tuple[object, str]], index: list[int]):
    frame = pd.DataFrame(
        {"Phone Number": [r[0] for r in rows], "Carrier": [r[1] for r in rows]},
        index=pd.Index(index),
        dtype=object,
    )
    return plan_ports(frame, submit_date=AS_OF)


def _members(plan) -> set[frozenset[str]]:
    return {frozenset(rows["number"]) for _, rows in plan.request_numbers()}


@SETTINGS
@given(plan_rows)
def test_every_row_is_in_one_request_or_an_exception(rows: list[tuple[object, str]]) -> None:
    plan = _plan(rows, list(range(2, len(rows) + 2)))
    assert len(plan.numbers) == len(rows)
    in_requests = int(plan.requests["count"].sum()) if len(plan.requests) else 0
    assert in_requests + len(plan.exceptions) == len(rows)
    members = [number for group in _members(plan) for number in group]
    assert len(members) == len(set(members)) == in_requests  # no number in two requests


@SETTINGS
@given(plan_rows, st.randoms(use_true_random=False))
def test_the_plan_does_not_depend_on_the_order(rows: list[tuple[object, str]], rng) -> None:
    # A repeated number keeps one carrier key, so "which repeat wins" cannot move it (P3).
    carrier_of: dict[str, str] = {}
    key = normalize_numbers([r[0] for r in rows])["number"].tolist()
    rows = [
        (value, carrier_of.setdefault(k, carrier) if k else carrier)
        for (value, carrier), k in zip(rows, key, strict=True)
    ]
    order = list(range(len(rows)))
    rng.shuffle(order)
    index = list(range(2, len(rows) + 2))
    first = _plan(rows, index)
    second = _plan([rows[i] for i in order], [index[i] for i in order])
    assert _members(first) == _members(second)
    assert len(first.exceptions) == len(second.exceptions)
    assert sorted(first.requests["path"]) == sorted(second.requests["path"])


# --- the CSR ------------------------------------------------------------------------------------

csr_rows = st.lists(
    st.fixed_dictionaries(
        {
            "Phone Number": st.one_of(st.sampled_from(TYPED), st.sampled_from(TYPED), values),
            "Country": st.sampled_from(["US", "USA", "United States", "GB", "CA", "", "null"]),
            "Carrier": st.sampled_from(
                ["Onvoy, LLC", "Inteliquent Inc", "Neutral Tandem-IL", "Bandwidth", "AT&T", ""]
                + ["NULL", "#REF!"]
            ),
            "Address": st.one_of(
                st.sampled_from(["1 Main St", "", "null", "Null", "Nullarbor Rd", "#VALUE!"]),
                st.none(),
                st.text(max_size=8),
            ),
            "PIN": st.sampled_from(["", "1234", "null", "8x82125"]),
            "Status": st.sampled_from(["Active", "Released", "Cancelled", ""]),
            "Status Date": st.sampled_from(["2025-02-20", "2024-06-01", "", "soon"]),
        }
    ),
    max_size=40,
)


def _csr(rows: list[dict[str, object]]) -> pd.DataFrame:
    columns = ["Phone Number", "Country", "Carrier", "Address", "PIN", "Status", "Status Date"]
    return pd.DataFrame(rows, columns=columns, index=pd.RangeIndex(2, len(rows) + 2), dtype=object)


ADDRESS = "100 Main St, Austin, TX 78701"
STEPS = {
    "replace_nulls": lambda t: replace_nulls(t),
    "clear_non_us_addresses": lambda t: clear_non_us_addresses(t),
    "fill_us_addresses": lambda t: fill_us_addresses(t, billing_address=ADDRESS),
    "set_pins": lambda t: set_pins(t),
    "fill_billing_numbers": lambda t: fill_billing_numbers(t),
    "check_eligibility": lambda t: check_eligibility(t, as_of=AS_OF),
    "check_values": lambda t: check_values(t),
}


@SETTINGS
@given(csr_rows)
def test_fix_csr_keeps_every_row_and_a_second_run_changes_nothing(rows) -> None:
    table = _csr(rows)
    first = fix_csr(table, customer="Acme", billing_address=ADDRESS, as_of=AS_OF)
    assert first.table.index.tolist() == table.index.tolist()
    second = fix_csr(first.table, customer="Acme", billing_address=ADDRESS, as_of=AS_OF)
    assert second.changes.empty, second.changes
    pd.testing.assert_frame_equal(second.table, first.table)


@SETTINGS
@given(csr_rows, st.data())
def test_a_batch_plus_its_excluded_rows_is_the_whole_csr(rows, data) -> None:
    table = _csr(rows)
    if table.empty:
        return
    chosen = data.draw(st.lists(st.sampled_from(table.index.tolist()), min_size=1, unique=True))
    result = fix_csr(table, customer="Acme", as_of=AS_OF, batch_rows=chosen)
    assert sorted(result.table.index) == sorted(chosen)
    assert sorted([*result.table.index, *result.excluded.index]) == table.index.tolist()


@SETTINGS
@given(csr_rows, st.sampled_from(sorted(STEPS)))
def test_every_csr_step_is_idempotent(rows, name: str) -> None:
    step = STEPS[name]
    table = _csr(rows)
    once = step(table)
    assert len(once.table) == len(table)
    twice = step(once.table)
    assert twice.changes.empty, (name, twice.changes)
    pd.testing.assert_frame_equal(twice.table, once.table)
    if name.startswith("check_"):
        assert once.changes.empty and once.table is table  # flags only
    assert np.array_equal(table.index, once.table.index)
