"""check_values: no CSR row reaches the carrier with an unusable number or an Excel error."""

from __future__ import annotations

import pandas as pd

from lnp_excel.core.csr import check_values, fix_csr

CSR = pd.DataFrame(
    {
        "Phone Number": [
            "2125550120",
            "",
            "TBD",
            "(212) 555-0120",
            "020 7946 0958",
            "#N/A",
            "6175550166",
        ],
        "Country": ["US", "US", "", "US", "GB", "US", "US"],
        "Carrier": ["Bandwidth", "AT&T", "AT&T", "Bandwidth", "BT", "AT&T", "#REF!"],
        "Address": ["1 Elm St", "2 Elm St", "3 Elm St", "1 Elm St", "", "#VALUE!", "5 Elm St"],
    },
    index=pd.Index([2, 3, 4, 5, 6, 7, 8]),
)


def _flags(result) -> list[tuple[int, str, str]]:
    return [(row.Row, row.Flag, row.Rule) for row in result.flags.itertuples(index=False)]


def test_blank_unreadable_and_repeated_numbers_and_excel_errors_are_flagged() -> None:
    step = check_values(CSR)
    assert step.table is CSR and step.changes.empty  # flags only
    flags = _flags(step)
    assert (3, "No phone number on this row", "N2") in flags
    assert any(row == 4 and "cannot be used" in f and "TBD" in f for row, f, _ in flags)
    assert (5, "Phone number repeated: same number as row 2", "N6") in flags
    assert any(
        row == 7 and f == "Excel error value in the row (Phone Number: #N/A; Address: #VALUE!)"
        for row, f, _ in flags
    )
    assert any(row == 8 and "Carrier: #REF!" in f for row, f, _ in flags)
    flagged = {row for row, _, _ in flags}
    assert 2 not in flagged and 6 not in flagged  # a good US row; a UK row is C3's business


def test_fix_csr_carries_the_flags_and_keeps_every_row() -> None:
    result = fix_csr(CSR, customer="Acme", as_of="2025-03-03")
    assert result.table.index.tolist() == CSR.index.tolist()
    rules = result.flags.groupby("Rule")["Row"].apply(set).to_dict()
    assert {3, 4, 7}.issubset(rules["N2"]) and rules["N6"] == {5}


def test_an_empty_table_has_nothing_to_flag() -> None:
    assert check_values(CSR.iloc[:0]).flags.empty
