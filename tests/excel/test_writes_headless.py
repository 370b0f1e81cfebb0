"""The same exact writes and Undo headless, through OpenpyxlBook on real files (X1, X2)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from lnp_excel.cli.main import main


def cells(path: Path, sheet: str) -> dict[str, tuple[object, str, str]]:
    """Every non-empty cell: what it holds (formula text for formulas), its type, format."""
    ws = openpyxl.load_workbook(path)[sheet]
    return {
        c.coordinate: (c.value, c.data_type, c.number_format)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def prepared(built: Path, tmp_path: Path) -> tuple[Path, str]:
    """The CSR template with a billing address (so the "null" address C2 empties, C4
    fills), a formula column and text that looks like a formula."""
    wb = openpyxl.load_workbook(built, keep_vba=True)
    settings = wb["Settings"]
    row = next(r for r in range(1, 80) if settings.cell(r, 1).value == "Billing Address")
    settings.cell(row, 2).value = "100 Congress Ave, Austin, TX 78701"
    csr = wb["CSR"]
    header = [c.value for c in csr[1]]
    address = header.index("Address") + 1
    null_row = next(r for r in range(2, 40) if csr.cell(r, address).value == "null")
    csr.cell(1, 14).value = "Length"
    for r in range(2, csr.max_row + 1):
        csr.cell(r, 14).value = f"=LEN(A{r})"
    note = csr.cell(2, 15)
    note.value, note.data_type = "=not a formula", "s"
    path = tmp_path / "csr.xlsm"
    wb.save(path)
    return path, csr.cell(null_row, address).coordinate


def test_run_all_then_undo_restores_every_cell_formulas_included(
    built: dict[str, Path], tmp_path: Path
) -> None:
    source, formula_cell = prepared(built["CSR_Template"], tmp_path)
    done = tmp_path / "done.xlsm"
    assert main(["run", str(source), "csr-all", "-o", str(done)]) == 0
    before, after = cells(source, "CSR"), cells(done, "CSR")
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    journal = list(openpyxl.load_workbook(done)["Changes"].iter_rows(min_row=2, values_only=True))
    assert changed and changed <= {r[3] for r in journal}  # every change is journaled
    twice = [r for r in journal if r[3] == formula_cell]
    assert [r[8] for r in twice] == ["C2", "C4"] and twice[0][6] == "null"
    assert after["O2"] == ("=not a formula", "s", "General")  # text stays text
    assert all(after[f"N{r}"][0] == f"=LEN(A{r})" for r in range(2, 20))  # formulas stay
    undone = tmp_path / "undone.xlsm"
    assert main(["run", str(done), "undo", "-o", str(undone)]) == 0
    assert cells(undone, "CSR") == before  # the address C2 and C4 changed is back
    rows = openpyxl.load_workbook(undone)["Changes"].iter_rows(min_row=2, values_only=True)
    assert all(v is None for row in rows for v in row)


def test_build_then_undo_brings_back_the_sheet_its_formulas_and_its_table(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """X2 for a sheet replaced whole: the backup holds formulas as formulas."""
    source, _ = prepared(built["CSR_Template"], tmp_path)
    done, undone = tmp_path / "built.xlsm", tmp_path / "undone.xlsm"
    assert main(["run", str(source), "csr-build", "-o", str(done)]) == 0
    assert cells(done, "CSR backup")["N2"][:2] == ("=LEN(A2)", "f")
    assert main(["run", str(done), "undo", "-o", str(undone)]) == 0
    assert cells(undone, "CSR") == cells(source, "CSR")
    table = openpyxl.load_workbook(undone)["CSR"].tables["tblCSR"].ref
    assert table == openpyxl.load_workbook(source)["CSR"].tables["tblCSR"].ref
