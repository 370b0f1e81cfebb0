"""Read the sheet or CSV an agent was handed into a DataFrame, or say clearly why not.

Values come back as read (text stays text, so "0012..." keeps its zeros) and every row
keeps the number the user sees in Excel, so later messages can point at "row 17".
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

import numpy as np
import pandas as pd
from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from lnp_excel.core.columns import NUMBER_ALIASES, find_header_row, row_mentions
from lnp_excel.core.errors import InputError

MAX_SCAN = 30  # rows searched for the header
MAX_COLUMNS = 200  # cells right of this are ignored: no porting sheet is that wide
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".tab"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})
DELIMITERS = (",", ";", "\t", "|")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# The stream name an encrypted (password-protected) OOXML file carries inside its OLE box.
ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")

SAVE_AS_XLSX = "open it in Excel and save it as .xlsx (File > Save As > Excel Workbook)"
PASSWORD_PROTECTED = (
    "password-protected workbook: remove the password in Excel "
    "(File > Info > Protect Workbook > Encrypt with Password) and try again"
)


@dataclass
class SourceTable:
    """A table as read, with enough provenance to point the user back at the cell.

    ``frame`` has object dtype and values as read (workbook cells keep their native
    type: str, int, float, datetime, bool, None; CSV cells are str, empty is "").
    Its index holds the row numbers the user sees: the 1-based Excel row, or for a CSV
    the row Excel would show when opening it. Entirely empty rows are left out, so the
    index can have gaps. Columns are header texts; blank headers become
    "Column <letter>" and repeats become "Name (2)".
    """

    frame: pd.DataFrame
    path: Path | None
    sheet: str | None  # None for CSV
    header_row: int  # 1-based
    # Cells Excel shows but the file does not hold, by column: a formula whose result was
    # never saved, a merged range. Their frame value is None; ``require`` refuses them.
    suspect: dict[str, list[Suspect]] = field(default_factory=dict)

    def locate(self, error: InputError) -> InputError:
        """Add this table's file and sheet to an error raised by the core."""
        return error.located(file=self.path.name if self.path else None, sheet=self.sheet)

    def require(self, columns: Iterable[object]) -> None:
        """Refuse when a column the command reads has suspect cells (see ``suspect``).

        Reading them as blank would turn a number into an "empty" row or let a CSR
        address be filled from the matrix: the user must fix the sheet instead.
        """
        for column in columns:
            found = self.suspect.get(str(column))
            if not found:
                continue
            kind = found[0].kind
            same = [s for s in found if s.kind == kind]
            where = ", ".join(s.where for s in same[:5]) + (" ..." if len(same) > 5 else "")
            raise self.locate(
                InputError(
                    SUSPECT_MESSAGES[kind].format(count=len(same), where=where),
                    row=same[0].row,
                    column=str(column),
                )
            )


@dataclass(frozen=True)
class Suspect:
    """One cell (or merged range) whose shown value is not in the file."""

    kind: str  # "formula" or "merged"
    row: int  # 1-based sheet row (the first row of a merged range)
    where: str  # "A3" or "A3:A4"


SUSPECT_MESSAGES = {
    "formula": (
        "{count} cell(s) hold formulas whose results were never saved ({where}): the file was "
        "written by a program, not by Excel. Open it in Excel, save it, and try again"
    ),
    "merged": (
        "merged cells ({where}): the value Excel shows belongs to the first cell only. "
        "Unmerge them (Home > Merge & Center) and put the value in every row, then try again"
    ),
}


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    alias_groups: Sequence[Sequence[str]] = (NUMBER_ALIASES,),
    max_rows: int | None = None,
) -> SourceTable:
    """Read a CSV/TXT or .xlsx/.xlsm table, finding the header under any title rows.

    ``alias_groups[0]`` names the column the header row must contain (see
    ``find_header_row``); with ``sheet=None`` a workbook's first sheet that has such a
    header is used, else its first visible sheet. ``max_rows`` limits the data rows read
    (for previews).
    """
    path = Path(path)
    kind = _classify(path)
    if kind == "text":
        return _read_text_table(path, alias_groups, max_rows)
    return _read_workbook_table(path, sheet, alias_groups, max_rows)


