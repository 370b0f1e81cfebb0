"""Checks on valid numbers the engine adds to libphonenumber's verdicts: N6 duplicates
(later repeats name the first row), N4 NPA-NXX, N3 plan warnings and N2a extension notes."""

from __future__ import annotations

import numpy as np
import pandas as pd

_DUPLICATE_BUCKETS = 1 << 22  # a power of two: a key's bucket is its low bits


def mark_duplicates(
    key: np.ndarray,
    status_code: np.ndarray,
    reason: np.ndarray,
    labels: pd.Index,
    duplicate: int,
) -> None:
    """N6: the same number twice is one number; later repeats get status code
    ``duplicate`` and a reason naming the first occurrence's label."""
    valid = np.flatnonzero(key > 0)
    keys = key[valid]
    ordered = np.sort(keys)  # a value sort is cheap; it tells which keys repeat
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(repeated):
        return
    # Rows whose key may repeat (a bitmap of hashed repeated keys), a few percent of rows,
    # keep every occurrence of each repeated key, so first occurrences are the same there.
    buckets = np.zeros(_DUPLICATE_BUCKETS, dtype=bool)
    buckets[repeated & (_DUPLICATE_BUCKETS - 1)] = True
    maybe = valid[buckets[keys & (_DUPLICATE_BUCKETS - 1)]]
    # One hash pass: codes count up in order of first appearance, so a row is a first
    # occurrence exactly when its code exceeds every code before it.
    codes, _ = pd.factorize(key[maybe])
    first = np.empty(len(codes), dtype=bool)
    first[0] = True
    first[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
    repeat = ~first
    rows = maybe[repeat]
    first_rows = maybe[np.flatnonzero(first)[codes[repeat]]]
    status_code[rows] = duplicate
    reason[rows] = [f"same number as row {label}" for label in labels[first_rows]]


def nanp_details(number: np.ndarray, key: np.ndarray) -> tuple[pd.Categorical, np.ndarray]:
    """N4 NPA-NXX for NANP numbers and N3 plan warnings libphonenumber does not give."""
    count = len(number)
    warning = np.full(count, "", dtype=object)
    rows = np.flatnonzero((key > 0) & (key < 10**10))
    if not len(rows):
        return pd.Categorical.from_codes(np.zeros(count, dtype=np.int64), [""]), warning
    national = key[rows]
    prefix = national // 10_000
    # NPA-NXX is a grouping key with few distinct values: build each string once.
    inverse, distinct = pd.factorize(prefix)
    codes = np.zeros(count, dtype=np.int64)
    codes[rows] = inverse + 1
    npa_nxx = pd.Categorical.from_codes(codes, ["", *map(str, distinct.tolist())])
    nxx, line = prefix % 1000, national % 10_000
    n11 = nxx % 100 == 11
    fictional = (nxx == 555) & (line >= 100) & (line <= 199)
    warning[rows[n11]] = [N11_WARNING.format(x) for x in nxx[n11]]
    warning[rows[fictional]] = FICTIONAL_WARNING
    return npa_nxx, warning


N11_WARNING = "exchange {} has the N11 form of a service code (411, 911): confirm the number"
FICTIONAL_WARNING = "555-01XX numbers are fictional (reserved for films and examples)"


def plan_warning(national: int) -> str:
    """N3 for one valid NANP number (the worksheet function's path), as ``nanp_details``
    gives it: an N11 exchange, or a 555-01XX fictional number; "" for the others."""
    nxx, line = national // 10_000 % 1000, national % 10_000
    if nxx % 100 == 11:
        return N11_WARNING.format(nxx)
    return FICTIONAL_WARNING if nxx == 555 and 100 <= line <= 199 else ""


def add_notes(
    warning: np.ndarray,
    reason: np.ndarray,
    key: np.ndarray,
    extension: np.ndarray,
    note: np.ndarray,
    cleaned: np.ndarray,
) -> None:
    """N2a: an extension stays on valid numbers, with a warning; notes (a tel: link) join
    the warnings of valid numbers and the reasons of refused ones (which keep no extension).
    ``cleaned``: the rows that can have an extension or a note (the others have neither)."""
    valid = key[cleaned] > 0
    extension[cleaned[~valid]] = ""
    rows = cleaned[valid & (extension[cleaned] != "")]
    codes, distinct = pd.factorize(extension[rows])
    texts = np.array([EXTENSION_WARNING.format(e) for e in distinct], dtype=object)
    _append(warning, rows, texts[codes])
    noted = note[cleaned] != ""
    rows = cleaned[valid & noted]
    _append(warning, rows, note[rows])
    rows = cleaned[~valid & noted & (reason[cleaned] != "")]
    _append(reason, rows, note[rows])


EXTENSION_WARNING = (
    "extension {} kept apart in the Extension column: it belongs to the PBX, "
    "the carrier ports only the main number (N2a)"
)


def _append(texts: np.ndarray, rows: np.ndarray, added: np.ndarray) -> None:
    """Add ``added`` to ``texts`` at ``rows``: as it is where empty, after "; " elsewhere
    (the few rows that already have a text)."""
    before = texts[rows]
    empty = before == ""
    texts[rows[empty]] = added[empty]
    both = np.flatnonzero(~empty)
    texts[rows[both]] = [f"{b}; {a}" for b, a in zip(before[both], added[both], strict=True)]
