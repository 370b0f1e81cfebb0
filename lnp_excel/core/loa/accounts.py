"""L1, L4: the plan's numbers grouped into accounts, the unit of a Letter of Authorization.

An account is one losing carrier, account number, BTN, authorized person and service
address (C4b key). The requests come from ``plan_ports`` (never grouped again here): an
account gathers the planned numbers that share those five, whatever request they are in, so
one account may span several requests (two exchanges: two self-service requests) and a
Managed order holding several accounts gives each its own letter. Each number appears once
(the plan keeps one row per number), and never in another account's letter.

Values compare as the carrier does: BTN by its 10 digits, account number without case,
spaces or dashes, address by ``address_key``, carrier by the directory's name, person by
the name without case or extra spaces. A person's name written once for an account (the
usual customer list) covers that account's other rows; an account whose rows name two
people is split per person, and its rows that name nobody are not ready (L4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lnp_excel.core.address import address_key
from lnp_excel.core.columns import TITLE_ALIASES, find_column
from lnp_excel.core.csr.common import map_distinct
from lnp_excel.core.plan.accounts import account_key, btn_key
from lnp_excel.core.plan.requests import carrier_key

# L4: what an account needs before its letter can be signed, in the order listed.
PERSON, ACCOUNT, BTN, ADDRESS, CARRIER = (
    "authorized person",
    "account number",
    "BTN",
    "service address",
    "losing carrier",
)
_KEY_COLUMNS = ("_carrier", "_account", "_btn", "_address")


@dataclass(frozen=True)
class Account:
    """One account's letter content from the list (L1, L2), and what it lacks (L4)."""

    carrier: str
    account_number: str
    btn: str
    authorized_name: str
    authorized_title: str
    customer_name: str
    street: str
    city: str
    state: str
    zip: str
    service_address: str  # one line, as the plan composed it (C4a)
    requests: tuple[str, ...]
    numbers: tuple[str, ...]  # the plan's normalized numbers, sorted, each once
    missing: tuple[str, ...] = ()  # L4: labels of what is blank; () when ready
    note: str = ""  # why a field counts as missing when it is not simply blank

    @property
    def ready(self) -> bool:
        return not self.missing

    @property
    def key(self) -> tuple[str, str, str, str]:
        """The account's identity as the carrier compares it (L1)."""
        return (
            carrier_key(self.carrier),
            account_key(self.account_number),
            btn_key(self.btn),
            address_key(self.service_address),
        )


def plan_accounts(plan: object) -> list[Account]:
    """The accounts of a ``Plan``'s planned numbers (L1), sorted by carrier, account, BTN,
    address; ready or not (L4)."""
    numbers: pd.DataFrame = plan.numbers  # type: ignore[attr-defined]
    rows = numbers[numbers["request"].astype(str) != ""]
    if rows.empty:
        return []
    text = {c: rows[c].astype(str).to_numpy(dtype=object) for c in _TEXT_COLUMNS}
    text["authorized_title"] = _titles(plan, rows.index)
    keys = pd.DataFrame(
        {
            "_carrier": map_distinct(pd.Series(text["carrier"]), carrier_key),
            "_account": map_distinct(pd.Series(text["account_number"]), account_key),
            "_btn": map_distinct(pd.Series(text["btn"]), btn_key),
            "_address": map_distinct(pd.Series(text["service_address"]), address_key),
            "_person": map_distinct(pd.Series(text["authorized_name"]), _person_key),
        }
    )
    order = {rid: i for i, rid in enumerate(plan.requests["request"])}  # type: ignore[attr-defined]
    _spread_titles(text, keys["_person"].to_numpy())
    accounts = []
    for _, group in keys.groupby(list(_KEY_COLUMNS), sort=True):
        positions = group.index.to_numpy()
        people = [p for p in pd.unique(group["_person"].to_numpy()) if p]
        if len(people) <= 1:
            accounts.append(_account(text, positions, order))
            continue
        for person in sorted(people):
            accounts.append(_account(text, positions[group["_person"].to_numpy() == person], order))
        named = group["_person"].to_numpy()
        nobody = positions[named == ""]
        if len(nobody):
            names = ", ".join(
                _first(text["authorized_name"], positions[named == p]) for p in sorted(people)
            )
            note = f"its other rows name several people ({names}): say which one signs"
            accounts.append(_account(text, nobody, order, note=note))
    return accounts


_TEXT_COLUMNS = (
    "number",
    "request",
    "carrier",
    "btn",
    "account_number",
    "customer_name",
    "authorized_name",
    "service_address",
    "street",
    "city",
    "state",
    "zip",
)


def _account(
    text: dict[str, np.ndarray], positions: np.ndarray, order: dict[str, int], note: str = ""
) -> Account:
    """One account from its rows: the first value given of each field (a list writes the
    name or title once per account), the address parts of one row (C4a)."""
    with_address = positions[text["service_address"][positions] != ""]
    place = with_address[0] if len(with_address) else positions[0]
    fields = {
        name: _first(text[name], positions)
        for name in ("carrier", "btn", "account_number", "customer_name", "authorized_name")
    }
    title = _first(text["authorized_title"], positions)
    requests = sorted(set(text["request"][positions]), key=lambda r: order.get(r, len(order)))
    numbers = tuple(sorted(set(text["number"][positions])))
    missing = []
    for label, value in (
        (PERSON, fields["authorized_name"]),
        (ACCOUNT, fields["account_number"]),
        (BTN, fields["btn"]),
        (ADDRESS, text["service_address"][place]),
        (CARRIER, fields["carrier"]),
    ):
        if not value:
            missing.append(label)
    return Account(
        carrier=fields["carrier"],
        account_number=fields["account_number"],
        btn=fields["btn"],
        authorized_name=fields["authorized_name"],
        authorized_title=title,
        customer_name=fields["customer_name"],
        street=text["street"][place],
        city=text["city"][place],
        state=text["state"][place],
        zip=text["zip"][place],
        service_address=text["service_address"][place],
        requests=tuple(requests),
        numbers=numbers,
        missing=tuple(missing),
        note=note,
    )


def _spread_titles(text: dict[str, np.ndarray], person: np.ndarray) -> None:
    """A title written once for a person (on any row) is that person's title everywhere."""
    titles = text["authorized_title"]
    known: dict[str, str] = {}
    for who, title in zip(person, titles, strict=True):
        if who and title:
            known.setdefault(who, title)
    if known:
        text["authorized_title"] = np.array(
            [title or known.get(who, "") for who, title in zip(person, titles, strict=True)],
            dtype=object,
        )


def _first(values: np.ndarray, positions: np.ndarray) -> str:
    given = [v for v in values[positions] if v]
    return str(given[0]) if given else ""


def _person_key(name: object) -> str:
    return " ".join(str(name or "").casefold().split())


def _titles(plan: object, index: pd.Index) -> np.ndarray:
    """The authorized person's title per planned row, from a Title column of the list (L2);
    "" when the list has none. The plan keeps the list as given (``Plan.source``)."""
    source: pd.DataFrame = plan.source  # type: ignore[attr-defined]
    used = {plan.number_column, plan.carrier_column, *plan.account_columns.values()}  # type: ignore[attr-defined]
    columns = [c for c in source.columns if c not in used]
    column = find_column(columns, TITLE_ALIASES, role="title", required=False)
    if column is None:
        return np.full(len(index), "", dtype=object)
    values = source.loc[index, column]
    return map_distinct(values, lambda v: "" if v is None or v != v else " ".join(str(v).split()))
