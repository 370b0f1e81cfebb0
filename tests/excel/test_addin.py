"""The LNP_Tools.xlam add-in on the workbook the agent has open (issue 11 s2, X3, X1, C8).

The add-in is the built .xlam, opened into the Excel stand-in; the agent's workbook is a
CSR download opened in Excel (one sheet named after the file, numbers as Excel typed them)
or a customer's .xlsx. ``addin.run`` is called as ``LnpRunActive`` calls it, with the names
as ``LnpCodes`` sends them, and goes through the real ``XlwingsBook``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lnp_excel.excel.actions.addin import PREFIX, from_codes, run
from lnp_excel.excel.actions.excel_typing import excel_typing_changes
from tests.excel.fake_excel import FakeApp, FakeBook, excel_typed


def to_codes(text: str) -> str:
    """The test's mirror of the VBA ``LnpCodes`` (``AscW`` per UTF-16 code unit)."""
    raw = text.encode("utf-16-le", errors="surrogatepass")
    return ".".join(str(int.from_bytes(raw[i : i + 2], "little")) for i in range(0, len(raw), 2))


HEADER = [
    "Phone Number",
    "Country",
    "Carrier",
    "Account Number",
    "Authorized First Name",
    "Authorized Last Name",
    "Billing Telephone Number",
    "Address",
    "City",
    "State",
    "Zip",
    "PIN",
]
ROWS = [
    ["+16175550166", "US", "Onvoy, LLC", "0044719", "Dana", "Reyes", "+16175550166", "null"]
    + ["Boston", "MA", "02134", ""],
    ["6175550130", "US", "Inteliquent Inc", "0044719", "Dana", "Reyes", "", "12 Main St"]
    + ["Boston", "MA", "02134", ""],
    ["+442079460011", "GB", "BT", "0044719", "Dana", "Reyes", "+442079460011"]
    + ["675 Creekside Way", "Campbell", "CA", "95008", ""],
    ["3125550143", "US", "Lumen", "0044719", "Null", "Reyes", "2125550120", "", "", "", "", ""],
    ["2125550120", "US", "Bandwidth", "0044719", "Dana", "Reyes", "2125550120"]
    + ["100 Congress Ave", "Austin", "TX", "78701", "4821"],
]


