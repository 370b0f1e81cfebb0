"""The Excel adapter, called by the ribbon through ``RunPython``; the only code CI cannot run.

It stays small on purpose, and every call into Excel is a COM round trip: read a used
range in one call (two with formulas), write the cells an action changes as a few blocks
(``xlwings_cells``), colour many areas per call, show the status bar, and turn every
error into a message box.

Excel parses text written through ``Range.value`` as if typed (``+44...`` and ``0044719``
become numbers, ``2026-12-01`` a date, ``=...`` a formula), so text goes into a General
cell behind an apostrophe, which Excel keeps out of the value, and into a Text cell bare
(X1, ``xlwings_cells``). Every button leaves the agent on the sheet and selection they
were on (X3).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from openpyxl.utils import get_column_letter

from lnp_excel.core.errors import InputError
from lnp_excel.excel.actions import run_action
from lnp_excel.excel.book import (
    HEADER_FILL,
    PICKED_SEPARATOR,
    Book,
    Cell,
    FileKind,
    Formula,
    Grid,
    Rectangle,
    rectangles,
)
from lnp_excel.excel.xlwings_cells import (
    TEXT_FORMAT,
    as_typed,
    block_values,
    blocks,
    has_formula,
    set_cells,
)
from lnp_excel.excel.xlwings_layout import format_sheet as format_layout
from lnp_excel.io.sheet_layout import SheetLayout

TITLE = "LNP Tools"
ON_MAC = sys.platform == "darwin"


class XlwingsBook:
    """``Book`` over an open xlwings Book.

    ``one_area_per_call``: Excel for Mac, whose xlwings range keeps only the first cell of
    a multi-area address (xlwings ``_xlmac.py``, ``Sheet.range``): every area is its own
    call there. Default: this machine is a Mac.
    """

    def __init__(self, book, *, one_area_per_call: bool | None = None) -> None:
        self.book = book
        self.one_area_per_call = ON_MAC if one_area_per_call is None else one_area_per_call
        self._names: list[str] | None = None
        self._sheets: dict[str, object] = {}
        self._content: dict[str, Grid] = {}  # what a sheet holds, as read or since written
        self._view: tuple[str, str | None] | None = None  # active sheet, selection at start
        self._added = False  # a sheet was added, which made it the active one

    def sheet_names(self) -> list[str]:
        if self._names is None:  # one call per sheet: asked once, kept up to date
            self._names = [sheet.name for sheet in self.book.sheets]
        return list(self._names)

    def _sheet(self, name: str):
        if name not in self._sheets:
            if name not in self.sheet_names():
                # xlwings' Sheets.add activates the new sheet: ``kept_view`` goes back
                self._sheets[name] = self.book.sheets.add(name, after=self.book.sheets[-1])
                self._names = [*self.sheet_names(), name]
                self._added = True
            else:
                self._sheets[name] = self.book.sheets[name]
        return self._sheets[name]

    def _used(self, sheet: str):
        ws = self._sheet(sheet)
        last = ws.used_range.last_cell
        return ws.range((1, 1), (last.row, last.column))

    def read(self, sheet: str) -> Grid:
        """Error values come as their text (``err_to_str``): xlwings would read ``#N/A``
        as an empty cell (``_xlwindows.py``, ``_clean_value_data_element``; issue 17 s4)."""
        values = self._used(sheet).options(ndim=2, err_to_str=True).value
        return [list(row) for row in values or []]

    def read_content(self, sheet: str) -> Grid:
        used = self._used(sheet)
        values = used.options(ndim=2, err_to_str=True).value or []
        formulas = used.formula2
        if isinstance(formulas, str):
            formulas = ((formulas,),)
        content = [
            [_content(v, f) for v, f in zip(row, frow, strict=False)]
            for row, frow in zip(values, formulas, strict=False)
        ]
        self._content[sheet] = [list(row) for row in content]
        return content

    def _held(self, sheet: str) -> Grid:
        if sheet not in self._content:
            self.read_content(sheet)
        return self._content[sheet]

    def fills(self, sheet: str, cells: Iterable[Cell]) -> dict[Cell, str | None]:
        """One read per column spanned (reading a cell is harmless); where the fills are
        mixed, halves, each cut down to the wanted cells it holds."""
        ws = self._sheet(sheet)
        rows_in: dict[int, list[int]] = {}
        for r, c in set(cells):
            rows_in.setdefault(c, []).append(r)
        pending = [(c, sorted(rows)) for c, rows in rows_in.items()]
        found: dict[Cell, str | None] = {}
        while pending:
            column, rows = pending.pop()
            try:  # Excel cannot say which fill a range has when it has several
                color = _hex(ws.range((rows[0], column), (rows[-1], column)).color)
            except (TypeError, ValueError):
                if len(rows) == 1:
                    raise
                middle = len(rows) // 2
                pending += [(column, rows[:middle]), (column, rows[middle:])]
                continue
            found.update({(r, column): color for r in rows})
        return found

    def write(self, sheet: str, grid: Sequence[Sequence[object]], *, header: bool = True) -> None:
        """The whole sheet in one call; text bare where the cells are Text (``@``)."""
        ws = self._sheet(sheet)
        ws.clear_contents()
        self._content[sheet] = []
        if not grid:
            return
        width = max(len(row) for row in grid)
        rows = [list(row) + [None] * (width - len(row)) for row in grid]
        cells = {(r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1)}
        self._write_block(ws, (1, 1, len(rows), width), rows)
        set_cells(self._content[sheet], cells)
        if header:
            top = ws.range((1, 1), (1, width))
            top.color = HEADER_FILL
            top.font.bold = True
            top.font.color = "#FFFFFF"
            ws.autofit()

    def write_cells(self, sheet: str, cells: Mapping[Cell, object]) -> None:
        """Few calls for many cells (``xlwings_cells.blocks``): a block per column, the
        cells in it the action does not change written back exactly as they are."""
        if not cells:
            return
        ws = self._sheet(sheet)
        content = self._held(sheet)
        for block in blocks(cells, content):
            self._write_block(ws, block, block_values(block, cells, content))
        set_cells(content, cells)

    def _write_block(self, ws, block: Rectangle, grid: Grid, text: set[Cell] | None = None) -> None:
        """One rectangle, one call: through ``formula2`` when it holds formulas (Range.Formula
        would make them implicit-intersection formulas that never spill; Microsoft Learn,
        "Formula vs Formula2"), else through ``value``."""
        top, left, bottom, right = block
        if text is None:
            text = self._text_cells(ws, block, grid)
        typed = [
            [as_typed(v, (top + i, left + j) in text) for j, v in enumerate(row)]
            for i, row in enumerate(grid)
        ]
        target = ws.range((top, left), (bottom, right))
        if has_formula(grid):
            target.formula2 = [[_serial(v) for v in row] for row in typed]
        else:
            target.value = typed

    def _text_cells(self, ws, block: Rectangle, grid: Grid) -> set[Cell]:
        """The Text-format cells among those that get text: one number-format read over
        the columns that get text, then, where Excel says they are mixed (Null), the
        first row apart (a header), then each column, then halves."""
        top, left, bottom, right = block
        columns = sorted({left + j for row in grid for j, v in enumerate(row) if _is_text(v)})
        pending = [(top, columns[0], bottom, columns[-1])] if columns else []
        found: set[Cell] = set()
        while pending:
            first, west, last, east = pending.pop()
            number_format = ws.range((first, west), (last, east)).number_format
            if number_format == TEXT_FORMAT:
                found.update((r, c) for r in range(first, last + 1) for c in range(west, east + 1))
            elif number_format is not None:
                continue
            elif first == top and last > first:  # mixed: Excel says Null
                pending += [(first, west, first, east), (first + 1, west, last, east)]
            elif east > west:
                pending += [(first, c, last, c) for c in columns if west <= c <= east]
            elif last > first:
                middle = (first + last) // 2
                pending += [(first, west, middle, east), (middle + 1, west, last, east)]
        return found

    def highlight(self, sheet: str, cells: Iterable[Cell], color: str | None) -> None:
        """Fill ``cells``. Many areas share one call (a multi-area address, up to 255
        characters); a column of thousands of scattered cells is filled through Excel's
        own search for blanks (``_fill_blanks``); on a Mac one area per call."""
        ws = self._sheet(sheet)
        cells = set(cells)
        if self.one_area_per_call:
            for top, left, bottom, right in rectangles(cells):
                ws.range((top, left), (bottom, right)).color = color
            return
        content = self._content.get(sheet)
        for block in blocks(cells, content) if content is not None else []:
            top, left, bottom, right = block
            inside = {(r, c) for r, c in cells if top <= r <= bottom and left <= c <= right}
            areas = rectangles(inside)
            if len(area_addresses(areas)) > BLANKS_PAY_FROM:
                self._fill_blanks(ws, block, inside, color, content)
                cells -= inside
        for address in area_addresses(rectangles(cells)):
            ws.range(address).color = color

    def _fill_blanks(
        self, ws, block: Rectangle, targets: set[Cell], color: str | None, content: Grid
    ) -> None:
        """Six calls for any number of cells in a block: write it with the target cells
        empty and every other cell non-empty, let Excel find the blanks
        (Range.SpecialCells(xlCellTypeBlanks)), fill them in one call, and write the block
        back as it was. Exact: each cell ends with the value or formula it had."""
        now = block_values(block, {}, content)
        top, left = block[:2]
        marked = [
            [
                None if (top + i, left + j) in targets else (0 if _empty(v) else v)
                for j, v in enumerate(row)
            ]
            for i, row in enumerate(now)
        ]
        text = self._text_cells(ws, block, now)
        self._write_block(ws, block, marked, text)
        blanks = ws.range(block[:2], block[2:]).api.SpecialCells(XL_CELL_TYPE_BLANKS)
        if color is None:
            blanks.Interior.ColorIndex = XL_COLOR_INDEX_NONE
        else:
            blanks.Interior.Color = _excel_color(color)
        self._write_block(ws, block, now, text)

    def format_sheet(self, sheet: str, layout: SheetLayout) -> None:
        format_layout(self._sheet(sheet), layout)

    def status(self, text: str) -> None:
        self.book.app.status_bar = text

    def pick_files(self, prompt: str, kind: FileKind) -> list[Path]:
        """Excel's Open dialog, several files at once, through the workbook's
        ``LnpPickFiles`` (VBA): the paths joined by "|", "" when cancelled."""
        answer = self.book.macro("LnpPickFiles")(prompt, kind.excel_filter)
        text = answer if isinstance(answer, str) else ""
        return [Path(part) for part in text.split(PICKED_SEPARATOR) if part.strip()]

    def folder(self) -> Path:
        return Path(self.book.fullname).parent

    @contextmanager
    def kept_view(self) -> Iterator[None]:
        """The agent's sheet and selection, read before anything is written (X3, issue 17
        s1), and the sheet they were on active again at the end: a sheet the action adds
        becomes the active one (xlwings ``main.py``, ``Sheets.add``)."""
        name = self.book.sheets.active.name
        selection = self.book.selection  # the app's: on this sheet if this book is active
        on_sheet = selection is not None and selection.sheet.name == name
        self._view = (name, selection.address if on_sheet else None)
        try:
            yield
        finally:
            if self._added:
                self.book.sheets[name].activate()

    def selected_rows(self, sheet: str) -> list[int] | None:
        """The rows selected on ``sheet`` when the action started (C13); None: all rows."""
        if self._view is None:
            selection = self.book.selection
            if selection is None or selection.sheet.name != sheet:
                return None
            address = selection.address
        else:
            name, address = self._view
            if name != sheet or address is None:
                return None
        rows = rows_of_address(address)
        return rows if len(rows) > 1 or ":" in address or "," in address else None


BLANKS_PAY_FROM = 6  # multi-area calls above which ``_fill_blanks`` (six calls) is fewer
XL_CELL_TYPE_BLANKS = 4  # Excel's XlCellType.xlCellTypeBlanks
XL_COLOR_INDEX_NONE = -4142  # Excel's xlColorIndexNone: no fill


def _is_text(value: object) -> bool:
    return isinstance(value, str) and not isinstance(value, Formula)


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _excel_color(color: str) -> int:
    """ "#RRGGBB" as Excel's Interior.Color number (red + green * 256 + blue * 65536)."""
    red, green, blue = (int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return red + green * 256 + blue * 65536


def _serial(value: object) -> object:
    """What ``Range.Formula2`` is given for a cell: xlwings passes it to Excel as it is
    (``_xlwindows.Range.formula2``, no conversion as for ``value``): a date as Excel's
    serial number, an empty cell as "" (as xlwings' ``prepare_xl_data_element`` does)."""
    if isinstance(value, dt.datetime):
        return (value - EXCEL_EPOCH).total_seconds() / 86400
    return "" if value is None else value


EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _content(value: object, formula: object) -> object:
    """A formula cell as ``Formula``; text that merely starts with "=" reads back as itself."""
    if isinstance(formula, str) and formula.startswith("=") and formula != value:
        return Formula(formula, value)
    return value


def _hex(color: object) -> str | None:
    if color is None:
        return None
    if isinstance(color, str):
        return color.upper()
    r, g, b = color  # type: ignore[misc]
    return f"#{r:02X}{g:02X}{b:02X}"


def area_addresses(areas: Iterable[Rectangle], limit: int = 255) -> list[str]:
    """Rectangles as multi-area A1 addresses ("B2:B9,D4"), each within Excel's limit."""
    addresses: list[str] = []
    for top, left, bottom, right in areas:
        area = f"{get_column_letter(left)}{top}"
        if (bottom, right) != (top, left):
            area += f":{get_column_letter(right)}{bottom}"
        if addresses and len(addresses[-1]) + 1 + len(area) <= limit:
            addresses[-1] += "," + area
        else:
            addresses.append(area)
    return addresses


def rows_of_address(address: str) -> list[int]:
    """Sheet rows of an A1 address with several areas: "$A$2:$D$5,$A$9" -> 2..5, 9."""
    rows: set[int] = set()
    for area in address.replace("$", "").split(","):
        numbers = [int(n) for n in re.findall(r"\d+", area)]
        if numbers:
            rows.update(range(min(numbers), max(numbers) + 1))
    return sorted(rows)


def run(
    action_name: str, book=None, *, adapt: Callable[[XlwingsBook], Book] | None = None
) -> str | None:
    """Entry point of every ribbon button: run the action, report in Excel's own way.

    ``adapt`` wraps the adapter (the add-in routes sheet names to the active workbook's).
    """
    import xlwings as xw

    book = book or xw.Book.caller()
    app = book.app
    app.screen_updating = False
    try:
        adapter = XlwingsBook(book)
        with adapter.kept_view():
            summary = run_action(adapter if adapt is None else adapt(adapter), action_name)
        app.status_bar = summary
        return summary
    except InputError as error:
        app.alert(f"{error}\n\nFix this and press the button again.", title=TITLE, mode="critical")
    except Exception as error:  # noqa: BLE001 - the agent sees a message, never a traceback
        app.alert(
            f"{action_name} stopped: {error.__class__.__name__}: {error}\n\n"
            "The Changes sheet lists every cell changed so far; Undo last action puts "
            "them back.",
            title=TITLE,
            mode="critical",
        )
    finally:
        app.screen_updating = True
    return None
