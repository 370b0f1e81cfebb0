"""Workbooks lnp-excel wrote, told by their sheets (R1, T1).

Given where a carrier's file belongs (``--csr``, a status export), a plan, check or tracker
workbook is refused, never read as one: its Requests sheet has the BTN, account and
numbers a CSR has, so a plan read as the CSR matched its own requests and the check said
that no request would be rejected.
"""

from __future__ import annotations

from pathlib import Path

from lnp_excel.core.errors import InputError

# What each output is, by the sheets only it has.
OWN_SHEETS = {
    "the plan": {"Requests", "Numbers"},
    "the CSR check": {"Check", "Check Summary"},
    "the tracker": {"Tracker", "Status History"},
}


def refuse_own_workbook(path: Path, wanted: str) -> None:
    """InputError when ``path`` is a workbook lnp-excel wrote; ``wanted`` says what
    belongs there instead ("a carrier's CSR")."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - the table reader then says what is wrong with it
        return
    try:
        sheets = set(book.sheetnames)
    finally:
        book.close()
    for what, own in OWN_SHEETS.items():
        if own <= sheets:
            raise InputError(
                f"this is {what} lnp-excel wrote, not {wanted}",
                file=path.name,
            )
