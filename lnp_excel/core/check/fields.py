"""R1-R6, R9: one request field against the CSR's, compared as the carrier compares it.

Each function answers the findings for one request and one field as plain tuples
(field, ours, CSR's, code, severity, fix); "" values mean the side does not have the
field. Never stricter than a carrier: account numbers without case, spaces or dashes
(R1), BTNs by their 10 digits (R2), addresses by the C4b key with the ZIP by its first
five digits (R3), names without case, punctuation or legal suffix (R4, R5).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lnp_excel.core.address import (
    DIRECTIONAL_REPLACEMENTS,
    OCCUPANCY_TYPE_ABBREVIATIONS,
    STATE_ABBREVIATIONS,
    STREET_TYPE_ABBREVIATIONS,
    address_key,
    one_line,
    parse_address,
)
from lnp_excel.core.carriers import name_words
from lnp_excel.core.plan.accounts import account_key as fold_account
from lnp_excel.core.plan.accounts import btn_key as fold_btn
from lnp_excel.core.reject_codes import reject_code

REJECT, WARNING, INFO = "reject", "warning", "info"
SEVERITIES = (REJECT, WARNING, INFO)
NOT_CHECKED = "not checked: the CSR does not have it"
# R9: features that block a simple port, by the words a CSR uses for them (E6a-E6g, E25).
FEATURE_CODES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), code)
    for pattern, code in (
        (r"distinctive\s*ring", "E6a"),
        (r"\bhunt", "E6b"),
        (r"centrex", "E6c"),
        (r"freeze|port\s*protect|port\s*lock", "E6d"),
        (r"foreign\s*exchange|\bFX\b", "E6e"),
        (r"\bISDN\b|\bPRI\b", "E6f"),
        (r"remote\s*call\s*forward|\bRCF\b", "E6g"),
        (r"\bDSL\b", "E25"),
    )
)

Finding = tuple[str, str, str, str, str, str]  # field, ours, CSR's, code, severity, fix


_WORDS = {**STREET_TYPE_ABBREVIATIONS, **OCCUPANCY_TYPE_ABBREVIATIONS, **DIRECTIONAL_REPLACEMENTS,
          **STATE_ABBREVIATIONS}  # fmt: skip
_NOT_WORD = re.compile(r"[^\w#]+")


@lru_cache(maxsize=65536)
def word_key(text: str) -> str:
    """A cheap first look at R3: upper case, no punctuation, every word in its USPS
    abbreviation, ZIP+4 cut to the ZIP. Equal word keys are one address written two ways
    (no parse needed); unequal ones go to the C4b key, which reads the parts."""
    words = [_WORDS.get(w, w) for w in _NOT_WORD.sub(" ", text.upper()).split()]
    if len(words) > 1 and words[-1] in ("US", "USA"):
        words.pop()
    if len(words) > 1 and len(words[-1]) == 4 and words[-1].isdigit() and len(words[-2]) == 5:
        words.pop()
    if words and len(words[-1]) == 9 and words[-1].isdigit():
        words[-1] = words[-1][:5]
    return " ".join(words)


@lru_cache(maxsize=65536)
def _name(text: str) -> tuple[str, ...]:
    """R4, R5: a name's words without case, punctuation, accents or legal suffix (P3b's
    rule; a carrier's record often drops the accents: "Café Ñandú" = "CAFE NANDU")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return name_words(bare)


@lru_cache(maxsize=256)
def fix_of(code: str) -> str:
    """The reject table's plain-words fix for ``code`` (the one table, R1-R9)."""
    entry = reject_code(code)
    return entry.fix if entry else ""


def label(field: str) -> str:
    """A field's name inside a sentence: "account number", "BTN"."""
    return field if field.isupper() else field.lower()


def _differs(field: str, ours: str, theirs: str, code: str, severity: str, hint: str) -> Finding:
    return (
        field,
        ours,
        theirs,
        code,
        severity,
        f"{hint}; {fix_of(code)}" if hint else fix_of(code),
    )


def _compare(
    field: str, ours: str, theirs: str, code: str, severity: str, same: bool
) -> list[Finding]:
    """Blank on the CSR: not checked; blank on ours: say what the CSR has; else differ."""
    if not theirs:
        return [(field, ours, "", "", INFO, NOT_CHECKED)] if ours else []
    if not ours:
        hint = f"the request has no {label(field)}: add the CSR's '{theirs}'"
        return [_differs(field, "", theirs, code, WARNING, hint)]
    if same:
        return []
    return [_differs(field, ours, theirs, code, severity, f"the CSR has '{theirs}'")]


def not_in_list(field: str, theirs: str) -> list[Finding]:
    """A field the customer's list has no column for: the CSR's value, to be used."""
    if not theirs:
        return []
    return [(field, "", theirs, "", INFO, f"the list has no {label(field)}: use the CSR's")]


