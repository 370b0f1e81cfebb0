"""The C3 Carrier Lookup and the C4 Address Matrix: editable rule tables, compiled.

Both are rows evaluated top to bottom (see ``addresses`` for the rules they drive); this
module holds their defaults, their columns and the compiled ``AddressRule``/``LookupRule``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lnp_excel.core.columns import (
    find_column,
)
from lnp_excel.core.csr.common import (
    cell_text,
    country_code,
    pattern_list,
    text_key,
    word_match,
)
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings

# --- the matrices as data ---------------------------------------------------------------

ADDRESS_MATRIX_COLUMNS: tuple[str, ...] = ("Country", "Origin", "Carrier", "Source", "Next step")
SOURCES: tuple[str, ...] = ("port_order_loa", "billing_address", "manual")
_SOURCE_SYNONYMS = {
    "port_order_loa": "port_order_loa",
    "port_order": "port_order_loa",
    "loa": "port_order_loa",
    "billing_address": "billing_address",
    "billing": "billing_address",
    "manual": "manual",
    "blank": "manual",
    "lookup": "manual",
}
DEFAULT_ADDRESS_MATRIX: tuple[tuple[str, str, str, str, str], ...] = (
    (  # the article: "CRM migrated numbers that belong to lumen and were ported in"
        "US",
        "crm migrated|migrated",
        "lumen|level 3|centurylink",
        "port_order_loa",
        "CRM migrated Lumen number: Legacy CRM > the customer > LNP Status > the port case > "
        "LOA; copy the address",
    ),
    (
        "US",
        "ported|port in|portin",
        "*",
        "port_order_loa",
        "Legacy CRM: open the customer > LNP Status > the port case > LOA and copy the address",
    ),
    (
        "US",
        "provisioned|new|native",
        "*",
        "billing_address",
        "Use the billing address on the customer's account",
    ),
    (
        "US",
        "*",
        "*",
        "manual",
        "Find the number's Origin in DMW Number Inventory, then apply the Address Matrix",
    ),
)

CARRIER_LOOKUP_COLUMNS: tuple[str, ...] = ("Country", "Carrier", "How to find")
FALLBACK_COUNTRY = "not listed"  # the article's catch-all row, used after specific rows


def default_address_matrix() -> pd.DataFrame:
    """The C4 default rules (also shipped as lnp_excel/templates/address_matrix.csv)."""
    return pd.DataFrame(list(DEFAULT_ADDRESS_MATRIX), columns=list(ADDRESS_MATRIX_COLUMNS))


def default_carrier_lookup(settings: Settings | None = None) -> pd.DataFrame:
    """The article's C3 matrix: one "Not listed / any" row (templates/carrier_lookup.csv)."""
    settings = settings or Settings()
    return pd.DataFrame(
        [["Not listed", "any", settings.carrier_lookup_default]],
        columns=list(CARRIER_LOOKUP_COLUMNS),
    )


@dataclass(frozen=True)
class AddressRule:
    """One Address Matrix row, compiled (None = matches anything)."""

    row: object
    country: frozenset[str] | None
    origin: tuple[str, ...] | None
    carrier: tuple[str, ...] | None
    source: str
    next_step: str

    def matches(self, country: str, origin: str, carrier: str) -> bool:
        if self.origin is not None and not word_match(origin, self.origin):
            return False
        return _matches(self.country, self.carrier, country, carrier)


def _matches(
    countries_: frozenset[str] | None, carriers: tuple[str, ...] | None, country: str, carrier: str
) -> bool:
    """A matrix row's Country and Carrier cells against a row (None matches anything)."""
    if countries_ is not None and country not in countries_:
        return False
    return carriers is None or word_match(carrier, carriers)


def _country_set(cell: object, settings: Settings) -> frozenset[str] | None:
    """A matrix Country cell ("US", "USA|Canada", "*") as country codes."""
    names = pattern_list(cell)
    return None if names is None else frozenset(country_code(n, settings) for n in names)


def address_rules(matrix: pd.DataFrame | None, settings: Settings) -> list[AddressRule]:
    """Compile an Address Matrix table; a bad Source names its row and the choices."""
    if matrix is None:
        matrix = default_address_matrix()
    columns = list(matrix.columns)
    country = find_column(columns, ("Country",), role="Address Matrix country")
    origin = find_column(columns, ("Origin",), role="Address Matrix origin")
    carrier = find_column(columns, ("Carrier",), role="Address Matrix carrier")
    source = find_column(columns, ("Source", "Address Source"), role="Address Matrix source")
    step = find_column(
        columns, ("Next step", "Notes", "How to find"), role="next step", required=False
    )
    rules = []
    for row, values in matrix.iterrows():  # a matrix has a handful of rules, not rows
        if all(text_key(values[c]) == "" for c in (country, origin, carrier, source)):
            continue
        key = text_key(values[source]).replace(" ", "_")
        if key not in _SOURCE_SYNONYMS:
            raise InputError(
                f"Address Matrix: unknown Source '{values[source]}'; use one of "
                + ", ".join(SOURCES),
                row=int(row) if isinstance(row, int | np.integer) else None,
                column=str(source),
            )
        rules.append(
            AddressRule(
                row=row,
                country=_country_set(values[country], settings),
                origin=pattern_list(values[origin]),
                carrier=pattern_list(values[carrier]),
                source=_SOURCE_SYNONYMS[key],
                next_step="" if step is None else cell_text(values[step]),
            )
        )
    return rules


@dataclass(frozen=True)
class LookupRule:
    country: frozenset[str] | None
    carrier: tuple[str, ...] | None
    how_to_find: str
    fallback: bool


def lookup_rules(lookup: pd.DataFrame | None, settings: Settings) -> list[LookupRule]:
    """Compile a Carrier Lookup matrix; "Not listed" rows go after the specific ones."""
    if lookup is None:
        lookup = default_carrier_lookup(settings)
    columns = list(lookup.columns)
    country = find_column(columns, ("Country",), role="Carrier Lookup country")
    carrier = find_column(columns, ("Carrier",), role="Carrier Lookup carrier")
    how = find_column(
        columns, ("How to find", "How", "Next step"), role="Carrier Lookup 'How to find'"
    )
    rules = []
    for _, values in lookup.iterrows():  # a handful of rows
        text = cell_text(values[how])
        if not text:
            continue
        fallback = text_key(values[country]) == FALLBACK_COUNTRY
        rules.append(
            LookupRule(
                country=None if fallback else _country_set(values[country], settings),
                carrier=pattern_list(values[carrier]),
                how_to_find=text,
                fallback=fallback,
            )
        )
    return [r for r in rules if not r.fallback] + [r for r in rules if r.fallback]


def how_to_find(rules: list[LookupRule], country: str, carrier: str, default: str) -> str:
    for rule in rules:
        if _matches(rule.country, rule.carrier, country, carrier):
            return rule.how_to_find
    return default


# --- C3 -----------------------------------------------------------------------------------
