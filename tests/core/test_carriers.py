"""P3b: the carrier directory merges spellings of one carrier, keeps the wireline and
wireless arms apart, suggests but never merges a close unlisted name; C6 asks it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import lnp_excel
from lnp_excel.core.carriers import (
    CarrierDirectory,
    CarrierEntry,
    default_directory,
    default_directory_table,
    directory_from_table,
    name_key,
)
from lnp_excel.core.csr.pin import is_pin_carrier, set_pins
from lnp_excel.core.errors import InputError
from lnp_excel.io.carrier_directory import read_carrier_directory
from lnp_excel.io.tables import read_table

TEMPLATES = Path(lnp_excel.__file__).parent / "templates"


def canonical(name: str, directory: CarrierDirectory | None = None) -> str | None:
    directory = directory or default_directory()
    found = directory.match(name).entry
    return directory.entries[found].name if found >= 0 else None


@pytest.mark.parametrize(
    ("spellings", "carrier"),
    [
        (["AT&T Corp", "AT&T", "at&t ", "AT & T Inc.", "AT&T Corporation"], "AT&T"),
        (["Comcast Business Communications, LLC", "Comcast Business"], "Comcast Business"),
        (["Bell", "Bell Canada", "BELL CANADA INC"], "Bell Canada"),
        (["TELUS Communications", "Telus", "TELUS Communications Inc."], "Telus"),
        (["Cox Communications, L.P.", "Cox Co."], "Cox"),
    ],
)
def test_spellings_and_legal_suffixes_are_one_carrier(spellings: list[str], carrier: str) -> None:
    """P3b: the issue's examples merge; legal suffixes by rule, not by alias."""
    assert {canonical(name) for name in spellings} == {carrier}


def test_wireline_and_wireless_arms_never_merge() -> None:
    """P3b: Verizon / Verizon Wireless, AT&T / AT&T Mobility are two carriers each."""
    directory = default_directory()
    pairs = [("Verizon", "Verizon Wireless"), ("AT&T", "AT&T Mobility"), ("Bell", "Bell Mobility")]
    for wireline, wireless in pairs:
        a, b = directory.match(wireline).entry, directory.match(wireless).entry
        assert a >= 0 and b >= 0 and a != b
        assert not directory.entries[a].wireless and directory.entries[b].wireless


def test_a_close_unlisted_name_is_suggested_never_merged() -> None:
    """P3b: "ATT Corp" is not AT&T (the & is part of the name) but looks like it."""
    directory = default_directory()
    for name, like in [
        ("ATT Corp", "AT&T"),
        ("Verizon Wirless", "Verizon Wireless"),
        ("Neutral Tandem-Illinois", "Inteliquent"),
    ]:
        found = directory.match(name)
        assert found.entry == -1 and found.suggestion == like, name
    assert directory.match("Acme Telephone Co-op").suggestion == ""
    assert name_key("ATT Corp") != name_key("AT&T Corp")


def test_shipped_csv_is_the_default_directory() -> None:
    """The CSV the command line reads and the workbooks' sheet are the same data."""
    shipped = read_table(TEMPLATES / "carrier_directory.csv", alias_groups=(("Carrier",),)).frame
    assert shipped.reset_index(drop=True).equals(default_directory_table().astype(object))
    assert len(read_carrier_directory()) == len(default_directory())


def test_a_user_file_extends_the_shipped_directory(tmp_path: Path) -> None:
    """--carrier-directory: new carriers, new aliases of a listed one, the user's flags win."""
    mine = tmp_path / "my_carriers.csv"
    mine.write_text(
        "Carrier,Aliases,Wireless\n"
        "Acme Telephone,Acme Tel|ATC,no\n"
        "AT&T,ATT|ATT Corp,no\n"
        "Google Fi,Project Fi,yes\n",
        encoding="utf-8",
    )
    directory = read_carrier_directory(mine)
    assert canonical("ATT Corp", directory) == "AT&T"  # now an alias
    assert canonical("SBC", directory) == "AT&T"  # the shipped aliases stay
    assert canonical("acme tel", directory) == "Acme Telephone"
    fi = directory.entries[directory.match("Project Fi").entry]
    assert fi.name == "Google Fi" and fi.wireless
    assert len(directory) == len(default_directory()) + 2


def test_bad_directory_files_are_clear_errors(tmp_path: Path) -> None:
    """A wrong Wireless value, or one alias on two carriers, names the file, row, column."""
    bad = tmp_path / "bad.csv"
    bad.write_text("Carrier,Aliases,Wireless\nAcme,,sometimes\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_carrier_directory(bad)
    assert "yes or no" in str(error.value) and "bad.csv" in str(error.value)
    assert "row 2" in str(error.value) and "'Wireless'" in str(error.value)
    twice = pd.DataFrame(
        {"Carrier": ["Acme", "Beta"], "Aliases": ["AB", "ab"], "Wireless": ["no", "no"]}
    )
    with pytest.raises(InputError, match="'ab' is already a name of 'Acme'"):
        directory_from_table(twice)


def test_c6_family_is_a_directory_entry(tmp_path: Path) -> None:
    """C6 asks the directory: its spellings as before, and an alias added by a user."""
    for name in ["Onvoy, LLC", "Inteliquent Inc", "Intelliquent", "Neutral Tandem-Illinois"]:
        assert is_pin_carrier(name)
    assert not is_pin_carrier("Bandwidth") and not is_pin_carrier("Sinch Voice")
    added = default_directory().extended(
        CarrierDirectory([CarrierEntry("Inteliquent", ("Sinch Voice",))])
    )
    assert is_pin_carrier("Sinch Voice", directory=added)
    csr = tmp_path / "csr.csv"
    csr.write_text(
        "Phone Number,Carrier,Country,PIN\n2125550120,Sinch Voice,US,\n2125550121,Verizon,US,\n",
        encoding="utf-8",
    )
    table = read_table(csr).frame
    pins = set_pins(table, carrier_directory=added).table["PIN"].tolist()
    assert pins[0] == "8x82125" and pins[1] == ""
    assert set_pins(table).table["PIN"].tolist()[0] == ""  # not in the shipped directory


def test_bill_copy_is_directory_data_and_old_files_still_read(tmp_path: Path) -> None:
    """L5: the Bill Copy column marks carriers that ask for a recent bill with the LOA; a
    user file written before the column existed still reads and keeps the shipped flags,
    and a user file with the column wins."""
    shipped = default_directory()
    assert shipped.asks_bill_copy("Comcast") and shipped.asks_bill_copy("Charter")
    assert not shipped.asks_bill_copy("AT&T") and not shipped.asks_bill_copy("Acme Tel")
    old = tmp_path / "old.csv"
    old.write_text("Carrier,Aliases,Wireless\nComcast Business,Xfinity,no\n", encoding="utf-8")
    extended = read_carrier_directory(old)
    assert extended.asks_bill_copy("Xfinity") and extended.asks_bill_copy("Comcast")
    mine = tmp_path / "mine.csv"
    mine.write_text(
        "Carrier,Aliases,Wireless,Bill Copy\nComcast Business,,no,no\nAT&T,,no,yes\n",
        encoding="utf-8",
    )
    changed = read_carrier_directory(mine)
    assert not changed.asks_bill_copy("Comcast") and changed.asks_bill_copy("SBC")
    bad = tmp_path / "bad.csv"
    bad.write_text("Carrier,Aliases,Wireless,Bill Copy\nAcme,,no,maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match="Bill Copy must be yes or no"):
        read_carrier_directory(bad)
