"""One value through the number engine, for a worksheet cell (N1-N6; issue 14).

``normalize_numbers`` sets up character matrices, per-country passes and a DataFrame:
1-3 ms for one value, 60-85x libphonenumber's own parse. A formula filled down a column
calls it once per cell. ``normalize_one`` reads the shapes that fill such a column (digits
and formatting: a 10-digit NANP number, or ``+``/``011`` and a country code) with the
engine's own tables: ``matrix.CLASS`` for the characters, the ``phonemeta`` automaton of
the country for validity, region and type (walked digit by digit, as ``_run_automaton``
walks it), ``checks.plan_warning`` for the N3 warnings and ``verdicts``' own reasons for a
NANP number not in service. Every other value (refusals, odd characters, shapes the engine
leaves to libphonenumber) goes to ``normalize_numbers`` itself. There is no second set of
reasons, and ``tests/excel/test_udfs.py`` checks both give the same row on random input.
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd
import phonenumbers

from lnp_excel.core.numbers import phonemeta
from lnp_excel.core.numbers.checks import plan_warning
from lnp_excel.core.numbers.engine import COLUMNS, INVALID, OK, normalize_numbers
from lnp_excel.core.numbers.matrix import (
    APOS,
    CLASS,
    DIGIT,
    DOT,
    MAX_DIGITS,
    MAX_FAST_WIDTH,
    PLUS,
    PUNCT,
    SPACE,
)
from lnp_excel.core.numbers.verdicts import NANP_COUNTRY_CODE, nanp_invalid_reason

_CLASS_OF = CLASS.tobytes()  # one byte per code point up to U+FFFF: a fast scalar lookup
_LAST_CODE = len(_CLASS_OF) - 1  # code points past it clip to "other", as ``prepare`` does
_COUNTRY_CODES = frozenset(phonemeta.COUNTRY_CODES.tolist())
_UNKNOWN = phonenumbers.PhoneNumberType.UNKNOWN


def normalize_one(value: object, default_region: str = "US") -> dict[str, object]:
    """The row ``normalize_numbers([value], default_region)`` gives, as {column: value}."""
    row = _plain_number(value, default_region)
    if row is not None:
        return row
    frame = normalize_numbers(pd.Series([value], dtype=object), default_region)
    return {column: frame[column].iloc[0] for column in frame.columns}


def _plain_number(value: object, default_region: str) -> dict[str, object] | None:
    """The engine's row when ``value`` is a number in a plain shape it reads, else None."""
    text = _text(value)
    digits, has_plus = _plain_digits(text) if text else ("", False)
    if not digits or len(digits) > MAX_DIGITS:
        return None
    nanp_default = phonenumbers.country_code_for_region(default_region) == NANP_COUNTRY_CODE
    idd = not has_plus and nanp_default and len(digits) >= 4 and digits[:3] == "011"
    if has_plus or idd:
        return _international(digits[3:] if idd else digits, value)
    if not nanp_default:
        return None
    if len(digits) == 10 or (len(digits) == 11 and digits[0] == "1"):
        return _verdict_row(value, NANP_COUNTRY_CODE, digits[-10:])
    return None


