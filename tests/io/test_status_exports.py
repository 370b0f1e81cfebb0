"""T1, T2: the platforms' status exports, written here from their published field names,
read into one orders frame; dates in every form they use; other columns kept; unusable
files refused with the file named."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from lnp_excel.core.errors import InputError
from lnp_excel.core.track.statuses import (
    BANDWIDTH,
    DRAFT,
    EXCEPTION,
    FOC_SET,
    PLAIN,
    SUBMITTED,
    TELNYX,
    TWILIO,
    UNKNOWN,
)
from lnp_excel.io.status_exports import read_status_export, read_status_exports

BANDWIDTH_HEADER = [
    "OrderId",
    "PON",
    "ProcessingStatus",
    "OrderType",
    "OrderDate",
    "lastModifiedDate",
    "RequestedFOCDate",
    "ActualFOCDate",
    "BillingTelephoneNumber",
    "CountOfTNs",
    "LNPLosingCarrierName",
]


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_bandwidth_port_in_list(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "portins.csv",
        [
            BANDWIDTH_HEADER,
            ["o-1", "SS-1", "FOC", "port_in", "2026-03-02T15:04:05.000Z", "2026-03-03T01:00:00Z",
             "03/16/2026", "2026-03-16T00:00:00.000-05:00", "3125550100", "4", "AT&T"],
            ["o-2", "", "PENDING_DOCUMENTS", "port_in", "3/4/2026", "", "", "", "7735550143", "1",
             "Comcast"],
        ],
    )  # fmt: skip
    orders = read_status_export(path)
    first, second = orders.iloc[0], orders.iloc[1]
    assert first[["platform", "order_id", "reference", "status"]].tolist() == [
        BANDWIDTH,
        "o-1",
        "SS-1",
        FOC_SET,
    ]
    assert first["order_date"] == dt.date(2026, 3, 2)
    assert first["foc_date"] == dt.date(2026, 3, 16)
    assert first[["btn", "carrier", "platform_status"]].tolist() == ["3125550100", "AT&T", "FOC"]
    assert second["status"] == DRAFT and second["order_date"] == dt.date(2026, 3, 4)
    # the columns the tracker does not use stay, as given
    assert orders["CountOfTNs"].tolist() == ["4", "1"]
    assert orders["RequestedFOCDate"].tolist() == ["03/16/2026", ""]
    assert first["source"] == "portins.csv" and first["source_row"] == 2


def telnyx_order(**fields: object) -> dict[str, object]:
    order: dict[str, object] = {
        "id": "po-1",
        "customer_reference": "SS-2",
        "status": {"value": "submitted", "details": []},
        "created_at": "2026-03-03T14:12:00.000Z",
        "foc_datetime_requested": "2026-03-17T16:00:00.000Z",
        "foc_datetime_actual": None,
        "phone_numbers": [{"phone_number": "+13125550101"}, {"phone_number": "+13125550102"}],
        "support_key": "sr_1",
    }
    order.update(fields)
    return order


def test_telnyx_porting_orders_json(tmp_path: Path) -> None:
    path = tmp_path / "telnyx.json"
    exception = {
        "value": "exception",
        "details": [{"code": "BTN_MISMATCH", "description": "BTN differs"}],
    }
    data = {
        "data": [
            telnyx_order(),
            telnyx_order(id="po-2", status=exception),
            telnyx_order(
                id="po-3",
                status={"value": "foc-date-confirmed"},
                foc_datetime_actual="2026-03-20T13:00:00.000-04:00",
            ),
        ],
        "meta": {"total_results": 3},
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    orders = read_status_export(path)
    assert orders["platform"].tolist() == [TELNYX] * 3
    assert orders["status"].tolist() == [SUBMITTED, EXCEPTION, FOC_SET]
    assert orders.loc[0, "numbers"] == "+13125550101, +13125550102"
    assert orders.loc[1, "exception_code"] == "BTN_MISMATCH"
    assert orders.loc[1, "details"] == "BTN differs"
    assert orders.loc[2, "foc_date"] == dt.date(2026, 3, 20)
    assert orders["support_key"].tolist() == ["sr_1"] * 3  # unknown fields stay


def test_telnyx_porting_orders_csv_with_flattened_names(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "telnyx.csv",
        [
            ["id", "customer_reference", "status.value", "status.details", "created_at",
             "foc_datetime_actual", "phone_numbers", "support_key"],
            ["po-9", "SS-3", "ported", "", "2026-03-01T10:00:00Z", "2026-03-12T10:00:00Z",
             "+13125550103;+13125550104", "sr_9"],
        ],
    )  # fmt: skip
    order = read_status_export(path).iloc[0]
    assert order[["platform", "status", "reference"]].tolist() == [TELNYX, "Complete", "SS-3"]
    assert order["numbers"] == "+13125550103, +13125550104"
    assert order["foc_date"] == dt.date(2026, 3, 12) and order["support_key"] == "sr_9"


def test_twilio_port_in_requests_json(tmp_path: Path) -> None:
    """A rejected number puts its request in exception with the number's code."""
    path = tmp_path / "twilio.json"
    request = {
        "port_in_request_sid": "KW" + "0" * 32,
        "port_in_request_status": "in-progress",
        "target_port_in_date": "2026-03-18",
        "date_created": "2026-03-04T17:45:12Z",
        "phone_numbers": [
            {
                "phone_number": "+13125550105",
                "port_in_phone_number_status": "rejected",
                "rejection_reason": "ZIP mismatch",
                "rejection_reason_code": 22136,
                "port_date": None,
            },
            {"phone_number": "+13125550106", "port_in_phone_number_status": "submitted"},
        ],
    }
    foc = {
        **request,
        "port_in_request_sid": "KW" + "1" * 32,
        "phone_numbers": [
            {"phone_number": "+13125550107", "port_date": "2026-03-19"},
        ],
    }
    path.write_text(json.dumps([request, foc]), encoding="utf-8")
    orders = read_status_export(path)
    assert orders["platform"].tolist() == [TWILIO, TWILIO]
    assert orders["status"].tolist() == [EXCEPTION, FOC_SET]
    assert orders.loc[0, "exception_code"] == "22136"
    assert orders.loc[0, "details"] == "ZIP mismatch"
    assert orders.loc[0, "order_date"] == dt.date(2026, 3, 4)
    assert orders.loc[1, "foc_date"] == dt.date(2026, 3, 19)
    assert orders["target_port_in_date"].tolist() == ["2026-03-18"] * 2


