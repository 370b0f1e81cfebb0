"""The losing carrier's Customer Service Records (CSRs), read into one frame (R1-R9).

Three shapes, one result: a CSV/XLSX as an agent keeps it (account columns, the working
numbers one per row or as a list in one cell, several accounts per file, a title above the
header), Telnyx's ``customer_service_record`` JSON (a record, ``{"data": {...}}`` or
``{"data": [...]}``) and Bandwidth's ``CsrData`` XML. ``read_csr_files`` gives one row per
working number with CSR_COLUMNS; account fields repeat on each of its numbers, and an
account that lists no number still has one row (``number`` ""). A field a CSR does not
have stays "" (the check then says it was not checked: nothing is guessed). Unusable input
raises InputError naming the file and where.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from lnp_excel.core.address import one_line, parse_address
from lnp_excel.core.check import CSR_COLUMNS
from lnp_excel.core.columns import (
    ACCOUNT_ALIASES,
    AUTHORIZED_NAME_ALIASES,
    CARRIER_ALIASES,
    CITY_ALIASES,
    CUSTOMER_NAME_ALIASES,
    PLAN_BTN_ALIASES,
    SERVICE_ADDRESS_ALIASES,
    STATE_ALIASES,
    ZIP_ALIASES,
    find_column,
)
from lnp_excel.core.errors import NO_DATA, InputError
from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.values import field_text
from lnp_excel.io.own_outputs import refuse_own_workbook
from lnp_excel.io.tables import SourceTable, read_table
from lnp_excel.io.text_tables import decode_text

# Per account, the text fields (the rest of CSR_COLUMNS: source, pin_required, number).
ACCOUNT_TEXT = tuple(c for c in CSR_COLUMNS if c not in ("source", "pin_required", "number"))
# An agent's CSR sheet: the working numbers, and the account-level columns (R1-R9).
WTN_ALIASES: tuple[str, ...] = (
    "Working Telephone Number",
    "Working Telephone Numbers",
    "WTN",
    "WTNs",
    "Working Number",
    "Working Numbers",
    "Phone Number",
    "Phone Numbers",
    "Telephone Number",
    "Numbers",
    "TN",
)
PIN_REQUIRED_ALIASES: tuple[str, ...] = (
    "Passcode Required",
    "PIN Required",
    "Passcode",
    "PIN",
    "Port Out PIN",
    "Account PIN",
)
PENDING_ALIASES: tuple[str, ...] = ("Pending Order", "Pending Orders", "Open Order")
FEATURE_ALIASES: tuple[str, ...] = ("Features", "Feature", "Services", "Line Features")
_LIST_SPLIT = re.compile(r"[,;\n\r|/]+")
_NO = {"", "no", "n", "false", "0", "none", "not required", "-", "n/a", "na"}
_YES = {"yes", "y", "true", "1", "x", "required"}


def read_csr_files(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Every CSR in ``paths`` as one records frame (CSR_COLUMNS), in file order."""
    frames = [read_csr_file(path) for path in paths]
    if not frames:
        return _empty()
    return pd.concat(frames, ignore_index=True)


def read_csr_file(path: str | Path) -> pd.DataFrame:
    """One CSR file, whichever of the three shapes it is (by its first character)."""
    path = Path(path)
    refuse_own_workbook(path, "a carrier's CSR")
    suffix = path.suffix.lower()
    head = "" if suffix in (".json", ".xml") else _head(path)
    if suffix == ".json" or head in ("{", "["):
        accounts = list(_telnyx(path))
    elif suffix == ".xml" or (head == "<" and suffix in (".txt", "")):
        accounts = list(_bandwidth(path))
    else:
        accounts = list(_sheet(path))
    if not accounts:
        raise InputError("no CSR account found in the file", file=path.name, kind=NO_DATA)
    return _records(accounts, path.name)


