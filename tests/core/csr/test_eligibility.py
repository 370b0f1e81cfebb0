"""C1: active, or active within the last 60 days; older releases flagged as not portable."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lnp_excel.core.csr import check_eligibility
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.io.csr_files import read_csr
from tests.core.csr.support import flags_of, write_csv, write_xlsx

CSV = """Phone Number,Carrier,Address,Status,Status Date
2125550100,Bandwidth,1 Main St,Assigned,
2125550101,Bandwidth,1 Main St,Released,2024-04-01
2125550102,Bandwidth,1 Main St,Cancelled,04/02/2024
2125550103,Bandwidth,1 Main St,released,2024-03-01
2125550104,Bandwidth,1 Main St,Disconnected,
2125550105,Bandwidth,1 Main St,Reserved,
2125550106,Bandwidth,1 Main St,Available,2020-01-01
"""


def test_sixty_day_window(tmp_path):
    table = read_csr(write_csv(tmp_path / "inv.csv", CSV)).frame
    step = check_eligibility(table, as_of="2024-05-31")
    assert flags_of(step.flags, 2) == []  # Assigned
    assert flags_of(step.flags, 3) == ["Portable until 2024-05-31 (Released on 2024-04-01)"]
    assert flags_of(step.flags, 4) == ["Portable until 2024-06-01 (Cancelled on 2024-04-02)"]
    assert flags_of(step.flags, 5) == ["Not portable: released on 2024-03-01, over 60 days ago"]
    assert flags_of(step.flags, 6) == ["Status 'Disconnected' without a readable date"]
    assert flags_of(step.flags, 7) == ["Status 'Reserved' is not known to be active"]
    assert flags_of(step.flags, 8) == []  # Available: active whatever the date
    assert set(step.flags["Rule"]) == {"C1"}
    pd.testing.assert_frame_equal(step.table, table)  # flags only, nothing removed
    assert step.changes.empty


def test_day_sixty_is_in_day_sixty_one_is_out(tmp_path):
    table = read_csr(write_csv(tmp_path / "inv.csv", CSV)).frame
    assert flags_of(check_eligibility(table, as_of="2024-05-31").flags, 3)[0].startswith("Portable")
    assert flags_of(check_eligibility(table, as_of="2024-06-01").flags, 3)[0].startswith(
        "Not portable"
    )


def test_window_from_settings(tmp_path):
    table = read_csr(write_csv(tmp_path / "inv.csv", CSV)).frame
    step = check_eligibility(table, as_of="2024-05-31", settings=Settings(port_out_window_days=100))
    assert flags_of(step.flags, 5) == ["Portable until 2024-06-09 (released on 2024-03-01)"]


def test_workbook_dates_and_serials(tmp_path):
    path = write_xlsx(
        tmp_path / "inv.xlsx",
        [
            ["phoneNumber", "Carrier", "status", "Released Date"],
            [2125550100, "Bandwidth", "Released", dt.datetime(2024, 5, 1)],
            [2125550101, "Bandwidth", "Released", 45300],  # an Excel serial: 2024-01-09
        ],
    )
    step = check_eligibility(read_csr(path).frame, as_of=dt.date(2024, 5, 31))
    assert flags_of(step.flags, 2) == ["Portable until 2024-06-30 (Released on 2024-05-01)"]
    assert flags_of(step.flags, 3) == ["Not portable: Released on 2024-01-09, over 60 days ago"]


def test_without_status_column_nothing_happens():
    table = pd.DataFrame({"Phone Number": ["2125550100"]}, index=[2])
    step = check_eligibility(table, as_of="2024-01-01")
    assert step.flags.empty and step.changes.empty


def test_a_bad_as_of_is_an_input_error():
    table = pd.DataFrame({"Phone Number": ["1"], "Status": ["Released"]}, index=[2])
    with pytest.raises(InputError, match="not a date"):
        check_eligibility(table, as_of="next tuesday")
