"""US service addresses: a comparison key (C4b, P3a) and parts of one-line text (C4a).

Minimal stand-in, same names and signatures as the addresses work that replaces it:
``address_key`` (casefold, punctuation and space folding, ZIP+4 cut to the ZIP, a few
USPS Publication 28 suffixes) and ``parse_address`` (street, city, state, ZIP of
"100 Congress Ave, Austin, TX 78701"; anything else keeps ``problem`` set, never guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORDS = re.compile(r"[^\W_]+")
_ZIP_PLUS4 = re.compile(r"\b(\d{5})-?\d{4}\b")
_SUFFIXES = {  # USPS Publication 28, the common street suffixes and directionals
    "avenue": "ave",
    "av": "ave",
    "street": "st",
    "str": "st",
    "road": "rd",
    "drive": "dr",
    "boulevard": "blvd",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "parkway": "pkwy",
    "highway": "hwy",
    "suite": "ste",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
}
_ONE_LINE = re.compile(
    r"^\s*(?P<street>[^,]+?)\s*,\s*(?P<city>[^,]+?)\s*,?\s+(?P<state>[A-Za-z]{2})\.?\s*,?\s*"
    r"(?P<zip>\d{5}(?:-?\d{4})?)\s*$"
)


@lru_cache(maxsize=65536)
def address_key(text: object) -> str:
    """The comparison form of an address: "" for blank; ``100 Congress Avenue, Austin TX
    78701-1234`` and ``100 CONGRESS AVE, AUSTIN, TX, 78701`` give the same key."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    folded = _ZIP_PLUS4.sub(r"\1", str(text).casefold())
    return " ".join(_SUFFIXES.get(word, word) for word in _WORDS.findall(folded))


@dataclass(frozen=True)
class Address:
    """One US address in parts; ``problem`` is "" when read with confidence."""

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
        return f"{self.street} {self.unit}" if self.unit else self.street


@lru_cache(maxsize=65536)
def parse_address(text: str) -> Address:
    """Street, city, state and ZIP of "street, city, ST 12345"; otherwise a problem."""
    text = str(text).strip()
    if not text:
        return Address(text, problem="no address")
    found = _ONE_LINE.match(text)
    if found is None or not found["street"][:1].isdigit():
        return Address(text, problem="not read as street, city, state ZIP")
    return Address(
        text,
        street=found["street"],
        city=found["city"],
        state=found["state"].upper(),
        zip=found["zip"],
    )


def one_line(street: str, unit: str, city: str, state: str, zip_code: str) -> str:
    """Parts joined the usual way: "100 Congress Ave Ste 2, Austin, TX 78701"."""
    head = " ".join(p for p in (str(street).strip(), str(unit).strip()) if p)
    tail = " ".join(p for p in (str(state).strip(), str(zip_code).strip()) if p)
    return ", ".join(p for p in (head, str(city).strip(), tail) if p)