def account_findings(ours: str, theirs: str) -> list[Finding]:
    """R1 (E17): account numbers without case, spaces or dashes; otherwise exact. Two
    all-digit accounts that differ only in leading zeros (``00123`` and ``123``) are a
    warning, not a predicted rejection: Excel drops those zeros when a list or a pasted
    CSR is opened, so the carrier's record may well match (never stricter than it)."""
    folded, csr = fold_account(ours), fold_account(theirs)
    if (
        folded != csr
        and folded.isdigit()
        and csr.isdigit()
        and folded.lstrip("0") == csr.lstrip("0")
    ):
        hint = f"the CSR has '{theirs}': the same digits but for leading zeros Excel drops"
        return [_differs("Account Number", ours, theirs, "E17", WARNING, hint)]
    return _compare("Account Number", ours, theirs, "E17", REJECT, folded == csr)


def btn_findings(ours: str, theirs: str) -> list[Finding]:
    """R2 (E14): the BTN by its 10 digits."""
    return _compare("BTN", ours, theirs, "E14", REJECT, fold_btn(ours) == fold_btn(theirs))


def name_findings(field: str, ours: str, theirs: str) -> list[Finding]:
    """R4 (E10) customer name, R5 (E10a) authorized person: without case, punctuation or
    legal suffix ("Acme Dental, LLC" = "ACME DENTAL"); warnings, carriers differ."""
    code = "E10" if field == "Customer Name" else "E10a"
    same = _name(ours) == _name(theirs)
    if not theirs:
        return [(field, ours, "", "", INFO, NOT_CHECKED)] if ours else []
    if not ours:
        return [] if code == "E10a" else _compare(field, ours, theirs, code, WARNING, same)
    return _compare(field, ours, theirs, code, WARNING, same)


def address_findings(ours: str, theirs: str) -> list[Finding]:
    """R3: the service address by its C4b key (E1) and the ZIP by 5 digits (8D); a unit
    written on one side only is a warning, since many carriers ignore it."""
    field = "Service Address"
    if not theirs:
        return [(field, ours, "", "", INFO, NOT_CHECKED)] if ours else []
    if not ours:
        return _compare(field, ours, theirs, "E1", REJECT, False)
    if word_key(ours) == word_key(theirs) or address_key(ours) == address_key(theirs):
        return []
    mine, csr = parse_address(ours), parse_address(theirs)
    if not (mine.ok and csr.ok):  # unreadable: the keys compare the cleaned words
        return [_differs(field, ours, theirs, "E1", REJECT, f"the CSR has '{theirs}'")]
    found: list[Finding] = []
    if mine.zip[:5] != csr.zip[:5]:
        found.append(
            _differs("ZIP", mine.zip, csr.zip, "8D", REJECT, f"the CSR's ZIP is {csr.zip[:5]}")
        )
    place = address_key(one_line(mine.street, "", mine.city, mine.state, ""))
    if place != address_key(one_line(csr.street, "", csr.city, csr.state, "")):
        found.append(_differs(field, ours, theirs, "E1", REJECT, f"the CSR has '{theirs}'"))
    elif mine.unit or csr.unit:
        if mine.unit and csr.unit:
            if address_key(mine.unit) != address_key(csr.unit):
                hint = f"the CSR's unit is '{csr.unit}'"
                found.append(_differs(field, ours, theirs, "E1", REJECT, hint))
        else:
            side = "the request" if mine.unit else "the CSR"
            hint = f"only {side} gives the unit ('{mine.unit or csr.unit}')"
            found.append(_differs(field, ours, theirs, "E1", WARNING, hint))
    return found


def pin_findings(ours: str, pin_required: bool, wireless: bool, carrier: str) -> list[Finding]:
    """R6: a PIN is required when the CSR says so (8C) or the carrier is wireless (E42,
    P3b); a request without one is rejected. The PIN itself is never shown."""
    if ours or not (pin_required or wireless):
        return []
    if pin_required:
        return [("PIN", "", "required", "8C", REJECT, fix_of("8C"))]
    return [("PIN", "", f"{carrier} is wireless", "E42", REJECT, fix_of("E42"))]


def order_findings(pending: str, features: str) -> list[Finding]:
    """R9: a pending order rejects (E19); features that block a simple port warn with
    their code (E6a-E6g, E25); other features are listed for the agent to read."""
    found: list[Finding] = []
    if pending:
        found.append(("Pending Order", "", pending, "E19", REJECT, fix_of("E19")))
    if features:
        codes = [code for pattern, code in FEATURE_CODES if pattern.search(features)]
        for code in codes:
            found.append(("Features", "", features, code, WARNING, fix_of(code)))
        if not codes:
            found.append(("Features", "", features, "", INFO, "features on the account: none "
                          "known to block a port; read them before submitting"))  # fmt: skip
    return found


def clear_caches() -> None:
    """Forget the word keys and names read (benchmarks time a cold check with it)."""
    word_key.cache_clear()
    _name.cache_clear()
