"""LNP_Tools.xlam: the template buttons, on the workbook and sheet the agent has open (X3).

RunPython from an add-in runs against the add-in (``Book.caller()`` is LNP_Tools.xlam),
so the VBA (``LnpRunActive``) names the active workbook and sheet explicitly, as UTF-16
code numbers that survive any command line. ``ActiveSheetBook`` then shows that workbook
to the unchanged template actions under the sheet names they use:

- the data sheet (``CSR``, ``Input``; ``Inventory`` for the build) is the active sheet;
- inputs (Settings, Address Matrix, Carrier Lookup, Carrier Directory, Port Orders) are the active
  workbook's sheets of that name when present, else the add-in's own, read only;
- everything else an action writes goes to new ``LNP <name>`` sheets (LNP Changes,
  LNP Flags, LNP Requests, LNP CSR, ...), never over the agent's other sheets;
- the Check against CSR button reads the open workbook's Carrier CSR sheet, else asks
  for the CSR files (``LnpPickFiles``, Excel's Open dialog, as the tracker's exports; R1-R9);
- the customer's name (C8) comes from a ``8x8_<Customer>_CSR`` file name, else from the
  workbook's own Settings sheet, else the agent is asked (``LnpAsk``, an input box);
- before a CSR action first reads the open sheet, the numbers Excel made of a CSV's text
  are put back as text (``excel_typing``), logged and undoable as an action of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from lnp_excel.core.changes import JOURNAL_COLUMNS
from lnp_excel.core.columns import NUMBER_ALIASES
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.excel.actions import ACTIONS, check, csr, planner, track
from lnp_excel.excel.actions.common import (
    CHANGES,
    PLANNER,
    SETTINGS,
    apply_changes,
    read_table,
)
from lnp_excel.excel.actions.excel_typing import excel_typing_changes
from lnp_excel.excel.book import Book, Cell, FileKind, Grid
from lnp_excel.io.csr_files import customer_from_file_name
from lnp_excel.io.sheet_layout import SheetLayout

PREFIX = "LNP "
INPUT_SHEETS = (
    SETTINGS,
    "Address Matrix",
    "Carrier Lookup",
    "Carrier Directory",
    "Port Orders",
    check.CSR_SHEET,
)
OUTPUT_SHEETS = frozenset({CHANGES, csr.FLAGS, *planner.OUTPUT_SHEETS, *track.OUTPUT_SHEETS})
NEEDS_CUSTOMER = frozenset({"csr-save", "csr-docs"})
"""Actions whose files carry the customer's name: only these ask for it."""
ASK_TITLE = "LNP Tools"
RESTORE_LABEL = "Text as the file had it"
_SHEET_COLUMN = JOURNAL_COLUMNS.index("Sheet")
_ACTION_COLUMN = JOURNAL_COLUMNS.index("Action #")

Ask = Callable[[str, str], object]


def from_codes(codes: str) -> str:
    """ "56.120.56" -> "8x8": the UTF-16 code units ``LnpCodes`` sends (pairs for emoji)."""
    if not codes:
        return ""
    units = [int(code) for code in codes.split(".")]
    if any(not 0 <= unit <= 0xFFFF for unit in units):
        raise ValueError(f"not UTF-16 code units: {codes!r}")
    raw = b"".join(unit.to_bytes(2, "little") for unit in units)
    return raw.decode("utf-16-le", errors="surrogatepass")


def data_routes(action: str, active: str) -> dict[str, str]:
    """The sheet names an action reads its data from (and the build writes), made real."""
    if action == "csr-build":
        return {"Inventory": active, csr.SHEET: PREFIX + csr.SHEET}
    chosen = ACTIONS.get(action)
    if chosen is None or chosen.workbook == "both":  # undo works on the names it logged
        return {}
    return {planner.INPUT: active} if chosen.workbook == PLANNER else {csr.SHEET: active}


