"""Data safety (issue #6): interrupted runs leave nothing half-written, inputs never change,
and neither a PIN nor an address reaches a log or the console.

The interruption tests are real: a CLI run on a large list gets SIGINT while its output is
being written, and the writers are stopped half-way by a value whose ``str()`` raises
KeyboardInterrupt (what Ctrl+C does at that moment).
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from lnp_excel.cli.main import main
from lnp_excel.core.csr import CsrResult
from lnp_excel.core.errors import InputError
from lnp_excel.io.csr_files import write_csr_outputs
from lnp_excel.io.workbook_writer import EXCEL_MAX_ROWS, SheetSpec, write_workbook
from lnp_excel.io.writers import write_csv

PIN = "8x82125"
ADDRESSES = ("100 Congress Ave, Austin, TX 78701", "2200 S Lamar Blvd", "500 E 6th St")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- interrupted writes ------------------------------------------------------------------------


class _Interrupts:
    """A cell value that presses Ctrl+C when the writer turns it into text."""

    def __str__(self) -> str:
        raise KeyboardInterrupt


def _frame_interrupted_at(rows: int, at: int) -> pd.DataFrame:
    values: list[object] = [f"212736{i:04d}" for i in range(rows)]
    values[at] = _Interrupts()
    return pd.DataFrame({"Phone Number": values, "Note": "x"})


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_interrupted_writer_leaves_the_previous_file_and_no_temp(
    tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"result{suffix}"
    target.write_bytes(b"the previous run's result")
    frame = _frame_interrupted_at(5000, 4000)
    with pytest.raises(KeyboardInterrupt):
        if suffix == ".csv":
            write_csv(frame, target)
        else:
            write_workbook(target, [SheetSpec("Numbers", frame)])
    assert target.read_bytes() == b"the previous run's result"
    assert _leftovers(tmp_path) == [target.name]


def test_ctrl_c_during_a_cli_write_leaves_no_file(tmp_path: Path) -> None:
    """SIGINT as soon as the temp output exists: exit 130, nothing left, input unchanged."""
    source = tmp_path / "big.csv"
    lines = ["Phone Number,Carrier,Site"]
    lines += [f"({200 + i % 700}) 736-{i % 10000:04d},AT&T,Site {i % 97}" for i in range(150_000)]
    source.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    before = source.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "lnp_excel.cli.main", "normalize", str(source)]
        + ["-o", str(out / "result.xlsx")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and not any(n.startswith(".") for n in _leftovers(out)):
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.005)
    assert process.poll() is None, "the run finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "interrupted; no partial output was left behind" in stderr
    assert "Traceback" not in stderr and "wrote" not in stdout
    assert _leftovers(out) == []
    assert source.read_bytes() == before


# --- inputs --------------------------------------------------------------------------------------


def test_an_output_that_would_replace_the_input_is_refused(tmp_path: Path, capsys) -> None:
    source = tmp_path / "numbers.csv"
    source.write_bytes(b"Phone Number\r\n2127361234\r\n")
    assert main(["normalize", str(source), "-o", str(source)]) == 2
    assert "refusing to overwrite the input file numbers.csv" in capsys.readouterr().err
    assert source.read_bytes() == b"Phone Number\r\n2127361234\r\n"
    assert _leftovers(tmp_path) == ["numbers.csv"]


# --- logs ---------------------------------------------------------------------------------------


def test_pins_and_addresses_never_reach_the_console_or_a_log(
    tmp_path: Path, capsys, caplog
) -> None:
    csr = tmp_path / "csr_export.csv"
    csr.write_text(
        "Phone Number,Country,Carrier,Account Number,Address,PIN\r\n"
        f'2125550120,US,"Onvoy, LLC",4471920,"{ADDRESSES[0]}",\r\n'
        f"6175550166,US,Inteliquent Inc,4471920,{ADDRESSES[1]},\r\n"
        "3125550143,US,AT&T,4471920,,\r\n"
        f"+44 20 7946 0958,GB,BT,4471920,{ADDRESSES[2]},\r\n",
        encoding="utf-8",
    )
    caplog.set_level(logging.DEBUG)
    args = ["csr", "fix", str(csr), "--customer", "Acme", "--as-of", "2025-03-03"]
    assert main([*args, "-o", str(tmp_path / "out"), "--billing-address", ADDRESSES[0]]) == 0
    assert main([*args, "-o", str(tmp_path / "out2"), "--rows", "90-95"]) == 2  # an error too
    captured = capsys.readouterr()
    said = captured.out + captured.err + caplog.text
    written = (tmp_path / "out" / "8x8_Acme_CSR.csv").read_text(encoding="utf-8-sig")
    assert PIN in written and ADDRESSES[0] in written  # the file has them: the console not
    for secret in (PIN, *ADDRESSES, "Congress", "Lamar"):
        assert secret not in said, secret
    assert "wrote" in captured.out and "batch rows not in the table" in captured.err


# --- several outputs ---------------------------------------------------------------------------


def test_csr_fix_refused_at_its_review_workbook_writes_no_customer_csv(
    tmp_path: Path, capsys
) -> None:
    """The review is written first: when it cannot be (here a folder holds its name, as
    a file open in Excel would refuse), the customer CSV is not written either."""
    csr = tmp_path / "csr_export.csv"
    csr.write_text(
        "Phone Number,Country,Carrier,Address\r\n2125550120,US,Bandwidth,1 Elm St\r\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    (out / "8x8_Acme_CSR_review.xlsx").mkdir(parents=True)
    assert main(["csr", "fix", str(csr), "--customer", "Acme", "-o", str(out)]) == 2
    assert "the output path is a folder" in capsys.readouterr().err
    assert _leftovers(out) == ["8x8_Acme_CSR_review.xlsx"]


def test_a_csr_too_long_for_a_sheet_is_refused_before_any_file(tmp_path: Path) -> None:
    table = pd.DataFrame({"Phone Number": ["2125550120"] * EXCEL_MAX_ROWS, "Carrier": "X"})
    result = CsrResult(table=table, customer="Acme")
    with pytest.raises(InputError, match="--no-review"):
        write_csr_outputs(result, tmp_path)
    assert _leftovers(tmp_path) == []
