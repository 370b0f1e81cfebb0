"""R1-R9, T1: one table of carrier reject codes, shipped as data and looked up by any name."""

from __future__ import annotations

from pathlib import Path

import lnp_excel
from lnp_excel.core.reject_codes import REJECT_COLUMNS, reject_code, reject_table
from lnp_excel.io.tables import read_table

TEMPLATES = Path(lnp_excel.__file__).parent / "templates"


def test_shipped_csv_is_the_table() -> None:
    """The CSV an agent can read and extend holds exactly the table the code explains."""
    shipped = read_table(TEMPLATES / "reject_codes.csv", alias_groups=(("Code",),)).frame
    assert list(shipped.columns) == list(REJECT_COLUMNS)
    expected = reject_table().astype(object)
    assert shipped.fillna("").reset_index(drop=True).equals(expected)


def test_a_code_is_found_by_any_of_its_names() -> None:
    """The tracker gets an industry code from one platform and an exception type from
    another; both name the same entry, whatever the case or separators."""
    by_code = reject_code("E17")
    assert by_code is not None and by_code.field == "Account Number" and by_code.rule == "R1"
    assert reject_code(" account_number_mismatch ") == by_code
    assert reject_code("Account Number Mismatch") == by_code
    assert reject_code("e10a") is not None and reject_code("e10a").field == "Authorized Name"


def test_a_shared_platform_name_explains_as_the_first_code() -> None:
    """8C and E42 share Telnyx's PASSCODE_PIN_INVALID: the name maps to one entry, and each
    industry code still maps to its own."""
    assert reject_code("PASSCODE_PIN_INVALID").code == "8C"
    assert reject_code("E42").code == "E42"


def test_unknown_or_blank_codes_are_not_guessed() -> None:
    """An unknown code is shown as given (T1): the lookup answers None, never a near miss."""
    assert reject_code("E999") is None
    assert reject_code("E1 ") is not None and reject_code("E1").code == "E1"
    assert reject_code("") is None and reject_code(None) is None


def test_every_entry_is_complete() -> None:
    """Each code says which field, what was found, the fix and its rule id."""
    table = reject_table()
    assert table["Code"].is_unique
    for column in ("Telnyx", "Field", "Found", "Fix", "Rule"):
        assert (table[column].str.strip() != "").all(), column


def test_docs_show_the_whole_table() -> None:
    """R1-R9: docs/rules.md shows every code with its Bandwidth number and Telnyx type."""
    rules = (Path(lnp_excel.__file__).parents[1] / "docs" / "rules.md").read_text()
    for row in reject_table().itertuples(index=False):
        assert f"| {row.Code} | {row.Bandwidth} | {row.Telnyx} | {row.Field} |" in rules
