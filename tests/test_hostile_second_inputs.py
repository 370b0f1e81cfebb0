"""check, loa, track and plan --csr/--loa-dir on generated hostile inputs (issues 18-21).

The customer's list comes from ``test_hostile_files``'s generator (with account columns);
the second inputs are generated here, real values mixed with hostile ones:

- CSRs in their three shapes (R1-R9): an agent's CSV/XLSX with the issue-19 columns
  (duplicated, missing, numbers listed in one cell), Telnyx ``customer_service_record``
  JSON and Bandwidth ``CsrData`` XML;
- status exports (T1): Bandwidth CSV, Telnyx JSON and CSV, Twilio JSON, an agent's CSV.

Values are fuzzed: JSON of the wrong type (numbers for text, lists for objects, nulls,
nested junk), control characters, huge or malformed dates, empty files, other encodings,
cut-off files. Each command runs in-process through ``cli.main.main`` and must:

- exit 0, 1 or 2, never a traceback; every stderr line is ``lnp-excel: ...``;
- write nothing outside its output, change no input, and on exit 2 write nothing;
- account for every request and number of the list where it writes: the Check Summary
  and the Tracker have one row per request of the plan (R1, T1), each planned number is in
  exactly one letter or in an account listed as not ready (L1, L4).

The plan the outputs are compared with is the list planned as ``plan`` plans it (or, for
``track``, the Requests sheet of a plan workbook, generated or edited by hand); ``track``
also updates earlier trackers edited by hand (statuses, dates, history, agent columns).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
import xlsxwriter
from hypothesis import event, given, note, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lnp_excel.cli.main import build_parser, main
from lnp_excel.cli.plan import make_plan
from lnp_excel.core.errors import InputError
from lnp_excel.io.documents.loa import shown_number
from tests.io.test_status_exports import BANDWIDTH_HEADER
from tests.test_hostile_files import FORMS, HOSTILE, NUMBERS, SETTINGS, _write, hostile_tables

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


# --- running and reading back -----------------------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def _planned(source: Path) -> tuple[list[str], set[str]] | None:
    """The list planned as ``plan`` plans it: its request ids and the numbers in them;
    None when planning it is an InputError (the command must then exit 2)."""
    args = build_parser(["plan"]).parse_args(["plan", str(source)])
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            plan, _ = make_plan(args)
        except InputError:
            return None
    numbers = plan.numbers[plan.numbers["request"].astype(str) != ""]
    return list(plan.requests["request"]), set(numbers["number"].astype(str))


def _sheet_column(path: Path, sheet: str, header: str) -> list[str]:
    """The values under ``header`` on ``sheet`` (the header row found by its first cell)."""
    book = load_workbook(path, read_only=True)
    try:
        rows = list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()
    start = next(i for i, row in enumerate(rows) if row and row[0] == header)
    return [str(row[0]) for row in rows[start + 1 :] if row and row[0] is not None]


def _letter_numbers(folder: Path) -> list[set[str]]:
    """The numbers to port of each letter: the first number table after the fields."""
    found = []
    for path in sorted(folder.glob("*.docx")):
        tables = [t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "#"]
        cells = [row.cells for row in tables[0].rows[1:]] if tables else []
        found.append({c.text for row in cells for c in row[1::2] if c.text})
    return found


_NOT_READY = re.compile(r"\((\d[\d,]*) numbers?, [^()]*\): missing ")


def _assert_letters(folder: Path, stderr: str, numbers: set[str]) -> None:
    """L1, L4: each planned number in exactly one letter, or in an account not ready."""
    letters = _letter_numbers(folder)
    shown = {shown_number(n) for n in numbers}
    in_letters = [n for letter in letters for n in letter]
    assert len(in_letters) == len(set(in_letters)), "a number is in two letters"
    assert set(in_letters) <= shown, set(in_letters) - shown
    apart = sum(int(m.group(1).replace(",", "")) for m in _NOT_READY.finditer(stderr))
    assert len(in_letters) + apart == len(numbers), (len(in_letters), apart, len(numbers))


def _run(argv: list[str], base: Path) -> tuple[int, str, Path]:
    """Run ``argv`` from an empty working folder; check the invariants every run keeps."""
    inputs, out, elsewhere = base / "in", base / "out", base / "cwd"
    before, earlier = _digest(inputs), _digest(out)
    stdout, stderr = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(elsewhere)  # a default output would land here: none may
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(argv)
    finally:
        os.chdir(cwd)
    err = stderr.getvalue()
    event(f"exit {code}: {err.splitlines()[0][:70] if code == 2 and err else ''}")
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and ".py:" not in err, err
    assert all(line.startswith("lnp-excel: ") for line in err.splitlines() if line), err
    assert _digest(inputs) == before, "an input changed, or a file was written beside them"
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in base.iterdir()) == ["cwd", "in", "out"]
    assert not [p for p in out.rglob("*") if p.name.startswith(".") or ".tmp" in p.name]
    if code == 2:
        assert err.startswith("lnp-excel: "), err
        assert _digest(out) == earlier, "exit 2 left output behind, or changed it"
    return code, err, out


def _folders(factory: pytest.TempPathFactory) -> Path:
    base = factory.mktemp("hostile2")
    for name in ("in", "out", "cwd"):
        (base / name).mkdir()
    return base


def _list(draw, base: Path) -> Path:
    columns = draw(column_lists(ACCOUNT_COLUMNS, ["Phone Number", "Carrier"]), label="columns")
    table = draw(hostile_tables(columns, LIST_REAL, OTHERS), label="list")
    return _write(base / "in", table, draw(st.sampled_from(TABLE_FORMS), label="list form"))


def _csr_args(draw, base: Path) -> list[str]:
    """``--csr FILE`` for one or two generated CSRs."""
    count = draw(st.integers(1, 2), label="CSRs")
    return [
        a for i in range(count) for a in ("--csr", str(draw(csr_files(base / "in", f"csr{i}"))))
    ]


# --- the properties ---------------------------------------------------------------------

# Each run takes a few tens of milliseconds: 60 examples a command keep the file well under
# a minute. LNP_HOSTILE_EXAMPLES=1000 hunts longer (the crashes fixed with this file were
# found at a few hundred).
EXAMPLES = settings(SETTINGS, max_examples=int(os.environ.get("LNP_HOSTILE_EXAMPLES", 60)))


@EXAMPLES
@given(data=st.data())
def test_check_survives_hostile_lists_and_csrs(
    tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    """R1-R9: exit 0/1 with a Check Summary line per request of the plan, or exit 2."""
    base = _folders(tmp_path_factory)
    source = _list(data.draw, base)
    csr_args = _csr_args(data.draw, base)
    planned = _planned(source)
    output = base / "out" / "check.xlsx"
    code, err, _ = _run(["check", str(source), *csr_args, "-o", str(output)], base)
    if planned is None:
        assert code == 2, "the list cannot be planned, yet check did not refuse it"
    if code == 2:
        return
    summary = _sheet_column(output, "Check Summary", "Request")
    assert sorted(summary) == sorted(planned[0]), "each request of the plan, once"


@EXAMPLES
@given(data=st.data())
def test_loa_survives_hostile_lists_and_csrs(
    tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    """L1, L4: every planned number in one letter or in an account listed as not ready."""
    base = _folders(tmp_path_factory)
    source = _list(data.draw, base)
    csr_args = _csr_args(data.draw, base) if data.draw(st.booleans(), label="with CSR") else []
    planned = _planned(source)
    folder = base / "out" / "letters"
    code, err, _ = _run(["loa", str(source), *csr_args, "-o", str(folder)], base)
    if planned is None:
        assert code == 2
    if code == 2:
        return
    _assert_letters(folder, err, planned[1])


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


@EXAMPLES
@given(data=st.data())
def test_track_survives_hostile_plans_and_exports(
    tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    """T1: exit 0/1 with one Tracker row per request of the plan, or exit 2. The plan is
    the list itself, the workbook ``plan`` wrote of it, or a plan workbook edited by
    hand; the tracker is new, or an earlier one (edited by hand too) that is updated,
    keeping the agent's own column (T5)."""
    base = _folders(tmp_path_factory)
    shape = data.draw(st.sampled_from(["list", "plan", "edited plan"]), label="plan shape")
    if shape == "edited plan":
        source, expected = data.draw(edited_plans(base / "in" / "plan.xlsx"))
    else:
        source = _list(data.draw, base)
        planned = _planned(source)
        expected = None if planned is None else planned[0]
        if planned is not None and shape == "plan":
            workbook = base / "in" / "plan.xlsx"
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                assert main(["plan", str(source), "-o", str(workbook)]) in (0, 1)
            source = workbook
    count = data.draw(st.integers(1, 3), label="exports")
    exports = [str(data.draw(export_files(base / "in", f"export{i}"))) for i in range(count)]
    as_of = data.draw(st.sampled_from([[], ["--as-of", "2026-03-20"], ["--as-of", "2099-12-31"]]))
    output = base / "out" / "tracker.xlsx"
    earlier = data.draw(st.booleans(), label="earlier tracker")
    kept = (
        _sheet_column(data.draw(earlier_trackers(output, expected or [])), "Tracker", "Request")
        if earlier
        else []
    )
    code, err, _ = _run(["track", str(source), *exports, *as_of, "-o", str(output)], base)
    if expected is None:
        assert code == 2
    if code == 2:
        return
    rows = _sheet_column(output, "Tracker", "Request")
    assert sorted(r for r in rows if r in expected) == sorted(expected), "each request once"
    # An earlier tracker's rows of requests no longer planned stay (nothing typed is lost).
    assert {r for r in rows if r not in expected} <= set(kept), rows
    book = load_workbook(output, read_only=True)
    cells = [v for row in book["Tracker"].iter_rows(values_only=True) for v in row]
    header = next(book["Tracker"].iter_rows(values_only=True))
    book.close()
    years = {v.year for v in cells if isinstance(v, dt.date)}
    assert all(1990 <= year <= 2100 for year in years), years  # no date wrapped round
    if earlier:
        assert "My notes" in header, "the agent's own column is kept (T5)"


@EXAMPLES
@given(data=st.data())
def test_plan_with_csr_and_letters_survives_hostile_inputs(
    tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    """plan --csr --export-dir --loa-dir: every row on Numbers, a Check Summary line per
    request, the letters accounted for (P3c, R1, L1, L4)."""
    base = _folders(tmp_path_factory)
    source = _list(data.draw, base)
    csr_args = _csr_args(data.draw, base)
    planned = _planned(source)
    out = base / "out"
    argv = ["plan", str(source), *csr_args, "-o", str(out / "plan.xlsx")]
    argv += ["--export-dir", str(out / "requests"), "--loa-dir", str(out / "letters")]
    code, err, _ = _run(argv, base)
    if planned is None:
        assert code == 2
    if code == 2:
        return
    requests = _sheet_column(out / "plan.xlsx", "Requests", "Request")
    assert sorted(requests) == sorted(planned[0])
    assert sorted(_sheet_column(out / "plan.xlsx", "Check Summary", "Request")) == sorted(requests)
    _assert_letters(out / "letters", err, planned[1])
