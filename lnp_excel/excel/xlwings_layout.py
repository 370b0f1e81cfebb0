"""``XlwingsBook.format_sheet``: a sheet's description (X4) applied through xlwings' own
API (number formats, column widths, wrap, ``sheet.tables.add``, ``sheet.charts.add``), so
a button's output looks like the command line's workbook. Page setup has no xlwings
API: it goes through Excel's object model (``sheet.api.PageSetup``) on Windows, and is
never worth stopping an action for."""

from __future__ import annotations

from contextlib import suppress

from lnp_excel.io.sheet_layout import TABLE_STYLE, PrintSetup, SheetLayout, table_base_name

CHART_TYPES = {"column": "column_clustered", "bar": "bar_clustered", "pie": "pie", "line": "line"}
CHART_SIZE = (480, 288)  # points: the size XlsxWriter gives a chart
XL_LANDSCAPE = 2
XL_DOWN_THEN_OVER, XL_OVER_THEN_DOWN = 1, 2  # PageSetup.Order (XlOrder)


def format_sheet(ws, layout: SheetLayout) -> None:
    """Apply ``layout`` to an xlwings sheet whose cells were just written: one call per
    run of side-by-side columns sharing a width, number format or wrap, never one per
    cell."""
    last = layout.rows + 1
    columns = layout.columns
    for first, final, width in _runs([column.width for column in columns]):
        ws.range((1, first), (1, final)).column_width = width
    if layout.rows:
        for first, final, number_format in _runs([c.number_format for c in columns]):
            if number_format:
                ws.range((2, first), (last, final)).number_format = number_format
        for first, final, wrap in _runs([column.wrap for column in columns]):
            if wrap:
                ws.range((2, first), (last, final)).wrap_text = True
    for offset, width in enumerate(layout.notes_widths):
        ws.range((1, layout.notes_column + 1 + offset)).column_width = width
    for row, number_format in enumerate(layout.notes_formats, start=1):
        if number_format:
            ws.range((row, layout.notes_column + 2)).number_format = number_format
    if layout.row_heights:  # Excel measures wrapped text itself: one call for all rows
        ws.range((2, 1), (layout.rows + 1, len(layout.columns))).rows.autofit()
    _table(ws, layout)
    _chart(ws, layout)
    _print_setup(ws, layout.printing)


def _runs(values: list) -> list[tuple[int, int, object]]:
    """(first, last, value) of side-by-side columns (from 1) sharing a value: one call each."""
    runs: list[tuple[int, int, object]] = []
    for index, value in enumerate(values, start=1):
        if runs and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], index, value)
        else:
            runs.append((index, index, value))
    return runs


def _table(ws, layout: SheetLayout) -> None:
    """One table over header and data: the table of an earlier click is resized."""
    if not layout.table:  # an emptied sheet: its table goes (the agent's tables stay)
        for table in list(ws.tables):
            if table.name == table_base_name(layout.name):
                table.delete()
        return
    width = len(layout.columns)
    area = ws.range((1, 1), (layout.rows + 1, width))
    for table in ws.tables:
        if table.name == layout.table:
            before = table.range.last_cell.column
            table.resize(area)
            if before > width:  # Excel named the emptied header cells Column5, Column6...
                ws.range((1, width + 1), (1, before)).clear_contents()
            return
    ws.tables.add(source=area, name=layout.table, table_style_name=TABLE_STYLE.replace(" ", ""))


def _chart(ws, layout: SheetLayout) -> None:
    """The chart of an earlier click is replaced, never stacked; an agent's own charts
    (other names) stay."""
    spec = layout.chart
    name = chart_name(layout.name)
    for chart in list(ws.charts):
        if chart.name == name:
            chart.delete()
    if spec is None:
        return
    positions = [layout.column(spec.categories_column)]
    values = list(spec.value_columns)[:1] if spec.kind == "pie" else list(spec.value_columns)
    positions += [layout.column(name) for name in values]
    source = ws.range((1, min(positions) + 1), (layout.rows + 1, max(positions) + 1))
    row, column = layout.chart_cell
    chart = ws.charts.add(
        width=CHART_SIZE[0],
        height=CHART_SIZE[1],
        chart_type=CHART_TYPES[spec.kind],
        source=source,
        plot_by="columns",
        name=name,
        anchor=ws.range((row + 1, column + 1)),
    )
    chart.title = spec.title


def chart_name(sheet: str) -> str:
    """The name of the chart a button draws on ``sheet`` (its title is the spec's)."""
    return f"LNP {sheet} chart"


def _print_setup(ws, printing: PrintSetup) -> None:
    """The sheet's ``PrintSetup`` in Excel's PageSetup terms (as the XlsxWriter file):
    landscape legal, fit to its pages across, header row and first column repeated.

    With no printer installed Excel raises a COM error on these settings, after the data
    is written (issue 17 s5): the settings are skipped, never the action. Printer
    communication is off while they are set (Microsoft Learn,
    "Application.PrintCommunication property": one round trip to the driver, not many).
    """
    with suppress(Exception):  # no printer (a COM error), Excel for Mac's other names
        application = ws.api.Application
        application.PrintCommunication = False
        try:
            setup = ws.api.PageSetup
            setup.Orientation = XL_LANDSCAPE
            setup.PaperSize = printing.paper
            left, right, top, bottom = (inches * 72 for inches in printing.margins)
            setup.LeftMargin, setup.RightMargin = left, right
            setup.TopMargin, setup.BottomMargin = top, bottom
            setup.Zoom = False
            setup.FitToPagesWide = printing.pages_wide
            setup.FitToPagesTall = printing.pages_tall or False  # False: as many as it takes
            setup.PrintTitleRows = "$1:$1"
            columns = printing.title_columns
            setup.PrintTitleColumns = f"$A:${chr(64 + columns)}" if columns else ""
            setup.Order = XL_OVER_THEN_DOWN if printing.across_first else XL_DOWN_THEN_OVER
        finally:
            application.PrintCommunication = True
