"""Issue 5, proven without Excel: the workbooks are their text sources, and every wire connects.

olevba reads the VBA back out of the built files; the ribbon's callbacks, the RunPython
targets and the UDF wrappers are checked against the real Python they call.
"""

from __future__ import annotations

import importlib
import inspect
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from oletools.olevba import VBA_Parser

import lnp_excel.excel.udfs as udfs
from lnp_excel.build.workbooks import SOURCES, WORKBOOKS, build_workbook, vba_modules
from lnp_excel.excel.actions import ACTIONS

REPO = Path(__file__).parents[2]
CUSTOM_UI = "{http://schemas.microsoft.com/office/2006/01/customui}"


def macros(data: bytes) -> dict[str, str]:
    parser = VBA_Parser("workbook.xlsm", data=data)
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def code_lines(text: str) -> list[str]:
    return [
        line.rstrip()
        for line in text.replace("\r\n", "\n").split("\n")
        if line.strip() and not line.startswith("Attribute VB_")
    ]


@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_module_holds_exactly_its_source(name: str) -> None:
    found = macros(build_workbook(name))
    for module in vba_modules(name):
        assert module.name in found, f"{module.name} missing from {name}"
        assert code_lines(found[module.name]) == code_lines(module.source)


@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_ribbon_button_has_its_callback_and_its_action(name: str) -> None:
    ribbon = ElementTree.fromstring((SOURCES / name / "ribbon.xml").read_text(encoding="utf-8"))
    callbacks = {b.get("onAction") for b in ribbon.iter(f"{CUSTOM_UI}button")}
    source = (SOURCES / name / "LnpRibbon.bas").read_text(encoding="utf-8")
    subs = dict(
        re.findall(r'Public Sub (\w+)\(control As IRibbonControl\)\s+LnpRun "([\w-]+)"', source)
    )
    assert callbacks and callbacks == set(subs), "ribbon callbacks and Subs differ"
    for sub, action_name in subs.items():
        assert action_name in ACTIONS, f"{sub} runs unknown action {action_name}"
        assert ACTIONS[action_name].workbook in (name, "both")


def test_run_python_target_is_a_real_function() -> None:
    shell = (SOURCES / "LnpShell.bas").read_text(encoding="utf-8")
    module_name, function = re.search(
        r'RunPython "import ([\w.]+) as shell; shell\.(\w+)\(\'" & actionName', shell
    ).groups()
    target = getattr(importlib.import_module(module_name), function)
    assert list(inspect.signature(target).parameters)[0] == "action_name"


def test_udf_wrappers_call_real_functions_with_their_arguments() -> None:
    found = macros(build_workbook(WORKBOOKS[0]))["xlwings_udfs"]
    calls = re.findall(r'(\w+) = XLPy\.CallUDF\("([\w.]+)", "(\w+)", Array\(([^)]*)\), This', found)
    assert len(calls) == len(udfs.UDFS) >= 8
    for vba_name, module, function, args in calls:
        assert module == "lnp_excel.excel.udfs" and vba_name == function
        python = getattr(udfs, function)

        assert [a.strip() for a in args.split(",") if a.strip()] == list(
            inspect.signature(python).parameters
        )


@pytest.mark.parametrize("name", WORKBOOKS)
def test_build_is_deterministic_across_processes(name: str) -> None:
    script = (
        "import sys, hashlib; from lnp_excel.build.workbooks import build_workbook;"
        f"sys.stdout.write(hashlib.sha256(build_workbook('{name}')).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "TZ": tz, "PATH": "/usr/bin:/bin"},
        ).stdout
        for seed, tz in (("1", "UTC"), ("2", "America/Los_Angeles"))
    }
    assert len(digests) == 1


@pytest.mark.parametrize("name", WORKBOOKS)
def test_committed_workbook_matches_a_fresh_build(name: str) -> None:
    committed = REPO / "workbooks" / f"{name}.xlsm"
    assert committed.exists(), "run: lnp-excel build-workbooks"
    assert committed.read_bytes() == build_workbook(name), (
        f"{committed} is stale: run `lnp-excel build-workbooks` and commit the result"
    )


def test_the_pinned_xlwings_matches_the_dll_the_vba_names() -> None:
    import xlwings

    source = macros(build_workbook(WORKBOOKS[0]))["xlwings"]
    assert f"xlwings64-{xlwings.__version__}.dll" in source
    setup = (REPO / "setup.cfg").read_text(encoding="utf-8")
    assert f"xlwings=={xlwings.__version__}" in setup


@pytest.mark.parametrize("name", WORKBOOKS)
def test_openpyxl_opens_it_and_keeps_vba_and_ribbon_on_save(name: str, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(build_workbook(name)), keep_vba=True)
    assert "xlwings.conf" in wb.sheetnames and "Changes" in wb.sheetnames
    conf = {r[0]: r[1] for r in wb["xlwings.conf"].iter_rows(values_only=True)}
    assert conf["UDF Modules"] == "lnp_excel.excel.udfs"
    assert conf["Use UDF Server"] == "TRUE"  # buttons run in the UDF server (issue 14)
    resaved = tmp_path / "resaved.xlsm"
    wb.save(resaved)
    with zipfile.ZipFile(resaved) as package:
        names = package.namelist()
        rels = package.read("_rels/.rels").decode()
    assert "xl/vbaProject.bin" in names and "customUI/customUI.xml" in names
    assert "ui/extensibility" in rels
