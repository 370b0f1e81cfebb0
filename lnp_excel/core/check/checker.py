"""R1-R9: the plan's requests against the losing carriers' CSRs -> predicted rejections.

``check_requests`` takes the plan's requests (``plan_ports``: never a second grouping)
and the CSR records (``io.carrier_csr``: one row per working number) and answers a
``Check``: one finding per field per request, or per number where the finding is about a
number, with the code the carrier would return, its severity (reject, warning, info)
and the fix; and one summary line per request.

A CSR account is matched to a request by its working numbers (the account holding most
of the request's numbers), else by account number (R1's key), else by BTN (R2's key).
A request no CSR matches is said to be not checked; nothing is guessed. Numbers are
compared as whole columns (one merge), fields once per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory, default_directory
from lnp_excel.core.check.fields import (
    INFO,
    REJECT,
    SEVERITIES,
    WARNING,
    Finding,
    account_findings,
    address_findings,
    btn_findings,
    fix_of,
    name_findings,
    not_in_list,
    order_findings,
    pin_findings,
)
from lnp_excel.core.errors import InputError
from lnp_excel.core.plan import Plan, plan_ports
from lnp_excel.core.plan.accounts import ACCOUNT_FIELDS
from lnp_excel.core.plan.accounts import account_key as fold_account
from lnp_excel.core.plan.accounts import btn_key as fold_btn
from lnp_excel.core.plan.paths import SELF_SERVICE
from lnp_excel.core.reject_codes import reject_code
from lnp_excel.core.values import plural

# The CSR records frame (``io.carrier_csr`` writes it): one row per working number, the
# account's fields repeated on each; an account without numbers has one row, number "".
CSR_COLUMNS: tuple[str, ...] = (
    "source",
    "carrier",
    "account_number",
    "btn",
    "customer_name",
    "authorized_name",
    "street",
    "city",
    "state",
    "zip",
    "service_address",
    "pin_required",
    "pending_order",
    "features",
    "number",
)
FINDING_COLUMNS = ("request", "number", "field", "ours", "csr", "code", "severity", "fix", "rule")
SUMMARY_COLUMNS = ("request", "carrier", "csr", "matched_by", "rejections", "warnings", "summary")
MAX_LISTED = 20  # numbers listed in one staying-numbers finding before "and N more"
NO_CSR = "no CSR matches this request (account number, BTN or numbers): not checked"
STAYING = "Numbers Staying"
FIELD_RULES = {
    "Account Number": "R1",
    "BTN": "R2",
    "Service Address": "R3",
    "ZIP": "R3",
    "Customer Name": "R4",
    "Authorized Name": "R5",
    "PIN": "R6",
    "Number": "R7",
    STAYING: "R8",
    "Account": "R8",
    "Pending Order": "R9",
    "Features": "R9",
}
Row = tuple[str, str, str, str, str, str, str, str]  # request, number, then a Finding


@dataclass(frozen=True)
class Check:
    """The check of one plan: ``findings`` (FINDING_COLUMNS), ``summary`` (one row per
    request, SUMMARY_COLUMNS) and the plan it checked."""

    plan: Plan
    findings: pd.DataFrame
    summary: pd.DataFrame

    @property
    def rejected(self) -> list[str]:
        """Request ids with a finding the carrier would reject, in submission order."""
        return self.summary.loc[self.summary["rejections"] > 0, "request"].tolist()

    def predicted_rejections(self) -> list[str]:
        """Per request of the plan, in its order, the rejecting codes ("E17, E1"; "")."""
        rejects = self.findings[self.findings["severity"] == REJECT]
        codes = rejects.groupby("request", sort=False)["code"].agg(
            lambda c: ", ".join(dict.fromkeys(c))
        )
        return [codes.get(rid, "") for rid in self.plan.requests["request"].tolist()]

    def summary_line(self) -> str:
        """One line for the terminal and the status bar."""
        checked = int((self.summary["matched_by"] != "").sum())
        return (
            f"{plural(len(self.summary), 'request')} checked against the CSRs "
            f"({checked:,} matched one): {plural(len(self.rejected), 'request')} would be "
            f"rejected, {plural(int(self.summary['warnings'].sum()), 'warning')}"
        )


def check_requests(
    source: object,
    csr: pd.DataFrame,
    *,
    carrier_directory: CarrierDirectory | None = None,
    **plan_options: object,
) -> Check:
    """Check ``source``'s requests against the CSR records ``csr`` (R1-R9).

    ``source`` is a ``Plan`` or a customer's list, planned here by ``plan_ports`` with
    ``plan_options`` exactly as ``plan`` does. ``carrier_directory`` tells which
    carriers are wireless (R6, P3b; default: the shipped directory).
    """
    if isinstance(source, Plan):
        plan = source
    else:
        plan = plan_ports(source, carrier_directory=carrier_directory, **plan_options)  # type: ignore[arg-type]
    missing = [c for c in CSR_COLUMNS if c not in csr.columns]
    if missing:
        raise InputError(f"the CSR records lack the columns {', '.join(missing)}")
    return _Checker(plan, csr, carrier_directory or default_directory()).run()


class _Checker:
    """One run: the CSR accounts, the request-account match, then the findings."""

    def __init__(self, plan: Plan, csr: pd.DataFrame, directory: CarrierDirectory) -> None:
        self.plan, self.directory = plan, directory
        records = csr.reset_index(drop=True)

        def column(name: str, rows: np.ndarray | None = None) -> np.ndarray:
            values = records[name] if rows is None else records[name].iloc[rows]
            out = values.to_numpy(dtype=object, na_value="")
            if pd.api.types.infer_dtype(out, skipna=False) not in ("string", "empty"):
                out = np.array([str(v) for v in out], dtype=object)  # numbers typed as numbers
            return out

        # Accounts: rows of one source with the same account number, BTN and address.
        joined = column("source")
        for name in ("account_number", "btn", "service_address"):
            joined = joined + "\x1f" + column(name)
        self.account = pd.factorize(joined)[0].astype(np.int64)
        self.first = np.unique(self.account, return_index=True)[1]  # first row of each
        # Account-level fields once per account (``field``), the numbers per row.
        self.text = {c: column(c, self.first) for c in CSR_COLUMNS[:-1] if c != "pin_required"}
        self.pin = records["pin_required"].fillna(False).astype(bool).to_numpy()[self.first]
        self.account_key = np.array(
            [fold_account(v) if v else "" for v in self.text["account_number"]], dtype=object
        )
        self.btn_key = np.array([fold_btn(v) if v else "" for v in self.text["btn"]], dtype=object)
        numbers = column("number")
        listed = np.flatnonzero(numbers != "")
        # A number on two accounts belongs to the first that lists it.
        owners = pd.Index(numbers[listed])
        keep = ~owners.duplicated()
        self.owner_index = owners[keep]
        self.owner_account = self.account[listed[keep]]
        by_account = listed[np.argsort(self.account[listed], kind="stable")]
        starts = np.flatnonzero(np.r_[True, np.diff(self.account[by_account]) != 0])
        starts = starts[: len(by_account)]  # no listed number: no account
        ends = np.r_[starts[1:], len(by_account)][: len(starts)]
        ordered = numbers[by_account].tolist()
        self.on_account: dict[int, list[str]] = {
            int(self.account[by_account[a]]): ordered[a:b]
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
        }
        # The plan's requests and their numbers, as arrays (request codes into ``ids``).
        request = plan.numbers["request"].array
        codes = np.asarray(request.codes)
        self.ids = np.asarray(request.categories, dtype=object)
        none = np.flatnonzero(self.ids == "")
        planned = np.flatnonzero(codes != (none[0] if len(none) else -1))
        self.m_request = codes[planned].astype(np.int64)  # int8 codes would overflow below
        self.m_number = plan.numbers["number"].to_numpy(dtype=object)[planned]
        position = self.owner_index.get_indexer(self.m_number)
        owners = np.append(self.owner_account, -1).astype(np.int64)  # position -1: no CSR lists it
        self.m_account = owners[position]
        self.ported = set(self.m_number.tolist())
        self.number_index = pd.Index(self.m_number)  # where a number is: its request
        # The request fields the customer's list has a column for (P3c): a field it lacks
        # is not the customer's mistake, the CSR's value is simply to be used.
        self.wireless: dict[str, bool] = {}
        self.listed = set(plan.account_columns)
        if self.listed & {"city", "state", "zip"}:
            self.listed.add("service_address")

    def field(self, name: str, account: int) -> str:
        return self.text[name][account]

    def run(self) -> Check:
        wanted = ["request", "path", "carrier", *ACCOUNT_FIELDS]
        requests = self.plan.requests[wanted].astype(object).reset_index(drop=True)
        chosen, matched_by = self._match(requests)
        strays = self._strays(chosen)
        rows: list[Row] = []
        done: set[int] = set()
        for request in requests.itertuples(index=False):
            rid = str(request.request)
            account = chosen.get(rid, -1)
            if account < 0:
                rows.append((rid, "", "CSR", "", "", "", INFO, NO_CSR))
                continue
            carrier = str(request.carrier) or self.field("carrier", account)
            wireless = self._wireless(str(request.carrier)) or self._wireless(
                self.field("carrier", account)
            )
            found = self._fields(request, account, wireless, carrier)
            rows += [(rid, "", *f) for f in found]
            rows += self._numbers(rid, strays.get(rid, []), account, wireless)
            if account not in done:
                done.add(account)
                rows += self._partial_port(rid, request, account, carrier)
        findings = _findings_frame(rows, requests["request"].tolist())
        summary = self._summary(requests, findings, chosen, matched_by)
        return Check(self.plan, findings, summary)

    # --- matching ---------------------------------------------------------------------

    def _match(self, requests: pd.DataFrame) -> tuple[dict[str, int], dict[str, str]]:
        """Per request id, its CSR account (by numbers, else account number, else BTN)."""
        hit = self.m_account >= 0
        width = int(self.account.max()) + 2 if len(self.account) else 1
        pairs, counts = np.unique(
            self.m_request[hit] * width + self.m_account[hit], return_counts=True
        )
        # Per request, the account holding most of its numbers (the first on a tie).
        order = np.lexsort((pairs % width, -counts, pairs // width))
        best = pairs[order]
        keep = np.r_[True, np.diff(best // width) != 0] if len(best) else np.zeros(0, bool)
        chosen = {
            str(self.ids[r]): int(a)
            for r, a in zip(
                (best[keep] // width).tolist(), (best[keep] % width).tolist(), strict=True
            )
        }
        matched_by = dict.fromkeys(chosen, "numbers")
        by_account: dict[str, int] = {}
        by_btn: dict[str, int] = {}
        for account, (acct, btn) in enumerate(zip(self.account_key, self.btn_key, strict=True)):
            if acct:
                by_account.setdefault(acct, account)
            if btn:
                by_btn.setdefault(btn, account)
        for request in requests.itertuples(index=False):
            rid = str(request.request)
            if rid in chosen:
                continue
            account_key = fold_account(request.account_number) if request.account_number else ""
            btn_key = fold_btn(request.btn) if request.btn else ""
            if account_key in by_account:
                chosen[rid], matched_by[rid] = by_account[account_key], "account number"
            elif btn_key in by_btn:
                chosen[rid], matched_by[rid] = by_btn[btn_key], "BTN"
            elif (at := self.owner_index.get_indexer([btn_key])[0]) >= 0:
                chosen[rid], matched_by[rid] = int(self.owner_account[at]), "BTN"
        return chosen, matched_by

    def _wireless(self, carrier: str) -> bool:
        """P3b: the directory's wireless flag, asked once per carrier name."""
        if carrier not in self.wireless:
            entry = self.directory.match(carrier).entry if carrier else -1
            self.wireless[carrier] = entry >= 0 and self.directory.entries[entry].wireless
        return self.wireless[carrier]

    # --- findings ---------------------------------------------------------------------

    def _fields(self, request: object, account: int, wireless: bool, carrier: str) -> list[Finding]:
        """R1-R6 on a self-service request's fields (Managed and Custom orders mix
        accounts and carry none), R9 on every request."""
        get = lambda name: str(getattr(request, name))  # noqa: E731
        found: list[Finding] = []
        if get("path") == SELF_SERVICE:
            for label, name, compare in (
                ("Account Number", "account_number", account_findings),
                ("BTN", "btn", btn_findings),
                ("Service Address", "service_address", address_findings),
                ("Customer Name", "customer_name", partial(name_findings, "Customer Name")),
                ("Authorized Name", "authorized_name", partial(name_findings, "Authorized Name")),
            ):
                theirs = self.field(name, account)
                if name in self.listed:
                    found += compare(get(name), theirs)
                else:
                    found += not_in_list(label, theirs)
            pin_required = bool(self.pin[account])
            found += pin_findings(get("pin"), pin_required, wireless, carrier)
        found += order_findings(
            self.field("pending_order", account), self.field("features", account)
        )
        return found

    def _strays(self, chosen: dict[str, int]) -> dict[str, list[tuple[str, int]]]:
        """Per request, its numbers not on its account: (number, the account listing it
        or -1), found for all requests at once."""
        by_code = np.array([chosen.get(str(rid), -1) for rid in self.ids] + [-1], dtype=np.int64)
        account = by_code[self.m_request]
        off = np.flatnonzero((account >= 0) & (self.m_account != account))
        found: dict[str, list[tuple[str, int]]] = {}
        for position in off.tolist():
            rid = str(self.ids[self.m_request[position]])
            found.setdefault(rid, []).append(
                (self.m_number[position], int(self.m_account[position]))
            )
        return found

    def _numbers(
        self, rid: str, strays: list[tuple[str, int]], account: int, wireless: bool
    ) -> list[Row]:
        """R7: each number of the request the account's CSR does not list (E27; 6A for a
        wireless carrier), naming the account that lists it when one does."""
        if not self.on_account.get(account):
            return [(rid, "", "Number", "", "", "", INFO, "not checked: the CSR lists no "
                     "working numbers")]  # fmt: skip
        code = "6A" if wireless else "E27"
        rows: list[Row] = []
        for number, other in strays:
            if other >= 0:
                where = f"on account {self.field('account_number', other) or '(no number)'} "
                where += f"({self.field('source', other)})"
                fix = f"the CSR of account {self.field('account_number', other)} lists it: "
                fix += "move it to that account's request"
            else:
                where, fix = "not on the account", fix_of(code)
            rows.append((rid, number, "Number", number, where, code, REJECT, fix))
        return rows

    def _partial_port(self, rid: str, request: object, account: int, carrier: str) -> list[Row]:
        """R8, once per account: the numbers that stay; a BTN that ports while others
        stay (E6h: a new BTN is needed); a full port closes the account."""
        numbers = self.on_account.get(account, [])
        if not numbers:
            return []
        staying = [n for n in numbers if n not in self.ported]
        btn = self.field("btn", account) or str(request.btn)  # type: ignore[attr-defined]
        btn_key = fold_btn(btn) if btn else ""
        name = self.field("account_number", account) or self.field("source", account)
        losing = carrier or "the losing carrier"
        if not staying:
            closes = f"full port: account {name} closes with {losing} and every other "
            closes += "service on it ends; tell the customer"
            total = f"{plural(len(numbers), 'number')}, all porting"
            return [(rid, "", "Account", "", total, "", INFO, closes)]
        shown = ", ".join(staying[:MAX_LISTED])
        if len(staying) > MAX_LISTED:
            shown += f" and {len(staying) - MAX_LISTED:,} more"
        verb = "stays" if len(staying) == 1 else "stay"
        stay = f"{plural(len(staying), 'number')} {verb} on account {name} with {losing}: "
        stay += "the LOA lists the numbers that stay"
        rows: list[Row] = [(rid, "", STAYING, "", shown, "", INFO, stay)]
        if btn_key and btn_key in self.ported:
            at = self.number_index.get_indexer([btn_key])[0]
            where = str(self.ids[self.m_request[at]]) if at >= 0 else rid
            rows.append(
                (
                    where,
                    btn_key,
                    "BTN",
                    btn_key,
                    f"{plural(len(staying), 'number')} {verb}",
                    "E6h",
                    REJECT,
                    fix_of("E6h"),
                )
            )
        return rows

    def _summary(
        self,
        requests: pd.DataFrame,
        findings: pd.DataFrame,
        chosen: dict[str, int],
        matched_by: dict[str, str],
    ) -> pd.DataFrame:
        """One line per request: the CSR it was checked against and what would happen."""
        severity: dict[tuple[str, str], int] = {}
        codes: dict[str, list[str]] = {}
        for rid, level, code in zip(findings["request"].tolist(), findings["severity"].tolist(),
                                    findings["code"].tolist(), strict=True):  # fmt: skip
            severity[rid, level] = severity.get((rid, level), 0) + 1
            if level == REJECT and code not in codes.setdefault(rid, []):
                codes[rid].append(code)
        lines = []
        for rid, carrier in zip(requests["request"].tolist(), requests["carrier"].tolist(),
                                strict=True):  # fmt: skip
            account = chosen.get(rid, -1)
            rejections = int(severity.get((rid, REJECT), 0))
            warnings = int(severity.get((rid, WARNING), 0))
            if account < 0:
                csr, text = "", "not checked: no CSR matches"
            else:
                name = self.field("account_number", account) or self.field("btn", account)
                source = self.field("source", account)
                csr = f"{source}: {name}" if name else source
                text = (
                    f"would be rejected: {', '.join(codes[rid])}"
                    if rejections
                    else "no rejection predicted"
                )
                if warnings:
                    text += f"; {plural(warnings, 'warning')}"
            lines.append((rid, str(carrier), csr, matched_by.get(rid, ""), rejections,
                          warnings, text))  # fmt: skip
        return pd.DataFrame(lines, columns=list(SUMMARY_COLUMNS))


def _findings_frame(rows: list[Row], order: list[str]) -> pd.DataFrame:
    """Findings in request order, rejections first, with the rule each one applies."""
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS[:-1]))
    rules = []
    for code, field in zip(frame["code"].tolist(), frame["field"].tolist(), strict=True):
        entry = reject_code(code) if code else None
        rules.append(entry.rule if entry else FIELD_RULES.get(field, ""))
    frame["rule"] = rules
    position = {rid: index for index, rid in enumerate(order)}
    frame["_r"] = frame["request"].map(position)
    frame["_s"] = frame["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    frame = frame.sort_values(["_r", "_s"], kind="stable").drop(columns=["_r", "_s"])
    return frame.reset_index(drop=True)
