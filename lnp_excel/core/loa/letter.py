"""L1-L5: what each Letter of Authorization says, as plain data the document writer lays out.

``letters_of_authorization`` takes the plan (or a list, planned the way ``plan`` does) and
returns one ``Letter`` per ready account and the accounts that are not ready (L4), each with
what it lacks: a letter is never written with blanks presented as filled.

With the losing carriers' CSR records (one row per working number: ``carrier``,
``account_number``, ``btn``, ``number``; what ``io.carrier_csr`` reads), a letter knows the
numbers that stay on the account (L1): full port when none stay, partial otherwise, and the
new BTN line when the BTN ports and others stay (L2, R8). Without them the customer ticks
full or partial on the letter, and the new-BTN line is there whenever the BTN is among the
numbers to port.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory, default_directory
from lnp_excel.core.csr.common import map_distinct
from lnp_excel.core.errors import InputError
from lnp_excel.core.loa.accounts import Account, plan_accounts
from lnp_excel.core.plan.accounts import account_key, btn_key
from lnp_excel.core.plan.requests import carrier_key
from lnp_excel.core.settings import DEFAULT_SETTINGS, Settings
from lnp_excel.core.values import plural

FULL, PARTIAL = "full", "partial"
CSR_NEEDED = ("carrier", "account_number", "btn", "number")


@dataclass(frozen=True)
class Letter:
    """One LOA's content (L2). ``port_type`` is FULL, PARTIAL, or "" when no CSR tells
    (the customer ticks one); ``staying`` the account's other numbers (CSR known)."""

    account: Account
    provider: str
    prepared: dt.date
    sign_by: dt.date  # L3
    authorization: str
    port_type: str
    staying: tuple[str, ...]
    csr_known: bool
    btn_ports: bool
    bill_copy: str  # L5: the reminder, "" when the directory does not ask for a bill

    @property
    def new_btn_needed(self) -> bool:
        """R8, L2: the BTN ports while numbers stay; the customer names a new BTN."""
        return self.btn_ports and bool(self.staying)

    @property
    def new_btn_line(self) -> bool:
        """Whether the letter asks for a new BTN: surely (CSR known) or in case (no CSR)."""
        return self.new_btn_needed or (self.btn_ports and not self.csr_known)


@dataclass(frozen=True)
class Letters:
    """Letters for the ready accounts; the accounts that get none, and why (L4)."""

    letters: tuple[Letter, ...]
    not_ready: tuple[Account, ...]

    def not_ready_frame(self) -> pd.DataFrame:
        """One row per account without a letter: who it is and what it lacks (L4)."""
        return pd.DataFrame(
            [
                {
                    "carrier": a.carrier,
                    "account_number": a.account_number,
                    "btn": a.btn,
                    "service_address": a.service_address,
                    "requests": ", ".join(a.requests),
                    "numbers": len(a.numbers),
                    "missing": ", ".join(a.missing) + (f" ({a.note})" if a.note else ""),
                }
                for a in self.not_ready
            ],
            columns=[
                "carrier",
                "account_number",
                "btn",
                "service_address",
                "requests",
                "numbers",
                "missing",
            ],
        )

    def not_ready_lines(self) -> list[str]:
        """L4: a heading and one line per account without a letter, saying what it lacks."""
        frame = self.not_ready_frame()
        if frame.empty:
            return []
        lines = [f"{plural(len(frame), 'account')} got no letter (L4):"]
        for row in frame.itertuples(index=False):
            who = ", ".join(
                part
                for part in (
                    row.carrier or "(no carrier)",
                    f"account {row.account_number}" if row.account_number else "",
                    f"BTN {row.btn}" if row.btn else "",
                    row.service_address,
                )
                if part
            )
            count = plural(int(row.numbers), "number")
            lines.append(f"  {who} ({count}, {row.requests}): missing {row.missing}")
        return lines


