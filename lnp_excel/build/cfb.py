"""A minimal [MS-CFB] compound file writer: version 3, 512-byte sectors, no DIFAT sectors.

`olefile` can read compound files but not create them; a vbaProject.bin is one. Everything
that could vary (entry order, timestamps, CLSIDs, padding) is fixed, so equal inputs give
byte-identical files regardless of dict order.
"""

import struct
from dataclasses import dataclass, field

SECTOR_SIZE = 512
MINI_SECTOR_SIZE = 64
MINI_STREAM_CUTOFF = 4096
_ENTRY_SIZE = 128
_ENTRIES_PER_SECTOR = SECTOR_SIZE // _ENTRY_SIZE
_IDS_PER_SECTOR = SECTOR_SIZE // 4
_HEADER_DIFAT_SLOTS = 109
_MAX_NAME_CHARS = 31

_FREESECT = 0xFFFFFFFF
_ENDOFCHAIN = 0xFFFFFFFE
_FATSECT = 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF

_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1

_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass
class _Entry:
    """One directory entry; `children` only for storages, `data` only for streams."""

    name: str
    kind: int
    data: bytes = b""
    children: dict[str, "_Entry"] = field(default_factory=dict)
    sid: int = 0
    left: int = _NOSTREAM
    right: int = _NOSTREAM
    child: int = _NOSTREAM
    color: int = _BLACK
    start: int = _ENDOFCHAIN


def write_compound_file(streams: dict[str, bytes]) -> bytes:
    """Return a compound file holding `streams`, keyed by '/'-separated paths ("VBA/dir")."""
    root = _build_tree(streams)
    entries = _number_entries(root)
    for entry in entries:
        if entry.kind != _STREAM:
            _link_children(entry)
    return _Layout(entries).render()


def cfb_name_key(name: str) -> tuple[int, str]:
    """Sort key of sibling names: shorter first, then by upper-cased characters (2.6.4)."""
    return len(name), name.upper()


def _build_tree(streams: dict[str, bytes]) -> _Entry:
    root = _Entry("Root Entry", _ROOT)
    for path, data in streams.items():
        *storages, leaf = path.split("/")
        parent = root
        for name in storages:
            parent = parent.children.setdefault(_checked(name, parent), _Entry(name, _STORAGE))
            if parent.kind != _STORAGE:
                raise ValueError(f"{path!r}: {name!r} is both a stream and a storage")
        if _checked(leaf, parent) in parent.children:
            raise ValueError(f"{path!r}: duplicate or conflicting path")
        parent.children[leaf.upper()] = _Entry(leaf, _STREAM, data=bytes(data))
    return root


def _checked(name: str, parent: _Entry) -> str:
    """Validate a path element and return the case-insensitive key CFB uses for siblings."""
    if not name or len(name) > _MAX_NAME_CHARS or any(c in name for c in "/\\:!"):
        raise ValueError(f"invalid compound file entry name {name!r}")
    return name.upper()


def _number_entries(root: _Entry) -> list[_Entry]:
    """Number entries breadth first, siblings in CFB order, so ids never depend on input order."""
    entries = [root]
    for entry in entries:
        for child in sorted(entry.children.values(), key=lambda e: cfb_name_key(e.name)):
            child.sid = len(entries)
            entries.append(child)
    return entries


def _link_children(storage: _Entry) -> None:
    """Make the storage's children a balanced red-black tree (deepest incomplete level red)."""
    ordered = sorted(storage.children.values(), key=lambda e: cfb_name_key(e.name))
    height = len(ordered).bit_length()
    perfect = len(ordered) == (1 << height) - 1

    def build(lo: int, hi: int, depth: int) -> int:
        if lo >= hi:
            return _NOSTREAM
        mid = (lo + hi) // 2
        node = ordered[mid]
        node.left = build(lo, mid, depth + 1)
        node.right = build(mid + 1, hi, depth + 1)
        node.color = _RED if depth == height - 1 and depth > 0 and not perfect else _BLACK
        return node.sid

    storage.child = build(0, len(ordered), 0)


