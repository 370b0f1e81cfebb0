"""Generators of hostile second inputs (issues 19-21), for ``test_hostile_second_inputs``.

Lists with account columns (the first-input generator of ``test_hostile_files``), CSRs in
their three shapes, status exports in five, plan workbooks and earlier trackers edited by
hand: real values mixed with JSON of the wrong type, control characters, dates no
calendar has, other encodings, cut-off and empty files. Each file is ``note``d, so a
failing example shows its bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter
from hypothesis import note
from hypothesis import strategies as st

from tests.io.test_status_exports import BANDWIDTH_HEADER
from tests.test_hostile_files import FORMS, HOSTILE, NUMBERS, _write, hostile_tables

ACCOUNT_COLUMNS = [
    "BTN",
    "Account Number",
    "Service Address",
    "Authorized Name",
    "Customer Name",
    "Title",
    "Transfer PIN",
]
ADDRESSES = [
    "100 Congress Ave, Austin, TX 78701",
    "1 Main St, Boston, MA 02108",
    "100 CONGRESS AVENUE, AUSTIN, TEXAS 78701-1234",
]
LIST_REAL = {
    "Carrier": ["AT&T", "Bandwidth", "Verizon Wireless", "Onvoy, LLC"],
    "BTN": ["(617) 555-0101", "617-555-0100", "+44 20 7946 0958"],
    "Account Number": ["A-100", "a100", "00123"],
    "Service Address": ADDRESSES,
    "Authorized Name": ["Dana Reyes", "José Núñez"],
    "Customer Name": ["Acme Dental LLC", "ACME DENTAL, INC."],
    "Title": ["Office Manager"],
    "Transfer PIN": ["1234", ""],
}
# Dates as the platforms write them, and as nobody should.
DATES = [
    "2026-03-02T15:04:05.000Z",
    "2026-03-20T13:00:00.000-04:00",
    "3/5/2026",
    "2026-03-16",
    "9999-12-31",
    "99999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2026-13-45",
    "12/31/9999 23:59",
    "1e308",
    "99999999999",
    "-5",
    "NaT",
    "\x00",
]
REFERENCES = ["SS-617555-ATT-01", "SS-617555-ATT-G1-01", "MG-LOCAL", "ACME-OLD-7", ""]
WTNS = [*NUMBERS, "617-555-0101, 617-555-0102", "6175550101;6175550100", "5124741000.0"]


def _junk_leaf() -> st.SearchStrategy:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(),
        st.sampled_from(HOSTILE),
        st.text(max_size=8),
    )


# JSON of any type: what a platform (or a broken export) might put where text belongs.
JUNK = st.recursive(
    _junk_leaf(),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=6), inner, max_size=3),
    ),
    max_leaves=6,
)


def mostly(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly what ``strategy`` draws, sometimes junk of any type."""
    return st.one_of(strategy, strategy, strategy, JUNK)


def field(real: list) -> st.SearchStrategy:
    """A JSON field: mostly a real value, sometimes junk of any type."""
    return mostly(st.sampled_from(real))


# Columns of no meaning to the command, some named like its outputs' (issue 18 item 13).
OTHERS = ["Notes", "Row", "Number", "Request", "Reason", "Follow up"]


@st.composite
def column_lists(draw, pool: list[str], first: list[str] = ()) -> list[str]:
    """Columns from ``pool`` after ``first``, each once, now and then one twice."""
    columns = [*first, *draw(st.lists(st.sampled_from(pool), max_size=6, unique=True))]
    columns = list(dict.fromkeys(columns))
    if columns and draw(st.integers(0, 5)) == 0:
        columns.append(draw(st.sampled_from(columns)))
    return columns