def read_rows(
    path: str | Path, *, sheet: str | None = None
) -> tuple[list[list[object]], str | None]:
    """Return the raw grid (row 0 = Excel row 1) and the sheet name (None for CSV).

    Trailing empty rows and cells are trimmed, so rows can have different lengths.
    A workbook's first visible sheet is used unless ``sheet`` names one.
    """
    path = Path(path)
    if _classify(path) == "text":
        encoding, text = _decode(path)
        delimiter = _detect_delimiter(text[:65536].split("\n")[:MAX_SCAN])
        try:
            grid: list[list[object]] = list(_records(text, delimiter))
        except csv.Error as exc:
            raise InputError(f"could not read this file as CSV: {exc}", file=path.name) from exc
        return _trim(grid), None
    with _workbook(path) as wb:
        ws = _named_sheet(wb, sheet, path) if sheet is not None else _visible_sheets(wb, path)[0]
        with _reading(path, ws.title):
            grid = _collect(_sheet_rows(ws), None)
        return grid, ws.title


# --- file type -------------------------------------------------------------------------


def _classify(path: Path) -> str:
    """Return "text" or "workbook", or refuse the file with the reason and the fix."""
    name = path.name
    try:
        if path.is_dir():
            raise InputError("this is a folder, not a file", file=name)
        with path.open("rb") as fh:
            head = fh.read(8)
            size = fh.seek(0, 2)
    except FileNotFoundError as exc:
        raise InputError("file not found", file=str(path)) from exc
    except PermissionError as exc:
        raise InputError(
            "cannot open the file: permission denied (is it open in another program?)", file=name
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot open the file: {exc.strerror or exc}", file=name) from exc
    suffix = path.suffix.lower()
    if size == 0:
        raise InputError("the file is empty (0 bytes)", file=name)

    if head.startswith(OLE_MAGIC):
        if ENCRYPTION_MARK in path.read_bytes():
            raise InputError(PASSWORD_PROTECTED, file=name)
        raise InputError(f"this is an old .xls file (Excel 97-2003): {SAVE_AS_XLSX}", file=name)
    if head.startswith(ZIP_MAGIC):
        return _classify_zip(path)
    if head.startswith(b"%PDF"):
        raise InputError("this is a PDF, not a spreadsheet: export the table to .xlsx", file=name)
    if suffix == ".xls":
        if head.lstrip().startswith(b"<"):
            raise InputError(
                f"this .xls file is really a web page or XML export: {SAVE_AS_XLSX}", file=name
            )
        return "text"  # many systems export tab-separated text named .xls
    if suffix in WORKBOOK_SUFFIXES:
        raise InputError(
            "this is not a valid Excel workbook (damaged, or not really an .xlsx file)", file=name
        )
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in (".ods", ".xlsb", ".numbers"):
        raise InputError(f"{suffix} files cannot be read: {SAVE_AS_XLSX}", file=name)
    raise InputError(
        f"unsupported file type '{suffix or name}': use .xlsx, .xlsm, .csv or .txt", file=name
    )


def _classify_zip(path: Path) -> str:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            f"the workbook is damaged (the zip archive cannot be opened: {exc}); "
            "open it in Excel, repair it if asked, and save it again",
            file=name,
        ) from exc
    if "xl/workbook.xml" in names:
        return "workbook"
    if "xl/workbook.bin" in names:
        raise InputError(f"this is a binary .xlsb workbook: {SAVE_AS_XLSX}", file=name)
    if b"opendocument" in mimetype:
        raise InputError(f"this is an OpenDocument spreadsheet (.ods): {SAVE_AS_XLSX}", file=name)
    if "word/document.xml" in names:
        raise InputError("this is a Word document, not a spreadsheet", file=name)
    raise InputError("this is a zip file, not an Excel workbook", file=name)


# --- CSV and text ----------------------------------------------------------------------


def _decode(path: Path) -> tuple[str, str]:
    """Return (encoding for pandas, decoded text): BOM, then UTF-16 by NULs, UTF-8, cp1252."""
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data[:4096]:
        head = data[:4096]
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if max(odd, even) < len(head) // 4:
            _refuse_zero_bytes(data, path.name)
        candidates = ["utf-16-le" if odd > even else "utf-16-be"]
    else:
        candidates = ["utf-8", "cp1252", "latin-1"]
    if not candidates[0].startswith("utf-16") and b"\x00" in data:
        _refuse_zero_bytes(data, path.name)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding, text.removeprefix("\ufeff")
    raise InputError(f"the file is not valid {candidates[0]} text", file=path.name)


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
    raise InputError(
        f"the file holds {data.count(0):,} zero byte(s) (NUL), the first on line {line}; text "
        "never contains them: export the file again, or remove them in a text editor",
        file=name,
        row=line,
    )


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


