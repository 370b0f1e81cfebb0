"""Before submitting: each port-in request against the losing carrier's CSR (R1-R9).

Public API: ``check_requests`` (a plan or a list + CSR records -> ``Check``: findings and
a summary per request). ``fields`` compares one field as the carrier would; ``checker``
matches CSR accounts to the plan's requests and collects the findings.
"""

from lnp_excel.core.check.checker import (
    CSR_COLUMNS,
    FINDING_COLUMNS,
    SUMMARY_COLUMNS,
    Check,
    check_requests,
)
from lnp_excel.core.check.fields import INFO, REJECT, WARNING

__all__ = [
    "CSR_COLUMNS",
    "FINDING_COLUMNS",
    "INFO",
    "REJECT",
    "SUMMARY_COLUMNS",
    "WARNING",
    "Check",
    "check_requests",
]
