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

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory, default_directory
from lnp_excel.core.check.fields import (
    INFO,
    REJECT,
    SEVERITIES,
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
from lnp_excel.core.plan.accounts import _account_key, _btn_key
from lnp_excel.core.plan.paths import SELF_SERVICE
from lnp_excel.core.reject_codes import reject_code
from lnp_excel.core.values import plural

CSR_FIELDS = (
    "source",
    "carrier",
    "account_number",
    "btn",
    "customer_name",
    "authorized_name",
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
    missing = [c for c in CSR_FIELDS if c not in csr.columns]
    if missing:
        raise InputError(f"the CSR records lack the columns {', '.join(missing)}")
    return _Checker(plan, csr, carrier_directory or default_directory()).run()


def _folded(values: pd.Series, fold: Callable[[object], str]) -> np.ndarray:
    """``fold`` once per distinct value, spread over the rows ("" stays "")."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.array([fold(v) if v else "" for v in uniques] + [""], dtype=object)[codes]


class _Checker:
    """One run: the CSR accounts, the request-account match, then the findings."""

    def __init__(self, plan: Plan, csr: pd.DataFrame, directory: CarrierDirectory) -> None:
        self.plan, self.directory = plan, directory
        records = csr.reset_index(drop=True)
        self.pin = records["pin_required"].fillna(False).astype(bool).to_numpy()
        self.text = {
            c: records[c].fillna("").astype(str).to_numpy(dtype=object)
            for c in CSR_FIELDS
            if c != "pin_required"
        }
        self.account_key = _folded(pd.Series(self.text["account_number"]), _account_key)
        self.btn_key = _folded(pd.Series(self.text["btn"]), _btn_key)
        keys = pd.DataFrame(
            {
                "s": self.text["source"],
                "a": self.account_key,
                "b": self.btn_key,
                "d": self.text["service_address"],
            }
        )
        self.account = keys.groupby(["s", "a", "b", "d"], sort=False).ngroup().to_numpy()
        self.first = pd.Series(np.arange(len(records))).groupby(self.account).first().to_numpy()
        numbers = self.text["number"]
        listed = numbers != ""
        owner = pd.Series(self.account[listed], index=numbers[listed])
        self.owner = owner[~owner.index.duplicated()]  # on two accounts: the first lists it
        self.on_account: dict[int, list[str]] = (
            pd.Series(numbers[listed]).groupby(self.account[listed]).agg(list).to_dict()
        )
        planned = plan.numbers[plan.numbers["request"] != ""]
        self.members = pd.DataFrame(
            {
                "request": planned["request"].astype(str).to_numpy(),
                "number": planned["number"].astype(str).to_numpy(),
            }
        )
        self.members["account"] = (
            self.members["number"].map(self.owner).fillna(-1).astype(np.int64).to_numpy()
        )
        self.ported = set(self.members["number"])
        # The request fields the customer's list has a column for (P3c): a field it lacks
        # is not the customer's mistake, the CSR's value is simply to be used.
        self.listed = set(plan.account_columns)
        if self.listed & {"city", "state", "zip"}:
            self.listed.add("service_address")

    def field(self, name: str, account: int) -> str:
        return str(self.text[name][self.first[account]])

    def run(self) -> Check:
        requests = self.plan.requests.reset_index(drop=True)
        chosen, matched_by = self._match(requests)
        groups = dict(tuple(self.members.groupby("request", sort=False)))
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
            group = groups.get(rid)
            if group is not None:
                rows += self._numbers(rid, group, account, wireless)
            if account not in done:
                done.add(account)
                rows += self._partial_port(rid, request, account, carrier)
        findings = _findings_frame(rows, requests["request"].tolist())
        summary = self._summary(requests, findings, chosen, matched_by)
        return Check(self.plan, findings, summary)

    # --- matching ---------------------------------------------------------------------

    def _match(self, requests: pd.DataFrame) -> tuple[dict[str, int], dict[str, str]]:
        """Per request id, its CSR account (by numbers, else account number, else BTN)."""
        hits = self.members[self.members["account"] >= 0]
        counts = hits.groupby(["request", "account"], sort=False).size()
        best = counts.sort_values(ascending=False, kind="stable")
        best = best[~best.index.get_level_values(0).duplicated()]
        chosen = {str(r): int(a) for r, a in best.index}
        matched_by = dict.fromkeys(chosen, "numbers")
        by_account: dict[str, int] = {}
        by_btn: dict[str, int] = {}
        for position, account in enumerate(self.account.tolist()):
            if self.account_key[position]:
                by_account.setdefault(self.account_key[position], account)
            if self.btn_key[position]:
                by_btn.setdefault(self.btn_key[position], account)
        for request in requests.itertuples(index=False):
            rid = str(request.request)
            if rid in chosen:
                continue
            account_key = _account_key(request.account_number) if request.account_number else ""
            btn_key = _btn_key(request.btn) if request.btn else ""
            if account_key in by_account:
                chosen[rid], matched_by[rid] = by_account[account_key], "account number"
            elif btn_key in by_btn:
                chosen[rid], matched_by[rid] = by_btn[btn_key], "BTN"
            elif btn_key in self.owner.index:
                chosen[rid], matched_by[rid] = int(self.owner[btn_key]), "BTN"
        return chosen, matched_by

    def _wireless(self, carrier: str) -> bool:
        entry = self.directory.match(carrier).entry if carrier else -1
        return entry >= 0 and self.directory.entries[entry].wireless

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
            pin_required = bool(self.pin[self.first[account]])
            found += pin_findings(get("pin"), pin_required, wireless, carrier)
        found += order_findings(
            self.field("pending_order", account), self.field("features", account)
        )
        return found

    def _numbers(self, rid: str, group: pd.DataFrame, account: int, wireless: bool) -> list[Row]:
        """R7: each number of the request the account's CSR does not list (E27; 6A for a
        wireless carrier), naming the account that lists it when one does."""
        if not self.on_account.get(account):
            return [
                (
                    rid,
                    "",
                    "Number",
                    "",
                    "",
                    "",
                    INFO,
                    "not checked: the CSR lists no working numbers",
                )
            ]
        strays = group[group["account"] != account]
        code = "6A" if wireless else "E27"
        rows: list[Row] = []
        for number, other in zip(
            strays["number"].tolist(), strays["account"].tolist(), strict=True
        ):
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
        btn_key = _btn_key(btn) if btn else ""
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
            at = self.members.loc[self.members["number"] == btn_key, "request"]
            where = str(at.iloc[0]) if len(at) else rid
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
        severity = findings.groupby(["request", "severity"]).size()
        lines = []
        for request in requests.itertuples(index=False):
            rid = str(request.request)
            account = chosen.get(rid, -1)
            rejects = int(severity.get((rid, REJECT), 0))
            warnings = int(severity.get((rid, "warning"), 0))
            if account < 0:
                csr, text = "", "not checked: no CSR matches"
            else:
                name = self.field("account_number", account) or self.field("btn", account)
                csr = (
                    f"{self.field('source', account)}: {name}"
                    if name
                    else self.field("source", account)
                )
                mine = findings[(findings["request"] == rid) & (findings["severity"] == REJECT)]
                codes = ", ".join(dict.fromkeys(mine["code"]))
                text = f"would be rejected: {codes}" if rejects else "no rejection predicted"
                if warnings:
                    text += f"; {plural(warnings, 'warning')}"
            lines.append(
                (rid, str(request.carrier), csr, matched_by.get(rid, ""), rejects, warnings, text)
            )
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
