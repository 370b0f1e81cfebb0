"""The Letters of Authorization button (L1-L5), through the real XlwingsBook over the Excel
stand-in: in Port_Planner.xlsm on its Input sheet, and from the add-in on a customer's
list opened in Excel. The letters land beside the workbook and are read back."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import docx

from lnp_excel.excel.xlwings_book import run
from tests.excel.fake_excel import FakeBook
from tests.excel.test_addin import addin, app, press  # noqa: F401 - shared fixtures

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "customer_loa.csv"


def sample_rows() -> list[list[str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]  # without the title row


def fields(path: Path) -> dict[str, str]:
    table = docx.Document(str(path)).tables[0]
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


def planner_with_list(built: dict[str, Path], folder: Path) -> FakeBook:
    book = FakeBook.from_openpyxl(built["Port_Planner"])
    book.fullname = str(folder / "Port_Planner.xlsm")
    sheet = book.sheets["Input"]
    sheet.cells.clear()
    for r, row in enumerate(sample_rows(), start=1):
        for c, value in enumerate(row, start=1):
            if value:
                sheet.cells[(r, c)] = value
    return book


def test_the_button_writes_one_letter_per_account_beside_the_workbook(
    built: dict[str, Path], tmp_path: Path
) -> None:
    book = planner_with_list(built, tmp_path)
    before = dict(book.sheets["Input"].cells)
    summary = run("loa", book=book)
    folder = tmp_path / "letters_of_authorization"
    assert summary == f"Wrote 3 letters of authorization to {folder}"
    assert book.app.status_bar == summary and book.app.alerts == []
    assert dict(book.sheets["Input"].cells) == before  # X1: the list is not touched
    att = fields(folder / "LOA_AT&T_A-100.docx")
    assert att["Authorized person"] == "Dana Reyes, Office Manager"
    assert att["Account number"] == "A-100" and att["Gaining provider"] == "8x8, Inc."
    comcast = docx.Document(str(folder / "LOA_Comcast Business_8155-30-001.docx"))
    assert any("copy of a recent bill" in p.text for p in comcast.paragraphs)  # L5
    # a second press keeps the letters already there (they may be signed) and says so
    assert run("loa", book=book) is None
    assert "move them away first" in book.app.alerts[-1][1]


def test_the_workbook_settings_and_directory_sheets_are_used(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """L2: the gaining provider from the Settings sheet; L5: Bill Copy from the Carrier
    Directory sheet (Comcast Business set to no there); L4 listed in the summary."""
    book = planner_with_list(built, tmp_path)
    settings = book.sheets["Settings"]
    row = next(r for (r, c), v in settings.cells.items() if c == 1 and v == "gaining_provider")
    settings.cells[(row, 2)] = "Example Voice LLC"
    directory = book.sheets["Carrier Directory"]
    header = {v: c for (r, c), v in directory.cells.items() if r == 1}
    comcast = next(r for (r, c), v in directory.cells.items() if c == 1 and v == "Comcast Business")
    directory.cells[(comcast, header["Bill Copy"])] = "no"
    inputs = book.sheets["Input"]
    inputs.cells[(10, 1)] = "512-474-2001"
    inputs.cells[(10, 2)] = "Frontier"
    summary = run("loa", book=book)
    assert summary.startswith("Wrote 3 letters of authorization")
    assert "1 account got no letter (L4): Frontier" in summary
    assert "missing authorized person, account number, BTN, service address" in summary
    folder = tmp_path / "letters_of_authorization"
    letter = docx.Document(str(folder / "LOA_Comcast Business_8155-30-001.docx"))
    assert not any("copy of a recent bill" in p.text for p in letter.paragraphs)
    assert fields(folder / "LOA_AT&T_A-100.docx")["Gaining provider"] == "Example Voice LLC"


def test_the_add_in_writes_letters_for_the_open_list(app, addin, tmp_path: Path) -> None:  # noqa: F811
    """X3: the list opened from a CSV in Excel (numbers typed as Excel types them)."""
    opened = shutil.copy(SAMPLE, tmp_path / "acme.csv")
    book = FakeBook.from_csv(opened, app)
    before = {sheet.name: dict(sheet.cells) for sheet in book.sheets}
    summary = press("loa", book, addin)
    assert summary.startswith("Wrote 3 letters of authorization"), app.alerts
    folder = tmp_path / "letters_of_authorization"
    verizon = fields(folder / "LOA_Verizon Wireless_880012.docx")
    assert verizon["Account number"] == "880012"
    assert verizon["Billing telephone number (BTN)"] == "512-474-1006"
    assert {sheet.name: dict(sheet.cells) for sheet in book.sheets} == before


def test_a_list_without_account_columns_gets_no_letter_and_says_why(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """L4 on the template's own example (numbers and carriers only): no letter, each
    account named with what it lacks, at most five on the status bar, the rest counted."""
    book = FakeBook.from_openpyxl(built["Port_Planner"])
    book.fullname = str(tmp_path / "Port_Planner.xlsm")
    summary = run("loa", book=book)
    assert summary.startswith("Wrote 0 letters of authorization")
    assert "got no letter (L4)" in summary
    assert "missing authorized person, account number, BTN, service address" in summary
    assert summary.count("missing ") <= 5
    assert not list((tmp_path / "letters_of_authorization").glob("*.docx"))
