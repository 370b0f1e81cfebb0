"""Port-in planner: a customer's list -> the port requests to submit, their cost and dates.

``plan_ports`` runs the number engine (N1-N6), matches carriers to the directory (P3,
P3b), reads the request fields of the list (P3a, P3c), routes every valid number to a
path (P4-P6), packs self-service numbers into the fewest requests (P1-P3a, local and
toll-free apart, unknown carriers apart), prices and dates each request (P5-P8),
checks licenses (P9) and writes the checklist (P10-P12). It is pure: a DataFrame in, a
``Plan`` of DataFrames out; the shells read and write the files.

Invariants (property-tested): every valid, non-duplicate number is in exactly one request;
every other row is in none and has a reason; no self-service request holds more than 50
numbers, two NPA-NXX, two carriers, two accounts (BTN, account number, service address:
P3a) or both types; the request count is the minimum, sum of ceil(n/50) over
self-service groups plus one per Managed/Custom path and type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lnp_excel.core import Progress
from lnp_excel.core.carriers import CarrierDirectory
from lnp_excel.core.errors import InputError
from lnp_excel.core.numbers.engine import OK, STATUSES, normalize_with_keys
from lnp_excel.core.plan.accounts import find_account_columns, read_accounts
from lnp_excel.core.plan.checklist import checklist
from lnp_excel.core.plan.inputs import find_columns
from lnp_excel.core.plan.paths import PATHS, PortPath
from lnp_excel.core.plan.requests import (
    KINDS,
    carrier_key,
    group_requests,
    kinds_of,
    read_carriers,
    route,
)
from lnp_excel.core.plan.summary import by_carrier, license_check, license_counts, summary
from lnp_excel.core.plan.tables import (
    NUMBER_COLUMNS,
    REQUEST_COLUMNS,
    carrier_requests,
    numbers_frame,
    requests_frame,
)
from lnp_excel.core.plan.terms import path_terms
from lnp_excel.core.settings import DEFAULT_SETTINGS, Settings
from lnp_excel.core.values import parse_date, plain_cells, plural

__all__ = [
    "NUMBER_COLUMNS",
    "PATHS",
    "REQUEST_COLUMNS",
    "Plan",
    "PortPath",
    "carrier_key",
    "plan_ports",
]


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
    ``source``: the input table as given, same index as ``numbers``.
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
    # P3c: the columns of the request fields found in the list (field -> column), and the
    # list itself, every column as given (the Numbers sheet keeps them all).
    account_columns: dict[str, str] = field(default_factory=dict)
    source: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    # Positions into ``numbers``, request by request (number order inside), and where
    # each request starts among them: what ``request_numbers`` and the exports walk.
    member_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    member_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)

    @property
    def exceptions(self) -> pd.DataFrame:
        """Rows in no request (invalid, duplicate, empty), each with its reason."""
        return self.numbers[self.numbers["request"] == ""]

    def summary_line(self) -> str:
        """The one line both shells show (terminal, status bar): rows, requests per path,
        exceptions, cost, expected dates and any license shortfall (P1-P9)."""
        requests = self.requests
        by_path = requests.groupby("path", sort=False).size() if len(requests) else {}
        paths = ", ".join(f"{int(n):,} {path}" for path, n in by_path.items())
        carrier = f"carrier from '{self.carrier_column}'" if self.carrier_column else "no carrier"
        if self.account_columns:  # P3c: the request fields found, by the list's own names
            carrier += "; request fields from " + ", ".join(
                f"'{column}'" for column in self.account_columns.values()
            )
        source = f" from '{self.number_column}' ({carrier})" if self.number_column else ""
        line = (
            f"{plural(len(self.numbers), 'row')}{source}: "
            f"{plural(int(requests['count'].sum()), 'number')} in "
            f"{plural(len(requests), 'request')}" + (f" ({paths})" if paths else "")
        )
        line += f", {plural(len(self.exceptions), 'exception')}"
        if len(requests):
            custom = (
                " + Custom by statement of work" if (requests["path"] == "Custom").any() else ""
            )
            line += f"; cost ${requests['cost'].sum():,.2f}{custom}"
            dated = requests.dropna(subset=["earliest_date"])
            if len(dated):
                line += (
                    f"; expected port dates {dated['earliest_date'].min():%Y-%m-%d} to "
                    f"{dated['latest_date'].max():%Y-%m-%d}"
                )
        short = self.licenses.dropna(subset=["shortfall"])
        for row in short[short["shortfall"] > 0].itertuples(index=False):
            line += f"; license shortfall: {int(row.shortfall):,} {row.license} ({row.type})"
        return line

    def request_numbers(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """(request id, its rows of ``numbers`` in number order) for every request."""
        ids = self.requests["request"].tolist()
        if not ids:
            return
        ends = [*self.member_starts[1:].tolist(), len(self.member_rows)]
        for rid, start, end in zip(ids, self.member_starts.tolist(), ends, strict=True):
            yield rid, self.numbers.iloc[self.member_rows[start:end]]


def plan_ports(
    table: object,
    *,
    submit_date: dt.date | str | None = None,
    requested_date: dt.date | str | None = None,
    licenses: Mapping[str, object] | None = None,
    settings: Settings | None = None,
    number_column: str | None = None,
    carrier_column: str | None = None,
    carrier_directory: CarrierDirectory | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Plan the port-in of ``table``'s numbers (P1-P12); see the module doc.

    ``table`` is a DataFrame (or anything with a ``frame``, such as io's SourceTable)
    whose number and optional carrier columns are found by name (NUMBER_ALIASES,
    CARRIER_ALIASES) unless named; a Series is a list of numbers without carriers. Its
    index should be the row numbers the user sees. ``submit_date`` defaults to ``today``
    (itself defaulting to the clock); ``licenses`` is {"local": n, "toll-free": m}.
    ``carrier_directory`` merges carrier spellings (P3b; default: the shipped one).
    Bad input raises InputError naming the column.
    """
    settings = settings or DEFAULT_SETTINGS
    frame = getattr(table, "frame", table)
    if isinstance(frame, pd.DataFrame | pd.Series):
        frame = plain_cells(frame)  # odd cell types get a reason, never a raise (issue 18)
    numbers_in, carriers_in, number_name, carrier_name = find_columns(
        frame, number_column, carrier_column
    )
    source = frame if isinstance(frame, pd.DataFrame) else numbers_in.to_frame()
    account_columns = (
        find_account_columns(frame, [number_name, carrier_name])
        if isinstance(frame, pd.DataFrame)
        else {}
    )
    submit = parse_date(submit_date, "submission date") or today or dt.date.today()
    requested = parse_date(requested_date, "requested date")
    if requested is not None and requested < submit:
        raise InputError(
            f"the requested date {requested:%Y-%m-%d} is before the submission date "
            f"{submit:%Y-%m-%d}"
        )
    available = license_counts(licenses)

    verdicts, keys, status_code = normalize_with_keys(
        numbers_in, settings.default_region, progress=progress
    )
    count = len(verdicts)
    ok = status_code == STATUSES.index(OK)
    tally = np.bincount(status_code, minlength=len(STATUSES)).tolist()
    statuses = dict(zip(STATUSES, tally, strict=True))
    kind = kinds_of(verdicts["type"].to_numpy(dtype=object))
    carriers = read_carriers(carriers_in, count, settings, carrier_directory)
    accounts = read_accounts(source, account_columns, count)
    path = route(verdicts["region"].to_numpy(dtype=object), kind, ok, settings)
    npa = verdicts["npa_nxx"].array
    if not isinstance(npa, pd.Categorical):
        npa = pd.Categorical(npa)
    blank = np.flatnonzero(np.asarray(npa.categories, dtype=object) == "")
    nanp = np.asarray(npa.codes) != (blank[0] if len(blank) else -2)
    # Within a group, NANP numbers sort by their 10 digits (the engine's key), others by
    # input position; NANP and other numbers never share a group, so the scales never meet.
    sort_key = np.arange(count, dtype=np.int64) + 10**10
    by_digits = nanp & (path >= 0)
    sort_key[by_digits] = keys[by_digits]
    grouping = group_requests(
        path, kind, npa, carriers, sort_key, settings, accounts.rank[accounts.code]
    )

    numbers = numbers_frame(verdicts, carriers, grouping, path, accounts)
    by_carrier_requests, mixed_names = carrier_requests(grouping, carriers, path)
    terms = path_terms(submit, requested, settings)
    requests = requests_frame(
        grouping,
        verdicts,
        npa,
        carriers,
        mixed_names,
        terms,
        path,
        submit,
        requested,
        settings,
        accounts,
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
            by_carrier_requests,
            license_table,
            exceptions,
            submit,
            requested,
            settings,
            terms,
        ),
        summary=summary(statuses, requests, license_table, submit, requested),
        licenses=license_table,
        by_carrier=by_carrier(path, carriers),
        settings=settings,
        submit_date=submit,
        requested_date=requested,
        number_column=number_name,
        carrier_column=carrier_name,
        account_columns=accounts.columns,
        source=source,
        member_rows=grouping.order,
        member_starts=grouping.starts,
    )
