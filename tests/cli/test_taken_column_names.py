"""Issue 18 item 13: a list may carry any header, even the names the plan adds.

A list with ``Row``, ``Number``, ``Status``, ``Request`` or ``Carrier`` columns plans and
normalizes; the columns we add take the " (lnp)" suffix (N1, P3c), never replace the
customer's, and never end in ``cannot insert Row``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main
from lnp_excel.core.columns import added_column, free_name

# The customer's own bookkeeping columns, named like ours; the numbers are in "Phone No".
HEADER = ["Row", "Phone No", "Carrier", "Status", "Request", "Path", "Row (lnp)"]
ROWS = [
    ["a", "(415) 555-0131", "Verizon", "keep", "r-1", "p1", "x"],
    ["b", "415.555.0132", "Verizon", "keep", "r-2", "p2", "y"],
    ["c", "not a number", "Verizon", "drop", "r-3", "p3", "z"],
]


def _list(folder: Path) -> Path:
    path = folder / "own_columns.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["Harbor Bakery numbers"], HEADER, *ROWS])
    return path


def _sheet(path: Path, name: str) -> list[list[object]]:
    return [list(row) for row in openpyxl.load_workbook(path)[name].iter_rows(values_only=True)]


def test_free_name_never_returns_a_taken_name() -> None:
    assert free_name("Row", ["Phone"]) == "Row"
    assert free_name("Row", ["Row"]) == "Row (lnp)"
    assert free_name("Row", ["Row", "Row (lnp)", "Row (lnp 2)"]) == "Row (lnp 3)"
    columns = ["Status", "Status (lnp)", "x", "Status (lnp 2)"]
    assert added_column(columns, "Status") == "Status (lnp 2)"
    assert added_column(["Phone", "Status"], "Status") == "Status"


@pytest.mark.parametrize("command", ["plan", "normalize"])
def test_a_list_with_our_column_names_keeps_them_and_ours_get_the_suffix(
    tmp_path: Path, command: str
) -> None:
    source = _list(tmp_path)
    output = tmp_path / f"{command}.xlsx"
    code = main([command, str(source), "-o", str(output)])
    assert code == 0
    sheet = _sheet(output, "Numbers")
    header = [str(h) for h in sheet[0]]
    assert len(header) == len(set(header)), header
    assert header[0] == "Row (lnp 2)"  # "Row" and "Row (lnp)" are the customer's
    for name in HEADER:  # every customer column is there, with its values as given
        values = [row[header.index(name)] for row in sheet[1:]]
        assert values == [row[HEADER.index(name)] for row in ROWS]
    # Our sheet rows: the header sits under one title row, so data starts on row 3.
    assert [row[0] for row in sheet[1:]] == [3, 4, 5]
    status = added_column(header, "Status")
    assert status == "Status (lnp)"
    assert [row[header.index(status)] for row in sheet[1:]] == ["ok", "ok", "invalid"]
    if command == "plan":
        requests = [row[header.index("Request (lnp)")] for row in sheet[1:]]
        assert requests[0] == requests[1] != ""
        assert requests[2] in ("", None)
