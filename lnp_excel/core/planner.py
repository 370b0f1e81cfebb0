"""Port-in planner: a customer's list -> the port requests to submit, their cost and dates.

``plan_ports`` runs the number engine (N1-N6), keys carriers (P3), routes every valid
number to a path (P4-P6), packs self-service numbers into the fewest requests (P1-P3,
local and toll-free apart, unknown carriers apart), prices and dates each request (P5-P8),
checks licenses (P9) and writes the checklist (P10-P12). It is pure: a DataFrame in, a
``Plan`` of DataFrames out; the shells read and write the files.

Invariants (property-tested): every valid, non-duplicate number is in exactly one request;
every other row is in none and has a reason; no self-service request holds more than 50
numbers, two NPA-NXX, two carriers or both types; the request count is the minimum,
sum of ceil(n/50) over self-service groups plus one per Managed/Custom path and type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lnp_excel.core.columns import CARRIER_ALIASES, NUMBER_ALIASES, find_column, normalize_header
from lnp_excel.core.errors import InputError
from lnp_excel.core.numbers import DUPLICATE, EMPTY, INVALID, OK, normalize_numbers
from lnp_excel.core.plan_checklist import (
    MAX_IDS_LISTED,
    by_carrier,
    checklist,
    license_check,
    license_counts,
    summary,
)
from lnp_excel.core.plan_requests import (
    KINDS,
    MANAGED,
    PATHS,
    Carriers,
    Grouping,
    carrier_key,
    group_requests,
    kinds_of,
    number_order,
    read_carriers,
    route,
)
from lnp_excel.core.plan_terms import (
    CONSIDER_CUSTOM_NOTE,
    CUSTOM_NOTE,
    EXPEDITE_NOTE,
    SHORT_NOTICE_NOTE,
    UNKNOWN_CARRIER_NOTE,
    append_note,
    costs,
    expedite_range,
    path_terms,
)
from lnp_excel.core.settings import DEFAULT_SETTINGS, Settings

__all__ = ["Plan", "plan_ports", "carrier_key", "PATHS"]

EMPTY_REASON = "no phone number in this row"
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
    "unknown_carrier",
    "notes",
)
NUMBER_COLUMNS = (
    "input",
    "number",
    "region",
    "type",
    "npa_nxx",
    "carrier",
    "request",
    "path",
    "status",
    "reason",
    "warning",
)

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Plan:
    """A port-in plan; every table is a DataFrame the shells can write as it is.

    ``numbers``: one row per input row, input order, index = source row (``row``);
    columns NUMBER_COLUMNS. ``request`` and ``path`` are "" for rows in no request.
    ``requests``: one row per request in submission order; columns REQUEST_COLUMNS
    (``cost`` and ``expedite_*`` in dollars, NaN when priced by a statement of work or
    not applicable; dates NaT for Custom). ``checklist``: item, detail, rule.
    ``summary``: metric, value. ``licenses``: license, type, needed, available,
    shortfall (P9). ``by_carrier``: numbers per carrier and path (the Summary chart).
    """

    numbers: pd.DataFrame
    requests: pd.DataFrame
    checklist: pd.DataFrame
    summary: pd.DataFrame
    licenses: pd.DataFrame
    by_carrier: pd.DataFrame
    settings: Settings
    submit_date: dt.date
    requested_date: dt.date | None
    number_column: str | None = None
    carrier_column: str | None = None
    _order: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    _starts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)

    @property
    def exceptions(self) -> pd.DataFrame:
        """Rows in no request (invalid, duplicate, empty), each with its reason."""
        return self.numbers[self.numbers["request"] == ""]

    def request_numbers(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """(request id, its rows of ``numbers`` in number order) for every request."""
        ids = self.requests["request"].tolist()
        if not ids:
            return
        ends = [*self._starts[1:].tolist(), len(self._order)]
        for rid, start, end in zip(ids, self._starts.tolist(), ends, strict=True):
            yield rid, self.numbers.iloc[self._order[start:end]]


def plan_ports(
    table: object,
    *,
    submit_date: dt.date | str | None = None,
    requested_date: dt.date | str | None = None,
    licenses: Mapping[str, object] | None = None,
    settings: Settings | None = None,
    number_column: str | None = None,
    carrier_column: str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Plan the port-in of ``table``'s numbers (P1-P12); see the module doc.

    ``table`` is a DataFrame (or anything with a ``frame``, such as io's SourceTable)
    whose number and optional carrier columns are found by name (NUMBER_ALIASES,
    CARRIER_ALIASES) unless named; a Series is a list of numbers without carriers. Its
    index should be the row numbers the user sees. ``submit_date`` defaults to ``today``
    (itself defaulting to the clock); ``licenses`` is {"local": n, "toll-free": m}.
    Bad input raises InputError naming the column.
    """
    settings = settings or DEFAULT_SETTINGS
    numbers_in, carriers_in, number_name, carrier_name = _columns(
        getattr(table, "frame", table), number_column, carrier_column
    )
    submit = _as_date(submit_date, "submission date") or today or dt.date.today()
    requested = _as_date(requested_date, "requested date")
    if requested is not None and requested < submit:
        raise InputError(
            f"the requested date {requested:%Y-%m-%d} is before the submission date "
            f"{submit:%Y-%m-%d}"
        )
    available = license_counts(licenses)

    verdicts = normalize_numbers(numbers_in, settings.default_region, progress=progress)
    count = len(verdicts)
    status = verdicts["status"].to_numpy(dtype=object)
    ok = status == OK
    statuses = {name: int((status == name).sum()) for name in (INVALID, DUPLICATE, EMPTY)}
    statuses[OK] = int(ok.sum())
    kind = kinds_of(verdicts["type"].to_numpy(dtype=object))
    carriers = read_carriers(carriers_in, count, settings)
    path = route(verdicts["region"].to_numpy(dtype=object), kind, ok, settings)
    npa = verdicts["npa_nxx"].array
    if not isinstance(npa, pd.Categorical):
        npa = pd.Categorical(npa)
    blank = np.flatnonzero(np.asarray(npa.categories, dtype=object) == "")
    nanp = np.asarray(npa.codes) != (blank[0] if len(blank) else -2)
    sort_key = number_order(verdicts["number"].to_numpy(dtype=object), nanp & (path >= 0))
    grouping = group_requests(path, kind, npa, carriers, sort_key, settings)

    numbers = _numbers_frame(verdicts, carriers, grouping, path)
    carrier_requests, mixed_names = _carrier_requests(grouping, carriers, path)
    terms = path_terms(submit, requested, settings)
    requests = _requests_frame(
        grouping, verdicts, npa, carriers, mixed_names, terms, path, submit, requested, settings
    )
    needed = {
        kind_name: int(requests.loc[requests["type"] == kind_name, "count"].sum())
        for kind_name in KINDS
    }
    license_table = license_check(needed, available, settings)
    exceptions = int((path < 0).sum())
    return Plan(
        numbers=numbers,
        requests=requests,
        checklist=checklist(
            requests,
            path,
            carriers,
            carrier_requests,
            license_table,
            exceptions,
            submit,
            requested,
            settings,
        ),
        summary=summary(statuses, requests, license_table, submit, requested),
        licenses=license_table,
        by_carrier=by_carrier(path, carriers),
        settings=settings,
        submit_date=submit,
        requested_date=requested,
        number_column=number_name,
        carrier_column=carrier_name,
        _order=grouping.order,
        _starts=grouping.starts,
    )


