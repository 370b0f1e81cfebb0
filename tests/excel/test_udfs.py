"""Worksheet functions, called as Excel would: one cell, or a column as a 2-D list."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import phonenumbers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lnp_excel.core.carriers import DEFAULT_DIRECTORY
from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.numbers.single import _plain_number, normalize_one
from lnp_excel.core.plan import plan_ports
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


def _partition(labels: list[object]) -> list[int]:
    """Each position's first position with the same label: equal partitions, equal lists."""
    first: dict[object, int] = {}
    return [first.setdefault(label, at) for at, label in enumerate(labels)]


def _batches_and_plan(tmp_path, numbers: list[str], carriers: list[object]) -> tuple[list, list]:
    """PORT_BATCH per cell, and plan_ports' request per row, on a list written and re-read."""
    listing = tmp_path / "port_list.csv"
    pd.DataFrame({"Number": numbers, "Carrier": carriers}).to_csv(listing, index=False)
    table = pd.read_csv(listing, dtype=object)
    batches = [PORT_BATCH(n, c) for n, c in zip(table["Number"], table["Carrier"], strict=True)]
    requests = plan_ports(table).numbers["request"].astype(str).tolist()
    return batches, requests


def test_port_batch_groups_carriers_by_the_directory_as_the_planner_does(tmp_path) -> None:
    """P3, P3b: "AT&T Corp" is the directory's AT&T; Verizon and Verizon Wireless are two
    carriers (wireline, wireless); PORT_BATCH groups the rows as plan_ports' requests do."""
    carriers = ["AT&T Corp", "AT&T", "Verizon", "Verizon Wireless", "N/A", "", "Cellco LLC"]
    numbers = [f"212-736-{1000 + at}" for at in range(len(carriers))]
    batches, requests = _batches_and_plan(tmp_path, numbers, carriers)
    assert batches[0] == batches[1] != batches[2] != batches[3]
    assert batches[4] == batches[5] == "212736"  # carrier not known, as with none (P3)
    assert batches[6] == batches[3]  # Cellco is an alias of Verizon Wireless
    assert all(request.startswith("SS-212736-") for request in requests)
    assert _partition(batches) == _partition(requests)
    assert PORT_BATCH([[n] for n in numbers], [[c] for c in carriers]) == [[b] for b in batches]


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


# --- one cell at a time equals the whole column at once (issue 14) -----------------------------

NANP_FORMATS = (
    "({}) {}-{}",
    "{}-{}-{}",
    "{}.{}.{}",
    "+1 {} {} {}",
    "1-{}-{}-{}",
    "{}{}{}",
    "'{}{}{}",
    " {} {} {} ",
    "011 1 {} {} {}",
    "+1 ({}) {}-{}",
)
nanp = st.builds(
    lambda form, npa, nxx, line: form.format(npa, nxx, f"{line:04d}"),
    st.sampled_from(NANP_FORMATS),
    st.integers(100, 999),
    st.integers(0, 999).map(lambda n: f"{n:03d}"),
    st.integers(0, 9999),
)


def _example(region: str, style: int) -> object:
    example = phonenumbers.example_number(region)
    if example is None:
        return "+" + region
    if style == 3:  # as Excel stores a number typed in a cell
        return float(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)[1:])
    return phonenumbers.format_number(example, style)


