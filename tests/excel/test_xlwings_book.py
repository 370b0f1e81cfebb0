"""The xlwings adapter, against the minimal Excel stand-in: one read, one write, runs of fills."""

from __future__ import annotations

from pathlib import Path

from lnp_excel.excel.xlwings_book import XlwingsBook, area_addresses, rows_of_address, run
from tests.excel.fake_excel import FakeBook


def test_read_and_write_are_one_call_each() -> None:
    book = FakeBook()
    sheet = book.sheets.add("Data")
    adapter = XlwingsBook(book)
    adapter.write("Data", [["Phone", "Carrier"], ["2127361234", "AT&T"], ["x"]])
    assert sheet.writes == 1
    assert adapter.read("Data") == [["Phone", "Carrier"], ["2127361234", "AT&T"], ["x", None]]
    assert sheet.colors[(1, 1)] == (0x1F, 0x4E, 0x78)


def test_highlight_fills_many_areas_in_one_call() -> None:
    book = FakeBook()
    sheet = book.sheets.add("CSR")
    XlwingsBook(book).highlight("CSR", [(2, 3), (3, 3), (4, 3), (9, 3), (2, 5)], "#FFEB9C")
    assert sheet.format_calls == 1
    assert {k for k, v in sheet.colors.items() if v} == {(2, 3), (3, 3), (4, 3), (9, 3), (2, 5)}


def test_area_addresses_stay_within_excels_255_characters() -> None:
    areas = [(r, 2, r, 2) for r in range(2, 2000, 2)] + [(1, 1, 9, 3)]
    addresses = area_addresses(areas)
    assert all(len(a) <= 255 for a in addresses) and len(addresses) < len(areas) / 20
    assert addresses[0].startswith("B2,B4,") and addresses[-1].endswith(",A1:C9")


def test_selection_rows_from_a_multi_area_address() -> None:
    assert rows_of_address("$A$2:$D$5,$A$9") == [2, 3, 4, 5, 9]
    assert rows_of_address("B7") == [7]


def test_ribbon_run_normalizes_and_reports_on_the_status_bar(built: dict[str, Path]) -> None:
    book = FakeBook.from_openpyxl(built["Port_Planner"])
    summary = run("normalize", book=book)
    numbers = book.sheets["Numbers"]
    assert summary.startswith("8 numbers normalized")
    assert book.app.status_bar == summary and book.app.alerts == []
    assert numbers.cells[(1, 1)] == "Row" and numbers.cells[(2, 6)] == "2127361234"
    assert book.app.screen_updating is True


def test_bad_input_becomes_a_message_box_not_a_traceback(built: dict[str, Path]) -> None:
    book = FakeBook.from_openpyxl(built["Port_Planner"])
    book.sheets["Input"].cells.clear()
    book.sheets["Input"].cells[(1, 1)] = "Carrier"
    book.sheets["Input"].cells[(2, 1)] = "AT&T"
    assert run("normalize", book=book) is None
    title, message = book.app.alerts[0]
    assert title == "LNP Tools" and "sheet 'Input'" in message and "Traceback" not in message


def test_fills_read_one_range_per_column_and_split_only_where_mixed() -> None:
    """X2 needs each changed cell's old fill; Excel cannot read a mixed range's fill."""
    book = FakeBook()
    sheet = book.sheets.add("CSR")
    sheet.range((5, 2)).color = "#FFC7CE"
    cells = [(r, 2) for r in range(2, 10)] + [(3, 4), (7, 4)]
    expected = {cell: "#FFC7CE" if cell == (5, 2) else None for cell in cells}
    assert XlwingsBook(book).fills("CSR", cells) == expected


def test_write_cells_is_one_write_per_column_block_and_keeps_the_cells_between() -> None:
    """X1, issue 17 s8: C6's PIN down a long column is one call, the cells between the
    written ones (a text, a formula, a number) written back exactly as they were."""
    book = FakeBook()
    sheet = book.sheets.add("CSR")
    sheet.cells.update({(3, 12): "0044", (4, 12): 7.0, (6, 12): 12.0})
    sheet.formulas[(6, 12)] = "=LEN(A6)"
    adapter = XlwingsBook(book)
    adapter.read_content("CSR")
    pins = {(r, 12): "8x82125" for r in range(2, 400, 3)}
    numbers = {(r, 7): f"+4420794600{r:02d}" for r in range(2, 6)}
    XlwingsBook(book).write_cells("CSR", {**pins, **numbers, (9, 9): "0044719"})
    assert sheet.writes == 3  # the PIN column, the block of numbers, the lone account number
    assert all(sheet.cells[cell] == "8x82125" for cell in pins)
    assert all(sheet.cells[cell] == text for cell, text in numbers.items())
    assert sheet.cells[(9, 9)] == "0044719" and (4, 9) not in sheet.cells
    assert sheet.cells[(3, 12)] == "0044" and sheet.cells[(4, 12)] == 7.0
    assert sheet.formulas[(6, 12)] == "=LEN(A6)"


def test_an_error_value_read_as_text_is_written_back_as_the_error() -> None:
    """X2: Undo of a cell that showed #N/A (read with err_to_str) puts the error back in a
    General cell; a Text cell gets the text, as it would have held it."""
    book = FakeBook()
    sheet = book.sheets.add("CSR")
    sheet.range((2, 2)).number_format = "@"
    adapter = XlwingsBook(book)
    adapter.write_cells("CSR", {(1, 1): "#N/A", (2, 2): "#N/A", (3, 3): "N/A"})
    assert adapter.read("CSR")[0][0] == "#N/A" and sheet.range((1, 1)).value is None
    assert sheet.cells[(2, 2)] == "#N/A" and sheet.cells[(3, 3)] == "N/A"
