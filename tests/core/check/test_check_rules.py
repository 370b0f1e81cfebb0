"""R1-R9: each request against the CSR, compared as the carrier would, never stricter.

CSRs are real files written with the platforms' published field names (Telnyx JSON) or an
agent's columns (CSV), read by ``io.carrier_csr``; the lists are plain DataFrames.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from lnp_excel.core.check import check_requests
from lnp_excel.io.carrier_csr import read_csr_files

SUBMIT = "2027-03-03"
ADDRESS = ("100 Congress Ave", "Austin", "TX", "78701")
NUMBERS = ["+15124741000", "+15124741001", "+15124741002"]


def telnyx_csr(tmp_path: Path, **changes: object) -> pd.DataFrame:
    """A Telnyx customer_service_record (its published fields), read back."""
    street, city, state, zip_code = changes.pop("address", ADDRESS)
    admin = {
        "name": "Acme Dental LLC",
        "authorized_person_name": "Dana Reyes",
        "billing_phone_number": "+15124741000",
        "account_number": "A-100",
    }
    admin.update({k: v for k, v in changes.items() if k in admin})
    record = {
        "carrier_name": changes.get("carrier", "AT&T"),
        "admin": admin,
        "address": {
            "street_address": street,
            "locality": city,
            "administrative_area": state,
            "postal_code": zip_code,
        },
        "associated_phone_numbers": changes.get("numbers", NUMBERS),
    }
    path = tmp_path / "telnyx_csr.json"
    path.write_text(json.dumps({"data": [record]}), encoding="utf-8")
    return read_csr_files([path])


def customer_list(numbers: list[str] | None = None, **columns: object) -> pd.DataFrame:
    """The customer's list: the same account as the CSR unless a column says otherwise."""
    numbers = numbers or ["512-474-1000", "512-474-1001", "512-474-1002"]
    base = {
        "Phone Number": numbers,
        "Carrier": "AT&T",
        "BTN": "512-474-1000",
        "Account Number": "A-100",
        "Service Address": "100 Congress Ave, Austin, TX 78701",
        "Customer Name": "Acme Dental LLC",
        "Authorized Name": "Dana Reyes",
    }
    base.update(columns)
    frame = pd.DataFrame(base)
    frame.index = range(2, len(frame) + 2)
    return frame


def coded(check) -> set[tuple[str, str]]:  # noqa: ANN001
    """(code, severity) of every finding that is not information."""
    found = check.findings[check.findings["severity"] != "info"]
    return set(zip(found["code"], found["severity"], strict=True))


def test_same_account_written_another_way_has_no_finding(tmp_path: Path) -> None:
    """R1-R5, C4b: account without dashes or case, BTN in another format, the address
    spelled out with ZIP+4, the name without punctuation or legal suffix: no finding."""
    check = check_requests(
        customer_list(
            BTN="+1 (512) 474-1000",
            **{
                "Account Number": "a 100",
                "Service Address": "100 CONGRESS AVENUE, AUSTIN, TEXAS, 78701-1234",
                "Customer Name": "ACME DENTAL, L.L.C.",
                "Authorized Name": "dana reyes",
            },
        ),
        telnyx_csr(tmp_path),
        submit_date=SUBMIT,
    )
    assert coded(check) == set()
    assert check.rejected == []
    assert check.summary.iloc[0]["matched_by"] == "numbers"
    # R8: every number on the account ports, so the account closes: said, not rejected.
    full = check.findings[check.findings["field"] == "Account"]
    assert "closes" in full.iloc[0]["fix"] and full.iloc[0]["rule"] == "R8"


def test_r1_account_number_differs(tmp_path: Path) -> None:
    check = check_requests(
        customer_list(**{"Account Number": "A-101"}), telnyx_csr(tmp_path), submit_date=SUBMIT
    )
    row = check.findings[check.findings["code"] == "E17"].iloc[0]
    assert (row["ours"], row["csr"], row["severity"], row["rule"]) == (
        "A-101",
        "A-100",
        "reject",
        "R1",
    )
    assert check.rejected == check.summary["request"].tolist()


def test_r2_btn_differs_by_its_digits(tmp_path: Path) -> None:
    check = check_requests(customer_list(BTN="512-474-1001"), telnyx_csr(tmp_path))
    assert coded(check) == {("E14", "reject")}