def letters_of_authorization(
    plan: object,
    *,
    csr: pd.DataFrame | None = None,
    settings: Settings | None = None,
    carrier_directory: CarrierDirectory | None = None,
    **plan_options: object,
) -> Letters:
    """One letter per ready account of ``plan`` (L1-L5); ``plan`` is a ``Plan`` or a list
    that ``plan_ports`` plans with ``plan_options`` (submit_date, ...). ``csr``: the losing
    carriers' records, one row per working number (columns CSR_NEEDED, others ignored).
    The letter is dated the plan's submission date and to be signed within
    ``settings.loa_valid_days`` of it (L3)."""
    directory = carrier_directory if carrier_directory is not None else default_directory()
    if not hasattr(plan, "requests"):
        from lnp_excel.core.plan import plan_ports

        plan = plan_ports(
            plan, settings=settings, carrier_directory=carrier_directory, **plan_options
        )
    settings = settings or getattr(plan, "settings", None) or DEFAULT_SETTINGS
    on_account = _csr_numbers(csr, directory) if csr is not None else None
    prepared: dt.date = plan.submit_date  # type: ignore[attr-defined]
    letters, not_ready = [], []
    for account in plan_accounts(plan):
        if not account.ready:
            not_ready.append(account)
            continue
        letters.append(_letter(account, on_account, prepared, settings, directory))
    return Letters(tuple(letters), tuple(not_ready))


def _letter(
    account: Account,
    on_account: dict[tuple[str, str, str], set[str]] | None,
    prepared: dt.date,
    settings: Settings,
    directory: CarrierDirectory,
) -> Letter:
    ported = {btn_key(n) for n in account.numbers}
    carrier, number, btn, _ = account.key
    known = None
    if on_account is not None:
        known = on_account.get((carrier, number, btn), on_account.get((carrier, number, "")))
        if known is None:
            known = on_account.get(("", number, btn), on_account.get(("", number, "")))
    staying = tuple(sorted(known - ported)) if known else ()
    port_type = "" if not known else (PARTIAL if staying else FULL)

    def fill(text: str) -> str:
        return text.replace("{provider}", settings.gaining_provider).replace(
            "{carrier}", account.carrier
        )

    return Letter(
        account=account,
        provider=settings.gaining_provider,
        prepared=prepared,
        sign_by=prepared + dt.timedelta(days=settings.loa_valid_days),
        authorization=fill(settings.loa_authorization),
        port_type=port_type,
        staying=staying,
        csr_known=bool(known),
        btn_ports=btn in ported,
        bill_copy=fill(settings.loa_bill_copy) if directory.asks_bill_copy(account.carrier) else "",
    )


def _csr_numbers(
    csr: pd.DataFrame, directory: CarrierDirectory
) -> dict[tuple[str, str, str], set[str]]:
    """(carrier, account, BTN) keys -> the working numbers the CSR lists on that account;
    carrier "" or BTN "" when the record does not say (it then matches any)."""
    lacking = [c for c in CSR_NEEDED if c not in csr.columns]
    if lacking:
        raise InputError(f"the CSR records have no {', '.join(lacking)} column")

    def canonical(name: object) -> str:
        found = directory.match(name).entry
        return carrier_key(directory.entries[found].name if found >= 0 else name)

    text = csr.astype(object).where(csr.notna(), "")
    keys = pd.DataFrame(
        {
            "carrier": map_distinct(text["carrier"], canonical),
            "account": map_distinct(text["account_number"], account_key),
            "btn": map_distinct(text["btn"], btn_key),
            "number": map_distinct(text["number"], btn_key),
        }
    )
    keys = keys[(keys["number"] != "") & (keys["account"] != "")]
    found: dict[tuple[str, str, str], set[str]] = {}
    for key, group in keys.groupby(["carrier", "account", "btn"], sort=False):
        found.setdefault(key, set()).update(group["number"])
    return found
