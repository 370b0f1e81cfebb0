"""R1-R9 inputs: the three CSR shapes read into one records frame, one row per number."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from lnp_excel.core.errors import InputError
from lnp_excel.io.carrier_csr import CSR_COLUMNS, read_csr_files

TELNYX_RECORD = {
    "id": "c1b2",
    "phone_number": "+15124741001",
    "status": "completed",
    "result": {
        "carrier_name": "AT&T",
        "admin": {
            "name": "Acme Dental LLC",
            "authorized_person_name": "Dana Reyes",
            "billing_phone_number": "+15124741000",
            "account_number": "A-100",
        },
        "address": {
            "street_address": "100 Congress Ave",
            "locality": "Austin",
            "administrative_area": "TX",
            "postal_code": "78701",
            "full_address": "100 Congress Ave, Austin, TX 78701",
        },
        "associated_phone_numbers": ["+15124741000", "+15124741001", "+15124741002"],
    },
}

BANDWIDTH_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CsrResponse>
  <OrderId>18f4</OrderId>
  <AccountNumber>ignored-request-value</AccountNumber>
  <Status>COMPLETE</Status>
  <CsrData>
    <AccountNumber>B-7</AccountNumber>
    <CustomerName>ACME DENTAL</CustomerName>
    <ServiceAddress>
      <UnparsedAddress>9 ELM STREET</UnparsedAddress>
      <City>AUSTIN</City>
      <State>TX</State>
      <Zip>78702</Zip>
    </ServiceAddress>
    <WorkingTelephoneNumber>5124741004</WorkingTelephoneNumber>
    <WorkingTelephoneNumbersOnAccount>
      <TelephoneNumber>5124741004</TelephoneNumber>
      <TelephoneNumber>5124742000</TelephoneNumber>
    </WorkingTelephoneNumbersOnAccount>
  </CsrData>
</CsrResponse>
"""


def test_telnyx_record_in_every_envelope(tmp_path: Path) -> None:
    """Telnyx's published fields; a record, {"data": {...}} and {"data": [...]} alike."""
    for name, payload in (
        ("one.json", TELNYX_RECORD),
        ("wrapped.json", {"data": TELNYX_RECORD}),
        ("listed.json", {"data": [TELNYX_RECORD]}),
    ):
        (tmp_path / name).write_text(json.dumps(payload), encoding="utf-8")
        frame = read_csr_files([tmp_path / name])
        assert list(frame.columns) == list(CSR_COLUMNS)
        assert frame["number"].tolist() == ["5124741000", "5124741001", "5124741002"]
        first = frame.iloc[0]
        assert first["source"] == name and first["carrier"] == "AT&T"
        assert first["account_number"] == "A-100" and first["btn"] == "+15124741000"
        assert first["customer_name"] == "Acme Dental LLC"
        assert first["authorized_name"] == "Dana Reyes"
        assert (first["street"], first["city"], first["state"], first["zip"]) == (
            "100 Congress Ave",
            "Austin",
            "TX",
            "78701",
        )
        assert first["service_address"] == "100 Congress Ave, Austin, TX 78701"
        assert not first["pin_required"] and first["pending_order"] == ""


def test_bandwidth_csr_data(tmp_path: Path) -> None:
    """Bandwidth's CsrData: the record's fields, never the request's beside it."""
    path = tmp_path / "bw.xml"
    path.write_text(BANDWIDTH_XML, encoding="utf-8")
    frame = read_csr_files([path])
    assert frame["number"].tolist() == ["5124741004", "5124742000"]
    assert set(frame["account_number"]) == {"B-7"}
    assert frame.iloc[0]["customer_name"] == "ACME DENTAL"
    assert frame.iloc[0]["service_address"] == "9 ELM STREET, AUSTIN, TX 78702"
    assert frame.iloc[0]["btn"] == "" and frame.iloc[0]["authorized_name"] == ""


