"""A workbook's text that no Excel cell could hold, refused before openpyxl parses it
(issue 18 item 18): one shared string inflating to 200 MB took openpyxl two minutes and
gigabytes, for a cell Excel caps at 32,767 characters.

The sheet and shared-string parts are streamed through zlib in chunks; a cell's text is
what lies between one "<" and the next, so a run longer than any cell can be found with
numpy on the bytes, with the memory of one chunk. Only a run near the limit is decoded
(entities and all) to count its characters.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import numpy as np

from lnp_excel.core.errors import InputError
from lnp_excel.io.text_limits import EXCEL_CELL

CHUNK = 1 << 23
# A character is at most 10 bytes of XML ("&#x10FFFF;"), a tag's attributes well under
# 1,000: a run longer than this holds more characters than a cell can, for sure.
SURE = EXCEL_CELL * 10 + 1_000
_PARTS = re.compile(r"xl/(sharedStrings|worksheets/[^/]+)\.xml")
# openpyxl holds every shared string in memory, about twice their XML: past this much XML
# a workbook under 250 MB could take gigabytes (sheets themselves are streamed).
SHARED_TEXT_LIMIT = 600 * 1024 * 1024


def check_workbook_text(path: Path, *, shared_limit: int = SHARED_TEXT_LIMIT) -> None:
    """Refuse a workbook with a text over 32,767 characters, naming the part it is in,
    or with more shared text than can be held in memory."""
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if _PARTS.fullmatch(info.filename) and info.file_size > EXCEL_CELL:
                limit = shared_limit if "sharedStrings" in info.filename else None
                with archive.open(info) as stream:
                    _check_part(stream, info.filename, path.name, limit)


def _check_part(stream, part: str, name: str, limit: int | None) -> None:
    carry = b""
    read = 0
    while chunk := stream.read(CHUNK):
        read += len(chunk)
        if limit is not None and read > limit:
            raise InputError(
                f"the workbook's text takes more than {limit // (1024 * 1024):,} MB unpacked: "
                "too much to read from a workbook; save the sheet as CSV (File > Save As > "
                "CSV UTF-8) and use that",
                file=name,
            )
        data = carry + chunk
        opens = np.flatnonzero(np.frombuffer(data, np.uint8) == 60)  # "<"
        bounds = np.concatenate(([0], opens))
        lengths = np.diff(bounds)
        for index in np.flatnonzero(lengths > EXCEL_CELL):
            start = int(bounds[index])
            where = _where(part, data[max(0, start - 2_000) : start])
            _check_run(data[start : bounds[index + 1]], where, name)
        tail = int(bounds[-1])
        carry = data[tail:]
        if len(carry) > SURE:
            _refuse(_where(part, data[max(0, tail - 2_000) : tail]), name, None)
    if len(carry) > EXCEL_CELL:
        _check_run(carry, _where(part, b""), name)


def _where(part: str, before: bytes) -> str:
    """The cell a text belongs to: the last cell opened before it, in a sheet part."""
    if "sharedStrings" in part:
        return "its shared strings"
    cells = re.findall(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"', before)
    sheet = part.rsplit("/", 1)[-1]
    return f"cell {cells[-1].decode()} of {sheet}" if cells else sheet


def _check_run(run: bytes, where: str, name: str) -> None:
    """One run between two "<": a tag's rest, then its text."""
    if len(run) > SURE:
        _refuse(where, name, None)
    text = html.unescape(run.partition(b">")[2].decode("utf-8", errors="replace"))
    if len(text) > EXCEL_CELL:
        _refuse(where, name, len(text))


def _refuse(where: str, name: str, length: int | None) -> None:
    size = f"{length:,} characters" if length else f"more than {EXCEL_CELL:,} characters"
    raise InputError(
        f"the workbook holds a text of {size} (in {where}); an Excel cell holds "
        f"{EXCEL_CELL:,}: the file was not saved by Excel, or is damaged",
        file=name,
    )
