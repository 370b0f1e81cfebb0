"""The newer buttons as Excel really behaves (X1-X4): Plan requests, Export request files,
Check against CSR, Letters of Authorization and Update tracker, through the real
``XlwingsBook`` over the stand-in (which follows xlwings 0.37.8 and Microsoft's docs),
in Port_Planner.xlsm and from the add-in on a customer's own workbook.

The agent's list holds what Excel likes to retype: account ``00123``, ZIP ``02108``,
``+442079460018``, a note ``2026-12-01`` and one that looks like a formula, in Text
cells; or it is a CSV opened in Excel (numbers typed as numbers), with a formula column of
the agent's, an ``#N/A`` and a selection. Every button leaves the agent on their sheet and
selection (X3), changes no cell of it (X1), writes that text as exactly that text (X1),
survives a machine without a printer (X4) and a Mac (X3), and a second Update tracker
with the same exports changes nothing and keeps the agent's own column, formula included
(T5, X1).
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pandas as pd
import pytest

from lnp_excel.excel import xlwings_book
from lnp_excel.excel.actions.addin import PREFIX
from lnp_excel.excel.xlwings_book import run
from lnp_excel.io.request_folder import MANIFEST
from lnp_excel.io.tracker_report import HISTORY, TRACKER, UNMATCHED
from tests.excel.fake_excel import FakeApp, FakeBook, FakeSheet
from tests.excel.fake_typing import CellError
from tests.excel.test_addin import press

ROOT = Path(__file__).resolve().parents[2]
CSR_FILE = ROOT / "samples" / "csr_att.csv"
HEADER = ["Phone Number", "Current Carrier", "Customer Name", "BTN", "Account #"]
HEADER += ["Service Address", "City", "State", "Zip", "Authorized Name", "Note"]
NOTES = ["2026-12-01", "=SUM(A1)", "+442079460018", "0044719"]
"""Notes Excel would make a date, a formula and numbers: they stay text (X1)."""
LIST = [
    ["5124741001", "AT&T", "Acme Dental LLC", "5124741000", "00123", "100 Congress Ave"]
    + ["Boston", "MA", "02108", "Dana Reyes", NOTES[0]],
    ["5124741000", "AT&T", "Acme Dental LLC", "5124741000", "00123", "100 Congress Ave"]
    + ["Boston", "MA", "02108", "Dana Reyes", NOTES[1]],
    ["+442079460018", "BT", "Acme Dental LLC", "+442079460018", "00123", "1 High St"]
    + ["London", "", "", "Dana Reyes", NOTES[2]],
    ["6175550130", "Verizon", "=Acme Dental", "6175550130", "00456", "12 Main St"]
    + ["Boston", "MA", "02134", "Dana Reyes", NOTES[3]],
]
DIGITS = len(HEADER) + 1  # the agent's own formula column
BUTTONS = ["plan", "check", "export", "loa", "track", "track"]


def text_cell_list(app: FakeApp, folder: Path) -> FakeBook:
    """The customer's own workbook: the list in Text (@) cells, a formula column of the
    agent's, a selected batch of rows."""
    book = FakeBook(str(folder / "acme.xlsx"), app)
    sheet = book.sheets.add("Port list")
    for c, name in enumerate([*HEADER, "Digits"], start=1):
        sheet.cells[(1, c)] = name
    for r, row in enumerate(LIST, start=2):
        for c, value in enumerate(row, start=1):
            sheet.formats[(r, c)] = "@"
            if value:
                sheet.cells[(r, c)] = value
        sheet.formulas[(r, DIGITS)] = f"=LEN(A{r})"
        sheet.cells[(r, DIGITS)] = float(len(row[0]))
    sheet.range("A3:L4").select()
    app.calls = 0
    return book


def opened_csv(app: FakeApp, folder: Path) -> FakeBook:
    """The same list saved as CSV and opened in Excel (General cells: numbers typed as
    numbers), a broken lookup's ``#N/A`` for one service address, the agent's formula
    column and a selection."""
    rows = [list(row) for row in LIST]
    rows[3][5] = "#N/A"
    path = folder / "acme numbers.csv"
    pd.DataFrame(rows, columns=HEADER).to_csv(path, index=False)
    book = FakeBook.from_csv(path, app)
    sheet = book.sheets[0]
    sheet.cells[(1, DIGITS)] = "Digits"
    for r in range(2, len(rows) + 2):
        sheet.formulas[(r, DIGITS)] = f"=LEN(A{r})"
        sheet.cells[(r, DIGITS)] = 10.0
    sheet.range("A3:L4").select()
    return book


