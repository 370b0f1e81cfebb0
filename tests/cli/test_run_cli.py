"""`lnp-excel run WORKBOOK ACTION`: the ribbon's actions headless, their one-line summaries
(the same as the command line's), the Settings sheet read by ``core.values``, and where the
result lands."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main
from lnp_excel.core.numbers import normalized_table, summary_line
from lnp_excel.core.plan import plan_ports
from lnp_excel.io.tables import read_table

NUMBERS = [
    ["212-736-1234", "AT&T", "Active"],
    ["(212) 736 1234", "AT&T", "Active"],
    ["junk", "", "Disconnected"],
    ["212-736-1299", "Verizon", "Active"],
]


def planner_with(built: dict[str, Path], folder: Path, settings: dict[str, object]) -> Path:
    """A copy of the planner whose Input holds NUMBERS (with the customer's own Status
    column) and whose Settings sheet holds ``settings``, written as an agent types them."""
    wb = openpyxl.load_workbook(built["Port_Planner"], keep_vba=True)
    ws = wb["Input"]
    ws.delete_rows(1, ws.max_row)
    for row in [["Number", "Carrier", "Status"], *NUMBERS]:
        ws.append(row)
    sheet = wb["Settings"]
    for cells in sheet.iter_rows(min_row=1):
        if cells[0].value in settings:
            cells[1].value = settings[cells[0].value]
    path = folder / "planner.xlsm"
    wb.save(path)
    return path


def cells(path: Path, sheet: str) -> list[dict]:
    rows = [r for r in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)]
    rows = [r for r in rows if any(v is not None for v in r)]
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def test_ribbon_normalize_counts_the_engines_status_not_the_customers(
    built, tmp_path, capsys
) -> None:
    """Issue 10: an input with its own Status column; the engine's is "Status (lnp)"."""
    source = planner_with(built, tmp_path, {})
    out = tmp_path / "out.xlsm"
    assert main(["run", str(source), "normalize", "-o", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    rows = cells(out, "Numbers")
    verdicts = [r["Status (lnp)"] for r in rows]
    assert [r["Status"] for r in rows] == [n[2] for n in NUMBERS]  # the customer's, kept
    assert verdicts == ["ok", "duplicate", "invalid", "ok"]
    assert printed[0] == "4 numbers normalized from 'Number': 2 ok, 1 invalid, 1 duplicate"


def test_cli_normalize_prints_the_same_summary_as_the_result_gives(tmp_path, capsys) -> None:
    source = tmp_path / "list.csv"
    source.write_text(
        "Number,Carrier,Status\n" + "\n".join(",".join(f'"{c}"' for c in n) for n in NUMBERS),
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    assert main(["normalize", str(source), "-o", str(out)]) == 0
    table = read_table(source)
    expected = summary_line(normalized_table(table.frame, "Number"), "Number")
    assert capsys.readouterr().out.splitlines()[0] == expected
    assert "2 ok, 1 invalid, 1 duplicate" in expected
    wb = openpyxl.load_workbook(out)
    header = [c.value for c in wb["Numbers"][1]]
    status = header.index("Status (lnp)") + 1
    fill = wb["Numbers"].cell(row=3, column=status).fill.fgColor.rgb  # the duplicate row
    assert fill.endswith("FFEB9C")


@pytest.mark.parametrize("typed", ["12/1/2026", "2026-12-01", dt.datetime(2026, 12, 1), 46357])
def test_settings_dates_are_read_like_the_command_line_reads_them(
    built, tmp_path, capsys, typed
) -> None:
    """Issue 10: 12/1/2026 on the Settings sheet was refused ("use YYYY-MM-DD")."""
    source = planner_with(built, tmp_path, {"Submission Date": typed, "Local Licenses": "1,000"})
    out = tmp_path / "plan.xlsm"
    assert main(["run", str(source), "plan", "-o", str(out)]) == 0
    ribbon = capsys.readouterr().out.splitlines()[0]
    table = read_table(source, sheet="Input")
    cli = plan_ports(table.frame, submit_date="12/1/2026", licenses={"local": 1000})
    assert ribbon == cli.summary_line()
    assert cli.submit_date == dt.date(2026, 12, 1) and "expected port dates 2026-12" in ribbon


def test_a_settings_date_that_is_not_a_date_names_the_cell(built, tmp_path, capsys) -> None:
    source = planner_with(built, tmp_path, {"Requested Date": "next week"})
    assert main(["run", str(source), "plan", "-o", str(tmp_path / "p.xlsm")]) == 2
    err = capsys.readouterr().err
    assert "cannot read the Requested Date 'next week'" in err
    assert "M/D/YYYY" in err and "sheet 'Settings'" in err


def test_run_without_output_writes_beside_the_workbook(
    built, tmp_path, monkeypatch, capsys
) -> None:
    """Issue 13: not in the current folder."""
    folder = tmp_path / "customer"
    folder.mkdir()
    source = shutil.copy(built["Port_Planner"], folder / "Acme.xlsm")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["run", str(source), "normalize"]) == 0
    assert (folder / "Acme_normalize.xlsm").exists()
    assert list(elsewhere.iterdir()) == []
    assert f"wrote {folder / 'Acme_normalize.xlsm'}" in capsys.readouterr().out


def test_the_worksheet_function_reads_dates_like_the_command_line() -> None:
    """PORT_DATES took only ISO text; now any form core.values reads (issue 10)."""
    from lnp_excel.excel.udfs import PORT_DATES

    expected = PORT_DATES(dt.date(2026, 12, 1))
    for typed in ("12/1/2026", "2026-12-01", "12/1/26", 46357, dt.datetime(2026, 12, 1, 9)):
        assert PORT_DATES(typed) == expected, typed
    assert PORT_DATES("soon").startswith("#LNP: cannot read the submission date 'soon'")
