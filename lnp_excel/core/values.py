"""What an agent types into a cell or an option, read one way everywhere.

Dates, whole counts, blanks, Excel error values and name keys are read here and only
here: the command line's ``--submit-date 3/14/2026``, the same text on the Settings sheet
behind a ribbon button, a date cell of a CSR export and a worksheet function's argument
all mean the same day. Two readers per kind: ``read_*`` for data cells (an unreadable
value is None, the caller flags the row) and ``parse_*`` for inputs a person gave on
purpose (an unreadable value is an InputError that names it and shows the formats).
Pure: no files, no Excel, and light (no pandas or numpy import) so any shell can use it.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from decimal import Decimal

from lnp_excel.core.errors import EXCEL_ERRORS, InputError

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 in Excel's (Lotus) calendar
SERIAL_RANGE = (20_000, 80_000)  # 1954..2119: numbers that are plausibly date serials
# A date a person gives (an option, a Settings cell) lies in these years: 9999-12-31 or
# 1/1/1900 is a typing slip, and far dates overflow pandas' datetimes (issue 18).
GIVEN_DATES = (dt.date(1990, 1, 1), dt.date(2099, 12, 31))
# A count a person gives (licenses, a limit) is at most this: more is a typing slip, and
# would overflow the 64-bit integers the tables hold.
MAX_GIVEN_COUNT = 10**9
DATE_FORMATS_SHOWN = "YYYY-MM-DD, M/D/YYYY or M/D/YY"
# Text forms, tried in order. US month-first only: an agent in this business writes
# 3/4/2026 for March 4; ISO is unambiguous; Excel's own displays (4-Mar-26) are read too.
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%Y/%m/%d",
    "%m-%d-%Y",
    "%m-%d-%y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
)
# A time after the date ("2026-03-14 00:00:00", "2026-03-14T09:30") is what a datetime
# cell becomes as text; platforms' exports add a zone ("2026-03-14T09:30:00.000Z",
# "2026-03-14T09:30:00-05:00", T1). The day as written is what counts.
_TIME_TAIL = re.compile(
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)$"
)
_NOT_ALNUM = re.compile(r"[\W_]+")
_COUNT_TEXT = re.compile(r"^[+]?\d{1,3}(?:,\d{3})+(?:\.0*)?$|^[+]?\d+(?:\.0*)?$")


def is_blank(value: object) -> bool:
    """An empty cell or option: None, NaN/NaT/NA, or text of nothing but spaces."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Decimal):  # a signaling NaN raises on any comparison
        return value.is_nan()
    try:
        return bool(value != value)  # NaN and NaT differ from themselves
    except (TypeError, ArithmeticError):  # pandas' NA, Decimal('sNaN'): a missing value
        return True


def _is_bool(value: object) -> bool:
    return isinstance(value, bool) or type(value).__name__ == "bool_"


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real | Decimal) and not _is_bool(value)


def excel_error(value: object) -> str | None:
    """The Excel error value a cell shows (``#N/A``, ``#REF!``, ...), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().upper()
    return text if text in EXCEL_ERRORS else None


def field_text(value: object) -> str:
    """A cell as the text a request or CSR field holds (P3c, R1-R9): trimmed, inner
    space collapsed, 12345.0 as 12345, blank "" and an Excel error value (``#N/A`` from a
    broken lookup) "" too: no value, never a field, file or letter saying ``#N/A``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = " ".join(str(value).split())
    return "" if text.upper() in EXCEL_ERRORS else text


def name_key(value: object) -> str:
    """Lower-case letters and digits only: "Phone #", "phone_number " and "PHONE" compare."""
    if is_blank(value):
        return ""
    return _NOT_ALNUM.sub("", str(value).casefold())


