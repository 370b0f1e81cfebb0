"""P3b: carrier names are carriers. The carrier directory and how names are matched to it.

The directory is editable data (canonical name, aliases, wireless yes/no, and whether the
carrier asks for a copy of a recent bill with the LOA, L5): shipped as
``lnp_excel/templates/carrier_directory.csv`` (equal to ``DEFAULT_DIRECTORY``, a test
checks it), a ``Carrier Directory`` sheet in the workbooks, and a user file the command
line adds with ``--carrier-directory``. One directory serves the planner (P3, P3b) and the
CSR side (C6's Inteliquent family is an entry).

Matching, once per distinct name (``CarrierDirectory.match``):
- names compare by ``name_key``: case, spacing and punctuation ignored, ``&`` kept (so
  "ATT" is not silently "AT&T"), legal suffixes dropped by rule (Inc, Corp, LLC, Co.,
  L.P., Ltd, ...): "AT&T Corp." = "at&t" = "AT&T";
- a key that is a listed name or alias is that carrier; wireline and wireless arms are
  separate entries (Verizon / Verizon Wireless), so they never merge;
- any other name stays its own carrier; when it looks like a listed one (a listed name
  followed by more words, or a close spelling by ``rapidfuzz``), the match carries that
  suggestion for the agent: never merged silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz, process

from lnp_excel.core.columns import find_column
from lnp_excel.core.errors import InputError

DIRECTORY_COLUMNS: tuple[str, ...] = ("Carrier", "Aliases", "Wireless", "Bill Copy")
BILL_COPY_ALIASES: tuple[str, ...] = ("Bill Copy", "Bill Copy Required", "Needs Bill Copy")
ALIAS_SEPARATOR = "|"
SUGGEST_SCORE = 80.0  # rapidfuzz ratio (0-100) from which a name "looks like" a carrier

# Legal forms, as word sequences after punctuation is dropped ("L.P." -> "l", "p").
LEGAL_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("inc",),
    ("incorporated",),
    ("corp",),
    ("corporation",),
    ("llc",),
    ("l", "l", "c"),
    ("pllc",),
    ("lc",),
    ("co",),
    ("company",),
    ("ltd",),
    ("limited",),
    ("lp",),
    ("l", "p"),
    ("llp",),
    ("l", "l", "p"),
    ("plc",),
    ("ulc",),
)

# (canonical name, aliases, wireless, bill copy): the shipped directory; edit the CSV or the
# sheet. Bill Copy (L5) is an assumption: the cable companies' port desks are the ones known
# to reject an LOA without a recent bill; a team adds the carriers it meets.
_BILL_COPY = frozenset({"Comcast Business", "Spectrum", "Cox", "Frontier", "Windstream"})
_DIRECTORY: tuple[tuple[str, str, str], ...] = (
    (
        "AT&T",
        "AT&T Services|AT&T Communications|AT&T Enterprises|SBC|BellSouth|Pacific Bell"
        "|Southwestern Bell|Ameritech",
        "no",
    ),
    ("AT&T Mobility", "AT&T Wireless|AT&T Mobile|Cingular|Cingular Wireless", "yes"),
    ("Verizon", "Verizon Communications|Verizon New York|Verizon New England", "no"),
    (
        "Verizon Business",
        "Verizon Business Services|Verizon Enterprise|MCI|MCI Communications|MCImetro",
        "no",
    ),
    ("Verizon Wireless", "Cellco Partnership|Cellco|Verizon Mobile", "yes"),
    (
        "T-Mobile",
        "T-Mobile USA|T Mobile|Metro by T-Mobile|MetroPCS|Sprint PCS|Sprint Spectrum",
        "yes",
    ),
    ("UScellular", "US Cellular|U.S. Cellular|United States Cellular", "yes"),
    (
        "Lumen",
        "Lumen Technologies|CenturyLink|Level 3|Level 3 Communications|Qwest|Embarq",
        "no",
    ),
    (
        "Comcast Business",
        "Comcast Business Communications|Comcast|Comcast Cable Communications|Comcast Phone",
        "no",
    ),
    (
        "Spectrum",
        "Spectrum Business|Charter|Charter Communications|Charter Fiberlink|Time Warner Cable",
        "no",
    ),
    ("Cox", "Cox Communications|Cox Business", "no"),
    ("Frontier", "Frontier Communications", "no"),
    ("Windstream", "Windstream Communications|Kinetic", "no"),
    ("Consolidated Communications", "", "no"),
    ("Bandwidth", "Bandwidth.com|Bandwidth.com CLEC", "no"),
    ("Inteliquent", "Onvoy|Intelliquent|Neutral Tandem|NeutralTandem", "no"),
    ("Peerless Network", "Peerless", "no"),
    ("RingCentral", "", "no"),
    ("Vonage", "Vonage Business", "no"),
    ("Bell Canada", "Bell|Bell Aliant", "no"),
    ("Bell Mobility", "", "yes"),
    ("Telus", "TELUS Communications|Telus Business", "no"),
    ("Telus Mobility", "", "yes"),
    ("Rogers", "Rogers Communications|Rogers Business", "no"),
    ("Rogers Wireless", "Rogers Mobile", "yes"),
    ("Shaw", "Shaw Communications|Shaw Business", "no"),
    ("Freedom Mobile", "", "yes"),
    ("BT", "British Telecom|British Telecommunications|BT Business", "no"),
)
DEFAULT_DIRECTORY: tuple[tuple[str, str, str, str], ...] = tuple(
    (*row, "yes" if row[0] in _BILL_COPY else "no") for row in _DIRECTORY
)

_WORD = re.compile(r"[^\W_]+|&")
_YES = {"yes", "y", "true", "1", "x", "wireless"}
_NO = {"no", "n", "false", "0", "", "wireline"}


def name_words(name: object) -> tuple[str, ...]:
    """The words of a carrier name, case folded, ``&`` kept, legal suffixes dropped (P3b)."""
    if name is None or (isinstance(name, float) and name != name):
        return ()
    words = _WORD.findall(unicodedata.normalize("NFKC", str(name)).casefold())
    stripped = True
    while stripped:
        stripped = False
        for suffix in LEGAL_SUFFIXES:
            size = len(suffix)
            if len(words) > size and tuple(words[-size:]) == suffix:
                words = words[:-size]
                stripped = True
                break
    return tuple(words)


def name_key(name: object) -> str:
    """P3, P3b: "AT&T Corp." and "at&t" -> "at&t"; "Comcast Business, LLC" -> "comcastbusiness"."""
    return "".join(name_words(name))


@dataclass(frozen=True)
class CarrierEntry:
    """One carrier: the name requests use, the spellings that mean it, wireless or not, and
    whether its LOA needs a bill copy (L5; None: the directory did not say)."""

    name: str
    aliases: tuple[str, ...] = ()
    wireless: bool = False
    bill_copy: bool | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class CarrierMatch:
    """What one written name is: a directory entry (index, -1 none) or a suggestion."""

    entry: int
    suggestion: str = ""


class CarrierDirectory:
    """Entries, and every name's key -> its entry (a later entry wins a shared key)."""

    def __init__(self, entries: Iterable[CarrierEntry]) -> None:
        self.entries: tuple[CarrierEntry, ...] = tuple(entries)
        self._index: dict[str, int] = {}
        self._words: list[tuple[tuple[str, ...], int]] = []
        for position, entry in enumerate(self.entries):
            for name in entry.names:
                words = name_words(name)
                if words:
                    self._index["".join(words)] = position
                    self._words.append((words, position))
        self._keys = list(self._index)

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, name: object) -> CarrierMatch:
        """The entry ``name`` is, else (-1, the canonical name it looks like or "")."""
        words = name_words(name)
        key = "".join(words)
        if not key:
            return CarrierMatch(-1)
        if key in self._index:
            return CarrierMatch(self._index[key])
        return CarrierMatch(-1, self._suggest(words, key))

    def _suggest(self, words: tuple[str, ...], key: str) -> str:
        """The closest spelling ("Verizon Wirless"), else the longest listed name followed
        by more words ("Neutral Tandem-Illinois"); "" when nothing is close."""
        best = -1
        if self._keys:
            found = process.extractOne(
                key, self._keys, scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE
            )
            best = -1 if found is None else self._index[found[0]]
        if best < 0:
            longest = 0
            for listed, position in self._words:
                if longest < len(listed) < len(words) and words[: len(listed)] == listed:
                    best, longest = position, len(listed)
        return self.entries[best].name if best >= 0 else ""

    def asks_bill_copy(self, name: object) -> bool:
        """L5: whether the directory marks ``name``'s carrier as asking for a bill copy."""
        found = self.match(name).entry
        return found >= 0 and bool(self.entries[found].bill_copy)

    def names_like(self, names: Iterable[str]) -> tuple[str, ...]:
        """``names`` and every name of the entries they are (C6: the Inteliquent family)."""
        out: list[str] = []
        for name in names:
            out.append(name)
            found = self.match(name).entry
            if found >= 0:
                out.extend(self.entries[found].names)
        return tuple(dict.fromkeys(out))

    def extended(self, other: CarrierDirectory) -> CarrierDirectory:
        """This directory with ``other``'s entries added; ``other`` wins (the user's file).

        An entry of ``other`` whose name is already a carrier here is merged into it
        (aliases joined, the user's name and wireless flag kept, the bill copy flag too
        unless the user's file has no such column).
        """
        entries = list(self.entries)
        added: list[CarrierEntry] = []
        for entry in other.entries:
            found = self.match(entry.name).entry
            if found >= 0 and entries[found] is not None:
                old = entries[found]
                aliases = [n for n in (*entry.aliases, *old.names) if n != entry.name]
                bill_copy = old.bill_copy if entry.bill_copy is None else entry.bill_copy
                entry = CarrierEntry(
                    entry.name, tuple(dict.fromkeys(aliases)), entry.wireless, bill_copy
                )
                entries[found] = None  # type: ignore[call-overload]
            added.append(entry)
        return CarrierDirectory([e for e in entries if e is not None] + added)


