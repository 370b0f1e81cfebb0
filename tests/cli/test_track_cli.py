"""`lnp-excel track` (T1-T5) on the shipped samples: the plan `plan` wrote and the sample
exports of every platform; exit codes; an update keeps the history and the agent's own
columns; the same exports twice change nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lnp_excel.cli.main import main
from lnp_excel.io.tracker_report import HISTORY, SUMMARY, TRACKER, UNMATCHED

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "samples" / "exports"
ALL = [
    EXPORTS / "bandwidth_portins.csv",
    EXPORTS / "telnyx_porting_orders.json",
    EXPORTS / "twilio_port_in.json",
    EXPORTS / "agent_status.csv",
]


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "plan.xlsx"
    assert main(["plan", str(ROOT / "samples" / "customer_numbers.csv"), "-o", str(path)]) == 0
    return path


def track(plan: Path, out: Path, *exports: Path, as_of: str = "2026-03-20") -> int:
    return main(["track", str(plan), *map(str, exports), "--as-of", as_of, "-o", str(out)])


def sheet(path: Path, name: str) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=name, dtype=object)


def test_the_tracker_from_every_platforms_export(plan: Path, tmp_path: Path, capsys) -> None:
    """T1-T4 on the samples: one row per request, each order in its request's row."""
    out = tmp_path / "tracker.xlsx"
    assert track(plan, out, *ALL) == 1  # overdue and exceptions: exit 1
    assert "16 requests tracked as of 2026-03-20" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).sheetnames == [SUMMARY, TRACKER, UNMATCHED, HISTORY]
    tracker = sheet(out, TRACKER).set_index("Request")
    requests = sheet(plan, "Requests")
    assert list(tracker.index) == requests["Request"].tolist()
    assert tracker.loc["SS-312621-ATT-02", "Matched By"] == "BTN and carrier"
    assert tracker.loc["SS-212947-VERIZON-01", "Matched By"] == "numbers"
    assert tracker.loc["MG-LOCAL", "Status"] == "Complete"
    telnyx = tracker.loc["SS-212736-VERIZONBUSINESS-01"]
    assert telnyx["Status"] == "Exception" and telnyx["Field to Fix"] == "Account Number"
    twilio = tracker.loc["SS-213488-SPECTRUMENTERPRI-01"]
    assert twilio["Exception Code"] == "22136"  # shown as given, text
    assert "not in the reject-code table" in twilio["Fix"]
    assert "passed without completion" in tracker.loc["SS-312621-ATT-01", "Overdue"]
    assert "scrub" in tracker.loc["SS-212947-VERIZON-01", "Day-of-Port Checks"]  # FOC today
    assert "scrub" in tracker.loc["SS-212736-VERIZONBUSINESS-02", "Day-of-Port Checks"]
    assert tracker.loc["CU-LOCAL", "Status"] == "Not submitted"
    assert sheet(out, UNMATCHED)["PON / Reference"].tolist() == ["ACME-OLD-7"]
    with zipfile.ZipFile(out) as archive:  # the Summary's native chart
        assert any(name.startswith("xl/charts/chart") for name in archive.namelist())
    summary = sheet(out, SUMMARY)
    assert summary["Requests"].iloc[:7].sum() == len(tracker)


def test_an_update_keeps_history_and_the_agents_columns(plan: Path, tmp_path: Path) -> None:
    """T5: the same exports twice change nothing; a new status appends one history row;
    the agent's own column stays with its request."""
    out = tmp_path / "tracker.xlsx"
    track(plan, out, *ALL)
    first = sheet(out, HISTORY)
    book = openpyxl.load_workbook(out)
    ws = book[TRACKER]
    column = ws.max_column + 1
    ws.cell(1, column, "Follow-up owner")
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["SS-312621-ATT-02"], column, "Dana")
    book.save(out)

    track(plan, out, *ALL, as_of="2026-03-23")
    assert sheet(out, HISTORY).equals(first)  # same exports: nothing changed
    tracker = sheet(out, TRACKER).set_index("Request")
    assert tracker.loc["SS-312621-ATT-02", "Follow-up owner"] == "Dana"

    later = tmp_path / "telnyx_later.json"
    data = json.loads((EXPORTS / "telnyx_porting_orders.json").read_text())
    data["data"][0]["status"] = {"value": "ported", "details": []}
    later.write_text(json.dumps(data))
    track(plan, out, ALL[0], later, *ALL[2:], as_of="2026-03-24")
    history = sheet(out, HISTORY)
    assert len(history) == len(first) + 1
    added = history.iloc[-1]
    assert added[["Request", "Old Status", "New Status"]].tolist() == [
        "SS-212736-VERIZONBUSINESS-01",
        "Exception",
        "Complete",
    ]
    assert pd.Timestamp(added["Date"]).date().isoformat() == "2026-03-24"
    assert (
        sheet(out, TRACKER).set_index("Request").loc["SS-312621-ATT-02", "Follow-up owner"]
        == "Dana"
    )


