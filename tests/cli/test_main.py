"""The command line's contract, in-process: one error handler in ``main`` for every
command (issue 10), options spelled alike, and files never replaced silently (issue 13)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main
from lnp_excel.core.errors import NO_DATA, InputError
from lnp_excel.io.tables import read_table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["normalize", "{tmp}/missing.csv"], "file not found"),
        (["plan", "{tmp}/list.csv", "--submit-date", "soon", "-o", "{tmp}/p.xlsx"], "soon"),
        (["plan", "{tmp}/list.csv", "--local-licenses", "-3", "-o", "{tmp}/p.xlsx"], "-3"),
        (["csr", "case", "2125550100", "--verification", "PIN", "--as-of", "13/45/2026"], "13/45"),
        (["csr", "fix", "{tmp}/list.csv", "--customer", " "], "--customer"),
        (["csr", "doc", "{tmp}/empty.csv"], "the file is empty"),
        (["run", "{tmp}/list.csv", "nope"], "list.csv"),
    ],
)
def test_every_command_reports_unusable_input_through_main(
    tmp_path: Path, capsys: pytest.CaptureFixture, argv: list[str], message: str
) -> None:
    (tmp_path / "list.csv").write_text("Phone,Carrier\n2127361234,AT&T\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_bytes(b"")
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    out, err = capsys.readouterr()
    assert err.startswith("lnp-excel: ") and message in err
    assert "Traceback" not in out + err and "wrote" not in out


def test_usage_errors_help_and_version_return_their_codes(capsys) -> None:
    assert main(["plan"]) == 2  # argparse's usage error, returned, not raised
    assert "usage: lnp-excel plan" in capsys.readouterr().err
    assert main(["--version"]) == 0
    assert main(["normalize", "--help"]) == 0
    assert main([]) == 2


def test_no_data_is_a_typed_error_kind(tmp_path: Path) -> None:
    """Code decides on InputError.kind, never on the message (actions/csr.py)."""
    (tmp_path / "header.csv").write_text("Phone,Carrier\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_bytes(b"")
    for name in ("header.csv", "empty.csv"):
        with pytest.raises(InputError) as caught:
            read_table(tmp_path / name)
        assert caught.value.kind == NO_DATA
        assert caught.value.located(sheet="x").kind == NO_DATA


@pytest.mark.parametrize("spelling", ["--number-column", "--column"])
@pytest.mark.parametrize("command", ["normalize", "plan"])
def test_the_number_column_is_spelled_alike(tmp_path, capsys, command, spelling) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Main,Fax\n2127361234,2127369999\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert main([command, str(source), spelling, "Fax", "-o", str(out)]) == 0
    assert "from 'Fax'" in capsys.readouterr().out


def test_an_unknown_number_column_lists_the_columns_of_the_sheet_with_numbers(
    tmp_path, capsys
) -> None:
    """samples/customer.xlsx has a 'Read me' sheet first; the numbers are on 'DIDs'."""
    source = SAMPLES / "customer.xlsx"
    assert openpyxl.load_workbook(source).sheetnames[0] == "Read me"
    assert main(["plan", str(source), "--number-column", "Mobile", "-o", f"{tmp_path}/p.xlsx"]) == 2
    err = capsys.readouterr().err
    assert "no column named 'Mobile'; found columns: Site, TN, Carrier Name, Notes" in err
    assert "sheet 'DIDs'" in err and "Read me" not in err


def test_csr_outputs_are_never_replaced_silently(tmp_path, capsys) -> None:
    """Issue 13: fix, build and legacy into one folder write the same names."""
    fix = ["csr", "fix", str(SAMPLES / "csr" / "csr_export.csv"), "--customer", "Acme Dental"]
    build = ["csr", "build", str(SAMPLES / "csr" / "inventory_export.xlsx")]
    build += ["--customer", "Acme Dental", "--first-name", "Dana", "--last-name", "Reyes"]
    folder = tmp_path / "out"
    assert main([*fix, "-o", str(folder)]) == 0
    printed = capsys.readouterr().out
    assert "Excel drops the leading zeros" in printed and "review.xlsx" in printed
    csv = folder / "8x8_Acme Dental_CSR.csv"
    fixed = csv.read_bytes()
    assert main([*build, "-o", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "8x8_Acme Dental_CSR.csv and 8x8_Acme Dental_CSR_review.xlsx already exist" in err
    assert "--overwrite" in err and "-o" in err
    assert csv.read_bytes() == fixed
    assert main([*build, "-o", str(folder), "--overwrite"]) == 0
    assert csv.read_bytes() != fixed


def test_plurals_in_the_summary(tmp_path, capsys) -> None:
    source = tmp_path / "one.csv"
    source.write_text("Phone,Carrier\n2127361234,AT&T\nTBD,AT&T\n", encoding="utf-8")
    assert main(["plan", str(source), "-o", str(tmp_path / "p.xlsx")]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert "1 number in 1 request (1 Self-Service), 1 exception;" in line


def test_csr_doc_reads_the_file_csr_fix_writes(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLES / "csr", tmp_path / "csr")
    assert main(["csr", "fix", "csr/csr_export.csv", "--customer", "Acme Dental", "-o", "o"]) == 0
    assert main(["csr", "doc", "o/8x8_Acme Dental_CSR.csv", "-o", "docs"]) == 0
    assert "document" in capsys.readouterr().out
    assert list((tmp_path / "docs").glob("*.docx"))
