"""The one stand-in allowed: a minimal in-memory Excel, as much of xlwings as the adapter uses.

Only what ``XlwingsBook`` touches is modelled (books, sheets, ranges by corner cells,
``value``, ``formula``, ``number_format``, ``color``, ``used_range``, ``selection``,
``app.status_bar``, ``app.alert``), so a test fails if the adapter starts needing more.

Where Excel and openpyxl differ, it behaves like Excel: a value written to a cell is typed
as if the agent had typed it (``typed``), which is what X1 guards against.
For the add-in (X3): ``app.books`` by name, ``Book.name``, ``Book.macro`` (its input box
answers from ``answers``) and ``from_csv``, a CSV opened as Excel opens it.
Formats a button sets (number formats, column widths, wrap, tables, charts, page setup)
are recorded as given.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

Cell = tuple[int, int]

NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+|(?=\.\d))(\.\d*)?([eE][+-]?\d+)?%?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
US_DATE = re.compile(r"^(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$")
DATE_FORMAT = "m/d/yyyy"


def typed(value: object, number_format: str = "General") -> tuple[object, str | None]:
    """(value, formula) a cell holds after ``Range.value = value``, by Excel's rules.

    Text is parsed as if typed into a General cell: numeric text becomes a number
    (``+442079460018``, ``0044719``), ISO or US date text a date, TRUE/FALSE a boolean,
    ``=...`` a formula (Excel calculates it; here its value is unknown, None). Text stays
    text in a Text ("@") cell or after an apostrophe, which Excel does not keep in the value.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, (int, float)):
        return float(value), None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day), None
    if not isinstance(value, str):
        return value, None
    if value == "":
        return None, None
    if value.startswith("'"):
        return value[1:] or None, None
    if number_format == "@":
        return value, None
    if value.startswith("=") and len(value) > 1:
        return None, value
    text = value.strip()
    if text.upper() in ("TRUE", "FALSE"):
        return text.upper() == "TRUE", None
    if NUMBER.match(text):
        number = float(f"{float(text.rstrip('%').replace(',', '')):.15g}")
        return (number / 100 if text.endswith("%") else number), None
    date = _date(text)
    return (date, None) if date else (value, None)


def _date(text: str) -> dt.datetime | None:
    try:
        if iso := ISO_DATE.match(text):
            parts = [int(p) for p in iso.groups(default="0")]
            return dt.datetime(*parts)  # type: ignore[arg-type]
        if us := US_DATE.match(text):
            month, day, year = int(us[1]), int(us[3]), us[4]
            if year is None:
                full = dt.date.today().year
            else:
                full = int(year) + (0 if len(year) == 4 else 2000 if int(year) < 30 else 1900)
            return dt.datetime(full, month, day)
    except ValueError:  # 13/45/2026 is text to Excel too
        return None
    return None


def formula_text(value: object, formula: str | None) -> str:
    """What ``Range.formula`` reads for a cell: its formula, or its constant as text."""
    if formula:
        return formula
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return f"{value.month}/{value.day}/{value.year}"
    return str(value)


class FakeFont:
    def __init__(self) -> None:
        self.bold = False
        self.color = None


