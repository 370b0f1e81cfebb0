"""P3a, P3b, P3c, N2a on real-looking customer lists, written as CSV and xlsx and read back:
BTN, account and address columns, carrier spelling variants, wireless carriers, the
request files a bulk upload takes, and the extension column."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from lnp_excel.core.numbers.engine import normalize_with_keys
from lnp_excel.core.plan import Plan, plan_ports
from lnp_excel.core.plan.accounts import find_account_columns, read_accounts
from lnp_excel.core.plan.requests import Grouping, read_carriers
from lnp_excel.core.plan.tables import numbers_frame
from lnp_excel.core.settings import Settings
from lnp_excel.io.plan_report import EXPORT_HEADERS, NOT_READY, export_requests, write_plan
from lnp_excel.io.tables import read_table

HEADER = [
    "Phone Number",
    "Current Carrier",
    "BTN",
    "Account #",
    "Service Address",
    "Authorized Name",
    "Transfer PIN",
    "Notes",
]
HQ = "100 Congress Ave, Austin, TX 78701"
ROWS = [
    # One account at HQ: three carrier spellings, BTN and address written three ways.
    ["(512) 474-1001", "AT&T Corp", "512-474-1000", "A-100", HQ, "Dana Reyes", "", "main"],
    ["512.474.1002", "AT&T", "5124741000", "a100", "100 CONGRESS AVENUE, AUSTIN, TX, 78701-1234"],
    ["+1 512 474 1003", "AT&T Inc.", "(512) 474-1000", "A100", HQ, "", "", "fax"],
    # The warehouse: same exchange and carrier, another account: its own request (P3a).
    ["512-474-1004", "AT&T", "512-474-2000", "B-7", "9 Elm St, Austin, TX 78702", "Lee Park"],
    ["512-474-1005", "AT&T", "", "A-100", HQ, "", "", "BTN unknown"],  # flagged
    # Wireless: two spellings of Verizon Wireless, account and transfer PIN given.
    ["512-474-1006", "Verizon Wireless", "5124741006", "880012", HQ, "Dana Reyes", "4321"],
    ["512-474-1007", "Cellco Partnership", "5124741006", "880012", HQ, "", "4321"],
    ["512-474-1008", "ATT Corp", "5124741000", "A-100", HQ],  # close to AT&T, not merged
    ["512-474-1009", "", "5124741000", "A-100", HQ],  # unknown carrier: not ready
]


def write_csv_list(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Acme Dental - numbers to port"])
        writer.writerow(HEADER)
        for row in ROWS:
            writer.writerow(row + [""] * (len(HEADER) - len(row)))
    return path


def plan_file(path: Path) -> Plan:
    table = read_table(path)
    return plan_ports(table.frame, submit_date=dt.date(2026, 12, 1))


def rows_of(path: Path, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if any(r)]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def csv_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, Path, Path]:
    folder = tmp_path_factory.mktemp("accounts")
    plan = plan_file(write_csv_list(folder / "acme.csv"))
    workbook = write_plan(plan, folder / "plan.xlsx")
    export_requests(plan, folder / "requests")
    return plan, workbook, folder / "requests"


def test_one_request_per_account_with_the_fewest_requests(
    csv_plan: tuple[Plan, Path, Path],
) -> None:
    """P3a: one BTN, account and service address per self-service request, however
    written; P3b: the spellings of AT&T and of Verizon Wireless are one carrier each."""
    plan, workbook, _ = csv_plan
    requests = {r["Request"]: r for r in rows_of(workbook, "Requests")}
    numbers = rows_of(workbook, "Numbers")
    members: dict[str, list[str]] = {}
    for row in numbers:
        members.setdefault(row["Request"], []).append(row["Number"])
    hq = {"5124741001", "5124741002", "5124741003"}
    by_content = {frozenset(v): k for k, v in members.items()}
    main = requests[by_content[frozenset(hq)]]
    assert (main["Carrier"], main["BTN"], main["Account Number"]) == (
        "AT&T",
        "512-474-1000",
        "A-100",
    )
    assert main["Service Address"] == HQ and main["Authorized Name"] == "Dana Reyes"
    assert requests[by_content[frozenset({"5124741004"})]]["Account Number"] == "B-7"
    wireless = requests[by_content[frozenset({"5124741006", "5124741007"})]]
    assert wireless["Carrier"] == "Verizon Wireless" and wireless["PIN"] == "4321"
    assert "account number and transfer PIN" in wireless["Notes"]
    # Blank BTN, "ATT Corp" and the unknown carrier are three more requests: 6 in all.
    assert len(requests) == 6 == len(plan.requests)


def test_rows_missing_a_field_are_flagged(csv_plan: tuple[Plan, Path, Path]) -> None:
    """P3a: the list has a BTN column, so a blank BTN is flagged on the row and request."""
    _, workbook, _ = csv_plan
    numbers = {r["Number"]: r for r in rows_of(workbook, "Numbers")}
    assert numbers["5124741005"]["Missing"] == "BTN"
    assert all(not r["Missing"] for n, r in numbers.items() if n != "5124741005")
    request = next(r for r in rows_of(workbook, "Requests") if r["Missing Details"])
    assert request["Missing Details"] == 1 and "missing a BTN" in request["Notes"]


def test_numbers_sheet_keeps_every_input_column(csv_plan: tuple[Plan, Path, Path]) -> None:
    """P3c: every column of the list as given, then the plan's; the customer's carrier
    spelling stays beside the directory's name."""
    _, workbook, _ = csv_plan
    numbers = rows_of(workbook, "Numbers")
    header = list(numbers[0])
    assert header[: len(HEADER) + 1] == ["Row", *HEADER]
    assert header[len(HEADER) + 1 : len(HEADER) + 3] == ["Number", "Extension"]
    first = numbers[0]
    assert first["Current Carrier"] == "AT&T Corp" and first["Carrier"] == "AT&T"
    assert first["Notes"] == "main" and first["Row"] == 3


