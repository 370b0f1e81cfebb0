"""Fixtures for workbook tests: freshly built workbooks in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnp_excel.build.workbooks import ALL_WORKBOOKS, build_workbook, file_name


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
