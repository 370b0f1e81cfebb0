"""Shared vectorized helpers for the CSR steps: blanks, name keys, countries, number keys.

Every helper works once per distinct value (``pd.factorize``) and maps the answers back
with numpy indexing, so a million-row CSR with a few hundred carriers or countries costs
one hash pass per column, never a Python loop over rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import phonenumbers

from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.settings import Settings

ANY = frozenset({"", "*", "any", "all", "not listed"})  # matrix cells that match everything

_NOT_ALNUM = re.compile(r"[\W_]+")

# Names and codes seen in country columns, beyond the US/UK lists in Settings (C3). A value
# not listed here still compares consistently: it becomes its upper-cased name key.
_COUNTRY_NAMES = {
    "canada": "CA",
    "can": "CA",
    "mexico": "MX",
    "mex": "MX",
    "australia": "AU",
    "aus": "AU",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "ireland": "IE",
    "india": "IN",
    "netherlands": "NL",
    "spain": "ES",
    "italy": "IT",
    "japan": "JP",
    "brazil": "BR",
    "singapore": "SG",
    "philippines": "PH",
    "puerto rico": "PR",
    "new zealand": "NZ",
    "south africa": "ZA",
    "hong kong": "HK",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
}


def text_key(value: object) -> str:
    """Case-, space- and punctuation-free words: "Onvoy, LLC " -> "onvoy llc"."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(_NOT_ALNUM.sub(" ", str(value).casefold()).split())


def map_distinct(values: pd.Series, func: Callable[[object], object]) -> np.ndarray:
    """``func`` applied once per distinct value, answers spread back over all rows."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    answers = np.empty(len(uniques) + 1, dtype=object)
    for position, value in enumerate(uniques):
        answers[position] = func(value)
    if len(codes) and codes.min() < 0:  # code -1: missing values
        answers[-1] = func(None)
    return answers[codes]


def is_blank(values: pd.Series) -> np.ndarray:
    """True for None/NaN, "" and whitespace-only cells (what an agent means by blank).

    An all-text column (every CSV) takes ``str.isspace`` through ``map``, about four times
    faster than pandas' ``str.strip`` on a million cells; mixed workbook columns go cell
    by cell. Numbers, dates and booleans are never blank.
    """
    cells = values.to_numpy(dtype=object)
    if not len(cells):
        return np.zeros(0, dtype=bool)
    if pd.api.types.infer_dtype(cells, skipna=False) == "string":
        spaces = np.fromiter(map(str.isspace, cells), dtype=bool, count=len(cells))
        return spaces | (cells == "")
    return np.fromiter(map(_blank_cell, cells), dtype=bool, count=len(cells))


def _blank_cell(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return value != value
    return isinstance(value, str) and (value == "" or value.isspace())


def cell_text(value: object) -> str:
    """A cell as stripped text: blanks "", whole floats from Excel without their ".0"."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def word_match(key: str, patterns: Iterable[str]) -> bool:
    """True if a pattern starts a word of ``key`` ("onvoy" in "peerless onvoy llc").

    Patterns and key are ``text_key`` forms; a glued spelling ("neutraltandem") matches
    too, because spaces are also compared removed.
    """
    if not key:
        return False
    padded = " " + key
    glued = key.replace(" ", "")
    for pattern in patterns:
        if not pattern:
            continue
        if " " + pattern in padded or glued.startswith(pattern.replace(" ", "")):
            return True
    return False


def pattern_list(cell: object) -> tuple[str, ...] | None:
    """A matrix cell as alternatives ("ported|port in"); None means "matches anything"."""
    key_parts = [text_key(part) for part in cell_text(cell).split("|")]
    key_parts = [part for part in key_parts if part]
    if not key_parts or any(part in ANY for part in key_parts):
        return None
    return tuple(key_parts)


def country_code(value: object, settings: Settings) -> str:
    """A country cell as an ISO-like code: "USA", "United States" -> "US"; blank -> "".

    Calling codes ("44", "+44") become their region; "1" is shared by the US, Canada and
    the Caribbean, so it stays unknown ("") and the number decides.
    """
    key = text_key(value)
    if not key:
        return ""
    if key in {text_key(n) for n in settings.us_country_names}:
        return "US"
    if key in {text_key(n) for n in settings.uk_country_names}:
        return "GB"
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key]
    if key.isascii() and key.isdigit():  # "²" is a digit to Python, not to int()
        if key == "1":
            return ""
        region = phonenumbers.region_code_for_country_code(int(key))
        return "" if region in (None, "ZZ", "001") else region
    return key.upper()


def countries(
    table: pd.DataFrame,
    number_column: object,
    country_column: object | None,
    settings: Settings,
) -> pd.Series:
    """Each row's country code: the country column first (C3: "column b"), else the number.

    Rows whose country cell is blank (or the whole column missing) take the region of
    their phone number (N5); a number that cannot be read leaves the country unknown ("").
    """
    if country_column is not None:
        codes = map_distinct(table[country_column], lambda v: country_code(v, settings))
    else:
        codes = np.full(len(table), "", dtype=object)
    unknown = codes == ""
    if unknown.any():
        numbers = table[number_column].astype(object)[unknown]
        codes[unknown] = map_distinct(numbers, _number_region_cached(numbers))
    return pd.Series(codes, index=table.index, dtype=object)


def _number_region_cached(values: pd.Series) -> Callable[[object], str]:
    """Regions of the distinct values, computed in one vectorized normalize_numbers call."""
    distinct = pd.unique(values.astype(object).dropna())
    verdicts = normalize_numbers(pd.Series(distinct, dtype=object))
    found = {
        value: region
        for value, region, number in zip(
            distinct, verdicts["region"], verdicts["number"], strict=True
        )
        if number
    }
    return lambda value: found.get(value, "") if value is not None else ""


def number_keys(values: pd.Series) -> pd.Series:
    """Comparable numbers: 10 digits for NANP, E.164 otherwise, "" when unreadable (N1).

    Used to match a CSR row with its port order, a billing number with the numbers leaving,
    and to find C7's lowest number; computed once per distinct value.
    """
    objects = values.astype(object)
    distinct = pd.unique(objects.dropna())
    if not len(distinct):
        return pd.Series("", index=values.index, dtype=object)
    verdicts = normalize_numbers(pd.Series(distinct, dtype=object))
    lookup = pd.Series(verdicts["number"].to_numpy(dtype=object), index=pd.Index(distinct))
    keys = objects.map(lookup)
    return keys.where(keys.notna(), "").astype(object)
