"""The Plan's two big tables, built from the grouping arrays without per-row Python.

``numbers_frame``: one row per input row (categorical request, path and carrier columns,
cheap for a million rows). ``requests_frame``: one row per request with its cost, dates,
window and notes (P3, P5-P8). ``carrier_requests``: which requests each carrier is in
(P10 checklist lines) and the carriers of each Managed/Custom order.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from lnp_excel.core.numbers.engine import text_array
from lnp_excel.core.plan.accounts import (
    ACCOUNT_FIELDS,
    ADDRESS,
    ADDRESS_PARTS,
    KEYED,
    LABELS,
    Accounts,
)
from lnp_excel.core.plan.checklist import MAX_IDS_LISTED
from lnp_excel.core.plan.paths import PATHS, PortPath
from lnp_excel.core.plan.requests import KINDS, Carriers, Grouping
from lnp_excel.core.plan.terms import (
    CONSIDER_CUSTOM_NOTE,
    CUSTOM_NOTE,
    EXPEDITE_NOTE,
    LOOKS_LIKE_NOTE,
    SHORT_NOTICE_NOTE,
    UNKNOWN_CARRIER_NOTE,
    WIRELESS_NOTE,
    PathTerms,
    append_note,
    costs,
    expedite_range,
    short_notice,
)
from lnp_excel.core.settings import Settings

NO_NUMBER_REASON = "no phone number in this row"
REQUEST_COLUMNS = (
    "request",
    "path",
    "npa_nxx",
    "carrier",
    "type",
    "count",
    "cost",
    "earliest_date",
    "latest_date",
    "port_window",
    "expedite_min",
    "expedite_max",
    "first_number",
    "last_number",
    "btn",
    "account_number",
    "pin",
    "customer_name",
    "authorized_name",
    "service_address",
    "unknown_carrier",
    "missing_details",
    "notes",
)
NUMBER_COLUMNS = (
    "input",
    "number",
    "extension",
    "region",
    "type",
    "npa_nxx",
    "carrier",
    "request",
    "path",
    "status",
    "reason",
    "warning",
    "missing",
    *ACCOUNT_FIELDS,
    *ADDRESS_PARTS,
)
MISSING_NOTE = "{n} number{s} missing a {what} (Numbers sheet, Missing column) (P3a)"


def numbers_frame(
    verdicts: pd.DataFrame,
    carriers: Carriers,
    grouping: Grouping,
    path: np.ndarray,
    accounts: Accounts,
) -> pd.DataFrame:
    """One row per input row: the engine's verdict, the carrier, request and path, the
    extension (N2a), the request fields (P3c) and what of them is missing (P3a)."""
    reason = verdicts["reason"].to_numpy(dtype=object, copy=True)
    reason[(path < 0) & (reason == "")] = NO_NUMBER_REASON
    count = len(path)
    none = pd.Categorical.from_codes(np.zeros(count, dtype=np.int8), [""])
    extension = verdicts.get("extension")
    missing: object = none
    if accounts.columns:
        flagged = accounts.missing.copy()
        flagged[path < 0] = ""  # only planned numbers go into a request
        missing = text_array(flagged)
    fields = {
        name: text_array(values) if name in accounts.columns or _derived(name, accounts) else none
        for name, values in accounts.values.items()
    }
    # The engine's columns are shared, not copied (pandas copies on write); arrays, not
    # Series, so nothing is aligned on the index.
    frame = pd.DataFrame(
        {
            "input": verdicts["input"].array,
            "number": verdicts["number"].array,
            "extension": none if extension is None else extension.array,
            "region": verdicts["region"].array,
            "type": verdicts["type"].array,
            "npa_nxx": verdicts["npa_nxx"].array,
            "carrier": carriers.per_row(),
            "request": pd.Categorical.from_codes(grouping.row_request + 1, ["", *grouping.ids]),
            "path": pd.Categorical.from_codes(path + 1, ["", *PATHS]),
            "status": verdicts["status"].array,
            "reason": text_array(reason),
            "warning": verdicts["warning"].array,
            "missing": missing,
            **fields,
        },
        columns=list(NUMBER_COLUMNS),
        index=verdicts.index,
        copy=False,
    )
    frame.index.name = "row"
    return frame


def _derived(name: str, accounts: Accounts) -> bool:
    """Address parts and the one-line address exist when any address column does."""
    return name in (ADDRESS, *ADDRESS_PARTS) and any(
        part in accounts.columns for part in (ADDRESS, *ADDRESS_PARTS)
    )


def carrier_requests(
    grouping: Grouping, carriers: Carriers, path: np.ndarray
) -> tuple[dict[int, tuple[int, list[str]]], dict[int, str]]:
    """Per carrier code: (request count, first request ids) for the P10 checklist; and per
    Managed/Custom request, its carriers' names.

    Self-service requests have one carrier each (no per-row work); Managed and Custom
    orders mix carriers, so only their rows are scanned.
    """
    requests = len(grouping.ids)
    ss = grouping.path == PortPath.SELF_SERVICE
    pair_car = [grouping.carrier[ss]]
    pair_req = [np.flatnonzero(ss)]
    mixed = np.flatnonzero(path > PortPath.SELF_SERVICE)  # Managed and Custom
    if len(mixed):
        pairs = np.unique((carriers.codes[mixed] + 1) * requests + grouping.row_request[mixed])
        pair_car.append(pairs // requests - 1)
        pair_req.append(pairs % requests)
    car = np.concatenate(pair_car)
    req = np.concatenate(pair_req)
    rank = np.append(carriers.rank, len(carriers.keys))  # code -1 (unknown) sorts last
    order = np.lexsort((req, rank[car]))
    car, req = car[order], req[order]
    cuts = np.flatnonzero(np.diff(car)) + 1
    by_carrier: dict[int, tuple[int, list[str]]] = {}
    for segment in np.split(np.arange(len(car)), cuts):
        if len(segment):
            chosen = req[segment]
            by_carrier[int(car[segment[0]])] = (
                len(chosen),
                [grouping.ids[i] for i in chosen[:MAX_IDS_LISTED].tolist()],
            )
    names: dict[int, list[str]] = {}
    mixed_pairs = (grouping.path[req] > PortPath.SELF_SERVICE) & (car >= 0)
    for code, index in zip(car[mixed_pairs].tolist(), req[mixed_pairs].tolist(), strict=True):
        names.setdefault(index, []).append(carriers.names[code])
    return by_carrier, {index: "; ".join(found) for index, found in names.items()}


def requests_frame(
    grouping: Grouping,
    verdicts: pd.DataFrame,
    npa: pd.Categorical,
    carriers: Carriers,
    mixed_names: dict[int, str],
    terms: dict[str, PathTerms],
    path: np.ndarray,
    submit: dt.date,
    requested: dt.date | None,
    settings: Settings,
    accounts: Accounts,
) -> pd.DataFrame:
    """One row per request with its cost, dates, window and notes (P5-P8) and, for
    self-service requests, the request fields of its account (P3a, P3c)."""
    req_path = grouping.path
    count = grouping.count
    n = len(req_path)
    path_names = np.array(PATHS, dtype=object)[req_path]
    ss = req_path == PortPath.SELF_SERVICE
    npa_text = np.asarray(npa.categories, dtype=object)[grouping.npa_code] if n else np.array([])
    npa_text = np.where(ss, npa_text, "")
    carrier = np.array(["", *carriers.names], dtype=object)[grouping.carrier + 1]
    for index, names in mixed_names.items():
        carrier[index] = names
    number = verdicts["number"].to_numpy(dtype=object)
    planned = grouping.row_request >= 0
    unknown = np.bincount(grouping.row_request[planned & (carriers.codes < 0)], minlength=n).astype(
        np.int64
    )
    warned = planned & (verdicts["warning"].to_numpy(dtype=object) != "")
    warnings = np.bincount(grouping.row_request[warned], minlength=n)

    def dates(attr: str) -> np.ndarray:
        values = [getattr(terms[name], attr) for name in PATHS]
        table = np.array([np.datetime64(v, "D") if v else np.datetime64("NaT") for v in values])
        return table[req_path].astype("datetime64[s]")

    exp_low, exp_high = expedite_range(req_path, count, terms, settings)
    notes = np.full(n, "", dtype=object)
    append_note(notes, ss & (grouping.carrier < 0), UNKNOWN_CARRIER_NOTE)
    _carrier_notes(notes, ss, grouping.carrier, carriers)
    missing = np.zeros(n, dtype=np.int64)
    if accounts.columns:
        flagged = planned & (accounts.missing != "")
        missing = np.bincount(grouping.row_request[flagged], minlength=n)
    if missing.any():
        named = [LABELS[f] for f in KEYED if f in accounts.columns or _derived(f, accounts)]
        what = " or ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
        append_note(
            notes, missing > 0, _counted(missing, missing > 0, MISSING_NOTE.replace("{what}", what))
        )
    mixed_unknown = ~ss & (unknown > 0)
    append_note(
        notes,
        mixed_unknown,
        _counted(
            unknown,
            mixed_unknown,
            "carrier unknown for {n} number{s}: confirm from the CSR before submitting",
        ),
    )
    if short_notice(submit, requested, settings):
        append_note(notes, ss, SHORT_NOTICE_NOTE.format(days=settings.short_notice_days))
    expedite = ~np.isnan(exp_low)
    if expedite.any():
        texts = np.full(n, "", dtype=object)
        texts[expedite] = [
            EXPEDITE_NOTE.format(
                low=lo,
                high=hi,
                per_low=settings.expedite_min_per_number,
                per_high=settings.expedite_max_per_number,
            )
            for lo, hi in zip(exp_low[expedite], exp_high[expedite], strict=True)
        ]
        append_note(notes, expedite, texts)
    managed = req_path == PortPath.MANAGED
    managed_total = int(count[managed].sum())
    if managed_total >= settings.custom_suggest_from:
        append_note(notes, managed, CONSIDER_CUSTOM_NOTE.format(count=f"{managed_total:,}"))
    append_note(notes, req_path == PortPath.CUSTOM, CUSTOM_NOTE)
    append_note(
        notes,
        warnings > 0,
        _counted(warnings, warnings > 0, "{n} number{s} with warnings (see Numbers)"),
    )

    frame = pd.DataFrame(
        {
            "request": list(grouping.ids),
            "path": path_names,
            "npa_nxx": npa_text,
            "carrier": carrier,
            "type": np.array(KINDS, dtype=object)[grouping.kind],
            "count": count.astype(np.int64),
            "cost": costs(req_path, count, settings),
            "earliest_date": dates("earliest"),
            "latest_date": dates("latest"),
            "port_window": np.array([terms[name].window for name in PATHS], object)[req_path],
            "expedite_min": exp_low,
            "expedite_max": exp_high,
            "first_number": number[grouping.first_row] if n else [],
            "last_number": number[grouping.last_row] if n else [],
            **{
                name: _request_values(accounts.values[name], grouping, ss)
                if name in accounts.columns or _derived(name, accounts)
                else np.full(n, "", dtype=object)
                for name in ACCOUNT_FIELDS
            },
            "unknown_carrier": unknown,
            "missing_details": missing.astype(np.int64),
            "notes": notes,
        },
        columns=list(REQUEST_COLUMNS),
        copy=False,
    )
    return frame


def _carrier_notes(
    notes: np.ndarray, ss: np.ndarray, carrier: np.ndarray, carriers: Carriers
) -> None:
    """P3b on self-service requests: a name that looks like a listed carrier, wireless."""
    texts = np.array(
        [
            LOOKS_LIKE_NOTE.format(name=name, carrier=like) if like else ""
            for name, like in zip(carriers.names, carriers.suggestions, strict=True)
        ]
        + [""],
        dtype=object,
    )[carrier]
    append_note(notes, ss & (texts != ""), texts)
    wireless = np.array([*carriers.wireless, False], dtype=bool)[carrier]
    append_note(notes, ss & wireless, WIRELESS_NOTE)


def _request_values(values: np.ndarray, grouping: Grouping, ss: np.ndarray) -> np.ndarray:
    """Per self-service request, the first non-blank value of its rows in number order
    ("" for Managed and Custom orders, which mix accounts). BTN, account and address are
    one per request by construction (P3a); name and PIN are the account's first given."""
    out = np.full(len(grouping.ids), "", dtype=object)
    ordered = values[grouping.order]
    given = np.flatnonzero(ordered != "")
    if len(given):
        requests = grouping.row_request[grouping.order[given]]
        chosen, first = np.unique(requests, return_index=True)
        out[chosen] = ordered[given[first]]
    out[~ss] = ""
    return out


def _counted(counts: np.ndarray, mask: np.ndarray, template: str) -> np.ndarray:
    """``template`` filled with each masked count ({n}, plural {s}); "" elsewhere."""
    texts = np.full(len(counts), "", dtype=object)
    texts[mask] = [
        template.format(n=f"{k:,}", s="" if k == 1 else "s") for k in counts[mask].tolist()
    ]
    return texts
