"""The number engine (rules N1-N6): any human or Excel format -> classified numbers.

Public API: ``normalize_numbers`` (one verdict row per input value) and
``normalized_table`` (a sheet plus the engine's columns; ``summary_line`` tells it in one
line). ``engine`` runs the three passes:
``text`` (values -> text, cleaning), ``matrix`` (numpy character matrix), ``verdicts``
(per-country automata from ``phonemeta``), then ``checks`` (N3 warnings, N4, N6).
"""

from lnp_excel.core.numbers.engine import (
    COLUMNS,
    DUPLICATE,
    EMPTY,
    INVALID,
    OK,
    normalize_numbers,
    normalized_table,
)
from lnp_excel.core.numbers.summary import engine_column, summary_line

__all__ = [
    "COLUMNS",
    "DUPLICATE",
    "EMPTY",
    "INVALID",
    "OK",
    "engine_column",
    "normalize_numbers",
    "normalized_table",
    "summary_line",
]
