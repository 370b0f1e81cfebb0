"""Port-out CSR preparation (rules C1-C13 of DOMAIN.md), one pure function per step.

The ribbon runs the steps one at a time; ``fix_csr`` runs them all in the article's order.
Every step takes a table (sheet rows as the index) and returns a ``StepResult``: the new
table, the changed cells (Row, Column, Old, New, Rule) and the flagged rows (Row, Flag,
Next step, Rule).
"""

from lnp_excel.core.csr.addresses import clear_non_us_addresses, fill_us_addresses
from lnp_excel.core.csr.batch import apply_to_rows, select_batch
from lnp_excel.core.csr.btn import fill_billing_numbers, main_btn_flags
from lnp_excel.core.csr.checks import check_values
from lnp_excel.core.csr.eligibility import check_eligibility
from lnp_excel.core.csr.fix import fix_csr
from lnp_excel.core.csr.lost_plus import restore_plus
from lnp_excel.core.csr.matrices import default_address_matrix, default_carrier_lookup
from lnp_excel.core.csr.nulls import replace_nulls
from lnp_excel.core.csr.pin import is_pin_carrier, set_pins
from lnp_excel.core.csr.port_orders import PortOrders, read_port_orders
from lnp_excel.core.csr.result import FLAG_COLUMNS, CsrResult, StepResult

__all__ = [
    "FLAG_COLUMNS",
    "CsrResult",
    "PortOrders",
    "StepResult",
    "apply_to_rows",
    "check_eligibility",
    "check_values",
    "clear_non_us_addresses",
    "default_address_matrix",
    "default_carrier_lookup",
    "fill_billing_numbers",
    "fill_us_addresses",
    "fix_csr",
    "is_pin_carrier",
    "main_btn_flags",
    "read_port_orders",
    "replace_nulls",
    "restore_plus",
    "select_batch",
    "set_pins",
]
