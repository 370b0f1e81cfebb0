"""Update tracker (T1-T5) in Port_Planner.xlsm, the add-in and headless: the exports the
agent picks, through the real ``XlwingsBook`` over the Excel stand-in."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main
from lnp_excel.excel.actions import run_action
from lnp_excel.excel.actions.addin import PREFIX
from lnp_excel.excel.actions.track import TRACKER_SUMMARY
from lnp_excel.excel.book import STATUS_EXPORTS
from lnp_excel.excel.xlwings_book import XlwingsBook, run
from lnp_excel.io.tracker_report import HISTORY, TRACKER, UNMATCHED
from tests.excel.fake_excel import FakeApp, FakeBook, FakeSheet
from tests.excel.test_addin import customer_workbook, press

EXPORTS = Path(__file__).resolve().parents[2] / "samples" / "exports"


def rows(sheet: FakeSheet) -> list[dict[str, object]]:
    """A sheet the action wrote, as records under its header row."""
    last = sheet.used_range.last_cell
    grid = [
        [sheet.cells.get((r, c)) for c in range(1, last.column + 1)] for r in range(1, last.row + 1)
    ]
    header = grid[0]
    return [
        dict(zip(header, row, strict=True)) for row in grid[1:] if any(v is not None for v in row)
    ]


@pytest.fixture
def planner(built: dict[str, Path], tmp_path: Path) -> FakeBook:
    source = tmp_path / "Port_Planner.xlsm"
    source.write_bytes(built["Port_Planner"].read_bytes())
    return FakeBook.from_openpyxl(source)


def agent_export(tmp_path: Path, book: FakeBook, status: str, code: str = "") -> Path:
    """The agent's own status CSV for the first request the plan made of the Input sheet."""
    run_action(XlwingsBook(book), "plan")
    first = rows(book.sheets["Requests"])[0]["Request"]
    path = tmp_path / "mine.csv"
    path.write_text(
        f"Request,Status,Order Date,FOC Date,Reject Code\n{first},{status},3/2/2026,,{code}\n",
        encoding="utf-8",
    )
    return path


def test_update_tracker_writes_the_tracker_sheets_and_keeps_the_agents_columns(
    planner: FakeBook, tmp_path: Path
) -> None:
    """T1-T5 in the workbook: the picked file read, the code explained, the history kept;
    the same file again changes nothing; a column the agent added stays."""
    export = agent_export(tmp_path, planner, "exception", "E14")
    planner.answers = [f"{export}|{EXPORTS / 'bandwidth_portins.csv'}"]
    summary = run(  # the ribbon's way in, messages as Excel shows them
        "track", planner
    )
    assert summary and "tracked" in summary and planner.app.alerts == []
    assert planner.macro_calls[-1][0] == "LnpPickFiles"
    for name in (TRACKER_SUMMARY, TRACKER, UNMATCHED, HISTORY):
        assert name in [s.name for s in planner.sheets]
    tracker = rows(planner.sheets[TRACKER])
    first = tracker[0]
    assert first["Status"] == "Exception" and first["Field to Fix"] == "BTN"
    assert "(R2)" in first["Fix"]
    by_id = {r["Request"]: r["Status"] for r in tracker[1:]}
    assert by_id.pop("MG-LOCAL") == "Complete"  # Bandwidth's PON is the Managed order's id
    assert set(by_id.values()) == {"Not submitted"}
    assert len(rows(planner.sheets[UNMATCHED])) == 3  # the other Bandwidth orders
    history = rows(planner.sheets[HISTORY])
    assert len(history) == len(tracker)
    assert planner.sheets[TRACKER_SUMMARY].charts  # requests by status, a native chart

    sheet = planner.sheets[TRACKER]
    column = sheet.used_range.last_cell.column + 1
    sheet.range((1, column)).value = "Owner"
    sheet.range((2, column)).value = "Dana"
    planner.answers = [str(export)]
    run_action(XlwingsBook(planner), "track")
    assert rows(planner.sheets[HISTORY]) == history  # the same export: no change (T5)
    assert rows(planner.sheets[TRACKER])[0]["Owner"] == "Dana"


def test_nothing_picked_is_a_message_not_a_traceback(planner: FakeBook) -> None:
    planner.answers = [""]  # Cancel in the Open dialog
    assert run("track", planner) is None
    assert "no status export picked" in planner.app.alerts[-1][1]


@pytest.fixture
def excel() -> FakeApp:
    return FakeApp()


@pytest.fixture
def tools(excel: FakeApp, open_addin) -> FakeBook:
    """The built add-in open in the stand-in (conftest's ``open_addin``)."""
    return open_addin(excel)


def test_the_addin_tracks_the_open_list_into_new_sheets(
    excel: FakeApp, tools: FakeBook, tmp_path: Path
) -> None:
    """X3: on a customer's own workbook, the tracker goes to new LNP sheets."""
    book = FakeBook.from_openpyxl(customer_workbook(tmp_path / "harbor.xlsx"), excel)
    before = {s.name: dict(s.cells) for s in book.sheets}
    tools.answers = [str(EXPORTS / "agent_status.csv")]
    summary = press("track", book, tools, sheet="DIDs")
    assert excel.alerts == [] and "tracked" in summary
    assert tools.macro_calls[-1][0] == "LnpPickFiles"
    new = {s.name for s in book.sheets} - set(before)
    assert {PREFIX + TRACKER, PREFIX + HISTORY, PREFIX + TRACKER_SUMMARY} <= new
    assert {name: dict(book.sheets[name].cells) for name in before} == before


def test_headless_run_reads_the_status_exports_folder(built: dict[str, Path], tmp_path: Path):
    """`lnp-excel run Port_Planner.xlsm track`: nobody picks, the folder beside it is read."""
    workbook = tmp_path / "Port_Planner.xlsm"
    shutil.copy(built["Port_Planner"], workbook)
    (tmp_path / STATUS_EXPORTS.folder).mkdir()
    shutil.copy(EXPORTS / "bandwidth_portins.csv", tmp_path / STATUS_EXPORTS.folder)
    assert main(["run", str(workbook), "track"]) == 0
    done = openpyxl.load_workbook(tmp_path / "Port_Planner_track.xlsm")
    assert {TRACKER, UNMATCHED, HISTORY, TRACKER_SUMMARY} <= set(done.sheetnames)
    shutil.rmtree(tmp_path / STATUS_EXPORTS.folder)
    assert main(["run", str(workbook), "track"]) == 2  # nothing to read: a message
