"""The Check against CSR button (R1-R9): the Input sheet's requests against the losing
carrier's CSR, the findings on the same Check sheets the command line writes (X4).

The CSR comes from the workbook's Carrier CSR sheet (an agent's columns, pasted), or, in
a workbook without one, from the files the agent picks (an agent's .csv/.xlsx, Telnyx
.json or Bandwidth .xml) in Excel's Open dialog, as the tracker's exports are picked.
"""

from __future__ import annotations

import pandas as pd

from lnp_excel.core.check import check_requests
from lnp_excel.core.errors import NO_DATA, InputError
from lnp_excel.excel.actions.common import PLANNER, action, on_sheet, read_table
from lnp_excel.excel.actions.output_sheets import write_sheet
from lnp_excel.excel.actions.planner import INPUT, carrier_directory_sheet, plan_from_sheets
from lnp_excel.excel.book import CARRIER_CSRS, Book
from lnp_excel.io.carrier_csr import CSR_ALIAS_GROUPS, read_csr_files, records_from_table
from lnp_excel.io.check_report import check_sheets

CSR_SHEET = "Carrier CSR"
ASK_PROMPT = "The losing carrier's CSR (.csv, .xlsx, Telnyx .json or Bandwidth .xml):"
NO_CSR = (
    "no CSR to check against: paste the losing carrier's CSR into the Carrier CSR sheet "
    "(Account Number, BTN, Customer Name, Authorized Name, Service Address, Passcode "
    "Required, Pending Order, Features, Working Telephone Number), or pick its files "
    f"(headless: put them in a {CARRIER_CSRS.folder} folder beside the workbook)"
)


@action("check", "Check against CSR", PLANNER)
def check(book: Book) -> str:
    """R1-R9 on the plan of the Input sheet; writes Check and Check Summary."""
    directory = carrier_directory_sheet(book)
    plan = plan_from_sheets(book, directory)
    records = csr_records(book)
    with on_sheet(INPUT):
        result = check_requests(plan, records, carrier_directory=directory)
    for spec in check_sheets(result):
        write_sheet(book, spec)
    return result.summary_line()


def csr_records(book: Book) -> pd.DataFrame:
    """The Carrier CSR sheet's records, else those of the file the agent picks."""
    if CSR_SHEET in book.sheet_names():
        try:
            with on_sheet(CSR_SHEET):
                table = read_table(book, CSR_SHEET, CSR_ALIAS_GROUPS)
                return records_from_table(table.table, CSR_SHEET)
        except InputError as error:
            if error.kind != NO_DATA:
                raise
    picked = book.pick_files(ASK_PROMPT, CARRIER_CSRS)
    if not picked:
        raise InputError(NO_CSR)
    return read_csr_files(picked)