def state(sheet: FakeSheet) -> dict[str, dict]:
    return {k: dict(getattr(sheet, k)) for k in ("cells", "formulas", "formats", "colors")}


def column(sheet: FakeSheet, name: str) -> list[object]:
    """A written sheet's column under its header ``name``, to its last row."""
    header = {v: c for (r, c), v in sheet.cells.items() if r == 1}
    last = max(r for r, _ in sheet.cells)
    return [sheet.cells.get((r, header[name])) for r in range(2, last + 1)]


def exports(folder: Path, requests: list[str]) -> Path:
    """The agent's own status CSV: notes Excel would retype, one per request."""
    lines = ["Request,Status,Order Date,FOC Date,Note"]
    for i, request in enumerate(requests):
        lines.append(f"{request},Submitted,3/2/2026,,{NOTES[i % len(NOTES)]}")
    path = folder / "my status.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def press_all(book: FakeBook, addin: FakeBook, folder: Path) -> dict[str, str | None]:
    """Every new button once (Update tracker twice), as the agent presses them from their
    list; the dialogs answered with the CSR file and the status export."""
    sheet = book.active_sheet._name
    done: dict[str, str | None] = {}
    for i, action in enumerate(BUTTONS):
        if action == "check":
            addin.answers = [str(CSR_FILE)]
        if action == "track":
            requests = [v for v in column(book.sheets[PREFIX + "Requests"], "Request") if v]
            addin.answers = [str(exports(folder, requests))]
        done[f"{action}{i}"] = press(action, book, addin, sheet=sheet)
    return done


