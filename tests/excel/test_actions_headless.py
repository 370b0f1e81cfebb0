"""The ribbon's actions on real workbook files, headless: same code, openpyxl adapter."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main
from lnp_excel.excel.actions import run_action
from lnp_excel.excel.openpyxl_book import OpenpyxlBook


def rows(path: Path, sheet: str) -> list[tuple]:
    wb = openpyxl.load_workbook(path, keep_vba=True)
    return [r for r in wb[sheet].iter_rows(values_only=True) if any(v is not None for v in r)]


def with_input(built: Path, tmp_path: Path, numbers: list[list[object]]) -> Path:
    """A copy of the planner whose Input table holds ``numbers`` (written as an agent would)."""
    book = OpenpyxlBook(built)
    book.write("Input", [["Number", "Carrier", "Location", "Notes"], *numbers], header=False)
    path = tmp_path / "planner.xlsm"
    book.save(path)
    return path


def test_normalize_writes_the_numbers_sheet_and_keeps_the_vba(
    built: dict[str, Path], tmp_path: Path
) -> None:
    source = with_input(
        built["Port_Planner"],
        tmp_path,
        [
            ["212-736-1234", "AT&T", "", ""],
            ["(212) 736 1234", "AT&T", "", ""],
            ["junk", "", "", ""],
        ],
    )
    out = tmp_path / "out.xlsm"
    assert main(["run", str(source), "normalize", "-o", str(out)]) == 0
    result = rows(out, "Numbers")
    assert result[0][:2] == ("Row", "Number")
    assert [r[result[0].index("Status")] for r in result[1:]] == ["ok", "duplicate", "invalid"]
    with zipfile.ZipFile(out) as package:
        assert {"xl/vbaProject.bin", "customUI/customUI.xml"} <= set(package.namelist())
    table = openpyxl.load_workbook(out)["Input"].tables["tblInput"]
    assert table.ref == "A1:D4"


def test_clear_empties_outputs_and_keeps_input(built: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.xlsm"
    assert main(["run", str(built["Port_Planner"]), "normalize", "-o", str(out)]) == 0
    cleared = tmp_path / "cleared.xlsm"
    assert main(["run", str(out), "clear", "-o", str(cleared)]) == 0
    assert rows(cleared, "Numbers") == []
    assert len(rows(cleared, "Input")) == 9


def test_the_input_workbook_is_never_overwritten_unless_asked(
    built: dict[str, Path], tmp_path: Path
) -> None:
    source = tmp_path / "mine.xlsm"
    source.write_bytes(built["Port_Planner"].read_bytes())
    before = source.read_bytes()
    assert main(["run", str(source), "normalize", "-o", str(source)]) == 2
    assert source.read_bytes() == before
    assert main(["run", str(source), "normalize", "--overwrite"]) == 0
    assert rows(source, "Numbers")


def test_unknown_action_and_bad_rows_are_clear_errors(
    built: dict[str, Path], capsys: pytest.CaptureFixture
) -> None:
    assert main(["run", str(built["Port_Planner"]), "frobnicate"]) == 2
    assert "unknown action 'frobnicate'" in capsys.readouterr().err
    assert main(["run", str(built["Port_Planner"]), "normalize", "--rows", "9-2"]) == 2
    assert "--rows" in capsys.readouterr().err


def test_undo_with_nothing_logged_says_so(built: dict[str, Path]) -> None:
    assert run_action(OpenpyxlBook(built["Port_Planner"]), "undo") == "Nothing to undo"


def test_long_work_reports_progress_on_the_status_bar(built: dict[str, Path]) -> None:
    book = OpenpyxlBook(built["Port_Planner"])
    summary = run_action(book, "plan")
    assert book.messages[0] == "Plan requests..."
    assert any(m.startswith("Normalizing numbers") and m.endswith("%") for m in book.messages)
    assert " in 5 requests (" in summary  # Plan.summary_line, as the command line prints


def test_formulas_are_read_as_their_values_like_excel_does(
    built: dict[str, Path], tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(built["Port_Planner"], keep_vba=True)
    wb["Input"]["A2"] = '=TEXT(2127361234,"0")'
    with_formula = tmp_path / "formula.xlsm"
    wb.save(with_formula)
    # Excel saves a formula with its last value; openpyxl does not, so add it as Excel would.
    with zipfile.ZipFile(with_formula) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    sheet = next(n for n, data in parts.items() if b"TEXT(2127361234" in data)
    parts[sheet] = re.sub(
        rb"(<f>TEXT\(2127361234[^<]*</f>)(<v\s*/>|<v></v>)?", rb"\1<v>2127361234</v>", parts[sheet]
    )
    with zipfile.ZipFile(with_formula, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    out = tmp_path / "out.xlsm"
    assert main(["run", str(with_formula), "normalize", "-o", str(out)]) == 0
    numbers = rows(out, "Numbers")
    assert numbers[1][numbers[0].index("Normalized")] == "2127361234"
    kept = openpyxl.load_workbook(out)["Input"]["A2"].value
    assert kept == '=TEXT(2127361234,"0")'  # the formula itself is kept


def test_plan_button_writes_summary_figures_as_typed_cells(
    built: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "planned.xlsm"
    assert main(["run", str(built["Port_Planner"]), "plan", "-o", str(out)]) == 0
    summary = rows(out, "Summary")
    figures = {  # the figures stand beside the table, as on the command line's Summary (X4)
        r[i]: r[i + 1]
        for r in summary
        for i in range(len(r) - 1)
        if isinstance(r[i], str) and r[i + 1] is not None
    }
    requests = rows(out, "Requests")
    counts = [r[requests[0].index("Count")] for r in requests[1:]]
    assert figures["Numbers planned"] == sum(counts)  # a number an agent can sum with
    header = requests[0]
    known = [r[header.index("Cost")] for r in requests[1:] if r[header.index("Path")] != "Custom"]
    assert figures["Cost (Self-Service and Managed)"] == sum(known) > 0
    assert hasattr(figures["Submission date"], "year")  # a date, not text


def test_plan_reads_the_carrier_directory_sheet(built: dict[str, Path], tmp_path: Path) -> None:
    """P3b in the workbook: the Carrier Directory sheet is the directory; an alias the
    agent adds there merges "ATT Corp" into AT&T, which the shipped one only suggests."""
    source = with_input(
        built["Port_Planner"],
        tmp_path,
        [["212-736-1001", "AT&T", "", ""], ["212-736-1002", "ATT Corp", "", ""]],
    )
    out = tmp_path / "out.xlsm"
    assert main(["run", str(source), "plan", "-o", str(out)]) == 0
    requests = rows(out, "Requests")
    carrier = requests[0].index("Carrier")
    assert sorted(r[carrier] for r in requests[1:]) == ["AT&T", "ATT Corp"]
    book = OpenpyxlBook(source)
    grid = [list(r) for r in book.read("Carrier Directory")]
    header = grid[0]
    name, aliases = header.index("Carrier"), header.index("Aliases")
    att = next(r for r in grid if r[name] == "AT&T")
    att[aliases] = f"{att[aliases]}|ATT Corp"
    book.write("Carrier Directory", grid, header=False)
    edited = tmp_path / "edited.xlsm"
    book.save(edited)
    assert main(["run", str(edited), "plan", "-o", str(out), "--overwrite"]) == 0
    requests = rows(out, "Requests")
    assert [(r[carrier], r[requests[0].index("Count")]) for r in requests[1:]] == [("AT&T", 2)]