def test_checklist_names_wireless_and_suggested_carriers(
    csv_plan: tuple[Plan, Path, Path],
) -> None:
    """P3b: a transfer PIN line per wireless carrier; "ATT Corp looks like AT&T"."""
    _, workbook, _ = csv_plan
    items = {r["Item"]: r for r in rows_of(workbook, "Checklist")}
    assert items["Account number and transfer PIN: Verizon Wireless"]["Rule"] == "P3b"
    suggestion = items["Carrier name to confirm: ATT Corp"]
    assert "ATT Corp looks like AT&T: add it as an alias?" in suggestion["Detail"]
    assert [k for k in items if k.startswith("CSR from")] == [
        "CSR from AT&T",
        "CSR from ATT Corp",
        "CSR from Verizon Wireless",
    ]


def test_request_files_hold_the_port_form_and_unknown_carriers_apart(
    csv_plan: tuple[Plan, Path, Path],
) -> None:
    """P3c: the form's columns per number; the unknown carrier's request in not_ready/."""
    plan, _, folder = csv_plan
    ready = sorted(folder.glob("*.csv"))
    held = sorted((folder / NOT_READY).glob("*.csv"))
    assert len(ready) == 5 and len(held) == 1
    (unknown,) = held
    assert [r["Phone Number"] for r in read_csv(unknown)] == ["5124741009"]
    hq = next(f for f in ready if len(read_csv(f)) == 3)
    lines = read_csv(hq)
    assert list(lines[0]) == list(EXPORT_HEADERS.values())
    assert [line["Phone Number"] for line in lines] == ["5124741001", "5124741002", "5124741003"]
    for line in lines:
        assert (line["BTN"], line["Account Number"], line["Authorized Name"]) == (
            "512-474-1000",
            "A-100",
            "Dana Reyes",
        )
        parts = (line["Street"], line["City"], line["State"], line["ZIP"])
        assert parts == ("100 Congress Ave", "Austin", "TX", "78701")


def test_xlsx_list_with_street_city_state_zip_columns(tmp_path: Path) -> None:
    """An xlsx list with the address in four columns and the BTN stored as a number."""
    path = tmp_path / "harbor.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Number", "Carrier", "Billing Telephone Number", "Account", "Street", "City"])
    ws.cell(1, 7, "State")
    ws.cell(1, 8, "Zip Code")
    data = [
        (6177221100, "Comcast Business Communications, LLC", 6177221100, "88-1", "1 Main St"),
        (6177221101, "Comcast Business", "617-722-1100", "881", "1 MAIN STREET"),
        (6177221102, "comcast business", 6177221100, "88-1", ""),
        (6177221103, "T-Mobile USA, Inc.", 6177229999, "TM-5", "1 Main St"),
    ]
    for values in data:
        ws.append([*values, "Boston", "MA", "02110"])
    wb.save(path)
    plan = plan_file(path)
    requests = plan.requests.set_index("first_number")
    comcast = requests.loc["6177221100"]
    assert (comcast["carrier"], comcast["count"], comcast["btn"]) == (
        "Comcast Business",
        2,
        "6177221100",
    )
    assert comcast["service_address"] == "1 Main St, Boston, MA 02110"
    assert plan.numbers.loc[4, "missing"] == "service address"  # no street on that row
    assert "wireless" in requests.loc["6177221103", "notes"]
    written = export_requests(plan, tmp_path / "out")
    lines = next(read_csv(p) for p in written if read_csv(p)[0]["Phone Number"] == "6177221100")
    assert [line["Phone Number"] for line in lines] == ["6177221100", "6177221101"]
    line = lines[0]
    assert (line["Street"], line["City"], line["State"], line["ZIP"]) == (
        "1 Main St",
        "Boston",
        "MA",
        "02110",
    )


def test_lists_without_request_fields_plan_as_before() -> None:
    """No BTN, account or address column: no account split, no Missing column values."""
    frame = pd.DataFrame({"TN": ["2127361001", "2127361002"], "Carrier": ["AT&T", "AT&T"]})
    plan = plan_ports(frame, submit_date=dt.date(2026, 12, 1))
    assert plan.account_columns == {} and len(plan.requests) == 1
    assert (plan.numbers["missing"] == "").all() and (plan.requests["btn"] == "").all()


