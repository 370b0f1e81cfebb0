"""Issue 18 item 16: absurd option values end in exit 2 with a clear message, before any
file is read or written, and the API raises InputError for the same values (P9, P7, C13).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from lnp_excel import InputError, plan_ports
from lnp_excel.cli.common import EXCEL_ROWS, parse_rows
from lnp_excel.cli.main import main
from lnp_excel.core.values import GIVEN_DATES, MAX_GIVEN_COUNT, parse_count, parse_date

LIST = "Phone,Carrier\n(303) 555-0170,Lumen\n303.555.0171,Lumen\n"


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--local-licenses", "4e21", "too large"),
        ("--tollfree-licenses", "18446744073709551617", "too large"),
        ("--local-licenses", "-7", "not a whole number"),
        ("--local-licenses", "inf", "not a number"),
        ("--submit-date", "12/31/9999", "not a plausible date"),
        ("--submit-date", "0001-01-01", "not a plausible date"),
        ("--requested-date", "2150-06-01", "not a plausible date"),
        ("--requested-date", "next tuesday", "not a date"),
    ],
)
def test_plan_refuses_absurd_options_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture, option: str, value: str, words: str
) -> None:
    source = tmp_path / "list.csv"
    source.write_text(LIST, encoding="utf-8")
    output = tmp_path / "out" / "plan.xlsx"
    code = main(["plan", str(source), "-o", str(output), "--export-dir", str(tmp_path / "r")])
    assert code == 0  # the same list plans with sane options
    output.unlink()
    argv = ["plan", str(source), "-o", str(output), "--export-dir", str(tmp_path / "r2")]
    code = main([*argv, option, value])
    err = capsys.readouterr().err
    assert code == 2
    assert option in err and words in err, err
    assert "Traceback" not in err
    assert not output.exists() and not (tmp_path / "r2").exists()


def test_the_plausible_range_is_inclusive() -> None:
    low, high = GIVEN_DATES
    assert parse_date(low.isoformat(), "submission date") == low
    assert parse_date(f"{high:%m/%d/%Y}", "submission date") == high
    with pytest.raises(InputError, match="not a plausible date"):
        parse_date(high + dt.timedelta(days=1), "submission date")
    assert parse_count(str(MAX_GIVEN_COUNT), "x") == MAX_GIVEN_COUNT
    with pytest.raises(InputError, match="too large"):
        parse_count(MAX_GIVEN_COUNT + 1, "x")


@pytest.mark.parametrize(
    "licenses",
    [{"local": 7 * 10**25}, {"toll-free": 10**500}, {"local": Decimal("5E+40")}],
)
def test_the_api_raises_input_error_for_huge_license_counts(licenses: dict) -> None:
    frame = pd.DataFrame({"Phone": ["3035550170"], "Carrier": ["Lumen"]})
    with pytest.raises(InputError, match="too large"):
        plan_ports(frame, licenses=licenses)


def test_a_signalling_nan_is_no_count() -> None:
    assert parse_count(Decimal("sNaN"), "local license count") is None


def test_rows_past_the_last_sheet_row_are_refused_without_building_them() -> None:
    with pytest.raises(InputError, match="1,048,576"):
        parse_rows(f"5-{400_000_000}")
    with pytest.raises(InputError, match="past row"):
        parse_rows(f"3,{EXCEL_ROWS + 1}")
    assert parse_rows(f"{EXCEL_ROWS - 1}-{EXCEL_ROWS}") == [EXCEL_ROWS - 1, EXCEL_ROWS]


def test_csr_fix_with_rows_past_the_sheet_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    source = Path(__file__).parents[2] / "samples" / "csr" / "csr_export.csv"
    folder = tmp_path / "fixed"
    argv = ["csr", "fix", str(source), "--customer", "Tern Labs", "-o", str(folder)]
    assert main([*argv, "--rows", "2-123456789"]) == 2
    assert "--rows" in capsys.readouterr().err
    assert not folder.exists()
