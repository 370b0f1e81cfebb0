"""The one sequence of CSR steps every CSR goes through: export, inventory or legacy.

A CSR export (``fix_csr``), a CSR built from the number inventory (C5, ``build``) and a
Legacy CRM account's CSR (C7, ``legacy``) differ only in how the table is shaped. Before
shaping, the source rows are cleaned (``clean``): control characters removed (C8), nulls
replaced (C2), numbers given back the ``+`` Excel dropped (N2c) and each row's C1
standing flagged. After shaping, the CSR is completed (``complete``): unusable numbers and
Excel errors flagged (N2, N6), non-US addresses cleared (C3), ZIP codes checked (C4a),
blank US addresses filled from the Address Matrix (C4), PINs set (C6) and blank billing
numbers filled. No builder skips a step: a ``+44`` row never gets a US address, a
cancelled number is never sent unflagged, whichever command made the CSR.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory
from lnp_excel.core.columns import ADDRESS_ALIASES, find_column
from lnp_excel.core.csr.address_write import check_zips
from lnp_excel.core.csr.addresses import clear_non_us_rows, fill_address_rows
from lnp_excel.core.csr.btn import fill_billing_numbers
from lnp_excel.core.csr.checks import check_values
from lnp_excel.core.csr.common import is_blank
from lnp_excel.core.csr.controls import remove_control_characters
from lnp_excel.core.csr.eligibility import check_eligibility, parse_as_of
from lnp_excel.core.csr.lost_plus import restore_plus
from lnp_excel.core.csr.matrices import address_rules, lookup_rules
from lnp_excel.core.csr.nulls import replace_nulls
from lnp_excel.core.csr.pin import pins
from lnp_excel.core.csr.port_orders import PortOrders, require_port_orders
from lnp_excel.core.csr.result import StepResult, file_flag
from lnp_excel.core.settings import Settings


@dataclass(frozen=True)
class Sources:
    """Where a CSR's missing values come from, checked before any work (C3, C4, C6)."""

    port_orders: PortOrders | None = None
    billing_address: str | None = None
    address_matrix: pd.DataFrame | None = None
    carrier_lookup: pd.DataFrame | None = None
    carrier_directory: CarrierDirectory | None = None

    @staticmethod
    def checked(
        settings: Settings,
        *,
        port_orders: pd.DataFrame | PortOrders | None = None,
        billing_address: str | None = None,
        address_matrix: pd.DataFrame | None = None,
        carrier_lookup: pd.DataFrame | None = None,
        carrier_directory: CarrierDirectory | None = None,
        as_of: dt.date | str | None = None,
    ) -> Sources:
        """The sources, each validated: a bad matrix, date or port order file fails
        before any row is touched."""
        parse_as_of(as_of)
        address_rules(address_matrix, settings)
        lookup_rules(carrier_lookup, settings)
        return Sources(
            require_port_orders(port_orders),
            billing_address,
            address_matrix,
            carrier_lookup,
            carrier_directory,
        )

    def notes(self) -> list[pd.DataFrame]:
        """File-wide flags about the sources themselves (unreadable port order rows)."""
        orders = self.port_orders
        if orders is None or not orders.unreadable:
            return []
        shown = ", ".join(str(r) for r in orders.unreadable[:10])
        return [
            file_flag(
                f"Port orders: {len(orders.unreadable)} row(s) with a number that cannot be "
                f"read (rows {shown})",
                "Correct those numbers in the port orders file and run again",
                "C4",
            )
        ]


def clean(
    table: pd.DataFrame, *, settings: Settings, as_of: dt.date | str | None = None
) -> list[StepResult]:
    """The steps on the source rows, before a CSR is shaped from them: C8 control
    characters, C2 nulls, N2c (before any number is read), C1 (flags only). The last
    step's table is the cleaned source."""
    steps = [remove_control_characters(table, settings=settings)]
    steps.append(replace_nulls(steps[-1].table, settings=settings))
    steps.append(restore_plus(steps[-1].table, settings=settings))
    steps.append(check_eligibility(steps[-1].table, as_of=as_of, settings=settings))
    return steps


def complete(
    table: pd.DataFrame,
    codes: pd.Series,
    sources: Sources,
    *,
    settings: Settings,
    fill_billing: bool = True,
) -> list[StepResult]:
    """The steps on a shaped CSR (``codes``: each row's country): N2/N6 and Excel error
    flags, C3, C4a on the addresses present, C4 on the blank ones, C6 PINs, then blank
    billing numbers (C5's rule; C7 leaves a BTN it could not decide blank, flagged)."""
    number_checks = check_values(table, settings=settings, codes=codes)
    steps = [number_checks]
    step = clear_non_us_rows(table, codes, sources.carrier_lookup, settings)
    steps.append(step)
    address = find_column(list(step.table.columns), ADDRESS_ALIASES, role="address")
    blank = is_blank(step.table[address])
    kept = ~blank & (codes == "US").to_numpy()  # C4a: present US addresses are checked too
    step = check_zips(step.table, kept, address)
    steps.append(step)
    step = fill_address_rows(
        step.table,
        codes,
        blank,
        sources.port_orders,
        sources.billing_address,
        sources.address_matrix,
        settings,
    )
    steps.append(step)
    steps.append(
        pins(
            step.table,
            settings=settings,
            codes=codes,
            carrier_directory=sources.carrier_directory,
        )
    )
    if fill_billing:
        steps.append(fill_billing_numbers(steps[-1].table, settings=settings))
    return steps