# --- input -----------------------------------------------------------------------------


def _named(columns: list[object], wanted: str, role: str) -> object:
    """A column the user named: exact, else compared like headers ("phone #" = "Phone")."""
    if wanted in columns:
        return wanted
    key = normalize_header(wanted)
    hits = [c for c in columns if normalize_header(c) == key]
    if len(hits) == 1:
        return hits[0]
    found = ", ".join(f"'{c}'" for c in columns) or "none"
    raise InputError(
        f"no {role} column named '{wanted}'; found columns: {found}", column=str(wanted)
    )


def _columns(
    table: object, number_column: str | None, carrier_column: str | None
) -> tuple[pd.Series, pd.Series | None, str | None, str | None]:
    if isinstance(table, pd.Series):
        return table, None, table.name if isinstance(table.name, str) else None, None
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"expected a table of numbers, got {type(table).__name__}")
    columns = list(table.columns)
    if number_column is not None:
        number = _named(columns, number_column, "phone number")
    else:
        number = find_column(columns, NUMBER_ALIASES, role="phone number")
    if carrier_column is not None:
        carrier = _named(columns, carrier_column, "carrier")
    else:
        rest = [c for c in columns if c != number]
        carrier = find_column(rest, CARRIER_ALIASES, role="carrier", required=False)
    numbers = table[number]
    if isinstance(numbers, pd.DataFrame):  # duplicate header names
        raise InputError("two columns share the phone number header", column=str(number))
    carriers = None if carrier is None else table[carrier]
    return numbers, carriers, str(number), None if carrier is None else str(carrier)


