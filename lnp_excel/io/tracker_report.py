"""The tracker workbook (T1-T5): Summary with a chart of requests by status, Tracker,
Unmatched orders, Status History; and the readers of the plan workbook it tracks and of
an earlier tracker it updates.

Excel reserves the sheet name "History", so the history sheet is "Status History".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lnp_excel.core.errors import InputError
from lnp_excel.core.track import Tracking
from lnp_excel.core.track.history import HISTORY_COLUMNS, keep_agent_columns
from lnp_excel.core.track.statuses import (
    CANCELLED,
    COMPLETE,
    DRAFT,
    EXCEPTION,
    FOC_SET,
    NOT_SUBMITTED,
    UNKNOWN,
)
from lnp_excel.io.plan_report import NUMBER_HEADERS, REQUEST_HEADERS
from lnp_excel.io.sheet_layout import FLAGGED_FILL
from lnp_excel.io.status_exports.common import plausible_day, text
from lnp_excel.io.tables import read_table
from lnp_excel.io.workbook_writer import ChartSpec, SheetSpec, write_workbook
from lnp_excel.io.writers import RULES_NOTE

TRACKER, UNMATCHED, HISTORY, SUMMARY = "Tracker", "Unmatched orders", "Status History", "Summary"
TRACKER_HEADERS = {
    "request": "Request",
    "path": "Path",
    "carrier": "Carrier",
    "numbers": "Numbers",
    "order_id": "Order ID",
    "status": "Status",
    "platform_status": "Platform Status",
    "order_date": "Order Date",
    "sla_due": "SLA Due",
    "foc_date": "FOC Date",
    "days_late": "Business Days Late",
    "overdue": "Overdue",
    "exception_code": "Exception Code",
    "field_to_fix": "Field to Fix",
    "fix": "Fix",
    "day_of_port": "Day-of-Port Checks",
    "platform": "Platform",
    "matched_by": "Matched By",
    "details": "Platform Details",
}
HISTORY_HEADERS = dict(
    zip(
        HISTORY_COLUMNS,
        ("Request", "Old Status", "New Status", "Date", "Order ID", "Platform Status"),
        strict=True,
    )
)
ORDER_HEADERS = {
    "source": "File",
    "source_row": "Row",
    "platform": "Platform",
    "order_id": "Order ID",
    "reference": "PON / Reference",
    "platform_status": "Platform Status",
    "status": "Status",
    "details": "Platform Details",
    "order_date": "Order Date",
    "foc_date": "FOC Date",
    "btn": "BTN",
    "carrier": "Carrier",
    "numbers": "Numbers",
    "exception_code": "Exception Code",
    "note": "Note",
}
STATUS_FILLS = {
    NOT_SUBMITTED: "#EDEDED",
    DRAFT: "#EDEDED",
    EXCEPTION: "#FFC7CE",
    FOC_SET: "#DDEBF7",
    COMPLETE: "#C6EFCE",
    CANCELLED: "#D9D9D9",
    UNKNOWN: "#FFEB9C",
}


# --- reading ---------------------------------------------------------------------------


def is_plan_workbook(path: str | Path) -> bool:
    """True for a workbook with the Requests and Numbers sheets ``lnp-excel plan`` writes
    (anything else is a customer's list, planned the way ``plan`` does)."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return False
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - the list reader then says what is wrong with it
        return False
    try:
        return {"Requests", "Numbers"} <= set(book.sheetnames)
    finally:
        book.close()


def read_plan_workbook(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plan's requests (request, path, carrier, btn) and numbers (number, request),
    from the Requests and Numbers sheets ``lnp-excel plan`` wrote."""
    path = Path(path)
    requests = _sheet(path, "Requests", REQUEST_HEADERS, ("request", "path", "carrier"))
    numbers = _sheet(path, "Numbers", NUMBER_HEADERS, ("number", "request"), suffixed=True)
    for frame in (requests, numbers):
        for column in frame.columns:
            frame[column] = frame[column].map(text)
    _one_row_per_request(requests, path)
    return requests.reset_index(drop=True), numbers.reset_index(drop=True)


def _one_row_per_request(requests: pd.DataFrame, path: Path) -> None:
    """T1 keys the tracker by request id: a Requests sheet edited by hand to hold a
    request without its id, or one id twice, cannot be tracked; said with its rows."""
    ids = requests["request"]
    problem = ""
    if (ids == "").any():
        rows = ids.index[ids == ""].tolist()
        problem = f"a request without its id (row {rows[0]})"
    elif ids.duplicated().any():
        twice = ids[ids.duplicated(keep=False)]
        first = twice.iloc[0]
        rows = ", ".join(map(str, twice.index[twice == first].tolist()))
        problem = f"the request {first} twice (rows {rows})"
    if problem:
        raise InputError(
            f"the plan's Requests sheet has {problem}: each request is one row, with its "
            "id; make the plan again with lnp-excel plan, or correct the sheet",
            file=path.name,
            sheet="Requests",
        )


def _sheet(
    path: Path, sheet: str, headers: dict[str, str], needed: tuple[str, ...], suffixed=False
) -> pd.DataFrame:
    wanted = {name: headers[name] for name in (*needed, "btn") if name in headers}
    try:
        frame = read_table(path, sheet=sheet, alias_groups=((wanted[needed[0]],),)).frame
    except InputError as error:
        raise InputError(
            f"not a plan workbook ({error.message}): make one with lnp-excel plan",
            file=path.name,
            sheet=sheet,
        ) from None
    columns = {}
    for name, header in wanted.items():
        # the plan writes "Number (lnp)" where the customer's list had a "Number" column
        found = f"{header} (lnp)" if suffixed and f"{header} (lnp)" in frame else header
        if found in frame:
            columns[name] = frame[found]
        elif name in needed:
            raise InputError(
                f"not a plan workbook: no '{header}' column (make one with lnp-excel plan)",
                file=path.name,
                sheet=sheet,
            )
    return pd.DataFrame(columns)  # indexed by the sheet's row numbers


def read_tracker(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """An earlier tracker: its Tracker sheet as written (agent columns included) and its
    history (``HISTORY_COLUMNS``); None when ``path`` does not exist."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        tracker = read_table(path, sheet=TRACKER, alias_groups=(("Request",),)).frame
    except InputError as error:
        raise InputError(
            f"{path.name} is not a tracker ({error.message}): name a new file with -o, "
            "or pass --overwrite to replace it",
            file=path.name,
        ) from None
    try:
        sheet = read_table(path, sheet=HISTORY, alias_groups=(("Request",),)).frame
    except InputError:
        sheet = None
    history = history_from_sheet(sheet)
    return tracker.reset_index(drop=True), history.reset_index(drop=True)


def history_from_sheet(sheet: pd.DataFrame | None) -> pd.DataFrame:
    """The Status History sheet as read back: ``HISTORY_COLUMNS``, dates as dates."""
    if sheet is None or not len(sheet):
        return pd.DataFrame(columns=list(HISTORY_COLUMNS))
    back = {header: name for name, header in HISTORY_HEADERS.items()}
    history = sheet.rename(columns=back).reindex(columns=list(HISTORY_COLUMNS))
    history = history.map(lambda v: "" if v is None else v)
    history["date"] = history["date"].map(plausible_day)
    return history.reset_index(drop=True)


def previous_statuses(old: pd.DataFrame | None) -> pd.DataFrame | None:
    """The earlier tracker in the core's names (request, status, order, dates, ...): what
    T5's history compares with and what a request no export speaks of keeps."""
    if old is None or "Request" not in old or "Status" not in old:
        return None
    back = {header: name for name, header in TRACKER_HEADERS.items() if header in old}
    frame = old[list(back)].rename(columns=back)
    for column in frame.columns:
        if column.endswith("date") or column == "sla_due":
            frame[column] = frame[column].map(plausible_day)
        elif column not in ("numbers", "days_late"):
            frame[column] = frame[column].map(text)
    return frame.reset_index(drop=True)


# --- writing ---------------------------------------------------------------------------


def tracker_sheets(tracking: Tracking, old: pd.DataFrame | None = None) -> list[SheetSpec]:
    """The four sheets; the Tracker keeps the agent's own columns of ``old`` (T5)."""
    return [
        summary_sheet(tracking),
        tracker_sheet(tracking, old),
        unmatched_sheet(tracking),
        history_sheet(tracking),
    ]


def tracker_sheet(tracking: Tracking, old: pd.DataFrame | None = None) -> SheetSpec:
    frame = tracking.tracker.rename(columns=TRACKER_HEADERS)
    frame = keep_agent_columns(frame, old, "Request", set(TRACKER_HEADERS.values()))
    overdue = (frame["Overdue"].fillna("") != "").to_numpy()
    highlight = {(int(i), "Overdue"): FLAGGED_FILL for i in overdue.nonzero()[0]}
    return SheetSpec(TRACKER, frame, highlight=highlight, value_fills={"Status": STATUS_FILLS})


def unmatched_sheet(tracking: Tracking) -> SheetSpec:
    """The orders no request claims, with the columns of their exports that say anything
    (another platform's columns, empty for them, are left out)."""
    orders = tracking.unmatched
    blank = [
        c
        for c in orders.columns
        if c not in ORDER_HEADERS and orders[c].map(lambda v: text(v) == "").all()
    ]
    frame = orders.drop(columns=blank).rename(columns=ORDER_HEADERS)
    notes = () if len(frame) else ("Every order matched a request (T2).",)
    return SheetSpec(UNMATCHED, frame, notes=notes)


def history_sheet(tracking: Tracking) -> SheetSpec:
    return SheetSpec(HISTORY, tracking.history.rename(columns=HISTORY_HEADERS))


def summary_sheet(tracking: Tracking) -> SheetSpec:
    frame = tracking.counts.rename(columns={"status": "Status", "requests": "Requests"})
    chart = ChartSpec("column", "Requests by status", "Status", ["Requests"])
    t = tracking.tracker
    notes: list[str | tuple[str, object]] = [
        "Port tracker (T1-T5)",
        ("As of", tracking.as_of),
        ("Requests", len(t)),
        ("Overdue", int((t["overdue"] != "").sum())),
        ("In exception", int((t["status"] == EXCEPTION).sum())),
        ("Porting today or next business day", int((t["day_of_port"] != "").sum())),
        ("Orders matching no request", len(tracking.unmatched)),
        ("Status changes this update", len(tracking.changes)),
        RULES_NOTE,
    ]
    return SheetSpec(SUMMARY, frame, chart=chart, notes=notes)


def write_tracker(
    tracking: Tracking,
    path: str | Path,
    *,
    old: pd.DataFrame | None = None,
    protect: str | Path | None = None,
) -> Path:
    """Write (or replace, when updating) the tracker workbook atomically."""
    return write_workbook(path, tracker_sheets(tracking, old), protect=protect, overwrite=False)
