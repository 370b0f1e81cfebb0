"""Valid numbers -> port requests: carrier keys (P3), routing (P4-P6), grouping (P1-P3).

Everything runs on integer codes with numpy, never row by row: a million numbers become
requests in a fraction of a second. Loops only ever visit distinct carriers or requests.

Request ids (deterministic, readable, unique within a plan):

* Self-Service: ``SS-<NPA-NXX>-<CARRIER>-<nn>``, e.g. ``SS-212736-ATT-01``. ``CARRIER`` is
  the P3 carrier key upper-cased (letters and digits, at most
  ``settings.request_id_carrier_chars``) or ``UNKNOWN``; ``nn`` numbers the pieces of at
  most 50 numbers (P1) of one NPA-NXX and carrier group, from 01.
* Managed and Custom: ``MG-LOCAL``, ``MG-TOLLFREE``, ``CU-LOCAL``, ``CU-TOLLFREE``: one
  order per path and type, because the specialist splits an order per carrier and the
  $50 minimum (P5) is charged per order, so splitting it ourselves would only add
  minimums. Local and toll-free still never share a request (Bandwidth, Telnyx).

Requests are ordered by path (Self-Service, Managed, Custom), then NPA-NXX, then carrier
key (unknown carrier last), then piece; numbers inside a group by number, so each piece of
50 is a contiguous run of the exchange.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory, default_directory, name_key
from lnp_excel.core.errors import EXCEL_ERRORS
from lnp_excel.core.plan.paths import NO_PATH, PortPath
from lnp_excel.core.settings import Settings

LOCAL, TOLL_FREE = "local", "toll-free"
KINDS: tuple[str, ...] = (LOCAL, TOLL_FREE)
UNKNOWN_CARRIER_ID = "UNKNOWN"

_NOT_ALNUM = re.compile(r"[\W_]+")


def carrier_key(name: object) -> str:
    """P3: the name without case, spacing or punctuation: "AT&T" and "at&t " -> "att"."""
    if name is None or (isinstance(name, float) and name != name):
        return ""
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    return _NOT_ALNUM.sub("", text)


@dataclass(frozen=True)
class Carriers:
    """Per-row carrier codes (-1 = unknown) and, per code, its key, display name, whether
    it is a wireless carrier of the directory, and the listed carrier an unlisted name
    looks like ("" none) (P3, P3b)."""

    codes: np.ndarray
    keys: tuple[str, ...]
    names: tuple[str, ...]
    wireless: tuple[bool, ...] = ()
    suggestions: tuple[str, ...] = ()
    listed: tuple[bool, ...] = ()  # the carrier is an entry of the directory (P3b)

    @property
    def rank(self) -> np.ndarray:
        """Sort position of each code by key, so request order does not depend on rows."""
        order = np.argsort(np.array(self.keys, dtype=object), kind="stable")
        rank = np.empty(len(self.keys), dtype=np.int64)
        rank[order] = np.arange(len(self.keys))
        return rank

    def per_row(self) -> pd.Categorical:
        """The display name on every row ("" when unknown), cheap for a million rows."""
        return pd.Categorical.from_codes(self.codes + 1, ["", *self.names])


def read_carriers(
    values: pd.Series | None,
    count: int,
    settings: Settings,
    directory: CarrierDirectory | None = None,
) -> Carriers:
    """Factorize the carrier column once, then match each distinct spelling (P3, P3b).

    A spelling the directory knows becomes its carrier, shown by the canonical name
    ("AT&T Corp" -> "AT&T"); any other spelling is its own carrier, merged only with
    spellings of the same ``name_key`` (case, punctuation, legal suffix) and shown by its
    first spelling in input order, trimmed, inner space collapsed, with the directory's
    suggestion when it looks like a listed carrier. Blank cells, Excel error values
    (``#REF!``) and the ``unknown_carrier_words`` ("N/A", "unknown", "?") mean the
    carrier is not known: those numbers are planned apart.
    """
    if values is None:
        return Carriers(np.full(count, -1, dtype=np.int64), (), ())
    directory = directory if directory is not None else default_directory()
    raw_codes, distinct = pd.factorize(
        np.asarray(pd.Series(values).to_numpy(dtype=object)), use_na_sentinel=True
    )
    unknown = {carrier_key(word) for word in settings.unknown_carrier_words} | {""}
    codes_of: dict[object, int] = {}  # entry index, or the name key of an unlisted name
    names: list[str] = []
    wireless: list[bool] = []
    suggestions: list[str] = []
    listed: list[bool] = []
    mapping = np.full(len(distinct) + 1, -1, dtype=np.int64)  # last slot: NaN sentinel
    for position, value in enumerate(distinct):
        if carrier_key(value) in unknown or str(value).strip().upper() in EXCEL_ERRORS:
            continue
        found = directory.match(value)
        identity: object = found.entry if found.entry >= 0 else name_key(value)
        if identity not in codes_of:
            codes_of[identity] = len(names)
            if found.entry >= 0:
                entry = directory.entries[found.entry]
                names.append(entry.name)
                wireless.append(entry.wireless)
            else:
                names.append(" ".join(str(value).split()))
                wireless.append(False)
            suggestions.append(found.suggestion)
            listed.append(found.entry >= 0)
        mapping[position] = codes_of[identity]
    codes = mapping[np.asarray(raw_codes, dtype=np.int64)]  # -1 indexes the sentinel slot
    keys = tuple(carrier_key(name) for name in names)
    return Carriers(codes, keys, tuple(names), tuple(wireless), tuple(suggestions), tuple(listed))


def route(
    region: np.ndarray, kind: np.ndarray, planned: np.ndarray, settings: Settings
) -> np.ndarray:
    """P4-P6: path code per row (index into PATHS), -1 for rows not planned.

    Self-Service takes ``self_service_regions`` (US), toll-free only while
    ``self_service_toll_free`` holds (an assumption, see Settings); ``managed_regions``
    (US, Canada) go to Managed; every other country to Custom, its only path (P6).
    """
    equal: dict[str, np.ndarray] = {}  # one compare per region code (US is in both lists)
    in_ss = _any_equal(region, settings.self_service_regions, equal)
    in_mg = _any_equal(region, settings.managed_regions, equal)
    if not settings.self_service_toll_free:
        in_ss &= kind != 1
    path = np.where(
        in_ss, PortPath.SELF_SERVICE, np.where(in_mg, PortPath.MANAGED, PortPath.CUSTOM)
    ).astype(np.int64)
    path[~planned] = NO_PATH
    return path


def _any_equal(
    values: np.ndarray, wanted: Sequence[str], equal: dict[str, np.ndarray]
) -> np.ndarray:
    """``values`` equal to any of a few upper-cased codes (object compares, no hashing);
    ``equal`` keeps each code's compare for the next call."""
    out = np.zeros(len(values), dtype=bool)
    for code in {str(w).strip().upper() for w in wanted}:
        if code not in equal:
            equal[code] = values == code
        out |= equal[code]
    return out


def kinds_of(types: np.ndarray) -> np.ndarray:
    """0 = local, 1 = toll-free: the only split licenses (P9) and carriers care about."""
    return (np.asarray(types, dtype=object) == TOLL_FREE).astype(np.int64)


@dataclass(frozen=True)
class Grouping:
    """Requests as arrays: per row its request (-1 none); per request its attributes."""

    row_request: np.ndarray  # request index per input row, -1 when not planned
    ids: tuple[str, ...]
    path: np.ndarray  # path code per request
    kind: np.ndarray  # 0 local, 1 toll-free
    npa_code: np.ndarray  # npa_nxx category code per request (0 = "" for Managed/Custom)
    carrier: np.ndarray  # carrier code per request (-1 unknown or mixed orders)
    count: np.ndarray
    first_row: np.ndarray  # position of the request's first number (by number order)
    last_row: np.ndarray
    order: np.ndarray  # planned row positions, request by request, by number inside
    starts: np.ndarray  # where each request starts in ``order``


def group_requests(
    path: np.ndarray,
    kind: np.ndarray,
    npa: pd.Categorical,
    carriers: Carriers,
    sort_key: np.ndarray,
    settings: Settings,
    account: np.ndarray | None = None,
) -> Grouping:
    """P1-P3a: the fewest requests: ceil(n/50) per (NPA-NXX, carrier, account, type)
    self-service group.

    Self-service rows are keyed by (NPA-NXX rank, carrier rank, account rank, type), where
    ``account`` is each row's account rank (P3a: BTN, account number and service address;
    None when the list has none); Managed and Custom rows by type only. One sort orders
    the rows, group starts come from the sorted keys, and a row's piece is its position
    in its group // max numbers (P1).
    """
    rows = np.flatnonzero(path >= 0)
    row_request = np.full(len(path), -1, dtype=np.int64)
    if not len(rows):
        empty = np.zeros(0, dtype=np.int64)
        return Grouping(row_request, (), *([empty] * 9))

    categories = np.asarray(npa.categories, dtype=object)
    npa_rank = np.empty(len(categories), dtype=np.int64)
    npa_rank[np.argsort(categories, kind="stable")] = np.arange(len(categories))
    n_npa = len(categories) + 1
    n_car = len(carriers.keys) + 1

    p, k = path[rows], kind[rows]
    ss = p == PortPath.SELF_SERVICE
    npa_codes = np.asarray(npa.codes, dtype=np.int64)[rows]
    car_codes = carriers.codes[rows]
    car_rank = np.append(carriers.rank, n_car - 1)[car_codes]  # code -1 (unknown) last
    a = np.where(ss, npa_rank[npa_codes], 0)
    c = np.where(ss, car_rank, 0)
    n_acc = 1 if account is None or not len(account) else int(account.max()) + 1
    b = np.where(ss, account[rows], 0) if n_acc > 1 else 0
    group = (((p * n_npa + a) * n_car + c) * n_acc + b) * 2 + k

    order = _grouped_order(group, sort_key[rows], ss, npa_codes, n_npa)
    g = group[order]
    new_group = np.empty(len(g), dtype=bool)
    new_group[0] = True
    new_group[1:] = g[1:] != g[:-1]
    starts = np.flatnonzero(new_group)
    position = np.arange(len(g)) - np.repeat(starts, np.diff(np.append(starts, len(g))))
    limit = max(1, int(settings.self_service_max_numbers))
    sorted_rows = rows[order]
    self_service = p[order] == PortPath.SELF_SERVICE
    piece = np.where(self_service, position // limit, 0)
    new_request = new_group.copy()
    new_request[1:] |= piece[1:] != piece[:-1]
    row_request[sorted_rows] = np.cumsum(new_request) - 1

    first = np.flatnonzero(new_request)
    last = np.append(first[1:], len(g)) - 1
    heads = order[first]  # the first row of each request, as a position in ``rows``
    req_path = p[heads]
    req_kind = k[heads]
    req_npa = np.where(req_path == PortPath.SELF_SERVICE, npa_codes[heads], 0)
    req_car = np.where(req_path == PortPath.SELF_SERVICE, car_codes[heads], -1)
    ids = _request_ids(
        req_path,
        req_kind,
        categories[req_npa],
        req_car,
        piece[first],
        g[first],
        carriers,
        settings,
    )
    return Grouping(
        row_request=row_request,
        ids=ids,
        path=req_path,
        kind=req_kind,
        npa_code=req_npa,
        carrier=req_car,
        count=last - first + 1,
        first_row=sorted_rows[first],
        last_row=sorted_rows[last],
        order=sorted_rows,
        starts=first,
    )


_LINE = 10_000  # NANP numbers of one NPA-NXX differ only in their last 4 digits


def _grouped_order(
    group: np.ndarray, within: np.ndarray, ss: np.ndarray, npa_codes: np.ndarray, n_npa: int
) -> np.ndarray:
    """``_sorted(group, within)``, faster when self-service rows allow it.

    Self-service groups (path 0) sort before every other group. When every self-service
    row is keyed by its 10 digits and rows of one NPA-NXX code share the first 6, their
    order within a group is that of the last 4 digits, so (group, line, position) fits in
    one int64 and a value sort (several times cheaper than an argsort) gives the order.
    """
    chosen = np.flatnonzero(ss)
    if not len(chosen):
        return _sorted(group, within)
    digits = within[chosen]
    head = digits // _LINE
    codes = npa_codes[chosen]
    head_of_code = np.zeros(n_npa, dtype=np.int64)
    head_of_code[codes] = head
    index_bits = len(chosen).bit_length()
    ss_group = group[chosen]
    fits = int(ss_group.max()).bit_length() + 14 + index_bits <= 62
    if not (fits and int(digits.max()) < 10**10 and (head_of_code[codes] == head).all()):
        return _sorted(group, within)
    packed = (ss_group << (14 + index_bits)) | ((digits % _LINE) << index_bits)
    packed |= np.arange(len(chosen), dtype=np.int64)
    first = chosen[np.sort(packed) & ((1 << index_bits) - 1)]
    rest = np.flatnonzero(~ss)
    if not len(rest):
        return first
    return np.concatenate([first, rest[_sorted(group[rest], within[rest])]])


def _sorted(group: np.ndarray, within: np.ndarray) -> np.ndarray:
    """Order by (group, within) with one int64 argsort when the pair fits, else lexsort.

    ``within`` is unique across planned rows (numbers are unique once duplicates are out),
    so the order is total and any sort algorithm gives the same, deterministic result.
    """
    span = int(within.max()) + 1
    if int(group.max()) < (2**62) // span:
        return np.argsort(group * span + within)
    return np.lexsort((within, group))


def _request_ids(
    path: np.ndarray,
    kind: np.ndarray,
    npa_nxx: np.ndarray,
    carrier: np.ndarray,
    piece: np.ndarray,
    group: np.ndarray,
    carriers: Carriers,
    settings: Settings,
) -> tuple[str, ...]:
    """Readable ids (see module doc): one tag per carrier (``carrier_tags``), and ``-G<n>``
    numbering the groups (accounts, P3a) of one exchange and carrier, from 1."""
    tags = np.array([*carrier_tags(carriers, settings), UNKNOWN_CARRIER_ID], dtype=object)
    ss = path == PortPath.SELF_SERVICE
    # One f-string per request, each branch only for its own requests.
    stem = np.empty(len(path), dtype=object)
    chosen = np.flatnonzero(ss)
    head = PortPath.SELF_SERVICE.prefix
    stem[chosen] = [
        f"{head}-{npa}-{tag}"
        for npa, tag in zip(npa_nxx[chosen].tolist(), tags[carrier[chosen]].tolist(), strict=True)
    ]
    chosen = np.flatnonzero(~ss)
    prefixes = [p.prefix for p in PortPath]
    kind_tags = ("LOCAL", "TOLLFREE")
    stem[chosen] = [
        f"{prefixes[p]}-{kind_tags[k]}"
        for p, k in zip(path[chosen].tolist(), kind[chosen].tolist(), strict=True)
    ]
    # Distinct groups sharing a stem (one exchange and carrier split by account, P3a; or a
    # non-NANP self-service region) are told apart by -G<n>, counted within the stem.
    heads = pd.DataFrame({"stem": stem[piece == 0], "group": group[piece == 0]})
    shared = heads.groupby("stem", sort=False)["group"].transform("size").to_numpy() > 1
    if shared.any():
        number = heads.groupby("stem", sort=False).cumcount().to_numpy() + 1
        of_group = dict(zip(heads["group"][shared].tolist(), number[shared].tolist(), strict=True))
        fix = np.flatnonzero(pd.Series(group).isin(list(of_group)).to_numpy())
        stem[fix] = [f"{stem[i]}-G{of_group[group[i]]}" for i in fix.tolist()]
    labels = np.array(["", *(f"-{n:02d}" for n in range(1, int(piece.max()) + 2))], object)
    ids = stem + labels[np.where(ss, piece + 1, 0)]
    return tuple(ids.tolist())


def carrier_tags(carriers: Carriers, settings: Settings) -> list[str]:
    """The carrier part of request ids, one per carrier code and never shared: the key
    upper-cased and cut to ``request_id_carrier_chars`` (``AT&T`` -> ``ATT``). Two
    carriers whose tags would read alike (``AT&T`` of the directory and an unlisted
    ``att``; two long names cut alike) keep them apart with a digit: directory entries
    choose first, then by key, so ``AT&T`` stays ``ATT`` and ``att`` becomes ``ATT2``."""
    width = max(2, int(settings.request_id_carrier_chars))
    listed = carriers.listed or (False,) * len(carriers.keys)
    order = sorted(
        range(len(carriers.keys)),
        key=lambda code: (not listed[code], carriers.keys[code], carriers.names[code]),
    )
    tags = [""] * len(carriers.keys)
    used = {UNKNOWN_CARRIER_ID}
    for code in order:
        base = carriers.keys[code].upper()[:width] or "CARRIER"
        tag, count = base, 1
        while tag in used:
            count += 1
            tag = base[: width - len(str(count))] + str(count)
        used.add(tag)
        tags[code] = tag
    return tags