def write_csv(path: Path, rows=ROWS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


@pytest.fixture
def app() -> FakeApp:
    return FakeApp()


@pytest.fixture
def addin(app: FakeApp, open_addin) -> FakeBook:
    """The built add-in, open in the stand-in (conftest's ``open_addin``)."""
    return open_addin(app)


def snapshot(book: FakeBook) -> dict[str, dict]:
    return {sheet.name: dict(sheet.cells) for sheet in book.sheets}


def press(action: str, book: FakeBook, addin: FakeBook, sheet: str | None = None):
    """What LnpRunActive does for a button, with the book and sheet the agent has active."""
    return run(action, to_codes(book.name), to_codes(sheet or book.sheets[0].name), caller=addin)


def logged(book: FakeBook) -> pd.DataFrame:
    grid = book.sheets[PREFIX + "Changes"].used_range.value
    grid = grid if grid and isinstance(grid[0], list) else [grid]  # one row reads flat
    return pd.DataFrame(grid[1:], columns=grid[0]).dropna(how="all")


@pytest.mark.parametrize(
    "name",
    ["8x8_Acme Dental_CSR.csv", "8x8_O'Brien & Sons_CSR.csv", 'Q3 "final" 100%.xlsx', "Dé 📞.csv"],
)
def test_names_reach_python_intact_as_lnp_codes_sends_them(name: str) -> None:
    codes = to_codes(name)
    assert set(codes) <= set("0123456789.")  # nothing a command line could reinterpret
    assert all(0 <= int(unit) <= 0xFFFF for unit in codes.split("."))  # AscW ... And &HFFFF&
    assert from_codes(codes) == name


def test_a_csr_download_opened_in_excel_is_corrected_in_place(
    app: FakeApp, addin: FakeBook, tmp_path: Path
) -> None:
    download = write_csv(tmp_path / "8x8_Acme Dental_CSR.csv")
    book = FakeBook.from_csv(download, app)
    sheet = book.sheets[0]
    assert sheet.name == "8x8_Acme Dental_CSR"
    assert sheet.cells[(2, 1)] == float(ROWS[0][0])  # Excel made a number of +1617...
    before, addin_before = dict(sheet.cells), snapshot(addin)

    summary = press("csr-all", book, addin)

    assert app.alerts == [] and app.status_bar == summary and "(X1)" in summary
    assert [s.name for s in book.sheets] == [sheet.name, "LNP Changes", "LNP Flags"]
    assert snapshot(addin) == addin_before, "the add-in's own sheets are never written"
    changes = logged(book)
    assert set(changes["Sheet"]) == {sheet.name}  # the real sheet: Undo finds it later
    meant = dict(before)
    for _, change in changes.iterrows():  # in log order: a cell changed twice ends as meant
        row, column = int(change["Row"]), HEADER.index(change["Column"]) + 1
        meant[(row, column)] = (
            None if pd.isna(change["New"]) or change["New"] == "" else change["New"]
        )
    cells = set(meant) | set(sheet.cells)
    assert {k: sheet.cells.get(k) for k in cells} == {k: meant.get(k) for k in cells}
    # what Excel destroyed is back as the file's text: E.164 with its +, ZIPs with zeros
    for r, row in enumerate(ROWS, start=2):
        assert sheet.cells[(r, 1)] == row[0]
        if row[1] == "US" and row[10]:
            assert sheet.cells[(r, 11)] == row[10]
    flags = book.sheets["LNP Flags"].cells
    assert flags[(1, 1)] == "Row" and any(v == "C3" for v in flags.values())


def test_save_writes_the_customer_csv_beside_the_download_without_replacing_it(
    app: FakeApp, addin: FakeBook, tmp_path: Path
) -> None:
    download = write_csv(tmp_path / "8x8_Acme Dental_CSR.csv")
    original = download.read_bytes()
    book = FakeBook.from_csv(download, app)
    press("csr-all", book, addin)
    summary = press("csr-save", book, addin)
    assert app.alerts == [] and "corrected" in summary
    assert download.read_bytes() == original
    saved = tmp_path / "corrected" / download.name  # C8: the name the file gave
    table = pd.read_csv(saved, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert table["Phone Number"].tolist() == [row[0] for row in ROWS]
    assert table["Zip"].tolist()[:2] == [ROWS[0][10], ROWS[1][10]]
    assert addin.macro_calls == [], "a C8 file name names the customer: nobody is asked"


def test_undo_puts_back_every_cell_as_excel_had_it(
    app: FakeApp, addin: FakeBook, tmp_path: Path
) -> None:
    book = FakeBook.from_csv(write_csv(tmp_path / "8x8_Acme Dental_CSR.csv"), app)
    sheet = book.sheets[0]
    before = dict(sheet.cells)
    press("csr-all", book, addin)
    assert "Run all steps" in press("undo", book, addin)
    assert "Text as the file had it" in press("undo", book, addin)
    assert {k: v for k, v in sheet.cells.items() if v is not None} == before
    assert app.alerts == [] and logged(book).empty


def test_inputs_come_from_the_workbook_when_it_has_them_else_from_the_addin(
    app: FakeApp, addin: FakeBook, tmp_path: Path
) -> None:
    settings = addin.sheets["Settings"]
    pin_row = next(r for (r, c), v in settings.cells.items() if c == 1 and v == "csr_pin")
    settings.cells[(pin_row, 2)] = "7654321"  # the add-in's default, edited once by an admin
    plain = FakeBook.from_csv(write_csv(tmp_path / "8x8_Plain_CSR.csv"), app)
    press("csr-pin", plain, addin)
    assert plain.sheets[0].cells[(2, 12)] == "7654321"

    own = FakeBook.from_csv(write_csv(tmp_path / "8x8_Own_CSR.csv"), app)
    mine = own.sheets.add("Settings", after=own.sheets[0])
    own.sheets[0].activate()  # the agent goes back to the CSR before pressing the button
    mine.cells.update({(1, 1): "Setting", (1, 2): "Value", (2, 1): "csr_pin", (2, 2): "1111"})
    press("csr-pin", own, addin)
    assert own.sheets[0].cells[(2, 12)] == "1111"
    assert mine.cells[(2, 2)] == "1111" and len(mine.cells) == 4  # read, never written
    assert app.alerts == []


def customer_workbook(path: Path) -> Path:
    """A customer's own list: a title row, their numbers, and sheets of their own, one of
    them named like an output of the planner."""
    wb = openpyxl.Workbook()
    dids = wb.active
    dids.title = "DIDs"
    dids.append(["Numbers to port - Harbor & Reed"])
    dids.append(["Phone Number", "Current Carrier", "Site"])
    for i in range(12):
        dids.append([f"(212) 736-12{i:02d}", "Verizon Business", "NY"])
    dids.append(["(416) 555-2671", "Rogers", "Toronto"])
    wb.create_sheet("Summary").append(["The customer's own summary", 42])
    wb.save(path)
    return path


def test_plan_on_a_customers_workbook_writes_new_sheets_only(
    app: FakeApp, addin: FakeBook, tmp_path: Path
) -> None:
    book = FakeBook.from_openpyxl(customer_workbook(tmp_path / "harbor.xlsx"), app)
    before = snapshot(book)
    summary = press("plan", book, addin, sheet="DIDs")
    assert app.alerts == [] and "13 numbers in 2 requests" in summary
    new = [s.name for s in book.sheets if s.name not in before]
    assert set(new) == {PREFIX + n for n in ("Numbers", "Requests", "Exceptions", "Checklist")} | {
        PREFIX + "Summary"
    }
    assert {name: dict(book.sheets[name].cells) for name in before} == before
    assert press("clear", book, addin, sheet="DIDs").startswith("Cleared 5")
    assert {name: dict(book.sheets[name].cells) for name in before} == before


def test_the_customer_is_asked_when_the_file_name_does_not_say(
    app: FakeApp, addin: FakeBook, tmp_path: Path
) -> None:
    book = FakeBook.from_csv(write_csv(tmp_path / "export (3).csv"), app)
    assert press("csr-save", book, addin) is None  # cancelled: InputBox gave ""
    assert "C8" in app.alerts[-1][1] and not list(tmp_path.glob("8x8_*"))
    addin.answers.append("Harbor Reed")
    assert "8x8_Harbor Reed_CSR.csv" in press("csr-save", book, addin)
    assert (tmp_path / "8x8_Harbor Reed_CSR.csv").exists()  # beside it: nothing to replace
    assert [name for name, _ in addin.macro_calls] == ["LnpAsk", "LnpAsk"]


def test_an_unsaved_workbook_is_asked_to_be_saved_first(
    app: FakeApp, addin: FakeBook, tmp_path: Path
) -> None:
    book = FakeBook.from_csv(write_csv(tmp_path / "pasted.csv"), app)
    book.fullname = "Book1"  # what Excel calls a new workbook never saved
    addin.answers.append("Acme")
    assert press("csr-save", book, addin) is None
    assert "save it first" in app.alerts[-1][1]


def test_a_missing_workbook_is_a_message_not_a_traceback(app: FakeApp, addin: FakeBook) -> None:
    assert run("csr-all", to_codes("gone.csv"), to_codes("gone"), caller=addin) is None
    title, message = app.alerts[-1]
    assert title == "LNP Tools" and "Traceback" not in message


def test_excel_typing_changes_restore_the_files_text() -> None:
    """X1 read backwards: each number Excel made of a CSV field gets the field's text back
    where it can be known; what cannot (an account number's zeros) is not guessed."""
    texts = [ROWS[0], ROWS[2], ROWS[4]]
    table = pd.DataFrame(
        [[excel_typed(v) for v in row] for row in texts],
        columns=HEADER,
        index=[2, 3, 4],
        dtype=object,
    )
    table.loc[4, "PIN"] = True  # a boolean is no number
    changes = excel_typing_changes(table)
    cells = zip(changes["Row"], changes["Column"], changes["New"], strict=True)
    new = {(r, c): v for r, c, v in cells}
    assert new[(2, "Phone Number")] == texts[0][0] and new[(3, "Phone Number")] == texts[1][0]
    assert new[(2, "Zip")] == texts[0][10] and new[(3, "Zip")] == texts[1][10].lstrip("0")
    assert new[(2, "Account Number")] == texts[0][3].lstrip("0")
    assert (4, "PIN") not in new and set(changes["Rule"]) == {"X1"}
    assert all(isinstance(v, str) for v in changes["New"])


def test_build_from_the_open_inventory_export_makes_a_new_csr_sheet(
    app: FakeApp, addin: FakeBook
) -> None:
    """C5 on the inventory export the agent opened: the CSR goes to a new LNP CSR sheet,
    the export stays as it is, and Undo empties the new sheet again."""
    samples = Path(__file__).parents[2] / "samples" / "csr"
    book = FakeBook.from_openpyxl(samples / "inventory_export.xlsx", app)
    inventory = book.sheets[0]
    before = dict(inventory.cells)
    summary = press("csr-build", book, addin)
    assert app.alerts == [] and summary.startswith("Built the CSR")
    built_csr = book.sheets[PREFIX + "CSR"]
    assert built_csr.cells[(1, 1)] is not None and built_csr.used_range.last[0] > 1
    assert dict(inventory.cells) == before
    assert "LNP CSR sheet restored" in press("undo", book, addin)
    assert not any(v is not None for v in built_csr.cells.values())