def _as_date(value: dt.date | str | None, what: str) -> dt.date | None:
    """Dates as agents type them: 2025-03-14, 3/14/2025, or a date/datetime/Timestamp."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for form in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise InputError(f"cannot read the {what} {text!r}: use YYYY-MM-DD, e.g. 2025-03-14")


# --- tables ----------------------------------------------------------------------------


def _numbers_frame(
    verdicts: pd.DataFrame, carriers: Carriers, grouping: Grouping, path: np.ndarray
) -> pd.DataFrame:
    reason = verdicts["reason"].to_numpy(dtype=object, copy=True)
    reason[(path < 0) & (reason == "")] = EMPTY_REASON
    frame = pd.DataFrame(
        {
            "input": verdicts["input"],
            "number": verdicts["number"],
            "region": verdicts["region"],
            "type": verdicts["type"],
            "npa_nxx": verdicts["npa_nxx"],
            "carrier": carriers.per_row(),
            "request": pd.Categorical.from_codes(grouping.row_request + 1, ["", *grouping.ids]),
            "path": pd.Categorical.from_codes(path + 1, ["", *PATHS]),
            "status": verdicts["status"],
            "reason": reason,
            "warning": verdicts["warning"],
        },
        index=verdicts.index,
    )
    frame.index.name = "row"
    return frame


def _carrier_requests(
    grouping: Grouping, carriers: Carriers, path: np.ndarray
) -> tuple[dict[int, tuple[int, list[str]]], dict[int, str]]:
    """Per carrier code: (request count, first request ids) for the P10 checklist; and per
    Managed/Custom request, its carriers' names.

    Self-service requests have one carrier each (no per-row work); Managed and Custom
    orders mix carriers, so only their rows are scanned.
    """
    requests = len(grouping.ids)
    ss = grouping.path == 0
    pair_car = [grouping.carrier[ss]]
    pair_req = [np.flatnonzero(ss)]
    mixed = np.flatnonzero(path > 0)
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
    mixed_pairs = (grouping.path[req] > 0) & (car >= 0)
    for code, index in zip(car[mixed_pairs].tolist(), req[mixed_pairs].tolist(), strict=True):
        names.setdefault(index, []).append(carriers.names[code])
    return by_carrier, {index: "; ".join(found) for index, found in names.items()}


def _requests_frame(
    grouping: Grouping,
    verdicts: pd.DataFrame,
    npa: pd.Categorical,
    carriers: Carriers,
    mixed_names: dict[int, str],
    terms: dict,
    path: np.ndarray,
    submit: dt.date,
    requested: dt.date | None,
    settings: Settings,
) -> pd.DataFrame:
    """One row per request with its cost, dates, window and notes (P5-P8)."""
    req_path = grouping.path
    count = grouping.count
    n = len(req_path)
    path_names = np.array(PATHS, dtype=object)[req_path]
    ss = req_path == 0
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
    if requested is not None and (requested - submit).days <= settings.short_notice_days:
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
    managed = req_path == PATHS.index(MANAGED)
    managed_total = int(count[managed].sum())
    if managed_total >= settings.custom_suggest_from:
        append_note(notes, managed, CONSIDER_CUSTOM_NOTE.format(count=f"{managed_total:,}"))
    append_note(notes, req_path == 2, CUSTOM_NOTE)
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
            "unknown_carrier": unknown,
            "notes": notes,
        },
        columns=list(REQUEST_COLUMNS),
    )
    return frame


def _counted(counts: np.ndarray, mask: np.ndarray, template: str) -> np.ndarray:
    """``template`` filled with each masked count ({n}, plural {s}); "" elsewhere."""
    texts = np.full(len(counts), "", dtype=object)
    texts[mask] = [
        template.format(n=f"{k:,}", s="" if k == 1 else "s") for k in counts[mask].tolist()
    ]
    return texts