def test_a_plain_agent_csv_under_a_title_with_us_dates(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "mine.csv",
        [
            ["Ports kept by hand"],
            [],
            ["Request", "Status", "Order Date", "FOC Date", "Note", "Owner"],
            ["SS-4", "FOC set", "3/5/2026", "3/23/26", "confirmed by phone", "Jo"],
            ["SS-5", "rejected", "2026-03-06", "soon", "", ""],
            ["SS-6", "waiting on moon", "", "", "", ""],
        ],
    )
    orders = read_status_exports([path])
    assert orders["platform"].tolist() == [PLAIN] * 3
    assert orders["status"].tolist() == [FOC_SET, EXCEPTION, UNKNOWN]
    assert orders.loc[0, "foc_date"] == dt.date(2026, 3, 23)
    assert orders.loc[0, "note"] == "confirmed by phone" and orders.loc[0, "Owner"] == "Jo"
    # one unreadable date costs that cell, said on the row; the rest of the file is read
    assert orders.loc[1, "foc_date"] is None and "soon" in orders.loc[1, "details"]
    assert orders["source_row"].tolist() == [4, 5, 6]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("bad.json", "{not json", "not valid JSON"),
        ("odd.json", json.dumps({"data": [{"hello": 1}]}), "neither a Telnyx"),
        ("scalar.json", "42", "holds no orders"),
        ("nostatus.csv", "Request,Owner\nSS-1,Jo\n", "no status column"),
        ("empty.csv", "", "empty"),
    ],
)
def test_unusable_exports_are_refused_naming_the_file(
    tmp_path: Path, name: str, content: str, says: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_status_export(path)
    assert says in str(caught.value) and name in str(caught.value)


def test_several_exports_make_one_frame(tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [["Request", "Status"], ["SS-1", "submitted"]])
    b = write_csv(tmp_path / "b.csv", [BANDWIDTH_HEADER, ["o", "SS-2", "COMPLETE"] + [""] * 8])
    orders = read_status_exports([a, b])
    assert orders["reference"].tolist() == ["SS-1", "SS-2"]
    assert orders["source"].tolist() == ["a.csv", "b.csv"]
    with pytest.raises(InputError):
        read_status_exports([])


def test_bandwidth_list_saved_as_a_workbook_with_date_cells(make_xlsx) -> None:
    """The same list opened and saved in Excel: dates are date cells, numbers numbers."""
    path = make_xlsx(
        {
            "PortIns": [
                ["Port-in orders, exported 3/20/2026"],
                BANDWIDTH_HEADER,
                ["o-7", "SS-7", "COMPLETE", "port_in", dt.datetime(2026, 3, 2, 9, 30), None,
                 None, dt.datetime(2026, 3, 12), 3125550100, 2, "Lumen"],
            ]
        },
        name="bandwidth.xlsx",
    )  # fmt: skip
    order = read_status_export(path).iloc[0]
    assert order[["reference", "status", "btn"]].tolist() == ["SS-7", "Complete", "3125550100"]
    assert order["order_date"] == dt.date(2026, 3, 2) and order["foc_date"] == dt.date(2026, 3, 12)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "cp1252"])
