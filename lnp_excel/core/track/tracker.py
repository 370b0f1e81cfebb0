"""T1-T5: the tracker, one row per request of the plan, from the platforms' orders.

Pure: the plan's requests and numbers and the canonical orders frame (``orders``) in,
the tracker, the orders no request claims, and the status changes out. The shells read
the files and write the sheets; ``lnp_excel.track_ports`` is the Python API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lnp_excel.core.calendar import add_business_days, business_days_between
from lnp_excel.core.carriers import CarrierDirectory
from lnp_excel.core.plan.checklist import DAY_OF_PORT
from lnp_excel.core.plan.paths import MANAGED, SELF_SERVICE
from lnp_excel.core.reject_codes import reject_code
from lnp_excel.core.settings import Settings
from lnp_excel.core.track.history import HISTORY_COLUMNS, history_changes
from lnp_excel.core.track.match import match_orders
from lnp_excel.core.track.orders import CODE_SEPARATOR
from lnp_excel.core.track.statuses import (
    CLOSED,
    EXCEPTION,
    LIFECYCLE,
    NOT_SUBMITTED,
    SUBMITTED,
    UNKNOWN,
)
from lnp_excel.core.values import parse_date, plural

TRACKER_COLUMNS: tuple[str, ...] = (
    "request",
    "path",
    "carrier",
    "numbers",
    "order_id",
    "status",
    "platform_status",
    "order_date",
    "sla_due",
    "foc_date",
    "days_late",
    "overdue",
    "exception_code",
    "field_to_fix",
    "fix",
    "day_of_port",
    "platform",
    "matched_by",
    "details",
)
DAY_OF_PORT_TEXT = "\n".join(  # P12, one check a line
    f"{item.removeprefix('Day of port: ')}: {detail}" for item, detail, _ in DAY_OF_PORT
)
UNKNOWN_CODE = "not in the reject-code table: see the platform's text"


@dataclass
class Tracking:
    """What one update found (T1-T5)."""

    tracker: pd.DataFrame  # TRACKER_COLUMNS, one row per request in plan order
    unmatched: pd.DataFrame  # orders no request claims (ORDER_COLUMNS and the export's own)
    history: pd.DataFrame  # HISTORY_COLUMNS: the earlier history and this run's changes
    changes: pd.DataFrame  # this run's rows of the history
    as_of: dt.date
    counts: pd.DataFrame = field(default_factory=pd.DataFrame)  # requests by status

    @property
    def attention(self) -> int:
        """Requests overdue or in exception: the command's exit code 1 when any."""
        flagged = (self.tracker["overdue"] != "") | (self.tracker["status"] == EXCEPTION)
        return int(flagged.sum())

    def summary_line(self) -> str:
        t = self.tracker
        parts = [
            f"{plural(len(t), 'request')} tracked as of {self.as_of.isoformat()}",
            f"{int((t['overdue'] != '').sum()):,} overdue",
            f"{int((t['status'] == EXCEPTION).sum()):,} in exception",
            f"{int((t['day_of_port'] != '').sum()):,} porting today or next",
            f"{plural(len(self.unmatched), 'order')} matching no request",
            f"{plural(len(self.changes), 'status change')}",
        ]
        return ", ".join(parts)


def sla_days(path: pd.Series, settings: Settings) -> pd.Series:
    """P5, P7: business days the path promises (the range's end); NaN for Custom (P6)."""
    days = {SELF_SERVICE: settings.self_service_max_days, MANAGED: settings.managed_max_days}
    return path.map(days).astype(float)


def track(
    requests: pd.DataFrame,
    numbers: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    as_of: dt.date | str | None = None,
    previous: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    settings: Settings | None = None,
    carrier_directory: CarrierDirectory | None = None,
) -> Tracking:
    """T1-T5 for the plan's ``requests`` (request, path, carrier, [btn]) and ``numbers``
    (number, request) against ``orders`` (``ORDER_COLUMNS``). ``previous`` is the last
    tracker (request, status) and ``history`` its history: this run appends what changed.
    """
    settings = settings or Settings()
    day = parse_date(as_of, "as-of date") or dt.date.today()
    orders = orders.reset_index(drop=True)
    matched = match_orders(requests, numbers, orders, carrier_directory)
    orders = orders.assign(request=matched["request"], matched_by=matched["matched_by"])
    claimed = orders[orders["request"] != ""].copy()
    claimed["_when"] = pd.to_datetime(claimed["order_date"], errors="coerce")
    latest = claimed.sort_values("_when", kind="stable", na_position="first")
    latest = latest.drop_duplicates("request", keep="last").set_index("request")
    count = numbers[numbers["request"].fillna("").astype(str) != ""].groupby("request").size()
    base = requests.reset_index(drop=True)
    ids = base["request"].astype(str)
    row = _carried(latest.reindex(ids), previous)
    frame = pd.DataFrame(
        {
            "request": ids,
            "path": base["path"].fillna("").astype(str),
            "carrier": base["carrier"].fillna("").astype(str),
            "numbers": ids.map(count).fillna(0).astype(int).to_numpy(),
        }
    )
    for column in (
        "order_id",
        "platform_status",
        "exception_code",
        "platform",
        "matched_by",
        "details",
    ):
        frame[column] = row[column].fillna("").astype(str).to_numpy()
    # An agent's note (plain CSV) is what the platform's details are elsewhere: shown.
    note = row["note"].fillna("").astype(str).to_numpy() if "note" in row else []
    frame["details"] = (
        [
            "; ".join(part for part in pair if part)
            for pair in zip(frame["details"], note, strict=True)
        ]
        if len(note)
        else frame["details"]
    )
    frame["status"] = row["status"].fillna(NOT_SUBMITTED).astype(str).to_numpy()
    frame["order_date"] = _dates(row["order_date"])
    frame["foc_date"] = _dates(row["foc_date"])
    _deadlines(frame, day, settings)
    _explain(frame)
    frame = frame[list(TRACKER_COLUMNS)]
    earlier = history if history is not None else pd.DataFrame(columns=list(HISTORY_COLUMNS))
    changes = history_changes(previous, frame, day)
    unmatched = orders[orders["request"] == ""].drop(columns=["request", "matched_by"])
    counts = status_counts(frame)
    return Tracking(
        tracker=frame,
        unmatched=unmatched.reset_index(drop=True),
        history=_appended(earlier, changes),
        changes=changes,
        as_of=day,
        counts=counts,
    )


