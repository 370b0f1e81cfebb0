"""Issue 18 item 10: request ids tell carriers apart, and -G<n> counts accounts within one
exchange and carrier (P1-P3, P3a, P3b)."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from lnp_excel.core.plan import plan_ports
from lnp_excel.core.settings import Settings

_G = re.compile(r"^(?P<stem>SS-\d{6}-[^-]+)(?:-G(?P<g>\d+))?-\d{2}$")


def _plan(rows: list[tuple[str, str, str]], **kw) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["Phone", "Carrier", "BTN"])
    return plan_ports(frame, submit_date="2026-04-06", **kw).requests


def test_an_unlisted_att_and_the_directorys_att_get_different_ids() -> None:
    requests = _plan(
        [
            ("7135550101", "AT&T", "7135550100"),
            ("7135550102", "att", "7135550100"),  # not a directory spelling: its own carrier
            ("7135550103", "A.T.T.", "7135550100"),  # the same unlisted name as "att"
        ]
    )
    ids = requests.set_index("carrier")["request"].to_dict()
    assert ids == {"AT&T": "SS-713555-ATT-01", "att": "SS-713555-ATT2-01"}


def test_g_counts_from_one_within_each_exchange_and_carrier() -> None:
    rows = [
        ("9725550101", "Frontier", "9725550100"),
        ("9725550102", "Frontier", "9725550200"),
        ("9725550103", "Frontier", "9725550300"),
        ("9725560104", "Frontier", "9725560100"),
        ("9725560105", "Frontier", "9725560200"),
        ("9725550106", "Lumen", "9725550100"),
    ]
    ids = sorted(_plan(rows)["request"])
    assert ids == [
        "SS-972555-FRONTIER-G1-01",
        "SS-972555-FRONTIER-G2-01",
        "SS-972555-FRONTIER-G3-01",
        "SS-972555-LUMEN-01",
        "SS-972556-FRONTIER-G1-01",
        "SS-972556-FRONTIER-G2-01",
    ]


CARRIER_NAMES = ["AT&T", "att", "AT T", "Verizon", "verizon business", "Lumen", "lumen co", "X"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),  # exchange
            st.sampled_from(CARRIER_NAMES),
            st.integers(0, 2),  # account
        ),
        min_size=1,
        max_size=40,
    ),
    st.integers(2, 8),
)
def test_ids_differ_by_carrier_and_g_has_no_gaps(rows, width) -> None:
    """Every id is unique; two carriers never share a stem; the G numbers of a stem are
    1..n with no gap (P3a), whatever the names and the tag width."""
    frame = [
        (f"21455{exchange}{index:04d}", name, f"21455{exchange}{9000 + account}")
        for index, (exchange, name, account) in enumerate(rows)
    ]
    requests = _plan(frame, settings=Settings(request_id_carrier_chars=width))
    ids = requests["request"].tolist()
    assert requests["count"].sum() == len(rows)  # every number planned
    assert len(ids) == len(set(ids))
    stems: dict[str, set[str]] = {}
    groups: dict[str, set[int]] = {}
    for rid, carrier in zip(ids, requests["carrier"], strict=True):
        match = _G.match(rid)
        assert match, rid
        stems.setdefault(match["stem"], set()).add(carrier)
        if match["g"]:
            groups.setdefault(match["stem"], set()).add(int(match["g"]))
    assert all(len(carriers) == 1 for carriers in stems.values()), stems
    for numbers in groups.values():
        assert numbers == set(range(1, len(numbers) + 1)) and len(numbers) > 1
