"""How Excel types what it is given: the part of the stand-in that is about cell contents.

Sources, named beside each rule below:
- Microsoft Support, "Stop automatically changing numbers to dates" and "Keeping leading
  zeros and large numbers": text put into a General cell (typed, pasted, assigned through
  ``Range.Value``, or read from a CSV) is parsed as if typed; a leading apostrophe or a
  Text-format cell keeps it as text.
- Microsoft Support, "Format numbers as text": a cell formatted as Text (``@``) holds
  "exactly what you type"; Microsoft Learn, "Range.PrefixCharacter property (Excel)": the
  apostrophe is a *prefix character* of a General cell, not part of its value; in a Text
  cell the given text, apostrophe included, is the value (issue 17 s3).
- Microsoft Learn, "Formula vs Formula2" (https://learn.microsoft.com/office/vba/excel/
  concepts/cells-and-ranges/range-formula-vs-formula2): "Formulas set using Range.Formula
  will trigger implicit intersection and can never spill"; Excel marks it with ``@``
  (``=SQRT(A1:A4)`` reads back through Formula2 as ``=SQRT(@A1:A4)``); ``Range.Formula2``
  keeps a dynamic-array formula. Modelled for the array functions and bare ranges only.
- Microsoft Learn, "Range.Formula property (Excel)": a date set as a cell's value gets the
  short date format unless the cell already has a date or time format.
- xlwings 0.37.8 ``_xlwindows.py``, ``cell_errors`` and ``_clean_value_data_element``: the
  seven error values; read as ``None`` unless ``err_to_str=True``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+|(?=\.\d))(\.\d*)?([eE][+-]?\d+)?%?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
US_DATE = re.compile(r"^(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$")
DATE_FORMAT = "m/d/yyyy"
TEXT_FORMAT = "@"
ERROR_TEXTS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")
"""xlwings ``_xlwindows.py`` ``cell_errors``: the error values Excel hands over COM."""
SPILLING = re.compile(
    r"^=(?:(?:SORT|SORTBY|FILTER|UNIQUE|SEQUENCE|RANDARRAY|TRANSPOSE)\(|\$?[A-Z]{1,3}\$?\d+:)",
    re.IGNORECASE,
)
"""Formulas that return an array: through ``Range.Formula`` they get Excel's ``@``
(Microsoft Learn, "Formula vs Formula2"; the dynamic-array functions and a bare range)."""


@dataclass(frozen=True)
class CellError:
    """An Excel error value in a cell (``#N/A``): not text, not a number."""

    text: str


def typed(value: object, number_format: str = "General") -> tuple[object, str | None]:
    """(value, formula) a cell holds after ``Range.Value = value``, by Excel's rules.

    Text is parsed as if typed into a General cell: numeric text becomes a number
    (``+442079460018``, ``0044719``), ISO or US date text a date, TRUE/FALSE a boolean,
    ``#N/A`` the error value, ``=...`` a formula (Excel calculates it; here its value is
    unknown, None). After an apostrophe text stays text without it; a Text ("@") cell keeps
    exactly what it is given, a leading apostrophe included.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, (int, float)):
        return float(value), None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day), None
    if not isinstance(value, str):
        return value, None
    if value == "":
        return None, None
    if number_format == TEXT_FORMAT:  # "Format numbers as text": exactly what is given
        return value, None
    if value.startswith("'"):  # Range.PrefixCharacter: the apostrophe is not the value
        return value[1:] or None, None
    if value.startswith("=") and len(value) > 1:
        return None, value
    text = value.strip()
    if text.upper() in ERROR_TEXTS:
        return CellError(text.upper()), None
    if text.upper() in ("TRUE", "FALSE"):
        return text.upper() == "TRUE", None
    if NUMBER.match(text):
        number = float(f"{float(text.rstrip('%').replace(',', '')):.15g}")
        return (number / 100 if text.endswith("%") else number), None
    date = _date(text)
    return (date, None) if date else (value, None)


def intersected(formula: str) -> str:
    """The formula Excel keeps when it is set through ``Range.Formula`` (implicit
    intersection: ``=SORT(A2:A9)`` becomes ``=@SORT(A2:A9)``, one value, no spill)."""
    return "=@" + formula[1:] if SPILLING.match(formula) else formula


def _date(text: str) -> dt.datetime | None:
    try:
        if iso := ISO_DATE.match(text):
            parts = [int(p) for p in iso.groups(default="0")]
            return dt.datetime(*parts)  # type: ignore[arg-type]
        if us := US_DATE.match(text):
            month, day, year = int(us[1]), int(us[3]), us[4]
            if year is None:
                full = dt.date.today().year
            else:
                full = int(year) + (0 if len(year) == 4 else 2000 if int(year) < 30 else 1900)
            return dt.datetime(full, month, day)
    except ValueError:  # 13/45/2026 is text to Excel too
        return None
    return None


def formula_text(value: object, formula: str | None) -> str:
    """What ``Range.Formula`` reads for a cell: its formula, or its constant as text."""
    if formula:
        return formula
    if value is None:
        return ""
    if isinstance(value, CellError):
        return value.text
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return f"{value.month}/{value.day}/{value.year}"
    return str(value)


def as_read(value: object, err_to_str: bool) -> object:
    """A cell's value as xlwings hands it to Python on Windows (``_xlwindows.py``,
    ``_clean_value_data_element``): an error value is None unless ``err_to_str``."""
    if isinstance(value, CellError):
        return value.text if err_to_str else None
    return value


def typed_from_file(value: object) -> object:
    """A stored cell value as Excel holds it: numbers are doubles, error text an error."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value in ERROR_TEXTS:  # openpyxl's error cells
        return CellError(value)
    return value


def excel_typed(text: str) -> object:
    """What a General cell holds once Excel reads ``text`` from a CSV: the value ``typed``
    gives (``+442079460011`` -> 442079460011.0, ZIP ``02134`` -> 2134.0, ``#N/A`` the
    error value)."""
    return typed(text)[0]
