"""Every ribbon action of both templates, through the real ``XlwingsBook`` over the Excel
stand-in, on the data Excel corrupts most easily (X1, X2).

The sheets hold E.164 numbers, zero-led account numbers and ZIP codes, dates typed as
text, formulas in other columns (and a formula in a column a step corrects), in every
cell's General format, as a CSV opened in Excel has them. After each action every cell is
exactly what it was, or exactly what the action handed the adapter; after Undo every cell
is what it was, formulas included.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pytest
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from lnp_excel.core.columns import NUMBER_ALIASES, find_column
from lnp_excel.core.numbers import normalized_table
from lnp_excel.excel.actions import ACTIONS, run_action
from lnp_excel.excel.actions.common import CSR, PLANNER, frame_grid, read_journal, read_table
from lnp_excel.excel.book import Cell, Formula, cell_value
from lnp_excel.excel.xlwings_book import XlwingsBook, run
from lnp_excel.io.sheet_layout import SheetLayout
from tests.excel.fake_excel import FakeBook, FakeSheet

State = tuple[object, object, object, object]  # value, formula, number format, fill


class WatchedBook(XlwingsBook):
    """The real adapter, noting what each action handed it, to compare with what Excel holds."""

    def __init__(self, book: FakeBook) -> None:
        super().__init__(book)
        self.meant: dict[str, dict[Cell, object]] = {}
        self.filled: dict[str, dict[Cell, object]] = {}
        self.formatted: dict[str, SheetLayout] = {}  # output sheets the action laid out (X4)

    def format_sheet(self, sheet: str, layout: SheetLayout) -> None:
        super().format_sheet(sheet, layout)
        self.formatted[sheet] = layout

    def write(self, sheet: str, grid: Sequence[Sequence[object]], *, header: bool = True) -> None:
        cleared = {cell: None for cell in cells_of(self._sheet(sheet))}
        super().write(sheet, grid, header=header)
        cleared.update({(r, c): v for r, row in enumerate(grid, 1) for c, v in enumerate(row, 1)})
        self.meant[sheet] = cleared
        if header and grid:
            row = self._sheet(sheet)
            self.filled.setdefault(sheet, {}).update(
                {cell: row.colors.get(cell) for cell in row.colors if cell[0] == 1}
            )

    def write_cells(self, sheet: str, cells: Mapping[Cell, object]) -> None:
        super().write_cells(sheet, cells)
        self.meant.setdefault(sheet, {}).update(cells)

    def highlight(self, sheet: str, cells: Iterable[Cell], color: str | None) -> None:
        cells = list(cells)
        super().highlight(sheet, cells, color)
        self.filled.setdefault(sheet, {}).update(dict.fromkeys(cells, color))


def cells_of(sheet: FakeSheet) -> set[Cell]:
    return set(sheet.cells) | set(sheet.formulas) | set(sheet.formats) | set(sheet.colors)


def snapshot(book: FakeBook) -> dict[str, dict[Cell, State]]:
    return {
        s.name: {
            cell: (
                s.cells.get(cell),
                s.formulas.get(cell),
                s.formats.get(cell, "General"),
                s.colors.get(cell),
            )
            for cell in cells_of(s)
        }
        for s in book.sheets
    }


def rgb(color: object) -> object:
    if isinstance(color, str):
        return tuple(int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return color


def holds(state: State, meant: object) -> bool:
    """The cell holds exactly ``meant``: same formula, or same value of the same type."""
    value, formula = state[0], state[1]
    if isinstance(meant, Formula):
        return formula == str(meant)
    meant = cell_value(meant)
    if isinstance(meant, (int, float)) and not isinstance(meant, bool):
        return formula is None and isinstance(value, float) and value == meant
    return formula is None and type(value) is type(meant) and value == meant


def assert_as_meant_or_as_before(
    before: dict[str, dict[Cell, State]], book: FakeBook, watched: WatchedBook
) -> None:
    """X1: every cell of every sheet is as it was, or as the action meant it."""
    after = snapshot(book)
    for name, cells in after.items():
        meant, filled = watched.meant.get(name, {}), watched.filled.get(name, {})
        old = before.get(name, {})
        for cell in set(cells) | set(old) | set(meant):
            now = cells.get(cell, (None, None, "General", None))
            was = old.get(cell, (None, None, "General", None))
            where = f"{name}!{cell}"
            if cell in meant:
                assert holds(now, meant[cell]), f"{where}: {now[:2]} is not {meant[cell]!r}"
            else:
                assert now[:2] == was[:2], f"{where} changed: {was[:2]} -> {now[:2]}"
            date_set = was[2] == "General" and now[2] == "m/d/yyyy"
            laid_out = name in watched.formatted  # its formats are the layout's (X4)
            assert now[2] == was[2] or date_set or laid_out, (
                f"{where}: number format {was[2]} -> {now[2]}"
            )
            assert now[3] == (rgb(filled[cell]) if cell in filled else was[3]), f"{where}: fill"


def typed_by_agent(sheet: FakeSheet, rows: list[list[object]], first_row: int) -> None:
    """Rows as an agent types them (one range write): Excel parses what is not quoted."""
    sheet.range((first_row, 1)).value = rows


def opened_in_general(
    built: dict[str, Path], tmp_path: Path, name: str, sheet: str
) -> tuple[FakeBook, FakeSheet, int]:
    """A copy of the built workbook ``name`` opened in Excel, ``sheet``'s cells in General
    format: the book, that sheet, and its last used row."""
    source = tmp_path / f"{name}.xlsm"
    source.write_bytes(built[name].read_bytes())
    book = FakeBook.from_openpyxl(source)
    opened = book.sheets[sheet]
    opened.formats.clear()
    return book, opened, opened.used_range.last_cell.row


@pytest.fixture
def csr_book(built: dict[str, Path], tmp_path: Path) -> FakeBook:
    """CSR_Template as a CSV opened in Excel leaves a CSR: General cells, numbers as numbers."""
    book, csr, last = opened_in_general(built, tmp_path, "CSR_Template", "CSR")
    typed_by_agent(
        csr,
        [
            ["+442079460018", "GB", "BT", "'0044719", "Ann", "Lee", None, "1 High St", "London"],
            ["'+442079460019", "GB", "BT", "'0044719", "Ann", "Lee", None, "2 High St"],
            [
                "6175550199",
                "US",
                "Onvoy, LLC",
                "'0044719",
                "Bo",
                "Li",
                "6175550199",
                "null",
                "Boston",
                "MA",
                "'02134",
            ],
        ],
        last + 1,
    )
    header = [csr.cells.get((1, c)) for c in range(1, 13)]
    address = header.index("Address") + 1
    null_row = next(r for r in range(2, last + 1) if csr.cells.get((r, address)) == "null")
    csr.range((null_row, address)).formula = '="null"'  # a formula in a column C2 corrects
    csr.cells[(null_row, address)] = "null"  # ... as Excel calculated it
    csr.range((1, 13)).value = [["Length", "Received"]]
    for r in range(2, last + 4):
        csr.range((r, 13)).formula = f"=LEN(A{r})"
        csr.cells[(r, 13)] = float(len(str(csr.cells.get((r, 1)) or "")))
        csr.range((r, 14)).value = "'2026-12-01"  # a date typed as text
    settings = book.sheets["Settings"]
    row = next(r for (r, c), v in settings.cells.items() if c == 1 and v == "Billing Address")
    settings.range((row, 2)).value = "'100 Summer St, Boston, MA 02110"
    return book


@pytest.fixture
def planner_book(built: dict[str, Path], tmp_path: Path) -> FakeBook:
    book, data, last = opened_in_general(built, tmp_path, "Port_Planner", "Input")
    typed_by_agent(
        data,
        [
            ["'+442079460018", "BT", "'02134", "'0044719"],
            ["2127361299", "Verizon Business", "Boston", "'2026-12-01"],
            ["'+14165550110", "Rogers", "Toronto", "'=not a formula"],
        ],
        last + 1,
    )
    data.range((1, 5)).value = "Length"
    for r in range(2, last + 4):
        data.range((r, 5)).formula = f"=LEN(A{r})"
    exports = Path(__file__).resolve().parents[2] / "samples" / "exports"
    book.answers = [f"{exports / 'bandwidth_portins.csv'}|{exports / 'agent_status.csv'}"]
    return book  # the files the agent picks when Update tracker asks (T1)


def actions_of(workbook: str) -> list[str]:
    return sorted(n for n, a in ACTIONS.items() if a.workbook == workbook)


@pytest.mark.parametrize("name", actions_of(CSR))
def test_csr_actions_change_only_what_they_mean_and_undo_restores_every_cell(
    csr_book: FakeBook, name: str
) -> None:
    before = snapshot(csr_book)
    watched = WatchedBook(csr_book)
    summary = run_action(watched, name)
    assert summary
    assert_as_meant_or_as_before(before, csr_book, watched)
    journal = read_journal(watched)
    written = set(watched.meant.get("CSR", {}))
    if name != "csr-build":  # a step writes only cells it journals, with their new value
        logged = {
            (int(r), c) for r, c in zip(journal["Row"], journal["Cell"].map(column_of), strict=True)
        }
        assert written <= logged

    undone = WatchedBook(csr_book)
    message = run_action(undone, "undo")
    after = snapshot(csr_book)
    if len(journal) == 0:
        assert message == "Nothing to undo"
    for sheet in ("CSR", "Inventory", "Settings", "Port Orders", "Address Matrix"):
        for cell in set(before[sheet]) | set(after[sheet]):
            was = before[sheet].get(cell, (None, None, "General", None))
            now = after[sheet].get(cell, (None, None, "General", None))
            if was[1]:  # a formula put back: Excel calculates its value again
                was, now = was[1:], now[1:]
            if name == "csr-build":  # the sheet comes back from its backup: values, formulas
                was, now = was[:-2], now[:-2]
            assert now == was, f"{sheet}!{cell} after undo: {was} -> {now}"
    changes = csr_book.sheets["Changes"]
    assert {k: v for k, v in changes.cells.items() if k[0] > 1} == {}


def column_of(address: object) -> int:
    return column_index_from_string(coordinate_from_string(str(address))[0])


def test_run_all_then_undo_restores_a_cell_changed_twice(csr_book: FakeBook) -> None:
    """X2: C2 empties the formula's "null", C4 fills the address; Undo brings the formula back."""
    csr = csr_book.sheets["CSR"]
    (cell,) = [c for c, f in csr.formulas.items() if f == '="null"']
    assert run("csr-all", book=csr_book) and csr_book.app.alerts == []
    journal = read_journal(XlwingsBook(csr_book))
    rules = journal[journal["Row"] == cell[0]]
    rules = rules[rules["Cell"].map(column_of) == cell[1]]["Rule"].tolist()
    assert rules == ["C2", "C4"] and csr.cells[cell] == "100 Summer St"  # C4a: the street line
    assert run("undo", book=csr_book).startswith("Undid 'Run all steps'")
    assert csr.formulas[cell] == '="null"'  # Excel calculates it again: "null"