world = st.builds(
    _example,
    st.sampled_from(sorted(phonenumbers.SUPPORTED_REGIONS)),
    st.sampled_from([0, 1, 3]),  # E164, INTERNATIONAL, a float
)
cells = st.one_of(
    nanp,
    nanp,
    world,
    st.text(alphabet="0123456789 ()-./+'", max_size=24),
    st.text(max_size=12),
    st.integers(-(10**3), 10**16),
    st.floats(),
    st.none(),
    st.booleans(),
    st.sampled_from(["2127361234.0", "212.736.12", "+44 (0) 20 7946 0958", "N/A", ""]),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ONE_NUMBER_UDFS = (TN_NORMALIZE, TN_NPA_NXX, TN_REGION, PORT_PATH, PORT_BATCH)


@SETTINGS
@given(st.lists(cells, min_size=1, max_size=25))
def test_one_cell_at_a_time_equals_the_whole_column(items: list[object]) -> None:
    column = [[value] for value in items]
    for function in ONE_NUMBER_UDFS:
        one_by_one = [function(value) for value in items]
        assert one_by_one == [row[0] for row in function(column)], function.__name__


@SETTINGS
@given(
    st.lists(
        st.tuples(
            cells,
            st.sampled_from(
                ["AT&T", " at&t ", "AT&T Corp", "Verizon", "Verizon Wireless", "N/A", "", None]
            ),
        ),
        max_size=15,
    )
)
def test_port_batch_with_carriers_one_cell_equals_the_column(pairs: list[tuple]) -> None:
    one_by_one = [PORT_BATCH(number, carrier) for number, carrier in pairs]
    column = PORT_BATCH([[n] for n, _ in pairs], [[c] for _, c in pairs]) if pairs else []
    assert one_by_one == [row[0] for row in column]


directory_names = [
    name
    for canonical, aliases, *_ in DEFAULT_DIRECTORY
    for name in (canonical, *aliases.split("|"))
]
spellings = st.one_of(
    st.sampled_from([n for n in directory_names if n]),
    st.sampled_from(directory_names).map(lambda n: f" {n.upper()}, Inc."),
    st.sampled_from(["Acme Telecom", "ACME TELECOM LLC", "Verizon Wirless", "N/A", "", "#N/A"]),
)


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(["212736", "212947", "718387"]), st.integers(0, 9999)),
        min_size=1,
        max_size=30,
        unique=True,
    ),
    st.data(),
)
def test_port_batch_partitions_a_list_as_plan_ports_does(tmp_path_factory, lines, data) -> None:
    """P2, P3, P3b: rows share a PORT_BATCH exactly when the planner puts them in one request
    (fewer than 50 a group, so no group is split by P1)."""
    numbers = [f"{head}{line:04d}" for head, line in lines]
    carriers = data.draw(st.lists(spellings, min_size=len(numbers), max_size=len(numbers)))
    batches, requests = _batches_and_plan(tmp_path_factory.mktemp("plan"), numbers, carriers)
    assert _partition(batches) == _partition(requests)


@settings(SETTINGS, max_examples=200)
@given(cells)
def test_the_single_value_path_gives_the_engines_row(value: object) -> None:
    """N1-N6: every column of ``normalize_numbers`` for one value, not only the answers."""
    expected = normalize_numbers(pd.Series([value], dtype=object)).iloc[0].to_dict()
    got = normalize_one(value)
    assert got.keys() == expected.keys() and got["input"] is value
    assert {k: v for k, v in got.items() if k != "input"} == {
        k: v for k, v in expected.items() if k != "input"
    }, value


def test_the_shapes_of_a_typed_column_take_the_single_value_path() -> None:
    """The plain shapes are read without the column set-up; a refusal is the engine's."""
    plain = ["(212) 736-1234", "+1 416 363 2025", "'3126215056", 2127361234.0, "+44 20 7946 0958"]
    for value in plain:
        assert _plain_number(value, "US") == normalize_one(value)
    for value in ["212-736-12", "718-387-22O1", "2.12736E+09", ""]:
        assert _plain_number(value, "US") is None
        assert normalize_one(value)["status"] != "ok"
    assert _plain_number("+1 310-1234", "US") is None  # +1 and 7 digits: the engine's (N2b)


@SETTINGS
@given(st.lists(st.one_of(st.integers(0, 400), st.none()), min_size=1, max_size=10))
def test_other_one_value_functions_agree_with_their_column_form(counts: list) -> None:
    for path in ("Managed", "Self-Service", "Custom"):
        assert [PORT_COST(c, path) for c in counts] == [
            r[0] for r in PORT_COST([[c] for c in counts], path)
        ]
    carriers = ["Onvoy, LLC", "Bandwidth", None, "Neutral Tandem", "Comcast"]
    for carrier in carriers:
        assert [CSR_PIN(carrier)] == CSR_PIN([[carrier]])[0]
        assert [CSR_ESCALATION(carrier)] == CSR_ESCALATION([[carrier]])[0]
    day = dt.date(2026, 12, 21)
    assert PORT_DATES(day, "Managed") == PORT_DATES([[day]], "Managed")
