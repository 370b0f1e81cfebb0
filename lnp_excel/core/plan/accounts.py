"""P3a, P3c: what a port request carries besides numbers: BTN, account, customer and
authorized names, PIN, address.

A customer's list often has these columns; the planner finds them by name (``core.columns``
aliases), keeps their text per row, and gives each row an account code: rows share a code
when their BTN (digits), account number (letters and digits) and service address
(``address_key``) agree. Self-service requests never mix codes (one Local Service Request
per account and service address, P3a); rows with a blank value in a column the list has
are flagged. The work is once per distinct value, then integer codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lnp_excel.core.address import (
    Address,
    address_key,
    one_line,
    padded_zip,
    parse_address,
    zip_restored,
)
from lnp_excel.core.columns import (
    ACCOUNT_ALIASES,
    AUTHORIZED_NAME_ALIASES,
    CITY_ALIASES,
    CUSTOMER_NAME_ALIASES,
    PLAN_BTN_ALIASES,
    PLAN_PIN_ALIASES,
    SERVICE_ADDRESS_ALIASES,
    STATE_ALIASES,
    ZIP_ALIASES,
    find_column,
)
from lnp_excel.core.values import field_text

BTN, ACCOUNT, NAME, PIN = "btn", "account_number", "authorized_name", "pin"
CUSTOMER = "customer_name"
ADDRESS = "service_address"
STREET, CITY, STATE, ZIP = "street", "city", "state", "zip"
# Fields of a request, in the order of the self-service port form (P3c).
ACCOUNT_FIELDS: tuple[str, ...] = (BTN, ACCOUNT, PIN, CUSTOMER, NAME, ADDRESS)
ADDRESS_PARTS: tuple[str, ...] = (STREET, CITY, STATE, ZIP)
KEYED: tuple[str, ...] = (BTN, ACCOUNT, ADDRESS)  # one of each per self-service request
LABELS = {BTN: "BTN", ACCOUNT: "account number", ADDRESS: "service address"}
_ALIASES: tuple[tuple[str, Sequence[str], str], ...] = (
    (BTN, PLAN_BTN_ALIASES, "BTN"),
    (ACCOUNT, ACCOUNT_ALIASES, "account number"),
    (CUSTOMER, CUSTOMER_NAME_ALIASES, "customer name"),
    (NAME, AUTHORIZED_NAME_ALIASES, "authorized name"),
    (PIN, PLAN_PIN_ALIASES, "PIN"),
    (ADDRESS, SERVICE_ADDRESS_ALIASES, "service address"),
    (CITY, CITY_ALIASES, "city"),
    (STATE, STATE_ALIASES, "state"),
    (ZIP, ZIP_ALIASES, "ZIP"),
)
_NOT_DIGIT = re.compile(r"\D+")
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Accounts:
    """Per row: the text of each field the list has; the account code; what is missing.

    ``columns``: field -> the input column it came from (only fields found; ``address``
    is the street or one-line column, ``city``/``state``/``zip`` separate ones).
    ``values``: per field of ACCOUNT_FIELDS and ADDRESS_PARTS, text per row ("" blank).
    ``code``: account code per row, 0 for all when no keyed column; ``rank``: per code,
    its position by key (request order independent of row order). ``missing``: per row,
    the keyed fields left blank ("BTN, service address"), "" when none.
    """

    columns: dict[str, str]
    values: dict[str, np.ndarray]
    code: np.ndarray
    rank: np.ndarray
    missing: np.ndarray


def find_account_columns(table: pd.DataFrame, taken: Sequence[object]) -> dict[str, str]:
    """The account fields' columns among those not ``taken`` (number, carrier) (P3c)."""
    found: dict[str, str] = {}
    rest = [c for c in table.columns if c not in set(taken)]
    for field, aliases, role in _ALIASES:
        column = find_column(rest, aliases, role=role, required=False)
        if column is not None:
            found[field] = column
            rest.remove(column)
    return found


