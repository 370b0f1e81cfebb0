"""The carrier directory as files (P3b): the shipped CSV, extended by the agent's own file.

``templates/carrier_directory.csv`` is the shipped directory (the core's
``DEFAULT_DIRECTORY``, a test keeps them equal); ``--carrier-directory`` adds a CSV or
workbook of the same columns (Carrier, Aliases, Wireless, and Bill Copy when it has it)
whose rows win over the shipped ones. Errors name the file, sheet, row and column.
"""

from __future__ import annotations

from pathlib import Path

from lnp_excel.core.carriers import BILL_COPY_ALIASES, CarrierDirectory, directory_from_table
from lnp_excel.core.errors import InputError
from lnp_excel.io.tables import read_table

SHIPPED_DIRECTORY = Path(__file__).resolve().parent.parent / "templates" / "carrier_directory.csv"
_GROUPS = (("Carrier", "Carrier Name"), ("Aliases", "Alias"), ("Wireless",), BILL_COPY_ALIASES)


def read_directory_file(path: Path) -> CarrierDirectory:
    """One directory file, checked (every column is read, so suspect cells are refused)."""
    table = read_table(path, alias_groups=_GROUPS)
    table.require(table.frame.columns)
    try:
        return directory_from_table(table.frame)
    except InputError as error:
        raise table.locate(error) from None


def read_carrier_directory(extra: Path | None = None) -> CarrierDirectory:
    """The shipped directory, extended by ``extra`` (the agent's file) when given."""
    shipped = read_directory_file(SHIPPED_DIRECTORY)
    return shipped if extra is None else shipped.extended(read_directory_file(Path(extra)))
