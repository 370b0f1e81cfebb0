"""Port_Planner.xlsm and the add-in: "Update tracker" (T1-T5).

The agent picks the platforms' status exports (Excel's Open dialog; ``lnp-excel run``
reads the ``status_exports`` folder beside the workbook). The plan is the Input sheet
planned as "Plan requests" plans it, so the request ids are the ones submitted. The
tracker is written as sheets of this workbook, the same ones ``lnp-excel track`` writes;
an earlier Tracker sheet's status is what the history compares with, and the columns the
agent added to it stay with their request (T5).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from lnp_excel.core.errors import InputError
from lnp_excel.core.track import track_ports
from lnp_excel.excel.actions.common import (
    PLANNER,
    action,
    as_date,
    on_sheet,
    read_settings,
    read_table,
)
from lnp_excel.excel.actions.output_sheets import write_sheet
from lnp_excel.excel.actions.planner import carrier_directory_sheet, plan_from_sheets
from lnp_excel.excel.book import STATUS_EXPORTS, Book, held
from lnp_excel.io.status_exports import read_status_exports
from lnp_excel.io.tracker_report import (
    HISTORY,
    SUMMARY,
    TRACKER,
    UNMATCHED,
    history_from_sheet,
    previous_statuses,
    tracker_sheets,
)

TRACKER_SUMMARY = "Tracker Summary"  # the workbook's Summary sheet is the plan's
OUTPUT_SHEETS = (TRACKER_SUMMARY, TRACKER, UNMATCHED, HISTORY)
AS_OF = "As-of Date"
PROMPT = "Status exports to read (Bandwidth, Telnyx, Twilio or your own CSV)"


def _sheet_frame(book: Book, sheet: str) -> pd.DataFrame | None:
    """A tracker sheet written before, as a frame; None when there is none yet (the
    sheet is missing, empty, or still shows the template's hint: no Request header).

    A cell holding a formula (the agent's own column, ``=TODAY()-H2``) comes as its
    ``Formula``, so writing the sheet again puts the formula back, not its value (X1, T5).
    """
    if sheet not in book.sheet_names() or not book.read(sheet):
        return None
    try:
        table = read_table(book, sheet, (("Request",),))
    except InputError:
        return None
    frame = table.frame.astype(object)
    formulas = table.formula_cells()
    where = table.positions()
    for name in frame.columns[formulas.any().to_numpy()]:
        rows = frame.index[formulas[name].to_numpy()]
        cells = [held(table.content or [], (int(r), where[str(name)])) for r in rows]
        frame.loc[rows, name] = pd.Series(cells, index=rows, dtype=object)
    return frame.reset_index(drop=True)


@action("track", "Update tracker", PLANNER)
def update_tracker(book: Book) -> str:
    """T1-T5: the picked exports against the plan, into the tracker sheets."""
    files = book.pick_files(PROMPT, STATUS_EXPORTS)
    if not files:
        raise InputError(
            "no status export picked: pick the exports of Bandwidth, Telnyx, Twilio or "
            "your own status CSV (headless: put them in a status_exports folder beside "
            "the workbook)"
        )
    _, extra = read_settings(book)
    named = AS_OF if AS_OF in extra else "As Of"  # the add-in's Settings call it As Of
    as_of = as_date(extra.get(named), named)
    plan = plan_from_sheets(book)
    orders = read_status_exports(files)
    old = _sheet_frame(book, TRACKER)
    with on_sheet(TRACKER):
        tracking = track_ports(
            plan,
            orders,
            as_of=as_of,
            previous=previous_statuses(old),
            history=history_from_sheet(_sheet_frame(book, HISTORY)),
            carrier_directory=carrier_directory_sheet(book),
        )
    for spec in tracker_sheets(tracking, old):
        name = TRACKER_SUMMARY if spec.name == SUMMARY else spec.name
        write_sheet(book, dataclasses.replace(spec, name=name))
    return tracking.summary_line()
