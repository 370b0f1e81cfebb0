"""Worksheet functions, called as Excel would: one cell, or a column as a 2-D list."""

from __future__ import annotations

import datetime as dt

from lnp_excel.excel.udfs import (
    CSR_ESCALATION,
    CSR_PIN,
    PORT_BATCH,
    PORT_BATCHES,
    PORT_COST,
    PORT_DATES,
    PORT_PATH,
    TN_NORMALIZE,
    TN_NPA_NXX,
    TN_REGION,
)


def test_tn_functions_on_one_cell_and_on_a_column() -> None:
    assert TN_NORMALIZE("(212) 736-1234") == "2127361234"
    assert TN_NORMALIZE(2127361234.0) == "2127361234"
    column = TN_NORMALIZE([["+44 20 7946 0958"], ["212-736-12"], [None]])
    assert column[0] == ["+442079460958"]
    assert column[1][0].startswith("invalid: too few digits")
    assert column[2] == [""]
    assert TN_NPA_NXX([["1-416-555-2671"], ["+44 20 7946 0958"]]) == [["416555"], [""]]
    assert TN_REGION("264-497-1234") == "AI"


def test_port_batch_groups_by_npa_nxx_and_carrier_spelling() -> None:
    assert PORT_BATCH("212-736-1234") == "212736"
    assert PORT_BATCH("212-736-1234", "AT&T") == PORT_BATCH("2127369999", " at&t ")
    assert PORT_BATCH("212-736-1234", "AT&T") != PORT_BATCH("212-736-1234", "Verizon")
    spilled = PORT_BATCH([["2127361234"], ["2127371234"]], [["AT&T"], ["AT&T"]])
    assert len(spilled) == 2 and spilled[0] != spilled[1]


def test_port_path_routes_by_country() -> None:
    paths = PORT_PATH([["212-736-1234"], ["416-555-2671"], ["+44 20 7946 0958"], ["bad"]])
    assert [p[0] for p in paths[:3]] == ["Self-Service", "Managed", "Custom"]
    assert paths[3][0].startswith("invalid")


def test_port_cost_managed_minimum_and_free_self_service() -> None:
    assert PORT_COST(3) == 50.0  # $5 a number, $50 minimum (P5)
    assert PORT_COST(20, "Managed") == 100.0
    assert PORT_COST(40, "Self-Service") == 0.0
    assert PORT_COST(400, "Custom") == "statement of work"
    assert PORT_COST([[3], [20]]) == [[50.0], [100.0]]


def test_port_dates_skip_weekends_and_holidays_across_the_year_end() -> None:
    # Monday 21 Dec 2026: Christmas (Fri 25th) and New Year (Fri 1 Jan 2027) are skipped.
    assert PORT_DATES(dt.date(2026, 12, 21)) == [[dt.date(2026, 12, 31), dt.date(2027, 1, 6)]]
    spilled = PORT_DATES([[dt.date(2026, 12, 21)], [dt.datetime(2026, 12, 21, 9, 0)]])
    assert spilled == [[dt.date(2026, 12, 31), dt.date(2027, 1, 6)]] * 2


def test_errors_are_text_in_the_cell() -> None:
    assert PORT_COST("many").startswith("#LNP: ")
    assert PORT_DATES(None, "Overnight").startswith("#LNP: unknown path")


def test_csr_pin_for_the_pin_carriers_in_the_us_only() -> None:
    spellings = [
        ["Inteliquent"],
        ["Onvoy, LLC"],
        ["Inteliquent Inc"],
        ["Intelliquent"],
        ["Neutral Tandem"],
        ["Bandwidth"],
    ]
    assert CSR_PIN(spellings) == [["8x82125"]] * 5 + [[""]]
    assert CSR_PIN("Onvoy LLC", "Canada") == ""
    assert CSR_PIN("Onvoy LLC", "United States") == "8x82125"


def test_csr_escalation_answers_the_article_table() -> None:
    assert "8x82125" in CSR_ESCALATION("Neutral Tandem")
    assert "portal" in CSR_ESCALATION("Bandwidth", "PIN rejected").lower()
    assert CSR_ESCALATION("Verizon Wireless").startswith("Verizon")
    assert "manager" in CSR_ESCALATION("Comcast")
    column = CSR_ESCALATION([["Onvoy LLC"], ["Comcast"]])
    assert "8x82125" in column[0][0] and "manager" in column[1][0]


def test_port_batches_spills_the_planners_request_ids() -> None:
    numbers = [[f"212-736-{1000 + i}"] for i in range(60)] + [["416-555-2671"], ["junk"]]
    carriers = [["AT&T"]] * 60 + [["Rogers"], [""]]
    ids = [row[0] for row in PORT_BATCHES(numbers, carriers)]
    assert len(ids) == 62
    self_service = ids[:60]
    assert len(set(self_service)) == 2  # 60 numbers: two requests of at most 50 (P1)
    assert max(self_service.count(i) for i in set(self_service)) == 50
    assert ids[60].startswith("MG-") and ids[61].startswith("no request: ")
