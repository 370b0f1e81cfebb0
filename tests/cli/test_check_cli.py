"""`lnp-excel check` and `plan --csr` (R1-R9): real CSR files, real workbooks read back,
the exit codes 0 / 1 / 2 and the requests held back from the upload folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main
from lnp_excel.io.check_report import FINDING_HEADERS, PREDICTED, SUMMARY_HEADERS

ROOT = Path(__file__).parents[2]
ACCOUNTS = ROOT / "samples" / "customer_accounts.csv"
ATT = ROOT / "samples" / "csr_att.csv"
WIRELESS = ROOT / "samples" / "csr_verizon_wireless.json"


def rows_of(path: Path, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    width = list(rows[0]).index(None) if None in rows[0] else len(rows[0])  # notes beside
    return [dict(zip(rows[0][:width], r[:width], strict=True)) for r in rows[1:] if any(r[:width])]


def test_check_predicts_the_sample_mismatch(tmp_path: Path, capsys) -> None:
    """The sample CSR has one deliberate mismatch (ZIP 78703 for 9 Elm St): exit 1, the
    8D finding with both values and the fix, a summary line per request."""
    output = tmp_path / "check.xlsx"
    code = main(["check", str(ACCOUNTS), "--csr", str(ATT), "--csr", str(WIRELESS), "-o",
                 str(output)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1 and "would be rejected: 8D" in out
    findings = rows_of(output, "Check")
    assert list(findings[0]) == list(FINDING_HEADERS.values())
    rejects = [f for f in findings if f["Severity"] == "reject"]
    assert [(f["Code"], f["Ours"], f["CSR"], f["Rule"]) for f in rejects] == [
        ("8D", "78702", "78703", "R3")
    ]
    codes = {row["Code"]: row for row in rows_of(output, "Reject Codes")}
    assert codes["8D"]["Bandwidth"] == "7402" and codes["8D"]["Telnyx"] == "POSTAL_CODE_MISMATCH"
    summary = rows_of(output, "Check Summary")
    assert list(summary[0]) == list(SUMMARY_HEADERS.values())
    assert len(summary) == 6 and all(s["Summary"] for s in summary)
    # The address written two ways in the list and the CSR (Avenue/Ave, Texas/TX, ZIP+4)
    # gives no address finding on the A100 requests (C4b).
    a100 = [f for f in findings if f["Field"] == "Service Address"]
    assert a100 == []


def test_check_exit_0_when_nothing_would_be_rejected(tmp_path: Path, capsys) -> None:
    listed = tmp_path / "list.csv"
    listed.write_text(
        "Phone Number,Carrier,Account Number,PIN\n5124741006,Verizon Wireless,880012,4321\n"
        "5124741007,Verizon Wireless,880012,4321\n",
        encoding="utf-8",
    )
    assert main(["check", str(listed), "--csr", str(WIRELESS), "-o", str(tmp_path / "c.xlsx")]) == 0
    assert "0 requests would be rejected" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("csr.json", "{not json", "not valid JSON"),
        ("csr.xml", "<Nothing/>", "no CsrData"),
        ("csr.pdf", "%PDF-1.4", "PDF"),
    ],
)
def test_unusable_csr_exits_2_naming_the_file(
    tmp_path: Path, capsys, name: str, text: str, said: str
) -> None:
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    code = main(["check", str(ACCOUNTS), "--csr", str(bad), "-o", str(tmp_path / "c.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and said in err and name in err and "Traceback" not in err
    assert not (tmp_path / "c.xlsx").exists()


def test_plan_with_csr_holds_rejections_back(tmp_path: Path, capsys) -> None:
    """plan --csr: the Check sheets in the plan, Predicted Rejections on Requests, and the
    request the carrier would reject in not_ready/ with its reason."""
    output, exports = tmp_path / "plan.xlsx", tmp_path / "requests"
    code = main(["plan", str(ACCOUNTS), "--csr", str(ATT), "-o", str(output),
                 "--export-dir", str(exports)])  # fmt: skip
    assert code == 0
    book = openpyxl.load_workbook(output)
    assert {"Check", "Check Summary"} <= set(book.sheetnames)
    requests = {r["Request"]: r for r in rows_of(output, "Requests")}
    assert requests["SS-512474-ATT-G3-01"][PREDICTED] == "8D"
    assert all(r[PREDICTED] in (None, "") for k, r in requests.items() if "G3" not in k)
    held = exports / "not_ready"
    assert (held / "SS-512474-ATT-G3-01.csv").exists()
    assert not (exports / "SS-512474-ATT-G3-01.csv").exists()
    assert (exports / "SS-512474-ATT-G1-01.csv").exists()
    with (held / "reasons.csv").open(encoding="utf-8-sig") as fh:
        reasons = {row["Request"]: row["Reason"] for row in csv.DictReader(fh)}
    assert reasons["SS-512474-ATT-G3-01"] == "would be rejected: 8D"
    assert "carrier unknown" in reasons["SS-512474-UNKNOWN-01"]
    assert "reasons in" in capsys.readouterr().out


def test_a_stranger_list_against_a_telnyx_csr(tmp_path: Path, capsys) -> None:
    """Title rows, numbers typed as numbers, accents, a column named Row: no traceback,
    and the accented name compares as the carrier would (R4: a warning at most)."""
    listed = tmp_path / "liste.csv"
    listed.write_text(
        "Liste des numéros,,,,\nRow,Phone Number,Carrier,Company,Account Number\n"
        "1,5124741006.0,Verizon Wireless,Café Ñandú SARL,880012\n",
        encoding="utf-8",
    )
    record = json.loads(WIRELESS.read_text())
    record["data"]["result"]["admin"]["name"] = "CAFE NANDU"
    csr = tmp_path / "csr.json"
    csr.write_text(json.dumps(record), encoding="utf-8")
    code = main(["check", str(listed), "--csr", str(csr), "-o", str(tmp_path / "c.xlsx")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 1  # no PIN for a wireless number (E42); its BTN ports, 1007 stays (E6h)
    findings = rows_of(tmp_path / "c.xlsx", "Check")
    assert {f["Code"] for f in findings if f["Severity"] == "reject"} == {"E42", "E6h"}


@pytest.mark.parametrize("command", ["check", "plan"])
def test_the_output_never_replaces_a_csr_it_read(tmp_path: Path, capsys, command: str) -> None:
    """An agent's CSR workbook named as -o was replaced by the check (or plan) workbook
    without --overwrite: only the list was protected (found while fuzzing issue 19's
    inputs). Exit 2 naming it, the CSR unchanged; --overwrite still allows it."""
    csr = tmp_path / "csr.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Account Number", "BTN", "Working Telephone Number"])
    book.active.append(["A100", "5124741000", "512-474-1001"])
    book.save(csr)
    before = csr.read_bytes()
    code = main([command, str(ACCOUNTS), "--csr", str(csr), "-o", str(csr)])
    err = capsys.readouterr().err
    assert code == 2 and "refusing to overwrite the input file csr.xlsx" in err
    assert csr.read_bytes() == before
    assert main([command, str(ACCOUNTS), "--csr", str(csr), "-o", str(csr), "--overwrite"]) < 2
    assert "Check Summary" in openpyxl.load_workbook(csr).sheetnames