def test_billing_numbers_and_pins_stay_text_in_general_cells(csr_book: FakeBook) -> None:
    """X1: an E.164 billing number or a digits-only PIN written to a General cell stays text."""
    run("csr-all", book=csr_book)
    csr = csr_book.sheets["CSR"]
    header = {csr.cells.get((1, c)): c for c in range(1, 20)}
    btn = [csr.cells.get((r, header["Billing Telephone Number"])) for r in range(2, 40)]
    assert "+442079460019" in btn  # C5: the number itself, E.164 text in a General cell
    pins = {csr.cells.get((r, header["PIN"])) for r in range(2, 40)}
    assert "8x82125" in pins and "4821" in pins  # digits-only text stays text
    accounts = {csr.cells.get((r, header["Account Number"])) for r in range(2, 40)}
    assert accounts == {None, "4471920", "0044719"}
    zips = {csr.cells.get((r, header["Zip"])) for r in range(2, 40)}
    assert "02110" in zips  # C4a wrote the billing address's ZIP: text, zero kept


def test_a_long_column_is_one_write_not_one_per_cell(csr_book: FakeBook) -> None:
    """X1: a step that changes a run of cells writes them with one call."""
    csr = csr_book.sheets["CSR"]
    csr.writes = 0
    run("csr-pin", book=csr_book)
    journal = read_journal(XlwingsBook(csr_book))
    assert len(journal) > 3
    rows = sorted(int(r) for r in journal["Row"])
    runs = 1 + sum(1 for a, b in zip(rows, rows[1:], strict=False) if b != a + 1)
    assert journal["Cell"].map(column_of).nunique() == 1
    assert csr.writes <= runs < len(rows)  # one call per run of rows at most, not per cell