def test_a_json_export_saved_by_a_windows_tool_is_read(tmp_path: Path, encoding: str) -> None:
    """T1: a Telnyx export saved as UTF-16/32 or "ANSI" reads like a UTF-8 one; it was
    refused as "not UTF-8 text JSON" (found by the hostile-input property test)."""
    path = tmp_path / "telnyx.json"
    data = {"data": [telnyx_order(customer_reference="SS-Café-01")]}
    path.write_bytes(json.dumps(data, ensure_ascii=False).encode(encoding))
    orders = read_status_export(path)
    assert orders["reference"].tolist() == ["SS-Café-01"]
    assert orders["status"].tolist() == [SUBMITTED]


def test_an_empty_json_export_is_said_to_be_empty(tmp_path: Path) -> None:
    path = tmp_path / "twilio.json"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"the file is empty \(file twilio.json"):
        read_status_export(path)


@pytest.mark.parametrize("placeholder", ["9999-12-31", "0001-01-01", "12/31/9999"])
def test_a_date_no_order_has_is_noted_not_wrapped(tmp_path: Path, placeholder: str) -> None:
    """T1: an export's OrderDate 9999-12-31 (a placeholder) went through pandas'
    datetimes as 1816-03-29, and the order showed as overdue since 1816 (found by the
    hostile-input property test). Dates outside 1990-2099 are noted, like unreadable ones."""
    path = write_csv(
        tmp_path / "bw.csv",
        [BANDWIDTH_HEADER, ["o", "SS-2", "SUBMITTED", "", placeholder] + [""] * 6],
    )
    orders = read_status_export(path)
    assert orders.loc[0, "order_date"] is None
    assert f"cannot read the OrderDate '{placeholder}' as a date" in orders.loc[0, "details"]


def test_a_tracker_given_as_an_export_is_refused(tmp_path: Path) -> None:
    """T1: an lnp-excel workbook (here a tracker) given as a status export was read as an
    agent's status sheet; it is refused, naming what it is."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Tracker"
    book.active.append(["Request", "Status"])
    book.active.append(["SS-1", "Submitted"])
    book.create_sheet("Status History")
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="this is the tracker lnp-excel wrote, not a platform"):
        read_status_export(path)


@pytest.mark.parametrize("listed", [True, 5, "+15125550100", {"phone_number": "+15125550100"}])
def test_a_twilio_request_whose_numbers_are_not_a_list(tmp_path: Path, listed: object) -> None:
    """T1: "phone_numbers": true (or 5) raised TypeError from the Twilio reader (found by
    the hostile-input property test); anything but a list of objects lists no number."""
    path = tmp_path / "twilio.json"
    request = {"port_in_request_sid": "KW1", "port_in_request_status": "in-progress"}
    path.write_text(json.dumps({"port_in_requests": [request | {"phone_numbers": listed}]}))
    orders = read_status_export(path)
    assert orders[["order_id", "status", "numbers"]].values.tolist() == [["KW1", SUBMITTED, ""]]
