"""CSV and text exports as tables: encoding, delimiter and header found, every cell kept
as the exact text written (so "0012..." keeps its zeros)."""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

import pandas as pd

from lnp_excel.core.columns import find_header_row
from lnp_excel.core.errors import NO_DATA, InputError, InputWarning
from lnp_excel.core.values import plural
from lnp_excel.io.source_table import MAX_SCAN, SourceTable, blank_rows, collect_rows, framed
from lnp_excel.io.text_limits import check_long_cells, check_text_limits

DELIMITERS = (",", ";", "\t", "|")


def read_text_rows(path: Path) -> list[list[object]]:
    """The raw grid of a CSV or text file (row 0 = line 1), trailing empties trimmed."""
    encoding, text = _decode(path)
    delimiter = _detect_delimiter(text[:65536].split("\n")[:MAX_SCAN])
    check_text_limits(text, delimiter, path.name)
    try:
        grid: list[list[object]] = list(_records(text, delimiter))
    except csv.Error as exc:
        raise InputError(f"could not read this file as CSV: {exc}", file=path.name) from exc
    return collect_rows(grid, None)


def decode_text(path: Path) -> str:
    """A text file's content, decoded as the CSV reader decodes it (BOM, UTF-16/32,
    UTF-8 with a stray byte replaced and named, cp1252): the JSON exports and CSRs that a
    Windows tool saved as UTF-16 or "ANSI" read like their CSV cousins. A file with
    nothing but blanks is refused as empty, whatever its format."""
    text = _decode(path)[1]
    if not text.strip():
        raise InputError("the file is empty", file=path.name, kind=NO_DATA)
    return text


def _decode(path: Path) -> tuple[str, str]:
    """Return (encoding for pandas, decoded text): BOM, then UTF-32 or UTF-16 by where the
    zero bytes fall, UTF-8, cp1252. A UTF-8 file with a few invalid bytes stays UTF-8
    (``_mostly_utf8``): read as cp1252, every accent of the file would turn to mojibake."""
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        candidates = ["utf-32"]
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data[:4096]:
        candidates = [_wide_encoding(data, path.name)]
    else:
        candidates = ["utf-8", "cp1252", "latin-1"]
    if not candidates[0].startswith(("utf-16", "utf-32")) and b"\x00" in data:
        _refuse_zero_bytes(data, path.name)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            if encoding.startswith("utf-8") and _mostly_utf8(data):
                return UTF8_REPLACED, _replaced_utf8(data, path.name)
            continue
        if "\x00" in text:  # a zero character inside UTF-16/32 text
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise InputError(
                _ZERO_MESSAGE.format(count=plural(text.count("\x00"), "zero character"), line=line),
                file=path.name,
                row=line,
            )
        return encoding, text.removeprefix("\ufeff")
    raise InputError(f"the file is not valid {candidates[0]} text", file=path.name)


UTF8_REPLACED = "utf-8 (invalid bytes replaced)"  # read by pandas as utf-8, errors="replace"


def _wide_encoding(data: bytes, name: str) -> str:
    """UTF-32 or UTF-16 without a BOM, by which byte positions hold the zeros of ASCII
    text: three of every four (UTF-32) or one of every two (UTF-16)."""
    head = data[:4096]
    by_four = [head[i::4].count(0) for i in range(4)]
    quarter = len(head) // 4
    if quarter and by_four[1] + by_four[2] >= quarter * 1.8:
        if by_four[3] >= quarter * 0.9:
            return "utf-32-le"
        if by_four[0] >= quarter * 0.9:
            return "utf-32-be"
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) < len(head) // 4:
        _refuse_zero_bytes(data, name)
    return "utf-16-le" if odd > even else "utf-16-be"


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # an invalid byte, as surrogateescape keeps it


def _mostly_utf8(data: bytes) -> bool:
    """As many valid multi-byte UTF-8 characters as invalid bytes: UTF-8 with a few bad
    bytes (a cp1252 file's accents are all invalid UTF-8, and never valid pairs)."""
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED_BYTE.findall(text))
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    return valid >= invalid


def _replaced_utf8(data: bytes, name: str) -> str:
    """The text with each invalid byte as U+FFFD, and a warning naming their lines."""
    text = data.decode("utf-8", errors="surrogateescape")
    positions = [m.start() for m in _ESCAPED_BYTE.finditer(text)]
    lines = sorted({text.count("\n", 0, at) + 1 for at in positions[:1000]})
    shown = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
    warnings.warn(
        InputWarning(
            f"{name}: {plural(len(positions), 'byte')} not valid UTF-8 replaced by '\ufffd' "
            f"(line{'s' if len(lines) > 1 else ''} {shown}); the rest is read as UTF-8"
        ),
        stacklevel=3,
    )
    return _ESCAPED_BYTE.sub("\ufffd", text).removeprefix("\ufeff")