def _read_text_table(
    path: Path, alias_groups: Sequence[Sequence[str]], max_rows: int | None
) -> SourceTable:
    name = path.name
    encoding, text = _decode(path)
    if not text.strip():
        raise InputError("the file is empty", file=name)
    sample = text[:65536]
    delimiter = _detect_delimiter(sample.splitlines()[:MAX_SCAN])
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
            widths = (len(r) for r in _records(text, delimiter))
            raw = _read_csv(path, encoding, delimiter, max(widths, default=1), nrows)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError, OSError) as exc:
        raise _csv_error(exc, name) from exc

    if _blank_rows(raw.head(MAX_SCAN * 100)).all() and _blank_rows(raw).all():
        raise InputError("the file is empty: only blank lines and separators", file=name)
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
    body = body[~_blank_rows(body)]
    frame = _framed(raw.iloc[header_index].tolist(), body, blank=lambda s: _blank_rows(s).all())
    if frame.empty:
        raise InputError(
            "the file has a header row but no data rows", file=name, row=header_index + 1
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
            encoding=encoding,
            engine="c",
            quotechar='"',
            nrows=nrows,
            index_col=False,
        )


# --- workbooks -------------------------------------------------------------------------


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it (openpyxl wraps parser errors in ValueError)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


@contextlib.contextmanager
def _reading(path: Path, sheet: str | None = None) -> Iterator[None]:
    """Turn whatever a damaged or hostile workbook makes openpyxl raise into an InputError."""
    try:
        yield
    except InputError:
        raise
    except Exception as exc:  # the library raises many types for bad files; none may escape
        chain = _causes(exc)
        if any(isinstance(e, DefusedXmlException) for e in chain):
            message = (
                "refused to read this workbook: it contains XML entity declarations "
                "(a possible 'XML bomb'); save it again from Excel"
            )
        elif any(isinstance(e, KeyError) for e in chain):
            missing = next(e for e in chain if isinstance(e, KeyError))
            message = f"the workbook is incomplete or damaged (missing part {missing})"
        else:
            root = chain[-1]
            detail = (str(root).strip().splitlines() or [""])[0][:200]
            message = (
                f"the workbook is damaged and cannot be read ({type(root).__name__}: {detail})"
            )
        raise InputError(message, file=path.name, sheet=sheet) from exc


@contextlib.contextmanager
def _workbook(path: Path) -> Iterator[object]:
    """Open read-only for values (cached formula results) and always close the file."""
    with _reading(path), path.open("rb") as fh:
        wb = load_workbook(fh, read_only=True, data_only=True, keep_links=False)
        try:
            yield wb
        finally:
            wb.close()


def _visible_sheets(wb: object, path: Path) -> list:
    if not wb.worksheets:
        raise InputError("the workbook has no worksheets (it may be damaged)", file=path.name)
    sheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not sheets:
        raise InputError("the workbook has no visible worksheet", file=path.name)
    return sheets


def _named_sheet(wb: object, sheet: str, path: Path) -> object:
    """Exact name first, then Excel's rule: names compare without case."""
    by_name = {ws.title: ws for ws in wb.worksheets}
    if sheet in by_name:
        return by_name[sheet]
    folded = {title.strip().casefold(): ws for title, ws in by_name.items()}
    if sheet.strip().casefold() in folded:
        return folded[sheet.strip().casefold()]
    if sheet in wb.sheetnames:
        raise InputError(f"sheet '{sheet}' is a chart, not a table", file=path.name)
    listed = ", ".join(f"'{title}'" for title in wb.sheetnames)
    raise InputError(f"no sheet named '{sheet}'; the workbook has: {listed}", file=path.name)


def _sheet_rows(ws: object) -> Iterator[tuple]:
    """Rows as value tuples, ignoring the declared dimension (it can claim 1,048,576 rows)."""
    ws.reset_dimensions()
    for row in ws.iter_rows(values_only=True):
        yield row[:MAX_COLUMNS]


def _is_nothing(value: object) -> bool:
    """An empty cell: None, or text of nothing but spaces."""
    return value is None or (isinstance(value, str) and (not value or value.isspace()))


def _blank_rows(data: pd.DataFrame | pd.Series) -> np.ndarray:
    """Rows whose every cell is nothing; each column only checks rows still blank (fast)."""
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    blank = np.ones(len(frame), dtype=bool)
    for position in range(frame.shape[1]):
        rows = np.flatnonzero(blank)
        if not len(rows):
            break
        values = frame.iloc[:, position].to_numpy(dtype=object)[rows]
        blank[rows] = [_is_nothing(value) for value in values]
    return blank