def read_accounts(table: pd.DataFrame | None, columns: dict[str, str], count: int) -> Accounts:
    """Text, account code and missing fields per row, once per distinct value (P3a)."""
    blank = np.full(count, "", dtype=object)
    values = {field: blank for field in (*ACCOUNT_FIELDS, *ADDRESS_PARTS)}
    if table is None or not columns:
        zero = np.zeros(count, dtype=np.int64)
        return Accounts({}, values, zero, np.zeros(1, dtype=np.int64), blank)
    for field, column in columns.items():
        values[field] = _texts(table[column])
    structured = any(part in columns for part in (CITY, STATE, ZIP))
    if ADDRESS in columns or structured:
        _address_parts(values, structured, ADDRESS in columns)
    keys = []
    for field, fold in ((BTN, btn_key), (ACCOUNT, account_key), (ADDRESS, address_key)):
        if field in columns or (field == ADDRESS and structured):
            keys.append(_mapped(values[field], fold))
    if keys:
        joined = keys[0] if len(keys) == 1 else _join(keys)
        code, uniques = pd.factorize(joined)
        code = code.astype(np.int64)
        rank = np.empty(len(uniques), dtype=np.int64)
        rank[np.argsort(np.asarray(uniques, dtype=object), kind="stable")] = np.arange(len(uniques))
    else:
        code, rank = np.zeros(count, dtype=np.int64), np.zeros(1, dtype=np.int64)
    return Accounts(dict(columns), values, code, rank, _missing(values, columns, structured))


def _texts(column: pd.Series) -> np.ndarray:
    """Cell text per row (``field_text``): an Excel error value is no value, so the row is
    flagged as missing the field (P3a), never a request, file or letter saying ``#N/A``."""
    return _mapped(np.asarray(column.to_numpy(dtype=object)), field_text)


def _mapped(values: np.ndarray, func: Callable[[object], str]) -> np.ndarray:
    """``func`` once per distinct value, spread back over the rows (object array)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    answers = np.array([func(value) for value in uniques] + [""], dtype=object)
    return answers[codes]


def _address_parts(values: dict[str, np.ndarray], structured: bool, has_street: bool) -> None:
    """Street, city, state, ZIP and the one-line address, whichever the list gave: parts
    from their own columns, or read from the one-line text (``parse_address``); an address
    not read with confidence stays whole in the street, never guessed. A ZIP Excel made a
    number of (Boston's 02108 as 2108) gets its leading zeros back when the padded ZIP is
    in the row's state (C4a), so the request, its file and the LOA carry what the carrier
    has (8D)."""
    if structured:
        values[STREET] = values[ADDRESS]
        values[ZIP] = _mapped(_join([values[STATE], values[ZIP]]), _padded)
        joined = _join([values[ADDRESS], values[CITY], values[STATE], values[ZIP]])
        composed = _mapped(joined, _compose)
        if has_street:  # a row without its street has no service address
            composed[values[STREET] == ""] = ""
        values[ADDRESS] = composed
        return
    values[ADDRESS] = _mapped(values[ADDRESS], lambda text: zip_restored(str(text)) or text)
    codes, uniques = pd.factorize(values[ADDRESS], use_na_sentinel=False)
    parsed = [parse_address(text) if text else None for text in uniques]
    for part, attribute in (
        (STREET, "street_line"),
        (CITY, "city"),
        (STATE, "state"),
        (ZIP, "zip"),
    ):
        answers = [_part(address, attribute) for address in parsed]
        values[part] = np.array([*answers, ""], dtype=object)[codes]


def _padded(joined: object) -> str:
    """The row's ZIP, with the zeros Excel dropped when the padded ZIP is in its state."""
    state, zip_code = str(joined).split("\x1f")
    return padded_zip(state, zip_code) or zip_code


def _compose(joined: object) -> str:
    street, city, state, zip_code = str(joined).split("\x1f")
    return one_line(street, "", city, state, zip_code)


def _part(address: Address | None, attribute: str) -> str:
    if address is None:
        return ""
    if not address.ok:
        return address.text if attribute == "street_line" else ""
    return str(getattr(address, attribute))


def _join(arrays: list[np.ndarray]) -> np.ndarray:
    out = arrays[0].astype(object)
    for array in arrays[1:]:
        out = out + "\x1f" + array
    return out


def btn_key(text: object) -> str:
    """A BTN as 10 digits when it is a NANP number written any way, else its text folded."""
    digits = _NOT_DIGIT.sub("", str(text))
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits or str(text).casefold()


def account_key(text: object) -> str:
    """Account numbers compare without case, spaces or dashes: "12-345 A" = "12345a"."""
    return _NOT_ALNUM.sub("", str(text).casefold())


def _missing(
    values: dict[str, np.ndarray], columns: dict[str, str], structured: bool
) -> np.ndarray:
    """Per row, the keyed fields its list has but the row leaves blank (P3a)."""
    present = [f for f in KEYED if f in columns or (f == ADDRESS and structured)]
    count = len(values[BTN])
    bits = np.zeros(count, dtype=np.int64)
    for position, field in enumerate(present):
        bits |= (values[field] == "").astype(np.int64) << position
    texts = np.array(
        [
            ", ".join(LABELS[f] for i, f in enumerate(present) if mask >> i & 1)
            for mask in range(1 << len(present))
        ],
        dtype=object,
    )
    return texts[bits]