def _head(path: Path) -> str:
    """The first non-blank character of a text file ("" for a workbook or a binary)."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls"):
        return ""
    try:
        with path.open("rb") as fh:
            start = fh.read(512)
    except FileNotFoundError as exc:
        raise InputError("file not found", file=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot open the file: {exc.strerror or exc}", file=path.name) from exc
    text = start.decode("utf-8-sig", errors="replace").lstrip()
    return text[:1]


# --- Telnyx JSON ------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("file not found", file=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot open the file: {exc.strerror or exc}", file=path.name) from exc


def _telnyx(path: Path) -> Iterator[dict[str, object]]:
    """Telnyx ``customer_service_record`` results: ``carrier_name``, ``admin{...}``,
    ``address{...}``, ``associated_phone_numbers`` (its published field names)."""
    _read_bytes(path)  # a missing or unreadable file, said as such
    try:
        data = json.loads(decode_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON at line {exc.lineno}: {exc}", file=path.name) from exc
    if isinstance(data, dict) and "data" in data:
        data = data["data"]
    records = data if isinstance(data, list) else [data]
    for position, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise InputError(f"record {position} is not a JSON object", file=path.name)
        result = record.get("result", record)
        if not isinstance(result, dict):
            raise InputError(f"record {position}: 'result' is not an object", file=path.name)
        admin = _mapping(result.get("admin"), "admin", position, path)
        address = _mapping(result.get("address"), "address", position, path)
        numbers = result.get("associated_phone_numbers") or []
        if not isinstance(numbers, list):
            numbers = [numbers]
        known = ("admin", "address", "associated_phone_numbers", "carrier_name")
        if not any(key in result for key in known):
            raise InputError(
                f"record {position} is not a Telnyx customer service record (no admin, "
                "address or associated_phone_numbers)",
                file=path.name,
            )
        yield {
            "carrier": field_text(result.get("carrier_name")),
            "account_number": field_text(admin.get("account_number")),
            "btn": field_text(admin.get("billing_phone_number")),
            "customer_name": field_text(admin.get("name")),
            "authorized_name": field_text(admin.get("authorized_person_name")),
            **_address(
                field_text(address.get("street_address")),
                field_text(address.get("locality")),
                field_text(address.get("administrative_area")),
                field_text(address.get("postal_code")),
                field_text(address.get("full_address")),
            ),
            "pin_required": _yes(admin.get("pin_passcode_required", "")),
            "numbers": [field_text(n) for n in numbers],
        }


def _mapping(value: object, name: str, position: int, path: Path) -> dict[str, object]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"record {position}: '{name}' is not an object", file=path.name)
    return value


# --- Bandwidth XML ----------------------------------------------------------------------


def _bandwidth(path: Path) -> Iterator[dict[str, object]]:
    """Bandwidth ``CsrData`` elements (``AccountNumber``, ``CustomerName``,
    ``ServiceAddress{UnparsedAddress, City, State, Zip}``, ``WorkingTelephoneNumber``,
    ``WorkingTelephoneNumbersOnAccount``), wherever they sit in the file. The request's
    own fields beside ``CsrData`` (what was asked) are not the carrier's record."""
    try:
        root = ElementTree.fromstring(_read_bytes(path))
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        raise InputError(f"not valid XML: {exc}", file=path.name) from exc
    blocks = [e for e in root.iter() if _local(e.tag) == "CsrData"]
    if not blocks:
        raise InputError("no CsrData element: not a Bandwidth CSR", file=path.name)
    for block in blocks:
        address = _child(block, "ServiceAddress")
        unparsed = _child_text(address, "UnparsedAddress") or " ".join(
            part
            for part in (
                _child_text(address, name)
                for name in ("HouseNumber", "PreDirectional", "StreetName", "StreetSuffix")
            )
            if part
        )
        numbers = [_child_text(block, "WorkingTelephoneNumber")]
        on_account = _child(block, "WorkingTelephoneNumbersOnAccount")
        if on_account is not None:
            numbers += [(e.text or "").strip() for e in on_account.iter() if e is not on_account]
        yield {
            "carrier": "",
            "account_number": _child_text(block, "AccountNumber"),
            "btn": "",
            "customer_name": _child_text(block, "CustomerName"),
            "authorized_name": "",
            **_address(
                unparsed,
                _child_text(address, "City"),
                _child_text(address, "State"),
                _child_text(address, "Zip") or _child_text(address, "ZIPCode"),
                "",
            ),
            "pin_required": False,
            "numbers": [n for n in numbers if n],
        }


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _child(element: object, name: str) -> object | None:
    if element is None:
        return None
    return next((e for e in element if _local(e.tag) == name), None)  # type: ignore[attr-defined]


