"""L1-L5 on customer lists written as files and read back: accounts, the letter's content,
what is not ready, and the numbers that stay when the carrier's CSR records are known."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from lnp_excel.core.carriers import CarrierDirectory, CarrierEntry, default_directory
from lnp_excel.core.errors import InputError
from lnp_excel.core.loa import FULL, PARTIAL, letters_of_authorization, plan_accounts
from lnp_excel.core.plan import plan_ports
from lnp_excel.core.settings import Settings
from lnp_excel.io.tables import read_table

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "samples" / "customer_loa.csv"
HQ = "100 Congress Ave Ste 200, Austin, TX 78701"
HEADER = "Phone Number,Carrier,Customer Name,BTN,Account Number,Service Address,Authorized Name"


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> pd.DataFrame:
    path = tmp_path / "list.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return read_table(path).frame


def sample() -> pd.DataFrame:
    return read_table(SAMPLE).frame


def by_account(letters) -> dict[str, object]:
    return {letter.account.account_number: letter for letter in letters.letters}


def test_one_letter_per_account_spanning_requests_each_number_once() -> None:
    """L1: the AT&T account spans two exchanges (two self-service requests) and takes its
    four numbers, however the list wrote BTN, account and address (C4b); no number of
    another account; every planned number is in exactly one account."""
    plan = plan_ports(sample(), submit_date="2026-12-07")
    accounts = plan_accounts(plan)
    att = next(a for a in accounts if a.carrier == "AT&T")
    assert att.requests == ("SS-512474-ATT-01", "SS-512555-ATT-01")
    assert att.numbers == ("5124741000", "5124741001", "5124741002", "5125550142")
    planned = plan.numbers.loc[plan.numbers["request"] != "", "number"]
    listed = [n for a in accounts for n in a.numbers]
    assert sorted(listed) == sorted(planned) and len(set(listed)) == len(listed)
    for account in accounts:  # each account's numbers are its rows' numbers, no other
        rows = plan.numbers[plan.numbers["number"].isin(account.numbers)]
        assert set(rows["request"]) == set(account.requests)


def test_the_letter_says_what_the_list_says(tmp_path: Path) -> None:
    """L2, L3, L5: names, address parts (C4a), BTN, account, carrier, gaining provider from
    Settings, the title the list gives (written once for the person), the sign-by date
    30 days from the submission date, the bill reminder where the directory asks."""
    settings = Settings(gaining_provider="Example Voice LLC")
    letters = letters_of_authorization(sample(), submit_date="2026-12-07", settings=settings)
    att, comcast, verizon = (by_account(letters)[k] for k in ("A-100", "8155-30-001", "880012"))
    assert att.account.customer_name == "Acme Dental LLC"
    assert (att.account.street, att.account.city, att.account.state, att.account.zip) == (
        "100 Congress Ave Ste 200",
        "Austin",
        "TX",
        "78701",
    )
    assert att.account.btn == "512-474-1000" and att.account.carrier == "AT&T"
    assert att.account.authorized_name == "Dana Reyes"
    assert att.account.authorized_title == "Office Manager"
    assert verizon.account.authorized_title == "Office Manager"  # the same person
    assert comcast.account.authorized_title == "Practice Owner"
    assert att.provider == "Example Voice LLC" and "Example Voice LLC" in att.authorization
    assert "from AT&T to Example Voice LLC" in att.authorization
    assert att.prepared == dt.date(2026, 12, 7) and att.sign_by == dt.date(2027, 1, 6)
    assert comcast.bill_copy.startswith("Comcast Business asks for a copy of a recent bill")
    assert att.bill_copy == "" and verizon.bill_copy == ""
    assert att.btn_ports and not comcast.btn_ports  # 512-474-1000 is itself ported
    assert att.port_type == "" and att.new_btn_line and not att.new_btn_needed  # no CSR


def test_accounts_missing_what_a_carrier_checks_get_no_letter(tmp_path: Path) -> None:
    """L4: no person, account number, BTN or address: no letter, and the reason listed;
    an unknown carrier is missing too."""
    table = write(
        tmp_path,
        f'2125550100,Frontier,Acme,,F-1,"{HQ}",Dana Reyes',
        f'2125550101,Frontier,Acme,2125550101,,"{HQ}",Dana Reyes',
        "2125550102,Frontier,Acme,2125550102,F-3,,Dana Reyes",
        f'2125550103,Frontier,Acme,2125550103,F-4,"{HQ}",',
        f'2125550104,,Acme,2125550104,F-5,"{HQ}",Dana Reyes',
        f'2125550105,Frontier,Acme,2125550105,F-6,"{HQ}",Dana Reyes',
    )
    letters = letters_of_authorization(table, submit_date="2026-12-07")
    assert [letter.account.account_number for letter in letters.letters] == ["F-6"]
    frame = letters.not_ready_frame()
    missing = dict(zip([a.numbers[0] for a in letters.not_ready], frame["missing"], strict=True))
    assert missing == {
        "2125550100": "BTN",
        "2125550101": "account number",
        "2125550102": "service address",
        "2125550103": "authorized person",
        "2125550104": "losing carrier",
    }


def test_two_people_named_on_one_account_are_two_letters_and_the_rest_waits(
    tmp_path: Path,
) -> None:
    """L1: one LOA per authorized person; rows naming nobody cannot be given to either."""
    table = write(
        tmp_path,
        f'2125550100,AT&T,Acme,2125550100,A-1,"{HQ}",Dana Reyes',
        f'2125550101,AT&T,Acme,2125550100,A-1,"{HQ}",LEE PARK',
        f'2125550102,AT&T,Acme,2125550100,A-1,"{HQ}",lee  park',
        f'2125550103,AT&T,Acme,2125550100,A-1,"{HQ}",',
    )
    letters = letters_of_authorization(table, submit_date="2026-12-07")
    people = {letter.account.authorized_name: letter.account.numbers for letter in letters.letters}
    assert people == {"Dana Reyes": ("2125550100",), "LEE PARK": ("2125550101", "2125550102")}
    (waiting,) = letters.not_ready
    assert waiting.numbers == ("2125550103",) and "Dana Reyes, LEE PARK" in waiting.note


def csr_records(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """CSR records as io.carrier_csr reads them: one row per working number."""
    frame = pd.DataFrame(rows, columns=["carrier", "account_number", "btn", "number"])
    frame["source"] = "att_csr.json"
    frame["customer_name"] = "ACME DENTAL"
    frame["pin_required"] = False
    return frame


def test_with_the_csr_the_letter_lists_the_numbers_that_stay(tmp_path: Path) -> None:
    """L1, L2, R8: the CSR's numbers not ported stay (partial port); the BTN ports while
    others stay, so a new BTN is asked; an account whose numbers all port is a full port."""
    csr = csr_records(
        *[("AT&T Corp", "A100", "5124741000", n) for n in ("5124741000", "5124741001")],
        ("AT&T", "a-100", "(512) 474-1000", "512-474-1002"),
        ("AT&T", "A-100", "5124741000", "+1 512 555 0142"),
        ("AT&T", "A-100", "5124741000", "5124741099"),  # stays
        ("AT&T", "A-100", "5124741000", "5124741098"),  # stays
        ("Comcast", "8155-30-001", "", "2145550188"),
        ("Comcast", "8155-30-001", "", "2145550189"),
        ("Frontier", "9999", "5125550000", "5125550000"),  # another account: not listed
    )
    letters = by_account(letters_of_authorization(sample(), submit_date="2026-12-07", csr=csr))
    att, comcast, verizon = letters["A-100"], letters["8155-30-001"], letters["880012"]
    assert att.port_type == PARTIAL and att.staying == ("5124741098", "5124741099")
    assert att.new_btn_needed and att.new_btn_line
    assert comcast.port_type == FULL and comcast.staying == () and not comcast.new_btn_line
    assert verizon.port_type == "" and not verizon.csr_known  # not in the CSR records


def test_csr_records_without_the_columns_are_a_clear_error() -> None:
    with pytest.raises(InputError, match="no account_number, btn, number column"):
        letters_of_authorization(
            sample(), submit_date="2026-12-07", csr=pd.DataFrame({"carrier": ["AT&T"]})
        )


def test_the_bill_copy_reminder_follows_the_directory(tmp_path: Path) -> None:
    """L5: a user directory that marks AT&T gets the reminder on AT&T's letter."""
    mine = default_directory().extended(
        CarrierDirectory([CarrierEntry("AT&T", (), False, bill_copy=True)])
    )
    letters = letters_of_authorization(sample(), submit_date="2026-12-07", carrier_directory=mine)
    assert "AT&T asks for a copy of a recent bill" in by_account(letters)["A-100"].bill_copy


def test_the_python_api_takes_a_plan_or_a_list() -> None:
    """L1: ``lnp_excel.letters_of_authorization`` on the plan, or on the list it plans the
    same way; the same letters either way."""
    import lnp_excel

    plan = plan_ports(sample(), submit_date="2026-12-07")
    from_plan = lnp_excel.letters_of_authorization(plan)
    from_list = lnp_excel.letters_of_authorization(sample(), submit_date="2026-12-07")
    assert from_plan == from_list and len(from_plan.letters) == 3
