"""Read the sheet or CSV an agent was handed into a DataFrame, or say clearly why not.

Values come back as read (text stays text, so "0012..." keeps its zeros) and every row
keeps the number the user sees in Excel, so later messages can point at "row 17". This
module tells a file's type and refuses what cannot be read; ``text_tables`` and
``workbook_tables`` read the rest into a ``source_table.SourceTable``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from lnp_excel.core.columns import NUMBER_ALIASES
from lnp_excel.core.errors import NO_DATA, InputError
from lnp_excel.io.source_table import (
    SourceTable,
    Suspect,
    column_positions,
    header_names,
    table_from_grid,
)
from lnp_excel.io.text_tables import read_text_rows, read_text_table

__all__ = [
    "SourceTable",
    "Suspect",
    "column_positions",
    "header_names",
    "read_rows",
    "read_table",
    "table_from_grid",
]

TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".tab"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# The stream name an encrypted (password-protected) OOXML file carries inside its OLE box.
ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")

SAVE_AS_XLSX = "open it in Excel and save it as .xlsx (File > Save As > Excel Workbook)"
PASSWORD_PROTECTED = (
    "password-protected workbook: remove the password in Excel "
    "(File > Info > Protect Workbook > Encrypt with Password) and try again"
)


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    alias_groups: Sequence[Sequence[str]] = (NUMBER_ALIASES,),
    max_rows: int | None = None,
) -> SourceTable:
    """Read a CSV/TXT or .xlsx/.xlsm table, finding the header under any title rows.

    ``alias_groups[0]`` names the column the header row must contain (see
    ``find_header_row``); with ``sheet=None`` a workbook's first sheet that has such a
    header is used, else its first visible sheet. ``max_rows`` limits the data rows read
    (for previews).
    """
    path = Path(path)
    kind = _classify(path)
    if kind == "text":
        return read_text_table(path, alias_groups, max_rows)
    from lnp_excel.io.workbook_tables import read_workbook_table  # openpyxl: only for workbooks

    return read_workbook_table(path, sheet, alias_groups, max_rows)


def read_rows(
    path: str | Path, *, sheet: str | None = None
) -> tuple[list[list[object]], str | None]:
    """Return the raw grid (row 0 = Excel row 1) and the sheet name (None for CSV).

    Trailing empty rows and cells are trimmed, so rows can have different lengths.
    A workbook's first visible sheet is used unless ``sheet`` names one.
    """
    path = Path(path)
    if _classify(path) == "text":
        return read_text_rows(path), None
    from lnp_excel.io.workbook_tables import read_workbook_rows  # openpyxl: only for workbooks

    return read_workbook_rows(path, sheet)


# --- file type -------------------------------------------------------------------------


def _classify(path: Path) -> str:
    """Return "text" or "workbook", or refuse the file with the reason and the fix."""
    name = path.name
    try:
        if path.is_dir():
            raise InputError("this is a folder, not a file", file=name)
        with path.open("rb") as fh:
            head = fh.read(8)
            size = fh.seek(0, 2)
    except FileNotFoundError as exc:
        raise InputError("file not found", file=str(path)) from exc
    except PermissionError as exc:
        raise InputError(
            "cannot open the file: permission denied (is it open in another program?)", file=name
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot open the file: {exc.strerror or exc}", file=name) from exc
    suffix = path.suffix.lower()
    if size == 0:
        raise InputError("the file is empty (0 bytes)", file=name, kind=NO_DATA)

    if head.startswith(OLE_MAGIC):
        if ENCRYPTION_MARK in path.read_bytes():
            raise InputError(PASSWORD_PROTECTED, file=name)
        raise InputError(f"this is an old .xls file (Excel 97-2003): {SAVE_AS_XLSX}", file=name)
    if head.startswith(ZIP_MAGIC):
        return _classify_zip(path)
    if head.startswith(b"%PDF"):
        raise InputError("this is a PDF, not a spreadsheet: export the table to .xlsx", file=name)
    if suffix == ".xls":
        if head.lstrip().startswith(b"<"):
            raise InputError(
                f"this .xls file is really a web page or XML export: {SAVE_AS_XLSX}", file=name
            )
        return "text"  # many systems export tab-separated text named .xls
    if suffix in WORKBOOK_SUFFIXES:
        raise InputError(
            "this is not a valid Excel workbook (damaged, or not really an .xlsx file)", file=name
        )
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in (".ods", ".xlsb", ".numbers"):
        raise InputError(f"{suffix} files cannot be read: {SAVE_AS_XLSX}", file=name)
    raise InputError(
        f"unsupported file type '{suffix or name}': use .xlsx, .xlsm, .csv or .txt", file=name
    )


def _classify_zip(path: Path) -> str:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            f"the workbook is damaged (the zip archive cannot be opened: {exc}); "
            "open it in Excel, repair it if asked, and save it again",
            file=name,
        ) from exc
    if "xl/workbook.xml" in names:
        return "workbook"
    if "xl/workbook.bin" in names:
        raise InputError(f"this is a binary .xlsb workbook: {SAVE_AS_XLSX}", file=name)
    if b"opendocument" in mimetype:
        raise InputError(f"this is an OpenDocument spreadsheet (.ods): {SAVE_AS_XLSX}", file=name)
    if "word/document.xml" in names:
        raise InputError("this is a Word document, not a spreadsheet", file=name)
    raise InputError("this is a zip file, not an Excel workbook", file=name)
