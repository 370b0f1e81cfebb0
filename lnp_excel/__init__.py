"""lnp_excel: number porting for the people who live in Excel.

Public API (pure, no files): ``normalize_numbers``, ``plan_ports``, ``fix_csr``, ``Settings``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from lnp_excel.core.csr import CsrResult, fix_csr
from lnp_excel.core.errors import InputError
from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.plan import Plan, plan_ports
from lnp_excel.core.settings import Settings

__all__ = [
    "CsrResult",
    "InputError",
    "Plan",
    "Settings",
    "__version__",
    "fix_csr",
    "normalize_numbers",
    "plan_ports",
]