def test_r3_street_zip_and_unit(tmp_path: Path) -> None:
    """R3: another street is E1, another ZIP is 8D (5 digits), a unit on one side only
    is a warning."""
    street = check_requests(
        customer_list(**{"Service Address": "102 Congress Ave, Austin, TX 78701"}),
        telnyx_csr(tmp_path),
    )
    assert coded(street) == {("E1", "reject")}
    zip_only = check_requests(
        customer_list(**{"Service Address": "100 Congress Ave, Austin, TX 78702"}),
        telnyx_csr(tmp_path),
    )
    assert coded(zip_only) == {("8D", "reject")}
    unit = check_requests(
        customer_list(**{"Service Address": "100 Congress Ave Suite 200, Austin, TX 78701"}),
        telnyx_csr(tmp_path),
    )
    assert coded(unit) == {("E1", "warning")}
    assert "only the request gives the unit" in unit.findings.iloc[0]["fix"]


def test_r4_r5_names_are_warnings(tmp_path: Path) -> None:
    check = check_requests(
        customer_list(**{"Customer Name": "Acme Smiles Inc", "Authorized Name": "Lee Park"}),
        telnyx_csr(tmp_path),
    )
    assert coded(check) == {("E10", "warning"), ("E10a", "warning")}
    assert check.rejected == []
    accents = check_requests(
        customer_list(**{"Customer Name": "ACME DÉNTAL, LLC", "Authorized Name": "Dána Réyes"}),
        telnyx_csr(tmp_path),
    )
    assert coded(accents) == set()  # a record without the accents is the same name


def test_r6_pin_required_by_csr_or_wireless(tmp_path: Path) -> None:
    """R6: the CSR says a passcode is required (8C), or the carrier is wireless (E42,
    P3b); a request with a PIN passes."""
    path = tmp_path / "csr.csv"
    path.write_text(
        "Account Number,BTN,Service Address,Passcode Required,Working Telephone Number\n"
        'A-100,5124741000,"100 Congress Ave, Austin, TX 78701",Yes,"5124741000, 5124741001"\n',
        encoding="utf-8",
    )
    csr = read_csr_files([path])
    listed = customer_list(["5124741000", "5124741001"])
    listed = listed[["Phone Number", "Carrier", "BTN", "Account Number", "Service Address"]]
    assert coded(check_requests(listed, csr)) == {("8C", "reject")}
    assert coded(check_requests(listed.assign(PIN="2468"), csr)) == set()
    wireless = telnyx_csr(tmp_path, carrier="Verizon Wireless")
    check = check_requests(customer_list(Carrier="Verizon Wireless"), wireless)
    assert ("E42", "reject") in coded(check)


def test_r7_number_not_on_the_account(tmp_path: Path) -> None:
    """R7: a number the account does not list is E27, by number; one another CSR lists
    is named with that account."""
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps(
            {
                "carrier_name": "AT&T",
                "admin": {"account_number": "Z-9", "billing_phone_number": "5124749000"},
                "associated_phone_numbers": ["+15124749000", "+15124741009"],
            }
        ),
        encoding="utf-8",
    )
    csr = pd.concat([telnyx_csr(tmp_path), read_csr_files([other])], ignore_index=True)
    listed = customer_list(["512-474-1000", "512-474-1001", "512-474-1002", "512-474-1007",
                            "512-474-1009"])  # fmt: skip
    check = check_requests(listed, csr)
    e27 = check.findings[check.findings["code"] == "E27"].set_index("number")
    assert sorted(e27.index) == ["5124741007", "5124741009"]
    assert e27.loc["5124741007", "csr"] == "not on the account"
    assert "Z-9" in e27.loc["5124741009", "csr"] and "Z-9" in e27.loc["5124741009", "fix"]
    assert set(e27["rule"]) == {"R7"}


def test_r8_partial_port_of_the_btn(tmp_path: Path) -> None:
    """R8: the BTN ports while a number stays: E6h (a new BTN), and the staying number is
    listed; porting the others without the BTN only lists what stays."""
    csr = telnyx_csr(tmp_path)
    with_btn = check_requests(customer_list(["512-474-1000", "512-474-1001"]), csr)
    assert coded(with_btn) == {("E6h", "reject")}
    staying = with_btn.findings[with_btn.findings["field"] == "Numbers Staying"].iloc[0]
    assert staying["csr"] == "5124741002" and staying["rule"] == "R8"
    without = check_requests(customer_list(["512-474-1001", "512-474-1002"]), csr)
    assert coded(without) == set()
    assert "5124741000" in without.findings["csr"].tolist()