def test_agent_sheet_several_accounts_under_a_title(tmp_path: Path) -> None:
    """An agent's CSV: title row, numbers one per row and as a list, two accounts, the
    account fields on the first row only; numbers typed any way (N1)."""
    path = tmp_path / "csr.csv"
    path.write_text(
        "CSR from AT&T, pulled 2027-03-01\n"
        "Account Number,BTN,Customer Name,Authorized Name,Service Address,Passcode Required,"
        "Pending Order,Features,Working Telephone Number\n"
        'A-100,512-474-1000,"Acme Dental, LLC",Dana Reyes,"100 Congress Ave, Austin, TX 78701",'
        "no,,,(512) 474-1000\n"
        ",,,,,,,,512.474.1001\n"
        'B-7,5124742000,Acme Dental,Lee Park,"9 Elm St, Austin, TX 78702",yes,'
        'Order 55 (move),Hunt group,"5124742000, 512-474-1004; 5124741004"\n',
        encoding="utf-8",
    )
    frame = read_csr_files([path])
    assert frame.groupby("account_number")["number"].apply(list).to_dict() == {
        "A-100": ["5124741000", "5124741001"],
        "B-7": ["5124742000", "5124741004"],
    }
    b7 = frame[frame["account_number"] == "B-7"].iloc[0]
    assert b7["pin_required"] and b7["pending_order"] == "Order 55 (move)"
    assert b7["features"] == "Hunt group" and b7["city"] == "Austin"
    assert not frame[frame["account_number"] == "A-100"]["pin_required"].any()


def test_split_address_columns_and_account_without_numbers(tmp_path: Path) -> None:
    """Address in Street/City/State/ZIP columns; an account listing no number keeps a
    row with number "" so the check still compares its fields."""
    path = tmp_path / "csr.xlsx"
    pd.DataFrame(
        {
            "Account Number": ["Z9"],
            "Billing Telephone Number": [5124749000],
            "Street": ["1 Main St"],
            "City": ["Austin"],
            "State": ["TX"],
            "ZIP": ["78701"],
            "PIN": ["4321"],
        }
    ).to_excel(path, index=False)
    frame = read_csr_files([path])
    assert len(frame) == 1 and frame.iloc[0]["number"] == ""
    assert frame.iloc[0]["service_address"] == "1 Main St, Austin, TX 78701"
    assert frame.iloc[0]["btn"] == "5124749000" and frame.iloc[0]["pin_required"]


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("bad.json", '{"data": [1, 2', "not valid JSON"),
        ("bad.xml", "<CsrResponse><CsrData>", "not valid XML"),
        ("other.xml", "<Order><Id>1</Id></Order>", "no CsrData"),
        ("other.json", '{"data": {"id": 1}}', "not a Telnyx customer service record"),
        ("empty.csv", "Notes\nnothing here\n", "no header row"),
        ("names.csv", "Customer Name,Notes\nAcme,x\n", "no working numbers"),
        ("bomb.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "not valid XML"),
    ],
)
def test_unusable_csr_names_the_file(tmp_path: Path, name: str, text: str, said: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_csr_files([path])
    assert said in str(caught.value) and name in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_a_telnyx_csr_saved_by_a_windows_tool_is_read(tmp_path: Path, encoding: str) -> None:
    """R1: a CSR JSON saved as UTF-16 (PowerShell's ``>``) or "ANSI" reads like a UTF-8
    one; it was refused with a codec error (found by the hostile-input property test)."""
    record = {
        "carrier_name": "Verizon Wireless",
        "admin": {"name": "Café Ñandú LLC", "account_number": "880012"},
        "associated_phone_numbers": ["+15124741006"],
    }
    path = tmp_path / "csr.json"
    path.write_bytes(json.dumps({"data": record}, ensure_ascii=False).encode(encoding))
    frame = read_csr_files([path])
    assert frame[["customer_name", "account_number", "number"]].values.tolist() == [
        ["Café Ñandú LLC", "880012", "5124741006"]
    ]


def test_an_empty_csr_json_is_said_to_be_empty(tmp_path: Path) -> None:
    path = tmp_path / "csr.json"
    path.write_bytes(b"  \r\n")
    with pytest.raises(InputError, match=r"the file is empty \(file csr.json"):
        read_csr_files([path])


def test_a_plan_given_as_the_csr_is_refused(tmp_path: Path) -> None:
    """R1: the plan workbook given by mistake to --csr matched its own requests (its
    Requests sheet has their BTN, account and numbers) and the check said no request
    would be rejected (found fuzzing issue 19's inputs). It is refused, naming it."""
    from lnp_excel.cli.main import main

    listed = tmp_path / "list.csv"
    listed.write_text("Phone Number,Carrier,BTN\n5124741006,AT&T,5124741006\n", encoding="utf-8")
    plan = tmp_path / "plan.xlsx"
    assert main(["plan", str(listed), "-o", str(plan)]) == 0
    with pytest.raises(InputError, match=r"this is the plan lnp-excel wrote, not a carrier's CSR"):
        read_csr_files([plan])
