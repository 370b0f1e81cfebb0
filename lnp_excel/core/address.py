"""US addresses as values (C4a, C4b): parse one-line text, compare with a normalized key,
check that a ZIP belongs to its state.

Parsing is ``usaddress``'s (a conditional random field trained on US addresses); the USPS
Publication 28 abbreviations come from ``usaddress-scourgify``'s tables; the ZIP table is
``zipcodes`` (compiled in, works offline). Every function here is pure and works on one
text: callers apply it once per distinct address (``csr.common.map_distinct``), never per
row, because a parse costs about 0.3 ms.

What is written keeps the source's own words (``Address.street`` is the source's text for
the street, "Ave." stays "Ave."); only comparisons use ``address_key``. The State part is
the USPS code ("Illinois" -> "IL"), the form a carrier's record holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import usaddress
from scourgify.address_constants import (
    DIRECTIONAL_REPLACEMENTS,
    OCCUPANCY_TYPE_ABBREVIATIONS,
    STATE_ABBREVIATIONS,
    STREET_TYPE_ABBREVIATIONS,
)

__all__ = [
    "Address",
    "address_key",
    "clear_caches",
    "one_line",
    "padded_zip",
    "zip_restored",
    "parse_address",
    "zip_state_problem",
]

STREET = (
    "AddressNumberPrefix",
    "AddressNumber",
    "AddressNumberSuffix",
    "StreetNamePreModifier",
    "StreetNamePreDirectional",
    "StreetNamePreType",
    "StreetName",
    "StreetNamePostType",
    "StreetNamePostDirectional",
    "StreetNamePostModifier",
    "USPSBoxType",
    "USPSBoxID",
    "USPSBoxGroupType",
    "USPSBoxGroupID",
)
UNIT = ("OccupancyType", "OccupancyIdentifier", "SubaddressType", "SubaddressIdentifier")
CITY = ("PlaceName",)
STATE = ("StateName",)
ZIP = ("ZipCode", "ZipPlus4")
COUNTRY = ("CountryName",)
_PART_OF = {
    **{label: "street" for label in STREET},
    **{label: "unit" for label in UNIT},
    **{label: "city" for label in CITY},
    **{label: "state" for label in STATE},
    **{label: "zip" for label in ZIP},
    **{label: "country" for label in COUNTRY},
}
_ORDER = ("street", "unit", "city", "state", "zip", "country")
_US = frozenset({"US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA", "U S", "U S A"})
_STATE_CODES = frozenset(STATE_ABBREVIATIONS.values())
_ZIP = re.compile(r"^(\d{5})(?:-?(\d{4}))?$")
_SHORT_ZIP = re.compile(r"^(\d{3,4})(?:-(\d{4}))?$")  # a ZIP typed as a number (C4a)
_NOT_WORD = re.compile(r"[^\w#]+")
_EDGE = " ,;\t\r\n"


@dataclass(frozen=True)
class Address:
    """One US address in parts, each in the source's words (state as its USPS code).

    ``problem`` is "" when the parser read street, city, state and ZIP with confidence;
    otherwise it says what is missing or doubtful, and the parts must not be written.
    """

    text: str
    street: str = ""
    unit: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def street_line(self) -> str:
        """Street and unit on one line, for a sheet without a unit column."""
        return f"{self.street} {self.unit}" if self.unit else self.street


@lru_cache(maxsize=65536)
def _spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """``usaddress.parse`` tokens as (start, end, label) positions in ``text``; cached, so
    the parse and the key of one text cost one parse."""
    spans = []
    position = 0
    for token, label in usaddress.parse(text):
        start = text.find(token, position)
        if start < 0:  # a token usaddress rewrote: fall back to its own text
            return ()
        position = start + len(token)
        spans.append((start, position, label))
    return tuple(spans)


@lru_cache(maxsize=65536)
def parse_address(text: str) -> Address:
    """Street, unit, city, state and ZIP of one-line ``text`` (C4a); never guessed.

    The address is read with confidence when usaddress labels it a street address or PO
    box, each part appears once and in the usual order, and street, city, a known state
    and a 5- or 9-digit ZIP are all there. Anything else keeps ``problem`` set.
    """
    text = _text(text)
    if not text:
        return Address(text, problem="no address")
    spans = _spans(text)
    if not spans:
        return Address(text, problem="the address parser could not read it")
    parts: dict[str, list[tuple[int, int]]] = {}
    other = []
    labels = {label for _, _, label in spans}
    for start, end, label in spans:
        part = _PART_OF.get(label)
        if part is None:
            other.append(text[start:end].strip(_EDGE))
        else:
            parts.setdefault(part, []).append((start, end))

    def words(part: str) -> str:
        found = parts.get(part)
        if not found:
            return ""
        return text[found[0][0] : found[-1][1]].strip(_EDGE)

    state_text = words("state")
    state = _state_code(state_text)
    zip_text = words("zip")
    address = Address(
        text,
        street=words("street"),
        unit=words("unit"),
        city=words("city"),
        state=state or state_text,
        zip=zip_text,
    )
    problem = _doubt(parts, other, state, zip_text, words("country"))
    if not problem and not labels & {"AddressNumber", "USPSBoxID"}:
        problem = "no house number or PO box"
    return replace(address, problem=problem) if problem else address


def _doubt(
    parts: dict[str, list[tuple[int, int]]],
    other: list[str],
    state: str,
    zip_text: str,
    country: str,
) -> str:
    """Why a parse is not confident ("" when it is)."""
    missing = [name for name in ("street", "city", "state", "zip") if name not in parts]
    if missing:
        return "no " + ", no ".join("ZIP" if m == "zip" else m for m in missing)
    if other:
        return f"words that are not part of an address: {' '.join(other)!r}"
    # Each part in one piece and in the usual order (street, unit, city, state, ZIP).
    sequence = sorted((start, part) for part, found in parts.items() for start, _ in found)
    runs = [
        part
        for position, (_, part) in enumerate(sequence)
        if not position or sequence[position - 1][1] != part
    ]
    if len(runs) != len(set(runs)) or runs != sorted(runs, key=_ORDER.index):
        return "its parts are out of order or repeated"
    if not state:
        return "the state is not a US state"
    if not _ZIP.match(zip_text.replace(" ", "")):
        return f"the ZIP {zip_text!r} is not 5 or 9 digits"
    if country and _clean(country) not in _US:
        return f"the country {country!r} is not the US"
    return ""


def _state_code(text: str) -> str:
    """ "TX", "Tx", "Texas", "Tex." -> "TX"; "" for anything else."""
    key = _clean(text)
    if key in _STATE_CODES:
        return key
    return STATE_ABBREVIATIONS.get(key, "")


def _clean(text: str) -> str:
    """Upper case, punctuation as single spaces ("#" kept: a unit without a type)."""
    return " ".join(_NOT_WORD.sub(" ", str(text).upper()).replace("_", " ").split())


_KEY_WORDS = {
    "StreetNamePreDirectional": DIRECTIONAL_REPLACEMENTS,
    "StreetNamePostDirectional": DIRECTIONAL_REPLACEMENTS,
    "StreetNamePreType": STREET_TYPE_ABBREVIATIONS,
    "StreetNamePostType": STREET_TYPE_ABBREVIATIONS,
    "OccupancyType": OCCUPANCY_TYPE_ABBREVIATIONS,
}


def _text(value: object) -> str:
    """A cell as text: None, NaN and pandas' NA are blank."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    return "" if text in ("<NA>", "NaT") else text.strip()


