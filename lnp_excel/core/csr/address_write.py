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

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from lnp_excel.core.address import (
    Address,
    padded_zip,
    parse_address,
    zip_restored,
    zip_state_problem,
)
from lnp_excel.core.changes import changes_where
from lnp_excel.core.columns import CITY_ALIASES, STATE_ALIASES, ZIP_ALIASES, normalize_header
from lnp_excel.core.csr.common import cell_text
from lnp_excel.core.csr.fields import named
from lnp_excel.core.csr.result import StepResult, flags_where

UNIT_ALIASES: tuple[str, ...] = (
    "Address 2",
    "Address Line 2",
    "Street 2",
    "Suite",
    "Unit",
    "LOA Unit",
    "LOA Suite",
)


def split_columns(columns: Sequence[object], main: object) -> dict[str, object | None]:
    """The unit, city, state and ZIP columns of a sheet (None where it has none).

    Beside an ``LOA ...`` street column the ``LOA ...`` parts come first, so a port order
    that also lists the customer's own City never mixes the two addresses (C4a).
    """
    loa = normalize_header(main).startswith("loa")

    def first(aliases: tuple[str, ...]) -> object | None:
        found = [c for c in named(columns, aliases) if c != main]
        if loa:
            found.sort(key=lambda c: not normalize_header(c).startswith("loa"))
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
    # a source ZIP that lost its leading zeros is written padded when the state owns it
    uniques = np.array([_line_answer(None, text)[0] or text for text in uniques], dtype=object)
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


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def check_zips(table: pd.DataFrame, rows: np.ndarray, main: object) -> StepResult:
    """C4a on the addresses a CSR already holds (``rows``: US rows whose address the step
    kept): a ZIP that lost its leading zeros (typed as a number) and belongs to the state
    once padded is written back padded, logged under C4a; any other ZIP outside its state
    is flagged. Split columns compare the ZIP column with the State column; a one-line
    Address column is parsed (``parse_address``). Each distinct value is read once."""
    split = split_columns(list(table.columns), main)
    if not rows.any():
        return StepResult(table)
    if split["zip"] is not None:
        if split["state"] is None:
            return StepResult(table)
        column = split["zip"]
        state_values = table[split["state"]].to_numpy(dtype=object)[rows]
        zip_values = table[column].to_numpy(dtype=object)[rows]
        answers = _per_pair(state_values, zip_values, _zip_answer)
    elif main is not None and split["state"] is None:
        column = main
        texts = table[main].to_numpy(dtype=object)[rows]
        answers = _per_pair(np.full(len(texts), "", dtype=object), texts, _line_answer)
    else:
        return StepResult(table)
    new = np.full(len(table), "", dtype=object)
    problems = np.full(len(table), "", dtype=object)
    new[rows] = [answer[0] for answer in answers]
    problems[rows] = [answer[1] for answer in answers]
    fixed = new != ""
    out = table
    changes = []
    if fixed.any():
        before = table[column]
        after = before.astype(object).mask(fixed, pd.Series(new, index=table.index))
        out = table.copy(deep=False)
        out[column] = after
        changes.append(changes_where(fixed, column, before, after, "C4a"))
    flags = flags_where(
        problems != "",
        table.index,
        "Address: " + problems,
        "Check the ZIP and state with the customer's records",
        "C4a",
    )
    return StepResult.of(out, changes, [flags])


def _per_pair(first: np.ndarray, second: np.ndarray, answer: Callable) -> list[tuple[str, str]]:
    """``answer(first, second)`` once per distinct pair of cells, spread over the rows."""
    first_codes, first_names = pd.factorize(pd.Series(first, dtype=object))
    second_codes, second_names = pd.factorize(pd.Series(second, dtype=object))
    width = len(second_names) + 1  # codes + 1: a missing cell's code -1 becomes 0
    pairs, inverse = np.unique((first_codes + 1) * width + (second_codes + 1), return_inverse=True)
    found = []
    for pair in pairs.tolist():
        one, two = divmod(pair, width)
        found.append(
            answer(first_names[one - 1] if one else None, second_names[two - 1] if two else None)
        )
    return [found[code] for code in inverse.tolist()]


def _zip_answer(state_cell: object, zip_cell: object) -> tuple[str, str]:
    """(the padded ZIP to write, or ""; the problem to flag, or "") for split columns."""
    state, zip_code = cell_text(state_cell), cell_text(zip_cell)
    padded = padded_zip(state, zip_code)
    if padded:
        return padded, ""
    return "", zip_state_problem(state, zip_code)


def _line_answer(_: object, text_cell: object) -> tuple[str, str]:
    """The same for a one-line address: the text with its ZIP padded, or the problem."""
    text = cell_text(text_cell)
    if not text:
        return "", ""
    restored = zip_restored(text)
    if restored:
        return restored, ""
    parsed = parse_address(text)
    return "", zip_state_problem(parsed.state, parsed.zip) if parsed.state and parsed.zip else ""


def _parts(parsed: list[Address], codes: np.ndarray, part: str) -> np.ndarray:
    return np.array([getattr(a, part) for a in parsed], dtype=object)[codes]


def _zip_problem(address: Address) -> str:
    return zip_state_problem(address.state, address.zip) if address.state else ""
