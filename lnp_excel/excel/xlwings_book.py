"""The Excel adapter, called by the ribbon through ``RunPython``; the only code CI cannot run.

It stays small on purpose: read a used range in one call (two with formulas), write only
the cells an action changes, one call per rectangle, colour rectangles, show the status
bar, and turn every error into a message box.

Excel parses text written through ``Range.value`` as if typed (``+44...`` and ``0044719``
become numbers, ``2026-12-01`` a date, ``=...`` a formula), so every text goes in behind an
apostrophe, which Excel keeps out of the value (X1).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl.utils import get_column_letter

from lnp_excel.core.errors import InputError
from lnp_excel.excel.actions import run_action
from lnp_excel.excel.book import (
    HEADER_FILL,
    PICKED_SEPARATOR,
    Book,
    Cell,
    Formula,
    Grid,
    Rectangle,
    cell_value,
    rectangles,
)
from lnp_excel.excel.xlwings_layout import format_sheet as format_layout
from lnp_excel.io.sheet_layout import SheetLayout

TITLE = "LNP Tools"


class XlwingsBook:
    """``Book`` over an open xlwings Book."""

    def __init__(self, book) -> None:
        self.book = book

    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def _sheet(self, name: str):
        if name not in self.sheet_names():
            self.book.sheets.add(name, after=self.book.sheets[-1])
        return self.book.sheets[name]

    def _used(self, sheet: str):
        ws = self._sheet(sheet)
        last = ws.used_range.last_cell
        return ws.range((1, 1), (last.row, last.column))

    def read(self, sheet: str) -> Grid:
        values = self._used(sheet).options(ndim=2).value
        return [list(row) for row in values or []]

    def read_content(self, sheet: str) -> Grid:
        used = self._used(sheet)
        values = used.options(ndim=2).value or []
        formulas = used.formula
        if isinstance(formulas, str):
            formulas = ((formulas,),)
        return [
            [_content(v, f) for v, f in zip(row, frow, strict=False)]
            for row, frow in zip(values, formulas, strict=False)
        ]

    def fills(self, sheet: str, cells: Iterable[Cell]) -> dict[Cell, str | None]:
        """One read per column spanned (reading a cell is harmless), halved where mixed."""
        ws = self._sheet(sheet)
        wanted = set(cells)
        spans: dict[int, list[int]] = {}
        for r, c in wanted:
            spans.setdefault(c, []).append(r)
        pending = [(min(rows), c, max(rows), c) for c, rows in spans.items()]
        found: dict[Cell, str | None] = {}
        while pending:
            top, left, bottom, right = pending.pop()
            if not any((r, left) in wanted for r in range(top, bottom + 1)):
                continue
            try:  # Excel cannot say which fill a range has when it has several
                color = _hex(ws.range((top, left), (bottom, right)).color)
            except (TypeError, ValueError):
                if top == bottom:
                    raise
                middle = (top + bottom) // 2
                pending += [(top, left, middle, right), (middle + 1, left, bottom, right)]
                continue
            found.update({(r, left): color for r in range(top, bottom + 1) if (r, left) in wanted})
        return found

    def write(self, sheet: str, grid: Sequence[Sequence[object]], *, header: bool = True) -> None:
        ws = self._sheet(sheet)
        ws.clear_contents()
        if not grid:
            return
        width = max(len(row) for row in grid)
        ws.range((1, 1)).value = [
            [_as_typed(v) for v in row] + [None] * (width - len(row)) for row in grid
        ]
        if header:
            top = ws.range((1, 1), (1, width))
            top.color = HEADER_FILL
            top.font.bold = True
            top.font.color = "#FFFFFF"
            ws.autofit()

    def write_cells(self, sheet: str, cells: Mapping[Cell, object]) -> None:
        """A rectangle of different values is one grid write; rectangles that all get one
        value (C2's empties, C6's PIN) share one write to a multi-area address. Formulas
        always go as grids: Excel would shift a formula shared by several cells."""
        ws = self._sheet(sheet)
        formulas = {k for k, v in cells.items() if isinstance(v, Formula)}
        for group, kind in ((formulas, "formula"), (cells.keys() - formulas, "value")):
            same: dict[tuple[str, object], list[Rectangle]] = {}
            for top, left, bottom, right in rectangles(group):
                block = [
                    [_as_typed(cells[(r, c)]) for c in range(left, right + 1)]
                    for r in range(top, bottom + 1)
                ]
                keys = {(type(v).__name__, v) for row in block for v in row}
                if len(keys) == 1 and kind == "value":  # Excel shifts a shared formula
                    same.setdefault(keys.pop(), []).append((top, left, bottom, right))
                else:
                    setattr(ws.range((top, left), (bottom, right)), kind, block)
            for (_, value), areas in same.items():
                for address in area_addresses(areas):
                    setattr(ws.range(address), kind, value)

    def highlight(self, sheet: str, cells: Iterable[Cell], color: str | None) -> None:
        """One fill serves many areas: Excel takes a multi-area address (up to 255 chars)."""
        ws = self._sheet(sheet)
        for address in area_addresses(rectangles(cells)):
            ws.range(address).color = color

    def format_sheet(self, sheet: str, layout: SheetLayout) -> None:
        format_layout(self._sheet(sheet), layout)

    def status(self, text: str) -> None:
        self.book.app.status_bar = text

    def pick_files(self, prompt: str) -> list[Path]:
        """Excel's Open dialog, several files at once, through the workbook's
        ``LnpPickFiles`` (VBA): the paths joined by "|", "" when cancelled."""
        answer = self.book.macro("LnpPickFiles")(prompt)
        text = answer if isinstance(answer, str) else ""
        return [Path(part) for part in text.split(PICKED_SEPARATOR) if part.strip()]

    def folder(self) -> Path:
        return Path(self.book.fullname).parent

    def selected_rows(self, sheet: str) -> list[int] | None:
        selection = self.book.selection
        if selection is None or selection.sheet.name != sheet:
            return None
        rows = rows_of_address(selection.address)
        return rows if len(rows) > 1 or selection.count > 1 else None


def _content(value: object, formula: object) -> object:
    """A formula cell as ``Formula``; text that merely starts with "=" reads back as itself."""
    if isinstance(formula, str) and formula.startswith("=") and formula != value:
        return Formula(formula, value)
    return value


def _as_typed(value: object) -> object:
    """What to hand Excel so the cell holds exactly ``value`` (X1): text behind "'"."""
    if isinstance(value, Formula):
        return str(value)
    value = cell_value(value)
    return "'" + value if isinstance(value, str) else value


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
