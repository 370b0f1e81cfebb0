"""The one stand-in allowed: a minimal in-memory copy of the xlwings objects the adapter uses.

Only what ``XlwingsBook`` touches is modelled (sheets, ranges by corner cells, values,
fill colour, font, status bar, alerts, selection address; number formats, column widths,
wrap, tables, charts and page setup, recorded as given), so a test of the adapter fails
if the adapter starts needing more of Excel.
"""

from __future__ import annotations


class FakeFont:
    def __init__(self) -> None:
        self.bold = False
        self.color = None


class FakeRange:
    def __init__(self, sheet: FakeSheet, first: tuple[int, int], last: tuple[int, int]):
        self.sheet, self.first, self.last = sheet, first, last
        self.font = FakeFont()

    @property
    def row(self) -> int:
        return self.first[0]

    @property
    def column(self) -> int:
        return self.first[1]

    @property
    def last_cell(self) -> FakeRange:
        return FakeRange(self.sheet, self.last, self.last)

    def options(self, ndim: int = 2) -> FakeRange:
        return self

    @property
    def value(self) -> list[list[object]]:
        (r1, c1), (r2, c2) = self.first, self.last
        return [
            [self.sheet.cells.get((r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)
        ]

    @value.setter
    def value(self, grid: list[list[object]]) -> None:
        r1, c1 = self.first
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                self.sheet.cells[(r1 + i, c1 + j)] = v
        self.sheet.writes += 1

    def _cells(self):
        (r1, c1), (r2, c2) = self.first, self.last
        return [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]

    @property
    def number_format(self):
        return self.sheet.number_formats.get(self.first, "General")

    @number_format.setter
    def number_format(self, value: str) -> None:
        self.sheet.number_formats.update(dict.fromkeys(self._cells(), value))
        self.sheet.format_calls += 1

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
        cells = set(self._cells())
        self.sheet.wrapped = self.sheet.wrapped | cells if value else self.sheet.wrapped - cells
        self.sheet.format_calls += 1

    @property
    def rows(self) -> FakeRows:
        return FakeRows(self)

    @property
    def color(self):
        return self.sheet.colors.get(self.first)

    @color.setter
    def color(self, value) -> None:
        (r1, c1), (r2, c2) = self.first, self.last
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.sheet.colors[(r, c)] = value
        self.sheet.format_calls += 1


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
        self.cells: dict[tuple[int, int], object] = {}
        self.colors: dict[tuple[int, int], object] = {}
        self.number_formats: dict[tuple[int, int], str] = {}
        self.column_widths: dict[int, float] = {}
        self.wrapped: set[tuple[int, int]] = set()
        self.autofit_rows: list[tuple[int, int]] = []
        self.tables = FakeTables()
        self.charts = FakeCharts()
        self.api = FakeSheetApi()
        self.writes = 0
        self.format_calls = 0

    def range(self, first, last=None) -> FakeRange:
        return FakeRange(self, first, last or first)

    @property
    def used_range(self) -> FakeRange:
        filled = [k for k, v in self.cells.items() if v is not None] or [(1, 1)]
        return FakeRange(self, (1, 1), (max(r for r, _ in filled), max(c for _, c in filled)))

    def clear_contents(self) -> None:
        self.cells.clear()

    def autofit(self) -> None:
        pass


class FakeSheets(list):
    def __getitem__(self, key):
        if isinstance(key, str):
            return next(s for s in self if s.name == key)
        return super().__getitem__(key)

    def add(self, name: str, after=None) -> FakeSheet:
        sheet = FakeSheet(name)
        self.append(sheet)
        return sheet


class FakeApp:
    def __init__(self) -> None:
        self.status_bar = None
        self.screen_updating = True
        self.alerts: list[tuple[str, str]] = []

    def alert(self, prompt: str, title: str = "", mode: str | None = None) -> None:
        self.alerts.append((title, prompt))


class FakeSelection(FakeRange):
    def __init__(self, sheet: FakeSheet, address: str, count: int):
        super().__init__(sheet, (1, 1), (1, 1))
        self.address, self.count = address, count


class FakeBook:
    def __init__(self, fullname: str = "C:\\\\work\\\\Port_Planner.xlsm") -> None:
        self.fullname = fullname
        self.app = FakeApp()
        self.sheets = FakeSheets()
        self.selection = None

    @classmethod
    def from_openpyxl(cls, path) -> FakeBook:
        """Sheets and values of a real workbook file, as Excel would show them."""
        import openpyxl

        book = cls(str(path))
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            sheet = book.sheets.add(ws.title)
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        sheet.cells[(cell.row, cell.column)] = cell.value
        return book