def _is_empty(row: Iterable[object]) -> bool:
    return all(_is_nothing(value) for value in row)


def _collect(rows: Iterable[Sequence[object]], limit: int | None) -> list[list[object]]:
    """Materialize rows, trimming trailing empty cells and dropping trailing empty rows.

    Empty rows are only stored once a later row has data, so a sheet formatted down to
    row 1,048,576 costs parse time but no memory.
    """
    grid: list[list[object]] = []
    pending = 0
    for row in islice(rows, limit):
        cells = list(row)
        while cells and _is_nothing(cells[-1]):
            cells.pop()
        if not cells:
            pending += 1
            continue
        grid.extend([] for _ in range(pending))
        pending = 0
        grid.append(cells)
    return grid


def _trim(grid: list[list[object]]) -> list[list[object]]:
    return _collect(grid, None)


def _pick_sheet(wb: object, path: Path, required: Sequence[str]) -> object:
    """First visible sheet whose top rows name the required column, else the first one."""
    sheets = _visible_sheets(wb, path)
    for ws in sheets:
        with _reading(path, ws.title):
            head = _collect(_sheet_rows(ws), MAX_SCAN)
        if any(row_mentions(row, required) for row in head):
            return ws
    return sheets[0]


def _read_workbook_table(
    path: Path, sheet: str | None, alias_groups: Sequence[Sequence[str]], max_rows: int | None
) -> SourceTable:
    name = path.name
    with _workbook(path) as wb:
        ws = (
            _named_sheet(wb, sheet, path)
            if sheet is not None
            else _pick_sheet(wb, path, alias_groups[0])
        )
        title = ws.title
        with _reading(path, title):
            rows = _sheet_rows(ws)
            head = list(islice(rows, MAX_SCAN))
            top = _collect(head, None)
            if not top and not any(True for _ in islice(rows, 1)):
                raise InputError("the sheet is empty", file=name, sheet=title)
            try:
                header_index = find_header_row(top, alias_groups)
            except InputError as exc:
                raise exc.located(file=name, sheet=title) from None
            limit = None if max_rows is None else header_index + 1 + max_rows
            grid = _collect(chain(head, rows), limit)
            marks = _sheet_marks(ws)
    table = table_from_grid(grid, alias_groups=alias_groups, path=path, sheet=title)
    table.suspect = _suspects(marks, grid[table.header_row - 1], table)
    return table


# --- what a sheet shows but does not hold ------------------------------------------------

_CHUNK = 1 << 22
_CELL_OPEN = re.compile(rb"<(?:\w+:)?c\s([^>]*)>\s*$")
_CELL_CLOSE = re.compile(rb"</(?:\w+:)?c>")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_TYPE_STR = re.compile(rb'\bt="str"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')


