"""CSR_Template's buttons, headless on the built workbook: each step, a batch, undo, files."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main
from lnp_excel.excel.actions import run_action
from lnp_excel.excel.openpyxl_book import OpenpyxlBook


def grid(path: Path, sheet: str) -> list[list[object]]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [[c.value for c in row] for row in ws.iter_rows()]


def table(path: Path, sheet: str) -> list[dict]:
    rows = [r for r in grid(path, sheet) if any(v is not None for v in r)]
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def run(source: Path, action: str, out: Path, *extra: str) -> Path:
    assert main(["run", str(source), action, "-o", str(out), *extra]) == 0
    return out


def test_replace_nulls_changes_the_cell_logs_and_highlights_it(
    built: dict[str, Path], tmp_path: Path
) -> None:
    source = built["CSR_Template"]
    before = table(source, "CSR")
    nulls = [
        (i, k)
        for i, r in enumerate(before)
        for k, v in r.items()
        if isinstance(v, str) and v.lower() == "null"
    ]
    assert nulls, "the template's example rows include a null"
    out = run(source, "csr-nulls", tmp_path / "out.xlsm")
    after = table(out, "CSR")
    for i, column in nulls:
        assert after[i][column] is None
    changes = table(out, "Changes")
    assert {c["Rule"] for c in changes} == {"C2"} and len(changes) == len(nulls)
    cell = openpyxl.load_workbook(out)["CSR"][changes[0]["Cell"]]
    assert cell.fill.fgColor.rgb.endswith("FFEB9C")


def test_every_step_then_undo_restores_the_sheet_exactly(
    built: dict[str, Path], tmp_path: Path
) -> None:
    source = built["CSR_Template"]
    out = run(source, "csr-all", tmp_path / "all.xlsm")
    assert grid(out, "CSR") != grid(source, "CSR")
    assert {c["Rule"] for c in table(out, "Changes")} >= {"C2", "C3", "C6"}
    undone = run(out, "undo", tmp_path / "undone.xlsm")
    assert grid(undone, "CSR") == grid(source, "CSR")
    assert table(undone, "Changes") == []


def test_a_selected_batch_is_corrected_alone(built: dict[str, Path], tmp_path: Path) -> None:
    source = built["CSR_Template"]
    out = run(source, "csr-pin", tmp_path / "batch.xlsm", "--rows", "2-4")
    rows = {c["Row"] for c in table(out, "Changes")}
    assert rows and rows <= {2, 3, 4}
    everything = run(source, "csr-pin", tmp_path / "all.xlsm")
    assert len(table(everything, "Changes")) > len(rows)


def test_flags_are_refreshed_not_duplicated(built: dict[str, Path], tmp_path: Path) -> None:
    once = run(built["CSR_Template"], "csr-non-us", tmp_path / "once.xlsm")
    twice = run(once, "csr-non-us", tmp_path / "twice.xlsm")
    flags_once = table(once, "Flags")
    assert flags_once and all(f["Rule"] == "C3" for f in flags_once)
    assert table(twice, "Flags") == flags_once


def test_build_from_inventory_keeps_a_backup_and_undo_restores_it(
    built: dict[str, Path], tmp_path: Path
) -> None:
    source = built["CSR_Template"]
    out = run(source, "csr-build", tmp_path / "built.xlsm")
    header = grid(out, "CSR")[0]
    assert "Billing Telephone Number" in header and "PIN" in header
    assert grid(out, "CSR backup") == grid(source, "CSR")
    book = OpenpyxlBook(out)
    assert run_action(book, "undo") == "Undid 'Build from inventory': the CSR sheet restored"
    undone = tmp_path / "undone.xlsm"
    book.save(undone)
    assert grid(undone, "CSR") == grid(source, "CSR")


def test_save_writes_the_customer_csv_next_to_the_output(
    built: dict[str, Path], tmp_path: Path
) -> None:
    book = OpenpyxlBook(built["CSR_Template"], folder=tmp_path)
    book.write("Settings", [["Setting", "Value"], ["Customer", "Acme/Dental: East"]], header=False)
    summary = run_action(book, "csr-save")
    written = list(tmp_path.glob("8x8_*_CSR.csv"))
    assert len(written) == 1 and "/" not in written[0].name[4:] and ":" not in written[0].name
    assert written[0].name in summary
    with written[0].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(table(built["CSR_Template"], "CSR"))
    assert "Origin" not in rows[0]


def test_documents_one_per_carrier(built: dict[str, Path], tmp_path: Path) -> None:
    book = OpenpyxlBook(built["CSR_Template"], folder=tmp_path)
    summary = run_action(book, "csr-docs")
    documents = list(tmp_path.glob("*.docx"))
    assert documents and f"Wrote {len(documents)} carrier documents" in summary


def test_a_csr_sheet_without_numbers_is_a_clear_error(
    built: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    book = OpenpyxlBook(built["CSR_Template"])
    book.write("CSR", [["Name", "Address"], ["Dana", "1 Main St"]])
    broken = tmp_path / "broken.xlsm"
    book.save(broken)
    assert main(["run", str(broken), "csr-all"]) == 2
    err = capsys.readouterr().err
    assert "sheet 'CSR'" in err and "Traceback" not in err