@lru_cache(maxsize=65536)
def address_key(text: str) -> str:
    """The comparison form of an address (C4b): "" for blank.

    USPS Publication 28 abbreviations for street suffixes, directionals and unit types,
    state names as codes, upper case, no punctuation, ZIP+4 cut to the ZIP; parts in the
    order street, unit, city, state, ZIP. ``100 Congress Avenue, Austin TX 78701-1234``
    and ``100 CONGRESS AVE, AUSTIN, TX, 78701`` give the same key. Words the parser does
    not place keep their cleaned text, so unreadable addresses still compare by text.
    """
    text = _text(text)
    if not text:
        return ""
    spans = _spans(text)
    if not spans:
        return _clean(text)
    pieces: dict[str, list[str]] = {part: [] for part in (*_ORDER, "other")}
    for start, end, label in spans:
        word = _clean(text[start:end])
        if not word:
            continue
        part = _PART_OF.get(label, "other")
        table = _KEY_WORDS.get(label)
        if table is not None:
            word = table.get(word, word)
        elif label == "ZipCode":
            word = word.replace(" ", "")[:5]
        elif label == "ZipPlus4" or (part == "country" and word in _US):
            continue
        elif label == "OccupancyIdentifier":
            word = word.lstrip("# ")  # "Ste #200" = "Ste 200"; a bare "#" after a type goes
            if not word:
                continue
        pieces[part].append(word)
    state = _state_code(" ".join(pieces["state"]))
    if state:
        pieces["state"] = [state]
    ordered = [*pieces["other"], *(w for part in _ORDER for w in pieces[part])]
    return " ".join(ordered)