def test_nothing_overdue_exits_0(plan: Path, tmp_path: Path) -> None:
    export = tmp_path / "mine.csv"
    export.write_text("Request,Status,Order Date\nSS-312621-ATT-01,Submitted,3/2/2026\n")
    assert track(plan, tmp_path / "t.xlsx", export, as_of="2026-03-04") == 0


@pytest.mark.parametrize(
    ("content", "says"),
    [("{oops", "not valid JSON"), ('{"data": [1]}', "item 1")],
)
def test_unusable_input_exits_2_naming_the_file(
    plan: Path, tmp_path: Path, capsys, content: str, says: str
) -> None:
    export = tmp_path / "broken.json"
    export.write_text(content)
    assert track(plan, tmp_path / "t.xlsx", export) == 2
    err = capsys.readouterr().err
    assert says in err and "broken.json" in err and "Traceback" not in err


def test_an_output_that_is_not_a_tracker_is_not_replaced(plan: Path, tmp_path: Path, capsys):
    assert track(plan, plan, ALL[0]) == 2  # the plan itself
    other = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Budget"
    book.save(other)
    assert track(plan, other, ALL[0]) == 2
    assert "not a tracker" in capsys.readouterr().err
    assert openpyxl.load_workbook(other).sheetnames == ["Budget"]


def test_a_customer_list_is_planned_the_way_plan_does(plan: Path, tmp_path: Path) -> None:
    """LIFECYCLE: the tracker takes the plan's requests, or makes them like plan does."""
    out = tmp_path / "t.xlsx"
    track(ROOT / "samples" / "customer_numbers.csv", out, *ALL)
    assert sheet(out, TRACKER)["Request"].tolist() == sheet(plan, "Requests")["Request"].tolist()


@pytest.mark.parametrize(
    ("edit", "said"),
    [("twice", "the request {first} twice (rows 2, 3)"), ("blank", "without its id (row 2)")],
)
def test_a_plan_edited_to_repeat_or_blank_a_request_id_is_refused(
    plan: Path, tmp_path: Path, capsys, edit: str, said: str
) -> None:
    """T1: one tracker row per request, keyed by its id. A plan whose Requests sheet was
    edited to hold one id twice gave two Tracker rows and two history rows for it, and a
    blank id a Tracker row without a request (found fuzzing issue 21's inputs)."""
    edited = tmp_path / "plan.xlsx"
    book = openpyxl.load_workbook(plan)
    requests = book["Requests"]
    first = requests.cell(2, 1).value
    requests.cell(3, 1).value = first if edit == "twice" else requests.cell(3, 1).value
    requests.cell(2, 1).value = None if edit == "blank" else first
    book.save(edited)
    out = tmp_path / "tracker.xlsx"
    assert track(edited, out, *ALL) == 2
    err = capsys.readouterr().err
    assert said.format(first=first) in err and "sheet 'Requests'" in err
    assert not out.exists()


def test_an_update_keeping_a_request_no_longer_planned_writes_its_blank_dates(
    plan: Path, tmp_path: Path
) -> None:
    """T5: an earlier tracker's row of a request the plan no longer has is kept; its
    blank dates (NaT beside the dates of the others) crashed the sheet layout with
    "NaTType does not support time" (found by the hostile-input property test)."""
    out = tmp_path / "tracker.xlsx"
    assert track(plan, out, *ALL) in (0, 1)
    book = openpyxl.load_workbook(out)
    sheet_ = book["Tracker"]
    mine = sheet_.max_column + 1
    sheet_.cell(1, mine).value = "My notes"  # the agent's own column
    sheet_.cell(sheet_.max_row + 1, 1).value = "SS-GONE-01"
    sheet_.cell(sheet_.max_row, mine).value = "moved to another plan"
    book.save(out)
    assert track(plan, out, *ALL) in (0, 1)
    tracker = sheet(out, "Tracker")
    assert "SS-GONE-01" in tracker["Request"].tolist()
