"""Issue 18: legacy (C7), inventory (C5) and export CSRs go through the same steps
(``core.csr.pipeline``). Each command runs on a file written here; what reaches the
customer CSV and the review workbook's Flags and Changes is read back from disk."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from lnp_excel.cli.main import main

BILLING = "77 Harbor Rd, Gloucester, MA 01930"


def run(*argv: object) -> int:
    return main([str(a) for a in argv])


def out_csv(folder: Path, customer: str) -> pd.DataFrame:
    path = folder / f"8x8_{customer}_CSR.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def sheet(folder: Path, customer: str, name: str) -> pd.DataFrame:
    book = load_workbook(folder / f"8x8_{customer}_CSR_review.xlsx", read_only=True)
    rows = list(book[name].iter_rows(values_only=True))
    book.close()
    start = next(i for i, row in enumerate(rows) if row and row[0] == "Row")
    return pd.DataFrame(rows[start + 1 :], columns=rows[start])


def flags_on(flags: pd.DataFrame, row: int) -> list[tuple[str, str]]:
    part = flags[flags["Row"] == row]
    return list(zip(part["Rule"], part["Flag"], strict=True))


# Rows 2-7 of each source: a US number, an international one that lost its '+', a
# number cancelled long ago, a blank number, a +49 number, a carrier name with a control
# character. The same rows in the three commands' own layouts.
LEGACY = (
    "Account Name,Customer ID,Number,Carrier,Country,Status,Status Date\n"
    "Quayside,QS-4,6175550161,Bandwidth,US,Active,\n"
    "Quayside,QS-4,353861234567,Vodafone,Ireland,Active,\n"
    "Quayside,QS-4,6175550162,Bandwidth,US,Disconnected,2023-02-01\n"
    "Quayside,QS-4,,Bandwidth,US,Active,\n"
    "Quayside,QS-4,+49 30 901820,Telekom,,Active,\n"
    "Quayside,QS-4,6175550163,AT&T\x01,US,Active,\n"
)
EXPORT = (
    "Phone Number,Country,Carrier,Account Number,Address,Status,Status Date\n"
    f'6175550161,US,Bandwidth,QS-4,"{BILLING}",Active,\n'
    f'353861234567,Ireland,Vodafone,QS-4,"{BILLING}",Active,\n'
    f'6175550162,US,Bandwidth,QS-4,"{BILLING}",Disconnected,2023-02-01\n'
    f',US,Bandwidth,QS-4,"{BILLING}",Active,\n'
    f'+49 30 901820,,Telekom,QS-4,"{BILLING}",Active,\n'
    f'6175550163,US,AT&T\x01,QS-4,"{BILLING}",Active,\n'
)


def test_legacy_applies_c1_c3_and_flags_blank_numbers(tmp_path, capsys):
    source = tmp_path / "legacy.csv"
    source.write_text(LEGACY, encoding="utf-8")
    code = run(
        "csr", "legacy", source, "--customer", "Quayside", "--company", "Quayside Ltd",
        "--authorized-name", "Ana Ruiz", "--billing-address", BILLING,
        "--as-of", "2026-03-01", "-o", tmp_path / "out",
    )  # fmt: skip
    assert code == 0
    out = out_csv(tmp_path / "out", "Quayside")
    assert len(out) == 6  # nothing dropped
    # C3: the Irish and German rows never carry the account's US billing address
    assert out["Address"].tolist() == [BILLING, "", BILLING, BILLING, "", BILLING]
    assert out["Phone Number"][1] == "+353861234567"  # N2c
    assert out["Carrier"][5] == "AT&T"  # C8: the control character never reaches the file
    flags = sheet(tmp_path / "out", "Quayside", "Flags")
    assert ("C3", "Non-US number (IE): address cleared, carrier record lookup") in flags_on(
        flags, 3
    )
    assert flags_on(flags, 4)[0][0] == "C1" and "Not portable" in flags_on(flags, 4)[0][1]
    assert ("N2", "No phone number on this row") in flags_on(flags, 5)
    assert [rule for rule, _ in flags_on(flags, 6)] == ["C3"]
    summary = capsys.readouterr().out
    assert "0 rows flagged" not in summary and "4 rows flagged" in summary
    changes = sheet(tmp_path / "out", "Quayside", "Changes")
    control = changes[changes["Rule"] == "C8"]
    assert control[["Row", "Column", "New"]].values.tolist() == [[7, "Carrier", "AT&T"]]


def test_the_three_commands_flag_the_same_rows_alike(tmp_path):
    """One pipeline: C1, C3, N2 and C8 give the same flags and changes whichever command
    made the CSR (export rows keep their sheet rows, so the rows compare directly)."""
    legacy = tmp_path / "legacy.csv"
    legacy.write_text(LEGACY, encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_text(EXPORT, encoding="utf-8")
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(
        "phoneNumber,customerId,Carrier,country,Status,Origin\n"
        "6175550161,QS-4,Bandwidth,US,Assigned,Provisioned\n"
        "353861234567,QS-4,Vodafone,Ireland,Assigned,Provisioned\n"
        "6175550164,QS-4,Bandwidth,US,Assigned,Provisioned\n"
        ",QS-4,Bandwidth,US,Assigned,Provisioned\n"
        "+49 30 901820,QS-4,Telekom,,Assigned,Provisioned\n"
        "6175550163,QS-4,AT&T\x01,US,Available,Provisioned\n",
        encoding="utf-8",
    )
    common = ("--billing-address", BILLING, "--as-of", "2026-03-01")
    assert run("csr", "legacy", legacy, "--customer", "L", *common, "-o", tmp_path / "l") == 0
    assert run("csr", "fix", export, "--customer", "F", *common, "-o", tmp_path / "f") == 0
    assert run("csr", "build", inventory, "--customer", "B", *common, "-o", tmp_path / "b") == 0
    for folder, customer in (("l", "L"), ("f", "F"), ("b", "B")):
        flags = sheet(tmp_path / folder, customer, "Flags")
        rules = {row: {rule for rule, _ in flags_on(flags, row)} for row in range(2, 8)}
        assert "C3" in rules[3] and "C3" in rules[6], customer
        assert "N2" in rules[5], customer
        assert not rules[2] and not rules[7], (customer, rules)
        changes = sheet(tmp_path / folder, customer, "Changes")
        assert set(changes.loc[changes["Rule"] == "C8", "Row"]) == {7}, customer
        assert set(changes.loc[changes["Rule"] == "N2c", "Row"]) == {3}, customer
        out = out_csv(tmp_path / folder, customer)
        assert not out.apply(lambda column: column.str.contains("\x01")).any().any()
        assert out["Address"][1] == "" and out["Address"][4] == "", customer
    c1 = sheet(tmp_path / "f", "F", "Flags")
    assert flags_on(c1, 4)[0][0] == "C1"


@pytest.mark.parametrize("character", ["\x02", "\x07", "\x1b", "\x7f"])
def test_fix_takes_control_characters_out_of_the_customer_csv(tmp_path, character):
    """C8: every ASCII control character and DEL leaves the customer CSV, logged; a tab and
    a line break inside a cell stay (they are whitespace a person typed)."""
    source = tmp_path / "csr.csv"
    source.write_text(
        "Phone Number,Country,Carrier,Address\n"
        f'5085550171,US,Verizon{character},"5 Elm St\nUnit\t2, Worcester, MA 01608"\n',
        encoding="utf-8",
    )
    assert run("csr", "fix", source, "--customer", "Elm", "-o", tmp_path / "out") == 0
    raw = (tmp_path / "out" / "8x8_Elm_CSR.csv").read_text(encoding="utf-8-sig")
    assert character not in raw and "Verizon," in raw
    assert "5 Elm St\nUnit\t2" in raw
    changes = sheet(tmp_path / "out", "Elm", "Changes")
    assert changes[changes["Rule"] == "C8"][["Row", "Column", "New"]].values.tolist() == [
        [2, "Carrier", "Verizon"]
    ]
