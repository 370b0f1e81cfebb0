"""Excel as it really behaves (issue 17): the add-in and the templates through the real
``XlwingsBook`` over the stand-in, which follows xlwings 0.37.8 and Microsoft's docs.

The agent opens a CSR download from CSV, adds a formula column of their own, selects a
batch of rows (C13) and presses Run all steps, then Save customer CSV: they stay on their
sheet and selection (X3), only the identifier columns get their text back (X1), an
``#N/A`` is seen and flagged, not filled over (N2), and nothing stops half-way for want of
a printer. In the templates, text goes into Text cells without an apostrophe and Undo puts
formulas back as dynamic-array formulas (X1, X2).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lnp_excel.build.udf_wrappers import describe_module_source
from lnp_excel.excel import xlwings_book
from lnp_excel.excel.actions.output_sheets import write_sheet
from lnp_excel.excel.xlwings_book import XlwingsBook, run
from lnp_excel.io.sheet_layout import SheetSpec
from tests.excel.fake_excel import FakeApp, FakeBook
from tests.excel.fake_typing import CellError
from tests.excel.test_addin import HEADER, ROWS, logged, to_codes, write_csv

COUNT, DIGITS = len(HEADER) + 1, len(HEADER) + 2  # the agent's count and formula columns


@pytest.fixture
def addin(open_addin) -> FakeBook:
    return open_addin(FakeApp())


def opened_download(tmp_path: Path, app: FakeApp) -> FakeBook:
    """The CSR download with a count column, an ``#N/A`` where row 5's address was blank,
    opened in Excel; the agent adds a ``=LEN(A2)`` column and selects rows 4-5."""
    rows = [list(row) for row in ROWS]
    rows[3][7] = "#N/A"  # a broken lookup in the system the CSR came from
    download = write_csv(tmp_path / "8x8_Acme Dental_CSR.csv", rows)
    text = download.read_text(encoding="utf-8").splitlines()
    text = [text[0] + ",Lines"] + [line + f",{i + 1}" for i, line in enumerate(text[1:])]
    download.write_text("\n".join(text) + "\n", encoding="utf-8")
    book = FakeBook.from_csv(download, app)
    sheet = book.sheets[0]
    sheet.cells[(1, DIGITS)] = "Digits"
    for r in range(2, len(ROWS) + 2):
        sheet.formulas[(r, DIGITS)] = f"=LEN(A{r})"
        sheet.cells[(r, DIGITS)] = float(len(str(sheet.cells[(r, 1)]).split(".")[0]))
    sheet.range("A4:N5").select()
    return book


def press_active(action: str, book: FakeBook, addin: FakeBook) -> str | None:
    """What LnpRunActive sends: the active workbook and its active sheet."""
    active = book.active_sheet._name
    return xlwings_book_run_addin(action, book, addin, active)


def xlwings_book_run_addin(action: str, book: FakeBook, addin: FakeBook, sheet: str):
    from lnp_excel.excel.actions.addin import run as run_addin

    return run_addin(action, to_codes(book.name), to_codes(sheet), caller=addin)


def test_run_all_steps_keeps_the_agent_on_their_sheet_and_batch(
    addin: FakeBook, tmp_path: Path
) -> None:
    """X3, C13, issue 17 s1: the selection is read before the add-in adds its sheets, only
    the selected rows are corrected, and the agent is left where they were."""
    app = addin.app
    book = opened_download(tmp_path, app)
    sheet = book.sheets[0]
    summary = press_active("csr-all", book, addin)
    assert app.alerts == [] and summary is not None
    assert book.active_sheet is sheet and app.active_book is book
    assert sheet.selected == "$A$4:$N$5"
    steps = logged(book)
    run_all = steps[steps["Action"] == "Run all steps"]
    assert len(run_all) and set(run_all["Row"].astype(int)) <= {4, 5}

    # the second click: the agent is still on the download, so it is the CSR
    saved = press_active("csr-save", book, addin)
    assert app.alerts == [] and saved is not None and "corrected" in saved
    table = pd.read_csv(tmp_path / "corrected" / "8x8_Acme Dental_CSR.csv", dtype=str)
    assert table["Phone Number"].tolist() == [row[0] for row in ROWS]


def test_typing_repair_touches_identifier_columns_only_never_a_formula(
    addin: FakeBook, tmp_path: Path
) -> None:
    """X1, issue 17 s2: numbers, ZIPs and account numbers get their text back; a count
    column and the agent's formula column stay numbers and formulas."""
    app = addin.app
    book = opened_download(tmp_path, app)
    sheet = book.sheets[0]
    press_active("csr-all", book, addin)
    for r in range(2, len(ROWS) + 2):
        assert sheet.cells[(r, COUNT)] == float(r - 1)  # still a number to add up
        assert sheet.formulas[(r, DIGITS)] == f"=LEN(A{r})"
        assert isinstance(sheet.cells[(r, 1)], str)
    assert sheet.cells[(2, 4)] == "44719"  # the account number as text (zeros unknowable)
    repaired = logged(book)
    repaired = repaired[repaired["Action"] == "Text as the file had it"]
    assert set(repaired["Column"]) <= {"Phone Number", "Account Number", "Zip", HEADER[6]}
    assert len(repaired) and set(repaired["Rule"]) == {"X1"}


