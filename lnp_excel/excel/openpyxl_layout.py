"""``OpenpyxlBook.format_sheet``: a sheet's description (X4) applied with openpyxl, so a
workbook run headless looks like the command line's: formats, widths, wrap, the table,
the chart and the print setup."""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo

from lnp_excel.io.sheet_layout import TABLE_STYLE, PrintSetup, SheetLayout, table_base_name

WRAP = Alignment(wrap_text=True)
HEADER_FONT = Font(name="Calibri", size=11, bold=True, color="FFFFFF")


def format_sheet(ws, layout: SheetLayout) -> None:
    """Apply ``layout`` to an openpyxl worksheet whose cells were just written."""
    last = layout.rows + 1
    for index, column in enumerate(layout.columns, start=1):
        header = ws.cell(row=1, column=index)
        if header.font.b:  # the header write() styled: in the workbook's font, not a fallback
            header.font = HEADER_FONT
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        for row in range(2, last + 1):
            cell = ws.cell(row=row, column=index)
            if column.number_format:
                cell.number_format = column.number_format
            if column.wrap:
                cell.alignment = WRAP
    for offset, width in enumerate(layout.notes_widths):
        ws.column_dimensions[get_column_letter(layout.notes_column + 1 + offset)].width = width
    for row, number_format in enumerate(layout.notes_formats, start=1):
        if number_format:
            ws.cell(row=row, column=layout.notes_column + 2).number_format = number_format
    for row, height in layout.row_heights:
        ws.row_dimensions[row + 1].height = height
    _table(ws, layout)
    _chart(ws, layout)
    _print_setup(ws, layout.printing)


def _print_setup(ws, printing: PrintSetup) -> None:
    """The sheet's ``PrintSetup`` (as the XlsxWriter file and the xlwings adapter)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = printing.paper
    left, right, top, bottom = printing.margins
    ws.page_margins = PageMargins(left=left, right=right, top=top, bottom=bottom)
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = printing.pages_wide
    ws.page_setup.fitToHeight = printing.pages_tall
    ws.print_title_rows = "1:1"
    last = get_column_letter(printing.title_columns) if printing.title_columns else None
    ws.print_title_cols = f"A:{last}" if last else None
    ws.page_setup.pageOrder = "overThenDown" if printing.across_first else None


def _table(ws, layout: SheetLayout) -> None:
    """One table over header and data: an earlier one at A1 is fitted, never doubled."""
    for table in list(ws.tables.values()):  # (TableList.items() gives refs, not tables)
        if table.displayName == table_base_name(layout.name) or (
            layout.table and table.ref.split(":")[0] == "A1"
        ):
            del ws.tables[table.displayName]
    if not layout.table:
        return
    ref = f"A1:{get_column_letter(len(layout.columns))}{layout.rows + 1}"
    ws.auto_filter.ref = None  # a table brings its own filter; two would corrupt the sheet
    style = TableStyleInfo(name=TABLE_STYLE.replace(" ", ""), showRowStripes=True)
    ws.add_table(Table(displayName=layout.table, ref=ref, tableStyleInfo=style))


CHARTS = {"column": (BarChart, "col"), "bar": (BarChart, "bar"), "line": (LineChart, None)}


def _chart(ws, layout: SheetLayout) -> None:
    ws._charts = []  # a button pressed twice draws one chart, not two
    chart_spec = layout.chart
    if chart_spec is None:
        return
    if chart_spec.kind == "pie":
        chart, values = PieChart(), list(chart_spec.value_columns)[:1]
    else:
        kind, direction = CHARTS[chart_spec.kind]
        chart, values = kind(), list(chart_spec.value_columns)
        if direction:
            chart.type = direction
    last = layout.rows + 1
    for name in values:
        column = layout.column(name) + 1
        data = Reference(ws, min_col=column, min_row=1, max_row=last)
        chart.add_data(data, titles_from_data=True)
    category = layout.column(chart_spec.categories_column) + 1
    chart.set_categories(Reference(ws, min_col=category, min_row=2, max_row=last))
    chart.title = chart_spec.title
    if len(values) == 1 and chart_spec.kind != "pie":
        chart.legend = None
    row, column = layout.chart_cell
    ws.add_chart(chart, f"{get_column_letter(column + 1)}{row + 1}")