CARRIED = (
    "order_id",
    "platform_status",
    "status",
    "order_date",
    "foc_date",
    "exception_code",
    "platform",
    "details",
)
EARLIER = "earlier update"


def _carried(row: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """T5: a request no export of this run speaks of keeps what the last tracker knew
    (reading one platform's export does not undo another's); ``matched_by`` says so."""
    if previous is None or previous.empty or "status" not in previous:
        return row
    known = previous.drop_duplicates("request").set_index("request").reindex(row.index)
    status = known["status"].fillna("").astype(str)
    carry = row["status"].isna().to_numpy() & ~status.isin(["", NOT_SUBMITTED]).to_numpy()
    if not carry.any():
        return row
    row = row.astype(object)
    for column in CARRIED:
        if column in known:
            row.loc[carry, column] = known.loc[carry, column].to_numpy()
    row.loc[carry, "matched_by"] = EARLIER
    return row


def _appended(earlier: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """T5: the history with this run's rows below; no change leaves it as it was."""
    if changes.empty:
        return earlier
    if earlier.empty:
        return changes
    return pd.concat([earlier, changes], ignore_index=True)


def _dates(values: pd.Series) -> np.ndarray:
    return (
        pd.to_datetime(values, errors="coerce")
        .to_numpy(dtype="datetime64[ns]")
        .astype("datetime64[D]")
    )


def _deadlines(frame: pd.DataFrame, day: dt.date, settings: Settings) -> None:
    """T3: SLA due date, business days late, overdue; T4: the day-of-port checks."""
    country = settings.holiday_country
    status = frame["status"].to_numpy(dtype=object)
    days = sla_days(frame["path"], settings).to_numpy()
    ordered = frame["order_date"].to_numpy()
    has_sla = ~np.isnan(days) & ~np.isnat(ordered)
    due = np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[D]")
    if has_sla.any():
        due[has_sla] = add_business_days(
            ordered[has_sla], days[has_sla].astype(np.int64), country=country
        )
    foc = frame["foc_date"].to_numpy()
    today = np.datetime64(day, "D")
    waiting = np.isin(status, [SUBMITTED, EXCEPTION])
    end = np.where(np.isnat(foc), np.where(waiting, today, np.datetime64("NaT")), foc)
    late = business_days_between(due, end, country=country)
    frame["sla_due"] = due
    frame["days_late"] = np.maximum(late, 0)
    closed = np.isin(status, list(CLOSED))
    past_sla = waiting & ~np.isnat(due) & (due < today)
    foc_passed = ~closed & ~np.isnat(foc) & (foc < today)
    overdue = np.full(len(frame), "", dtype=object)
    for i in np.flatnonzero(past_sla | foc_passed):
        reasons = []
        if past_sla[i]:
            reasons.append(f"past the SLA (due {_iso(due[i])}) (T3)")
        if foc_passed[i]:
            reasons.append(f"FOC {_iso(foc[i])} passed without completion (T3)")
        overdue[i] = "; ".join(reasons)
    frame["overdue"] = overdue
    next_day = np.datetime64(add_business_days(day, 1, country=country), "D")
    porting = ~closed & ~np.isnat(foc) & ((foc == today) | ((foc > today) & (foc <= next_day)))
    frame["day_of_port"] = np.where(porting, DAY_OF_PORT_TEXT, "")


def _iso(value: np.datetime64) -> str:
    return str(value.astype("datetime64[D]"))


def _explain(frame: pd.DataFrame) -> None:
    """T1 with R1-R9: each reject code explained from the one table; unknown as given."""
    fields, fixes = [], []
    for codes in frame["exception_code"]:
        entries = [c.strip() for c in str(codes).split(CODE_SEPARATOR) if c.strip()]
        known = [reject_code(c) for c in entries]
        fields.append(CODE_SEPARATOR.join(k.field for k in known if k) if entries else "")
        fixes.append(
            CODE_SEPARATOR.join(
                f"{k.fix} ({k.rule})" if k else f"{c}: {UNKNOWN_CODE}"
                for c, k in zip(entries, known, strict=True)
            )
        )
    frame["field_to_fix"] = fields
    frame["fix"] = fixes


def status_counts(tracker: pd.DataFrame) -> pd.DataFrame:
    """Requests by lifecycle status, every status listed (the Summary's chart)."""
    order = list(LIFECYCLE) + ([UNKNOWN] if (tracker["status"] == UNKNOWN).any() else [])
    counts = tracker["status"].value_counts().reindex(order, fill_value=0)
    return pd.DataFrame({"status": order, "requests": counts.to_numpy(dtype=int)})