_ZERO_MESSAGE = (
    "the file holds {count} (NUL), the first on line {line}; text never contains them: "
    "export the file again, or remove them in a text editor"
)
_CONTROL = bytes(range(32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"")


def _refuse_zero_bytes(data: bytes, name: str) -> None:
    """Binary data, or a text export with zero (NUL) bytes in it: say which, and where.

    A NUL is never part of a phone list; reading past it would carry it into the outputs.
    """
    head = data[:4096]
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls > len(head) // 50:
        raise InputError("this does not look like a text or CSV file", file=name)
    line = data.count(b"\n", 0, data.find(b"\x00")) + 1
    count = plural(data.count(0), "zero byte")
    raise InputError(_ZERO_MESSAGE.format(count=count, line=line), file=name, row=line)


def _records(text: str, delimiter: str) -> Iterator[list[str]]:
    """All records of the text, quoted newlines kept inside their field."""
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _detect_delimiter(lines: list[str]) -> str:
    """Pick the delimiter that splits most sample lines into the same number of fields.

    csv.Sniffer alone is fooled by title lines and commas in text; its guess only breaks
    ties. A file with no delimiter at all is one column (",").
    """
    lines = [line.rstrip("\r") for line in lines if line.strip()]
    if not lines:
        return ","
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    best, best_score = ",", (0, 0, False)
    for delimiter in DELIMITERS:
        try:
            widths = [len(record) for record in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        wide = [width for width in widths if width >= 2]
        if not wide:
            continue
        mode = max(set(wide), key=lambda w: (wide.count(w), w))
        score = (wide.count(mode), mode, delimiter == sniffed)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_text_table(
    path: Path, alias_groups: Sequence[Sequence[str]], max_rows: int | None
) -> SourceTable:
    name = path.name
    encoding, text = _decode(path)
    if not text.strip():
        raise InputError("the file is empty", file=name, kind=NO_DATA)
    sample = text[:65536]
    delimiter = _detect_delimiter(sample.splitlines()[:MAX_SCAN])
    lines = check_text_limits(text, delimiter, name)
    del text  # pandas reads the file itself: the decoded copy would only add to the peak
    try:
        width = max((len(r) for r in islice(_records(sample, delimiter), MAX_SCAN)), default=1)
    except csv.Error:
        width = 1

    nrows = None if max_rows is None else MAX_SCAN + 1 + max_rows
    try:
        try:
            raw = _read_csv(path, encoding, delimiter, width, nrows)
        except (pd.errors.ParserError, pd.errors.ParserWarning) as exc:
            if "Expected" not in str(exc) and "names does not match" not in str(exc):
                raise
            # A row further down is wider than the sample: find the real width and retry.
            widths = (len(r) for r in _records(_decode(path)[1], delimiter))
            raw = _read_csv(path, encoding, delimiter, max(widths, default=1), nrows)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError, OSError) as exc:
        raise _csv_error(exc, name) from exc

    if max_rows is None and len(raw) < lines - 1:  # quoted cells ran over lines
        check_long_cells(raw, name)
    if blank_rows(raw.head(MAX_SCAN * 100)).all() and blank_rows(raw).all():
        raise InputError(
            "the file is empty: only blank lines and separators", file=name, kind=NO_DATA
        )
    raw = _unwrap_text_formulas(raw)
    head = raw.head(MAX_SCAN).to_numpy().tolist()
    try:
        header_index = find_header_row(head, alias_groups)
    except InputError as exc:
        raise exc.located(file=name) from None

    body = raw.iloc[header_index + 1 :]
    if max_rows is not None:
        body = body.iloc[:max_rows]
    body = body.set_axis(pd.RangeIndex(header_index + 2, header_index + 2 + len(body)), axis=0)
    body = body[~blank_rows(body)]
    frame = framed(raw.iloc[header_index].tolist(), body, blank=lambda s: blank_rows(s).all())
    if frame.empty:
        raise InputError(
            "the file has a header row but no data rows",
            file=name,
            row=header_index + 1,
            kind=NO_DATA,
        )
    return SourceTable(frame=frame, path=path, sheet=None, header_row=header_index + 1)


_TEXT_FORMULA = re.compile(r'="((?:[^"]|"")*)"')


def _unwrap_text_formulas(raw: pd.DataFrame) -> pd.DataFrame:
    """Cells like ``="0012127361234"`` as the text Excel shows for them.

    Legacy systems write numbers that way so Excel keeps them as text: opening the CSV,
    Excel runs the formula and shows ``0012127361234``. Anything else after "=" is left
    as written (and neutralized when written back out).
    """
    for position in range(raw.shape[1]):
        values = raw.iloc[:, position].to_numpy(dtype=object)
        try:
            if '="' not in "\x00".join(values):  # one C pass: most columns stop here
                continue
        except TypeError:  # a short row's missing cell: not text
            pass
        changed = values.copy()
        for row, value in enumerate(values):
            if type(value) is str and value.startswith('="'):
                match = _TEXT_FORMULA.fullmatch(value)
                if match:
                    changed[row] = match.group(1).replace('""', '"')
        raw.isetitem(position, pd.Series(changed, index=raw.index, dtype=object))
    return raw


def _csv_error(exc: Exception, name: str) -> InputError:
    """Say what pandas' parser found in the user's terms (its row numbers start at 0)."""
    text = str(exc).replace("Error tokenizing data. C error: ", "").strip()
    unclosed = re.search(r"EOF inside string starting at row (\d+)", text)
    if unclosed:
        return InputError(
            'could not read this file as CSV: a quoted cell never ends (a " without its '
            "closing quote)",
            file=name,
            row=int(unclosed.group(1)) + 1,
        )
    return InputError(f"could not read this file as CSV: {text}", file=name)


def _read_csv(
    path: Path, encoding: str, delimiter: str, width: int, nrows: int | None
) -> pd.DataFrame:
    """All cells as exact text through pandas' C parser (fast: 1M rows in about a second).

    ``index_col=False`` stops pandas turning extra leading fields into an index; the
    data-loss warning it gives instead is raised so the caller can widen and retry.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        return pd.read_csv(
            path,
            sep=delimiter,
            header=None,
            names=range(width),
            dtype=object,
            na_filter=False,
            skip_blank_lines=False,
            encoding="utf-8-sig" if encoding == UTF8_REPLACED else encoding,
            encoding_errors="replace",
            engine="c",
            quotechar='"',
            nrows=nrows,
            index_col=False,
        )
