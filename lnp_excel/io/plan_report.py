"""A Plan as the workbook a partner sends a customer, and one upload CSV per request.

The core's Plan holds snake_case DataFrames; here they get the column names, order, fills
and chart people see. Sheets: Summary (numbers by carrier and path with a native chart,
the key figures beside it), Requests, Numbers, Exceptions, Checklist, Settings. Every
sheet is an Excel table with a frozen header; dates are dates and money is money.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from lnp_excel.core.check import Check
from lnp_excel.core.columns import free_name
from lnp_excel.core.plan import Plan
from lnp_excel.core.plan.paths import PATHS, SELF_SERVICE
from lnp_excel.io.check_report import PREDICTED, check_sheets
from lnp_excel.io.request_folder import (
    NOT_READY,
    earlier_requests,
    remove_earlier,
    write_manifest,
)
from lnp_excel.io.workbook_writer import ChartSpec, SheetSpec, write_workbook
from lnp_excel.io.writers import RULES_NOTE, Protected, safe_filename, write_csv

STATUS_FILLS = {"invalid": "#FFC7CE", "duplicate": "#FFEB9C", "empty": "#EDEDED"}
FLAGGED = "#FFC7CE"  # a request the losing carrier would reject (R1-R9)
ATTENTION_FILL = "#FFEB9C"  # a request to check before submitting (unknown carrier)
REASONS_FILE = "reasons.csv"  # in NOT_READY: why each request there is held back
UNKNOWN_CARRIER_REASON = "carrier unknown: confirm it from the CSR (P3c)"
# The request file: what an agent fills into the self-service port form (P3c, N2a).
EXPORT_HEADERS = {
    "number": "Phone Number",
    "extension": "Extension",
    "btn": "BTN",
    "account_number": "Account Number",
    "pin": "PIN",
    "customer_name": "Customer Name",
    "authorized_name": "Authorized Name",
    "street": "Street",
    "city": "City",
    "state": "State",
    "zip": "ZIP",
}
_PER_REQUEST = ("btn", "account_number", "pin", "customer_name", "authorized_name")
_ADDRESS_PARTS = ("street", "city", "state", "zip")

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
    "btn": "BTN",
    "account_number": "Account Number",
    "pin": "PIN",
    "customer_name": "Customer Name",
    "authorized_name": "Authorized Name",
    "service_address": "Service Address",
    "missing_details": "Missing Details",
    "notes": "Notes",
}
# Shown only when the list has the field (P3c); "Missing Details" with any of them.
ACCOUNT_HEADERS = (
    "btn",
    "account_number",
    "pin",
    "customer_name",
    "authorized_name",
    "service_address",
)
NUMBER_HEADERS = {
    "number": "Number",
    "extension": "Extension",
    "region": "Region",
    "type": "Type",
    "npa_nxx": "NPA-NXX",
    "carrier": "Carrier",
    "request": "Request",
    "path": "Path",
    "status": "Status",
    "reason": "Reason",
    "warning": "Warning",
    "missing": "Missing",
}
EXCEPTION_HEADERS = {
    "row": "Row",
    "input": "Input",
    "carrier": "Carrier",
    "status": "Status",
    "reason": "Reason",
}


def requests_sheet(plan: Plan, check: Check | None = None) -> SheetSpec:
    """One row per request, in submission order; unknown carriers highlighted (P3); the
    request fields the list has (P3c); with a CSR check, the codes it predicts (R1-R9)."""
    found = set(plan.account_columns)
    if found & {"city", "state", "zip"}:
        found.add("service_address")
    hidden = {h for h in ACCOUNT_HEADERS if h not in found} | (
        set() if found else {"missing_details"}
    )
    headers = {k: v for k, v in REQUEST_HEADERS.items() if k not in hidden}
    frame = plan.requests[list(headers)].rename(columns=headers)
    unknown = plan.requests["unknown_carrier"].to_numpy() > 0
    highlight = {(int(i), "Carrier"): ATTENTION_FILL for i in unknown.nonzero()[0]}
    if check is not None:
        predicted = check.predicted_rejections()
        frame.insert(frame.columns.get_loc("Notes"), PREDICTED, predicted)
        highlight.update({(i, PREDICTED): FLAGGED for i, c in enumerate(predicted) if c})
    return SheetSpec("Requests", frame, highlight=highlight)


def numbers_sheet(plan: Plan) -> SheetSpec:
    """One row per input row, in input order: Row, every column of the list as given
    (P3c), then the plan's columns (a name the list already uses gets " (lnp)")."""
    headers = dict(NUMBER_HEADERS)
    if not plan.account_columns:
        del headers["missing"]
    source = plan.source
    if len(source.columns) == 0 or len(source) != len(plan.numbers):
        source = plan.numbers[["input"]].rename(columns={"input": "Input"})
    row = free_name("Row", list(source.columns))
    taken = [*source.columns, row]
    names = {k: free_name(v, taken) for k, v in headers.items()}
    added = plan.numbers[list(headers)].rename(columns=names)
    frame = pd.concat([source.set_axis(plan.numbers.index), added], axis=1)
    frame.insert(0, row, plan.numbers.index)
    frame = frame.reset_index(drop=True)
    return SheetSpec("Numbers", frame, value_fills={names["status"]: STATUS_FILLS})


def exceptions_sheet(plan: Plan) -> SheetSpec:
    """The rows in no request, with the reason to fix (N2, N6)."""
    rows = plan.exceptions.reset_index(names="row")[list(EXCEPTION_HEADERS)]
    frame = rows.rename(columns=EXCEPTION_HEADERS)
    notes = () if len(frame) else ("No exceptions: every number is in a request.",)
    return SheetSpec("Exceptions", frame, value_fills={"Status": STATUS_FILLS}, notes=notes)


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
    notes.append(RULES_NOTE)
    return SheetSpec("Summary", frame, chart=chart, notes=notes)


