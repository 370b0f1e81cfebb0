"""Fixtures for workbook tests: freshly built workbooks in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnp_excel.build.workbooks import ALL_WORKBOOKS, build_workbook, file_name
from tests.excel.fake_excel import FakeApp, FakeBook
from tests.excel.test_build import xlsm_twin


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each workbook (and the LNP_Tools.xlam add-in) built once per test session, as files."""
    folder = tmp_path_factory.mktemp("workbooks")
    paths = {}
    for name in ALL_WORKBOOKS:
        path = folder / file_name(name)
        path.write_bytes(build_workbook(name))
        paths[name] = path
    return paths


@pytest.fixture
def open_addin(built: dict[str, Path], tmp_path: Path):
    """The built add-in opened in a given Excel (read through its .xlsm twin: openpyxl
    refuses the add-in type, the only difference between the two). An add-in is never
    the active workbook (IsAddin): the active one stays as it was."""

    def opened(app: FakeApp) -> FakeBook:
        active = app.active_book
        twin = tmp_path / f"twin{len(app.books)}{id(app)}.xlsm"
        twin.write_bytes(xlsm_twin(built["LNP_Tools"].read_bytes()))
        book = FakeBook.from_openpyxl(twin, app)
        book.fullname = str(built["LNP_Tools"])
        app.active_book = active
        return book

    return opened