def test_extension_column_reaches_the_numbers_frame() -> None:
    """N2a planner side, on a verdict frame that has the engine's ``extension`` column
    (read with ``verdicts.get``, so plans work before and after the engine has it)."""
    frame = pd.DataFrame({"Phone": ["(415) 555-0132", "415-555-0133"], "Carrier": ["Cox", "Cox"]})
    verdicts, _, _ = normalize_with_keys(frame["Phone"], "US")
    one = np.zeros(1, dtype=np.int64)
    grouping = Grouping(
        row_request=np.array([0, 0]),
        ids=("SS-415555-COX-01",),
        path=one,
        kind=one,
        npa_code=one,
        carrier=one,
        count=np.array([2]),
        first_row=one,
        last_row=np.array([1]),
        order=np.array([0, 1]),
        starts=one,
    )
    carriers = read_carriers(frame["Carrier"], 2, Settings())
    accounts = read_accounts(frame, find_account_columns(frame, ["Phone", "Carrier"]), 2)
    path = np.zeros(2, dtype=np.int64)
    without = numbers_frame(verdicts, carriers, grouping, path, accounts)
    assert without["extension"].tolist() == ["", ""]
    with_ext = numbers_frame(
        verdicts.assign(extension=["12", ""]), carriers, grouping, path, accounts
    )
    assert with_ext["extension"].tolist() == ["12", ""]


def test_numbers_with_an_extension_are_planned(tmp_path: Path) -> None:
    """N2a: "(415) 555-0132 x12" is planned; the extension has its own column."""
    path = tmp_path / "pbx.csv"
    path.write_text("DID,Carrier\n(415) 555-0132 x12,Cox\n415-555-0133 ext 204,Cox\n", "utf-8")
    plan = plan_file(path)
    assert plan.numbers["request"].ne("").all()
    assert plan.numbers["extension"].tolist() == ["12", "204"]
    (written,) = export_requests(plan, tmp_path / "out")
    assert [r["Extension"] for r in read_csv(written)] == ["12", "204"]


@pytest.mark.parametrize("header", ["Customer Name", "Business Name", "Company", "End User Name"])
def test_customer_name_is_carried_to_the_request_and_its_file(tmp_path: Path, header: str) -> None:
    """P3c, R4, L2: the end user's or business name a carrier checks rides with the request,
    whatever the list calls it, into the Requests sheet and the upload file."""
    path = tmp_path / "list.csv"
    pd.DataFrame(
        {
            "Phone Number": ["212-736-1001", "212-736-1002", "212-555-0100"],
            "Carrier": ["AT&T", "AT&T", "AT&T"],
            "Account Number": ["A1", "A1", "Z9"],
            header: ["", "Café Olé LLC", "Other Co"],
        }
    ).to_csv(path, index=False)
    plan = plan_file(path)
    workbook = write_plan(plan, tmp_path / "plan.xlsx")
    by_account = {r["Account Number"]: r for r in rows_of(workbook, "Requests")}
    assert by_account["A1"]["Customer Name"] == "Café Olé LLC"
    assert by_account["Z9"]["Customer Name"] == "Other Co"
    export_requests(plan, tmp_path / "requests")
    files = sorted((tmp_path / "requests").glob("*.csv"))
    names = {row["Customer Name"] for f in files for row in read_csv(f)}
    assert names == {"Café Olé LLC", "Other Co"}


def test_a_zip_excel_made_a_number_is_requested_with_its_zeros(tmp_path: Path) -> None:
    """C4a, P3c: in an .xlsx the ZIP 02108 is stored as the number 2108; the request, its
    upload file and the account key carry 02108 (what the carrier has, 8D), in split
    columns as in one-line addresses. A short ZIP of another state is left as given."""
    path = tmp_path / "boston.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Phone Number", "Carrier", "Street", "City", "State", "ZIP"])
    sheet.append(["617-555-0101", "Verizon", "1 Main St", "Boston", "MA", 2108])
    sheet.append(["617-555-0102", "Verizon", "1 Main St", "Boston", "MA", "02108"])
    sheet.append(["512-555-0103", "Verizon", "9 Elm St", "Austin", "TX", 2108])
    book.save(path)
    plan = plan_file(path)
    by_exchange = plan.requests.set_index("npa_nxx")["service_address"]
    assert by_exchange["617555"] == "1 Main St, Boston, MA 02108"  # one request: one address
    assert by_exchange["512555"] == "9 Elm St, Austin, TX 2108"  # not TX's: not padded
    export_requests(plan, tmp_path / "requests")
    (boston,) = (tmp_path / "requests").glob("SS-617555-*.csv")
    assert {row["ZIP"] for row in read_csv(boston)} == {"02108"}

    one_line = pd.DataFrame(
        {
            "Phone Number": ["617-555-0101", "617-555-0102"],
            "Carrier": ["Verizon", "Verizon"],
            "Service Address": ["1 Main St, Boston, MA 2108", "1 Main St, Boston, MA 02108"],
        }
    )
    requests = plan_ports(one_line, submit_date=dt.date(2026, 12, 1)).requests
    assert requests["service_address"].tolist() == ["1 Main St, Boston, MA 02108"]