class FakeRange:
    def __init__(self, sheet: FakeSheet, first: Cell, last: Cell, ndim: int | None = None):
        self.sheet, self.first, self.last, self.ndim = sheet, first, last, ndim
        self.font = FakeFont()

    @property
    def row(self) -> int:
        return self.first[0]

    @property
    def column(self) -> int:
        return self.first[1]

    @property
    def count(self) -> int:
        return (self.last[0] - self.first[0] + 1) * (self.last[1] - self.first[1] + 1)

    @property
    def last_cell(self) -> FakeRange:
        return FakeRange(self.sheet, self.last, self.last)

    def options(self, ndim: int | None = None) -> FakeRange:
        return FakeRange(self.sheet, self.first, self.last, ndim)

    def _cells(self) -> list[list[Cell]]:
        (r1, c1), (r2, c2) = self.first, self.last
        return [[(r, c) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    def _shaped(self, grid: list[list[object]]) -> object:
        """xlwings' shapes: a scalar for one cell, a list for one row or column."""
        if self.ndim == 2:
            return grid
        if len(grid) == 1 and len(grid[0]) == 1:
            return grid[0][0]
        if len(grid) == 1:
            return grid[0]
        if all(len(row) == 1 for row in grid):
            return [row[0] for row in grid]
        return grid

    def _assign(self, data: object) -> None:
        if isinstance(data, (list, tuple)):
            grid = [list(r) if isinstance(r, (list, tuple)) else [r] for r in data]
            if data and not isinstance(data[0], (list, tuple)):
                grid = [list(data)]  # a flat list is one row
            r1, c1 = self.first
            cells = {(r1 + i, c1 + j): v for i, row in enumerate(grid) for j, v in enumerate(row)}
        else:
            cells = {cell: data for row in self._cells() for cell in row}
        for cell, v in cells.items():
            self.sheet.put(cell, v)
        self.sheet.writes += 1

    def _flat(self) -> list[Cell]:
        return [cell for row in self._cells() for cell in row]

    @property
    def column_width(self):
        return self.sheet.column_widths.get(self.first[1])

    @column_width.setter
    def column_width(self, value: float) -> None:
        for column in range(self.first[1], self.last[1] + 1):
            self.sheet.column_widths[column] = value
        self.sheet.format_calls += 1

    @property
    def wrap_text(self) -> bool:
        return self.first in self.sheet.wrapped

    @wrap_text.setter
    def wrap_text(self, value: bool) -> None:
        cells = set(self._flat())
        self.sheet.wrapped = self.sheet.wrapped | cells if value else self.sheet.wrapped - cells
        self.sheet.format_calls += 1

    @property
    def rows(self) -> FakeRows:
        return FakeRows(self)

    @property
    def value(self) -> object:
        return self._shaped([[self.sheet.cells.get(c) for c in row] for row in self._cells()])

    @value.setter
    def value(self, data: object) -> None:
        self._assign(data)

    @property
    def formula(self) -> object:
        """Excel's Range.Formula: a str for one cell, else a tuple of row tuples."""
        grid = [
            tuple(formula_text(self.sheet.cells.get(c), self.sheet.formulas.get(c)) for c in row)
            for row in self._cells()
        ]
        return grid[0][0] if self.count == 1 else tuple(grid)

    @formula.setter
    def formula(self, data: object) -> None:
        self._assign(data)

    @property
    def number_format(self) -> str | None:
        found = {self.sheet.formats.get(c, "General") for row in self._cells() for c in row}
        return found.pop() if len(found) == 1 else None  # Excel: Null when mixed

    @number_format.setter
    def number_format(self, value: str) -> None:
        for row in self._cells():
            for cell in row:
                self.sheet.formats[cell] = value
        self.sheet.format_calls += 1

    @property
    def color(self) -> tuple[int, int, int] | None:
        found = {self.sheet.colors.get(c) for row in self._cells() for c in row}
        if len(found) > 1:  # Interior.Color is Null: xlwings' int_to_rgb(None) fails
            raise TypeError("unsupported operand type(s) for %: 'NoneType' and 'int'")
        return found.pop()

    @color.setter
    def color(self, value: str | tuple[int, int, int] | None) -> None:
        if isinstance(value, str):
            value = tuple(int(value.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
        for row in self._cells():
            for cell in row:
                if value is None:
                    self.sheet.colors.pop(cell, None)
                else:
                    self.sheet.colors[cell] = value  # type: ignore[assignment]
        self.sheet.format_calls += 1


class FakeAreas:
    """A multi-area range: one value or fill goes to every area in one call."""

    def __init__(self, sheet: FakeSheet, areas: list[FakeRange]) -> None:
        self.sheet, self.areas = sheet, areas

    @property
    def value(self) -> None:
        raise NotImplementedError("the adapter reads single areas")

    @value.setter
    def value(self, data: object) -> None:
        if isinstance(data, (list, tuple)):
            raise ValueError("Excel gives a multi-area range one value, not an array")
        for area in self.areas:
            area.value = data
        self.sheet.writes -= len(self.areas) - 1  # one call for all areas

    formula = value

    @property
    def color(self) -> None:
        raise NotImplementedError("the adapter reads fills by single areas")

    @color.setter
    def color(self, value: str | tuple[int, int, int] | None) -> None:
        for area in self.areas:
            area.color = value
        self.sheet.format_calls -= len(self.areas) - 1  # one call for all areas


class FakeTable:
    """An Excel table (ListObject): its name, range and style."""

    def __init__(self, source: FakeRange, name: str, table_style_name: str) -> None:
        self.name, self.range, self.table_style_name = name, source, table_style_name
        self.tables: FakeTables | None = None

    def delete(self) -> None:
        self.tables.remove(self)

    def resize(self, source: FakeRange) -> None:
        self.range = source


class FakeTables(list):
    def add(self, source: FakeRange, name: str, table_style_name: str = "TableStyleMedium2"):
        if any(t.name == name for t in self):
            raise ValueError(f"a table named {name} exists")  # Excel refuses a second one
        table = FakeTable(source, name, table_style_name)
        table.tables = self
        self.append(table)
        return table


class FakeChart:
    """A chart object: what xlwings' ``sheet.charts.add`` was given, and its title."""

    def __init__(self, charts: FakeCharts, **options) -> None:
        self.charts, self.options = charts, options
        self.name = options.get("name")
        self.chart_type = options.get("chart_type")
        self.title = None

    def delete(self) -> None:
        self.charts.remove(self)


class FakeCharts(list):
    def add(self, **options) -> FakeChart:
        chart = FakeChart(self, **options)
        self.append(chart)
        return chart


class FakePageSetup:
    """Excel's PageSetup object (``sheet.api.PageSetup``), the print settings only."""

    Orientation = 1  # xlPortrait
    Zoom: object = 100
    FitToPagesWide: object = 1
    FitToPagesTall: object = 1
    PrintTitleRows = ""
    PrintTitleColumns = ""
    PaperSize = 1  # xlPaperLetter
    Order = 1  # xlDownThenOver
    LeftMargin = RightMargin = 50.4  # points: Excel's Normal margins
    TopMargin = BottomMargin = 54.0


class FakeSheetApi:
    def __init__(self) -> None:
        self.PageSetup = FakePageSetup()


class FakeRows:
    """``range.rows``: Excel fits each row's height to its wrapped text on ``autofit``."""

    def __init__(self, area: FakeRange) -> None:
        self.area = area

    def autofit(self) -> None:
        self.area.sheet.autofit_rows.append((self.area.first[0], self.area.last[0]))


class FakeSheet:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cells: dict[Cell, object] = {}  # what Excel shows (a formula: its last value)
        self.formulas: dict[Cell, str] = {}
        self.formats: dict[Cell, str] = {}
        self.colors: dict[Cell, tuple[int, int, int]] = {}
        self.writes = 0  # value or formula assignments: one per range
        self.column_widths: dict[int, float] = {}
        self.wrapped: set[Cell] = set()
        self.autofit_rows: list[tuple[int, int]] = []
        self.tables = FakeTables()
        self.charts = FakeCharts()
        self.api = FakeSheetApi()
        self.format_calls = 0

    def put(self, cell: Cell, data: object) -> None:
        """One cell receives ``data`` as Excel types it; its format and fill stay."""
        fmt = self.formats.get(cell, "General")
        value, formula = typed(data, fmt)
        self.cells.pop(cell, None)
        self.formulas.pop(cell, None)
        if formula:
            self.formulas[cell] = formula
        elif value is not None:
            self.cells[cell] = value
        if isinstance(value, dt.datetime) and fmt == "General":
            self.formats[cell] = DATE_FORMAT

    def range(self, first: Cell | str, last: Cell | None = None) -> FakeRange | FakeAreas:
        """By corner cells, or by A1 address: "B2", "B2:C9", or several areas "B2,D4:D9"."""
        if isinstance(first, str):
            if "," in first:
                return FakeAreas(self, [self.range(area) for area in first.split(",")])
            corners = [_cell_of(corner) for corner in first.split(":")]
            return FakeRange(self, corners[0], corners[-1])
        return FakeRange(self, first, last or first)

    @property
    def used_range(self) -> FakeRange:
        used = list(self.cells) + list(self.formulas)
        if not used:
            return FakeRange(self, (1, 1), (1, 1))
        rows, columns = [r for r, _ in used], [c for _, c in used]
        return FakeRange(self, (min(rows), min(columns)), (max(rows), max(columns)))

    def clear_contents(self) -> None:
        """Values and formulas go; formats and fills stay (Excel's ClearContents)."""
        self.cells.clear()
        self.formulas.clear()

    def autofit(self) -> None:
        pass


def _cell_of(address: str) -> Cell:
    letters = "".join(ch for ch in address if ch.isalpha())
    column = 0
    for ch in letters.upper():
        column = column * 26 + ord(ch) - 64
    return int("".join(ch for ch in address if ch.isdigit())), column


class FakeSheets(list):
    def __getitem__(self, key):
        if isinstance(key, str):
            return next(s for s in self if s.name == key)
        return super().__getitem__(key)

    def add(self, name: str, after=None) -> FakeSheet:
        sheet = FakeSheet(name)
        self.append(sheet)
        return sheet


class FakeBooks(list):
    """``app.books``: by position, or by name without case, as Excel's Workbooks("name")."""

    def __getitem__(self, key):
        if isinstance(key, str):
            for book in self:
                if book.name.lower() == key.lower():
                    return book
            raise KeyError(f"no open workbook named {key!r}")
        return super().__getitem__(key)


class FakeApp:
    def __init__(self) -> None:
        self.books = FakeBooks()
        self.status_bar = None
        self.screen_updating = True
        self.alerts: list[tuple[str, str]] = []

    def alert(self, prompt: str, title: str = "", mode: str | None = None) -> None:
        self.alerts.append((title, prompt))


class FakeSelection(FakeRange):
    def __init__(self, sheet: FakeSheet, address: str, count: int):
        super().__init__(sheet, (1, 1), (1, 1))
        self.address, self._count = address, count

    @property
    def count(self) -> int:
        return self._count


class FakeBook:
    def __init__(
        self, fullname: str = "C:\\\\work\\\\Port_Planner.xlsm", app: FakeApp | None = None
    ) -> None:
        self.fullname = fullname
        self.app = app or FakeApp()
        self.app.books.append(self)
        self.sheets = FakeSheets()
        self.selection = None
        self.answers: list[object] = []  # what the agent types into input boxes, in order
        self.macro_calls: list[tuple[str, tuple]] = []

    @property
    def name(self) -> str:
        """The file name, as ``Book.name`` (Workbook.Name) gives it."""
        return re.split(r"[\\\\/]", self.fullname)[-1]

    def macro(self, name: str):
        """``Book.macro``: a VBA macro of this book; input boxes answer from ``answers``
        ("" once they run out, which is what VBA's InputBox returns on Cancel)."""

        def call(*args):
            self.macro_calls.append((name, args))
            return self.answers.pop(0) if self.answers else ""

        return call

    @classmethod
    def from_csv(cls, path, app: FakeApp | None = None) -> FakeBook:
        """A CSV opened in Excel: one sheet named after the file, every field typed as a
        General cell types it (see ``excel_typed``)."""
        path = Path(path)
        book = cls(str(path), app)
        sheet = book.sheets.add(path.stem[:31])
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for r, row in enumerate(csv.reader(handle), start=1):
                for c, text in enumerate(row, start=1):
                    value = excel_typed(text)
                    if value is not None:
                        sheet.cells[(r, c)] = value
        return book

    @classmethod
    def from_openpyxl(cls, path, app: FakeApp | None = None) -> FakeBook:
        """A workbook file as Excel opens it: values, formulas (with their saved values),
        number formats and solid fills."""
        import openpyxl

        book = cls(str(path), app)
        formulas = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True)
        for ws in formulas.worksheets:
            sheet = book.sheets.add(ws.title)
            for row in ws.iter_rows():
                for cell in row:
                    where = (cell.row, cell.column)
                    if cell.number_format != "General":
                        sheet.formats[where] = cell.number_format
                    if cell.fill.fill_type == "solid" and isinstance(cell.fill.fgColor.rgb, str):
                        rgb = cell.fill.fgColor.rgb[-6:]
                        sheet.colors[where] = tuple(int(rgb[i : i + 2], 16) for i in (0, 2, 4))
                    if cell.data_type == "f":
                        sheet.formulas[where] = str(cell.value)
                        shown = values[ws.title].cell(*where).value
                        if shown is not None:
                            sheet.cells[where] = shown
                    elif cell.value is not None:
                        sheet.cells[where] = typed_from_file(cell.value)
        return book


def typed_from_file(value: object) -> object:
    """A stored cell value as Excel holds it: numbers are doubles."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def excel_typed(text: str) -> object:
    """What a General cell holds once Excel reads ``text`` from a CSV: the value ``typed``
    gives (``+442079460011`` -> 442079460011.0, ZIP ``02134`` -> 2134.0)."""
    return typed(text)[0]
