"""The functional core: pure rules over DataFrames and plain values.

Nothing here imports xlwings, openpyxl, a CLI library or touches files; the shells in
``lnp_excel.io``, ``lnp_excel.cli`` and ``lnp_excel.excel`` adapt it.
"""
