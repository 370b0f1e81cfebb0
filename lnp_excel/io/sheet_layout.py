"""What an output sheet looks like, described once (X4).

A ``SheetSpec`` is the data of a sheet (a frame, fills, chart, notes); ``sheet_layout``
turns it into a ``SheetLayout``: per column its number format, width and wrap; the table;
the chart and where it goes; where the notes go; how the sheet prints. The command line's
XlsxWriter file and the sheet a button fills (``Book.format_sheet``, openpyxl or xlwings)
are both made from this one description, so money is money and dates are dates
wherever the agent looks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from lnp_excel.core.errors import EXCEL_ERRORS

TABLE_STYLE = "Table Style Medium 2"
MAX_WIDTH = 60  # a wider text column wraps at this width instead (Checklist, Flags)
MONEY_WORDS = ("cost", "price")  # column names that hold money (currency format)
MONEY_FORMAT = '"$"#,##0.00'
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm:ss"
TEXT_FORMAT = "@"  # text stays text, also when an agent types over a cell (X1)
HEADER_FILL = "#1F4E78"  # header cells: white bold on dark blue, in every output
CHANGED_FILL = "#FFEB9C"  # a cell a rule changed: the review workbook and the buttons
FLAGGED_FILL = "#FFC7CE"  # the first cell of a row that needs a person
LINE_HEIGHT = 15.0  # points per line of a wrapped cell (Excel's default row height)
CHART_KINDS = ("column", "bar", "pie", "line")
SAMPLE_ROWS = 200  # widths come from the first rows plus an even sample of the rest
# Printing (issue 18): legal paper, landscape, narrow margins; a sheet too wide for one
# page at MIN_PRINT_SCALE prints on as many pages across as it needs at that scale or
# more, its first column repeated on each, so a printout is read at 70% or more, never
# squeezed to one page wide at 40%.
PAPER_LEGAL = 5  # Excel's paper code (xlPaperLegal; XlsxWriter's set_paper, openpyxl)
PAGE_INCHES = (14.0, 8.5)  # legal, landscape
MARGINS = (0.25, 0.25, 0.5, 0.5)  # inches: left, right, top, bottom (Excel's "Narrow")
MIN_PRINT_SCALE = 0.74  # over 70%: a printer's fit breaks pages at column edges
COLUMN_PADDING = 0.7109375  # what XlsxWriter adds to a column width it stores
CHART_POINTS = 360.0  # an inserted chart's width (480 pixels, XlsxWriter's default)
CHART_TALL_POINTS = 288.0  # its height, 288 pixels, measured as a printout would (see below)
ROW_POINTS = 15.0  # Excel's default row height


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
    "#FFC7CE"; ``value_fills`` maps a column name to {cell value: colour} (a conditional
    format in the file, so a status keeps its colour when the agent sorts). ``notes`` are
    written one per row to the right of the table, one blank column away: a line of text,
    or a (label, value) pair whose value gets its own cell, typed (dates as dates, Decimal
    as money) so a reader can compute with it. A chart goes below the notes, in that column.
    """

    name: str
    frame: pd.DataFrame
    highlight: Mapping[tuple[int, str], str] | None = None
    chart: ChartSpec | None = None
    as_table: bool = True
    notes: Sequence[str | tuple[str, object]] = ()
    value_fills: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ColumnLayout:
    """One column: ``number_format`` None is Excel's General (mixed or plain numbers)."""

    name: str
    number_format: str | None
    width: float
    wrap: bool = False


@dataclass(frozen=True)
class PrintSetup:
    """How a sheet prints, applied alike by the XlsxWriter file and both Book adapters:
    landscape on ``paper``, fit to ``pages_wide`` pages across and ``pages_tall`` down (0:
    as many as it takes), the header row on every page and, when it takes more than one
    page across, the first ``title_columns`` columns too, pages numbered across then down."""

    pages_wide: int = 1
    pages_tall: int = 0
    title_columns: int = 0
    paper: int = PAPER_LEGAL
    margins: tuple[float, float, float, float] = MARGINS

    @property
    def across_first(self) -> bool:
        """Over, then down: the pages of one band of rows come one after another."""
        return self.pages_wide > 1


@dataclass(frozen=True)
class SheetLayout:
    """Everything about a sheet's looks that both writers and both Book adapters apply.

    Positions are 0-based (row 0 is the header). The table covers rows 0..``rows``;
    notes start at (0, ``notes_column``); the chart's top-left cell is ``chart_cell``.
    ``printing``: landscape legal, the header row on every page, as many pages across as
    keep the print at 70% or more (``print_setup``).
    """

    name: str
    columns: tuple[ColumnLayout, ...]
    rows: int
    table: str | None
    chart: ChartSpec | None = None
    chart_cell: tuple[int, int] = (1, 0)
    notes_column: int = 0
    notes_widths: tuple[float, ...] = ()
    notes_formats: tuple[str | None, ...] = ()  # per note: its value cell's number format
    row_heights: tuple[tuple[int, float], ...] = ()  # (0-based row, points): wrapped rows
    printing: PrintSetup = PrintSetup()

    def column(self, name: str) -> int:
        """0-based position of a column by name (charts name their columns)."""
        return [c.name for c in self.columns].index(name)


