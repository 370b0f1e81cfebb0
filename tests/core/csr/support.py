"""Shared helpers for the CSR tests: real files in tests/data/csr, workbooks written with
openpyxl and read back through lnp_excel.io (no mocks)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from lnp_excel.io.csr_files import read_csr
from lnp_excel.io.tables import read_table

DATA = Path(__file__).resolve().parents[2] / "data" / "csr"


def read(name: str) -> pd.DataFrame:
    """A test CSV as the CLI reads it: text cells, index = the sheet row numbers."""
    return read_csr(DATA / name).frame


def read_plain(name: str) -> pd.DataFrame:
    return read_table(DATA / name, alias_groups=(("Country",),)).frame


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], sheet: str = "CSR") -> Path:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def flags_of(flags: pd.DataFrame, row: object) -> list[str]:
    return flags.loc[flags["Row"] == row, "Flag"].tolist()


def changes_of(changes: pd.DataFrame, row: object, column: str) -> list[tuple]:
    part = changes[(changes["Row"] == row) & (changes["Column"] == column)]
    return list(part[["Old", "New", "Rule"]].itertuples(index=False, name=None))
