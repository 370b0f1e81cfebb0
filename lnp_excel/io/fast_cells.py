"""The data rows of plain sheets as worksheet XML, built a column at a time (issue 14).

XlsxWriter spends about 10 microseconds a cell in Python; a 20,000-number plan has
250,000 cells. For a sheet whose columns are plain (text, numbers, dates, booleans; no
per-cell fill), ``write_workbook`` lets XlsxWriter write everything but the data rows
(styles, column formats, the table, conditional fills, notes, print setup), then
``splice`` puts the rows in: each column's cells are made with vectorized string
operations, each cell styled as its column (the ``style`` XlsxWriter gave the column in
``<cols>``), text as inline strings, exactly as SpreadsheetML defines them. Values are
typed as ``write_workbook``'s own cell writer types them; a test compares the two.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from lnp_excel.io.source_table import column_letter

_EPOCH = pd.Timestamp("1899-12-30")
_TEXT_KINDS = {str}
_NUMBER_KINDS = {int, float}
# SpreadsheetML's own escapes, as XlsxWriter writes them (xmlwriter.py,
# ``_escape_control_characters``): a literal "_xHHHH_" gets its "_" escaped as "_x005F_"
# (else Excel reads it as the escape), and every control character but tab and line feed
# (carriage return included: XML would read it back as a line feed) becomes "_xHHHH_".
_LITERAL_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_NEEDS_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_EXCEL_TEXT_LIMIT = 32_767
_MAX_EXACT = 10**15  # integers beyond Excel's 15 digits stay text, every digit kept
EXCEL_LARGEST = 9.99999999999999e307  # the largest number a cell holds


def plain(frame: pd.DataFrame) -> bool:
    """True when every column is one kind this module writes: text, numbers, booleans
    (each with blanks), or datetime64."""
    return all(_kind(frame.iloc[:, i]) is not None for i in range(frame.shape[1]))


def _kind(column: pd.Series) -> str | None:
    """The column's kind from its dtype; only object columns need a look at the values."""
    dtype = column.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date"
    if isinstance(dtype, pd.CategoricalDtype):
        categories = column.cat.categories
        return "text" if all(type(v) is str for v in categories) else None
    if isinstance(dtype, pd.StringDtype):
        return "text"
    if pd.api.types.is_bool_dtype(dtype):
        return "bool" if dtype.kind == "b" else None
    if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_float_dtype(dtype):
        return "number" if dtype.kind in "iuf" else None
    kinds = {type(v) for v in column.tolist()} - {type(None)}
    if not kinds - _TEXT_KINDS - {float} and (str in kinds or not kinds):
        # text with blanks (pandas' missing text is NaN)
        if float in kinds and column.map(_real_float).any():
            return None
        return "text"
    if kinds <= _NUMBER_KINDS:
        return "number"
    if kinds == {bool}:
        return "bool"
    return None


def _real_float(value: object) -> bool:
    return isinstance(value, float) and value == value


def splice(path: Path, sheets: Sequence[tuple[int, pd.DataFrame]]) -> None:
    """Put the data rows of ``sheets`` (position in the workbook, frame) into the
    workbook XlsxWriter wrote at ``path``, in place; a table XlsxWriter was given over the
    header and one row (``TABLE_ROWS``) is stretched over every row."""
    if not sheets:
        return
    frames = {f"xl/worksheets/sheet{position + 1}.xml": frame for position, frame in sheets}
    temp = path.with_name(path.name + ".cells")
    try:
        with zipfile.ZipFile(path) as source:
            tables = _tables(source, frames)
            with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    data = source.read(info.filename)
                    level = None
                    if info.filename in frames:
                        data = _with_rows(data.decode("utf-8"), frames[info.filename]).encode()
                        level = 1  # zlib's fastest: 3x faster than 6, a slightly bigger file
                    elif info.filename in tables:
                        data = _stretched(data.decode("utf-8"), tables[info.filename]).encode()
                    target.writestr(info, data, zipfile.ZIP_DEFLATED, level)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


TABLE_ROWS = 1  # data rows a spliced sheet's table is first given (XlsxWriter checks each cell)


