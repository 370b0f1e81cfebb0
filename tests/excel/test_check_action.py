"""The Check against CSR button (R1-R9, X3, X4): in Port_Planner.xlsm from its Carrier CSR
sheet, and in the add-in on the agent's own workbook with the CSR file it asks for; both
through the real ``XlwingsBook`` over the Excel stand-in."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from lnp_excel.core.check import check_requests
from lnp_excel.excel.actions.check import ASK_PROMPT, CSR_SHEET, NO_CSR
from lnp_excel.excel.book import CARRIER_CSRS
from lnp_excel.excel.xlwings_book import run as run_in_workbook
from lnp_excel.io.carrier_csr import read_csr_files
from lnp_excel.io.check_report import FINDING_HEADERS, check_sheets
from lnp_excel.io.sheet_layout import sheet_layout
from lnp_excel.io.tables import read_table
from tests.excel.fake_excel import FakeApp, FakeBook
from tests.excel.test_addin import PREFIX, customer_workbook, press, snapshot

# Written from Telnyx's published field names: the customer's Verizon Business account.
TELNYX = {
    "data": [
        {
            "carrier_name": "Verizon Business",
            "admin": {
                "name": "Harbor & Reed LLC",
                "authorized_person_name": "Lee Park",
                "billing_phone_number": "+12127361200",
                "account_number": "VZB-77",
            },
            "address": {"full_address": "1 Penn Plaza, New York, NY 10119"},
            "associated_phone_numbers": [f"+1212736{1200 + i}" for i in range(12)],
        }
    ]
}


def grid_of(book: FakeBook, sheet: str) -> list[list[object]]:
    cells = book.sheets[sheet].cells
    rows = max(r for r, _ in cells)
    columns = len(FINDING_HEADERS)
    return [[cells.get((r, c)) for c in range(1, columns + 1)] for r in range(1, rows + 1)]


def test_the_template_checks_its_carrier_csr_sheet(built: dict[str, Path], tmp_path: Path) -> None:
    """The shipped example: Verizon Business's CSR lists 212-736-1238, which the Input
    does not port while its BTN ports (E6h, R8). The Check sheet has the CLI's columns
    and the CLI's widths and formats (X4)."""
    book = FakeBook.from_openpyxl(built["Port_Planner"])
    summary = run_in_workbook("check", book=book)
    assert book.app.alerts == [] and "1 request would be rejected" in summary
    grid = grid_of(book, "Check")
    assert grid[0] == list(FINDING_HEADERS.values())
    e6h = [row for row in grid if row[5] == "E6h"]
    assert e6h and e6h[0][1] == "2127361234" and e6h[0][6] == "reject"
    staying = [row for row in grid if row[2] == "Numbers Staying"]
    assert staying[0][4] == "2127361238" and staying[0][8] == "R8"
    # The same check from files, laid out by the command line's description (X4).
    input_csv, csr_csv = tmp_path / "input.csv", tmp_path / "csr.csv"
    _save(book, "Input", input_csv)
    _save(book, CSR_SHEET, csr_csv)
    cli = check_requests(read_table(input_csv).frame, read_csr_files([csr_csv]))
    expected = sheet_layout(check_sheets(cli)[0])
    assert [c.name for c in expected.columns] == grid[0]
    sheet = book.sheets["Check"]
    widths = [sheet.column_widths.get(i) for i in range(1, len(grid[0]) + 1)]
    assert widths == [c.width for c in expected.columns]


def _save(book: FakeBook, sheet: str, path: Path) -> None:
    """A sheet's cells as CSV text, so the command-line path reads the same data."""
    cells = book.sheets[sheet].cells
    rows, columns = max(r for r, _ in cells), max(c for _, c in cells)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for r in range(1, rows + 1):
            writer.writerow(["" if cells.get((r, c)) is None else cells.get((r, c))
                             for c in range(1, columns + 1)])  # fmt: skip


def test_an_empty_carrier_csr_sheet_is_a_message(built: dict[str, Path]) -> None:
    book = FakeBook.from_openpyxl(built["Port_Planner"])
    sheet = book.sheets[CSR_SHEET]
    header = {k: v for k, v in sheet.cells.items() if k[0] == 1}
    sheet.cells.clear()
    sheet.cells.update(header)
    assert run_in_workbook("check", book=book) is None
    title, message = book.app.alerts[0]
    assert NO_CSR in message and "Traceback" not in message


def test_the_addin_asks_for_the_csr_file(open_addin, tmp_path: Path) -> None:
    """X3: on the customer's own workbook (no Carrier CSR sheet) the add-in asks for the
    file, writes new LNP Check sheets and leaves every sheet of the customer as it was."""
    app = FakeApp()
    addin = open_addin(app)
    book = FakeBook.from_openpyxl(customer_workbook(tmp_path / "harbor.xlsx"), app)
    before = snapshot(book)
    csr = tmp_path / "verizon csr.json"
    csr.write_text(json.dumps(TELNYX), encoding="utf-8")
    addin.answers.append(str(csr))
    summary = press("check", book, addin, sheet="DIDs")
    assert app.alerts == [] and "1 matched one" in summary
    (picked,) = addin.macro_calls  # one Open dialog, for CSR files (X3)
    assert picked == ("LnpPickFiles", (ASK_PROMPT, CARRIER_CSRS.excel_filter))
    assert {PREFIX + "Check", PREFIX + "Check Summary"} <= {s.name for s in book.sheets}
    assert {name: dict(book.sheets[name].cells) for name in before} == before
    check = grid_of(book, PREFIX + "Check")
    assert check[0] == list(FINDING_HEADERS.values())
    assert any(row[2] == "Account" and "closes" in row[7] for row in check[1:])
    # Cancelled (the dialog answers ""): a message, nothing written.
    addin.answers.append("")
    assert press("check", book, addin, sheet="DIDs") is None
    assert NO_CSR in app.alerts[-1][1]


def test_the_addin_reads_the_workbooks_own_carrier_csr_sheet(open_addin, tmp_path: Path) -> None:
    """A workbook that has a Carrier CSR sheet is checked against it: nothing is asked,
    the sheet is read, never written (an input, X1)."""
    app = FakeApp()
    addin = open_addin(app)
    book = FakeBook.from_openpyxl(customer_workbook(tmp_path / "harbor.xlsx"), app)
    sheet = book.sheets.add(CSR_SHEET)
    rows = [["Account Number", "BTN", "Pending Order", "Working Telephone Number"]]
    rows += [["VZB-77", "2127361200", "move order 12", "2127361200"]]
    rows += [[None, None, None, f"212736{1201 + i}"] for i in range(11)]
    cells = {(r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1) if v}
    sheet.cells.update(cells)
    summary = press("check", book, addin, sheet="DIDs")
    assert app.alerts == [] and addin.macro_calls == []
    assert "1 request would be rejected" in summary  # the pending order (E19, R9)
    assert dict(sheet.cells) == cells
    codes = {row[5] for row in grid_of(book, PREFIX + "Check")[1:]}
    assert "E19" in codes
