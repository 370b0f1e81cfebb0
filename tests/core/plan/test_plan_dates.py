"""Issue 18 item 7: every date a plan states comes from one source (P5, P7, P8).

The Checklist, the Requests sheet and the Summary must agree: the date the Checklist
calls the earliest port date is the Requests sheet's Earliest Date of that path, and a
requested date the Requests sheet prices as an expedite is never called "the earliest
date" on the Checklist.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lnp_excel.cli.main import main
from lnp_excel.core.plan import plan_ports

ROWS = pd.DataFrame(
    {
        "Phone": ["(602) 555-0180", "602-555-0181", "+1 416 555 0182"],  # US and Canada
        "Carrier": ["Cox", "Cox", "Rogers"],
    }
)
_EARLIEST = re.compile(
    r"(Self-Service|Managed): (?:.*?)(\d{4}-\d{2}-\d{2})(?: \([^)]*\))? is the earliest"
)
_SOONER = re.compile(
    r"(Self-Service|Managed): (\d{4}-\d{2}-\d{2}) is sooner .*?"
    r"earliest port date is (\d{4}-\d{2}-\d{2})"
)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# (submission, requested): a Saturday submission with a date before the SLA, a date
# past it landing on a Sunday, the two-digit year form, one far past every SLA.
CASES = [
    ("2/6/27", "2/9/2027"),
    ("2027-03-01", "3/21/27"),
    ("11/20/26", "2026-11-27"),
    ("2026-06-01", "2026-09-15"),
    ("2026-12-24", "2026-12-24"),
]


@pytest.mark.parametrize(("submit", "requested"), CASES)
def test_the_checklist_states_the_requests_dates(submit: str, requested: str) -> None:
    plan = plan_ports(ROWS, submit_date=submit, requested_date=requested)
    requests = plan.requests
    line = plan.checklist.set_index("item")["detail"].get("Requested date", "")
    assert line, plan.checklist
    stated = {m[0]: _day(m[1]) for m in _EARLIEST.findall(line)}
    sooner = {m[0]: (_day(m[1]), _day(m[2])) for m in _SOONER.findall(line)}
    assert set(stated) | set(sooner) == {"Self-Service", "Managed"}
    for path, rows in requests.groupby("path"):
        earliest = rows["earliest_date"].min().date()
        expedite = rows["expedite_min"].notna().any()
        if expedite:  # Requests prices an expedite: the Checklist must not call it earliest
            assert path in sooner and path not in stated
            assert sooner[path] == (plan.requested_date, earliest)
        else:
            assert stated[path] == earliest
    summary = plan.summary.set_index("metric")["value"]
    assert summary["Earliest port date"] == requests["earliest_date"].min().date()
    assert summary["Latest port date"] == requests["latest_date"].max().date()


def test_a_weekend_submission_says_when_counting_starts() -> None:
    plan = plan_ports(ROWS, submit_date="2027-02-06")  # a Saturday
    line = plan.checklist.set_index("item")["detail"]["Submission date"]
    assert "2027-02-06 is not a business day" in line and "2027-02-08" in line
    weekday = plan_ports(ROWS, submit_date="2027-02-08")
    assert "Submission date" not in set(weekday.checklist["item"])


def test_the_workbook_sheets_agree(tmp_path: Path) -> None:
    """Through the command line: the dates read back from the written workbook."""
    source = tmp_path / "list.csv"
    ROWS.to_csv(source, index=False)
    output = tmp_path / "plan.xlsx"
    argv = ["plan", str(source), "-o", str(output)]
    assert main([*argv, "--submit-date", "2/6/27", "--requested-date", "2/9/2027"]) == 0
    book = openpyxl.load_workbook(output)
    checklist = {r[0]: r[1] for r in book["Checklist"].iter_rows(min_row=2, values_only=True)}
    header, *rows = list(book["Requests"].iter_rows(values_only=True))
    at = {name: i for i, name in enumerate(header)}
    self_service = [r for r in rows if r[at["Path"]] == "Self-Service"]
    earliest = min(r[at["Earliest Date"]] for r in self_service).date()
    assert all(r[at["Expedite Cost From"]] for r in self_service)
    assert f"earliest port date is {earliest:%Y-%m-%d}" in checklist["Requested date"]
    assert "2027-02-09 is sooner than the SLA" in checklist["Requested date"]
    assert "2027-02-09 is the earliest" not in " ".join(map(str, checklist.values()))
