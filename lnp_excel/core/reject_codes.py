"""R1-R9, T1: the losing carrier's reject codes, one table for the CSR check and the tracker.

A carrier that rejects a port (a Local Service Request) answers with an industry reject
code; Bandwidth shows it with an error number of its own, Telnyx as an exception type.
The CSR check predicts these codes before submission, the tracker reads them back from a
platform's exception: both explain them from this one table, so a code means the same
thing on every sheet. It is data (``lnp_excel/templates/reject_codes.csv`` equals
``REJECT_CODES``, a test checks it), shown in ``docs/rules.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

REJECT_COLUMNS: tuple[str, ...] = ("Code", "Bandwidth", "Telnyx", "Field", "Found", "Fix", "Rule")


@dataclass(frozen=True)
class RejectCode:
    """One reject: the industry code, the platforms' names for it, and what to do."""

    code: str
    bandwidth: str  # Bandwidth's error number ("" where it publishes none for it)
    telnyx: str  # Telnyx's exception type
    field: str  # the request field the carrier compared
    found: str  # what the carrier found, in plain words
    fix: str  # what the agent does about it, in plain words
    rule: str  # the rule id in docs/rules.md


# (code, Bandwidth, Telnyx, field, found, fix, rule). Edit the CSV beside the carrier
# directory to extend it; a code a platform sends that is not here is shown as given.
REJECT_CODES: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    (
        "E17",
        "7401",
        "ACCOUNT_NUMBER_MISMATCH",
        "Account Number",
        "the account number does not match the carrier's record",
        "copy the account number exactly as the losing carrier's bill or CSR shows it",
        "R1",
    ),
    (
        "E14",
        "7445",
        "BTN_ATN_MISMATCH",
        "BTN",
        "the billing telephone number does not match the carrier's record",
        "use the BTN on the CSR (the account's main number), not a number being ported",
        "R2",
    ),
    (
        "E1",
        "7402",
        "LOCATION_MISMATCH",
        "Service Address",
        "the service address does not match the carrier's record",
        "use the service address as the CSR writes it (street, unit, city, state)",
        "R3",
    ),
    (
        "8D",
        "7402",
        "POSTAL_CODE_MISMATCH",
        "ZIP",
        "the ZIP code does not match the carrier's record",
        "use the ZIP code of the CSR's service address",
        "R3",
    ),
    (
        "E10",
        "7429",
        "ENTITY_NAME_MISMATCH",
        "Customer Name",
        "the end-user or business name does not match the carrier's record",
        "write the customer name as the CSR has it (legal name, not a trading name)",
        "R4",
    ),
    (
        "E10a",
        "7473",
        "AUTH_PERSON_MISMATCH",
        "Authorized Name",
        "the authorized person is not the one on the carrier's account",
        "have the person the CSR names sign the LOA, or ask the customer to add the signer "
        "to the account first",
        "R5",
    ),
    (
        "8C",
        "7435",
        "PASSCODE_PIN_INVALID",
        "PIN",
        "the account has a passcode and none (or a wrong one) was given",
        "ask the customer for the account passcode or PIN and add it to the request",
        "R6",
    ),
    (
        "E42",
        "7435",
        "PASSCODE_PIN_INVALID",
        "PIN",
        "a wireless number needs its transfer PIN and none was given",
        "ask the customer to request a number transfer PIN from the wireless carrier",
        "R6",
    ),
    (
        "E27",
        "7409",
        "PHONE_NUMBER_MISMATCH",
        "Number",
        "the number is not on this account",
        "move the number to the request of the account it belongs to, or drop it",
        "R7",
    ),
    (
        "6A",
        "7427",
        "PHONE_NUMBER_NOT_PORTABLE",
        "Number",
        "the number is not a working number of the losing carrier",
        "check the number with the customer and the carrier; remove it if not in service",
        "R7",
    ),
    (
        "E6h",
        "7434",
        "MAIN_BTN_PORTING",
        "BTN",
        "the main billing number ports while other numbers stay on the account",
        "name a new BTN for the numbers that stay, or port every number on the account",
        "R8",
    ),
    (
        "E24",
        "7434",
        "MAIN_BTN_PORTING",
        "BTN",
        "a partial port needs the new billing number of the account that stays",
        "ask the customer which remaining number becomes the new BTN and add it",
        "R8",
    ),
    (
        "E19",
        "7407",
        "LSR_PENDING",
        "Pending Order",
        "another order is pending on the account",
        "wait until the pending order completes or ask the customer to cancel it",
        "R9",
    ),
    (
        "E6a",
        "7410",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE",
        "Features",
        "distinctive ring on the line: the feature ends with the port",
        "ask the customer to confirm the feature may end, or to remove it with the losing "
        "carrier before the port",
        "R9",
    ),
    (
        "E6b",
        "7419",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE",
        "Features",
        "a hunt group: porting its main (pilot) number breaks the hunting",
        "port every number of the hunt group together, or have the customer re-build the "
        "hunt group with the losing carrier first",
        "R9",
    ),
    (
        "E6c",
        "7406",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE",
        "Features",
        "Centrex service: porting disconnects it (PBX and hunt groups too)",
        "confirm the customer agrees to end the Centrex service, and name a new BTN when "
        "the BTN ports",
        "R9",
    ),
    (
        "E6d",
        "7416",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE",
        "Features",
        "a freeze (port protection) on the line",
        "ask the customer to have the losing carrier lift the freeze",
        "R9",
    ),
    (
        "E6e",
        "7415",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE",
        "Features",
        "a foreign exchange (FX) line",
        "check with the losing carrier that the number is portable to the rate center",
        "R9",
    ),
    (
        "E6f",
        "7421",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE",
        "Features",
        "ISDN service on the main number: porting it ends the ISDN",
        "ask the customer to keep the ISDN under a new BTN with the losing carrier, or to "
        "agree that it ends",
        "R9",
    ),
    (
        "E6g",
        "7437",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE",
        "Features",
        "remote call forwarding (RCF) on the number",
        "give the non-RCF service address and confirm the forwarding may end",
        "R9",
    ),
    (
        "E25",
        "7411",
        "PHONE_NUMBER_HAS_SPECIAL_FEATURE",
        "Features",
        "DSL service on the main number: porting it ends the DSL",
        "ask the customer to move the DSL to a new BTN with the losing carrier first, or "
        "to agree that it ends",
        "R9",
    ),
)
_FOLD = re.compile(r"[\s_\-]+")


def reject_table() -> pd.DataFrame:
    """The shipped table as the CSV and ``docs/rules.md`` show it."""
    return pd.DataFrame(list(REJECT_CODES), columns=list(REJECT_COLUMNS))


@lru_cache(maxsize=1)
def _by_key() -> dict[str, RejectCode]:
    """Every name a reject is known by (industry code, Bandwidth number, Telnyx type),
    folded, to its entry; the first entry of a shared name wins (8C before E42)."""
    index: dict[str, RejectCode] = {}
    for row in REJECT_CODES:
        entry = RejectCode(*row)
        for name in (entry.code, entry.bandwidth, entry.telnyx):
            if name:
                index.setdefault(_fold(name), entry)
    return index


def _fold(name: str) -> str:
    return _FOLD.sub("", name).casefold()


def reject_code(name: object) -> RejectCode | None:
    """The entry a platform's code or exception name stands for, or None when unknown
    (the tracker then shows the code as given, never a guess)."""
    if name is None:
        return None
    text = str(name).strip()
    return _by_key().get(_fold(text)) if text else None
