"""`lnp-excel normalize` and the command-line contract every job shares (exit codes, safety)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main

SAMPLE = Path(__file__).parents[2] / "samples" / "messy_numbers.csv"


def sheet_rows(path: Path, sheet: str = "Numbers") -> list[dict]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=True)) for r in rows[1:] if any(v is not None for v in r)]


def test_normalize_the_bundled_sample(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    output = tmp_path / "out.xlsx"
    assert main(["normalize", str(SAMPLE), "-o", str(output)]) == 0
    rows = sheet_rows(output)
    source_lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(source_lines) - 3  # a title row, a blank row and the header
    by_row = {r["Row"]: r for r in rows}
    assert by_row[4]["Normalized"] == "2127361234"
    assert by_row[9]["Status"] == "duplicate" and by_row[9]["Reason"] == "same number as row 4"
    assert by_row[16]["Normalized"] == "+442079460958"
    assert "scientific notation" in by_row[20]["Reason"]
    assert by_row[23]["Status"] == "empty"
    assert "wrote" in capsys.readouterr().out


def test_normalize_xlsx_with_title_rows_and_an_explicit_column(tmp_path: Path) -> None:
    source = tmp_path / "customer.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DIDs"
    ws.append(["Customer numbers"])
    ws.append(["Site", "Main Line", "Fax"])
    ws.append(["HQ", 2127361234, "212-736-9999"])
    ws.append(["HQ", 2127361234.0, None])
    wb.save(source)
    output = tmp_path / "result.csv"
    assert main(["normalize", str(source), "--column", "Fax", "-o", str(output)]) == 0
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert b"2127369999" in raw and raw.count(b"\r\n") == 3


def test_missing_number_column_is_exit_2_naming_file_and_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Name,Phone\nA,2127361234\n", encoding="utf-8")
    assert main(["normalize", str(source), "--column", "Mobile"]) == 2
    err = capsys.readouterr().err
    assert "no column named 'Mobile'" in err and "list.csv" in err and "Phone" in err


def test_the_input_is_never_overwritten_unless_asked(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    original = "Phone\n2127361234\n"
    source.write_text(original, encoding="utf-8")
    assert main(["normalize", str(source), "-o", str(source)]) == 2
    assert source.read_text(encoding="utf-8") == original
    assert main(["normalize", str(source), "-o", str(source), "--overwrite"]) == 0
    assert "Normalized" in source.read_text(encoding="utf-8-sig")


def test_console_script_help_and_version() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "lnp_excel.cli.main", "normalize", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "example:" in run.stdout
    version = subprocess.run(
        [sys.executable, "-m", "lnp_excel.cli.main", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.startswith("lnp-excel ")


def test_unreadable_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    bogus = tmp_path / "numbers.xlsx"
    bogus.write_bytes(b"this is not a workbook")
    run = subprocess.run(
        [sys.executable, "-m", "lnp_excel.cli.main", "normalize", str(bogus)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "numbers.xlsx" in run.stderr