def _child_text(element: object, name: str) -> str:
    found = _child(element, name)
    return "" if found is None else " ".join((found.text or "").split())  # type: ignore[attr-defined]


# --- an agent's sheet -------------------------------------------------------------------

_SHEET_FIELDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("account_number", ACCOUNT_ALIASES, "account number"),
    ("btn", PLAN_BTN_ALIASES, "BTN"),
    ("customer_name", CUSTOMER_NAME_ALIASES, "customer name"),
    ("authorized_name", AUTHORIZED_NAME_ALIASES, "authorized name"),
    ("carrier", CARRIER_ALIASES, "carrier"),
    ("street", SERVICE_ADDRESS_ALIASES, "service address"),
    ("city", CITY_ALIASES, "city"),
    ("state", STATE_ALIASES, "state"),
    ("zip", ZIP_ALIASES, "ZIP"),
    ("pin", PIN_REQUIRED_ALIASES, "PIN or passcode"),
    ("pending_order", PENDING_ALIASES, "pending order"),
    ("features", FEATURE_ALIASES, "features"),
)


CSR_HEADER = (*WTN_ALIASES, *ACCOUNT_ALIASES, *PLAN_BTN_ALIASES)  # any of them is the header
CSR_ALIAS_GROUPS = (CSR_HEADER, CUSTOMER_NAME_ALIASES, SERVICE_ADDRESS_ALIASES)


def records_from_table(table: SourceTable, source: str) -> pd.DataFrame:
    """An agent's CSR already read as a table (a workbook's Carrier CSR sheet): the
    records frame, as ``read_csr_files`` gives it; ``source`` names it."""
    accounts = list(_table_accounts(table))
    if not accounts:
        raise table.locate(InputError("no CSR account in the table", kind=NO_DATA))
    return _records(accounts, source)


def _sheet(path: Path) -> Iterator[dict[str, object]]:
    """An agent's CSR file (CSV or workbook, the header found under any title rows)."""
    return _table_accounts(read_table(path, alias_groups=CSR_ALIAS_GROUPS))


def _table_accounts(table: SourceTable) -> Iterator[dict[str, object]]:
    """Rows of an agent's CSR sheet, grouped into accounts: a row with an account number
    or BTN starts (or joins) that account, a row with neither continues the one above."""
    frame = table.frame
    columns = list(frame.columns)
    try:
        wtn = find_column(columns, WTN_ALIASES, role="working telephone number", required=False)
        rest = [c for c in columns if c != wtn]
        found: dict[str, object] = {}
        for field, aliases, role in _SHEET_FIELDS:
            column = find_column(rest, aliases, role=role, required=False)
            if column is not None:
                found[field] = column
                rest.remove(column)
    except InputError as error:
        raise table.locate(error) from None
    if wtn is None and not {"account_number", "btn"} & set(found):
        raise table.locate(
            InputError(
                "no working numbers, account number or BTN column: expected one of "
                + ", ".join(f"'{a}'" for a in (*WTN_ALIASES[:3], "Account Number", "BTN"))
            )
        )
    accounts: dict[str, dict[str, object]] = {}
    current: dict[str, object] | None = None
    for row, values in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = dict(zip(columns, values, strict=True))
        texts = {field: field_text(cells[column]) for field, column in found.items()}
        key = _fold(texts.get("account_number", "")) or _fold(texts.get("btn", ""))
        if key:
            current = accounts.setdefault(key, {"numbers": [], "rows": []})
        elif current is None:
            current = accounts.setdefault(f"row {row}", {"numbers": [], "rows": []})
        for field, text in texts.items():
            if text and not current.get(field):
                current[field] = text
        if wtn is not None:
            current["numbers"].extend(_split(field_text(cells[wtn])))  # type: ignore[union-attr]
    for account in accounts.values():
        get = lambda name, a=account: str(a.get(name, ""))  # noqa: E731
        one = get("street")
        yield {
            **{field: get(field) for field in ("carrier", "account_number", "btn")},
            "customer_name": get("customer_name"),
            "authorized_name": get("authorized_name"),
            **_address(one, get("city"), get("state"), get("zip"), ""),
            "pin_required": _pin_required(get("pin")),
            "pending_order": "" if get("pending_order").casefold() in _NO else get("pending_order"),
            "features": "" if get("features").casefold() in _NO else get("features"),
            "numbers": account["numbers"],
        }


