"""lnp_excel: number porting for the people who live in Excel.

Public API (pure, no files): ``normalize_numbers``, ``plan_ports``, ``check_requests``,
``fix_csr``, ``letters_of_authorization``, ``track_ports``, ``Settings``;
and the one reader of customers' files, ``read_table`` (a .csv/.xlsx/.xlsm with its header
found under any title rows: ``plan_ports(read_table("list.csv").frame)``).

The names are imported on first use (a module ``__getattr__``): ``lnp-excel --version``
and a ribbon button's new Python must not pay for pandas, holidays and xlwings before
they need them (issue 14). ``from lnp_excel import plan_ports`` works as before.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "CsrResult": "lnp_excel.core.csr",
    "InputError": "lnp_excel.core.errors",
    "Plan": "lnp_excel.core.plan",
    "Settings": "lnp_excel.core.settings",
    "check_requests": "lnp_excel.core.check",
    "fix_csr": "lnp_excel.core.csr",
    "letters_of_authorization": "lnp_excel.core.loa",
    "normalize_numbers": "lnp_excel.core.numbers",
    "plan_ports": "lnp_excel.core.plan",
    "Tracking": "lnp_excel.core.track",
    "track_ports": "lnp_excel.core.track",
    "read_table": "lnp_excel.io.tables",
}

__all__ = [
    "CsrResult",
    "InputError",
    "Plan",
    "Settings",
    "Tracking",
    "__version__",
    "check_requests",
    "fix_csr",
    "letters_of_authorization",
    "normalize_numbers",
    "plan_ports",
    "track_ports",
    "read_table",
]

if TYPE_CHECKING:  # what type checkers and IDEs see; nothing is imported at run time
    from lnp_excel.core.check import check_requests
    from lnp_excel.core.csr import CsrResult, fix_csr
    from lnp_excel.core.errors import InputError
    from lnp_excel.core.loa import letters_of_authorization
    from lnp_excel.core.numbers import normalize_numbers
    from lnp_excel.core.plan import Plan, plan_ports
    from lnp_excel.core.settings import Settings
    from lnp_excel.core.track import Tracking, track_ports
    from lnp_excel.io.tables import read_table


def __getattr__(name: str) -> object:
    """Import a public name's module on first use, then keep the name here."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lnp_excel' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
