"""Issue 18 item 12: small things a new user met (P3c, C8, N1).

``csr fix --number-column`` is taken as every list command takes it; ``plan --export-dir``
warns about request fields with leading zeros as ``csr fix`` does; ``lnp_excel.read_table``
finds the header under title rows so ``plan_ports`` works on the sample as it is.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import lnp_excel
from lnp_excel.cli.main import main

ROOT = Path(__file__).parents[2]


def _csr(path: Path, number_header: str) -> Path:
    rows = [
        [number_header, "Country", "Carrier", "Account Number", "Address", "City", "State", "Zip"],
        ["3125550170", "US", "Lumen", "0044719", "77 W Wacker Dr", "Chicago", "IL", "60601"],
        ["3125550171", "US", "Lumen", "0044719", "null", "", "", ""],
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csr_fix_reads_the_number_from_a_column_named_with_the_option(tmp_path: Path) -> None:
    source = _csr(tmp_path / "export.csv", "Ported DID")
    out = tmp_path / "fixed"
    argv = ["csr", "fix", str(source), "--customer", "Wren Co", "-o", str(out)]
    assert main([*argv, "--number-column", "Ported DID"]) == 0
    rows = _rows(out / "8x8_Wren Co_CSR.csv")
    assert list(rows[0])[0] == "Ported DID"  # the CSR's own header goes to the customer
    assert [row["Ported DID"] for row in rows] == ["3125550170", "3125550171"]
    assert rows[1]["Address"] == ""  # C2 ran: "null" emptied


def test_csr_fix_number_column_naming_the_usual_column_changes_nothing(tmp_path: Path) -> None:
    source = _csr(tmp_path / "export.csv", "Phone Number")
    plain, named = tmp_path / "plain", tmp_path / "named"
    base = ["csr", "fix", str(source), "--customer", "Wren Co"]
    assert main([*base, "-o", str(plain)]) == 0
    assert main([*base, "-o", str(named), "--number-column", "phone number"]) == 0
    assert _rows(plain / "8x8_Wren Co_CSR.csv") == _rows(named / "8x8_Wren Co_CSR.csv")


def test_csr_fix_number_column_naming_another_column_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    source = _csr(tmp_path / "export.csv", "Phone Number")
    out = tmp_path / "fixed"
    argv = ["csr", "fix", str(source), "--customer", "Wren Co", "-o", str(out)]
    assert main([*argv, "--number-column", "Account Number"]) == 2
    err = capsys.readouterr().err
    assert "'Phone Number'" in err and "Account Number" in err
    assert not out.exists()


def test_plan_export_warns_about_leading_zeros(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    source = tmp_path / "list.csv"
    source.write_text(
        "Phone,Carrier,Account Number,Service Address\n"
        '4015550160,Cox,000981,"12 Hope St, Providence, RI 02906"\n'
        '4015550161,Cox,000981,"12 Hope St, Providence, RI 02906"\n',
        encoding="utf-8",
    )
    argv = ["plan", str(source), "-o", str(tmp_path / "p.xlsx"), "--export-dir"]
    assert main([*argv, str(tmp_path / "r")]) == 0
    out = capsys.readouterr().out
    assert "leading zeros" in out and "000981" in out and "02906" in out
    (written,) = (tmp_path / "r").glob("*.csv")
    assert _rows(written)[0]["Account Number"] == "000981"
    plain = tmp_path / "plain.csv"
    plain.write_text("Phone,Carrier\n4015550160,Cox\n", encoding="utf-8")
    assert (
        main(
            [
                "plan",
                str(plain),
                "-o",
                str(tmp_path / "q.xlsx"),
                "--export-dir",
                str(tmp_path / "s"),
            ]
        )
        == 0
    )
    assert "leading zeros" not in capsys.readouterr().out


def test_read_table_is_exported_and_plans_the_sample_with_its_title_row() -> None:
    assert "read_table" in lnp_excel.__all__ and "read_table" in dir(lnp_excel)
    table = lnp_excel.read_table(ROOT / "samples" / "customer_numbers.csv")
    plan = lnp_excel.plan_ports(table.frame, submit_date="2026-12-01")
    assert len(plan.numbers) == len(table.frame) and len(plan.requests) > 1
    assert plan.number_column == "Phone Number"
