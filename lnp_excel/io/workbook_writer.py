"""Results as Excel workbooks: a native table per sheet with a frozen header, sensible
widths, typed cells (text stays text, dates are dates, money is money), fills, notes
and a native chart; written atomically like every file."""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from lnp_excel.core.errors import InputError
from lnp_excel.io.source_table import header_names
from lnp_excel.io.writers import atomic_write

TABLE_STYLE = "Table Style Medium 2"
MAX_WIDTH = 60
MONEY_WORDS = ("cost", "price")  # column names that hold money (currency format)
MONEY_FORMAT = '"$"#,##0.00'
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm:ss"
CHART_KINDS = ("column", "bar", "pie", "line")
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
_EPOCH = pd.Timestamp("1899-12-30")


@dataclass
class ChartSpec:
    """A native Excel chart over the sheet's table (pie charts use the first value column)."""

    kind: str  # "column", "bar", "pie" or "line"
    title: str
    categories_column: str
    value_columns: Sequence[str]


@dataclass
class SheetSpec:
    """One sheet: a frame written as an Excel table, with optional fills, chart and notes.

    ``highlight`` maps (row position in ``frame``, column name) to a fill colour such as
    "#FFC7CE". ``notes`` are written one per row to the right of the table, one blank
    column away: a line of text, or a (label, value) pair whose value gets its own cell,
    typed (dates as dates, Decimal as money) so a reader can compute with it. A chart goes
    below the notes (or at the top), in that column.
    """

    name: str
    frame: pd.DataFrame
    highlight: Mapping[tuple[int, str], str] | None = None
    chart: ChartSpec | None = None
    as_table: bool = True
    notes: Sequence[str | tuple[str, object]] = ()


def write_workbook(
    path: str | Path,
    sheets: Sequence[SheetSpec],
    *,
    protect: str | Path | None = None,
    overwrite: bool = False,
) -> Path:
    """Write sheets as native Excel tables with XlsxWriter, atomically."""
    for spec in sheets:
        rows, columns = spec.frame.shape
        if rows + 1 > EXCEL_MAX_ROWS or columns > EXCEL_MAX_COLUMNS:
            raise InputError(
                f"too much data for one Excel sheet: {rows:,} rows x {columns:,} columns "
                f"(Excel allows {EXCEL_MAX_ROWS - 1:,} rows below the header); "
                "split the input or write CSV",
                sheet=spec.name,
            )
        _check_chart(spec)

    def write(temp: Path) -> None:
        workbook = xlsxwriter.Workbook(
            str(temp),
            {
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "nan_inf_to_errors": True,
                "remove_timezone": True,
                "constant_memory": False,
            },
        )
        try:
            _SheetWriter.write_all(workbook, sheets)
        finally:
            try:
                workbook.close()
            except XlsxWriterException as exc:
                raise OSError(str(exc)) from exc

    return atomic_write(path, write, protect=protect, overwrite=overwrite)


def _check_chart(spec: SheetSpec) -> None:
    """Chart specs come from code, not users: a wrong one is a bug (ValueError)."""
    chart = spec.chart
    if chart is None:
        return
    if chart.kind not in CHART_KINDS:
        raise ValueError(f"chart kind {chart.kind!r} is not one of {CHART_KINDS}")
    names = [str(c) for c in spec.frame.columns]
    for column in (chart.categories_column, *chart.value_columns):
        if column not in names:
            raise ValueError(f"chart column {column!r} is not in sheet {spec.name!r}")
    if not chart.value_columns:
        raise ValueError("a chart needs at least one value column")


def safe_sheet_name(name: str, taken: set[str] | None = None) -> str:
    """Excel's rules: 1-31 chars, none of []:*?/\\, no leading/trailing apostrophe, unique."""
    text = "".join("_" if ch in "[]:*?/\\" or ord(ch) < 32 else ch for ch in str(name))
    text = text.strip().strip("'").strip() or "Sheet"
    if text.casefold() == "history":  # reserved by Excel
        text += "_"
    text = text[:31]
    taken = taken if taken is not None else set()
    candidate, count = text, 1
    while candidate.casefold() in taken:
        count += 1
        suffix = f" ({count})"
        candidate = text[: 31 - len(suffix)].rstrip() + suffix
    taken.add(candidate.casefold())
    return candidate


def _table_name(sheet: str, taken: set[str]) -> str:
    """A valid, unique Excel table name: ASCII word characters, never a cell reference."""
    base = "tbl_" + (re.sub(r"[^A-Za-z0-9_]+", "_", sheet).strip("_") or "data")
    candidate, count = base[:250], 1
    while candidate.casefold() in taken:
        count += 1
        candidate = f"{base[:240]}_{count}"
    taken.add(candidate.casefold())
    return candidate


