"""`lnp-excel loa` and `plan --loa-dir` (L1-L5): letters written and read back, exit 1 with
the not-ready accounts listed (L4), exit 2 for unusable input, letters never replaced
unless --overwrite, the CSR's staying numbers with --csr."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from lnp_excel.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "customer_loa.csv"
CSR = ROOT / "samples" / "csr_att.csv"


def numbers_in(path: Path) -> list[str]:
    document = docx.Document(str(path))
    table = document.tables[-1]
    labels = [cell.text.strip() for cell in table.rows[0].cells]
    return [
        cell.text
        for row in table.rows[1:]
        for label, cell in zip(labels, row.cells, strict=True)
        if label == "Number" and cell.text
    ]


def test_one_letter_per_account_and_exit_0(tmp_path: Path, capsys) -> None:
    out = tmp_path / "letters"
    assert main(["loa", str(SAMPLE), "-o", str(out), "--submit-date", "2026-12-07"]) == 0
    printed = capsys.readouterr().out
    assert f"wrote 3 letters of authorization to {out}" in printed
    assert sorted(p.name for p in out.iterdir()) == [
        "LOA_AT&T_A-100.docx",
        "LOA_Comcast Business_8155-30-001.docx",
        "LOA_Verizon Wireless_880012.docx",
    ]
    assert numbers_in(out / "LOA_Verizon Wireless_880012.docx") == ["512-474-1006", "512-474-1007"]


def test_not_ready_accounts_are_listed_with_what_they_lack(tmp_path: Path, capsys) -> None:
    """L4: exit 1; the ready letters are written, the other account is named with its
    carrier, account, address and missing fields; it has no file."""
    listed = tmp_path / "list.csv"
    listed.write_text(
        "Phone,Carrier,Account Number,BTN,Service Address,Authorized Name\n"
        '2125550100,Verizon,V-1,2125550100,"1 Main St, New York, NY 10001",Ana Lopez\n'
        '2125550101,Verizon,V-2,,"2 Main St, New York, NY 10001",\n',
        encoding="utf-8",
    )
    out = tmp_path / "letters"
    assert main(["loa", str(listed), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "1 account got no letter (L4)" in err
    assert "Verizon, account V-2, 2 Main St, New York, NY 10001" in err
    assert "missing authorized person, BTN" in err and "Traceback" not in err
    assert [p.name for p in out.iterdir()] == ["LOA_Verizon_V-1.docx"]
    table = docx.Document(str(out / "LOA_Verizon_V-1.docx")).tables[0]
    fields = {row.cells[0].text: row.cells[1].text for row in table.rows}
    # the list names no customer: a line to fill in, not a value made up
    assert fields["Customer / business name"].startswith("_____")


def test_existing_letters_are_kept_unless_overwrite(tmp_path: Path, capsys) -> None:
    out = tmp_path / "letters"
    assert main(["loa", str(SAMPLE), "-o", str(out)]) == 0
    letter = out / "LOA_AT&T_A-100.docx"
    letter.write_bytes(b"signed by the customer")
    assert main(["loa", str(SAMPLE), "-o", str(out)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert letter.read_bytes() == b"signed by the customer"
    assert main(["loa", str(SAMPLE), "-o", str(out), "--overwrite"]) == 0
    assert numbers_in(letter)


def test_csr_lists_the_numbers_that_stay(tmp_path: Path) -> None:
    """L1 with --csr: AT&T's CSR has 1003, 1005, 1008, 1009 on the account: they stay."""
    out = tmp_path / "letters"
    assert main(["loa", str(SAMPLE), "--csr", str(CSR), "-o", str(out)]) == 0
    document = docx.Document(str(out / "LOA_AT&T_A-100.docx"))
    staying = numbers_in(out / "LOA_AT&T_A-100.docx")
    assert staying == ["512-474-1003", "512-474-1005", "512-474-1008", "512-474-1009"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Numbers that stay with AT&T (4)" in text


def test_plan_writes_the_letters_beside_the_plan(tmp_path: Path, capsys) -> None:
    out = tmp_path / "letters"
    plan = tmp_path / "plan.xlsx"
    assert main(["plan", str(SAMPLE), "-o", str(plan), "--loa-dir", str(out)]) == 0
    assert plan.exists() and len(list(out.glob("LOA_*.docx"))) == 3


def test_plan_with_a_csr_checks_and_writes_letters_from_the_same_records(
    tmp_path: Path,
) -> None:
    """R8, L1: `plan --csr --loa-dir` reads the CSR once for the Check sheet and the
    letters, so the plan's letters list the numbers that stay as `loa --csr` does."""
    out = tmp_path / "letters"
    plan = tmp_path / "plan.xlsx"
    code = main(["plan", str(SAMPLE), "-o", str(plan), "--csr", str(CSR), "--loa-dir", str(out)])
    assert code == 0  # the plan was written; predicted rejections are on its Check sheet
    assert "Check" in openpyxl.load_workbook(plan).sheetnames
    staying = numbers_in(out / "LOA_AT&T_A-100.docx")
    assert staying == ["512-474-1003", "512-474-1005", "512-474-1008", "512-474-1009"]


@pytest.mark.parametrize(
    "content",
    [
        "",  # empty file
        "Carrier,Account\nAT&T,1\n",  # no number column
        "\x00\x01\x02binary",
    ],
)
def test_unusable_input_is_exit_2_without_traceback(tmp_path: Path, capsys, content) -> None:
    listed = tmp_path / "bad.csv"
    listed.write_text(content, encoding="utf-8")
    assert main(["loa", str(listed), "-o", str(tmp_path / "out")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_an_output_that_is_a_file_is_refused(tmp_path: Path, capsys) -> None:
    listed = tmp_path / "list.csv"
    listed.write_bytes(SAMPLE.read_bytes())
    assert main(["loa", str(listed), "-o", str(listed)]) == 2
    assert "the letters go into a folder" in capsys.readouterr().err
    assert listed.read_bytes() == SAMPLE.read_bytes()


@pytest.mark.parametrize("why", ["two title columns", "letters already there"])
def test_plan_refusing_its_letters_writes_nothing(tmp_path: Path, capsys, why: str) -> None:
    """plan --loa-dir: what refuses the letters (L1, L2: a list with two Title columns, or
    letters already in the folder) is exit 2 before the plan and request files are
    written; they were left behind (found by the hostile-input property test)."""
    listed = tmp_path / "list.csv"
    text = SAMPLE.read_text(encoding="utf-8")
    if why == "two title columns":
        text = text.replace(",Title,", ",Title,Title,", 1)
        text = "\n".join(
            line.replace(",Office Manager,", ",Office Manager,Owner,") if i > 1 else line
            for i, line in enumerate(text.splitlines())
        )
    listed.write_text(text, encoding="utf-8")
    letters = tmp_path / "letters"
    if why == "letters already there":
        assert main(["loa", str(listed), "-o", str(letters)]) in (0, 1)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    capsys.readouterr()
    out = ["-o", str(tmp_path / "plan.xlsx"), "--export-dir", str(tmp_path / "requests")]
    code = main(["plan", str(listed), *out, "--loa-dir", str(letters)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("lnp-excel: ")
    assert ("title" if why == "two title columns" else "letters already in") in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
