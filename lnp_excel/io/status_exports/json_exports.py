"""JSON exports: Telnyx porting orders (``{"data": [...]}``) and Twilio port-in requests.

Telnyx: ``status.value`` and ``status.details`` (text, or a list of ``{code,
description}``), ``customer_reference``, ``foc_datetime_requested``,
``foc_datetime_actual``, ``phone_numbers`` (objects with ``phone_number``).
Twilio: ``port_in_request_sid``, ``port_in_request_status``, ``target_port_in_date``,
``date_created`` and ``phone_numbers`` with ``port_in_phone_number_status``,
``rejection_reason``, ``rejection_reason_code``, ``port_date`` per number. A number in
exception puts its request in exception; the earliest number's port date is the FOC.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from lnp_excel.core.errors import InputError
from lnp_excel.core.track.statuses import (
    CLOSED,
    EXCEPTION,
    FOC_SET,
    SUBMITTED,
    TELNYX,
    TWILIO,
    TWILIO_NUMBER,
    lifecycle_status,
)
from lnp_excel.io.status_exports.common import codes, day, joined, order_row, text, with_extra
from lnp_excel.io.text_tables import decode_text

LIST_KEYS = ("data", "port_in_requests", "porting_orders", "results", "items")
_TELNYX_USED = {
    "id",
    "status",
    "customer_reference",
    "foc_datetime_actual",
    "phone_numbers",
    "created_at",
}
_TWILIO_USED = {
    "port_in_request_sid",
    "port_in_request_status",
    "phone_numbers",
    "date_created",
    "customer_reference",
}


def read_json_export(path: Path) -> pd.DataFrame:
    """A Telnyx or Twilio JSON export as orders."""
    try:
        data = json.loads(decode_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            file=path.name,
            row=exc.lineno,
        ) from exc
    records = _records(data, path.name)
    rows, extra = [], []
    for position, record in enumerate(records):
        where = f"item {position + 1}"
        if not isinstance(record, dict):
            raise InputError(f"{where} is not an object with an order's fields", file=path.name)
        if "port_in_request_status" in record or "port_in_request_sid" in record:
            row, used = _twilio(record, path.name, position + 1), _TWILIO_USED
        elif "status" in record or "customer_reference" in record:
            row, used = _telnyx(record, path.name, position + 1), _TELNYX_USED
        else:
            raise InputError(
                f"{where} is neither a Telnyx porting order (status.value) nor a Twilio "
                "port-in request (port_in_request_status)",
                file=path.name,
            )
        rows.append(row)
        extra.append({k: v for k, v in record.items() if k not in used})
    others = pd.json_normalize(extra, sep=".") if extra else pd.DataFrame()
    listed = [c for c in others.columns if others[c].map(lambda v: isinstance(v, list)).any()]
    return with_extra(rows, others.drop(columns=listed))


def _records(data: object, name: str) -> list:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
        if isinstance(data.get("data"), dict):
            return [data["data"]]
        return [data]
    raise InputError('the JSON holds no orders (expected {"data": [...]} or a list)', file=name)


def _telnyx(record: dict, source: str, position: int) -> dict[str, object]:
    notes: list[str] = []
    status = record.get("status")
    word = status.get("value") if isinstance(status, dict) else status
    details = status.get("details") if isinstance(status, dict) else ""
    found = details if isinstance(details, list) else []
    found_codes = [d.get("code") for d in found if isinstance(d, dict)]
    texts = [d.get("description") for d in found if isinstance(d, dict)]
    ordered = day(record.get("created_at"), "created_at", notes)
    foc = day(record.get("foc_datetime_actual"), "foc_datetime_actual", notes)
    return order_row(
        TELNYX,
        source=source,
        source_row=position,
        order_id=text(record.get("id")),
        reference=text(record.get("customer_reference")),
        platform_status=text(word),
        details="; ".join(filter(None, [text(details), joined(texts, "; "), *notes])),
        order_date=ordered,
        foc_date=foc,
        numbers=joined(_numbers(record.get("phone_numbers"), "phone_number")),
        exception_code=codes(found_codes),
    )


def _twilio(record: dict, source: str, position: int) -> dict[str, object]:
    notes: list[str] = []
    word = text(record.get("port_in_request_status"))
    status = lifecycle_status(TWILIO, word)
    listed = record.get("phone_numbers")  # a list of objects; anything else lists none
    numbers = [n for n in listed if isinstance(n, dict)] if isinstance(listed, list) else []
    states = [
        lifecycle_status(TWILIO_NUMBER, n.get("port_in_phone_number_status")) for n in numbers
    ]
    dates = [day(n.get("port_date"), "port_date", notes) for n in numbers]
    dates = [d for d in dates if d is not None]
    ordered = day(record.get("date_created"), "date_created", notes)
    if status not in CLOSED and EXCEPTION in states:
        status = EXCEPTION
    elif status == SUBMITTED and (dates or FOC_SET in states):
        status = FOC_SET
    rejected = [
        n for n in numbers if text(n.get("rejection_reason_code") or n.get("rejection_reason"))
    ]
    return order_row(
        TWILIO,
        source=source,
        source_row=position,
        order_id=text(record.get("port_in_request_sid")),
        reference=text(record.get("customer_reference")),
        platform_status=word,
        status=status,
        details="; ".join(
            filter(None, [joined([n.get("rejection_reason") for n in rejected], "; "), *notes])
        ),
        order_date=ordered,
        foc_date=min(dates) if dates else None,
        numbers=joined(_numbers(numbers, "phone_number")),
        exception_code=codes([n.get("rejection_reason_code") for n in rejected]),
    )


def _numbers(items: object, key: str) -> list[object]:
    """The numbers of a list of objects (or of plain strings)."""
    if not isinstance(items, list):
        return []
    return [item.get(key) if isinstance(item, dict) else item for item in items]