def sheet_layout(spec: SheetSpec) -> SheetLayout:
    """The one description of ``spec``'s sheet; see ``SheetLayout``."""
    frame = spec.frame
    headers = header_texts(frame.columns)
    columns = tuple(
        column_layout(header, frame.iloc[:, position]) for position, header in enumerate(headers)
    )
    rows, width = frame.shape
    side = width + 1 if width else 0
    return SheetLayout(
        name=spec.name,
        columns=columns,
        rows=rows,
        table=table_base_name(spec.name) if spec.as_table and rows and width else None,
        chart=spec.chart if rows else None,
        chart_cell=(len(spec.notes) + 1 if spec.notes else 1, side),
        notes_column=side,
        notes_widths=notes_widths(spec.notes),
        notes_formats=tuple(_note_format(note) for note in spec.notes),
        row_heights=row_heights(frame, columns),
        printing=print_setup(
            [c.width for c in columns],
            [*([1.0] if spec.notes else []), *notes_widths(spec.notes)],
            CHART_POINTS if spec.chart is not None and rows else 0.0,
            chart_bottom=(
                (len(spec.notes) + 1) * ROW_POINTS + CHART_TALL_POINTS
                if spec.chart is not None and rows
                else 0.0
            ),
            table_height=(rows + 1) * ROW_POINTS,
        ),
    )


def column_points(width: float) -> float:
    """An Excel column of ``width`` characters as a printout measures it: 7 pixels a
    character plus 5 (Calibri 11), taken as points. Excel prints a pixel as 3/4 point,
    LibreOffice as a whole one: the larger measure keeps both at 70% or more (a sheet
    Excel could fit on fewer pages still prints larger there, never smaller)."""
    return 7.0 * (width + COLUMN_PADDING) + 5.0


def print_setup(
    widths: Sequence[float],
    side: Sequence[float],
    chart: float,
    *,
    chart_bottom: float = 0.0,
    table_height: float = 0.0,
) -> PrintSetup:
    """The print setup for a sheet of columns ``widths`` (characters), with ``side``
    columns right of it (notes) and a chart of ``chart`` points over them: one page wide
    when that prints at MIN_PRINT_SCALE or more, else the fewest pages across at that
    scale, the first column repeated on each, columns never split (issue 18). A sheet
    with a chart (the Summary) that fits one page at that scale is kept on one page, so
    its chart is never cut in two (``chart_bottom``: the chart's lower edge, in points)."""
    printable = (PAGE_INCHES[0] - MARGINS[0] - MARGINS[1]) * 72 / MIN_PRINT_SCALE
    printable_tall = (PAGE_INCHES[1] - MARGINS[2] - MARGINS[3]) * 72 / MIN_PRINT_SCALE
    points = [column_points(w) for w in widths]
    right = max(sum(column_points(w) for w in side), chart)
    if sum(points) + right <= printable or len(points) < 2:
        one_page = chart_bottom and max(chart_bottom, table_height) <= printable_tall
        return PrintSetup(pages_tall=1 if one_page else 0)
    title = points[0]
    pages, used = 1, 0.0
    for width in [*points, right] if right else points:
        if used and used + width > printable:
            pages, used = pages + 1, title  # each new page starts with the repeated column
        used += width
    return PrintSetup(pages_wide=pages, title_columns=1)