@dataclass
class _Marks:
    """Formula cells without a saved result, and merged ranges, as 1-based (row, column)."""

    formulas: list[tuple[int, int]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def _sheet_marks(ws: object) -> _Marks:
    """Scan the sheet's XML once for what openpyxl's values cannot show.

    A value-only read returns None both for an empty cell and for a formula written by a
    program that never calculated it (Excel always saves the result), and None for every
    cell of a merged range but the first. The scan is a byte search: chunks without "<f"
    or "mergeCell" cost one ``in`` test each.
    """
    marks = _Marks()
    carry = b""
    with ws._get_source() as source:  # noqa: SLF001 - the read-only sheet's XML stream
        while True:
            chunk = source.read(_CHUNK)
            buffer = carry + chunk
            if not chunk:
                _scan(buffer, marks)
                return marks
            cut = buffer.rfind(b"row>")
            if cut < 0:
                carry = buffer
                continue
            _scan(buffer[: cut + 4], marks)
            carry = buffer[cut + 4 :]


def _scan(data: bytes, marks: _Marks) -> None:
    if b"f" in data and (b"<f" in data or b":f" in data):
        for found in _FORMULA.finditer(data):
            start = found.start()
            opening = _CELL_OPEN.search(data, max(0, start - 400), start)
            if opening is None:
                continue
            closing = _CELL_CLOSE.search(data, start)
            body = data[start : closing.start() if closing else len(data)]
            if _VALUE.search(body) or _TYPE_STR.search(opening.group(1)):
                continue  # a saved result (t="str" with <v></v> is a saved empty text)
            ref = _REF.search(opening.group(1))
            if ref is not None:
                marks.formulas.append((int(ref.group(2)), _column_number(ref.group(1))))
    if b"mergeCell" in data:
        for found in _MERGE.finditer(data):
            first_col, first_row, last_col, last_row = found.groups()
            last_col, last_row = last_col or first_col, last_row or first_row
            top, bottom = sorted((int(first_row), int(last_row)))
            left, right = sorted((_column_number(first_col), _column_number(last_col)))
            if (top, left) != (bottom, right):
                marks.merged.append((top, left, bottom, right))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _suspects(
    marks: _Marks, header: Sequence[object], table: SourceTable
) -> dict[str, list[Suspect]]:
    """The marks below the header, by the table's column names."""
    names = header_names(list(header) + [None] * MAX_COLUMNS)
    kept = {str(c) for c in table.frame.columns}
    found: dict[str, list[Suspect]] = {}

    def add(column: int, suspect: Suspect) -> None:
        if column <= MAX_COLUMNS and names[column - 1] in kept:
            found.setdefault(names[column - 1], []).append(suspect)

    for row, column in sorted(marks.formulas):
        if row > table.header_row:
            add(column, Suspect("formula", row, f"{get_column_letter(column)}{row}"))
    for top, left, bottom, right in sorted(marks.merged):
        if bottom <= table.header_row:
            continue  # a title or a header spread over cells: nothing is lost
        ref = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
        for column in range(left, min(right, MAX_COLUMNS) + 1):
            add(column, Suspect("merged", top, ref))
    return found


def table_from_grid(
    grid: Sequence[Sequence[object]],
    *,
    alias_groups: Sequence[Sequence[str]] = (NUMBER_ALIASES,),
    path: Path | None = None,
    sheet: str | None = None,
) -> SourceTable:
    """A sheet's values (row 0 = Excel row 1) as a table, by the same rules as a file.

    The Excel shells read a sheet's used range in one call and hand the grid here, so a
    ribbon button and the command line see the same header, columns and row numbers.
    """
    name = path.name if path else None
    grid = _collect(grid, None)
    if not grid:
        raise InputError("the sheet is empty", file=name, sheet=sheet)
    try:
        header_index = find_header_row(grid[:MAX_SCAN], alias_groups)
    except InputError as exc:
        raise exc.located(file=name, sheet=sheet) from None
    header = grid[header_index]
    numbered = [
        (header_index + 2 + i, row)
        for i, row in enumerate(grid[header_index + 1 :])
        if not _is_empty(row)
    ]
    width = max([len(header), *(len(row) for _, row in numbered)])
    body = pd.DataFrame(
        [list(row) + [None] * (width - len(row)) for _, row in numbered],
        index=pd.Index([number for number, _ in numbered], dtype="int64"),
        columns=range(width),
        dtype=object,
    )
    cells = list(header) + [None] * (width - len(header))
    frame = _framed(cells, body, blank=lambda s: _blank_rows(s).all())
    if frame.empty:
        raise InputError(
            "the sheet has a header row but no data rows",
            file=name,
            sheet=sheet,
            row=header_index + 1,
        )
    return SourceTable(frame=frame, path=path, sheet=sheet, header_row=header_index + 1)


# --- shared ----------------------------------------------------------------------------


def column_positions(header: Sequence[object]) -> dict[str, int]:
    """The 1-based sheet column of each column name that ``table_from_grid`` gives."""
    return {name: i for i, name in enumerate(header_names(header), start=1)}


def header_names(cells: Sequence[object]) -> list[str]:
    """Header texts; blank ones named after their column letter; repeats numbered."""
    names: list[str] = []
    seen: set[str] = set()
    for position, cell in enumerate(cells, start=1):
        text = "" if cell is None else " ".join(str(cell).split())
        if not text:
            text = f"Column {get_column_letter(position)}"
        candidate, count = text, 1
        while candidate.casefold() in seen:
            count += 1
            candidate = f"{text} ({count})"
        seen.add(candidate.casefold())
        names.append(candidate)
    return names


def _framed(header: Sequence[object], body: pd.DataFrame, *, blank) -> pd.DataFrame:
    """Name the columns, drop unnamed columns that hold nothing, index rows by row number."""
    blank_header = [cell is None or not str(cell).strip() for cell in header]
    keep = [
        position
        for position in range(len(header))
        if not (blank_header[position] and blank(body.iloc[:, position]))
    ]
    names = header_names(header)
    frame = body.iloc[:, keep].astype(object)
    frame.columns = [names[position] for position in keep]
    frame.index = pd.Index(frame.index.to_numpy(), name="row")
    return frame
