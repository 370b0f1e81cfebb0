"""Port_Planner.xlsm buttons: normalize, plan, export request files, letters of
authorization, clear outputs."""

from __future__ import annotations

import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory, default_directory, directory_from_table
from lnp_excel.core.columns import NUMBER_ALIASES, find_column
from lnp_excel.core.numbers import engine_column, normalized_table, summary_line
from lnp_excel.core.plan import plan_ports
from lnp_excel.core.values import plural
from lnp_excel.excel.actions.common import (
    PLANNER,
    action,
    as_count,
    as_date,
    on_sheet,
    progress_on,
    read_settings,
    read_table,
)
from lnp_excel.excel.actions.output_sheets import write_sheet
from lnp_excel.excel.book import Book
from lnp_excel.io.check_report import CHECK_SHEETS
from lnp_excel.io.plan_report import NOT_READY, STATUS_FILLS, export_requests, plan_sheets
from lnp_excel.io.sheet_layout import SheetSpec, sheet_layout

INPUT = "Input"
DIRECTORY = "Carrier Directory"
REQUESTS = "port_requests"  # the folder beside the workbook (P3c)
LETTERS = "letters_of_authorization"  # the folder beside the workbook (L1)
SHOWN = 5  # accounts without a letter named on the status bar (L4); the rest counted
OUTPUT_SHEETS = ("Numbers", "Requests", "Exceptions", "Checklist", "Summary", *CHECK_SHEETS)


@action("normalize", "Normalize numbers", PLANNER)
def normalize(book: Book) -> str:
    """N1-N6 on the Input sheet's numbers, written to the Numbers sheet."""
    settings, _ = read_settings(book)
    source = read_table(book, INPUT, (NUMBER_ALIASES,))
    with on_sheet(INPUT):
        column = find_column(list(source.frame.columns), NUMBER_ALIASES, role="phone number")
        result = normalized_table(
            source.frame, column, settings.default_region, progress=progress_on(book)
        )
    status = engine_column(result, "Status")  # "Status (lnp)" beside the customer's own
    write_sheet(book, SheetSpec("Numbers", result, value_fills={status: STATUS_FILLS}))
    return summary_line(result, column)


@action("clear", "Clear outputs", PLANNER)
def clear(book: Book) -> str:
    """Empty the output sheets; the Input and Settings sheets are never touched."""
    cleared = [name for name in OUTPUT_SHEETS if name in book.sheet_names()]
    for name in cleared:
        book.write(name, [], header=False)
        book.format_sheet(name, sheet_layout(SheetSpec(name, pd.DataFrame())))  # no table, chart
    return f"Cleared {len(cleared)} output sheets"


def plan_from_sheets(book: Book, directory: CarrierDirectory | None = None):
    """plan_ports on the Input sheet with the Settings sheet's dates and license counts,
    carriers matched with ``directory`` (default: the workbook's Carrier Directory sheet)."""
    settings, extra = read_settings(book)
    source = read_table(book, INPUT, (NUMBER_ALIASES,))
    licenses = {
        "local": as_count(extra.get("Local Licenses"), "Local Licenses"),
        "toll-free": as_count(extra.get("Toll-Free Licenses"), "Toll-Free Licenses"),
    }
    directory = directory if directory is not None else carrier_directory_sheet(book)
    with on_sheet(INPUT):
        return plan_ports(
            source.frame,
            submit_date=as_date(extra.get("Submission Date"), "Submission Date"),
            requested_date=as_date(extra.get("Requested Date"), "Requested Date"),
            licenses={k: v for k, v in licenses.items() if v is not None} or None,
            settings=settings,
            carrier_directory=directory,
            progress=progress_on(book),
        )


def carrier_directory_sheet(book: Book) -> CarrierDirectory | None:
    """The workbook's Carrier Directory sheet (P3b), the whole directory when present."""
    if DIRECTORY not in book.sheet_names():
        return None
    with on_sheet(DIRECTORY):
        return directory_from_table(read_table(book, DIRECTORY, (("Carrier",),)).frame)


@action("plan", "Plan requests", PLANNER)
def plan(book: Book) -> str:
    """P1-P12: the request sheets, from the same report the command line writes."""
    result = plan_from_sheets(book)
    for spec in plan_sheets(result):
        if spec.name not in OUTPUT_SHEETS:
            continue  # the workbook's own Settings sheet is an input, never overwritten
        write_sheet(book, spec)
    return result.summary_line()


@action("export", "Export request files", PLANNER)
def export(book: Book) -> str:
    """One upload-ready CSV per self-service request, in a folder beside the workbook.

    The folder is this button's own: a new export replaces the files the last one wrote
    (its manifest names them), so the folder always holds one plan (P3c); request files
    no manifest lists are refused."""
    folder = book.folder() / REQUESTS
    written = export_requests(
        plan_from_sheets(book),
        folder,
        overwrite=True,
        source="Export request files",
        elsewhere=f"save the workbook in another folder (the button writes into {REQUESTS} "
        "beside it)",
    )
    held = sum(path.parent.name == NOT_READY for path in written)
    apart = f" ({held:,} not ready, carrier unknown: in {NOT_READY})" if held else ""
    return f"Exported {plural(len(written), 'request file')} to {folder}{apart}"


@action("loa", "Letters of Authorization", PLANNER)
def letters(book: Book) -> str:
    """L1-L5: one Letter of Authorization (.docx) per ready account, in a folder beside
    the workbook; the accounts without one are named with what they lack (L4)."""
    from lnp_excel.core.loa import letters_of_authorization
    from lnp_excel.io.documents.loa import write_letters

    directory = carrier_directory_sheet(book) or default_directory()
    plan = plan_from_sheets(book, directory)
    result = letters_of_authorization(plan, carrier_directory=directory)
    folder = book.folder() / LETTERS
    written = write_letters(result, folder)
    summary = f"Wrote {len(written):,} letters of authorization to {folder}"
    heading, *accounts = result.not_ready_lines() or [""]
    if not heading:
        return summary
    shown = "; ".join(line.strip() for line in accounts[:SHOWN])
    more = f"; and {len(accounts) - SHOWN:,} more" if len(accounts) > SHOWN else ""
    return f"{summary}; {heading} {shown}{more}"
