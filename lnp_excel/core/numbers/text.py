"""Any cell value -> text a phone number can be read from, or a refusal reason (N1, N2).

Pass 1 turns values into text (ints, whole floats, strings; dates, booleans and
fractions refused). Text outside the digits-and-formatting alphabet is cleaned here,
once per distinct value: Unicode digits, libphonenumber's separators, scientific
notation, dates, tel: links and extensions (kept apart, N2a; ``shapes``), letters, two
numbers in one cell. The engine in ``numbers`` reads what comes out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal
from typing import NamedTuple

import numpy as np
import pandas as pd

from lnp_excel.core.errors import EXCEL_ERRORS
from lnp_excel.core.numbers.matrix import SEPARATORS
from lnp_excel.core.numbers.shapes import (
    MIN_MAIN_DIGITS,
    date_reason,
    is_date,
    read_tel,
    shown_cell,
    split_extension,
)

BLANK_CELL = "\x00empty"  # a blank cell: not an error, reported as status "empty"
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_FLOAT_TEXT = re.compile(r"(\d+)\.0{1,2}")
_DECIMAL = re.compile(r"\d+[.,]\d{1,2}")
_SEPARATORS = re.compile(r"[,;|&\n\r]|\s/\s|\band\b|\bor\b", re.IGNORECASE)
_SEPARATOR_MARKS = re.compile(r"[,;|&\n\r]|\s/\s")  # _SEPARATORS in text without letters
_ALLOWED = frozenset("0123456789 ()-./+'\t")
# The characters a cleaned number keeps: digits, formatting and any whitespace (N1).
_NOT_ALLOWED = re.compile(r"[^0-9 ()\-./+'\t\s]")  # \s is str.isspace() exactly
_ASCII_LETTERS = re.compile("[A-Za-z]")  # str.isalpha() on ASCII text
# Marks copied from web pages and documents that carry no character of their own.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2060\u2066\u2067\u2068\u2069\ufeff",
    )
)
# libphonenumber's punctuation (em dash, soft hyphen, tildes, brackets, ...) read as "-" (N2b).
_AS_HYPHEN = str.maketrans(dict.fromkeys(map(ord, SEPARATORS - _ALLOWED), "-"))
_LOOKALIKES = {"O": "0", "o": "0", "I": "1", "l": "1", "S": "5", "B": "8", "Z": "2"}


def as_texts(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Text for every value plus a refusal reason where the value cannot be a number."""
    count = len(series)
    reason = np.full(count, "", dtype=object)
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype(object)
    if pd.api.types.is_integer_dtype(series.dtype):
        return series.astype(str).to_numpy(dtype=object), reason
    if pd.api.types.is_float_dtype(series.dtype):
        return _float_texts(series.to_numpy(dtype=float), reason)
    if isinstance(series.dtype, pd.StringDtype):  # text or missing, nothing else
        # Missing cells keep their NaN in the (uncopied) texts: their reason keeps them
        # out of every pass that reads texts.
        reason[series.isna().to_numpy()] = BLANK_CELL
        return series.to_numpy(dtype=object), reason
    raw = series.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(raw, skipna=False) == "string":  # one C pass: all str
        return raw, reason
    # Compare type identities: numpy probes every element of an array of type objects.
    type_ids = np.fromiter(map(id, map(type, raw)), dtype=np.int64, count=count)
    is_str, is_float, is_int = (type_ids == id(str)), (type_ids == id(float)), (type_ids == id(int))
    texts = np.where(is_str, raw, "")  # object, as raw is
    floats = np.flatnonzero(is_float)
    if len(floats):
        texts[floats], reason[floats] = _float_texts(raw[floats].astype(float), reason[floats])
    ints = np.flatnonzero(is_int)
    texts[ints] = list(map(str, raw[ints]))
    for i in np.flatnonzero(~(is_str | is_float | is_int)):
        texts[i], reason[i] = _scalar_text(raw[i])
    return texts, reason


