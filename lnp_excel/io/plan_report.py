"""A Plan as the workbook a partner sends a customer, and one upload CSV per request.

The core's Plan holds snake_case DataFrames; here they get the column names, order, fills
and chart people see. Sheets: Summary (numbers by carrier and path with a native chart,
the key figures beside it), Requests, Numbers, Exceptions, Checklist, Settings. Every
sheet is an Excel table with a frozen header; dates are dates and money is money.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from lnp_excel.core.plan import Plan
from lnp_excel.core.plan.paths import PATHS, SELF_SERVICE
from lnp_excel.io.workbook_writer import ChartSpec, SheetSpec, write_workbook
from lnp_excel.io.writers import safe_filename, write_csv

STATUS_FILLS = {"invalid": "#FFC7CE", "duplicate": "#FFEB9C", "empty": "#EDEDED"}
ATTENTION_FILL = "#FFEB9C"  # a request to check before submitting (unknown carrier)
EXPORT_COLUMN = "Phone Number"

REQUEST_HEADERS = {
    "request": "Request",
    "path": "Path",
    "npa_nxx": "NPA-NXX",
    "carrier": "Carrier",
    "type": "Type",
    "count": "Count",
    "cost": "Cost",
    "earliest_date": "Earliest Date",
    "latest_date": "Latest Date",
    "port_window": "Port Window",
    "expedite_min": "Expedite Cost From",
    "expedite_max": "Expedite Cost To",
    "first_number": "First Number",
    "last_number": "Last Number",
    "notes": "Notes",
}
NUMBER_HEADERS = {
    "row": "Row",
    "input": "Input",
    "number": "Number",
    "region": "Region",
    "type": "Type",
    "npa_nxx": "NPA-NXX",
    "carrier": "Carrier",
    "request": "Request",
    "path": "Path",
    "status": "Status",
    "reason": "Reason",
    "warning": "Warning",
}
EXCEPTION_HEADERS = {
    "row": "Row",
    "input": "Input",
    "carrier": "Carrier",
    "status": "Status",
    "reason": "Reason",
}


def requests_sheet(plan: Plan) -> SheetSpec:
    """One row per request, in submission order; unknown carriers highlighted (P3)."""
    frame = plan.requests[list(REQUEST_HEADERS)].rename(columns=REQUEST_HEADERS)
    unknown = plan.requests["unknown_carrier"].to_numpy() > 0
    highlight = {(int(i), "Carrier"): ATTENTION_FILL for i in unknown.nonzero()[0]}
    return SheetSpec("Requests", frame, highlight=highlight)


def numbers_sheet(plan: Plan) -> SheetSpec:
    """One row per input row, in input order, with its request or its reason."""
    frame = plan.numbers.reset_index(names="row")[list(NUMBER_HEADERS)]
    frame = frame.rename(columns=NUMBER_HEADERS)
    return SheetSpec("Numbers", frame, highlight=_status_fills(frame["Status"]))


def exceptions_sheet(plan: Plan) -> SheetSpec:
    """The rows in no request, with the reason to fix (N2, N6)."""
    rows = plan.exceptions.reset_index(names="row")[list(EXCEPTION_HEADERS)]
    frame = rows.rename(columns=EXCEPTION_HEADERS)
    notes = () if len(frame) else ("No exceptions: every number is in a request.",)
    return SheetSpec("Exceptions", frame, highlight=_status_fills(frame["Status"]), notes=notes)


def checklist_sheet(plan: Plan) -> SheetSpec:
    """Checklist lines with an empty Done column for the agent to tick."""
    frame = plan.checklist.rename(columns={"item": "Item", "detail": "Detail", "rule": "Rule"})
    frame = frame.assign(Done=None)
    return SheetSpec("Checklist", frame)


def summary_sheet(plan: Plan, source: str | None = None) -> SheetSpec:
    """Numbers by carrier and path (the table behind the chart) with the key figures
    beside it, each a typed cell (dates, money, counts) next to its label."""
    frame = plan.by_carrier.rename(columns={"carrier": "Carrier", "total": "Total"})
    used = [path for path in PATHS if frame[path].sum() > 0] or [SELF_SERVICE]
    frame = frame[["Carrier", *used, "Total"]]
    chart = ChartSpec(
        kind="column",
        title="Numbers by path and carrier",
        categories_column="Carrier",
        value_columns=used,
    )
    notes: list[str | tuple[str, object]] = [f"Port-in plan{f' for {source}' if source else ''}"]
    notes += [
        (metric, value if value != "" else "none")
        for metric, value in plan.summary.itertuples(index=False)
    ]
    return SheetSpec("Summary", frame, chart=chart, notes=notes)


def settings_sheet(plan: Plan) -> SheetSpec:
    """The settings this plan used, so a reader knows the limits and prices behind it."""
    frame = pd.DataFrame(plan.settings.as_pairs(), columns=["Setting", "Value"])
    return SheetSpec("Settings", frame)


def plan_sheets(plan: Plan, *, source: str | None = None) -> list[SheetSpec]:
    return [
        summary_sheet(plan, source),
        requests_sheet(plan),
        numbers_sheet(plan),
        exceptions_sheet(plan),
        checklist_sheet(plan),
        settings_sheet(plan),
    ]


def write_plan(
    plan: Plan,
    path: str | Path,
    *,
    source: str | None = None,
    protect: str | Path | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the plan workbook atomically (never over ``protect``, the input file)."""
    return write_workbook(
        path, plan_sheets(plan, source=source), protect=protect, overwrite=overwrite
    )


def export_requests(
    plan: Plan,
    directory: str | Path,
    *,
    protect: str | Path | None = None,
    paths: Sequence[str] = (SELF_SERVICE,),
) -> list[Path]:
    """One upload-ready CSV per request of ``paths``: ``<request id>.csv`` holding a single
    "Phone Number" column, 10 digits a row, in number order (UTF-8 with BOM, for Excel)."""
    folder = Path(directory)
    wanted = set(plan.requests.loc[plan.requests["path"].isin(paths), "request"])
    written = []
    for request_id, rows in plan.request_numbers():
        if request_id not in wanted:
            continue
        frame = pd.DataFrame({EXPORT_COLUMN: rows["number"].astype(str).to_numpy()})
        target = folder / f"{safe_filename(request_id, fallback='request')}.csv"
        written.append(write_csv(frame, target, protect=protect))
    return written


def _status_fills(status: pd.Series) -> dict[tuple[int, str], str]:
    values = status.astype(str).to_numpy()
    fills: dict[tuple[int, str], str] = {}
    for name, colour in STATUS_FILLS.items():
        fills.update({(int(i), "Status"): colour for i in (values == name).nonzero()[0]})
    return fills