@pytest.mark.parametrize("name", actions_of(PLANNER))
def test_planner_actions_keep_the_input_and_write_outputs_as_meant(
    planner_book: FakeBook, name: str
) -> None:
    before = snapshot(planner_book)
    watched = WatchedBook(planner_book)
    assert run_action(watched, name)
    assert_as_meant_or_as_before(before, planner_book, watched)
    assert snapshot(planner_book)["Input"] == before["Input"]
    assert "Input" not in watched.meant and "Settings" not in watched.meant
    kept = snapshot(planner_book)
    assert run_action(XlwingsBook(planner_book), "undo") == "Nothing to undo"
    assert snapshot(planner_book) == kept  # outputs are not journaled: Undo leaves them


def test_normalize_writes_the_numbers_the_engine_made(planner_book: FakeBook) -> None:
    """X1 end to end: the Numbers sheet holds the engine's table, every text as text."""
    source = read_table(XlwingsBook(planner_book), "Input", (NUMBER_ALIASES,))
    column = find_column(list(source.frame.columns), NUMBER_ALIASES, role="phone number")
    expected = frame_grid(normalized_table(source.frame, column, "US"))
    assert run("normalize", book=planner_book) and planner_book.app.alerts == []
    numbers = planner_book.sheets["Numbers"]
    for r, row in enumerate(expected, 1):
        for c, value in enumerate(row, 1):
            state = (numbers.cells.get((r, c)), numbers.formulas.get((r, c)), None, None)
            assert holds(state, value), f"Numbers!{(r, c)}: {state[0]!r} is not {value!r}"
    texts = [v for v in numbers.cells.values() if isinstance(v, str)]
    assert "+442079460018" in texts and "0044719" in texts and "=not a formula" in texts


def test_a_changes_sheet_from_an_older_workbook_is_upgraded_and_still_undone(
    csr_book: FakeBook,
) -> None:
    """A workbook saved before the journal had its formula and fill columns keeps working."""
    changes = csr_book.sheets["Changes"]
    changes.clear_contents()
    old = ["Action #", "Action", "Sheet", "Cell", "Row", "Column", "Old", "New", "Rule"]
    csr = csr_book.sheets["CSR"]
    csr.range((2, 4)).value = "'4471921"
    changes.range((1, 1)).value = [old, [1, "Earlier", "CSR", "D2", 2, "Account Number",
                                         "'4471920", "'4471921", "C6"]]  # fmt: skip
    assert run("csr-pin", book=csr_book) and csr_book.app.alerts == []
    header = [changes.cells.get((1, c)) for c in range(1, 12)]
    assert header[-2:] == ["Old formula", "Old fill"] and changes.cells[(2, 2)] == "Earlier"
    assert run("undo", book=csr_book).startswith("Undid 'Add PIN'")
    assert run("undo", book=csr_book) == "Undid 'Earlier': 1 cells restored"
    assert csr.cells[(2, 4)] == "4471920"