def test_an_error_value_is_seen_flagged_and_never_filled_over(
    addin: FakeBook, tmp_path: Path
) -> None:
    """N2, issue 17 s4: xlwings reads #N/A as an empty cell unless err_to_str; the CSR
    check flags it, and C4 does not fill an address over it."""
    app = addin.app
    book = opened_download(tmp_path, app)
    sheet = book.sheets[0]
    assert sheet.range((5, 8)).value is None  # what xlwings hands Python by default
    press_active("csr-all", book, addin)
    assert sheet.cells[(5, 8)] == CellError("#N/A")
    flags = book.sheets["LNP Flags"]
    texts = [str(v) for v in flags.cells.values()]
    assert any("#N/A" in t for t in texts)
    assert sheet.colors.get((5, 1)) is not None  # the row is marked red


def test_no_printer_does_not_stop_an_action_half_way(open_addin, tmp_path: Path) -> None:
    """X4, issue 17 s5: with no printer Excel raises a COM error on PageSetup; the action
    ends, printer communication is on again."""
    app = FakeApp(printer=False)
    addin = open_addin(app)
    book = opened_download(tmp_path, app)
    summary = press_active("csr-all", book, addin)
    assert app.alerts == [] and summary is not None
    assert app.api.print_communication_log[-1] is True
    assert False in app.api.print_communication_log  # off while the settings were set


