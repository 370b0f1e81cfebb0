"""The one stand-in allowed: a minimal in-memory copy of the xlwings objects the adapter uses.

Only what ``XlwingsBook`` touches is modelled (sheets, ranges by corner cells, values,
fill colour, font, status bar, alerts, selection address), so a test of the adapter fails
if the adapter starts needing more of Excel. For the add-in (X3): ``app.books`` by name,
``Book.name``, ``Book.macro`` (its input box answers from ``answers``) and ``from_csv``, a
CSV opened as Excel opens it (``excel_typed``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path


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


class FakeSheet:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cells: dict[tuple[int, int], object] = {}
        self.colors: dict[tuple[int, int], object] = {}
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
        self.address, self.count = address, count


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
        """Sheets and values of a real workbook file, as Excel would show them."""
        import openpyxl

        book = cls(str(path), app)
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            sheet = book.sheets.add(ws.title)
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        sheet.cells[(cell.row, cell.column)] = cell.value
        return book


_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def excel_typed(text: str) -> object:
    """What a General cell holds once Excel reads ``text`` from a CSV (or as if typed):
    numbers become floats of 15 significant digits (``+442079460011`` -> 442079460011.0,
    ZIP ``02134`` -> 2134.0), ``TRUE``/``FALSE`` booleans, ISO dates datetimes."""
    stripped = text.strip()
    if not stripped:
        return None
    if _NUMBER.fullmatch(stripped):
        return float(f"{float(stripped):.15g}")
    if stripped.upper() in ("TRUE", "FALSE"):
        return stripped.upper() == "TRUE"
    if _ISO_DATE.fullmatch(stripped):
        return dt.datetime.fromisoformat(stripped)
    return text
