"""The CSR check as sheets (R1-R9): Check (one finding a row) and Check Summary (one
line per request), the same sheets for ``lnp-excel check``, ``plan --csr`` and the
workbook button (X4)."""

from __future__ import annotations

from pathlib import Path

from lnp_excel.core.check import Check
from lnp_excel.core.reject_codes import reject_table
from lnp_excel.io.sheet_layout import FLAGGED_FILL, SheetSpec
from lnp_excel.io.workbook_writer import write_workbook
from lnp_excel.io.writers import RULES_NOTE, Protected

CHECK_SHEET = "Check"
CHECK_SUMMARY_SHEET = "Check Summary"
CHECK_SHEETS = (CHECK_SHEET, CHECK_SUMMARY_SHEET)
CODES_SHEET = "Reject Codes"  # the check workbook's reference: every code and its fix
PREDICTED = "Predicted Rejections"  # the Requests column plan --csr adds
FINDING_HEADERS = {
    "request": "Request",
    "number": "Number",
    "field": "Field",
    "ours": "Ours",
    "csr": "CSR",
    "code": "Code",
    "severity": "Severity",
    "fix": "Fix",
    "rule": "Rule",
}
SUMMARY_HEADERS = {
    "request": "Request",
    "carrier": "Carrier",
    "csr": "CSR",
    "matched_by": "Matched By",
    "rejections": "Rejections",
    "warnings": "Warnings",
    "summary": "Summary",
}
SEVERITY_FILLS = {"reject": FLAGGED_FILL, "warning": "#FFEB9C", "info": "#EDEDED"}


def check_sheets(check: Check, *, source: str | None = None) -> list[SheetSpec]:
    """Check (findings, coloured by severity) and Check Summary (a line per request)."""
    findings = check.findings[list(FINDING_HEADERS)].rename(columns=FINDING_HEADERS)
    title = f"CSR check{f' of {source}' if source else ''}: {check.summary_line()}"
    notes = [title, RULES_NOTE]
    if findings.empty:
        notes.insert(1, "No finding: every field the CSRs have matches the requests.")
    summary = check.summary[list(SUMMARY_HEADERS)].rename(columns=SUMMARY_HEADERS)
    return [
        SheetSpec(CHECK_SHEET, findings, notes=notes, value_fills={"Severity": SEVERITY_FILLS}),
        SheetSpec(CHECK_SUMMARY_SHEET, summary),
    ]


def write_check(
    check: Check,
    path: str | Path,
    *,
    source: str | None = None,
    protect: Protected = None,
    overwrite: bool = False,
) -> Path:
    """The check workbook, written atomically (never over ``protect``, the input): the
    Check sheets and the Reject Codes table, to read any code a carrier sends later."""
    codes = SheetSpec(CODES_SHEET, reject_table())
    sheets = [*check_sheets(check, source=source), codes]
    return write_workbook(path, sheets, protect=protect, overwrite=overwrite)


def held_back(check: Check) -> dict[str, str]:
    """Request id -> why it is not upload-ready: the rejections the CSR predicts."""
    rejected = check.summary[check.summary["rejections"] > 0]
    return dict(zip(rejected["request"], rejected["summary"], strict=True))