class _Layout:
    """Sector allocation and serialisation: FAT, directory, mini FAT, mini stream, big streams."""

    def __init__(self, entries: list[_Entry]) -> None:
        self.entries = entries
        self.fat: list[int] = []
        self.minifat: list[int] = []
        streams = [e for e in entries if e.kind == _STREAM and e.data]
        self.small = [e for e in streams if len(e.data) < MINI_STREAM_CUTOFF]
        self.big = [e for e in streams if len(e.data) >= MINI_STREAM_CUTOFF]
        self.mini_stream = self._pack_mini_stream()

    def _pack_mini_stream(self) -> bytes:
        mini = bytearray()
        for entry in self.small:
            entry.start = len(mini) // MINI_SECTOR_SIZE
            count = _sectors(len(entry.data), MINI_SECTOR_SIZE)
            self.minifat += _chain(entry.start, count)
            mini += entry.data.ljust(count * MINI_SECTOR_SIZE, b"\x00")
        return bytes(mini)

    def render(self) -> bytes:
        dir_count = _sectors(len(self.entries) * _ENTRY_SIZE, SECTOR_SIZE)
        minifat_count = _sectors(len(self.minifat) * 4, SECTOR_SIZE)
        ministream_count = _sectors(len(self.mini_stream), SECTOR_SIZE)
        data_count = sum(_sectors(len(e.data), SECTOR_SIZE) for e in self.big)
        other = dir_count + minifat_count + ministream_count + data_count
        fat_count = _fat_sectors_needed(other)
        if fat_count > _HEADER_DIFAT_SLOTS:
            raise ValueError("compound file too large for a writer without DIFAT sectors")

        self.fat = [_FATSECT] * fat_count
        dir_start = self._allocate(dir_count)
        minifat_start = self._allocate(minifat_count)
        root = self.entries[0]
        root.start = self._allocate(ministream_count)
        for entry in self.big:
            entry.start = self._allocate(_sectors(len(entry.data), SECTOR_SIZE))
        self.fat += [_FREESECT] * (fat_count * _IDS_PER_SECTOR - len(self.fat))

        header = self._header(fat_count, dir_start, minifat_start, minifat_count)
        body = [
            _pack_ids(self.fat),
            self._directory().ljust(dir_count * SECTOR_SIZE, b"\x00"),
            _pack_ids(
                self.minifat + [_FREESECT] * (minifat_count * _IDS_PER_SECTOR - len(self.minifat))
            ),
            _pad(self.mini_stream),
            *(_pad(e.data) for e in self.big),
        ]
        return header + b"".join(body)

    def _allocate(self, count: int) -> int:
        """Chain `count` new sectors in the FAT; return the first, or ENDOFCHAIN if none."""
        if not count:
            return _ENDOFCHAIN
        start = len(self.fat)
        self.fat += _chain(start, count)
        return start

    def _header(
        self, fat_count: int, dir_start: int, minifat_start: int, minifat_count: int
    ) -> bytes:
        difat = list(range(fat_count)) + [_FREESECT] * (_HEADER_DIFAT_SLOTS - fat_count)
        return (
            _SIGNATURE
            + bytes(16)  # header CLSID
            + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)  # minor, major, BOM, shifts
            + bytes(6)
            + struct.pack("<IIII", 0, fat_count, dir_start, 0)  # dir sectors (v3: 0), txn sig
            + struct.pack(
                "<IIIII", MINI_STREAM_CUTOFF, minifat_start, minifat_count, _ENDOFCHAIN, 0
            )
            + _pack_ids(difat)
        )

    def _directory(self) -> bytes:
        root = self.entries[0]
        out = bytearray()
        for entry in self.entries:
            size = len(self.mini_stream) if entry is root else len(entry.data)
            start = entry.start if entry.kind != _STORAGE else 0
            out += _directory_entry(entry, start, size)
        unused = _ENTRIES_PER_SECTOR - len(self.entries) % _ENTRIES_PER_SECTOR
        for _ in range(unused % _ENTRIES_PER_SECTOR):
            out += _unused_entry()
        return bytes(out)


def _directory_entry(entry: _Entry, start: int, size: int) -> bytes:
    name = (entry.name + "\x00").encode("utf-16-le")
    return (
        name.ljust(64, b"\x00")
        + struct.pack("<HBB", len(name), entry.kind, entry.color)
        + struct.pack("<III", entry.left, entry.right, entry.child)
        + bytes(16)  # CLSID
        + bytes(4)  # state bits
        + bytes(16)  # creation and modified time
        + struct.pack("<IQ", start, size)
    )


def _unused_entry() -> bytes:
    return bytes(66) + struct.pack("<BBIII", 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM) + bytes(48)


def _fat_sectors_needed(other_sectors: int) -> int:
    """Smallest FAT that maps the other sectors plus the FAT sectors themselves."""
    count = 0
    while count * _IDS_PER_SECTOR < other_sectors + count:
        count += 1
    return count


def _chain(start: int, count: int) -> list[int]:
    return [start + i + 1 for i in range(count - 1)] + [_ENDOFCHAIN]


def _sectors(size: int, sector: int) -> int:
    return -(-size // sector)


def _pad(data: bytes) -> bytes:
    return data.ljust(_sectors(len(data), SECTOR_SIZE) * SECTOR_SIZE, b"\x00")


def _pack_ids(ids: list[int]) -> bytes:
    return struct.pack(f"<{len(ids)}I", *ids)