def settings_sheet(plan: Plan) -> SheetSpec:
    """The settings this plan used, so a reader knows the limits and prices behind it."""
    frame = pd.DataFrame(plan.settings.as_pairs(), columns=["Setting", "Value"])
    return SheetSpec("Settings", frame)


def plan_sheets(
    plan: Plan, *, source: str | None = None, check: Check | None = None
) -> list[SheetSpec]:
    """The plan's sheets; with a CSR check, its Check sheets after Requests (R1-R9)."""
    checked = check_sheets(check, source=source) if check is not None else []
    return [
        summary_sheet(plan, source),
        requests_sheet(plan, check),
        *checked,
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
    protect: Protected = None,
    overwrite: bool = False,
    check: Check | None = None,
) -> Path:
    """Write the plan workbook atomically (never over ``protect``, the input file)."""
    sheets = plan_sheets(plan, source=source, check=check)
    return write_workbook(path, sheets, protect=protect, overwrite=overwrite)


def export_requests(
    plan: Plan,
    directory: str | Path,
    *,
    protect: str | Path | None = None,
    paths: Sequence[str] = (SELF_SERVICE,),
    held: Mapping[str, str] | None = None,
    overwrite: bool = False,
    source: str | None = None,
    elsewhere: str | None = None,
) -> list[Path]:
    """One CSV per request of ``paths``, ``<request id>.csv``: a row per number in number
    order with what the self-service port form asks (EXPORT_HEADERS: number, extension,
    BTN, account number, PIN, authorized name, service street, city, state, ZIP; UTF-8
    with BOM, for Excel). BTN, account, PIN and name are the request's (one account per
    request, P3a), the address parts the first given in the request. Requests with
    numbers of unknown carrier go to the ``not_ready`` subfolder, so uploading the
    folder never submits them (P3c); so do the requests ``held`` names (request id ->
    reason: a CSR check's predicted rejection, R1-R9), and with ``held`` the reasons of
    everything held back are listed in ``not_ready/reasons.csv``.

    The folder holds one plan only (``request_folder``): an earlier plan's files are
    refused unless ``overwrite``, then removed; a manifest names the files written.
    ``elsewhere``: how the refusal tells the caller's user to write elsewhere instead."""
    folder = Path(directory)
    options = {"elsewhere": elsewhere} if elsewhere else {}
    earlier = earlier_requests(folder, replace=overwrite, **options)
    requests = plan.requests.set_index("request")
    wanted = set(requests.index[requests["path"].isin(paths)])
    chosen = requests[requests.index.isin(wanted)]
    unknown = (chosen["unknown_carrier"].to_numpy() > 0).tolist()
    reason_of = {}  # request id -> why it is held back ("" when upload-ready)
    for request_id, apart in zip(chosen.index, unknown, strict=True):
        reasons = (UNKNOWN_CARRIER_REASON if apart else "", (held or {}).get(request_id, ""))
        reason_of[request_id] = "; ".join(r for r in reasons if r)
    names = {
        request_id: f"{NOT_READY}/" * bool(why)
        + f"{safe_filename(request_id, fallback='request')}.csv"
        for request_id, why in reason_of.items()
    }
    listing = f"{NOT_READY}/{REASONS_FILE}" if held is not None and any(reason_of.values()) else ""
    # Named before anything is written: a run stopped half-way leaves files a later
    # --overwrite still knows as this plan's.
    planned = [*names.values(), *([listing] if listing else [])]
    write_manifest(folder, [*earlier, *planned], source=source)
    written = []
    for request_id, rows in plan.request_numbers():
        if request_id not in wanted:
            continue
        request = requests.loc[request_id]
        columns: dict[str, object] = {
            "number": rows["number"].astype(str).to_numpy(),
            "extension": rows["extension"].astype(str).to_numpy(),
        }
        columns.update({name: request[name] for name in _PER_REQUEST})
        for part in _ADDRESS_PARTS:
            given = rows[part].astype(str)
            given = given[given != ""]
            columns[part] = given.iloc[0] if len(given) else ""
        frame = pd.DataFrame(columns, index=range(len(rows)))[list(EXPORT_HEADERS)]
        frame = frame.rename(columns=EXPORT_HEADERS)
        written.append(write_csv(frame, folder / names[request_id], protect=protect))
    if listing:
        reasons = pd.DataFrame(
            [(r, names[r].rpartition("/")[2], why) for r, why in reason_of.items() if why],
            columns=["Request", "File", "Reason"],
        )
        write_csv(reasons, folder / listing, protect=protect)
    remove_earlier(folder, earlier, planned)
    write_manifest(folder, planned, source=source)
    return written


def zero_led_examples(plan: Plan, paths: Sequence[str] = (SELF_SERVICE,)) -> dict[str, str]:
    """Per request-file field (account number, BTN, PIN, ZIP), one value of the exported
    requests that starts with a zero (``00123``, ``02134``): Excel drops those zeros when
    it opens the CSV, so the command warns as ``csr fix`` does (P3c, issue 18)."""
    exported = plan.numbers["path"].isin(paths).to_numpy()
    found: dict[str, str] = {}
    for field in ("account_number", "btn", "pin", "zip"):
        if field not in plan.numbers.columns:
            continue
        values = plan.numbers[field].to_numpy(dtype=object)[exported].astype(str)
        led = values[np.char.startswith(values.astype("U"), "0")] if len(values) else values
        digits = [value for value in led.tolist() if value.isdigit() and len(value) > 1]
        if digits:
            found[EXPORT_HEADERS[field]] = digits[0]
    return found
