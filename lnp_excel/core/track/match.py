"""T2: which request each order belongs to.

Three keys, tried in order, each only for the orders the one before left unmatched:
1. the PON / customer reference is the request id (what an agent types when submitting
   the plan's request files);
2. the order's numbers: the request holding most of them;
3. the order's BTN and losing carrier: a request whose BTN (or one of whose numbers) is
   that BTN, with the same carrier by the carrier directory (P3b).
What matches nothing is listed apart; a request no order matches is "Not submitted".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory, default_directory, name_key
from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.track.orders import order_numbers

BY_REFERENCE = "request id"
BY_NUMBERS = "numbers"
BY_BTN = "BTN and carrier"


def ten_digits(values: pd.Series) -> pd.Series:
    """Numbers as the plan keeps them (N1): 10 digits for NANP, E.164 otherwise, "" when
    not a number."""
    if values.empty:
        return pd.Series([], index=values.index, dtype=object)
    return normalize_numbers(values.astype(object), "US")["number"].astype(str)


def _id_key(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.strip().str.casefold()


def match_orders(
    requests: pd.DataFrame,
    numbers: pd.DataFrame,
    orders: pd.DataFrame,
    directory: CarrierDirectory | None = None,
) -> pd.DataFrame:
    """For each order (same index): ``request`` ("" when none) and ``matched_by``.

    ``requests`` has ``request`` and ``carrier`` (``btn`` when the list had one);
    ``numbers`` has ``number`` and ``request`` (the plan's Numbers sheet).
    """
    directory = directory or default_directory()
    found = pd.Series("", index=orders.index, dtype=object)
    how = pd.Series("", index=orders.index, dtype=object)
    ids = dict(zip(_id_key(requests["request"]), requests["request"], strict=True))
    by_ref = _id_key(orders["reference"]).map(ids).fillna("")
    found[by_ref != ""] = by_ref[by_ref != ""]
    how[by_ref != ""] = BY_REFERENCE

    planned = numbers[numbers["request"].fillna("").astype(str) != ""]
    owner = dict(zip(planned["number"].astype(str), planned["request"].astype(str), strict=True))
    pairs = order_numbers(orders[found == ""])
    if len(pairs):
        owners = ten_digits(pairs).map(owner).dropna()
        if len(owners):
            best = owners.groupby(level=0).agg(lambda s: s.value_counts().index[0])
            found[best.index] = best
            how[best.index] = BY_NUMBERS

    left = orders.index[(found == "").to_numpy()]
    if len(left):
        by_btn = _by_btn_and_carrier(requests, planned, orders.loc[left], directory)
        hit = by_btn[by_btn != ""]
        found[hit.index] = hit
        how[hit.index] = BY_BTN
    return pd.DataFrame({"request": found, "matched_by": how})


def _carrier_keys(names: pd.Series, directory: CarrierDirectory) -> np.ndarray:
    """One key per carrier: the directory's entry when listed, else the name's key."""
    keys = {}
    for name in names.fillna("").astype(str).unique():
        entry = directory.match(name).entry
        keys[name] = f"#{entry}" if entry >= 0 else name_key(name)
    return names.fillna("").astype(str).map(keys).to_numpy(dtype=object)


def _by_btn_and_carrier(
    requests: pd.DataFrame,
    numbers: pd.DataFrame,
    orders: pd.DataFrame,
    directory: CarrierDirectory,
) -> pd.Series:
    """T2's third key: (BTN, carrier) of the order against each request's BTN and numbers."""
    candidates = [numbers[["number", "request"]].astype(str)]
    if "btn" in requests:
        btns = pd.DataFrame(
            {"number": ten_digits(requests["btn"].fillna("")), "request": requests["request"]}
        )
        candidates.insert(0, btns)
    keyed = pd.concat(candidates, ignore_index=True)
    keyed = keyed[keyed["number"] != ""].drop_duplicates()
    carrier_of = dict(
        zip(
            requests["request"],
            _carrier_keys(requests["carrier"], directory),
            strict=True,
        )
    )
    keyed["carrier"] = keyed["request"].map(carrier_of)
    lookup = keyed.drop_duplicates(["number", "carrier"]).set_index(["number", "carrier"])
    order_btn = ten_digits(orders["btn"].fillna(""))
    order_carrier = _carrier_keys(orders["carrier"], directory)
    wanted = pd.MultiIndex.from_arrays([order_btn.to_numpy(dtype=object), order_carrier])
    hits = np.array(lookup["request"].reindex(wanted).fillna(""), dtype=object)  # a copy
    hits[(order_btn == "").to_numpy() | (order_carrier == "")] = ""
    return pd.Series(hits, index=orders.index, dtype=object)