def directory_from_table(frame: pd.DataFrame) -> CarrierDirectory:
    """A directory from a table with Carrier, Aliases, Wireless, Bill Copy columns (a sheet
    or a CSV); a directory without the Bill Copy column (written before L5) still reads.

    Aliases are separated by "|" (or ";"); Wireless and Bill Copy are yes/no (blank: no).
    Rows with the same carrier name are one entry. A bad yes/no value or an alias given to
    two carriers is an InputError naming the row and column.
    """
    columns = list(frame.columns)
    name_col = find_column(columns, ("Carrier", "Carrier Name", "Name"), role="carrier name")
    alias_col = find_column(
        columns, ("Aliases", "Alias", "Also Known As"), role="aliases", required=False
    )
    wireless_col = find_column(columns, ("Wireless", "Mobile"), role="wireless", required=False)
    bill_col = find_column(columns, BILL_COPY_ALIASES, role="bill copy", required=False)
    entries: dict[str, CarrierEntry] = {}
    owner: dict[str, str] = {}  # name key -> canonical key
    for row, record in frame.iterrows():
        name = _cell(record[name_col])
        key = name_key(name)
        if not key:
            continue
        aliases = (
            _cell(record[alias_col]).replace(";", ALIAS_SEPARATOR) if alias_col is not None else ""
        )
        alias_list = tuple(a.strip() for a in aliases.split(ALIAS_SEPARATOR) if a.strip())
        wireless = _yes_no(
            record[wireless_col] if wireless_col is not None else "", row, wireless_col, "Wireless"
        )
        bill_copy = (
            None if bill_col is None else _yes_no(record[bill_col], row, bill_col, "Bill Copy")
        )
        for spelling in (name, *alias_list):
            spelled = name_key(spelling)
            if spelled and owner.setdefault(spelled, key) != key:
                raise InputError(
                    f"carrier directory: '{spelling}' is already a name of "
                    f"'{entries[owner[spelled]].name}'; give each spelling to one carrier",
                    row=_row_number(row),
                    column=str(alias_col or name_col),
                )
        if key in entries:
            old = entries[key]
            alias_list = tuple(dict.fromkeys((*old.aliases, *alias_list)))
            bills = None if bill_copy is None else bool(old.bill_copy or bill_copy)
            entries[key] = CarrierEntry(old.name, alias_list, old.wireless or wireless, bills)
        else:
            entries[key] = CarrierEntry(name, alias_list, wireless, bill_copy)
    return CarrierDirectory(entries.values())


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split())


def _row_number(row: object) -> int | None:
    return int(row) if isinstance(row, int) else None


def _yes_no(value: object, row: object, column: object, what: str) -> bool:
    text = _cell(value).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InputError(
        f"carrier directory: {what} must be yes or no, not '{_cell(value)}'",
        row=_row_number(row),
        column=str(column),
    )


def default_directory_table() -> pd.DataFrame:
    """The shipped directory as a table (also templates/carrier_directory.csv)."""
    return pd.DataFrame(list(DEFAULT_DIRECTORY), columns=list(DIRECTORY_COLUMNS))


@lru_cache(maxsize=1)
def default_directory() -> CarrierDirectory:
    """The shipped directory, built once per process."""
    return directory_from_table(default_directory_table())
