"""R1-R9 at realistic size: a 5,000-number list against 50 CSRs in the three shapes.

Fifty accounts of 100 numbers each (two requests per account, P1); every CSR writes the
list's address another way (C4b) and the name in another case and punctuation (R4), so
only the discrepancies put in on purpose may be found, each where it belongs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from lnp_excel.core.check import check_requests
from lnp_excel.io.carrier_csr import read_csr_files

ACCOUNTS = 50
PER_ACCOUNT = 100
WRONG_ACCOUNT, WRONG_ZIP, STRAY, PENDING, PARTIAL, WIRELESS = 3, 7, 11, 14, 17, 19


def number(account: int, line: int) -> str:
    return f"512{300 + account}{1000 + line}"


def customer_list() -> pd.DataFrame:
    rows = []
    for a in range(ACCOUNTS):
        for line in range(PER_ACCOUNT):
            rows.append(
                {
                    "Phone Number": f"({number(a, line)[:3]}) {number(a, line)[3:6]}-"
                    f"{number(a, line)[6:]}",
                    "Carrier": "Verizon Wireless" if a == WIRELESS else "AT&T",
                    "BTN": number(a, 0),
                    "Account Number": f"ACCT-{a:03d}",
                    "Service Address": f"{100 + a} Main Street, Austin, Texas 78701-1234",
                    "Customer Name": f"Client {a} Holdings, Inc.",
                }
            )
    stray = dict(rows[STRAY * PER_ACCOUNT])
    rows.append({**stray, "Phone Number": number(STRAY, 150)})  # the CSR does not list it
    return pd.DataFrame(rows, index=range(2, len(rows) + 2))


def write_csrs(folder: Path) -> list[Path]:
    paths = []
    for a in range(ACCOUNTS):
        numbers = [number(a, line) for line in range(PER_ACCOUNT)]
        if a == PARTIAL:
            numbers += [number(a, 200), number(a, 201)]  # stay with the carrier
        account = f"acct {a:03d}" if a != WRONG_ACCOUNT else f"ACCT-{a:03d}-9"
        zip_code = "78701" if a != WRONG_ZIP else "78705"
        street, city, state = f"{100 + a} MAIN ST", "AUSTIN", "TX"
        name = f"CLIENT {a} HOLDINGS"
        if a % 3 == 0:
            path = folder / f"telnyx_{a}.json"
            record = {
                "carrier_name": "AT&T",
                "admin": {"name": name, "account_number": account,
                          "billing_phone_number": "+1" + numbers[0]},
                "address": {"street_address": street, "locality": city,
                            "administrative_area": state, "postal_code": zip_code},
                "associated_phone_numbers": ["+1" + n for n in numbers],
            }  # fmt: skip
            path.write_text(json.dumps({"data": record}), encoding="utf-8")
        elif a % 3 == 1:
            path = folder / f"bandwidth_{a}.xml"
            tns = "".join(f"<TelephoneNumber>{n}</TelephoneNumber>" for n in numbers)
            path.write_text(
                f"<CsrResponse><CsrData><AccountNumber>{account}</AccountNumber>"
                f"<CustomerName>{name}</CustomerName><ServiceAddress>"
                f"<UnparsedAddress>{street}</UnparsedAddress><City>{city}</City>"
                f"<State>{state}</State><Zip>{zip_code}</Zip></ServiceAddress>"
                f"<WorkingTelephoneNumber>{numbers[0]}</WorkingTelephoneNumber>"
                f"<WorkingTelephoneNumbersOnAccount>{tns}</WorkingTelephoneNumbersOnAccount>"
                "</CsrData></CsrResponse>",
                encoding="utf-8",
            )
        else:
            path = folder / f"agent_{a}.csv"
            pending = "LSR 8812 (change)" if a == PENDING else ""
            lines = [
                f"CSR for account {account}",
                "Account Number,BTN,Customer Name,Service Address,Pending Order,WTN",
                f'{account},{numbers[0]},{name},"{street}, {city}, {state} {zip_code}",'
                f'{pending},"{", ".join(numbers[:50])}"',
                *(f",,,,,{n}" for n in numbers[50:]),
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("csrs")
    csr = read_csr_files(write_csrs(folder))
    return check_requests(customer_list(), csr, submit_date="2027-03-03")


def requests_of(check, account: int) -> list[str]:  # noqa: ANN001
    numbers = check.plan.numbers
    return sorted(set(numbers.loc[numbers["number"].str[3:6] == str(300 + account), "request"]))


def test_every_request_is_matched_and_only_the_planted_faults_are_found(checked) -> None:
    """R1-R9: 101 requests, all matched; rejections exactly where planted."""
    assert len(checked.plan.requests) == ACCOUNTS * 2 + 1  # the stray's account has 101
    matched = checked.summary.set_index("request")["matched_by"]
    findings = checked.findings
    rejects = findings[findings["severity"] == "reject"]
    by_code = rejects.groupby("code")["request"].apply(lambda r: sorted(set(r))).to_dict()
    stray_request = checked.plan.numbers.loc[
        checked.plan.numbers["number"] == number(STRAY, 150), "request"
    ].iloc[0]
    btn_request = checked.plan.numbers.loc[
        checked.plan.numbers["number"] == number(PARTIAL, 0), "request"
    ].iloc[0]
    # The stray number sorts last: alone in its request, matched by the account number.
    assert matched[stray_request] == "account number"
    assert (matched.drop(stray_request) == "numbers").all()
    assert by_code == {
        "E17": requests_of(checked, WRONG_ACCOUNT),
        "8D": requests_of(checked, WRONG_ZIP),
        "E27": [stray_request],
        "E19": requests_of(checked, PENDING),
        "E6h": [btn_request],
        "E42": requests_of(checked, WIRELESS),
    }
    warnings = findings[findings["severity"] == "warning"]
    assert warnings.empty, warnings.to_string()  # names and addresses written two ways


def test_staying_numbers_and_full_ports(checked) -> None:
    """R8: the partially ported account lists what stays; every other account, fully
    ported, says it closes (once per account, not per request)."""
    staying = checked.findings[checked.findings["field"] == "Numbers Staying"]
    assert staying["csr"].tolist() == [f"{number(PARTIAL, 200)}, {number(PARTIAL, 201)}"]
    closes = checked.findings[checked.findings["field"] == "Account"]
    assert len(closes) == ACCOUNTS - 1  # the stray's account too: its CSR's numbers all port
    assert checked.plan.numbers["number"].nunique() == ACCOUNTS * PER_ACCOUNT + 1