def _zip_states(five_digits: str) -> frozenset[str]:
    """The states a 5-digit ZIP belongs to (empty when it is not a US ZIP)."""
    import zipcodes  # its table loads on first use (about 0.5 s): only when a ZIP is checked

    return frozenset(entry["state"] for entry in zipcodes.matching(five_digits))


@lru_cache(maxsize=4096)
def padded_zip(state: str, zip_code: str) -> str:
    """The ZIP with the leading zeros Excel dropped, when that ZIP belongs to ``state``
    (C4a): ("MA", "2108") -> "02108", ("MA", "2108-1234") -> "02108-1234"; "" otherwise.

    A ZIP typed as a number loses its leading zeros (Boston's 02108 becomes 2108). Only a
    3- or 4-digit ZIP is padded, and only when the padded ZIP is in the row's state: any
    other short ZIP is left as written for ``zip_state_problem`` to flag.
    """
    code = _state_code(state)
    match = _SHORT_ZIP.match(_zip_text(zip_code))
    if not code or not match:
        return ""
    five = match.group(1).zfill(5)
    if code not in _zip_states(five):
        return ""
    return f"{five}-{match.group(2)}" if match.group(2) else five


def zip_restored(text: str) -> str:
    """A one-line address with the leading zeros Excel dropped from its ZIP put back
    (C4a: "1 Main St, Boston, MA 2108" -> "... MA 02108"), or "" when nothing is to be
    restored (no state or ZIP, or the padded ZIP is not in the state)."""
    parsed = parse_address(text)
    if not parsed.state or not parsed.zip:
        return ""
    padded = padded_zip(parsed.state, parsed.zip)
    at = text.rfind(parsed.zip)
    if not padded or at < 0:
        return ""
    return text[:at] + padded + text[at + len(parsed.zip) :]


@lru_cache(maxsize=4096)
def zip_state_problem(state: str, zip_code: str) -> str:
    """Why ``zip_code`` does not belong to ``state`` ("" when it does, or when either is
    blank: a missing part is another check's business). Offline ZIP table (C4a).

    A 3- or 4-digit ZIP is a ZIP that lost its leading zeros: it is a problem even when
    the padded ZIP is right (``padded_zip`` says what to write instead).
    """
    code = _state_code(state)
    text = _zip_text(zip_code)
    if not code or not text:
        return ""
    short = _SHORT_ZIP.match(text)
    if short:
        five = short.group(1).zfill(5)
        found = _zip_states(five)
        lost = f"ZIP {text} has lost its leading zero{'s' if len(short.group(1)) < 4 else ''}"
        if code in found:
            return f"{lost}: {five} is in {code}"
        if found:
            return f"{lost}, and {five} is in {'/'.join(sorted(found))}, not {code}"
        return f"ZIP {text} is not a US ZIP code"
    match = _ZIP.match(text)
    if not match:
        return ""
    found = _zip_states(match.group(1))
    if not found:
        return f"ZIP {match.group(1)} is not a US ZIP code"
    if code not in found:
        return f"ZIP {match.group(1)} is in {'/'.join(sorted(found))}, not {code}"
    return ""


def _zip_text(zip_code: object) -> str:
    """A ZIP cell as text: a whole float from Excel (2108.0) without its ".0"."""
    if isinstance(zip_code, float) and zip_code == zip_code and zip_code.is_integer():
        zip_code = int(zip_code)
    return _text(zip_code).replace(" ", "")


def clear_caches() -> None:
    """Forget every parse (benchmarks time a cold run with it)."""
    for cached in (_spans, parse_address, address_key, zip_state_problem, padded_zip):
        cached.cache_clear()


def one_line(street: str, unit: str, city: str, state: str, zip_code: str) -> str:
    """Parts joined the usual way: "100 Congress Ave Ste 2, Austin, TX 78701"."""
    head = " ".join(p for p in (str(street).strip(), str(unit).strip()) if p)
    tail = " ".join(p for p in (str(state).strip(), str(zip_code).strip()) if p)
    return ", ".join(p for p in (head, str(city).strip(), tail) if p)