@pytest.mark.parametrize("excel", ["windows", "mac", "no printer"])
def test_every_new_button_leaves_the_agents_list_view_and_text_as_they_were(
    excel: str,
    open_addin,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """X1, X3, X4: on Text cells the identifiers, ZIPs and notes land as exactly their
    text on every output sheet, in the request files and the letters; the agent's sheet,
    its formulas and formats, its selection and the active sheet stay; no printer (a COM
    error on PageSetup) and a Mac (one area per call) change none of it."""
    app = FakeApp(mac=excel == "mac", printer=excel != "no printer")
    monkeypatch.setattr(xlwings_book, "ON_MAC", excel == "mac")
    addin = open_addin(app)
    book = text_cell_list(app, tmp_path)
    sheet = book.active_sheet
    before = state(sheet)

    summaries = press_all(book, addin, tmp_path)

    assert app.alerts == [] and all(summaries.values()), summaries
    assert app.active_book is book and book.active_sheet is sheet
    assert sheet.selected == "$A$3:$L$4"
    assert state(sheet) == before
    numbers = book.sheets[PREFIX + "Numbers"]
    assert column(numbers, "Account #") == ["00123", "00123", "00123", "00456"]
    assert column(numbers, "Zip") == ["02108", "02108", None, "02134"]
    assert column(numbers, "Note") == NOTES
    assert column(numbers, "Phone Number")[2] == "+442079460018"
    requests = book.sheets[PREFIX + "Requests"]
    assert set(column(requests, "Account Number")) - {None} == {"00123", "00456"}
    assert "100 Congress Ave, Boston, MA 02108" in column(requests, "Service Address")
    assert "=Acme Dental" in column(requests, "Customer Name")
    tracker = book.sheets[PREFIX + TRACKER]
    assert set(column(tracker, "Platform Details")) <= set(NOTES)
    assert len(set(column(tracker, "Platform Details"))) > 1
    for output in book.sheets:
        quoted = [v for v in output.cells.values() if isinstance(v, str) and v.startswith("'")]
        assert quoted == [], output._name  # no apostrophe became part of a value
    request_file = pd.read_csv(tmp_path / "port_requests" / "SS-512474-ATT-01.csv", dtype=str)
    assert set(request_file["Account Number"]) == {"00123"}
    assert set(request_file["ZIP"]) == {"02108"}
    manifest = json.loads((tmp_path / "port_requests" / "lnp_requests.json").read_text())
    assert "SS-512474-ATT-01.csv" in manifest["files"]
    letter = docx.Document(str(tmp_path / "letters_of_authorization" / "LOA_AT&T_00123.docx"))
    text = "\n".join(c.text for t in letter.tables for row in t.rows for c in row.cells)
    assert "00123" in text and "02108" in text
    if excel == "no printer":
        assert app.api.print_communication_log[-1] is True
    else:  # every sheet a button wrote prints landscape, its header row on each page (X4)
        for name in ("Requests", "Check", TRACKER, HISTORY):
            setup = book.sheets[PREFIX + name].api.PageSetup
            assert (setup.Orientation, setup.PrintTitleRows) == (2, "$1:$1"), name
    assert sheet.api.PageSetup.Orientation == 1  # the agent's list: as it was


def test_on_an_opened_csv_an_na_address_reaches_no_request_file_or_letter(
    open_addin,
    tmp_path: Path,
) -> None:
    """X1, P3a, issue 17 s4: the ``#N/A`` is read as an error, not as an address: the
    row is flagged as missing its service address and no request file, letter or request
    says ``#N/A``; the agent's sheet, formulas and selection stay as they were."""
    app = FakeApp()
    addin = open_addin(app)
    book = opened_csv(app, tmp_path)
    sheet = book.active_sheet
    assert sheet.cells[(5, 6)] == CellError("#N/A")
    before = state(sheet)

    summaries = press_all(book, addin, tmp_path)

    assert app.alerts == [] and all(summaries.values()), summaries
    assert book.active_sheet is sheet and sheet.selected == "$A$3:$L$4"
    assert state(sheet) == before
    assert "missing service address" in summaries["loa3"]
    requests = book.sheets[PREFIX + "Requests"]
    assert not any("#N/A" in str(v) for v in column(requests, "Service Address"))
    numbers = book.sheets[PREFIX + "Numbers"]
    assert "service address" in str(column(numbers, "Missing")[3])
    verizon = pd.read_csv(tmp_path / "port_requests" / "SS-617555-VERIZON-01.csv", dtype=str)
    assert verizon["Street"].isna().all()
    att = pd.read_csv(tmp_path / "port_requests" / "SS-512474-ATT-01.csv", dtype=str)
    assert set(att["ZIP"]) == {"02108"}  # Excel's 2108 padded in its state (P3c)
    assert set(att["BTN"]) == {"5124741000"}  # not 5124741000.0
    letters = tmp_path / "letters_of_authorization"
    assert sorted(p.name for p in letters.iterdir()) == ["LOA_AT&T_123.docx"]
    assert numbers.cells[(5, 7)] == CellError("#N/A")  # the list's error, copied as one

    written = {s._name: state(s) for s in book.sheets}
    for action, answer in (("plan", None), ("check", CSR_FILE), ("track", "my status.csv")):
        addin.answers = [str(tmp_path / answer if action == "track" else answer)]
        assert press(action, book, addin, sheet=sheet._name) and app.alerts == []
    counted = PREFIX + "Tracker Summary"  # its "status changes this update" is 0 now
    again = {s._name: state(s) for s in book.sheets if s._name != counted}
    assert again == {name: was for name, was in written.items() if name != counted}


def planner(built: dict[str, Path], folder: Path, rows: list[list[str]]) -> FakeBook:
    """Port_Planner.xlsm with ``rows`` typed into its Input sheet's Text cells, the agent
    on the Input sheet with rows 3-4 selected."""
    path = folder / "Port_Planner.xlsm"
    path.write_bytes(built["Port_Planner"].read_bytes())
    book = FakeBook.from_openpyxl(path)
    sheet = book.sheets["Input"]
    sheet.cells.clear()
    for c, name in enumerate(HEADER, start=1):
        sheet.cells[(1, c)] = name
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            sheet.formats[(r, c)] = "@"  # the template's data cells are Text
            if value:
                sheet.cells[(r, c)] = value
    sheet.activate()
    sheet.range("A3:K4").select()
    book.app.calls = 0
    return book


def test_the_template_keeps_its_input_and_the_agents_tracker_column(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """X1, X3, T5 in Port_Planner.xlsm: the Input sheet and its selection stay; a second
    Update tracker with the same export changes no cell and keeps the column the agent
    added to the Tracker, its text and its formula; Undo has nothing of theirs to undo."""
    book = planner(built, tmp_path, LIST)
    sheet = book.sheets["Input"]
    before = state(sheet)
    assert run("plan", book=book) and run("check", book=book)
    requests = [v for v in column(book.sheets["Requests"], "Request") if v]
    book.answers = [str(exports(tmp_path, requests))]
    assert run("track", book=book) and book.app.alerts == []
    assert book.active_sheet is sheet and sheet.selected == "$A$3:$K$4"
    assert state(sheet) == before

    tracker = book.sheets[TRACKER]
    owner = max(c for _, c in tracker.cells) + 1
    tracker.range((1, owner)).value = "Owner"
    tracker.range((2, owner)).value = "'007"  # the agent's own text, kept as text
    tracker.range((3, owner)).formula2 = "=LEN(A3)"
    written = {name: state(book.sheets[name]) for name in (TRACKER, UNMATCHED, HISTORY)}
    written[TRACKER]["colors"][(1, owner)] = tracker.colors[(1, 1)]  # now a table header

    for _ in range(2):  # the same export again: nothing changes, however often
        book.answers = [str(tmp_path / "my status.csv")]
        assert "0 status changes" in run("track", book=book) and book.app.alerts == []
        for name, was in written.items():
            assert state(book.sheets[name]) == was, name
    assert tracker.cells[(2, owner)] == "007"
    assert tracker.formulas[(3, owner)] == "=LEN(A3)"
    assert book.active_sheet is sheet and state(sheet) == before
    assert run("undo", book=book) == "Nothing to undo"


def test_a_tracker_update_of_two_thousand_requests_makes_few_calls_into_excel(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """Issue 17 s8 for Update tracker: 2,000 requests (one account each) tracked, twice,
    in a few hundred calls into Excel, never one per request or cell (each call is a COM
    round trip). The figures are printed for the report; no time is asserted."""
    rows = [
        [f"212736{i:04d}", "Verizon Business", "", "", f"A{i:05d}", "", "", "", "", "", ""]
        for i in range(2000)
    ]
    book = planner(built, tmp_path, rows)
    assert "2,000 requests" in run("plan", book=book)
    requests = [v for v in column(book.sheets["Requests"], "Request") if v]
    export = exports(tmp_path, requests)
    calls = []
    for _ in range(2):
        book.answers = [str(export)]
        book.app.calls = 0
        assert "2,000 requests tracked" in run("track", book=book)
        calls.append(book.app.calls)
    print(f"Update tracker, 2,000 requests: {calls[0]} calls, again {calls[1]} calls")
    assert book.app.alerts == [] and max(calls) <= 300  # 253 when written (issue 17)
    assert column(book.sheets[TRACKER], "Platform Details")[:4] == NOTES


def test_a_button_pressed_on_the_addins_own_output_sheet_says_where_to_click(
    open_addin,
    tmp_path: Path,
) -> None:
    """X3: after the first Update tracker the agent looks at LNP Tracker and presses it
    again from there; the add-in cannot take its own output for the list: it says to click
    into the list (not to rename its sheet), and changes nothing."""
    app = FakeApp()
    addin = open_addin(app)
    book = text_cell_list(app, tmp_path)
    press_all(book, addin, tmp_path)
    tracker = book.sheets[PREFIX + TRACKER]
    tracker.activate()
    written = {s._name: state(s) for s in book.sheets}
    addin.answers = [str(tmp_path / "my status.csv")]
    assert press("track", book, addin, sheet=tracker._name) is None
    message = app.alerts[-1][1]
    assert "click into the sheet with your list" in message and "Tracker" in message
    assert {s._name: state(s) for s in book.sheets} == written
    assert book.active_sheet is tracker


def test_export_keeps_one_plan_in_its_folder_and_speaks_of_the_button(
    open_addin,
    tmp_path: Path,
) -> None:
    """P3c from the add-in: a second export after the agent removed a row replaces the
    first one's files (its manifest names them); a request file no manifest lists stops
    the export with a message about the button's folder, not the command line's option."""
    app = FakeApp()
    addin = open_addin(app)
    book = text_cell_list(app, tmp_path)
    sheet = book.active_sheet
    folder = tmp_path / "port_requests"
    assert "2 request files" in press("export", book, addin, sheet=sheet._name)
    for c in range(1, DIGITS + 1):  # the agent deletes the Verizon row's contents
        sheet.cells.pop((5, c), None)
        sheet.formulas.pop((5, c), None)
    assert "1 request file to" in press("export", book, addin, sheet=sheet._name)
    assert sorted(p.name for p in folder.iterdir()) == ["SS-512474-ATT-01.csv", MANIFEST]

    (folder / "SS-999999-OTHER-01.csv").write_text("Phone Number\n2125550100\n", "utf-8")
    assert press("export", book, addin, sheet=sheet._name) is None
    message = app.alerts[-1][1]
    assert "SS-999999-OTHER-01.csv" in message and "port_requests beside it" in message
    assert "--export-dir" not in message
    assert book.active_sheet is sheet and sheet.selected == "$A$3:$L$4"