class ActiveSheetBook:
    """``Book`` over the agent's open workbook, under the sheet names the actions use."""

    def __init__(
        self,
        book: Book,
        *,
        workbook_name: str,
        sheet: str,
        action: str,
        defaults: Book | None = None,
        ask: Ask | None = None,
    ) -> None:
        if sheet not in book.sheet_names():
            raise InputError(f"the workbook '{workbook_name}' has no sheet '{sheet}'")
        self.book, self.defaults, self.ask = book, defaults, ask
        self.workbook_name, self.active, self.action = workbook_name, sheet, action
        self.routes = data_routes(action, sheet)
        self._customer: str | None = None
        self._known: dict[int, list[str]] = {}  # sheet names per book, until the next write
        self._text_checked = self.routes.get(csr.SHEET) != sheet  # only a CSR on the open sheet
        self.restored = 0

    # --- where a name lives ----------------------------------------------------------------

    def _where(self, name: str) -> tuple[Book, str]:
        if name in self.routes:
            return self.book, self.routes[name]
        if name in INPUT_SHEETS:
            if name in self._names(self.book) or self.defaults is None:
                return self.book, name
            return self.defaults, name
        is_output = name in OUTPUT_SHEETS or name.endswith(" backup")
        if name == CHANGES or (self.routes and is_output and not name.startswith(PREFIX)):
            real = (PREFIX + name)[:31]
            if real == self.active:
                raise InputError(  # most likely the agent is looking at our output (X3)
                    f"the open sheet '{real}' is where the add-in writes its {name}: click "
                    "into the sheet with your list and press the button again (if this "
                    "sheet is your list, rename it first)",
                    sheet=real,
                )
            return self.book, real
        return self.book, name

    def sheet_names(self) -> list[str]:
        names = [n for n in self._names(self.book) if self._where(n) == (self.book, n)]
        for logical in [*self.routes, *INPUT_SHEETS, *sorted(OUTPUT_SHEETS)]:
            book, real = self._where(logical)
            present = real in self._names(book) or (logical == SETTINGS and self._names_customer())
            if logical not in names and present:
                names.append(logical)
        return names

    def _names(self, book: Book) -> list[str]:
        """Sheet names, asked once per book between writes: each is a call into Excel."""
        if id(book) not in self._known:
            self._known[id(book)] = book.sheet_names()
        return self._known[id(book)]

    # --- Book ------------------------------------------------------------------------------

    def read(self, sheet: str) -> Grid:
        self._check_text(sheet)
        book, real = self._where(sheet)
        grid = book.read(real) if real in self._names(book) else []
        if sheet == SETTINGS:
            return self._with_customer(grid)
        return grid

    def _check_text(self, sheet: str) -> None:
        """Before the first read of the open CSR sheet, put back what Excel typed (X1)."""
        if not self._text_checked and sheet == csr.SHEET:
            self._text_checked = True
            self.restored = self._restore_text()

    def read_content(self, sheet: str) -> Grid:
        self._check_text(sheet)
        book, real = self._where(sheet)
        return book.read_content(real) if real in self._names(book) else []

    def fills(self, sheet: str, cells: Iterable[Cell]) -> dict[Cell, str | None]:
        book, real = self._where(sheet)
        return book.fills(real, cells)

    def write(self, sheet: str, grid: Sequence[Sequence[object]], *, header: bool = True) -> None:
        real = self._writable(sheet)
        if real == PREFIX + CHANGES:
            grid = self._logged_with_real_names(grid)
        self._known.clear()  # a write may add the sheet
        self.book.write(real, grid, header=header)

    def write_cells(self, sheet: str, cells: Mapping[Cell, object]) -> None:
        real = self._writable(sheet)
        if real == PREFIX + CHANGES:  # appended journal rows name the real sheet
            cells = {
                (r, c): self.routes.get(str(v), v) if c == _SHEET_COLUMN + 1 else v
                for (r, c), v in cells.items()
            }
        self._known.clear()
        self.book.write_cells(real, cells)

    def _writable(self, sheet: str) -> str:
        book, real = self._where(sheet)
        if book is not self.book or sheet in INPUT_SHEETS:
            raise InputError(f"the add-in never writes the input sheet '{sheet}'", sheet=sheet)
        return real

    def highlight(self, sheet: str, cells: Iterable[Cell], color: str | None) -> None:
        book, real = self._where(sheet)
        if book is self.book:
            self._known.clear()  # the adapter adds a sheet it is asked to colour
            self.book.highlight(real, cells, color)

    def format_sheet(self, sheet: str, layout: SheetLayout) -> None:
        self.book.format_sheet(self._writable(sheet), layout)

    def status(self, text: str) -> None:
        self.book.status(text)

    def selected_rows(self, sheet: str) -> list[int] | None:
        return self.book.selected_rows(self._where(sheet)[1])

    def pick_files(self, prompt: str, kind: FileKind) -> list[Path]:
        """The add-in's Open dialog (``LnpPickFiles`` lives in the add-in, as ``LnpAsk``)."""
        return (self.defaults or self.book).pick_files(prompt, kind)

    def folder(self) -> Path:
        """Beside the open workbook; ``corrected`` beside a download the CSV would replace."""
        folder = self.book.folder()
        if not folder.is_absolute():
            raise InputError(
                f"'{self.workbook_name}' is not saved yet: save it first, the files are "
                "written beside it"
            )
        if self.action == "csr-save" and self._from_file_name() is not None:
            return folder / "corrected"  # as `lnp-excel csr fix` does with the download
        return folder

    # --- Changes and the customer ----------------------------------------------------------

    def _restore_text(self) -> int:
        """Put back as text what Excel typed when it opened the file (X1): its own action."""
        target = read_table(self, csr.SHEET, (NUMBER_ALIASES,))
        changes = excel_typing_changes(target.frame, Settings(), target.formula_cells())
        return apply_changes(self, target, changes, RESTORE_LABEL)

    def _logged_with_real_names(self, grid: Sequence[Sequence[object]]) -> list[list[object]]:
        """The newest action's rows name the real sheet (the data sheet was called "CSR"),
        so Undo finds it whichever sheet is active then."""
        rows = [list(row) for row in grid]
        numbers = [_number(r[_ACTION_COLUMN]) for r in rows[1:] if len(r) > _SHEET_COLUMN]
        latest = max((n for n in numbers if n is not None), default=None)
        for row in rows[1:]:
            if len(row) > _SHEET_COLUMN and _number(row[_ACTION_COLUMN]) == latest:
                row[_SHEET_COLUMN] = self.routes.get(str(row[_SHEET_COLUMN]), row[_SHEET_COLUMN])
        return rows

    def _from_file_name(self) -> str | None:
        return customer_from_file_name(self.workbook_name, Settings())

    def _names_customer(self) -> bool:
        return self._from_file_name() is not None or self.action in NEEDS_CUSTOMER

    def _with_customer(self, grid: Grid) -> Grid:
        """The Settings grid with the customer's name (C8) where the add-in found it."""
        rows = [list(row) for row in grid]
        existing = next((r for r in rows if r and str(r[0]).strip() == "Customer"), None)
        own = SETTINGS in self._names(self.book)
        typed = existing[1] if own and existing and len(existing) > 1 else None
        name = self._from_file_name() or (str(typed).strip() if typed else None)
        if name is None and self.action in NEEDS_CUSTOMER:
            name = self._asked_customer()
        if name is None:
            return rows
        if not rows:
            rows = [["Setting", "Value", "Description"]]
        if existing is None:
            rows.append(["Customer", name, "customer name (C8)"])
        else:
            existing[1:2] = [name]
        return rows

    def _asked_customer(self) -> str:
        if self._customer is None:
            answer = None
            if self.ask is not None:
                answer = self.ask(
                    "Customer name for the CSR file 8x8_<Customer>_CSR.csv (C8):",
                    Path(self.workbook_name).stem,
                )
            if not isinstance(answer, str) or not answer.strip():
                raise InputError(
                    "no customer name given: the CSR file is named after the customer (C8). "
                    "Type it when asked, add a Settings sheet with a Customer row, or open "
                    "the file saved as 8x8_<Customer>_CSR.csv"
                )
            self._customer = answer.strip()
        return self._customer


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def run(action_name: str, workbook: str, sheet: str, *, caller=None) -> str | None:
    """Entry point of every add-in button (``LnpRunActive``): the action on the open sheet.

    ``workbook`` and ``sheet`` are ``LnpCodes`` of ActiveWorkbook.Name and ActiveSheet.Name;
    ``caller`` is the add-in's own xlwings Book (``Book.caller()`` from Excel).
    """
    import xlwings as xw

    from lnp_excel.excel.xlwings_book import TITLE, XlwingsBook
    from lnp_excel.excel.xlwings_book import run as run_in_excel

    addin = caller or xw.Book.caller()
    try:
        workbook_name, sheet_name = from_codes(workbook), from_codes(sheet)
        target = addin.app.books[workbook_name]
    except Exception as error:  # noqa: BLE001 - the agent sees a message, never a traceback
        addin.app.alert(
            f"LNP Tools could not find the open workbook ({error}). Click into the "
            "workbook to work on and press the button again.",
            title=TITLE,
            mode="critical",
        )
        return None

    def ask(prompt: str, suggestion: str) -> object:
        return addin.macro("LnpAsk")(prompt, ASK_TITLE, suggestion)

    views: list[ActiveSheetBook] = []

    def adapt(adapter: XlwingsBook) -> ActiveSheetBook:
        views.append(
            ActiveSheetBook(
                adapter,
                workbook_name=workbook_name,
                sheet=sheet_name,
                action=action_name,
                defaults=XlwingsBook(addin),
                ask=ask,
            )
        )
        return views[-1]

    summary = run_in_excel(action_name, target, adapt=adapt)
    if summary is not None and views and views[0].restored:
        summary = (
            f"{views[0].restored:,} numbers Excel had made of the file's text put back "
            f"as text (X1); {summary}"
        )
        target.app.status_bar = summary
    return summary