def _text(value: object) -> str | None:
    """Pass 1 (``text.as_texts``) for the value types a cell holds; None for the others."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is int:
        return str(value)
    if kind is float:
        number = float(value)  # type: ignore[arg-type]
        if math.isfinite(number) and number == math.floor(number) and abs(number) < 1e17:
            return str(int(number))
    return None


def _plain_digits(text: str) -> tuple[str, bool]:
    """The digits of a text ``matrix.fast_rows`` reads as it is (none when it does not),
    and whether it has a ``+``.

    Digits, spaces and ``()-./`` anywhere; one ``+`` and one apostrophe before the first
    digit (the apostrophe not after the ``+``); not a float-like ``2127361234.0``.
    """
    if len(text) > MAX_FAST_WIDTH:
        return "", False
    digits: list[str] = []
    plus_at = apos_at = dot_at = -1
    plus = apos = dots = 0
    separators = False
    for at, char in enumerate(text):
        kind = _CLASS_OF[min(ord(char), _LAST_CODE)]
        if kind == DIGIT:
            digits.append(char)
        elif kind in (SPACE, PUNCT):
            separators = True
        elif kind == PLUS:
            plus, plus_at = plus + 1, plus_at if plus else at
        elif kind == APOS:
            apos, apos_at = apos + 1, apos_at if apos else at
        elif kind == DOT:
            dots, dot_at = dots + 1, dot_at if dots else at
        else:  # padding or any other character: the engine cleans or refuses it
            return "", False
    if plus or apos or dots:
        first_digit = text.index(digits[0]) if digits else 0
        if plus > 1 or (plus and plus_at >= first_digit):
            return "", False
        if apos > 1 or (apos and apos_at >= first_digit) or (apos and plus and apos_at > plus_at):
            return "", False
        after_dot = len(text) - dot_at - 1
        if dots == 1 and not separators and not plus and dot_at > 0 and 1 <= after_dot <= 2:
            return "", False  # "2127361234.0": the engine's text pass reads it (N1)
    return "".join(digits), plus > 0


def _international(digits: str, value: object) -> dict[str, object] | None:
    """After ``+`` or ``011``: the country code (the shortest known one), then the NSN."""
    if not digits or digits[0] == "0":
        return None
    code_length = next(
        (n for n in (1, 2, 3) if len(digits) >= n and int(digits[:n]) in _COUNTRY_CODES), 0
    )
    nsn = digits[code_length:]
    if not code_length or not 2 <= len(nsn) <= phonemeta.MAX_NSN_DIGITS:
        return None
    country = int(digits[:code_length])
    if country == NANP_COUNTRY_CODE and len(nsn) != 10:
        return None  # +1 and another count of digits: the engine says why (N2)
    if not (phonemeta.is_geographic(country) and phonemeta.compilable(country)):
        return None  # non-geographic codes are parsed by libphonenumber in the engine
    return _verdict_row(value, country, nsn, after_plus=True)


def _verdict_row(
    value: object, country: int, nsn: str, *, after_plus: bool = False
) -> dict[str, object] | None:
    """Run the country's automaton over the NSN; the engine's row when it is valid."""
    automaton = phonemeta.country_automaton(country)
    transitions, prefix_states = _tables(country)
    state = 1
    national_prefix = prefix_states[state]
    for digit in nsn:
        state = transitions[state][ord(digit) - 48]
        national_prefix |= prefix_states[state]
    if after_plus and national_prefix:
        return None  # a national prefix after +CC: the engine asks libphonenumber
    region, kind = automaton.verdict(state, len(nsn))
    row = dict.fromkeys(COLUMNS, "")
    row["input"] = value
    if kind == _UNKNOWN:
        if country != NANP_COUNTRY_CODE:
            return None  # the engine gives the reason
        # A NANP number that is not in service: the engine's reason, by its own function.
        row["reason"] = nanp_invalid_reason(int(nsn))  # the engine's reason (10 digits here)
        row["status"] = INVALID
        return row
    row.update(region=region or "", type=phonemeta.TYPE_NAMES.get(kind, ""))
    row["status"] = OK
    if country == NANP_COUNTRY_CODE:
        national = int(nsn)
        row["number"] = nsn
        row["npa_nxx"] = str(national // 10_000)
        row["warning"] = plan_warning(national)
    else:
        row["number"] = f"+{country}{nsn}"
    return row


@cache
def _tables(country: int) -> tuple[list[list[int]], list[bool]]:
    """The automaton's transitions and national-prefix states as lists (scalar walks)."""
    automaton = phonemeta.country_automaton(country)
    return automaton.transitions.tolist(), automaton.national_prefix_states.tolist()
