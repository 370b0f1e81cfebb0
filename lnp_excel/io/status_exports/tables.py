"""CSV and workbook exports: Bandwidth's port-in list, Telnyx's flattened orders, an
agent's own status sheet. The header is found under any title rows (``io.tables``)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from lnp_excel.core.columns import find_column
from lnp_excel.core.errors import InputError
from lnp_excel.core.track.orders import ORDER_COLUMNS
from lnp_excel.core.track.statuses import BANDWIDTH, PLAIN, TELNYX, lifecycle_status
from lnp_excel.io.status_exports.common import joined, plausible_day, text, with_extra
from lnp_excel.io.tables import read_table

BANDWIDTH_STATUS = ("ProcessingStatus",)
TELNYX_STATUS = ("status.value", "status_value")
PLAIN_STATUS = ("Status", "Port Status", "Order Status")
REQUEST_ALIASES = ("Request", "Request ID", "Request Id", "PON", "Customer Reference", "Reference")
CODE_ALIASES = ("Reject Code", "Rejection Code", "Error Code", "ErrorCode", "Code", "Exception")
NUMBERS_ALIASES = ("Numbers", "Phone Numbers", "phone_numbers", "TNs", "Telephone Numbers")
_NUMBER_SPLIT = re.compile(r"[;,|\n\[\]\"']+")


def read_table_export(path: Path) -> pd.DataFrame:
    """A CSV/XLSX export as orders; which platform it is, its columns say."""
    table = read_table(
        path,
        alias_groups=(BANDWIDTH_STATUS + TELNYX_STATUS + PLAIN_STATUS, REQUEST_ALIASES),
    )
    frame = table.frame
    columns = list(frame.columns)
    try:
        if find_column(columns, BANDWIDTH_STATUS, role="status", required=False) is not None:
            return _bandwidth(frame, path.name)
        if find_column(columns, TELNYX_STATUS, role="status", required=False) is not None:
            return _telnyx_csv(frame, path.name)
        return _plain(frame, path.name)
    except InputError as error:
        raise table.locate(error) from None


class _Columns:
    """The columns of one export, found by name; what is not used stays as extra."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.used: set[object] = set()

    def get(self, aliases: tuple[str, ...], role: str, *, required: bool = False) -> pd.Series:
        column = find_column(list(self.frame.columns), aliases, role=role, required=required)
        if column is None:
            return pd.Series("", index=self.frame.index, dtype=object)
        self.used.add(column)
        return self.frame[column]

    def extra(self) -> pd.DataFrame:
        return self.frame[[c for c in self.frame.columns if c not in self.used]]


def _rows(cols: _Columns, source: str, platform: str, fields: dict[str, pd.Series], dates):
    """One order per data row, column by column: text fields as text, each distinct date
    text through the one reader once; an unreadable date is said in the row's details."""
    index = cols.frame.index
    data: dict[str, object] = {name: _texts(values) for name, values in fields.items()}
    details = pd.Series(data.get("details", [""] * len(index)), index=index, dtype=object)
    for name, (values, what) in dates.items():
        shown = _texts(values)
        distinct = values.unique()
        read = values.map(dict(zip(distinct, map(plausible_day, distinct), strict=True)))
        data[name] = read.astype(object).where(read.notna(), None).to_numpy()
        bad = (shown != "") & read.isna().to_numpy()
        note = "cannot read the " + what + " '" + pd.Series(shown[bad]) + "' as a date"
        details[bad] = [
            "; ".join(filter(None, pair)) for pair in zip(details[bad], note, strict=True)
        ]
    data["details"] = details.to_numpy()
    words = pd.Series(data["platform_status"])
    status = words.map({w: lifecycle_status(platform, w) for w in words.unique()})
    orders = pd.DataFrame(
        {
            **{column: "" for column in ORDER_COLUMNS},
            **data,
            "source": source,
            "source_row": index.to_numpy(),
            "platform": platform,
            "status": status.to_numpy(),
        },
        columns=list(ORDER_COLUMNS),
    )
    return with_extra(orders, cols.extra())


def _texts(values: pd.Series):
    return values.map(text).to_numpy(dtype=object)


def _bandwidth(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    cols = _Columns(frame)
    fields = {
        "order_id": cols.get(("OrderId", "Order Id"), "order id"),
        "reference": cols.get(("PON",), "PON"),
        "platform_status": cols.get(BANDWIDTH_STATUS, "status", required=True),
        "btn": cols.get(("BillingTelephoneNumber",), "BTN"),
        "carrier": cols.get(("LNPLosingCarrierName", "LosingCarrierName"), "losing carrier"),
        "exception_code": cols.get(("ErrorCode", "Error Code", "Errors"), "error code"),
        "details": cols.get(("ErrorMessage", "Error Message", "Description"), "error text"),
    }
    dates = {
        "order_date": (cols.get(("OrderDate",), "order date"), "OrderDate"),
        "foc_date": (cols.get(("ActualFOCDate",), "FOC date"), "ActualFOCDate"),
    }
    return _rows(cols, source, BANDWIDTH, fields, dates)


def _telnyx_csv(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    cols = _Columns(frame)
    numbers = [c for c in frame.columns if str(c).startswith("phone_numbers")]
    cols.used.update(numbers)
    fields = {
        "order_id": cols.get(("id",), "order id"),
        "reference": cols.get(("customer_reference",), "customer reference"),
        "platform_status": cols.get(TELNYX_STATUS, "status", required=True),
        "details": cols.get(("status.details",), "status details"),
        "carrier": cols.get(("old_service_provider_ocn", "losing_carrier"), "losing carrier"),
        "exception_code": cols.get(("status.details.code", "exception_type"), "exception"),
        "numbers": _numbers_text(frame[numbers]) if numbers else cols.get((), "numbers"),
    }
    dates = {
        "order_date": (cols.get(("created_at",), "created at"), "created_at"),
        "foc_date": (cols.get(("foc_datetime_actual",), "FOC date"), "foc_datetime_actual"),
    }
    return _rows(cols, source, TELNYX, fields, dates)


def _plain(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    cols = _Columns(frame)
    status = cols.get(PLAIN_STATUS, "status", required=True)
    fields = {
        "reference": cols.get(REQUEST_ALIASES, "request", required=True),
        "platform_status": status,
        "order_id": cols.get(("Order ID", "Order Id", "Order"), "order id"),
        "note": cols.get(("Note", "Notes", "Comment", "Comments"), "note"),
        "exception_code": cols.get(CODE_ALIASES, "reject code"),
        "carrier": cols.get(("Carrier", "Losing Carrier"), "carrier"),
        "btn": cols.get(("BTN", "Billing Telephone Number"), "BTN"),
        "numbers": _numbers_text(cols.get(NUMBERS_ALIASES, "numbers").to_frame()),
    }
    dates = {
        "order_date": (
            cols.get(("Order Date", "Submitted", "Date Submitted"), "date"),
            "order date",
        ),
        "foc_date": (cols.get(("FOC Date", "FOC", "Port Date"), "FOC date"), "FOC date"),
    }
    return _rows(cols, source, PLAIN, fields, dates)


def _numbers_text(columns: pd.DataFrame) -> pd.Series:
    """Numbers from one or more cells per row ("+15125550100; +15125550101", a list's
    text, ``phone_numbers.0.phone_number`` columns) joined the one way."""

    def one(row: pd.Series) -> str:
        parts = [p for cell in row for p in _NUMBER_SPLIT.split(text(cell))]
        return joined(parts)

    return columns.apply(one, axis=1) if len(columns) else pd.Series(dtype=object)