def test_r9_pending_order_and_features(tmp_path: Path) -> None:
    """R9: a pending order rejects (E19); hunt group and DSL warn with their codes."""
    path = tmp_path / "csr.csv"
    path.write_text(
        "Account Number,BTN,Pending Order,Features,WTN\n"
        'A-100,5124741000,Move order 5531,"Hunt group; DSL",5124741000\n'
        ",,,,5124741001\n,,,,5124741002\n",
        encoding="utf-8",
    )
    check = check_requests(customer_list(), read_csr_files([path]))
    assert coded(check) == {("E19", "reject"), ("E6b", "warning"), ("E25", "warning")}
    assert set(check.findings.loc[check.findings["code"] != "", "rule"]) >= {"R9"}


def test_fields_the_csr_lacks_are_not_checked(tmp_path: Path) -> None:
    """A field the CSR does not have is not compared, and the finding says so; a request
    no CSR matches is not checked at all. Nothing is guessed."""
    path = tmp_path / "bw.xml"
    path.write_text(
        "<CsrResponse><CsrData><AccountNumber>A-100</AccountNumber>"
        "<CustomerName>ACME DENTAL</CustomerName></CsrData></CsrResponse>",
        encoding="utf-8",
    )
    check = check_requests(customer_list(), read_csr_files([path]))
    assert check.summary.iloc[0]["matched_by"] == "account number"
    said = check.findings.set_index("field")["fix"]
    for field in ("BTN", "Service Address", "Authorized Name", "Number"):
        assert said[field].startswith("not checked"), field
    assert coded(check) == set()
    unmatched = check_requests(customer_list(["212-736-1234"], **{"Account Number": "Q"}),
                               read_csr_files([path]))  # fmt: skip
    assert unmatched.findings.iloc[0]["fix"].startswith("no CSR matches")
    assert unmatched.summary.iloc[0]["summary"] == "not checked: no CSR matches"


def test_a_list_without_the_field_uses_the_csr(tmp_path: Path) -> None:
    """P3c: a field the list has no column for is information, never a rejection."""
    listed = customer_list()[["Phone Number", "Carrier"]]
    check = check_requests(listed, telnyx_csr(tmp_path))
    assert coded(check) == set()
    assert "Account Number" in set(check.findings["field"])


def test_records_with_numbers_typed_as_numbers(tmp_path: Path) -> None:
    """A records frame made in Python may hold numbers as numbers: read as their text."""
    csr = telnyx_csr(tmp_path, account_number="100200")
    typed = csr.assign(account_number=100200, btn=5124741000)
    check = check_requests(customer_list(**{"Account Number": "100-200"}), typed)
    assert coded(check) == set()


def test_an_account_that_lost_its_leading_zeros_is_a_warning_not_a_rejection(
    tmp_path: Path,
) -> None:
    """R1, never stricter than the carrier: the list says 00123 and the pasted CSR 123
    (Excel dropped the zeros of one of them): a warning to check the bill, not a predicted
    E17; other digits are still a rejection."""
    csr = telnyx_csr(tmp_path, account_number="123")
    zeros = check_requests(customer_list(**{"Account Number": "00123"}), csr, submit_date=SUBMIT)
    assert coded(zeros) == {("E17", "warning")}
    assert not zeros.rejected
    other = check_requests(customer_list(**{"Account Number": "00124"}), csr, submit_date=SUBMIT)
    assert coded(other) == {("E17", "reject")}


def test_an_excel_error_in_a_pasted_csr_is_not_a_value(tmp_path: Path) -> None:
    """R9, "nothing is guessed": a Carrier CSR sheet whose Pending Order cell holds #N/A
    (a lookup that failed) predicts no pending order (E19); the field is simply unknown."""
    path = tmp_path / "csr.csv"
    path.write_text(
        "Account Number,BTN,Customer Name,Service Address,Pending Order,Working Telephone Number\n"
        'A-100,512-474-1000,Acme Dental LLC,"100 Congress Ave, Austin, TX 78701",#N/A,'
        '"5124741000, 5124741001, 5124741002"\n',
        encoding="utf-8",
    )
    check = check_requests(customer_list(), read_csr_files([path]), submit_date=SUBMIT)
    assert "E19" not in set(check.findings["code"])
    assert not check.rejected
