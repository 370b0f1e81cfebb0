"""C6 PIN and the C10 escalation answers: every spelling agents meet."""

from __future__ import annotations

import pandas as pd
import pytest

from lnp_excel.core.csr import is_pin_carrier, replace_nulls, set_pins
from lnp_excel.core.csr.escalation import escalation_answer
from lnp_excel.core.settings import Settings
from lnp_excel.io.csr_files import read_csr
from tests.core.csr.support import changes_of, flags_of, read, write_xlsx

PIN = Settings().csr_pin

INTELIQUENT_FIVE_WAYS = [
    "Inteliquent",
    "INTELIQUENT",
    "Intelliquent",
    "Inteliquent Inc",
    "inteliquent, inc.",
]
OTHER_PIN_CARRIERS = ["Onvoy, LLC", "Onvoy LLC - NSR", "ONVOY", "Neutral Tandem", "NeutralTandem"]
NOT_PIN_CARRIERS = ["Bandwidth", "Lumen", "Level 3", "Peerless Network", "", "Verizon", "AT&T"]


@pytest.mark.parametrize("carrier", INTELIQUENT_FIVE_WAYS + OTHER_PIN_CARRIERS)
def test_pin_carriers_in_any_spelling(carrier):
    assert is_pin_carrier(carrier)


@pytest.mark.parametrize("carrier", NOT_PIN_CARRIERS)
def test_other_carriers(carrier):
    assert not is_pin_carrier(carrier)


def test_pin_is_lower_case_x():
    assert PIN == "8x82125"


def test_us_pin_carriers_get_the_pin_others_stay_blank():
    step = set_pins(replace_nulls(read("csr_edge.csv")).table)
    pins = step.table["PIN"]
    for row in (2, 3, 4, 6, 7, 12):  # Onvoy, Inteliquent Inc, Intelliquent, NSR, NT, blank-US
        assert pins[row] == PIN, row
        assert changes_of(step.changes, row, "PIN") == [("", PIN, "C6")]
    assert pins[8] == ""  # Bandwidth
    assert pins[9] == ""  # Inteliquent but Canadian: never a PIN for non-US
    assert pins[10] == "" and pins[11] == ""


def test_an_existing_pin_is_kept_and_not_logged():
    step = set_pins(replace_nulls(read("csr_edge.csv")).table)
    assert step.table.loc[5, "PIN"] == "4821"
    assert changes_of(step.changes, 5, "PIN") == []


def test_a_us_row_without_carrier_is_flagged():
    step = set_pins(replace_nulls(read("csr_edge.csv")).table)  # row 13: carrier was "null"
    assert flags_of(step.flags, 13) == ["Carrier missing: the PIN cannot be decided"]
    assert step.table.loc[13, "PIN"] == ""


def test_a_table_without_pin_column_gets_one(tmp_path):
    path = write_xlsx(
        tmp_path / "csr.xlsx",
        [
            ["TN", "Country", "Current Carrier"],
            [2125550100, "US", "Onvoy, LLC"],
            [2125550101, "US", "Bandwidth"],
        ],
    )
    table = read_csr(path).frame
    step = set_pins(table)
    assert list(step.table.columns) == ["TN", "Country", "Current Carrier", "PIN"]
    assert list(step.table["PIN"]) == [PIN, ""]
    assert "PIN" not in table.columns  # the input frame is not modified


def test_pin_from_settings():
    settings = Settings(csr_pin="1234", pin_carriers=("bandwidth",))
    table = pd.DataFrame(
        {"Phone Number": ["2125550100"], "Country": ["US"], "Carrier": ["Bandwidth.com"]},
        index=[2],
    )
    assert set_pins(table, settings=settings).table.loc[2, "PIN"] == "1234"


# --- C10 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("carrier", ["Inteliquent", "Onvoy LLC", "Neutral Tandem-Illinois"])
def test_escalation_pin_carriers(carrier):
    answer = escalation_answer(carrier, "PIN rejected")
    assert "8x82125" in answer.resolution
    assert "lower-case x" in answer.resolution
    assert answer.rule == "C10"


def test_escalation_bandwidth_pin_rejection():
    answer = escalation_answer("Bandwidth.com CLEC", "Invalid passcode")
    assert answer.situation == "Bandwidth PIN rejection"
    assert "Bandwidth's portal" in answer.resolution


def test_escalation_bandwidth_other_rejection_goes_to_the_manager():
    answer = escalation_answer("Bandwidth", "Account number mismatch")
    assert answer.situation == "Anything else"


def test_escalation_verizon_and_anything_else():
    assert "Email Verizon" in escalation_answer("Verizon Wireless").resolution
    assert escalation_answer("AT&T", "Name mismatch").resolution == (
        "Speak to your manager or lead for next steps"
    )
