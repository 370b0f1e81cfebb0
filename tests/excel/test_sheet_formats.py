"""X4: a button's output sheets look like the command line's workbook.

The same list is planned three ways: ``lnp-excel plan`` (XlsxWriter file), the Plan
requests button headless (``OpenpyxlBook``), and the same button through ``XlwingsBook``
over the Excel stand-in. Each output sheet's number formats, widths, wrap, table, chart
and print setup are read back from what each one really made, and must agree.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from lnp_excel.cli.main import main
from lnp_excel.excel.xlwings_book import run
from lnp_excel.io.sheet_layout import DATE_FORMAT, MONEY_FORMAT, TEXT_FORMAT
from tests.excel.fake_excel import FakeBook

SHEETS = ("Summary", "Requests", "Numbers", "Exceptions", "Checklist")


def looks_in_file(path: Path) -> dict[str, dict]:
    """What a workbook file shows: per sheet, per column (by header) its data format,
    width (Excel's whole characters), wrap; the table's range; charts; print setup."""
    wb = openpyxl.load_workbook(path)
    looks = {}
    for name in SHEETS:
        ws = wb[name]
        (table,) = ws.tables.values()
        last = table.ref.split(":")[1]
        width = openpyxl.utils.column_index_from_string(last.rstrip("0123456789"))
        columns = {}
        for c in range(1, width + 1):
            cell = ws.cell(row=2, column=c)
            filled = cell.value is not None  # a blank cell has no format of its own
            columns[ws.cell(row=1, column=c).value] = (
                cell.number_format if filled else None,
                int(ws.column_dimensions[get_column_letter(c)].width),
                bool(cell.alignment.wrap_text) if filled else None,
            )
        looks[name] = {
            "columns": columns,
            "tall rows": sorted(
                r for r, d in ws.row_dimensions.items() if d.height and d.height > 15
            ),
            "table": (table.name, table.ref),
            "charts": len(ws._charts),
            "print": (
                ws.page_setup.orientation,
                # OOXML's pageSetup defaults: fitToWidth and fitToHeight are 1 when absent
                int(1 if ws.page_setup.fitToWidth is None else ws.page_setup.fitToWidth),
                int(1 if ws.page_setup.fitToHeight is None else ws.page_setup.fitToHeight),
                ws.print_title_rows,
                ws.print_title_cols or "",
                int(ws.page_setup.paperSize),
                ws.page_setup.pageOrder or "downThenOver",
            ),
        }
    return looks


def looks_in_fake(book: FakeBook, blanks: dict[str, set[str]]) -> dict[str, dict]:
    """The same, from what the stand-in recorded of the adapter's calls."""
    looks = {}
    for name in SHEETS:
        ws = book.sheets[name]
        (table,) = ws.tables
        (_, c1), (r2, c2) = table.range.first, table.range.last
        columns = {}
        for c in range(c1, c2 + 1):
            header = ws.cells[(1, c)]
            blank = header in blanks[name]
            shown = None if blank else ws.formats.get((2, c), "General")
            wrap = None if blank else (2, c) in ws.wrapped
            columns[header] = (shown, int(ws.column_widths[c]), wrap)
        setup = ws.api.PageSetup
        looks[name] = {
            "columns": columns,
            "table": (table.name, f"A1:{get_column_letter(c2)}{r2}"),
            "charts": len(ws.charts),
            "print": (
                "landscape" if setup.Orientation == 2 else "portrait",
                setup.FitToPagesWide,
                0 if setup.FitToPagesTall is False else setup.FitToPagesTall,
                "$1:$1" if setup.PrintTitleRows == "$1:$1" else setup.PrintTitleRows,
                setup.PrintTitleColumns,
                setup.PaperSize,
                "overThenDown" if setup.Order == 2 else "downThenOver",
            ),
        }
    return looks


@pytest.fixture(scope="module")
def three_ways(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("x4")
    template = built["Port_Planner"]
    listed = folder / "list.csv"
    ws = openpyxl.load_workbook(template)["Input"]
    with listed.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(ws.iter_rows(values_only=True))
    today = dt.date.today().isoformat()  # the template's blank Submission Date is today
    cli = folder / "cli.xlsx"
    assert main(["plan", str(listed), "-o", str(cli), "--submit-date", today]) == 0
    button = folder / "button.xlsm"
    assert main(["run", str(template), "plan", "-o", str(button)]) == 0
    fake = FakeBook.from_openpyxl(template)
    assert run("plan", book=fake) is not None and fake.app.alerts == []
    return looks_in_file(cli), looks_in_file(button), fake


def test_cli_workbook_has_money_dates_text_wrap_chart_and_print_setup(three_ways) -> None:
    cli, _, _ = three_ways
    requests = cli["Requests"]["columns"]
    assert requests["Cost"][0] == MONEY_FORMAT
    assert requests["Earliest Date"][0] == DATE_FORMAT
    assert requests["Request"][0] == TEXT_FORMAT
    assert cli["Numbers"]["columns"]["Number"][0] == TEXT_FORMAT
    detail = cli["Checklist"]["columns"]["Detail"]
    assert detail[2] and detail[1] == 60  # long text wraps in a wide column
    assert cli["Summary"]["charts"] == 1
    assert cli["Checklist"]["tall rows"]  # wrapped rows are as tall as their lines
    for sheet in SHEETS:  # issue 18: legal, landscape; wide sheets across pages, column A
        orientation, wide, tall, rows, columns, paper, order = cli[sheet]["print"]
        # the Summary's chart is never cut across pages: it prints on one page (issue 18)
        one_page = 1 if sheet == "Summary" else 0
        assert (orientation, tall, rows, paper) == ("landscape", one_page, "$1:$1", 5), sheet
        repeated = ("$A:$A", "overThenDown") if wide > 1 else ("", "downThenOver")
        assert (columns, order) == repeated, sheet
    assert cli["Requests"]["print"][1] > 1  # 15 columns: pages across, never 40%
    assert cli["Checklist"]["print"][1] == 1


def test_headless_button_looks_like_the_cli_workbook(three_ways) -> None:
    cli, button, _ = three_ways
    for sheet in SHEETS:
        assert button[sheet]["table"] == cli[sheet]["table"], sheet
        assert button[sheet]["charts"] == cli[sheet]["charts"], sheet
        assert button[sheet]["print"] == cli[sheet]["print"], sheet
        assert button[sheet]["tall rows"] == cli[sheet]["tall rows"], sheet
        for header, (shown, width, wrap) in cli[sheet]["columns"].items():
            got = button[sheet]["columns"][header]
            assert got[1] == width, (sheet, header)
            if shown is not None:
                assert (got[0], got[2]) == (shown, wrap), (sheet, header)


def test_button_in_excel_looks_like_the_cli_workbook(three_ways) -> None:
    cli, _, fake = three_ways
    blanks = {
        sheet: {h for h, (shown, _, _) in cli[sheet]["columns"].items() if shown is None}
        for sheet in SHEETS
    }
    excel = looks_in_fake(fake, blanks)
    expected = {sheet: dict(looks) for sheet, looks in cli.items()}
    for sheet in SHEETS:  # Excel fits wrapped rows itself (one autofit of the rows)
        fitted = fake.sheets[sheet].autofit_rows
        assert bool(fitted) == bool(expected[sheet].pop("tall rows")), sheet
    assert excel == expected
    (chart,) = fake.sheets["Summary"].charts
    assert chart.title == "Numbers by path and carrier"
    assert chart.chart_type == "column_clustered" and chart.name == "LNP Summary chart"


def test_pressing_plan_twice_keeps_one_table_and_one_chart(built: dict[str, Path]) -> None:
    fake = FakeBook.from_openpyxl(built["Port_Planner"])
    run("plan", book=fake)
    run("plan", book=fake)
    assert fake.app.alerts == []
    assert len(fake.sheets["Summary"].charts) == 1
    assert all(len(fake.sheets[name].tables) == 1 for name in SHEETS)


def test_clear_outputs_removes_their_tables_and_chart(built: dict[str, Path]) -> None:
    fake = FakeBook.from_openpyxl(built["Port_Planner"])
    run("plan", book=fake)
    fake.sheets["Summary"].charts.add(name="Agent's own chart")
    run("clear", book=fake)
    assert fake.app.alerts == []
    assert [c.name for c in fake.sheets["Summary"].charts] == ["Agent's own chart"]
    assert all(not fake.sheets[name].tables for name in SHEETS)
