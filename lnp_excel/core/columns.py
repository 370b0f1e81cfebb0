"""Find the columns and the header row people actually use, whatever they call them.

Agents get sheets from customers, carriers and CRM exports: the phone number column may be
"TN", "phoneNumber" or "Number to Port", and the header may sit under a few title rows.
Everything here is pure (no files, no openpyxl) so the shells and tests share one rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lnp_excel.core.errors import InputError
from lnp_excel.core.values import name_key

# Header spellings seen in the wild, compared after ``normalize_header``. Order matters:
# the first alias that matches a column wins, so the most specific spellings come first.
NUMBER_ALIASES: tuple[str, ...] = (
    "Phone Number",
    "phoneNumber",
    "TN",
    "Number",
    "Telephone",
    "Telephone Number",
    "Phone",
    "DID",
    "Tel",
    "Phone No",
    "Number to Port",
    "Ported Number",
    "Billing Telephone Number",  # last: a CSR has both, and the row's own number wins
)
CARRIER_ALIASES: tuple[str, ...] = (
    "Carrier",
    "Current Carrier",
    "Losing Carrier",
    "Provider",
    "Current Provider",
    "Service Provider",
    "Carrier Name",
)
COUNTRY_ALIASES: tuple[str, ...] = ("Country", "Country Code", "countryCode")
ADDRESS_ALIASES: tuple[str, ...] = ("Address", "Service Address", "LOA Address", "Street Address")
CUSTOMER_ID_ALIASES: tuple[str, ...] = ("customerId", "Customer Id", "Account Number", "Account")
ORIGIN_ALIASES: tuple[str, ...] = ("Origin", "Number Origin", "Source")
STATUS_ALIASES: tuple[str, ...] = ("Status", "Number Status")
PIN_ALIASES: tuple[str, ...] = ("PIN", "Pin", "Passcode")
BTN_ALIASES: tuple[str, ...] = ("Billing Telephone Number", "BTN")
DATE_ALIASES: tuple[str, ...] = (
    "Status Date",
    "Released Date",
    "Release Date",
    "Date",
    "Last Active",
    "Deactivated",
)
# What a port request carries (P3a, P3c): the planner looks for these beside the number.
PLAN_BTN_ALIASES: tuple[str, ...] = (*BTN_ALIASES, "Billing Number", "Billing TN", "Billing Phone")
ACCOUNT_ALIASES: tuple[str, ...] = (
    "Account Number",
    "Account No",
    "Account",
    "Acct Number",
    "Acct No",
    "Acct",
    "Carrier Account Number",
    "Customer Account Number",
)
AUTHORIZED_NAME_ALIASES: tuple[str, ...] = (
    "Authorized Name",
    "Authorized User",
    "Authorized Contact",
    "Authorized Person",
    "Name on Account",
    "Account Holder",
    "Contact Name",
)
# The end user or business the carrier has on the account (P3c, R4, L2).
CUSTOMER_NAME_ALIASES: tuple[str, ...] = (
    "Customer Name",
    "Business Name",
    "Company",
    "Company Name",
    "End User Name",
    "End User",
)
# The authorized person's title, printed under the name on the LOA (L2).
TITLE_ALIASES: tuple[str, ...] = (
    "Title",
    "Authorized Title",
    "Job Title",
    "Authorized Person Title",
    "Contact Title",
    "Position",
)
PLAN_PIN_ALIASES: tuple[str, ...] = (
    *PIN_ALIASES,
    "Transfer PIN",
    "Port Out PIN",
    "Port PIN",
    "Account PIN",
)
SERVICE_ADDRESS_ALIASES: tuple[str, ...] = (
    "Service Address",
    "Address",
    "Street Address",
    "Street",
    "Address 1",
    "Address Line 1",
    "LOA Address",
)
# Address parts as their own columns (C4a, P3a): a CSR export's and a customer list's names.
CITY_ALIASES: tuple[str, ...] = ("City", "Service City", "Town", "LOA City")
STATE_ALIASES: tuple[str, ...] = (
    "State",
    "Service State",
    "ST",
    "Province",
    "State/Province",
    "LOA State",
)
ZIP_ALIASES: tuple[str, ...] = (
    "ZIP",
    "ZIP Code",
    "Zip Code",
    "Postal Code",
    "Postcode",
    "Post Code",
    "Service ZIP",
    "LOA ZIP",
    "LOA ZIP Code",
)

# "Phone (2)": the suffix io.tables adds to a repeated header; it is still the same name.
_DUPLICATE_SUFFIX = re.compile(r"\s*\(\d+\)\s*$")
# "Phone Number (10 digits)", "Carrier [current]": a remark, not part of the name.
_REMARK = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# A cell that holds data rather than a label: digits with phone/date punctuation only.
_NUMERIC_TEXT = re.compile(r"[\s+\-.,/()#:'$%]*\d[\d\s+\-.,/()#:'$%eE]*")


ADDED_SUFFIX = " (lnp)"  # what a column we add gets when the list already has its name


def free_name(name: str, taken: Sequence[object]) -> str:
    """``name``, or ``name (lnp)`` when the list already has a column of that name, or
    ``name (lnp 2)``, ... when it has that too: a list may carry any header (``Row``,
    ``Status``, ``Request``), and the columns we add never replace or collide with it."""
    used = {str(column) for column in taken}
    if name not in used:
        return name
    candidate, count = f"{name}{ADDED_SUFFIX}", 1
    while candidate in used:
        count += 1
        candidate = f"{name}{ADDED_SUFFIX[:-1]} {count})"
    return candidate


def added_column(columns: Sequence[object], name: str) -> str:
    """The column we added as ``name`` among ``columns`` (``free_name``'s answer): the
    rightmost of ``name``, ``name (lnp)``, ``name (lnp 2)``, ..., since what we add comes
    after the list's own columns."""
    spelled = [str(column) for column in columns]
    found = name
    for candidate in spelled:
        if candidate == name or (
            candidate.startswith(f"{name}{ADDED_SUFFIX[:-1]}") and candidate.endswith(")")
        ):
            found = candidate
    return found


def normalize_header(name: object) -> str:
    """Lower-case letters and digits only, so "Phone #", "phone_number " and "PHONE" compare."""
    return name_key(name)


def _strict_key(column: object) -> str:
    """Name of a column as the user typed it (drops our own " (2)" de-duplication suffix)."""
    text = "" if column is None else str(column)
    return normalize_header(_DUPLICATE_SUFFIX.sub("", text))


def _loose_key(column: object) -> str:
    """Name without bracketed remarks, the second chance for "Phone Number (10 digits)"."""
    text = "" if column is None else str(column)
    return normalize_header(_REMARK.sub("", text))


def _quoted(names: Sequence[object]) -> str:
    return ", ".join(f"'{name}'" for name in names)


# How to settle two columns answering to one role: an option where one exists (the others,
# BTN, title, status ..., have none; "--column" was advised for them too, and it names the
# phone number column).
_CHOOSE = {
    "phone number": "name one with --column",
    "carrier": "name one with --carrier-column",
}


def find_column(
    columns: Sequence[object],
    aliases: Sequence[str],
    *,
    role: str,
    required: bool = True,
) -> object | None:
    """Return the column that plays ``role`` (e.g. "phone number"), or None if optional.

    Exact normalized names are tried first, in alias order, then names with bracketed
    remarks removed. Two columns answering to the same alias are ambiguous: we refuse to
    guess rather than silently read the wrong one.
    """
    columns = list(columns)
    for key in (_strict_key, _loose_key):
        keys = [key(column) for column in columns]
        for alias in aliases:
            wanted = normalize_header(alias)
            if not wanted:
                continue
            hits = [column for column, k in zip(columns, keys, strict=True) if k == wanted]
            if len(hits) > 1:
                how = _CHOOSE.get(role, "rename the other one, or remove it")
                raise InputError(
                    f"two columns look like the {role}: '{hits[0]}' and '{hits[1]}'; {how}",
                    column=str(hits[0]),
                )
            if hits:
                return hits[0]
    if not required:
        return None
    found = _quoted(columns) if columns else "none"
    raise InputError(
        f"no {role} column: expected one of {_quoted(aliases)}; found columns: {found}"
    )


def _is_blank(cell: object) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float) and cell != cell:
        return True
    return isinstance(cell, str) and not cell.strip()


