"""The one stand-in allowed: a minimal in-memory Excel, as much of xlwings as the adapter uses.

Only what ``XlwingsBook`` touches is modelled, so a test fails if the adapter starts
needing more. Every behaviour names its source: xlwings 0.37.8 (``main.py``,
``_xlwindows.py``, ``_xlmac.py``: the version setup.cfg installs) or Microsoft's
documentation. Where the two disagree with this file, they win. How cell contents are
typed lives in ``fake_typing`` (text parsed as if typed, Text cells, error values).

- ``app.calls`` counts calls into Excel: every Range property read or written, every
  sheet or table operation is one COM round trip (``benchmarks/bench_writes.py``).
- ``FakeApp(mac=True)``: Excel for Mac through AppleScript, where a multi-area address
  keeps only its first cell (``_xlmac.py``, ``Sheet.range``).
- ``FakeApp(printer=False)``: no printer installed; every PageSetup setting raises a COM
  error (Microsoft Learn, "Application.PrintCommunication property": page setup talks to
  the printer driver).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from tests.excel.fake_excel_api import (
    MAX_COLUMNS,
    MAX_ROWS,
    FakeAppApi,
    FakeAreas,
    FakeCharts,
    FakeComError,
    FakeFont,
    FakeRangeApi,
    FakeRows,
    FakeSheetApi,
    FakeTables,
    a1_address,
)
from tests.excel.fake_typing import (
    DATE_FORMAT,
    as_read,
    excel_typed,
    formula_text,
    intersected,
    typed,
    typed_from_file,
)

__all__ = ["FakeApp", "FakeBook", "FakeSheet", "excel_typed"]

Cell = tuple[int, int]
DATE_TOKENS = re.compile(r"[dmyhs]")  # a date or time number format (not General, @, 0.00)


class FakeRange:
    """A rectangle of cells, by corner cells (xlwings ``Range``)."""

    def __init__(self, sheet: FakeSheet, first: Cell, last: Cell, **options) -> None:
        self.sheet, self.first, self.last, self._options = sheet, first, last, options
        self.font = FakeFont(self)

    # --- position (each a COM property: Range.Row, Range.Column, Range.Count) -------------

    @property
    def row(self) -> int:
        self.sheet.call()
        return self.first[0]

    @property
    def column(self) -> int:
        self.sheet.call()
        return self.first[1]

    @property
    def count(self) -> int:
        self.sheet.call()
        return len(self._flat())

    @property
    def address(self) -> str:
        self.sheet.call()
        return a1_address(self.first, self.last)

    @property
    def last_cell(self) -> FakeRange:
        return FakeRange(self.sheet, self.last, self.last)

    def options(self, ndim: int | None = None, err_to_str: bool = False) -> FakeRange:
        """xlwings ``Range.options``: no call into Excel, only how values are converted."""
        return FakeRange(self.sheet, self.first, self.last, ndim=ndim, err_to_str=err_to_str)

    def _cells(self) -> list[list[Cell]]:
        (r1, c1), (r2, c2) = self.first, self.last
        return [[(r, c) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    def _flat(self) -> list[Cell]:
        return [cell for row in self._cells() for cell in row]

    def _shaped(self, grid: list[list[object]]) -> object:
        """xlwings' shapes (``conversion``): a scalar for one cell, a list for one row or
        column, unless ``ndim=2``."""
        if self._options.get("ndim") == 2:
            return grid
        if len(grid) == 1 and len(grid[0]) == 1:
            return grid[0][0]
        if len(grid) == 1:
            return grid[0]
        if all(len(row) == 1 for row in grid):
            return [row[0] for row in grid]
        return grid

    def _assign(self, data: object, *, through_formula: bool = False) -> None:
        self.sheet.call()
        if isinstance(data, (list, tuple)):
            grid = [list(r) if isinstance(r, (list, tuple)) else [r] for r in data]
            if data and not isinstance(data[0], (list, tuple)):
                grid = [list(data)]  # a flat list is one row
            r1, c1 = self.first
            cells = {(r1 + i, c1 + j): v for i, row in enumerate(grid) for j, v in enumerate(row)}
        else:
            cells = {cell: data for cell in self._flat()}
        for cell, v in cells.items():
            self.sheet.put(cell, v, through_formula=through_formula)
        self.sheet.writes += 1

    # --- contents --------------------------------------------------------------------------

    @property
    def value(self) -> object:
        """``_xlwindows.Range.raw_value`` + ``_clean_value_data_element``: errors are None
        unless ``options(err_to_str=True)``."""
        self.sheet.call()
        errors = bool(self._options.get("err_to_str"))
        cells = self.sheet.cells
        return self._shaped([[as_read(cells.get(c), errors) for c in row] for row in self._cells()])

    @value.setter
    def value(self, data: object) -> None:
        self._assign(data, through_formula=True)  # Range.Value = "=..." is a legacy formula

    @property
    def formula(self) -> object:
        """Excel's Range.Formula: a str for one cell, else a tuple of row tuples."""
        self.sheet.call()
        grid = [
            tuple(formula_text(self.sheet.cells.get(c), self.sheet.formulas.get(c)) for c in row)
            for row in self._cells()
        ]
        return grid[0][0] if len(self._flat()) == 1 else tuple(grid)

    @formula.setter
    def formula(self, data: object) -> None:
        """Range.Formula: implicit intersection (Microsoft Learn, "Formula vs Formula2")."""
        self._assign(data, through_formula=True)

    @property
    def formula2(self) -> object:
        """``_xlwindows.Range.formula2``: Range.Formula2, the formula as Excel keeps it."""
        return self.formula

    @formula2.setter
    def formula2(self, data: object) -> None:
        self._assign(data)

    def clear_contents(self) -> None:
        """Range.ClearContents (``_xlwindows.Range.clear_contents``): formats stay."""
        self.sheet.call()
        for cell in self._flat():
            self.sheet.cells.pop(cell, None)
            self.sheet.formulas.pop(cell, None)
        self.sheet.name_table_headers()

    # --- formats ---------------------------------------------------------------------------

    @property
    def number_format(self) -> str | None:
        """Range.NumberFormat: Null (None) when the cells differ."""
        self.sheet.call()
        found = {self.sheet.formats.get(c, "General") for c in self._flat()}
        return found.pop() if len(found) == 1 else None

    @number_format.setter
    def number_format(self, value: str) -> None:
        self.sheet.call()
        cells = self.sheet.cells
        for cell in self._flat():
            self.sheet.formats[cell] = value
            if cell in cells:
                cells[cell] = dated(cells[cell], value)
        self.sheet.format_calls += 1

    @property
    def color(self) -> tuple[int, int, int] | None:
        self.sheet.call()
        found = {self.sheet.colors.get(c) for c in self._flat()}
        if len(found) > 1:  # Interior.Color is Null: xlwings' int_to_rgb(None) fails
            raise TypeError("unsupported operand type(s) for %: 'NoneType' and 'int'")
        return found.pop()

    @color.setter
    def color(self, value: str | tuple[int, int, int] | None) -> None:
        self.sheet.call()
        if isinstance(value, str):
            value = tuple(int(value.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
        for cell in self._flat():
            if value is None:
                self.sheet.colors.pop(cell, None)
            else:
                self.sheet.colors[cell] = value  # type: ignore[assignment]
        self.sheet.format_calls += 1

    @property
    def column_width(self):
        self.sheet.call()
        return self.sheet.column_widths.get(self.first[1])

    @column_width.setter
    def column_width(self, value: float) -> None:
        self.sheet.call()
        for column in range(self.first[1], self.last[1] + 1):
            self.sheet.column_widths[column] = value
        self.sheet.format_calls += 1

    @property
    def wrap_text(self) -> bool:
        self.sheet.call()
        return self.first in self.sheet.wrapped

    @wrap_text.setter
    def wrap_text(self, value: bool) -> None:
        self.sheet.call()
        cells = set(self._flat())
        self.sheet.wrapped = self.sheet.wrapped | cells if value else self.sheet.wrapped - cells
        self.sheet.format_calls += 1

    @property
    def rows(self) -> FakeRows:
        return FakeRows(self)

    def select(self) -> None:
        """``_xlwindows.Range.select``: Range.Select, which fails on an inactive sheet."""
        self.sheet.select(a1_address(self.first, self.last))


class FakeSheet:
    """A worksheet (xlwings ``Sheet``); ``name`` is Worksheet.Name, one call to read."""

    def __init__(self, name: str, book: FakeBook) -> None:
        self._name, self.book = name, book
        self.cells: dict[Cell, object] = {}  # what Excel shows (a formula: its last value)
        self.formulas: dict[Cell, str] = {}  # as Range.Formula2 reads them
        self.formats: dict[Cell, str] = {}
        self.colors: dict[Cell, tuple[int, int, int]] = {}
        self.writes = 0  # value or formula assignments: one per range
        self.column_widths: dict[int, float] = {}
        self.wrapped: set[Cell] = set()
        self.autofit_rows: list[tuple[int, int]] = []
        self.tables = FakeTables()
        self.charts = FakeCharts()
        self.api = FakeSheetApi(book.app)
        self.format_calls = 0
        self.calls_paused = 0
        self.selected = "$A$1"  # each sheet keeps its own selection (Excel's window per sheet)

    @property
    def name(self) -> str:
        self.call()
        return self._name

    def call(self) -> None:
        if not self.calls_paused:
            self.book.app.calls += 1

    def put(self, cell: Cell, data: object, *, through_formula: bool = False) -> None:
        """One cell receives ``data`` as Excel types it; its format and fill stay."""
        fmt = self.formats.get(cell, "General")
        value, formula = typed(data, fmt)
        self.cells.pop(cell, None)
        self.formulas.pop(cell, None)
        if formula:
            self.formulas[cell] = intersected(formula) if through_formula else formula
        elif value is not None:
            self.cells[cell] = dated(value, fmt)
        if isinstance(value, dt.datetime) and not DATE_TOKENS.search(fmt.lower()):
            self.formats[cell] = DATE_FORMAT  # "Range.Formula property": short date format

    def range(self, first: Cell | str, last: Cell | None = None) -> FakeRange | FakeAreas:
        """By corner cells, or by A1 address: "B2", "B2:C9", or several areas "B2,D4:D9".

        On a Mac (``_xlmac.py``, ``Sheet.range``) the address is cut at its first ":"
        (``address1 = arg1.split(":")[0]``) and a string with more than one ":" keeps only
        that first corner: "B2:B9,D4:D9" is the cell B2."""
        if isinstance(first, str):
            address = first.replace("$", "")
            if self.book.app.mac and "," in address:
                parts = address.split(":")
                if len(parts) > 2 and "," not in parts[0]:
                    return self.range(parts[0])
                raise NotImplementedError("what AppleScript makes of 'B2,D4:D9' is not modelled")
            if "," in address:
                return FakeAreas(self, [self.range(area) for area in address.split(",")])
            corners = address.split(":")
            first_cell, last_cell = _cell_of(corners[0]), _cell_of(corners[-1], last=True)
            return FakeRange(self, first_cell, last_cell)
        return FakeRange(self, first, last or first)

    @property
    def used_range(self) -> FakeRange:
        self.call()
        used = list(self.cells) + list(self.formulas)
        if not used:
            return FakeRange(self, (1, 1), (1, 1))
        rows, columns = [r for r, _ in used], [c for _, c in used]
        return FakeRange(self, (min(rows), min(columns)), (max(rows), max(columns)))

    def clear_contents(self) -> None:
        """Values and formulas go; formats and fills stay (Excel's ClearContents)."""
        self.call()
        self.cells.clear()
        self.formulas.clear()
        self.name_table_headers()

    def name_table_headers(self) -> None:
        """A table's header cell is never empty: Excel names an emptied one Column1,
        Column2, ... (Microsoft Support, "Overview of Excel tables": header names)."""
        for table in self.tables:
            (top, left), (_, right) = table.range.first, table.range.last
            for offset, column in enumerate(range(left, right + 1), start=1):
                if self.cells.get((top, column)) is None and (top, column) not in self.formulas:
                    self.cells[(top, column)] = f"Column{offset}"

    def autofit(self) -> None:
        self.call()

    def activate(self) -> None:
        """``_xlwindows.Sheet.activate``: Worksheet.Activate; its book becomes active."""
        self.call()
        self.book.active_sheet = self
        self.book.app.active_book = self.book

    def select(self, address: str) -> None:
        self.call()
        if self.book.active_sheet is not self or self.book.app.active_book is not self.book:
            raise FakeComError(-2146827284, "Select method of Range class failed", None, None)
        self.selected = address


def dated(value: object, number_format: str) -> object:
    """What ``Range.Value`` reads of a number in a date-formatted cell: a date (Microsoft
    Learn, "Range.Value2 property": "the only difference between this property and the
    Value property is that Value2 doesn't use the Currency and Date data types"; xlwings
    ``_xlwindows.py`` reads ``Value``). A serial written through ``Formula2`` into a
    yyyy-mm-dd cell reads back as the date it shows."""
    if isinstance(value, float) and DATE_TOKENS.search(number_format.lower()):
        return EXCEL_EPOCH + dt.timedelta(days=value)
    return value


EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # serial 1 is 1900-01-01 (with Excel's 1900 leap day)


def _cell_of(address: str, *, last: bool = False) -> Cell:
    """ "B7" -> (7, 2); a whole column "A" or row "4" is its first (or ``last``) cell."""
    letters = "".join(ch for ch in address if ch.isalpha())
    digits = "".join(ch for ch in address if ch.isdigit())
    column = 0
    for ch in letters.upper():
        column = column * 26 + ord(ch) - 64
    row = int(digits) if digits else (MAX_ROWS if last else 1)
    return row, column or (MAX_COLUMNS if last else 1)


class FakeSheets(list):
    """``book.sheets``: by position, or by name without case (Excel's Worksheets("name"))."""

    def __init__(self, book: FakeBook) -> None:
        super().__init__()
        self.book = book

    def __getitem__(self, key):
        if isinstance(key, str):
            for sheet in self:
                if sheet._name.lower() == key.lower():
                    return sheet
            raise KeyError(key)
        return super().__getitem__(key)

    def __iter__(self):
        self.book.app.calls += 1  # Worksheets enumerated: one call
        return super().__iter__()

    @property
    def active(self) -> FakeSheet:
        return self.book.active_sheet

    def add(self, name: str | None = None, before=None, after=None) -> FakeSheet:
        """xlwings ``main.Sheets.add``: "Creates a new Sheet and makes it the active sheet";
        a name already present (any case) is a ValueError; with neither ``before`` nor
        ``after`` Excel's Sheets.Add puts it before the active sheet."""
        self.book.app.calls += 1
        name = name or f"Sheet{len(self) + 1}"
        if any(s._name.lower() == name.lower() for s in list.__iter__(self)):
            raise ValueError(f"Sheet named '{name}' already present in workbook")
        sheet = FakeSheet(name, self.book)
        if after is not None:
            self.insert(list.index(self, after) + 1, sheet)
        elif before is not None:
            self.insert(list.index(self, before), sheet)
        elif self.book.active_sheet is not None:
            self.insert(list.index(self, self.book.active_sheet), sheet)
        else:
            self.append(sheet)
        self.book.active_sheet = sheet
        self.book.app.active_book = self.book
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
    """An Excel instance (xlwings ``App``): its books, status bar, alerts and selection."""

    def __init__(self, *, mac: bool = False, printer: bool = True) -> None:
        self.books = FakeBooks()
        self._status_bar: str | None = None
        self.screen_updating = True
        self.alerts: list[tuple[str, str]] = []
        self.mac, self.printer = mac, printer
        self.calls = 0
        self.api = FakeAppApi(self)
        self.active_book: FakeBook | None = None

    def alert(self, prompt: str, title: str = "", mode: str | None = None) -> None:
        self.alerts.append((title, prompt))

    @property
    def status_bar(self) -> str | None:
        return self._status_bar

    @status_bar.setter
    def status_bar(self, text: str | None) -> None:
        """``_xlwindows.App.status_bar``: Application.StatusBar, one call."""
        self.calls += 1
        self._status_bar = text

    @property
    def selection(self) -> FakeRange | FakeAreas | None:
        """``_xlwindows.App.selection``: the active window's selection (its active sheet)."""
        self.calls += 1
        book = self.active_book
        if book is None or book.active_sheet is None:
            return None
        sheet = book.active_sheet
        sheet.calls_paused += 1
        try:
            return sheet.range(sheet.selected)
        finally:
            sheet.calls_paused -= 1


class FakeBook:
    """A workbook (xlwings ``Book``); a book just opened is the app's active one."""

    def __init__(
        self, fullname: str = "C:\\\\work\\\\Port_Planner.xlsm", app: FakeApp | None = None
    ) -> None:
        self.fullname = fullname
        self.app = app or FakeApp()
        self.app.books.append(self)
        self.app.active_book = self  # a book just opened is the active one
        self.active_sheet: FakeSheet | None = None
        self.sheets = FakeSheets(self)
        self.answers: list[object] = []  # what the agent types into input boxes, in order
        self.macro_calls: list[tuple[str, tuple]] = []

    @property
    def name(self) -> str:
        """The file name, as ``Book.name`` (Workbook.Name) gives it."""
        return re.split(r"[\\\\/]", self.fullname)[-1]

    @property
    def selection(self):
        """xlwings ``main.Book.selection``: the *app's* selection, whichever book it is in."""
        return self.app.selection

    def activate(self) -> None:
        self.app.active_book = self

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
        General cell types it (see ``excel_typed``; Microsoft Support, "Import or export
        text (.txt or .csv) files": opening a .csv applies the General format). A field
        that starts with "=" becomes a formula, as typed (its value, unknown here, None)."""
        path = Path(path)
        book = cls(str(path), app)
        sheet = book.sheets.add(path.stem[:31])
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for r, row in enumerate(csv.reader(handle), start=1):
                for c, text in enumerate(row, start=1):
                    value, formula = typed(text)
                    if formula:
                        sheet.formulas[(r, c)] = formula
                    elif value is not None:
                        sheet.cells[(r, c)] = value
        book.app.calls = 0  # opening is not the adapter's doing
        return book

    @classmethod
    def from_openpyxl(cls, path, app: FakeApp | None = None) -> FakeBook:
        """A workbook file as Excel opens it: values, formulas (with their saved values),
        number formats and solid fills, on the sheet it was saved on."""
        import openpyxl

        book = cls(str(path), app)
        formulas = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True)
        for ws in formulas.worksheets:
            sheet = book.sheets.add(ws.title, after=book.active_sheet)
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
                            sheet.cells[where] = typed_from_file(shown)
                    elif cell.value is not None:
                        sheet.cells[where] = typed_from_file(cell.value)
        book.active_sheet = book.sheets[formulas.active.title]
        book.app.calls = 0  # opening is not the adapter's doing
        return book


FakeRange.api = property(lambda self: FakeRangeApi(self))  # type: ignore[attr-defined]
