"""A real office suite opens the workbooks and the add-in and finds every VBA module (issue 5).

LibreOffice cannot show the ribbon or run xlwings, but it parses the package and the VBA
project independently of our own writer. `.ci/run` installs it; a developer machine
without it skips (CI never does).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from lnp_excel.build.workbooks import ADDINS, ALL_WORKBOOKS, vba_modules


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice is missing: .ci/run installs libreoffice-calc-nogui")
    pytest.skip("LibreOffice is not installed on this machine")


@pytest.mark.parametrize("name", ALL_WORKBOOKS)
def test_libreoffice_opens_the_workbook_and_sees_every_module(
    name: str, built: dict[str, Path], tmp_path: Path
) -> None:
    program = soffice()
    profile = tmp_path / "profile"
    # LibreOffice does not detect an .xlam by itself ("source file could not be loaded"):
    # name the filter it opens .xlsm files with; the package is the same but for one type.
    infilter = ["--infilter=Calc MS Excel 2007 VBA XML"] if name in ADDINS else []
    subprocess.run(
        [
            program,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            *infilter,
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp_path),
            str(built[name]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / f"{name}.ods"
    with zipfile.ZipFile(converted) as package:
        basic = {Path(n).stem for n in package.namelist() if n.startswith("Basic/VBAProject/")}
        content = package.read("content.xml").decode("utf-8")
    expected = {module.name for module in vba_modules(name) if module.kind != "document"}
    assert expected <= basic, f"missing modules: {expected - basic}"
    assert "xlwings.conf" in content and ("Changes" in content or name in ADDINS)