def _float_texts(floats: np.ndarray, reason: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Excel stores typed numbers as floats: 2127361234.0 is the number 2127361234."""
    texts = np.full(len(floats), "", dtype=object)
    whole = np.isfinite(floats) & (floats == np.floor(floats)) & (np.abs(floats) < 1e17)
    texts[whole] = floats[whole].astype(np.int64).astype(str)
    reason = reason.copy()
    reason[np.isnan(floats)] = BLANK_CELL
    reason[~whole & ~np.isnan(floats)] = "a decimal number, not a phone number"
    return texts, reason


def _scalar_text(value: object) -> tuple[str, str]:
    if value is None or value is pd.NA or value is pd.NaT:
        return "", BLANK_CELL
    if isinstance(value, float) and math.isnan(value):
        return "", BLANK_CELL
    if isinstance(value, bool | np.bool_):
        return "", f"a TRUE/FALSE value ({value}), not a phone number"
    if isinstance(value, dt.datetime | dt.date | dt.time | pd.Timestamp):
        return "", f"a date or time ({value}), not a phone number: format the column as Text"
    if isinstance(value, int | np.integer):
        return str(int(value)), ""
    if isinstance(value, float | np.floating | Decimal):
        if not math.isfinite(float(value)):
            return "", "not a number"
        if float(value) != math.floor(float(value)):
            return "", f"a decimal number ({value}), not a phone number"
        return str(int(value)), ""
    return str(value), ""


def clean_distinct(texts: np.ndarray) -> Cleaned:
    """Clean each distinct odd-shaped text once: cleaned texts, refusal reasons,
    extensions (N2a) and notes on how the number was read (a tel: link)."""
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object), sort=False)
    results = [_clean(t) for t in uniques]
    columns = [np.array([r[i] for r in results] + [""], dtype=object)[codes] for i in range(4)]
    return Cleaned(*columns)


class Cleaned(NamedTuple):
    """Per row: text in the fast alphabet, why not (N2), the extension (N2a), a note."""

    text: np.ndarray
    reason: np.ndarray
    extension: np.ndarray
    note: np.ndarray


def _clean(text: str) -> tuple[str, str, str, str]:
    """One odd-shaped value -> (text in the fast alphabet, refusal reason, extension, note)."""
    return _by_shape(text) or _clean_fully(text)


# Shapes most odd cells have, each read by one match (issue 17): a number and an
# extension, a tel: link, two numbers, a letter O for a zero. What ``_by_shape`` gives is
# what ``_clean_fully`` gives the same text (tests/core/numbers/test_clean_shapes.py).
_MAIN = r"\+?[0-9(][0-9 ()\-.]*[0-9]"  # digits and formatting, a digit last
_EXTENSION_SHAPE = re.compile(rf"(?P<main>{_MAIN}) ?(?:x|ext\.?) ?(?P<digits>[0-9]{{1,9}})")
_TEL_SHAPE = re.compile(r"[tT][eE][lL]:(?P<body> *\+?[0-9 ()\-]*)")
_TWO_NUMBERS_SHAPE = re.compile(rf"(?P<first>{_MAIN})(?:, | / )(?P<second>{_MAIN})")
_O_FOR_ZERO_SHAPE = re.compile(r"[0-9 ()\-.O]*")  # "212-736-O123": a letter O for 0
MIN_PART_DIGITS = 7  # a part of a cell with fewer digits is not a second number
TWO_NUMBERS = "{} numbers in one cell ({}): put one number per cell"


def _by_shape(text: str) -> tuple[str, str, str, str] | None:
    """``_clean_fully(text)`` for the common shapes, None for any other text."""
    if "x" in text:
        found = _EXTENSION_SHAPE.fullmatch(text)
        if found and _digit_count(found["main"]) >= MIN_MAIN_DIGITS:
            return found["main"], "", found["digits"], ""
    elif ":" in text:
        found = _TEL_SHAPE.fullmatch(text)
        if found and _digit_count(found["body"]):
            return found["body"].strip(), "", "", f"read from a tel: link ({shown_cell(text)})"
    elif "," in text or "/" in text:
        found = _TWO_NUMBERS_SHAPE.fullmatch(text)
        if found and min(map(_digit_count, found.group("first", "second"))) >= MIN_PART_DIGITS:
            return _refused(TWO_NUMBERS.format(2, shown_cell(text)))
    elif "O" in text and _O_FOR_ZERO_SHAPE.fullmatch(text):
        return _refused(_lookalike_reason("O"))
    return None


def _clean_fully(text: str) -> tuple[str, str, str, str]:
    """``_clean`` step by step, for any text."""
    shown = shown_cell(text)
    if text.strip().upper() in EXCEL_ERRORS:
        return _refused(
            f"an Excel error value ({shown}): the formula behind this cell failed; "
            "fix it in the sheet the list came from"
        )
    if text.isascii():  # nothing below changes ASCII text but the stripping
        value = text.strip().removeprefix("'").strip()
    else:
        if any(c.isdigit() and not c.isdecimal() for c in text):
            return _refused(
                f"superscript or circled digits ({shown}): type the number in plain digits"
            )
        value = _unicode_to_plain(text)
    if not value:
        return _refused(BLANK_CELL)
    if value[0].isdecimal() and is_date(value):  # a date starts with a digit
        return _refused(date_reason(shown))
    value, extension, why, linked = read_tel(value)
    note = f"read from a tel: link ({shown})" if linked else ""
    if why:
        return _refused(why)
    value, reason = _read_number(value, shown)
    if reason:
        return _refused(f"{reason}; {note}" if note else reason)
    if not extension:
        value, extension, label = split_extension(value)
        if extension and not any(map(str.isdigit, value)):
            return _refused(f"an extension ({label}) with no phone number before it")
        if extension and split_extension(value.rstrip("/\\ "))[1]:
            return _refused(f"two extensions ({shown}): keep the number and one extension")
    value, reason = _read_plain(value, shown)
    if reason:
        return _refused(f"{reason}; {note}" if note else reason)
    return value, "", extension, note


def _refused(reason: str) -> tuple[str, str, str, str]:
    return "", reason, "", ""


def _read_number(value: str, shown: str) -> tuple[str, str]:
    """Scientific notation and Excel's float text read back to digits (N1), or why not."""
    if ("e" in value or "E" in value) and _SCIENTIFIC.fullmatch(value):
        exact = _exact_scientific(value)
        if exact is None:
            return "", (
                f"scientific notation ({shown}): Excel dropped digits; format the column as "
                "Text (or Number with 0 decimals) and enter the numbers again"
            )
        value = exact
    if "." not in value and "," not in value:  # neither pattern can match
        return value, ""
    float_text = _FLOAT_TEXT.fullmatch(value)
    if float_text:
        value = float_text.group(1)
    elif _DECIMAL.fullmatch(value):
        return "", f"a decimal number ({shown}), not a phone number"
    return value, ""


def _read_plain(value: str, shown: str) -> tuple[str, str]:
    """The main number, extension removed: one number of digits and separators, or why not."""
    if _digit_count(value) >= 14:  # room for two numbers of 7 digits or more
        # "and" / "or" need letters: without any, only the marks can separate.
        if value.isascii():
            wordless = not _ASCII_LETTERS.search(value)
        else:
            wordless = not any(map(str.isalpha, value))
        separators = _SEPARATOR_MARKS if wordless else _SEPARATORS
        parts = [p for p in separators.split(value) if _digit_count(p) >= MIN_PART_DIGITS]
        if len(parts) >= 2:
            return "", TWO_NUMBERS.format(len(parts), shown)
    value = value.translate(_AS_HYPHEN)
    if value.isascii():
        letters = _ASCII_LETTERS.findall(value)
    else:
        letters = [c for c in value if c.isalpha()]
    if letters:
        lookalike = next((c for c in letters if c in _LOOKALIKES), None)
        if lookalike and all(c in _LOOKALIKES for c in letters):
            return "", _lookalike_reason(lookalike)
        return "", f"contains letters ({shown}): a phone number has only digits"
    odd = _NOT_ALLOWED.search(value)
    if odd:
        return "", f"unexpected character {odd.group()!r}"
    if "+" in value[1:]:
        return "", "a '+' that is not at the start"
    if "'" in value:
        return "", "an apostrophe inside the number"
    if not any(map(str.isdigit, value)):
        return "", "no digits"
    return value, ""


def _lookalike_reason(letter: str) -> str:
    digit = _LOOKALIKES[letter]
    return f"contains the letter '{letter}' where a digit belongs (did you mean {digit}?)"


def _digit_count(text: str) -> int:
    """How many characters of ``text`` are digits (``str.isdigit``), in C for ASCII."""
    if text.isascii():
        return len(text) - len(text.encode("ascii").translate(None, b"0123456789"))
    return sum(map(str.isdigit, text))


def _unicode_to_plain(text: str) -> str:
    """Invisible marks dropped; Arabic-Indic, Devanagari, ... digits read as 0-9, as NFKC
    does for full-width ones; curly apostrophes straightened; stripped."""
    value = text.translate(_INVISIBLE)
    if not value.isascii():
        value = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in value)
    value = unicodedata.normalize("NFKC", value)
    value = value.replace("\u2018", "'").replace("\u2019", "'").strip()
    return value.removeprefix("'").strip()


def _exact_scientific(value: str) -> str | None:
    """The integer "2.127361234E+09" spells out in full, or None when digits were lost.

    Excel shows 2127361234 as 2.12736E+09: six significant digits cannot give back ten,
    so that is refused (N2); a mantissa with every digit is the number itself (N1).
    """
    mantissa = value.upper().split("E")[0].lstrip("+-").replace(",", ".")
    try:
        number = Decimal(value.replace(",", "."))
    except ArithmeticError:
        return None
    significant = len(mantissa.replace(".", "").lstrip("0"))
    if number <= 0 or number != number.to_integral_value():
        return None
    # A positive integer has adjusted() + 1 digits; fewer significant ones were lost (and
    # "1E+9999" is never spelled out: Python refuses to print an int that long).
    return str(int(number)) if significant >= number.adjusted() + 1 else None