def _split(text: str) -> list[str]:
    """A cell of numbers: one, or a list separated by commas, semicolons, lines."""
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]


def _pin_required(text: str) -> bool:
    """``Passcode Required`` yes/no, or a PIN column with a PIN in it: the account has one."""
    folded = text.strip().casefold()
    return folded not in _NO


# --- shared -----------------------------------------------------------------------------


def _address(street: str, city: str, state: str, zip_code: str, full: str) -> dict[str, str]:
    """Street, city, state, ZIP and the one line (C4a): parts as given, else read from
    the one line when it parses with confidence, else the line kept whole as the street."""
    if street and (city or state or zip_code):
        whole = parse_address(street) if not (city and state) else None
        if whole is not None and whole.ok:  # the "street" column held the whole address
            return _parts(whole)
        line = one_line(street, "", city, state, zip_code)
        return {"street": street, "city": city, "state": state, "zip": zip_code,
                "service_address": line}  # fmt: skip
    line = full or street
    if not line:
        return {"street": "", "city": city, "state": state, "zip": zip_code,
                "service_address": one_line("", "", city, state, zip_code)}  # fmt: skip
    parsed = parse_address(line)
    if parsed.ok:
        return _parts(parsed)
    return {"street": line, "city": "", "state": "", "zip": "", "service_address": line}


def _parts(address: object) -> dict[str, str]:
    return {
        "street": address.street_line,  # type: ignore[attr-defined]
        "city": address.city,  # type: ignore[attr-defined]
        "state": address.state,  # type: ignore[attr-defined]
        "zip": address.zip,  # type: ignore[attr-defined]
        "service_address": address.text,  # type: ignore[attr-defined]
    }


def _records(accounts: list[dict[str, object]], source: str) -> pd.DataFrame:
    """One row per (account, working number), numbers as 10 digits or E.164 (N1); a
    number that does not read as one stays as written, so it is seen, never dropped."""
    rows: list[dict[str, object]] = []
    for account in accounts:
        base = {field: str(account.get(field, "") or "") for field in ACCOUNT_TEXT}
        base["pin_required"] = bool(account.get("pin_required", False))
        numbers = list(dict.fromkeys(n for n in account.get("numbers", []) if n))  # type: ignore[union-attr]
        for number in numbers or [""]:
            rows.append({"source": source, **base, "number": number})
    frame = pd.DataFrame(rows, columns=list(CSR_COLUMNS))
    given = frame["number"].to_numpy(dtype=object)
    uniques = pd.unique(given[given != ""])
    if len(uniques):
        verdicts = normalize_numbers(pd.Series(uniques, dtype=object))
        read = verdicts["number"].astype(str).to_numpy(dtype=object)
        read = np.where(read == "", uniques, read)
        mapping = dict(zip(uniques.tolist(), read.tolist(), strict=True))
        frame["number"] = [mapping.get(n, "") for n in given]
    frame = frame.drop_duplicates(ignore_index=True)  # a number listed twice is one row
    frame["pin_required"] = frame["pin_required"].astype(bool)
    return frame


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=bool if c == "pin_required" else object)
                         for c in CSR_COLUMNS})  # fmt: skip


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _yes(value: object) -> bool:
    return field_text(value).casefold() in _YES
