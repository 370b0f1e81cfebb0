"""N2, N2a, N2b: reasons name what is really there; extensions are kept apart; +1 takes 10.

Each case is what an agent was really handed (issue 13): numbers copied from Word or a web
page, a PBX extension, a tel: link, a date in the number column.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pandas as pd
import phonenumbers
import pytest

from lnp_excel.core.numbers import COLUMNS, normalize_numbers, normalized_table
from lnp_excel.core.numbers.matrix import digit_values, fast_rows, prepare
from lnp_excel.core.numbers.shapes import (
    _SPACES_AND_COMMAS,
    EXTENSION,
    SHOWN_LIMIT,
    dates_by_shape,
    extension_match,
    is_date,
)


def one(value: object, region: str = "US") -> pd.Series:
    return normalize_numbers([value], default_region=region).iloc[0]


@pytest.mark.parametrize("text", ["+1 310-1234", "+13101234", "011 1 310 1234"])
def test_n2b_plus_one_and_seven_digits_is_refused_not_a_fake_ten_digit_number(text: str) -> None:
    row = one(text)
    assert (row["status"], row["number"]) == ("invalid", "")
    assert "+1 followed by 7 digits" in row["reason"]
    # the same 7 digits without +1 are refused too: the two agree
    assert one("310-1234")["status"] == "invalid"


@pytest.mark.parametrize(
    ("text", "digits"), [("+1 212 736", 6), ("+1 212 736 12345", 11), ("+1 1 212 736 1234", 11)]
)
def test_n2b_plus_one_takes_exactly_ten_digits(text: str, digits: int) -> None:
    row = one(text)
    assert row["status"] == "invalid"
    assert f"+1 followed by {digits} digits" in row["reason"]


@pytest.mark.parametrize("separator", ["\u2014", "\u2015", "\u00ad", "\u2212", "\u30fc", "\uff0d"])
def test_n2b_separators_libphonenumber_accepts_are_separators(separator: str) -> None:
    text = f"(212) 736{separator}1234"
    assert phonenumbers.is_valid_number(phonenumbers.parse(text, "US"))
    row = one(text)
    assert (row["number"], row["status"]) == ("2127361234", "ok")


@pytest.mark.parametrize(
    ("text", "number", "extension"),
    [
        ("(415) 555-0132 x12", "4155550132", "12"),
        ("415-555-0132 ext 204", "4155550132", "204"),
        ("415.555.0132 ext. 204", "4155550132", "204"),
        ("650 253 0000 extn. 4567", "6502530000", "4567"),
        ("650 253 0000 extension 4567", "6502530000", "4567"),
        ("212-736-1234 #12", "2127361234", "12"),
        ("(800) 901-3355 , ext 7246433", "8009013355", "7246433"),
        ("+44 2034567890x456", "+442034567890", "456"),
        ("2127361234;ext=12", "2127361234", "12"),
        ("tel:+1-212-736-1234;ext=0012", "2127361234", "0012"),
    ],
)
def test_n2a_an_extension_is_kept_apart_and_the_number_is_valid(
    text: str, number: str, extension: str
) -> None:
    row = one(text)
    assert (row["status"], row["number"], row["extension"]) == ("ok", number, extension)
    assert f"extension {extension} kept apart" in row["warning"]
    assert "PBX" in row["warning"] and "N2a" in row["warning"]
    parsed = phonenumbers.parse(text, "US")  # libphonenumber reads the same extension
    assert parsed.extension == extension


def test_n2a_extension_column_follows_number_and_is_blank_without_one() -> None:
    assert COLUMNS[COLUMNS.index("number") + 1] == "extension"
    frame = normalize_numbers(["212-736-1234", "212-736-1235 x9", "TBD", None])
    assert frame["extension"].tolist() == ["", "9", "", ""]
    assert all(isinstance(e, str) for e in frame["extension"])


def test_n2a_normalized_table_shows_the_extension_column() -> None:
    table = pd.DataFrame({"Phone": ["(415) 555-0132 x12", "212-736-1234"]}, index=[2, 3])
    out = normalized_table(table, "Phone")
    assert out.columns.tolist()[:4] == ["Row", "Phone", "Normalized", "Extension"]
    assert out["Extension"].tolist() == ["12", ""]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("x12", "an extension (x12) with no phone number"),
        ("ext 204", "an extension (ext 204) with no phone number"),
        ("(212)123-1234 x508/x1234", "two extensions"),
        ("310-1234 x12", "too few digits (7)"),
        ("3/10/1984", "a date (3/10/1984)"),
        ("1984-03-10", "a date (1984-03-10)"),
        ("10.03.1984", "a date (10.03.1984)"),
        ("2024-02-12 00:00:00", "a date (2024-02-12 00:00:00)"),
        ("212-736-1234, 212-736-1235", "2 numbers in one cell"),
        ("tel:+1-212-736", "tel: link (tel:+1-212-736)"),
        ("tel:+1-212-736-1234;ext=12a", "a tel: link whose extension"),
    ],
)
def test_n2_reasons_name_what_is_really_there(text: str, named: str) -> None:
    row = one(text)
    assert (row["status"], row["number"], row["extension"]) == ("invalid", "", "")
    assert named in row["reason"]


def test_n2_a_tel_link_is_read_as_the_number_it_holds_and_says_so() -> None:
    frame = normalize_numbers(["tel:+1-212-736-1234", "TEL:+44-20-7946-0958"])
    assert frame["number"].tolist() == ["2127361234", "+442079460958"]
    assert frame["status"].tolist() == ["ok", "ok"]
    assert all("read from a tel: link" in w for w in frame["warning"])
    # a local number with a global phone-context is read in that country, as RFC 3966 says
    assert one("tel:020-7946-0958;phone-context=+44")["number"] == "+442079460958"


def test_n2_only_date_shapes_are_called_dates() -> None:
    assert "date" not in one("212-736-123")["reason"]
    assert "date" not in one("12-34-5678")["reason"]  # no month 34


def test_checks_run_once_per_distinct_value_on_many_rows() -> None:
    values = ["(415) 555-0132 x12", "3/10/1984", "+1 310-1234", "212\u2014736\u20141235"] * 50_000
    frame = normalize_numbers(values)
    assert frame["status"].tolist()[:4] == ["ok", "invalid", "invalid", "ok"]
    assert (frame["extension"] == "12").sum() == 50_000
    assert frame["status"].value_counts()["duplicate"] == 2 * 50_000 - 2


@pytest.mark.parametrize(
    ("cell", "quoted"),
    [
        ("refer to enclosed sheet", "(refer to enclosed sheet)"),
        ("n/a", "(n/a)"),
        ("  TBA - ask Kim  ", "(TBA - ask Kim)"),
        ("Lobby\x02phone", "(Lobby\\x02phone)"),
    ],
)
def test_reasons_quote_the_cell_as_written(cell, quoted):
    """N2: the reason names what is in the cell, letters, spaces and slashes included."""
    reason = normalize_numbers(pd.Series([cell], dtype=object))["reason"].iloc[0]
    assert quoted in reason


def test_a_long_cell_is_shortened_with_an_ellipsis():
    """N2: a long cell is quoted up to the limit, ending in an ellipsis, never squeezed."""
    cell = "please see the spreadsheet the customer emailed on Tuesday"
    reason = normalize_numbers(pd.Series([cell], dtype=object))["reason"].iloc[0]
    quoted = reason[reason.index("(") + 1 : reason.index(")")]
    assert quoted.endswith("\u2026") and len(quoted) == SHOWN_LIMIT
    assert cell.startswith(quoted[:-1])


def test_n2_dates_found_by_shape_are_the_dates_is_date_reads() -> None:
    """The batch engine names dates in numpy (issue 17); ``is_date`` reads them one by one
    for odd texts. On 60,000 texts of digits, separators and spaces both must agree."""
    rng = random.Random(1984)
    pieces = ["1", "12", "3", "31", "00", "13", "1984", "2199", "2200", "1799", "84", "123"]
    spaces = [" ", "\u00a0", "\u200b", "\t", "\u3000"]
    texts = []
    for _ in range(60_000):
        separator = rng.choice("/.-")
        groups = rng.choices(pieces, k=rng.choice([2, 3, 3, 3, 4]))
        joins = [separator if rng.random() < 0.9 else rng.choice("/.- ") for _ in groups[1:]]
        text = groups[0] + "".join(j + g for j, g in zip(joins, groups[1:], strict=True))
        if rng.random() < 0.3:
            text = rng.choice(spaces) + text + rng.choice(spaces + [""])
        if rng.random() < 0.05:
            text = rng.choice(["'", "+", "(", "\x00"]) + text
        texts.append(text)
    array = np.array(texts, dtype=object)
    codes, classes, flags = prepare(array)
    fast = fast_rows(classes, flags)
    value, counts = digit_values(codes, classes)
    lengths = np.array([len(t) for t in texts])
    found = dates_by_shape(codes[fast], lengths[fast], value[fast], counts[fast])
    expected = np.array([is_date(t) for t in array[fast]])
    assert fast.mean() > 0.8 and expected.sum() > 2_000  # the sample holds both kinds
    wrong = array[fast][found != expected]
    assert not len(wrong), wrong[:10]


def test_n2a_the_fast_extension_search_finds_what_the_pattern_finds() -> None:
    """``extension_match`` starts libphonenumber's extension pattern where a match can
    first start, or skips it on text without ";", a letter, "#", a tilde or ",," (issue
    17): on 100,000 random texts it finds the same match as a search from the start."""
    rng = random.Random(2026)
    alphabet = list("0123456789 ,;#~-.()/+xXeEtTnNiIoOaA:=\u2053\u223c\uff5e\u0434\t\u00a0")
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 18))) for _ in range(100_000)]

    def found(match: re.Match[str] | None) -> tuple | None:
        return None if match is None else (match.span(), match.groups())

    every_space = {c for c in map(chr, range(0x110000)) if c.isspace()}
    assert every_space <= set(_SPACES_AND_COMMAS)  # what the search backs over
    differ = [t for t in texts if found(extension_match(t)) != found(EXTENSION.search(t))]
    assert not differ, differ[:10]
    assert sum(bool(EXTENSION.search(t)) for t in texts) > 1000  # extensions were there