class _SheetWriter:
    """Writes one SheetSpec; formats are cached per workbook by (number format, fill)."""

    def __init__(self, workbook: xlsxwriter.Workbook, formats: dict) -> None:
        self.workbook = workbook
        self.formats = formats

    @classmethod
    def write_all(cls, workbook: xlsxwriter.Workbook, sheets: Sequence[SheetSpec]) -> None:
        writer = cls(workbook, {})
        sheet_names: set[str] = set()
        table_names: set[str] = set()
        for spec in sheets:
            writer.write(spec, safe_sheet_name(spec.name, sheet_names), table_names)

    def fmt(self, num_format: str | None = None, fill: str | None = None, bold: bool = False):
        key = (num_format, fill, bold)
        if key not in self.formats:
            props: dict[str, object] = {}
            if num_format:
                props["num_format"] = num_format
            if fill:
                props["bg_color"] = fill
                props["pattern"] = 1
            if bold:
                props["bold"] = True
            self.formats[key] = self.workbook.add_format(props) if props else None
        return self.formats[key]

    def write(self, spec: SheetSpec, name: str, table_names: set[str]) -> None:
        ws = self.workbook.add_worksheet(name)
        frame = spec.frame
        rows, width = frame.shape
        headers = header_names(list(frame.columns))
        fills = self._fills(spec, headers)
        for col, header in enumerate(headers):
            money = any(word in header.casefold() for word in MONEY_WORDS)
            longest = self._write_column(ws, col, frame.iloc[:, col], money, fills.get(col, {}))
            ws.set_column(col, col, min(MAX_WIDTH, max(len(header) + 4, longest + 2, 8)))
        if width:
            if spec.as_table and rows:
                ws.add_table(
                    0,
                    0,
                    rows,
                    width - 1,
                    {
                        "name": _table_name(name, table_names),
                        "style": TABLE_STYLE,
                        "columns": [{"header": h} for h in headers],
                    },
                )
            else:
                bold = self.fmt(bold=True)
                for col, header in enumerate(headers):
                    ws.write_string(0, col, header, bold)
            ws.freeze_panes(1, 0)
        side = width + 1 if width else 0
        self._write_notes(ws, side, spec.notes)
        if spec.chart is not None and rows:
            chart_row = len(spec.notes) + 1 if spec.notes else 1
            ws.insert_chart(chart_row, side, self._chart(spec.chart, name, headers, frame, rows))

    def _write_notes(self, ws, side: int, notes: Sequence[str | tuple[str, object]]) -> None:
        """Lines in column ``side``; a (label, value) pair puts its typed value beside it."""
        labels, values = [], []
        for row, note in enumerate(notes):
            label, *value = (note,) if isinstance(note, str) else note
            ws.write_string(row, side, str(label))
            labels.append(str(label))
            if value and not _missing(value[0]):
                self._write_typed(ws, row, side + 1, value[0], None, None, None)
                values.append(_display_width(value[0], isinstance(value[0], Decimal)))
        if labels:
            ws.set_column(side, side, min(MAX_WIDTH, max(max(map(len, labels)) + 2, 10)))
        if values:
            ws.set_column(side + 1, side + 1, min(MAX_WIDTH, max(max(values) + 2, 12)))

    @staticmethod
    def _fills(spec: SheetSpec, headers: list[str]) -> dict[int, dict[int, str]]:
        """Highlights by column position then row position; unknown cells are a bug."""
        fills: dict[int, dict[int, str]] = {}
        if not spec.highlight:
            return fills
        positions = {str(c): i for i, c in enumerate(spec.frame.columns)}
        rows = len(spec.frame)
        for (row, column), colour in spec.highlight.items():
            if str(column) not in positions or not 0 <= row < rows:
                raise ValueError(
                    f"highlight cell ({row}, {column!r}) is outside sheet {spec.name!r}"
                )
            fills.setdefault(positions[str(column)], {})[row] = colour
        return fills

    def _chart(self, chart: ChartSpec, sheet: str, headers: list[str], frame, rows: int):
        names = [str(c) for c in frame.columns]
        category = names.index(chart.categories_column)
        excel_chart = self.workbook.add_chart({"type": chart.kind})
        values = list(chart.value_columns)[:1] if chart.kind == "pie" else chart.value_columns
        for value in values:
            col = names.index(value)
            series: dict[str, object] = {
                "name": [sheet, 0, col],
                "categories": [sheet, 1, category, rows, category],
                "values": [sheet, 1, col, rows, col],
            }
            if chart.kind == "pie":
                series["data_labels"] = {"percentage": True}
            excel_chart.add_series(series)
        excel_chart.set_title({"name": chart.title})
        if len(values) == 1 and chart.kind != "pie":
            excel_chart.set_legend({"none": True})
        return excel_chart

    def _write_column(self, ws, col: int, column: pd.Series, money: bool, fills: dict) -> int:
        """Write one column below the header; return the display width of a sample."""
        if pd.api.types.is_datetime64_any_dtype(column.dtype):
            return self._write_datetimes(ws, col, column, fills)
        return self._write_values(ws, col, column.astype(object).tolist(), money, fills)

    def _write_datetimes(self, ws, col: int, column: pd.Series, fills: dict) -> int:
        """Vectorized: Excel serial numbers with a date (or date-time) format."""
        if getattr(column.dt, "tz", None) is not None:
            column = column.dt.tz_localize(None)
        present = column.dropna()
        dates_only = bool((present == present.dt.normalize()).all())
        number_format = DATE_FORMAT if dates_only else DATETIME_FORMAT
        serials = ((column - _EPOCH) / pd.Timedelta(days=1)).tolist()
        base = self.fmt(number_format)
        for row, serial in enumerate(serials):
            fill = fills.get(row)
            cell_format = self.fmt(number_format, fill) if fill else base
            if serial == serial:  # not NaT
                ws.write_number(row + 1, col, serial, cell_format)
            elif fill:
                ws.write_blank(row + 1, col, None, cell_format)
        return len(number_format)

    def _write_values(self, ws, col: int, values: list, money: bool, fills: dict) -> int:
        """Dispatch on each value's type: text stays text, numbers and dates stay typed.

        Columns of only text or only plain numbers take a tight loop: XlsxWriter itself
        costs about 5 microseconds a cell, so any overhead of ours shows on 100k rows.
        """
        number_format = MONEY_FORMAT if money else None
        plain = self.fmt(number_format)
        step = max(1, len(values) // 1000)
        sample = [v for v in values[:200] + values[200::step] if not _missing(v)]
        longest = max((_display_width(v, money) for v in sample), default=0)
        kinds = set(map(type, values))
        if not fills and kinds <= {str, type(None)}:
            write_string = ws.write_string
            for r, value in enumerate(values, start=1):
                if value is not None:
                    write_string(r, col, value)
            return longest
        if not fills and kinds <= {int, float, type(None)}:
            write_number = ws.write_number
            for r, value in enumerate(values, start=1):
                if value is None or value != value:  # None or NaN: leave blank
                    continue
                if type(value) is int and abs(value) >= 10**15:
                    ws.write_string(r, col, str(value))  # beyond Excel's 15 digits
                else:
                    write_number(r, col, value, plain)
            return longest
        for row, value in enumerate(values):
            r = row + 1
            fill = fills.get(row) if fills else None
            if type(value) is str:
                ws.write_string(r, col, value, self.fmt(None, fill) if fill else None)
            elif _missing(value):
                if fill:
                    ws.write_blank(r, col, None, self.fmt(None, fill))
            elif isinstance(value, bool | Decimal | numbers.Number | dt.date | dt.time):
                self._write_typed(ws, r, col, value, number_format, fill, plain)
            else:
                ws.write_string(r, col, str(value), self.fmt(None, fill) if fill else None)
        return longest

    def _write_typed(self, ws, r, col, value, number_format, fill, plain) -> None:
        if isinstance(value, bool):
            ws.write_boolean(r, col, value, self.fmt(None, fill) if fill else None)
        elif isinstance(value, Decimal):
            ws.write_number(r, col, float(value), self.fmt(MONEY_FORMAT, fill))
        elif isinstance(value, numbers.Integral):
            if abs(int(value)) >= 10**15:  # beyond Excel's 15 digits: keep every digit
                ws.write_string(r, col, str(value), self.fmt(None, fill) if fill else None)
            else:
                ws.write_number(
                    r, col, int(value), self.fmt(number_format, fill) if fill else plain
                )
        elif isinstance(value, numbers.Real):
            number = float(value)
            if math.isnan(number):
                if fill:
                    ws.write_blank(r, col, None, self.fmt(None, fill))
                return
            ws.write_number(r, col, number, self.fmt(number_format, fill) if fill else plain)
        elif isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.replace(tzinfo=None)
            timed = value.time() != dt.time(0)
            ws.write_datetime(
                r, col, value, self.fmt(DATETIME_FORMAT if timed else DATE_FORMAT, fill)
            )
        elif isinstance(value, dt.date):
            ws.write_datetime(r, col, value, self.fmt(DATE_FORMAT, fill))
        elif isinstance(value, dt.time):
            ws.write_datetime(r, col, value, self.fmt(TIME_FORMAT, fill))
        else:  # complex and other exotic numbers
            ws.write_string(r, col, str(value), self.fmt(None, fill) if fill else None)


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


def _display_width(value: object, money: bool) -> int:
    if isinstance(value, str):
        return max((len(line) for line in value.split("\n")), default=0)
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float | Decimal) and money:
        return len(f"${float(value):,.2f}")
    return len(str(value))