def _tables(source: zipfile.ZipFile, frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Table parts of the spliced sheets, with the last row each must reach."""
    found = {}
    names = set(source.namelist())
    for sheet, frame in frames.items():
        rels = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if rels not in names:
            continue
        for target in re.findall(
            r'Target="\.\./tables/(table\d+\.xml)"', source.read(rels).decode()
        ):
            found[f"xl/tables/{target}"] = len(frame) + 1
    return found


def _stretched(xml: str, last_row: int) -> str:
    return re.sub(r'ref="([A-Z]+\d+):([A-Z]+)\d+"', rf'ref="\1:\g<2>{last_row}"', xml)


def _with_rows(xml: str, frame: pd.DataFrame) -> str:
    """The worksheet XML with the frame's rows (Excel rows 2..) merged into sheetData."""
    styles = {  # XlsxWriter joins neighbours alike into one <col min= max=>
        column: m.group(3)
        for m in re.finditer(r'<col min="(\d+)" max="(\d+)"[^>]*?style="(\d+)"', xml)
        for column in range(int(m.group(1)), int(m.group(2)) + 1)
    }
    rows = len(frame)
    numbers = np.arange(2, rows + 2).astype(str).astype(object)
    columns = [
        _column_cells(frame.iloc[:, i], column_letter(i + 1), numbers, styles.get(i + 1)).tolist()
        for i in range(frame.shape[1])
    ]
    cells = list(map("".join, zip(*columns, strict=True))) if columns else [""] * rows
    start = xml.index("<sheetData")
    end = xml.index("</sheetData>") if "</sheetData>" in xml else -1
    existing = {} if end < 0 else _rows(xml[xml.index(">", start) + 1 : end])
    body = [f'<row r="{n}">{c}</row>' for n, c in zip(numbers.tolist(), cells, strict=True)]
    for number, (attributes, content) in existing.items():
        if 2 <= number <= rows + 1:  # a row height, notes beside the table: kept
            index = number - 2
            body[index] = f'<row r="{number}"{attributes}>{cells[index]}{content}</row>'
    before = [f'<row r="{n}"{a}>{c}</row>' for n, (a, c) in existing.items() if n < 2]
    after = [f'<row r="{n}"{a}>{c}</row>' for n, (a, c) in existing.items() if n > rows + 1]
    data = "<sheetData>" + "".join(before) + "".join(body) + "".join(after) + "</sheetData>"
    close = end + len("</sheetData>") if end >= 0 else xml.index("/>", start) + 2
    xml = xml[:start] + data + xml[close:]
    return _dimension(xml, rows + 1, frame.shape[1])


def _rows(sheet_data: str) -> dict[int, tuple[str, str]]:
    """The rows XlsxWriter wrote (header, notes, row heights) by Excel row number: their
    attributes (less ``spans``, a hint that merging would make wrong) and cells."""
    found = re.finditer(r'<row r="(\d+)"([^>]*?)(?:/>|>(.*?)</row>)', sheet_data, re.S)
    return {
        int(m.group(1)): (re.sub(r' spans="[^"]*"', "", m.group(2)), m.group(3) or "")
        for m in found
    }


def _dimension(xml: str, last_row: int, width: int) -> str:
    match = re.search(r'<dimension ref="([A-Z]+)?(\d+)?:?([A-Z]+)?(\d+)?"/>', xml)
    if match is None or width == 0:
        return xml
    ref = match.group(0)
    old_last_row = int(match.group(4) or match.group(2) or 1)
    old_last_column = match.group(3) or match.group(1) or "A"
    # Column letters order as (length, text): no letters-to-number (openpyxl is not loaded).
    last_column = max(old_last_column, column_letter(width), key=lambda s: (len(s), s))
    new = f'<dimension ref="A1:{last_column}{max(old_last_row, last_row)}"/>'
    return xml.replace(ref, new, 1)


def _column_cells(column: pd.Series, letter: str, numbers, style: str | None) -> np.ndarray:
    """One column's cells as XML strings ("" for a blank), typed by the column's kind."""
    kind = _kind(column)
    attributes = f' s="{style}"' if style else ""
    start = f'<c r="{letter}'
    if kind == "date":
        values = column
        if getattr(values.dt, "tz", None) is not None:
            values = values.dt.tz_localize(None)
        serials = ((values - _EPOCH) / pd.Timedelta(days=1)).to_numpy(dtype=float)
        return _numbers(serials, start, numbers, attributes)
    if kind == "number" and column.dtype.kind in "iu":
        ints = column.to_numpy()
        big = np.abs(ints.astype(float)) >= _MAX_EXACT
        out = np.full(len(ints), "", dtype=object)
        shown = ints.astype(str).astype(object)
        small = ~big
        out[small] = start + numbers[small] + '"' + attributes + "><v>" + shown[small] + "</v></c>"
        if big.any():
            out[big] = _texts(np.where(big, shown, None), start, numbers, attributes)[big]
        return out
    raw = column.astype(object).to_numpy()
    if kind == "number":
        present = np.array([v is not None and v == v for v in raw], dtype=bool)
        big = np.array([_as_text_number(v) for v in raw], dtype=bool)
        floats = np.where(present & ~big, raw, np.nan).astype(float)
        shown = _numbers(floats, start, numbers, attributes, present & ~big)
        if big.any():
            shown[big] = _texts(np.where(big, raw.astype(str), None), start, numbers, attributes)[
                big
            ]
        return shown
    if kind == "bool":
        out = np.full(len(raw), "", dtype=object)
        present = np.array([v is not None for v in raw], dtype=bool)
        flags = np.where(raw == True, "1", "0").astype(object)  # noqa: E712 - elementwise
        out[present] = (
            start + numbers[present] + '"' + attributes + ' t="b"><v>' + flags[present] + "</v></c>"
        )
        return out
    return _texts(raw, start, numbers, attributes)


def _as_text_number(value: object) -> bool:
    """Integers beyond 15 digits (every digit kept) and numbers no cell holds (inf, or
    past Excel's largest: written, they read back as 'inf' and the file will not open)."""
    if type(value) is int:
        return abs(value) >= _MAX_EXACT
    return isinstance(value, float) and abs(value) > EXCEL_LARGEST


def _numbers(values: np.ndarray, start: str, numbers, attributes: str, present=None):
    out = np.full(len(values), "", dtype=object)
    if present is None:
        present = ~np.isnan(values)
    shown = [_number_text(v) for v in values[present].tolist()]
    out[present] = (
        start
        + numbers[present]
        + '"'
        + attributes
        + "><v>"
        + np.array(shown, dtype=object)
        + "</v></c>"
    )
    return out


def _number_text(value: float) -> str:
    """Integral values without a decimal point, others to 17 significant digits."""
    if value.is_integer() and abs(value) < _MAX_EXACT:
        return str(int(value))
    return repr(value)


def _texts(values: np.ndarray, start: str, numbers, attributes: str) -> np.ndarray:
    """Inline strings; blanks and empty strings stay empty cells, as XlsxWriter leaves them."""
    out = np.full(len(values), "", dtype=object)
    present = pd.notna(values) & (values != "")
    texts = values[present].tolist()
    joined = "\n".join(texts)
    if _NEEDS_ESCAPE.search(joined) or max(map(len, texts), default=0) > _EXCEL_TEXT_LIMIT:
        texts = [_legal(t) for t in texts]
        joined = "\n".join(texts)
    if "&" in joined or "<" in joined or ">" in joined:
        texts = [escape(t) for t in texts]
    body = np.array(texts, dtype=object)
    middle = '"' + attributes + ' t="inlineStr"><is><t'
    edges = set(map(itemgetter(0), texts)) | set(map(itemgetter(-1), texts))
    if any(ch.isspace() for ch in edges):  # only then look at each text
        spaced = np.array([t[:1].isspace() or t[-1:].isspace() for t in texts], dtype=bool)
        body = np.where(spaced, ' xml:space="preserve">', ">").astype(object) + body
    else:
        middle += ">"
    out[present] = [
        f"{start}{n}{middle}{t}</t></is></c>"
        for n, t in zip(numbers[present].tolist(), body.tolist(), strict=True)
    ]
    return out


def _legal(text: str) -> str:
    """The text as XlsxWriter stores it: cut to Excel's 32,767 characters (the readers
    refuse longer cells, so only text made by code gets here), then escaped as
    SpreadsheetML escapes (``_LITERAL_ESCAPE``, ``_CONTROL``): it reads back as written."""
    text = _LITERAL_ESCAPE.sub(r"_x005F\1", text[:_EXCEL_TEXT_LIMIT])
    return _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
