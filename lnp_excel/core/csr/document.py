"""C9: the Word version of a CSR, as data: one document per carrier, sorted by address,
one section per address, the same information as the CSV.

The article's recipe is Excel's: filter one carrier, sort by address, fill Blank_CSR.docx
separating each address. Carriers group as Excel's filter lists them (without case or
surrounding spaces); the address of a section joins the row's address columns (Address,
City, State, Zip, ...), and the same address written two ways is one section, sorted and
grouped by ``address_key`` (C4b) and headed with the first spelling met. A document shows
the CSR's columns only (``csr_columns``): never the review workbook's Row and Review flags,
never Origin. The shell
(``lnp_excel.io.csr_files``) renders these into copies of the template.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lnp_excel.core.address import address_key
from lnp_excel.core.columns import ADDRESS_ALIASES, CARRIER_ALIASES, added_column, find_column
from lnp_excel.core.csr.address_write import split_columns
from lnp_excel.core.csr.common import is_blank, map_distinct
from lnp_excel.core.csr.fields import (
    REVIEW_COLUMN,
    ROW_COLUMN,
    address_parts,
    internal_columns,
)

NO_ADDRESS = "(no address)"
NO_CARRIER = "(no carrier)"


@dataclass(frozen=True)
class AddressSection:
    address: str
    rows: pd.DataFrame  # the CSV's other columns, CSV order


@dataclass(frozen=True)
class CarrierDocument:
    carrier: str
    sections: tuple[AddressSection, ...]

    @property
    def numbers(self) -> int:
        return sum(len(section.rows) for section in self.sections)


def csr_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The CSR's own columns of a table read for a document (C9): what the customer CSV
    holds, whichever file the agent gave.

    The review workbook's CSR sheet has the input's sheet row first and the review flags
    last (``REVIEW_COLUMN``, with notes to its right, which may run below the table):
    only the columns between them, on rows that have a sheet row, are the CSR's. Internal
    columns (Origin, notes, flags) never reach the customer either.
    """
    names = [str(column) for column in table.columns]
    columns = list(table.columns)
    review = added_column(names, REVIEW_COLUMN)  # ours: the rightmost of its spellings
    ours_first = bool(names) and names[0] == added_column(names[:1], ROW_COLUMN)
    rows = np.ones(len(table), dtype=bool)
    if review in names and ours_first:
        rows = ~is_blank(table.iloc[:, 0])
        columns = columns[1 : names.index(review)]
    internal = set(internal_columns(columns))
    return table.loc[rows, [column for column in columns if column not in internal]]


def carrier_documents(table: pd.DataFrame) -> list[CarrierDocument]:
    """Split a CSR into per-carrier documents (C9), carriers and addresses sorted A-Z."""
    columns = list(table.columns)
    carrier = find_column(columns, CARRIER_ALIASES, role="carrier")
    main = find_column(columns, ADDRESS_ALIASES, role="address")
    parts = address_parts(columns, main)
    text = table.astype(object).where(table.notna(), "")
    texts = text.map(lambda v: str(v).strip())
    address = texts[parts[0]]
    zip_column = split_columns(columns, main)["zip"]
    for column in parts[1:]:
        part = texts[column]
        glue = " " if column == zip_column else ", "  # "Austin, TX 78701"
        address = address.where(part == "", address.where(address == "", address + glue) + part)
    keys = pd.Series(map_distinct(address, address_key), index=address.index)  # C4b
    carrier_text = texts[carrier]
    carrier_key = carrier_text.str.casefold()
    shown = [c for c in columns if c not in (carrier, *parts)]
    documents = []
    for key in sorted(pd.unique(carrier_key.to_numpy()), key=lambda k: (k == "", k)):
        in_carrier = (carrier_key == key).to_numpy()
        name = carrier_text[in_carrier].iloc[0] or NO_CARRIER
        rows = texts[in_carrier]
        addresses = address[in_carrier]
        sort_key = keys[in_carrier]
        sections = []
        for key_ in sorted(pd.unique(sort_key.to_numpy()), key=lambda k: (k == "", k)):
            here = (sort_key == key_).to_numpy()
            label = addresses[here].iloc[0] or NO_ADDRESS
            sections.append(AddressSection(label, rows.loc[here, shown].reset_index(drop=True)))
        documents.append(CarrierDocument(name, tuple(sections)))
    return documents
