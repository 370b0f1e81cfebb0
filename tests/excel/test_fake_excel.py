"""The Excel stand-in types what is written the way Excel documents it (X1).

Excel parses text assigned to a General cell as if typed: numeric text becomes a number,
date text a date, TRUE/FALSE a boolean, "=..." a formula. A Text ("@") cell or a leading
apostrophe keeps text as text, and the apostrophe is not part of the value.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.excel.fake_excel import FakeApp, FakeBook, FakeSheet
from tests.excel.fake_excel_api import FakeComError


def written(value: object, number_format: str = "General") -> FakeSheet:
    sheet = FakeBook().sheets.add("S")
    sheet.range((1, 1)).number_format = number_format
    sheet.range((1, 1)).value = value
    return sheet


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("+442079460018", 442079460018.0),  # an E.164 number loses its plus
        ("0044719", 44719.0),  # a zero-led account number loses its zeros
        ("02134", 2134.0),  # a ZIP code too
        ("1,234.5", 1234.5),
        ("2127361234.0", 2127361234.0),
        ("2026-12-01", dt.datetime(2026, 12, 1)),
        ("12/1/2026", dt.datetime(2026, 12, 1)),
        ("TRUE", True),
        ("false", False),
        ("(212) 736-1234", "(212) 736-1234"),  # not a number to Excel either
        ("13/45/2026", "13/45/2026"),  # no such date: text
        ("8x82125", "8x82125"),
    ],
)
def test_text_in_a_general_cell_is_parsed_as_if_typed(text: str, held: object) -> None:
    assert written(text).cells.get((1, 1)) == held
    assert type(written(text).cells.get((1, 1))) is type(held)


def test_a_date_gets_a_date_format_unless_its_cell_has_one() -> None:
    """Microsoft Learn, "Range.Formula property": a date set into a cell without a date or
    time format gets the short date format."""
    assert written("2026-12-01").formats[(1, 1)] == "m/d/yyyy"
    assert written(dt.date(2026, 12, 1), "0.00").formats[(1, 1)] == "m/d/yyyy"
    assert written(dt.date(2026, 12, 1), "yyyy-mm-dd").formats[(1, 1)] == "yyyy-mm-dd"


def test_text_starting_with_equals_becomes_a_live_formula() -> None:
    sheet = written('=A2&"x"')
    assert sheet.formulas[(1, 1)] == '=A2&"x"' and (1, 1) not in sheet.cells
    assert sheet.range((1, 1)).formula == '=A2&"x"'


@pytest.mark.parametrize("text", ["+442079460018", "0044719", "2026-12-01", "TRUE", "=SUM(A1)"])
def test_text_format_or_an_apostrophe_keeps_text(text: str) -> None:
    assert written(text, "@").cells[(1, 1)] == text
    apostrophe = written("'" + text)
    assert apostrophe.cells[(1, 1)] == text and not apostrophe.formulas
    assert apostrophe.range((1, 1)).formula == text  # the apostrophe is not in the value


def test_formula_reads_constants_as_excel_shows_them() -> None:
    sheet = FakeBook().sheets.add("S")
    sheet.range((1, 1)).value = [[2127361234, True, dt.datetime(2026, 12, 1), None, "x"]]
    assert sheet.range((1, 1), (1, 5)).formula == (("2127361234", "TRUE", "12/1/2026", "", "x"),)


def test_values_read_in_xlwings_shapes_and_writes_count_calls() -> None:
    sheet = FakeBook().sheets.add("S")
    sheet.range((1, 1)).value = [["a", "b"], ["c", "d"]]
    assert sheet.writes == 1
    assert sheet.range((1, 1)).value == "a"
    assert sheet.range((1, 1), (1, 2)).value == ["a", "b"]
    assert sheet.range((1, 1), (2, 1)).options(ndim=2).value == [["a"], ["c"]]
    assert sheet.used_range.last_cell.row == 2 and sheet.used_range.last_cell.column == 2


def test_clear_contents_keeps_formats_and_fills_and_mixed_fills_cannot_be_read() -> None:
    sheet = FakeBook().sheets.add("S")
    sheet.range((1, 1), (2, 1)).value = [["'007"], ["x"]]
    sheet.range((1, 1)).number_format = "@"
    sheet.range((1, 1)).color = "#FFEB9C"
    sheet.clear_contents()
    assert sheet.cells == {} and sheet.formats[(1, 1)] == "@"
    assert sheet.range((1, 1)).color == (0xFF, 0xEB, 0x9C)
    with pytest.raises(TypeError):  # Excel's Interior.Color is Null for a mixed range
        _ = sheet.range((1, 1), (2, 1)).color


def test_a_text_cell_keeps_what_it_is_given_apostrophe_included() -> None:
    """Microsoft Support, "Format numbers as text": a Text cell holds exactly what it gets."""
    assert written("'8x82125", "@").cells[(1, 1)] == "'8x82125"
    assert written("'8x82125").cells[(1, 1)] == "8x82125"


def test_error_values_read_as_none_unless_err_to_str() -> None:
    """xlwings ``_xlwindows.py`` ``_clean_value_data_element``; "#N/A" typed is the error."""
    sheet = written("#N/A")
    assert sheet.range((1, 1)).value is None
    assert sheet.range((1, 1)).options(err_to_str=True).value == "#N/A"
    assert sheet.range((1, 1)).formula == "#N/A"
    assert written("#N/A", "@").range((1, 1)).value == "#N/A"  # text in a Text cell


def test_a_new_sheet_becomes_active_and_each_sheet_keeps_its_selection() -> None:
    """xlwings ``main.Sheets.add``: "Creates a new Sheet and makes it the active sheet"."""
    book = FakeBook()
    data = book.sheets.add("Data")
    data.range("A2:C3").select()
    assert book.selection.address == "$A$2:$C$3"
    other = book.sheets.add("Other", after=data)
    assert book.sheets.active is other and book.selection.address == "$A$1"
    with pytest.raises(FakeComError):  # Range.Select on an inactive sheet fails
        data.range("A5").select()
    data.activate()
    assert book.selection.address == "$A$2:$C$3"
    with pytest.raises(ValueError):
        book.sheets.add("data")  # any case: already present


def test_calls_into_excel_are_counted() -> None:
    book = FakeBook()
    sheet = book.sheets.add("S")
    book.app.calls = 0
    sheet.range((1, 1), (100, 3)).value = [["x"] * 3] * 100
    _ = sheet.range((1, 1), (100, 3)).value
    sheet.range("A1,B5:B9").color = "#FFEB9C"
    assert book.app.calls == 3


def test_a_mac_range_keeps_only_the_first_cell_of_several_areas() -> None:
    """xlwings ``_xlmac.py`` ``Sheet.range``: the address is cut at its first ":"."""
    book = FakeBook(app=FakeApp(mac=True))
    sheet = book.sheets.add("S")
    sheet.range("B2:B9,D4:D9").value = "x"
    assert sheet.cells == {(2, 2): "x"}


def test_page_setup_without_a_printer_raises_a_com_error() -> None:
    book = FakeBook(app=FakeApp(printer=False))
    sheet = book.sheets.add("S")
    with pytest.raises(FakeComError):
        sheet.api.PageSetup.Orientation = 2


def test_an_emptied_table_header_is_named_column_n() -> None:
    """Excel never leaves a table header empty (Microsoft Support, "Overview of Excel
    tables")."""
    sheet = FakeBook().sheets.add("S")
    sheet.range((1, 1)).value = [["Row", "Rule"], [2, "C3"]]
    sheet.tables.add(source=sheet.range((1, 1), (2, 2)), name="T")
    sheet.clear_contents()
    assert sheet.cells == {(1, 1): "Column1", (1, 2): "Column2"}


def test_special_cells_finds_the_blanks_of_a_range() -> None:
    """Range.SpecialCells(xlCellTypeBlanks): one call, one fill for all found."""
    sheet = FakeBook().sheets.add("S")
    sheet.range((1, 1)).value = [["a"], [None], ["b"], [None]]
    sheet.range((1, 1), (4, 1)).api.SpecialCells(4).Interior.Color = 0xFF
    assert set(sheet.colors) == {(2, 1), (4, 1)}


def test_whole_columns_and_rows_have_excels_addresses() -> None:
    sheet = FakeBook().sheets.add("S")
    assert sheet.range("$A:$B").address == "$A:$B"
    assert sheet.range("$4:$5").address == "$4:$5"
    assert sheet.range("B2:C3").address == "$B$2:$C$3"


def test_page_setup_with_printer_communication_off_commits_when_it_is_on() -> None:
    for printer in (True, False):
        book = FakeBook(app=FakeApp(printer=printer))
        setup, api = book.sheets.add("S").api.PageSetup, book.app.api
        api.PrintCommunication = False
        setup.Orientation = 2  # cached: no error yet
        assert setup.Orientation == 1
        if printer:
            api.PrintCommunication = True
            assert setup.Orientation == 2
        else:
            with pytest.raises(FakeComError):
                api.PrintCommunication = True
