"""Builders for real files on disk: workbooks made with openpyxl, then edited at the XML level.

Tests re-read what these write; nothing is mocked.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook


@pytest.fixture
def make_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Write {sheet name: rows} to an .xlsx with openpyxl and return its path."""

    def make(
        sheets: dict[str, Sequence[Sequence[object]]],
        name: str = "book.xlsx",
        hidden: Sequence[str] = (),
    ) -> Path:
        wb = Workbook()
        wb.remove(wb.active)
        for title, rows in sheets.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(list(row))
            if title in hidden:
                ws.sheet_state = "hidden"
        path = tmp_path / name
        wb.save(path)
        return path

    return make


@pytest.fixture
def edit_zip() -> Callable[[Path, str, Callable[[bytes], bytes | None]], Path]:
    """Rewrite one member of a zip in place (None removes it): forge cached values, bombs."""

    def edit(path: Path, member: str, change: Callable[[bytes], bytes | None]) -> Path:
        with zipfile.ZipFile(path) as source:
            items = [(info, source.read(info.filename)) for info in source.infolist()]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in items:
                if info.filename == member:
                    data = change(data)
                    if data is None:
                        continue
                target.writestr(info.filename, data)
        return path

    return edit
