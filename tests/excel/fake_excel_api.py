"""The stand-in's smaller Excel objects: fonts, multi-area ranges, rows, tables, charts,
and what xlwings' ``.api`` reaches (page setup, printer communication, SpecialCells).
Sources are named as in ``fake_excel``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.excel.fake_excel import FakeApp, FakeRange, FakeSheet

Cell = tuple[int, int]


class FakeComError(Exception):
    """``pywintypes.com_error``: what Excel raises through COM (not an AttributeError)."""


class FakeTable:
    """An Excel table (ListObject): its name, range and style."""

    def __init__(self, source: FakeRange, name: str, table_style_name: str) -> None:
        self.name, self.range, self.table_style_name = name, source, table_style_name
        self.tables: FakeTables | None = None

    def delete(self) -> None:
        self.range.sheet.call()
        self.tables.remove(self)

    def resize(self, source: FakeRange) -> None:
        """ListObject.Resize: header cells left outside keep what they hold."""
        source.sheet.call()
        self.range = source
        source.sheet.name_table_headers()


class FakeTables(list):
    """``sheet.tables`` (xlwings ``main.Tables.add``: ListObjects.Add)."""

    def add(self, source: FakeRange, name: str, table_style_name: str = "TableStyleMedium2"):
        source.sheet.call()
        if any(t.name == name for t in self):
            raise ValueError(f"a table named {name} exists")  # Excel refuses a second one
        table = FakeTable(source, name, table_style_name)
        table.tables = self
        self.append(table)
        source.sheet.name_table_headers()
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
    """``sheet.charts`` (xlwings ``main.Charts.add``): what it was given, recorded."""

    def add(self, **options) -> FakeChart:
        chart = FakeChart(self, **options)
        self.append(chart)
        return chart


PAGE_SETTINGS = ("Orientation", "Zoom", "FitToPagesWide", "FitToPagesTall", "PrintTitleRows")


NO_PRINTER = (-2147352567, "Unable to set the PageSetup property", None, None)


class FakePageSetup:
    """Excel's PageSetup (``sheet.api.PageSetup``). Page setup talks to the printer driver:
    with no printer installed a setting raises a COM error, at once while printer
    communication is on, else when ``PrintCommunication = True`` commits the cached
    settings (Microsoft Learn, "Application.PrintCommunication property (Excel)",
    https://learn.microsoft.com/office/vba/api/excel.application.printcommunication)."""

    def __init__(self, app: FakeApp) -> None:
        object.__setattr__(self, "_app", app)
        defaults = {"Orientation": 1, "Zoom": 100, "FitToPagesWide": 1, "FitToPagesTall": 1}
        printing = {
            "PrintTitleRows": "",
            "PrintTitleColumns": "",
            "PaperSize": 1,  # xlPaperLetter
            "Order": 1,  # xlDownThenOver
            "LeftMargin": 50.4,  # points: Excel's Normal margins
            "RightMargin": 50.4,
            "TopMargin": 54.0,
            "BottomMargin": 54.0,
        }
        for name, value in {**defaults, **printing}.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        self._app.calls += 1
        if not self._app.api.PrintCommunication:
            self._app.api.cached.append((self, name, value))
            return
        if not self._app.printer:
            raise FakeComError(*NO_PRINTER)
        object.__setattr__(self, name, value)


class FakeAppApi:
    """``app.api``: Excel's Application object, as far as page setup uses it."""

    def __init__(self, app: FakeApp) -> None:
        self._app = app
        self.print_communication_log: list[bool] = []
        self.cached: list[tuple[FakePageSetup, str, object]] = []

    @property
    def PrintCommunication(self) -> bool:  # noqa: N802 - Excel's name
        return not self.print_communication_log or self.print_communication_log[-1]

    @PrintCommunication.setter
    def PrintCommunication(self, value: bool) -> None:  # noqa: N802
        self._app.calls += 1
        self.print_communication_log.append(bool(value))
        if value and self.cached:  # commit what was set meanwhile
            cached, self.cached = self.cached, []
            if not self._app.printer:
                raise FakeComError(*NO_PRINTER)
            for setup, name, setting in cached:
                object.__setattr__(setup, name, setting)


class FakeSheetApi:
    def __init__(self, app: FakeApp) -> None:
        self.PageSetup = FakePageSetup(app)
        self.Application = app.api


class FakeInterior:
    """Range.Interior of a SpecialCells result: one fill for all its cells, one call."""

    def __init__(self, sheet: FakeSheet, cells: list[Cell]) -> None:
        self._sheet, self._cells = sheet, cells

    def _fill(self, rgb: tuple[int, int, int] | None) -> None:
        self._sheet.call()
        for cell in self._cells:
            if rgb is None:
                self._sheet.colors.pop(cell, None)
            else:
                self._sheet.colors[cell] = rgb

    Color = property(None, lambda self, n: self._fill((n % 256, n // 256 % 256, n // 65536)))
    ColorIndex = property(None, lambda self, index: self._fill(None) if index == -4142 else None)


class FakeCells:
    def __init__(self, sheet: FakeSheet, cells: list[Cell]) -> None:
        self.Interior = FakeInterior(sheet, cells)


class FakeRangeApi:
    """``range.api`` on Windows: the COM Range, as far as the adapter calls it."""

    def __init__(self, area: FakeRange) -> None:
        self._area = area

    def SpecialCells(self, kind: int) -> FakeCells:  # noqa: N802 - Excel's name
        """Range.SpecialCells(xlCellTypeBlanks = 4): the cells with no value and no formula
        (Microsoft Learn, "Range.SpecialCells method"); on a single cell Excel searches the
        sheet's used range instead; none found is a COM error ("No cells were found")."""
        sheet = self._area.sheet
        sheet.call()
        if kind != 4:
            raise NotImplementedError("only xlCellTypeBlanks is modelled")
        area = self._area
        if area.first == area.last:
            sheet.calls_paused += 1
            area = sheet.used_range
            sheet.calls_paused -= 1
        blank = [c for c in area._flat() if c not in sheet.cells and c not in sheet.formulas]
        if not blank:
            raise FakeComError(-2146827284, "No cells were found.", None, None)
        return FakeCells(sheet, blank)


class FakeFont:
    """``range.font`` (``_xlwindows.Font``): each property set is one call (Range.Font.Bold)."""

    def __init__(self, area: FakeRange) -> None:
        self._area, self._bold, self._color = area, False, None

    @property
    def bold(self) -> bool:
        return self._bold

    @bold.setter
    def bold(self, value: bool) -> None:
        self._area.sheet.call()  # _xlwindows.Font.bold: Font.Bold
        self._bold = value

    @property
    def color(self):
        return self._color

    @color.setter
    def color(self, value) -> None:
        self._area.sheet.call()
        self._color = value


MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # a worksheet's size since Excel 2007


def a1_address(first: Cell, last: Cell) -> str:
    """Range.Address: absolute, "$A$2:$L$3", one cell "$A$2", whole columns "$A:$B",
    whole rows "$4:$5"."""
    if (first[0], last[0]) == (1, MAX_ROWS):
        return f"${_letters(first[1])}:${_letters(last[1])}"
    if (first[1], last[1]) == (1, MAX_COLUMNS):
        return f"${first[0]}:${last[0]}"
    one = f"${_letters(first[1])}${first[0]}"
    return one if first == last else f"{one}:${_letters(last[1])}${last[0]}"


def _letters(column: int) -> str:
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


class FakeAreas:
    """A multi-area range (Windows: ``_xlwindows.Sheet.range`` hands "B2,D4:D9" to
    Worksheet.Range, which takes several areas; Microsoft Learn, "Worksheet.Range
    property"): one value, formula or fill goes to every area in one call; an array cannot
    (Range.Value of a multi-area range sets each area to one value)."""

    def __init__(self, sheet: FakeSheet, areas: list[FakeRange]) -> None:
        self.sheet, self.areas = sheet, areas

    @property
    def address(self) -> str:
        self.sheet.call()
        return ",".join(a1_address(a.first, a.last) for a in self.areas)

    @property
    def count(self) -> int:
        self.sheet.call()
        return sum(len(a._flat()) for a in self.areas)

    @property
    def value(self) -> None:
        raise NotImplementedError("the adapter reads single areas")

    @value.setter
    def value(self, data: object) -> None:
        self._each(data, "value")

    @property
    def formula2(self) -> None:
        raise NotImplementedError("the adapter reads single areas")

    @formula2.setter
    def formula2(self, data: object) -> None:
        self._each(data, "formula2")

    def _each(self, data: object, kind: str) -> None:
        if isinstance(data, (list, tuple)):
            raise ValueError("Excel gives a multi-area range one value, not an array")
        self.sheet.call()
        for area in self.areas:
            self.sheet.calls_paused += 1
            setattr(area, kind, data)
            self.sheet.calls_paused -= 1
        self.sheet.writes -= len(self.areas) - 1  # one call for all areas

    @property
    def color(self) -> None:
        raise NotImplementedError("the adapter reads fills by single areas")

    @color.setter
    def color(self, value: str | tuple[int, int, int] | None) -> None:
        self.sheet.call()
        for area in self.areas:
            self.sheet.calls_paused += 1
            area.color = value
            self.sheet.calls_paused -= 1
        self.sheet.format_calls -= len(self.areas) - 1  # one call for all areas

    def select(self) -> None:
        self.sheet.select(",".join(a1_address(a.first, a.last) for a in self.areas))


class FakeRows:
    """``range.rows``: Excel fits each row's height to its wrapped text on ``autofit``."""

    def __init__(self, area: FakeRange) -> None:
        self.area = area

    def autofit(self) -> None:
        self.area.sheet.call()
        self.area.sheet.autofit_rows.append((self.area.first[0], self.area.last[0]))
