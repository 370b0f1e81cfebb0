"""Writing a filled address into a CSR row (C4a): every part from the same source.

A C4 source (the port order's LOA, the account's billing address) is one-line text. A
sheet with only an Address column gets that text as the source wrote it. A sheet that
splits addresses (Address, Unit, City, State, Zip) gets the parsed parts
(``core.address.parse_address``), and City/State/Zip are overwritten from the same source,
so a row never carries the street of one address and the city or ZIP of another. An
address the parser cannot read with confidence is not written into split columns (the
row stays blank and is flagged with the text, for a person to type in); a ZIP outside its
state is flagged. Each distinct text is parsed once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from lnp_excel.core.address import Address, parse_address, zip_state_problem
from lnp_excel.core.changes import changes_where
from lnp_excel.core.columns import CITY_ALIASES, STATE_ALIASES, ZIP_ALIASES
from lnp_excel.core.csr.fields import named
from lnp_excel.core.csr.result import flags_where

UNIT_ALIASES: tuple[str, ...] = ("Address 2", "Address Line 2", "Street 2", "Suite", "Unit")


def split_columns(columns: Sequence[object], main: object) -> dict[str, object | None]:
    """The unit, city, state and ZIP columns of a sheet (None where it has none)."""

    def first(aliases: tuple[str, ...]) -> object | None:
        found = [c for c in named(columns, aliases) if c != main]
        return found[0] if found else None

    return {
        "unit": first(UNIT_ALIASES),
        "city": first(CITY_ALIASES),
        "state": first(STATE_ALIASES),
        "zip": first(ZIP_ALIASES),
    }


def write_addresses(
    table: pd.DataFrame,
    positions: np.ndarray,
    texts: np.ndarray,
    main: object,
) -> tuple[pd.DataFrame, list[pd.DataFrame], list[pd.DataFrame]]:
    """Write ``texts`` (one-line addresses) into the rows at ``positions`` (C4, C4a).

    Returns the new table, the changes (the Address cell under C4, the other parts under
    C4a) and the C4a flags.
    """
    out = table.copy(deep=False)
    if not len(positions):
        return out, [], []
    columns = list(table.columns)
    split = split_columns(columns, main)
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object).map(str.strip))
    parsed = [parse_address(text) for text in uniques]
    problems = np.array([a.problem for a in parsed], dtype=object)[codes]
    zip_problems = np.array([_zip_problem(a) for a in parsed], dtype=object)[codes]
    shown = np.array(uniques, dtype=object)[codes]
    index = table.index[positions]

    if split["city"] is None and split["state"] is None and split["zip"] is None:
        written = np.ones(len(positions), dtype=bool)
        values = {main: shown}
        unread = problems != ""
        flags = [
            flags_where(
                unread,
                index,
                "Address filled as the source wrote it, but it cannot be read as a US "
                "address (" + problems + "): " + shown,
                "Check the address with the customer's records",
                "C4a",
            )
        ]
    else:
        written = problems == ""
        street = "street" if split["unit"] is not None else "street_line"
        values = {main: _parts(parsed, codes, street)}
        for part in ("unit", "city", "state", "zip"):
            if split[part] is not None:
                values[split[part]] = _parts(parsed, codes, part)
        flags = [
            flags_where(
                ~written,
                index,
                "Address not filled: the source's address cannot be read as street, "
                "city, state and ZIP (" + problems + "): " + shown,
                "Type the address into the address columns from the source",
                "C4a",
            )
        ]
    flags.append(
        flags_where(
            written & (zip_problems != ""),
            index,
            "Filled address: " + zip_problems,
            "Check the ZIP and state with the customer's records",
            "C4a",
        )
    )
    changes = []
    where = positions[written]
    for column, new in values.items():
        before = table[column]
        old = before.iloc[where].to_numpy(dtype=object)
        old_text = np.array(["" if _blank(v) else str(v) for v in old], dtype=object)
        differs = old_text != new[written]
        if differs.any():  # only cells whose text changes are written and logged
            after = before.astype(object).copy()
            after.iloc[where[differs]] = new[written][differs]
            out[column] = after
            mask = np.zeros(len(table), dtype=bool)
            mask[where[differs]] = True
            rule = "C4" if column == main else "C4a"
            changes.append(changes_where(mask, column, before, after, rule))
    return out, changes, flags


def _cell(names: np.ndarray, code: int) -> str:
    """A factorized cell as text ("" for a missing value's code)."""
    return "" if code < 0 or code >= len(names) else str(names[code]).strip()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def zip_state_flags(table: pd.DataFrame, rows: np.ndarray, main: object) -> list[pd.DataFrame]:
    """C4a: flag the ``rows`` (US rows whose address the step kept) whose ZIP column is not
    in their State column; each distinct pair is checked once."""
    split = split_columns(list(table.columns), main)
    if split["state"] is None or split["zip"] is None or not rows.any():
        return []
    states, state_names = pd.factorize(table[split["state"]].to_numpy(dtype=object)[rows])
    zips, zip_names = pd.factorize(table[split["zip"]].to_numpy(dtype=object)[rows])
    width = len(zip_names) + 1  # codes + 1: a missing cell's code -1 becomes 0
    pairs, codes = np.unique((states + 1) * width + (zips + 1), return_inverse=True)
    answers = np.empty(len(pairs), dtype=object)
    for position, pair in enumerate(pairs):
        state, zip_code = divmod(int(pair), width)
        answers[position] = zip_state_problem(
            _cell(state_names, state - 1), _cell(zip_names, zip_code - 1)
        )
    problems = np.full(len(table), "", dtype=object)
    problems[rows] = answers[codes]
    return [
        flags_where(
            problems != "",
            table.index,
            "Address: " + problems,
            "Check the ZIP and state with the customer's records",
            "C4a",
        )
    ]


def address_flags(values: pd.Series) -> list[pd.DataFrame]:
    """C4a flags for one-line addresses a step wrote (the legacy CSR's billing address or
    LOA): text that cannot be read as a US address, a ZIP outside its state."""
    texts = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    codes, uniques = pd.factorize(texts)
    parsed = [parse_address(text) for text in uniques]
    present = (texts != "").to_numpy()
    problems = np.array([a.problem for a in parsed], dtype=object)[codes]
    zips = np.array([_zip_problem(a) for a in parsed], dtype=object)[codes]
    shown = texts.to_numpy(dtype=object)
    return [
        flags_where(
            present & (problems != ""),
            values.index,
            "Address cannot be read as a US address (" + problems + "): " + shown,
            "Check the address with the customer's records",
            "C4a",
        ),
        flags_where(
            present & (zips != ""),
            values.index,
            "Address: " + zips,
            "Check the ZIP and state with the customer's records",
            "C4a",
        ),
    ]


def _parts(parsed: list[Address], codes: np.ndarray, part: str) -> np.ndarray:
    return np.array([getattr(a, part) for a in parsed], dtype=object)[codes]


def _zip_problem(address: Address) -> str:
    return zip_state_problem(address.state, address.zip) if address.state else ""