def _is_label(cell: object) -> bool:
    """True for text that reads as a column label, not as a number, date or phone number."""
    if not isinstance(cell, str):
        return False
    text = cell.strip()
    return bool(text) and not _NUMERIC_TEXT.fullmatch(text)


def _matches(cell: object, group: Sequence[str]) -> bool:
    wanted = {normalize_header(alias) for alias in group} - {""}
    return _strict_key(cell) in wanted or _loose_key(cell) in wanted


def row_mentions(row: Sequence[object], aliases: Sequence[str]) -> bool:
    """True if a cell of ``row`` names one of ``aliases`` (used to pick a workbook's sheet)."""
    return any(_matches(cell, aliases) for cell in row if not _is_blank(cell))


def find_header_row(
    rows: Sequence[Sequence[object]],
    alias_groups: Sequence[Sequence[str]],
    *,
    max_scan: int = 30,
) -> int:
    """Return the 0-based index of the header row among the first ``max_scan`` rows.

    Customers put titles, dates and notes above the header, so we look for the row naming
    the required column (the first alias group); the other groups break ties between
    candidates. Without such a row, the first row of two or more text labels is taken.
    """
    if not alias_groups:
        raise ValueError("find_header_row needs at least one alias group")
    required, *others = alias_groups
    scanned = list(rows[:max_scan])

    best, best_index = -1, -1
    for index, row in enumerate(scanned):
        cells = [cell for cell in row if not _is_blank(cell)]
        if not any(_matches(cell, required) for cell in cells):
            continue
        groups_hit = sum(any(_matches(cell, group) for cell in cells) for group in others)
        if groups_hit > best:  # strictly more: on a tie the earlier row wins
            best, best_index = groups_hit, index
    if best_index >= 0:
        return best_index

    for index, row in enumerate(scanned):
        cells = [cell for cell in row if not _is_blank(cell)]
        if len(cells) >= 2 and all(_is_label(cell) for cell in cells):
            return index

    raise InputError(
        f"no header row found in the first {max_scan} rows: "
        f"expected a column named one of {_quoted(required)}"
    )
