"""Issue 18 item 20: cells Python code can hold but no sheet does (bytes, a signaling
NaN Decimal, a list) cost their row a reason in every engine, never a traceback."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from lnp_excel import fix_csr, normalize_numbers, plan_ports
from lnp_excel.core.values import is_blank, plain_cell, plain_cells, read_date

ODD = [
    Decimal("sNaN"),
    bytearray(b"6175550101"),
    b"6175550102",
    memoryview(b"617"),
    ["617", "555"],
    {"n": 1},
    Decimal("-Infinity"),
    Decimal("6175550103"),
]


def test_the_cell_reader_takes_odd_values() -> None:
    assert is_blank(Decimal("sNaN")) and is_blank(Decimal("NaN"))
    assert read_date(Decimal("sNaN")) is None and read_date(bytearray(b"2026-01-02")) is None
    assert plain_cell(bytearray(b"abc")) == "binary data (3 bytes), not text"
    assert plain_cell(["a"]) == "['a']" and plain_cell(Decimal("sNaN")) is None
    assert plain_cell(Decimal("7")) == Decimal("7")
    ordinary = pd.DataFrame({"a": ["x", None], "b": [1.5, 2.0]})
    assert plain_cells(ordinary) is ordinary  # nothing to do: no copy


def test_normalize_gives_each_odd_cell_a_reason() -> None:
    out = normalize_numbers(pd.Series(ODD, index=range(2, 2 + len(ODD)), dtype=object))
    assert len(out) == len(ODD)
    assert out["status"].tolist()[:7] == ["empty"] + ["invalid"] * 6
    assert "binary" in out["reason"].iloc[1] and out["status"].iloc[7] == "ok"


def test_plan_ports_keeps_every_odd_row() -> None:
    frame = pd.DataFrame({"Phone Number": ODD, "Carrier": ODD}, index=range(2, 2 + len(ODD)))
    plan = plan_ports(frame)
    assert len(plan.numbers) == len(ODD)


@pytest.mark.parametrize(
    "column", ["Phone Number", "Country", "Carrier", "Account Number", "Address"]
)
def test_fix_csr_keeps_every_odd_row(column: str) -> None:
    rows = len(ODD)
    frame = pd.DataFrame(
        {
            "Phone Number": [f"61755501{i:02d}" for i in range(rows)],
            "Country": ["US"] * rows,
            "Carrier": ["AT&T"] * rows,
            "Account Number": ["1"] * rows,
            "Address": ["1 Main St, Boston, MA 02108"] * rows,
        },
        dtype=object,
    )
    frame[column] = pd.Series(ODD, dtype=object)
    result = fix_csr(frame, customer="Acme")
    assert len(result.table) + len(result.excluded) == rows


def test_a_country_of_odd_digits_is_a_country_not_a_crash() -> None:
    """Found by tests/test_hostile_files.py: "²" passed str.isdigit() and broke int()."""
    frame = pd.DataFrame(
        {
            "Phone Number": ["6175550101", "6175550102", "6175550103"],
            "Country": ["²", "٤٤", "44"],
            "Carrier": ["AT&T"] * 3,
            "Address": ["1 Main St, Boston, MA 02108"] * 3,
        }
    )
    result = fix_csr(frame, customer="Acme")
    assert len(result.table) == 3