def _maybe(values: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    return st.fixed_dictionaries({}, optional=values)


# --- CSRs (R1-R9) ---------------------------------------------------------------------


def telnyx_csr() -> st.SearchStrategy:
    admin = _maybe(
        {
            "name": field(LIST_REAL["Customer Name"]),
            "authorized_person_name": field(LIST_REAL["Authorized Name"]),
            "billing_phone_number": field(LIST_REAL["BTN"]),
            "account_number": field(LIST_REAL["Account Number"]),
            "pin_passcode_required": field(["true", True, "no"]),
        }
    )
    address = _maybe(
        {
            "street_address": field(["100 Congress Ave", "1 Main St"]),
            "locality": field(["Austin", "Boston"]),
            "administrative_area": field(["TX", "MA"]),
            "postal_code": field(["78701", "02108", 2108]),
            "full_address": field(ADDRESSES),
        }
    )
    result = _maybe(
        {
            "carrier_name": field(LIST_REAL["Carrier"]),
            "admin": mostly(admin),
            "address": mostly(address),
            "associated_phone_numbers": mostly(st.lists(field(WTNS), max_size=4)),
        }
    )
    record = st.one_of(result, st.fixed_dictionaries({"result": mostly(result)}))
    return st.one_of(
        record,
        st.fixed_dictionaries({"data": record}),
        st.fixed_dictionaries({"data": st.lists(record, max_size=3)}),
        st.lists(record, max_size=3),
        JUNK,
    )


@st.composite
def bandwidth_csr(draw) -> str:
    """Bandwidth ``CsrData`` XML, fields real or hostile, some missing or nested wrong."""

    def element(name: str, real: list[str]) -> str:
        if draw(st.booleans()):
            return ""
        value = draw(
            st.one_of(st.sampled_from(real), st.sampled_from(HOSTILE), st.text(max_size=8))
        )
        return f"<{name}>{escape(value)}</{name}>"

    blocks = []
    for _ in range(draw(st.integers(0, 3))):
        address = "".join(
            [
                element("UnparsedAddress", ["100 Congress Ave", *ADDRESSES]),
                element("HouseNumber", ["100", "x" * 40]),
                element("StreetName", ["Congress"]),
                element("City", ["Austin", "Boston"]),
                element("State", ["TX", "MA", "Texas"]),
                element("Zip", ["78701", "2108", "02108-1234"]),
            ]
        )
        numbers = "".join(
            f"<TelephoneNumber>{escape(draw(st.sampled_from(WTNS + HOSTILE)))}</TelephoneNumber>"
            for _ in range(draw(st.integers(0, 3)))
        )
        blocks.append(
            "<CsrData>"
            + element("AccountNumber", LIST_REAL["Account Number"])
            + element("CustomerName", LIST_REAL["Customer Name"])
            + draw(st.sampled_from([f"<ServiceAddress>{address}</ServiceAddress>", address, ""]))
            + element("WorkingTelephoneNumber", WTNS)
            + draw(
                st.sampled_from(
                    [
                        f"<WorkingTelephoneNumbersOnAccount>{numbers}"
                        "</WorkingTelephoneNumbersOnAccount>",
                        numbers,
                        "",
                    ]
                )
            )
            + "</CsrData>"
        )
    root = draw(st.sampled_from(["CsrResponse", "a:CsrResponse", "Response"]))
    namespace = ' xmlns:a="urn:bw"' if root.startswith("a:") else ""
    return f'<?xml version="1.0"?><{root}{namespace}>{"".join(blocks)}</{root}>'


CSR_SHEET_COLUMNS = [
    "Account Number",
    "Billing Telephone Number",
    "BTN",
    "Customer Name",
    "Authorized Name",
    "Service Address",
    "City",
    "State",
    "ZIP",
    "Passcode Required",
    "PIN",
    "Pending Order",
    "Features",
    "Working Telephone Number",
    "WTN",
    "Phone Number",
]
CSR_SHEET_REAL = {
    **LIST_REAL,
    "Billing Telephone Number": LIST_REAL["BTN"],
    "City": ["Austin", "Boston"],
    "State": ["TX", "MA"],
    "ZIP": ["78701", "2108", "02108"],
    "Passcode Required": ["No", "Yes", "n/a"],
    "PIN": ["", "1234"],
    "Pending Order": ["", "ON-1234", "none"],
    "Features": ["Hunt group", ""],
    "Working Telephone Number": WTNS,
    "WTN": WTNS,
}


# --- status exports (T1) ----------------------------------------------------------------

STATUS_WORDS = {
    "ProcessingStatus": ["FOC", "SUBMITTED", "EXCEPTION", "COMPLETE", "CANCELLED", "DRAFT"],
    "status.value": ["exception", "foc-date-confirmed", "ported", "in-process", "submitted"],
    "Status": ["FOC set", "Submitted", "Exception", "Complete", "Rejected?"],
}
STATUS_WORDS_COLUMN = {"bandwidth": "ProcessingStatus", "telnyx": "status.value", "plain": "Status"}
EXPORT_REAL = {
    **STATUS_WORDS,
    "OrderId": ["8f1c2a40-0001", "1"],
    "PON": REFERENCES,
    "OrderType": ["port_in"],
    "OrderDate": DATES,
    "lastModifiedDate": DATES,
    "RequestedFOCDate": DATES,
    "ActualFOCDate": DATES,
    "BillingTelephoneNumber": WTNS,
    "CountOfTNs": ["50", "-1", "1e9"],
    "LNPLosingCarrierName": LIST_REAL["Carrier"],
    "ErrorCode": ["7518", "E17", "8D"],
    "id": ["f1486bae"],
    "customer_reference": REFERENCES,
    "status.details": ["ACCOUNT_NUMBER_MISMATCH"],
    "created_at": DATES,
    "foc_datetime_actual": DATES,
    "phone_numbers.0.phone_number": WTNS,
    "phone_numbers": ['["+16175550101", "+16175550102"]', *WTNS],
    "Request": REFERENCES,
    "Order Date": DATES,
    "FOC Date": DATES,
    "Note": ["called Friday"],
    "Numbers": WTNS,
    "Reject Code": ["8D", "E17", "22136"],
}
EXPORT_COLUMNS = {
    "bandwidth": [*BANDWIDTH_HEADER, "ErrorCode"],
    "telnyx": [
        "id",
        "customer_reference",
        "status.value",
        "status.details",
        "created_at",
        "foc_datetime_actual",
        "phone_numbers.0.phone_number",
        "phone_numbers",
    ],
    "plain": ["Request", "Status", "Order Date", "FOC Date", "Note", "Numbers", "BTN", "Carrier"],
}


def telnyx_orders() -> st.SearchStrategy:
    status = st.one_of(
        _maybe(
            {
                "value": field(STATUS_WORDS["status.value"]),
                "details": st.one_of(
                    st.lists(
                        _maybe({"code": field(["ACCOUNT_NUMBER_MISMATCH"]), "description": JUNK}),
                        max_size=2,
                    ),
                    JUNK,
                ),
            }
        ),
        JUNK,
    )
    order = _maybe(
        {
            "id": field(["f1486bae"]),
            "customer_reference": field(REFERENCES),
            "status": status,
            "created_at": field(DATES),
            "foc_datetime_actual": field(DATES),
            "phone_numbers": st.one_of(
                st.lists(st.one_of(_maybe({"phone_number": field(WTNS)}), JUNK), max_size=3),
                JUNK,
            ),
        }
    )
    return st.one_of(st.fixed_dictionaries({"data": st.lists(order, max_size=3)}), order, JUNK)


def twilio_requests() -> st.SearchStrategy:
    number = _maybe(
        {
            "phone_number": field(WTNS),
            "port_in_phone_number_status": field(["rejected", "submitted", "completed"]),
            "rejection_reason": field(["Zip code does not match"]),
            "rejection_reason_code": field([22136, "22136"]),
            "port_date": field(DATES),
        }
    )
    request = _maybe(
        {
            "port_in_request_sid": field(["KW0123"]),
            "port_in_request_status": field(["action-required", "in-progress", "completed"]),
            "date_created": field(DATES),
            "target_port_in_date": field(DATES),
            "customer_reference": field(REFERENCES),
            "phone_numbers": mostly(st.lists(st.one_of(number, JUNK), max_size=3)),
        }
    )
    return st.one_of(
        st.fixed_dictionaries({"port_in_requests": st.lists(request, max_size=3)}), request
    )


# --- files ------------------------------------------------------------------------------

# Mostly UTF-8 (most runs should get past the reader), the others now and then.
JSON_FORMS = ["utf-8"] * 6 + ["utf-8-sig", "utf-16", "cp1252", "cut", "empty"]
XML_FORMS = ["utf-8"] * 6 + ["utf-16", "cut", "empty", "entity"]
TABLE_FORMS = ["utf-8|,"] * 3 + ["xlsx"] * 2 + FORMS


def _json_bytes(value: object, form: str) -> bytes:
    if form == "empty":
        return b""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    if form == "cut":
        return text[: len(text) // 2].encode()
    return text.encode(form, errors="replace")


def _xml_bytes(text: str, form: str) -> bytes:
    if form == "empty":
        return b""
    if form == "cut":
        return text[: len(text) // 2].encode()
    if form == "entity":  # an entity declaration: refused (defusedxml)
        return b'<!DOCTYPE x [<!ENTITY e "e">]>' + text.split("?>", 1)[1].encode()
    return text.encode(form, errors="replace")


@st.composite
def csr_files(draw, folder: Path, name: str) -> Path:
    """One CSR in one of its three shapes, written in ``folder``."""
    shape = draw(st.sampled_from(["sheet", "telnyx", "bandwidth"]))
    if shape == "sheet":
        first = draw(st.sampled_from([["Working Telephone Number"], ["Account Number"], []]))
        columns = draw(column_lists(CSR_SHEET_COLUMNS, first))
        table = draw(hostile_tables(columns, CSR_SHEET_REAL, OTHERS))
        note(f"{name}: {table!r}")
        return _write(folder, table, draw(st.sampled_from(TABLE_FORMS)), name)
    if shape == "telnyx":
        data = _json_bytes(draw(telnyx_csr()), draw(st.sampled_from(JSON_FORMS)))
        suffix = draw(st.sampled_from([".json", ".json", ".txt"]))
    else:
        data = _xml_bytes(draw(bandwidth_csr()), draw(st.sampled_from(XML_FORMS)))
        suffix = draw(st.sampled_from([".xml", ".xml", ".txt"]))
    path = folder / f"{name}{suffix}"
    path.write_bytes(data)
    note(f"{path.name}: {data[:3000]!r}")
    return path


@st.composite
def export_files(draw, folder: Path, name: str) -> Path:
    """One status export in one of its shapes, written in ``folder``."""
    shape = draw(st.sampled_from(["bandwidth", "telnyx", "plain", "telnyx json", "twilio json"]))
    if shape.endswith("json"):
        value = draw(telnyx_orders() if shape == "telnyx json" else twilio_requests())
        path = folder / f"{name}.json"
        path.write_bytes(_json_bytes(value, draw(st.sampled_from(JSON_FORMS))))
        note(f"{path.name}: {path.read_bytes()[:3000]!r}")
        return path
    pool = EXPORT_COLUMNS[shape]
    status = STATUS_WORDS_COLUMN[shape]
    first = [status] if draw(st.integers(0, 4)) else []  # mostly with its status column
    columns = draw(column_lists(pool, first))
    table = draw(hostile_tables(columns, EXPORT_REAL, OTHERS))
    note(f"{name}: {table!r}")
    return _write(folder, table, draw(st.sampled_from(TABLE_FORMS)), name)


# --- workbooks edited by hand ---------------------------------------------------------

# Cells of a hand-edited workbook (a plan, an earlier tracker): any type, any text.
SHEET_CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(HOSTILE + DATES + REFERENCES),
    st.text(max_size=8),
)


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Sheets of mixed cells, written as Excel would keep them (control characters
    escaped, numbers as numbers)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    sheet.write_string(r, c, value)  # "=A1" is text typed with a quote
                else:
                    sheet.write(r, c, value)
    book.close()
    return path


@st.composite
def edited_plans(draw, path: Path) -> tuple[Path, list[str] | None]:
    """A plan workbook edited by hand: Requests and Numbers with fuzzed cells; with the
    request ids to expect when each is one non-blank id (None: the plan is refused)."""
    ids = draw(st.lists(st.sampled_from(REFERENCES + ["SS-1", "7", "=A1"]), min_size=1, max_size=4))
    requests = [["Request", "Path", "Carrier", "BTN"]] + [
        [rid, draw(SHEET_CELL), draw(st.sampled_from(LIST_REAL["Carrier"])), draw(SHEET_CELL)]
        for rid in ids
    ]
    numbers = [["Number", "Request"]] + [
        [draw(st.sampled_from(NUMBERS + WTNS)), draw(st.sampled_from(ids))]
        for _ in range(draw(st.integers(1, 5)))
    ]
    _workbook(path, {"Requests": requests, "Numbers": numbers})
    note(f"plan: {requests!r} {numbers!r}")
    usable = all(ids) and len(set(ids)) == len(ids)
    return path, ids if usable else None


@st.composite
def earlier_trackers(draw, path: Path, requests: list[str]) -> Path:
    """An earlier tracker at ``path``, edited by hand: fuzzed statuses, dates, history,
    the agent's own column, requests of the plan and others."""
    pool = requests + REFERENCES
    header = ["Request", "Status", "Order Date", "FOC Date", "SLA Due", "Numbers", "My notes"]
    tracker = [header] + [
        [draw(st.sampled_from(pool)), *(draw(SHEET_CELL) for _ in header[1:])]
        for _ in range(draw(st.integers(0, 4)))
    ]
    history = [["Request", "Old Status", "New Status", "Date", "Order ID", "Platform Status"]]
    history += [[draw(SHEET_CELL) for _ in history[0]] for _ in range(draw(st.integers(0, 3)))]
    _workbook(path, {"Summary": [["x"]], "Tracker": tracker, "Status History": history})
    note(f"earlier tracker: {tracker!r} {history!r}")
    return path
