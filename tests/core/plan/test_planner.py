"""plan_ports: the handbook rules (P1-P12) on small, readable lists."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from lnp_excel.core.errors import InputError
from lnp_excel.core.plan import Plan, plan_ports
from lnp_excel.core.settings import Settings

SUBMIT = dt.date(2024, 12, 20)  # a Friday before Christmas and New Year


def table(rows: list[tuple[object, object]], first_row: int = 2) -> pd.DataFrame:
    """A customer list as read from a sheet: index = the row numbers the user sees."""
    frame = pd.DataFrame(rows, columns=["Phone Number", "Current Carrier"], dtype=object)
    frame.index = pd.RangeIndex(first_row, first_row + len(frame))
    return frame


def block(exchange: str, start: int, count: int, carrier: object) -> list[tuple[object, object]]:
    return [(f"{exchange}{line:04d}", carrier) for line in range(start, start + count)]


def plan(rows: list[tuple[object, object]], **options: object) -> Plan:
    options.setdefault("submit_date", SUBMIT)
    return plan_ports(table(rows), **options)


def by_id(result: Plan) -> dict[str, dict]:
    return {r["request"]: r for r in result.requests.to_dict("records")}


# --- P1-P3: self-service requests ------------------------------------------------------


def test_p1_at_most_50_numbers_and_the_fewest_requests() -> None:
    result = plan(block("212736", 1000, 120, "AT&T"))
    assert result.requests["request"].tolist() == [
        "SS-212736-ATT-01",
        "SS-212736-ATT-02",
        "SS-212736-ATT-03",
    ]
    assert result.requests["count"].tolist() == [50, 50, 20]
    # Each piece is a contiguous run of the exchange, in number order.
    first = result.numbers[result.numbers["request"] == "SS-212736-ATT-01"]["number"]
    assert first.tolist() == [f"212736{line:04d}" for line in range(1000, 1050)]


def test_p2_one_npa_nxx_per_request() -> None:
    result = plan(block("212736", 1000, 3, "AT&T") + block("212947", 1000, 2, "AT&T"))
    assert by_id(result).keys() == {"SS-212736-ATT-01", "SS-212947-ATT-01"}
    assert result.requests["npa_nxx"].tolist() == ["212736", "212947"]


def test_p3_carrier_names_compare_without_case_space_or_punctuation() -> None:
    rows = [
        ("2127361001", "AT&T"),
        ("2127361002", "at&t "),
        ("2127361003", " AT & T"),
        ("2127361004", "AT and T"),  # different words: a different carrier
        ("2127361005", "Verizon Business"),
        ("2127361006", "VERIZON  business"),
    ]
    result = plan(rows)
    requests = by_id(result)
    assert requests["SS-212736-ATT-01"]["count"] == 3
    assert requests["SS-212736-ATT-01"]["carrier"] == "AT&T"  # the first spelling seen
    assert requests["SS-212736-ATANDT-01"]["count"] == 1
    assert requests["SS-212736-VERIZONBUSINESS-01"]["carrier"] == "Verizon Business"
    assert result.numbers.loc[3, "carrier"] == "AT&T"


def test_local_and_toll_free_never_share_a_request() -> None:
    rows = [("2127361001", "AT&T"), ("8002224357", "AT&T"), ("8882224357", "AT&T")]
    result = plan(rows)
    types = dict(zip(result.requests["request"], result.requests["type"], strict=True))
    assert types == {
        "SS-212736-ATT-01": "local",
        "SS-800222-ATT-01": "toll-free",
        "SS-888222-ATT-01": "toll-free",
    }


def test_unknown_carriers_are_planned_apart_and_flagged() -> None:
    rows = [
        ("2127361001", "AT&T"),
        ("2127361002", ""),
        ("2127361003", None),
        ("2127361004", "N/A"),
        ("2127361005", float("nan")),
        ("2127361006", "unknown"),
    ]
    result = plan(rows)
    requests = by_id(result)
    assert requests["SS-212736-ATT-01"]["count"] == 1
    flagged = requests["SS-212736-UNKNOWN-01"]
    assert flagged["count"] == 5 and flagged["carrier"] == ""
    assert "carrier unknown: confirm from the CSR before submitting" in flagged["notes"]
    assert "carrier unknown" not in requests["SS-212736-ATT-01"]["notes"]
    item = result.checklist[result.checklist["item"] == "Losing carrier unknown"]
    assert "5 numbers" in item["detail"].iloc[0]


def test_without_a_carrier_column_every_request_is_flagged() -> None:
    numbers = pd.Series(["212 736 1001", "212 736 1002"], index=[5, 6])
    result = plan_ports(numbers, submit_date=SUBMIT)
    assert result.requests["request"].tolist() == ["SS-212736-UNKNOWN-01"]
    assert result.requests["unknown_carrier"].tolist() == [2]
    assert result.numbers.index.tolist() == [5, 6]


def test_one_bad_number_never_blocks_the_rest() -> None:
    rows = [
        ("(212) 736-1001", "AT&T"),
        ("212-736-10", "AT&T"),
        ("2.12736E+09", "AT&T"),
        ("212.736.1001", "AT&T"),
        ("", "AT&T"),
        ("212-736-1002", "AT&T"),
    ]
    result = plan(rows)
    assert result.requests["count"].tolist() == [2]
    numbers = result.numbers
    assert numbers.index.tolist() == [2, 3, 4, 5, 6, 7]  # every input row, in order
    exceptions = result.exceptions
    assert exceptions.index.tolist() == [3, 4, 5, 6]
    assert (exceptions["request"] == "").all() and (exceptions["reason"] != "").all()
    assert exceptions.loc[5, "reason"] == "same number as row 2"
    assert exceptions.loc[6, "reason"] == "no phone number in this row"
    assert exceptions.loc[6, "status"] == "empty"


def test_request_ids_are_deterministic_and_ordered() -> None:
    rows = (
        block("312621", 5000, 3, "Verizon")
        + block("212736", 1000, 60, "AT&T")
        + block("212736", 2000, 2, "")
        + [("+1 416 363 2000", "Bell"), ("+44 20 7946 0958", "BT")]
    )
    first, second = plan(rows), plan(list(reversed(rows)))
    assert first.requests["request"].tolist() == [
        "SS-212736-ATT-01",
        "SS-212736-ATT-02",
        "SS-212736-UNKNOWN-01",
        "SS-312621-VERIZON-01",
        "MG-LOCAL",
        "CU-LOCAL",
    ]
    pd.testing.assert_frame_equal(first.requests, plan(rows).requests)
    assert first.requests["request"].tolist() == second.requests["request"].tolist()
    assert first.requests["count"].tolist() == second.requests["count"].tolist()


def test_truncated_carrier_names_that_clash_get_distinct_ids() -> None:
    settings = Settings(request_id_carrier_chars=4)
    result = plan(
        [("2127361001", "Verizon"), ("2127361002", "Verizon Business")], settings=settings
    )
    ids = result.requests.set_index("carrier")["request"].to_dict()
    # Issue 18: each carrier its own tag, in the tag's width; no -G (that is for accounts).
    assert ids == {"Verizon": "SS-212736-VERI-01", "Verizon Business": "SS-212736-VER2-01"}


# --- P4-P6: routing and cost -----------------------------------------------------------


def test_p4_canada_goes_to_managed_other_countries_to_custom() -> None:
    rows = [
        ("2127361001", "AT&T"),
        ("+1 416 363 2000", "Bell"),
        ("647-258-7100", "Rogers"),
        ("+44 20 7946 0958", "BT"),
        ("+1 264 497 2222", "Cable & Wireless"),  # Anguilla: NANP, not US or Canada
    ]
    result = plan(rows)
    paths = dict(zip(result.numbers["number"], result.numbers["path"], strict=True))
    assert paths == {
        "2127361001": "Self-Service",
        "4163632000": "Managed",
        "6472587100": "Managed",
        "+442079460958": "Custom",
        "2644972222": "Custom",
    }
    managed = by_id(result)["MG-LOCAL"]
    assert managed["carrier"] == "Bell Canada; Rogers" and managed["npa_nxx"] == ""
    custom = by_id(result)["CU-LOCAL"]
    assert np.isnan(custom["cost"]) and pd.isna(custom["earliest_date"])
    assert "statement of work" in custom["notes"]


@pytest.mark.parametrize(("count", "cost"), [(1, 50.0), (10, 50.0), (11, 55.0), (21, 105.0)])
def test_p5_managed_costs_5_a_number_with_a_50_minimum(count: int, cost: float) -> None:
    result = plan([(f"+1 416 363 {2000 + i}", "Bell") for i in range(count)])
    assert result.requests["cost"].tolist() == [cost]
    summary = dict(zip(result.summary["metric"], result.summary["value"], strict=True))
    assert float(summary["Cost (Self-Service and Managed)"]) == cost


def test_self_service_is_free_and_prices_come_from_settings() -> None:
    settings = Settings().replace(
        managed_price_per_number=7, managed_minimum_charge=100, self_service_max_numbers=10
    )
    result = plan(
        block("212736", 1000, 25, "AT&T") + [("+1 416 363 2000", "Bell")], settings=settings
    )
    assert result.requests["count"].tolist() == [10, 10, 5, 1]
    assert result.requests["cost"].tolist() == [0.0, 0.0, 0.0, 100.0]
    assert result.settings is settings


def test_p6_consider_custom_from_150_numbers() -> None:
    result = plan([(f"+1 416 363 {2000 + i}", "Bell") for i in range(150)])
    assert "Custom porting may cost less" in result.requests["notes"].iloc[0]
    assert result.requests["cost"].tolist() == [750.0]
    assert "Consider Custom porting" in result.checklist["item"].tolist()
    small = plan([(f"+1 416 363 {2000 + i}", "Bell") for i in range(149)])
    assert "Custom porting may" not in small.requests["notes"].iloc[0]
    assert "Consider Custom porting" not in small.checklist["item"].tolist()


def test_us_toll_free_stays_self_service_unless_the_setting_says_otherwise() -> None:
    rows = [("800-222-4357", "AT&T"), ("2127361001", "AT&T")]
    assert plan(rows).requests["path"].tolist() == ["Self-Service", "Self-Service"]
    moved = plan(rows, settings=Settings(self_service_toll_free=False))
    assert dict(zip(moved.requests["request"], moved.requests["path"], strict=True)) == {
        "SS-212736-ATT-01": "Self-Service",
        "MG-TOLLFREE": "Managed",
    }


# --- dates: P5, P7, P8 -----------------------------------------------------------------


def test_dates_in_business_days_across_christmas_and_new_year() -> None:
    result = plan([("2127361001", "AT&T"), ("+1 416 363 2000", "Bell")])
    ss, mg = result.requests.iloc[0], result.requests.iloc[1]
    assert ss["earliest_date"].date() == dt.date(2025, 1, 2)  # 7 business days
    assert ss["latest_date"].date() == dt.date(2025, 1, 7)  # 10 business days
    assert mg["earliest_date"].date() == dt.date(2025, 1, 14)  # 15
    assert mg["latest_date"].date() == dt.date(2025, 1, 23)  # 21, after MLK Day
    assert ss["port_window"].startswith("3-5 AM Pacific")
    assert mg["port_window"] == "requestable between 5 AM and 3 PM Pacific"
    assert np.isnan(ss["expedite_min"])


def test_a_saturday_submission_counts_from_monday() -> None:
    result = plan([("2127361001", "AT&T")], submit_date="2025-03-08")
    assert result.requests["earliest_date"].iloc[0].date() == dt.date(2025, 3, 19)


def test_p7_requested_date_is_the_earliest_not_a_promise() -> None:
    result = plan([("2127361001", "AT&T")], requested_date="2025-02-15")  # a Saturday
    row = result.requests.iloc[0]
    assert row["earliest_date"].date() == dt.date(2025, 2, 18)  # Monday 17th is a holiday
    assert row["latest_date"].date() == dt.date(2025, 2, 18)
    assert np.isnan(row["expedite_min"]) and "night before" not in row["notes"]
    assert "Requested date" in result.checklist["item"].tolist()


def test_p7_short_notice_and_p8_expedite_range() -> None:
    rows = block("212736", 1000, 4, "AT&T") + [("+1 416 363 2000", "Bell")]
    result = plan(rows, requested_date="2024-12-26")
    ss, mg = result.requests.iloc[0], result.requests.iloc[1]
    assert "confirmed only the night before (P7)" in ss["notes"]
    assert "night before" not in mg["notes"]  # P7 is the self-service rule
    assert (ss["expedite_min"], ss["expedite_max"]) == (300.0, 1200.0)
    assert (mg["expedite_min"], mg["expedite_max"]) == (75.0, 300.0)
    assert "may deny" in ss["notes"]
    assert ss["earliest_date"].date() == dt.date(2025, 1, 2)  # the SLA, not the wish
    assert "Expedite" in result.checklist["item"].tolist()


def test_requested_between_the_two_slas_expedites_only_managed() -> None:
    result = plan(
        [("2127361001", "AT&T"), ("+1 416 363 2000", "Bell")], requested_date="2025-01-06"
    )
    ss, mg = result.requests.iloc[0], result.requests.iloc[1]
    assert np.isnan(ss["expedite_min"]) and ss["earliest_date"].date() == dt.date(2025, 1, 6)
    assert mg["expedite_min"] == 75.0


def test_bad_dates_are_input_errors() -> None:
    with pytest.raises(InputError, match="before the submission date"):
        plan([("2127361001", "AT&T")], requested_date="2024-12-01")
    with pytest.raises(InputError, match="cannot read the requested date 'soon'"):
        plan([("2127361001", "AT&T")], requested_date="soon")
    us_style = plan([("2127361001", "AT&T")], submit_date="3/14/2025")
    assert us_style.submit_date == dt.date(2025, 3, 14)


def test_submission_defaults_to_today() -> None:
    result = plan_ports(table([("2127361001", "AT&T")]), today=dt.date(2025, 3, 3))
    assert result.submit_date == dt.date(2025, 3, 3)
    assert result.requests["earliest_date"].iloc[0].date() == dt.date(2025, 3, 12)


# --- P9 licenses ------------------------------------------------------------------------


def test_p9_license_shortfall() -> None:
    rows = block("212736", 1000, 30, "AT&T") + [("800-222-4357", "AT&T"), ("+1 416 363 2000", "")]
    result = plan(rows, licenses={"local": 20, "Toll Free": 5})
    licenses = result.licenses.set_index("type")
    assert licenses.loc["local", "needed"] == 31 and licenses.loc["local", "shortfall"] == 11
    assert licenses.loc["toll-free", "shortfall"] == 0
    assert "License shortfall: local" in result.checklist["item"].tolist()
    unchecked = plan(rows).licenses.set_index("type")
    assert pd.isna(unchecked.loc["local", "available"])


@pytest.mark.parametrize("bad", [{"local": -1}, {"local": 2.5}, {"local": "many"}, {"fax": 3}])
def test_p9_bad_license_counts_are_input_errors(bad: dict) -> None:
    with pytest.raises(InputError):
        plan([("2127361001", "AT&T")], licenses=bad)


# --- P10-P12 checklist ------------------------------------------------------------------


def test_checklist_has_a_csr_line_per_carrier_and_the_day_of_port_checks() -> None:
    rows = block("212736", 1000, 60, "AT&T") + [
        ("2127362000", "at&t"),
        ("3126215000", "Verizon"),
        ("+1 416 363 2000", "Bell"),
    ]
    result = plan(rows)
    checklist = result.checklist
    assert list(checklist.columns) == ["item", "detail", "rule"]
    csr = checklist[checklist["item"].str.startswith("CSR from")]
    assert csr["item"].tolist() == ["CSR from AT&T", "CSR from Bell Canada", "CSR from Verizon"]
    assert csr["detail"].iloc[0] == "61 numbers in SS-212736-ATT-01, SS-212736-ATT-02"
    assert (csr["rule"] == "P10").all()
    assert "Customer's bill" in checklist["item"].tolist()
    p11 = checklist[checklist["rule"] == "P11"]
    assert len(p11) == 4 and "(by 2024-12-21)" in p11["detail"].iloc[0]
    p12 = checklist[checklist["rule"] == "P12"]
    assert len(p12) == 3
    assert "scrub" in " ".join(p12["detail"]) and "lunch" in " ".join(p12["detail"])


def test_no_managed_timeline_without_managed() -> None:
    result = plan([("2127361001", "AT&T")])
    assert not (result.checklist["rule"] == "P11").any()


# --- tables and errors -------------------------------------------------------------------


def test_summary_and_chart_data_add_up() -> None:
    rows = block("212736", 1000, 55, "AT&T") + [("+1 416 363 2000", ""), ("junk", "AT&T")]
    result = plan(rows)
    summary = dict(zip(result.summary["metric"], result.summary["value"], strict=True))
    assert summary["Rows in the list"] == 57
    assert summary["Numbers planned"] == 56 and summary["Invalid numbers"] == 1
    assert summary["Requests"] == 3 and summary["Managed numbers"] == 1
    assert summary["Earliest port date"] == dt.date(2025, 1, 2)
    assert summary["Latest port date"] == dt.date(2025, 1, 23)
    chart = result.by_carrier.set_index("carrier")
    assert chart.loc["AT&T", "Self-Service"] == 55
    assert chart.loc["(unknown)", "Managed"] == 1
    assert chart["total"].sum() == 56


def test_request_numbers_lists_each_request_in_number_order() -> None:
    rows = [("2127361003", "AT&T"), ("2127361001", "AT&T"), ("2127361002", "AT&T")]
    listed = dict(plan(rows).request_numbers())
    assert listed["SS-212736-ATT-01"]["number"].tolist() == [
        "2127361001",
        "2127361002",
        "2127361003",
    ]
    assert listed["SS-212736-ATT-01"].index.tolist() == [3, 4, 2]


def test_columns_found_by_name_or_given() -> None:
    frame = pd.DataFrame({"Site": ["HQ"], "TN": ["2127361001"], "Losing Carrier": ["AT&T"]})
    result = plan_ports(frame, submit_date=SUBMIT)
    assert (result.number_column, result.carrier_column) == ("TN", "Losing Carrier")
    frame = pd.DataFrame({"Main line": ["2127361001"], "Who": ["AT&T"]})
    result = plan_ports(frame, number_column="main LINE", carrier_column="Who")
    assert result.requests["request"].tolist() == ["SS-212736-ATT-01"]


def test_missing_columns_are_input_errors_naming_the_columns() -> None:
    frame = pd.DataFrame({"Name": ["A"], "Site": ["HQ"]})
    with pytest.raises(InputError, match="no phone number column") as error:
        plan_ports(frame)
    assert "'Name', 'Site'" in str(error.value)
    with pytest.raises(InputError) as error:
        plan_ports(pd.DataFrame({"Phone": ["2127361001"]}), carrier_column="Carrier")
    assert error.value.column == "Carrier"


def test_a_list_with_nothing_valid_gives_no_requests() -> None:
    result = plan([("TBD", "AT&T"), ("", "")])
    assert result.requests.empty and len(result.exceptions) == 2
    assert list(result.request_numbers()) == []
    assert result.summary.set_index("metric").loc["Requests", "value"] == 0


def test_an_empty_table_plans_nothing() -> None:
    result = plan_ports(pd.DataFrame({"Phone": pd.Series([], dtype=object)}))
    assert result.numbers.empty and result.requests.empty