def test_a_mac_writes_one_area_at_a_time_with_the_same_result(
    open_addin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17 s7: xlwings' Mac range keeps only the first cell of "B2:B9,D4:D9"; in Mac
    mode the adapter never sends one, and the sheet ends as it does on Windows."""
    windows = FakeApp()
    windows_book = opened_download(_folder(tmp_path / "win"), windows)
    press_active("csr-all", windows_book, open_addin(windows))

    mac = FakeApp(mac=True)
    addin = open_addin(mac)
    monkeypatch.setattr(xlwings_book, "ON_MAC", True)
    mac_book = opened_download(_folder(tmp_path / "mac"), mac)
    press_active("csr-all", mac_book, addin)
    assert mac.alerts == []
    win, on_mac = windows_book.sheets[0], mac_book.sheets[0]
    assert on_mac.cells == win.cells and on_mac.colors == win.colors
    assert on_mac.formulas == win.formulas


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_text_cells_of_the_template_get_text_without_an_apostrophe(
    built: dict[str, Path],
) -> None:
    """X1, issue 17 s3: the CSR sheet's data cells are Text (@): the bare text goes in,
    on every click, and Undo puts the old text back bare too."""
    book = FakeBook.from_openpyxl(built["CSR_Template"])
    csr = book.sheets["CSR"]
    csr.activate()
    before = dict(csr.cells)
    assert run("csr-all", book=book) is not None and book.app.alerts == []
    assert run("csr-all", book=book) is not None and book.app.alerts == []
    for sheet in book.sheets:
        quoted = [v for v in sheet.cells.values() if isinstance(v, str) and v.startswith("'")]
        assert quoted == [], sheet._name
    assert run("undo", book=book).startswith("Undid")
    assert run("undo", book=book).startswith("Undid")
    assert dict(csr.cells) == before


def test_undo_puts_formulas_back_as_dynamic_array_formulas(built: dict[str, Path]) -> None:
    """X2, issue 17 s6: Range.Formula would make ``=TRANSPOSE(...)`` an ``=@`` formula
    that never spills; Undo writes through Formula2."""
    book = FakeBook.from_openpyxl(built["CSR_Template"])
    csr = book.sheets["CSR"]
    csr.activate()
    csr.cells[(1, 13)] = "Note"
    csr.formulas[(3, 13)] = '=TRANSPOSE("null")'
    csr.cells[(3, 13)] = "null"
    assert "cells changed" in run("csr-nulls", book=book)
    assert (3, 13) not in csr.formulas and (3, 13) not in csr.cells
    run("undo", book=book)
    assert csr.formulas[(3, 13)] == '=TRANSPOSE("null")'


def test_a_table_made_again_with_fewer_columns_leaves_no_column_headers() -> None:
    """X4, issue 17 s6: Excel names emptied table headers Column1..N; a narrower table
    made again on the same sheet leaves none of them behind."""
    book = FakeBook()
    book.sheets.add("Sheet1")
    adapter = XlwingsBook(book)
    wide = pd.DataFrame({"Row": [2], "Rule": ["C3"], "Reason": ["x"], "Fix": ["y"]})
    write_sheet(adapter, SheetSpec("Flags", wide))
    write_sheet(adapter, SheetSpec("Flags", wide[["Row", "Rule"]]))
    sheet = book.sheets["Flags"]
    header = [v for (r, _), v in sheet.cells.items() if r == 1]
    assert sorted(header) == ["Row", "Rule"]
    assert sheet.tables[0].range.last == (2, 2)


def test_function_help_names_the_workbook_of_each_function() -> None:
    """Issue 17 s6: with a template and the add-in both open, a bare macro name is
    ambiguous; LnpDescribeFunctions qualifies each ('Book'!name)."""
    source = describe_module_source()
    assert "ThisWorkbook.Name" in source and 'Macro:=book & "TN_NORMALIZE"' in source
    assert 'Macro:="TN_NORMALIZE"' not in source


def long_csr(rows: int) -> FakeBook:
    """A long CSR opened in Excel (General cells): nulls every 7th row, billing numbers
    missing every 3rd, PIN carriers every other pair of rows, a formula column, and the
    agent's own yellow on two batches of addresses."""
    book = FakeBook("C:\\\\work\\\\long.xlsm")
    sheet = book.sheets.add("CSR")
    header = ["Phone Number", "Country", "Carrier", "Billing Telephone Number", "Address"]
    header += ["City", "State", "Zip", "PIN", "Digits"]
    carriers = ["Bandwidth", "Onvoy, LLC", "Inteliquent Inc", "Lumen"]
    sheet.range((1, 1)).value = [header]
    for r in range(2, rows + 2):
        number = f"'{2125550000 + r}"
        address = "null" if r % 7 == 0 else f"{r} Main St"
        billing = None if r % 3 == 0 else number
        values = [number, "US", carriers[r % 4], billing, address, "Austin", "TX", "'78701"]
        sheet.range((r, 1)).value = [values]
        sheet.formulas[(r, 10)] = f"=LEN(A{r})"
        sheet.cells[(r, 10)] = 10.0
        if 100 <= r <= 160 or 500 <= r <= 505:  # a batch the agent marked yellow
            sheet.colors[(r, 5)] = (0xFF, 0xFF, 0x00)
    book.app.calls = 0
    return book


def test_thousands_of_scattered_cells_are_written_exactly_in_few_calls() -> None:
    """X1, X2, issue 17 s8: a column's changed stretch is one write and its scattered
    cells one fill (Excel's own search for blanks); every cell ends as meant, and Undo
    puts back every value, formula and fill, the agent's yellow included."""
    book = long_csr(2000)
    sheet = book.sheets["CSR"]
    before = {k: dict(getattr(sheet, k)) for k in ("cells", "formulas", "formats", "colors")}
    assert run("csr-all", book=book) is not None and book.app.alerts == []
    calls = book.app.calls
    changes = logged_changes(book)
    pairs = zip(changes["Row"], changes["Column"], strict=True)
    changed = {(int(r), HEADER_AT[c]) for r, c in pairs}
    assert len(changed) > 1000 and calls < len(changed) / 10  # not a call per cell
    for cell in set(before["cells"]) | set(sheet.cells):
        if cell not in changed and cell[0] > 1:
            assert sheet.cells.get(cell) == before["cells"].get(cell), cell
            assert sheet.colors.get(cell) == before["colors"].get(cell), cell
    assert all(sheet.colors.get(cell) is not None for cell in changed)
    assert sheet.formulas == before["formulas"]
    assert run("undo", book=book).startswith("Undid")
    after = {k: dict(getattr(sheet, k)) for k in ("cells", "formulas", "formats", "colors")}
    assert after == before


HEADER_AT = {
    name: i
    for i, name in enumerate(
        ["Phone Number", "Country", "Carrier", "Billing Telephone Number", "Address"]
        + ["City", "State", "Zip", "PIN", "Digits"],
        start=1,
    )
}


def logged_changes(book: FakeBook) -> pd.DataFrame:
    grid = XlwingsBook(book).read("Changes")
    frame = pd.DataFrame(grid[1:], columns=grid[0])
    return frame[frame["Column"].isin(HEADER_AT)]
