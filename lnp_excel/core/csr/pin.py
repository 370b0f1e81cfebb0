"""C6 PIN: ``Settings.csr_pin`` (8x82125, lower-case x) for US numbers with Inteliquent,
Onvoy or Neutral Tandem, whatever the spelling or suffix.

The family is a carrier directory entry (``core.carriers``, P3b): ``Settings.pin_carriers``
names it, and every name and alias of the entries those names are counts (add an alias
to the directory and C6 knows it).

Carrier names compare as words without case or punctuation, and a listed name only has to
start a word of the cell: "Onvoy, LLC", "Inteliquent Inc", "Intelliquent", "INTELIQUENT",
"Onvoy LLC - NSR" and "NeutralTandem" all match; "Bandwidth" does not. Non-US rows are
never given a PIN. A PIN already in the sheet is kept as it is and not logged: the agent
or the CSR tool put it there for a reason (C6: "An existing PIN is kept").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnp_excel.core.carriers import CarrierDirectory, default_directory
from lnp_excel.core.changes import changes_where
from lnp_excel.core.columns import (
    CARRIER_ALIASES,
    COUNTRY_ALIASES,
    PIN_ALIASES,
    find_column,
)
from lnp_excel.core.csr.common import countries, is_blank, map_distinct, text_key, word_match
from lnp_excel.core.csr.fields import PIN, number_column
from lnp_excel.core.csr.result import StepResult, flags_where
from lnp_excel.core.settings import Settings

MISSING_CARRIER = "Carrier missing: the PIN cannot be decided"


def pin_patterns(settings: Settings, directory: CarrierDirectory | None = None) -> list[str]:
    """The ``text_key`` names of the C6 family: ``pin_carriers`` and their directory
    entries' names and aliases."""
    directory = directory if directory is not None else default_directory()
    return [text_key(name) for name in directory.names_like(settings.pin_carriers)]


def is_pin_carrier(
    carrier: object, settings: Settings | None = None, directory: CarrierDirectory | None = None
) -> bool:
    """True when ``carrier`` is of the C6 family in any spelling (C6, C10)."""
    return word_match(text_key(carrier), pin_patterns(settings or Settings(), directory))


_LISTED, _OTHER, _NONE = 1, 0, -1


def _carrier_kinds(
    carriers: pd.Series, settings: Settings, directory: CarrierDirectory | None = None
) -> np.ndarray:
    """Per row: 1 a PIN carrier (C6), 0 another carrier, -1 no carrier written."""
    patterns = pin_patterns(settings, directory)

    def kind(value: object) -> int:
        key = text_key(value)
        if not key:
            return _NONE
        return _LISTED if word_match(key, patterns) else _OTHER

    return map_distinct(carriers, kind).astype(np.int8)


def set_pins(
    table: pd.DataFrame,
    *,
    settings: Settings | None = None,
    carrier_directory: CarrierDirectory | None = None,
) -> StepResult:
    """Fill blank PINs of US Inteliquent/Onvoy/Neutral Tandem rows (C6).

    A table without a PIN column gets one ("PIN", at the end), blank where no PIN applies.
    A US row without a carrier is flagged: its PIN cannot be decided.
    """
    return pins(table, settings=settings or Settings(), carrier_directory=carrier_directory)


def pins(
    table: pd.DataFrame,
    *,
    settings: Settings,
    codes: pd.Series | None = None,
    carrier_directory: CarrierDirectory | None = None,
) -> StepResult:
    """C6 with the rows' country codes when the caller has them (``common.countries``)."""
    columns = list(table.columns)
    carrier = find_column(columns, CARRIER_ALIASES, role="carrier")
    pin = find_column(columns, PIN_ALIASES, role="PIN", required=False)
    open_pin = is_blank(table[pin]) if pin is not None else np.ones(len(table), dtype=bool)
    kinds = _carrier_kinds(table[carrier], settings, carrier_directory)
    listed = (kinds == _LISTED) & open_pin
    unknown = (kinds == _NONE) & open_pin
    # Only rows that could get a PIN need a country: the rest cost nothing (fast on 1M rows).
    us = np.zeros(len(table), dtype=bool)
    ask = listed | unknown
    if codes is not None:
        us = (codes == "US").to_numpy()
    elif ask.any():
        number = number_column(columns)
        country = find_column(columns, COUNTRY_ALIASES, role="country", required=False)
        us[ask] = (countries(table[ask], number, country, settings) == "US").to_numpy()
    step = apply_pins(table, listed & us, pin, settings)
    flag = flags_where(
        unknown & us,
        table.index,
        MISSING_CARRIER,
        "Find the underlying carrier (True Number Finder); Inteliquent, Onvoy and Neutral "
        f"Tandem numbers take the PIN {settings.csr_pin} (C6)",
        "C6",
    )
    return StepResult.of(step.table, [step.changes], [flag])


def apply_pins(
    table: pd.DataFrame, give: np.ndarray, pin: object | None, settings: Settings
) -> StepResult:
    """Write the PIN into the rows ``give`` selects (their PIN cells are blank)."""
    out = table.copy(deep=False)
    if pin is None:
        pin = PIN
        old = pd.Series("", index=table.index, dtype=object)
    else:
        old = table[pin].astype(object)
    if pin not in table.columns or give.any():
        out[pin] = old.mask(give, settings.csr_pin)
    return StepResult.of(out, [changes_where(give, pin, old, settings.csr_pin, "C6")])