def row_heights(frame: pd.DataFrame, columns: Sequence[ColumnLayout]) -> tuple:
    """Rows whose wrapped text needs more than one line, with the height it needs: set
    in the file, since neither LibreOffice nor a printout grows a row by itself."""
    lines = np.ones(len(frame), dtype=np.int64)
    for position, column in enumerate(columns):
        if not column.wrap:
            continue
        per_line = max(int(column.width), 1)  # a proportional font fits about one a unit
        counts = frame.iloc[:, position].map(
            lambda text, n=per_line: (
                sum(max(1, -(-len(part) // n)) for part in text.split("\n"))
                if isinstance(text, str)
                else 1
            )
        )
        lines = np.maximum(lines, counts.to_numpy(dtype=np.int64))
    return tuple((int(i) + 1, LINE_HEIGHT * int(lines[i])) for i in np.nonzero(lines > 1)[0])


def _note_format(note: str | tuple[str, object]) -> str | None:
    """A note's value cell is typed like any cell: Decimal is money, a date is a date."""
    if isinstance(note, str) or len(note) < 2:
        return None
    value = note[1]
    if isinstance(value, Decimal):
        return MONEY_FORMAT
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT if value.time() != dt.time(0) else DATE_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    return None


def header_texts(columns: Sequence[object]) -> list[str]:
    """Header cells as text: blank ones named after their column, repeats numbered."""
    from lnp_excel.io.source_table import header_names

    return header_names(list(columns))


def column_layout(header: str, column: pd.Series) -> ColumnLayout:
    """Number format from the column's values and name; width from a sample; long text wraps."""
    money = any(word in header.casefold() for word in MONEY_WORDS)
    kinds = value_kinds(column)
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        present = column.dropna()
        if getattr(present.dt, "tz", None) is not None:
            present = present.dt.tz_localize(None)
        timed = bool((present != present.dt.normalize()).any())
        number_format: str | None = DATETIME_FORMAT if timed else DATE_FORMAT
    elif kinds and kinds <= {str} and not column.isin(EXCEL_ERRORS).any():
        number_format = TEXT_FORMAT  # an error value copied from a list stays one (X1)
    elif Decimal in kinds or (money and all(_is_number(k) for k in kinds)):
        number_format = MONEY_FORMAT
    elif kinds and all(issubclass(k, dt.date) for k in kinds):
        values = column.astype(object).tolist()
        timed = any(  # NaT is a datetime without a time: a blank among the dates
            isinstance(v, dt.datetime) and v == v and v.time() != dt.time(0) for v in values
        )
        number_format = DATETIME_FORMAT if timed else DATE_FORMAT
    else:
        number_format = None
    rows = len(column)
    step = max(1, rows // 1000)
    positions = list(range(min(rows, SAMPLE_ROWS))) + list(range(SAMPLE_ROWS, rows, step))
    sample = [v for v in column.iloc[positions].astype(object).tolist() if not missing(v)]
    if number_format in (DATE_FORMAT, DATETIME_FORMAT):
        longest = len(number_format) if sample else 0
    elif number_format == TEXT_FORMAT:  # the longest line, at C speed
        longest = max(map(len, "\n".join(sample).split("\n"))) if sample else 0
    else:
        longest = max((display_width(v, money) for v in sample), default=0)
    wrap = number_format == TEXT_FORMAT and longest + 2 > MAX_WIDTH
    width = min(MAX_WIDTH, max(len(header) + 4, longest + 2, 8))
    return ColumnLayout(header, number_format, float(width), wrap)


def value_kinds(column: pd.Series) -> set[type]:
    """The Python types of a column's present values; from the dtype when it tells."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype):
        return {str} if column.notna().any() else set()
    if isinstance(dtype, pd.CategoricalDtype):
        return set(map(type, column.cat.categories.tolist())) if column.notna().any() else set()
    if dtype.kind in "iuf" and not column.isna().all():
        return {float if dtype.kind == "f" else int}
    return set(map(type, column[column.notna()].astype(object).tolist()))


def notes_widths(notes: Sequence[str | tuple[str, object]]) -> tuple[float, ...]:
    """Widths of the notes' label column and (when some note has one) value column."""
    labels = [str(n if isinstance(n, str) else n[0]) for n in notes]
    values = [n[1] for n in notes if not isinstance(n, str) and len(n) > 1 and not missing(n[1])]
    widths: list[float] = []
    if labels:
        widths.append(float(min(MAX_WIDTH, max(max(map(len, labels)) + 2, 10))))
    if values:
        longest = max(display_width(v, isinstance(v, Decimal)) for v in values)
        widths.append(float(min(MAX_WIDTH, max(longest + 2, 12))))
    return tuple(widths)


def table_base_name(sheet: str) -> str:
    """A valid Excel table name for a sheet: ASCII word characters, never a cell reference."""
    return "tbl_" + (re.sub(r"[^A-Za-z0-9_]+", "_", sheet).strip("_") or "data")


def value_cells(spec: SheetSpec) -> dict[str, list[tuple[int, int]]]:
    """Fills as cells: colour -> [(0-based data row, 0-based column)], highlight and
    value fills together; a highlight outside the frame is a bug (ValueError)."""
    frame = spec.frame
    positions = {str(c): i for i, c in enumerate(frame.columns)}
    cells: dict[str, list[tuple[int, int]]] = {}
    for (row, column), colour in (spec.highlight or {}).items():
        if str(column) not in positions or not 0 <= row < len(frame):
            raise ValueError(f"highlight cell ({row}, {column!r}) is outside sheet {spec.name!r}")
        cells.setdefault(colour, []).append((row, positions[str(column)]))
    for column, fills in spec.value_fills.items():
        if str(column) not in positions:
            raise ValueError(f"fill column {column!r} is not in sheet {spec.name!r}")
        values = frame[column].astype(object).to_numpy()
        for value, colour in fills.items():
            rows = (values == value).nonzero()[0]
            cells.setdefault(colour, []).extend((int(r), positions[str(column)]) for r in rows)
    return cells


def missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


def display_width(value: object, money: bool) -> int:
    if isinstance(value, str):
        return max((len(line) for line in value.split("\n")), default=0)
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float | Decimal) and money:
        return len(f"${float(value):,.2f}")
    return len(str(value))


def _is_number(kind: type) -> bool:
    return issubclass(kind, int | float | Decimal) and not issubclass(kind, bool)