def serial_date(number: float) -> dt.date | None:
    """An Excel date serial (45383 = 2024-04-01) as a date; None outside 1954-2119."""
    if number != number or not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def read_date(value: object) -> dt.date | None:
    """A cell as a date: date/datetime cells, ISO or US text, Excel serials; else None."""
    if is_blank(value) or _is_bool(value):
        return None
    if isinstance(value, dt.datetime):  # pandas' Timestamp too
        return value.date()
    if isinstance(value, dt.date):
        return value
    if type(value).__name__ == "datetime64":  # numpy's, without importing numpy
        return value.astype("datetime64[D]").item()  # type: ignore[attr-defined]
    if _is_number(value):
        return serial_date(float(value))  # type: ignore[arg-type]
    if isinstance(value, bytes | bytearray | memoryview):
        return None
    text = str(value).strip()
    try:
        return serial_date(float(text))
    except ValueError:
        pass
    text = _TIME_TAIL.sub("", text).strip()
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def parse_date(value: object, what: str, **where: object) -> dt.date | None:
    """A date a person gave (an option, a Settings cell): blank is None, else a date or
    an InputError naming ``what``, the value and the formats read (located by ``where``)."""
    if is_blank(value):
        return None
    error = excel_error(value)
    if error:
        raise InputError(f"the {what} is an Excel error value ({error}), not a date", **where)
    day = read_date(value)
    if day is None:
        raise InputError(
            f"cannot read the {what} '{_shown(value)}' (not a date): use "
            f"{DATE_FORMATS_SHOWN}, e.g. 2026-03-14 or 3/14/2026",
            **where,
        )
    low, high = GIVEN_DATES
    if not low <= day <= high:
        raise InputError(
            f"the {what} {day:%Y-%m-%d} is not a plausible date: give one from "
            f"{low:%Y-%m-%d} to {high:%Y-%m-%d}",
            **where,
        )
    return day


def parse_count(value: object, what: str, **where: object) -> int | None:
    """A whole count a person gave (licenses, a limit): 250, 250.0, "1,000"; blank is None;
    negative, fractional or other values are an InputError naming ``what``."""
    if is_blank(value):
        return None
    error = excel_error(value)
    if error:
        raise InputError(f"the {what} is an Excel error value ({error}), not a number", **where)
    number: float | int | None
    if _is_bool(value):
        number = None
    elif isinstance(value, numbers.Integral):
        number = int(value)  # exact: 10**30 must not become a float first
    elif _is_number(value):
        try:
            number = float(value)  # type: ignore[arg-type]
        except (ValueError, OverflowError):  # Decimal('sNaN'), a huge Decimal
            number = None
    else:
        text = str(value).strip()
        number = float(text.replace(",", "")) if _COUNT_TEXT.match(text) else None
        if number is None:
            try:
                number = float(text)
            except ValueError:
                number = None
    shown = _shown(value)
    if number is None or (isinstance(number, float) and not math.isfinite(number)):
        raise InputError(f"the {what} '{shown}' is not a number", **where)
    if number < 0 or number != int(number):
        raise InputError(f"the {what} '{shown}' is not a whole number of 0 or more", **where)
    if number > MAX_GIVEN_COUNT:
        raise InputError(f"the {what} '{shown}' is too large: at most {MAX_GIVEN_COUNT:,}", **where)
    return int(number)


def plain_cell(value: object) -> object:
    """A cell any reader can take: what Python code can put in a DataFrame but no sheet
    holds becomes what the row's reason can name (issue 18 item 20). Binary data is
    described, a list or dict shown as text (unhashable: grouping would raise), a NaN
    Decimal is a blank (a signaling one raises on every comparison), an infinite one a
    float; everything else is kept as it is."""
    if isinstance(value, bytes | bytearray | memoryview):
        return f"binary data ({plural(len(value), 'byte')}), not text"
    if isinstance(value, Decimal):
        if value.is_nan():
            return None
        return value if value.is_finite() else float(value)
    if type(value).__hash__ is None:
        return str(value)[:200]
    return value


def _odd_type(kind: type) -> bool:
    return issubclass(kind, bytes | bytearray | memoryview | Decimal) or kind.__hash__ is None


def plain_cells(table):  # a DataFrame or Series: duck-typed, so no pandas import here
    """``table`` with every cell ``plain_cell`` (a copy, only when a cell needs it); the
    engines' entry guard: one pass over the types of an object column (0.05 s a million
    cells); typed columns (text, numbers) are not looked at."""
    if not hasattr(table, "columns"):
        if table.dtype != object:
            return table
        kinds = set(map(type, table.to_numpy()))  # C speed: 0.05 s a million cells
        return table.map(plain_cell) if any(map(_odd_type, kinds)) else table
    fixed = table
    for position in range(table.shape[1]):
        column = table.iloc[:, position]
        plain = plain_cells(column)
        if plain is not column:
            fixed = table.copy() if fixed is table else fixed
            fixed.isetitem(position, plain)
    return fixed


def _shown(value: object) -> str:
    """A value as an error message quotes it: at most 40 characters."""
    try:
        text = str(value).strip()
    except ValueError:  # an int of more digits than Python will print
        return "a number of thousands of digits"
    return text if len(text) <= 40 else f"{text[:37]}..."


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 exception", "2 exceptions", "1,204 numbers": counts as people write them."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
