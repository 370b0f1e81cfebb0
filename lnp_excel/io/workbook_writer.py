"""Results as Excel workbooks: a native table per sheet with a frozen header, widths,
number formats and wrap from the sheet's one description (``sheet_layout``, X4), typed
cells (text stays text, dates are dates, money is money), fills, notes, a native chart,
and a print setup (``SheetLayout.printing``: landscape legal, header row on every page, a
wide sheet on several pages across with its first column on each); written atomically.

Speed: XlsxWriter costs about 10 microseconds a cell. A sheet of plain columns (text,
numbers, dates; no per-cell fill, no chart) gets its data rows from ``fast_cells``
(vectorized, a tenth of that), spliced into the file XlsxWriter wrote with everything
else: styles, the table, column formats, conditional fills, print setup.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from lnp_excel.core.errors import TOO_MUCH_DATA, InputError
from lnp_excel.io import fast_cells
from lnp_excel.io.fast_cells import EXCEL_LARGEST
from lnp_excel.io.sheet_layout import (
    CHART_KINDS,
    DATE_FORMAT,
    DATETIME_FORMAT,
    HEADER_FILL,
    MAX_WIDTH,
    MONEY_FORMAT,
    TABLE_STYLE,
    TIME_FORMAT,
    ChartSpec,
    ColumnLayout,
    PrintSetup,
    SheetLayout,
    SheetSpec,
    missing,
    sheet_layout,
    table_base_name,
    value_cells,
)
from lnp_excel.io.writers import Protected, atomic_write

__all__ = [
    "DATE_FORMAT",
    "EXCEL_MAX_COLUMNS",
    "EXCEL_MAX_ROWS",
    "MAX_WIDTH",
    "ChartSpec",
    "SheetSpec",
    "safe_sheet_name",
    "write_workbook",
]

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
_EPOCH = pd.Timestamp("1899-12-30")


def write_workbook(
    path: str | Path,
    sheets: Sequence[SheetSpec],
    *,
    protect: Protected = None,
    overwrite: bool = False,
) -> Path:
    """Write sheets as native Excel tables with XlsxWriter, atomically."""
    for spec in sheets:
        rows, columns = spec.frame.shape
        if rows + 1 > EXCEL_MAX_ROWS or columns > EXCEL_MAX_COLUMNS:
            raise InputError(
                f"too much data for one Excel sheet: {rows:,} rows x {columns:,} columns "
                f"(Excel allows {EXCEL_MAX_ROWS - 1:,} rows below the header and "
                f"{EXCEL_MAX_COLUMNS:,} columns); split the input or write CSV",
                kind=TOO_MUCH_DATA,  # the command names its input (issue 18 item 18)
            )
        _check_chart(spec)
        value_cells(spec)  # a fill outside the sheet is a bug: fail before writing
    layouts = [sheet_layout(spec) for spec in sheets]

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
                "in_memory": True,  # no scratch file per part
            },
        )
        try:
            spliced = _SheetWriter.write_all(workbook, sheets, layouts)
        finally:
            try:
                workbook.close()
            except XlsxWriterException as exc:
                raise OSError(str(exc)) from exc
        fast_cells.splice(temp, spliced)

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
    base = table_base_name(sheet)
    candidate, count = base[:250], 1
    while candidate.casefold() in taken:
        count += 1
        candidate = f"{base[:240]}_{count}"
    taken.add(candidate.casefold())
    return candidate


class _SheetWriter:
    """Writes one SheetSpec; formats are cached per workbook by their properties."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.workbook = workbook
        self.formats: dict[tuple, object] = {}

    @classmethod
    def write_all(
        cls, workbook: xlsxwriter.Workbook, sheets: Sequence[SheetSpec], layouts
    ) -> list[tuple[int, pd.DataFrame]]:
        """Write every sheet; return (sheet position, frame) of those left to splice."""
        writer = cls(workbook)
        sheet_names: set[str] = set()
        table_names: set[str] = set()
        spliced = []
        for position, (spec, layout) in enumerate(zip(sheets, layouts, strict=True)):
            name = safe_sheet_name(spec.name, sheet_names)
            if writer.write(spec, layout, name, table_names):
                spliced.append((position, spec.frame))
        return spliced

    def fmt(
        self,
        num_format: str | None = None,
        fill: str | None = None,
        bold: bool = False,
        wrap: bool = False,
    ):
        key = (num_format, fill, bold, wrap)
        if key not in self.formats:
            props: dict[str, object] = {}
            if num_format:
                props["num_format"] = num_format
            if fill:
                props["bg_color"] = fill
                props["pattern"] = 1
            if bold:
                props["bold"] = True
            if wrap:
                props["text_wrap"] = True
            self.formats[key] = self.workbook.add_format(props) if props else None
        return self.formats[key]

    def write(self, spec: SheetSpec, layout: SheetLayout, name: str, tables: set[str]) -> bool:
        """Write one sheet; True when its data rows are left to ``fast_cells``."""
        ws = self.workbook.add_worksheet(name)
        frame = spec.frame
        rows, width = frame.shape
        headers = [c.name for c in layout.columns]
        for col, column in enumerate(layout.columns):
            ws.set_column(col, col, column.width, self.fmt(column.number_format, wrap=column.wrap))
        fast = not spec.highlight and spec.chart is None and fast_cells.plain(frame)
        if not fast:
            fills = self._fills(spec)
            for col, column in enumerate(layout.columns):
                self._write_column(ws, col, frame.iloc[:, col], column, fills.get(col, {}))
        if width:
            if layout.table:
                ws.add_table(
                    0,
                    0,
                    min(rows, fast_cells.TABLE_ROWS) if fast else rows,
                    width - 1,
                    {
                        "name": _table_name(name, tables),
                        "style": TABLE_STYLE,
                        "columns": [{"header": h, "header_format": self.header()} for h in headers],
                    },
                )
            else:
                for col, header in enumerate(headers):
                    ws.write_string(0, col, header, self.header())
            ws.freeze_panes(1, 0)
            ws.repeat_rows(0)
        for row, height in layout.row_heights:
            ws.set_row(row, height)
        _print_setup(ws, layout.printing)
        self._value_fills(ws, spec, rows)
        self._write_notes(ws, layout, spec.notes)
        if layout.chart is not None:
            chart = self._chart(layout.chart, name, headers, rows)
            ws.insert_chart(*layout.chart_cell, chart)
        return fast

    def header(self):
        """The header cells' look, as the buttons give it (white bold on dark blue)."""
        if "header" not in self.formats:
            self.formats["header"] = self.workbook.add_format(
                {"bold": True, "font_color": "#FFFFFF", "bg_color": HEADER_FILL, "pattern": 1}
            )
        return self.formats["header"]

    def _value_fills(self, ws, spec: SheetSpec, rows: int) -> None:
        """A conditional format per (column, value): the colour follows the value."""
        if not rows:
            return
        positions = {str(c): i for i, c in enumerate(spec.frame.columns)}
        for column, fills in spec.value_fills.items():
            col = positions[str(column)]
            for value, colour in fills.items():
                literal = '"' + str(value).replace('"', '""') + '"'
                ws.conditional_format(
                    1,
                    col,
                    rows,
                    col,
                    {
                        "type": "cell",
                        "criteria": "==",
                        "value": literal,
                        "format": self._dxf(colour),
                    },
                )

    def _dxf(self, colour: str):
        key = ("dxf", colour)
        if key not in self.formats:
            self.formats[key] = self.workbook.add_format({"bg_color": colour})
        return self.formats[key]

    def _write_notes(self, ws, layout: SheetLayout, notes) -> None:
        """Lines in the notes column; a (label, value) pair puts its typed value beside it."""
        side = layout.notes_column
        for row, note in enumerate(notes):
            label, *value = (note,) if isinstance(note, str) else note
            ws.write_string(row, side, str(label))
            if value and not missing(value[0]):
                self._write_typed(ws, row, side + 1, value[0], None, None, None)
        for offset, width in enumerate(layout.notes_widths):
            ws.set_column(side + offset, side + offset, width)

    @staticmethod
    def _fills(spec: SheetSpec) -> dict[int, dict[int, str]]:
        """Highlights by column position then row position."""
        fills: dict[int, dict[int, str]] = {}
        positions = {str(c): i for i, c in enumerate(spec.frame.columns)}
        for (row, column), colour in (spec.highlight or {}).items():
            fills.setdefault(positions[str(column)], {})[row] = colour
        return fills

    def _chart(self, chart: ChartSpec, sheet: str, headers: list[str], rows: int):
        category = headers.index(chart.categories_column)
        excel_chart = self.workbook.add_chart({"type": chart.kind})
        values = list(chart.value_columns)[:1] if chart.kind == "pie" else chart.value_columns
        for value in values:
            col = headers.index(value)
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

    def _write_column(self, ws, col: int, column: pd.Series, layout: ColumnLayout, fills) -> None:
        """Write one column below the header; cells without a fill take the column format."""
        if pd.api.types.is_datetime64_any_dtype(column.dtype):
            self._write_datetimes(ws, col, column, layout, fills)
        else:
            self._write_values(ws, col, column.astype(object).tolist(), layout, fills)

    def _write_datetimes(self, ws, col: int, column: pd.Series, layout, fills: dict) -> None:
        """Vectorized: Excel serial numbers; the column carries the date format."""
        if getattr(column.dt, "tz", None) is not None:
            column = column.dt.tz_localize(None)
        serials = ((column - _EPOCH) / pd.Timedelta(days=1)).tolist()
        number_format = layout.number_format
        for row, serial in enumerate(serials):
            fill = fills.get(row)
            cell_format = self.fmt(number_format, fill) if fill else None
            if serial == serial:  # not NaT
                ws.write_number(row + 1, col, serial, cell_format)
            elif fill:
                ws.write_blank(row + 1, col, None, cell_format)

    def _write_values(self, ws, col: int, values: list, layout: ColumnLayout, fills) -> None:
        """Dispatch on each value's type: text stays text, numbers and dates stay typed."""
        number_format = layout.number_format
        plain = None  # the column's own format applies
        for row, value in enumerate(values):
            r = row + 1
            fill = fills.get(row) if fills else None
            own = self.fmt(number_format, fill, wrap=layout.wrap) if fill else None
            if type(value) is str:
                if value or fill:  # an empty text is a blank cell, as fast_cells makes it
                    ws.write_string(r, col, value, own)
            elif missing(value):
                if fill:
                    ws.write_blank(r, col, None, own)
            elif isinstance(value, bool | Decimal | numbers.Number | dt.date | dt.time):
                self._write_typed(ws, r, col, value, number_format, fill, plain)
            else:
                ws.write_string(r, col, str(value), own)

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
            if abs(number) > EXCEL_LARGEST:  # inf, or more than a cell holds: as text
                ws.write_string(r, col, repr(number), self.fmt(None, fill) if fill else None)
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


def _print_setup(ws, printing: PrintSetup) -> None:
    """The sheet's ``PrintSetup`` in XlsxWriter's terms (the adapters apply the same)."""
    ws.set_landscape()
    ws.set_paper(printing.paper)
    left, right, top, bottom = printing.margins
    ws.set_margins(left=left, right=right, top=top, bottom=bottom)
    ws.fit_to_pages(printing.pages_wide, printing.pages_tall)
    if printing.title_columns:
        ws.repeat_columns(0, printing.title_columns - 1)
    if printing.across_first:
        ws.print_across()
