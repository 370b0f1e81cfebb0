"""The functional core: pure rules over DataFrames and plain values.

Nothing here imports xlwings, openpyxl, a CLI library or touches files; the shells in
``lnp_excel.io``, ``lnp_excel.cli`` and ``lnp_excel.excel`` adapt it.
"""

from collections.abc import Callable

Progress = Callable[[float, str], None]
"""A progress callback (fraction done, what is being done): the engines report through it,
the CLI draws a bar, the ribbon the status bar. The one definition (issue 10)."""
