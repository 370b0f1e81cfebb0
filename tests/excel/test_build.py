"""Issue 5, proven without Excel: the workbooks are their text sources, and every wire connects.

olevba reads the VBA back out of the built files; the ribbon's callbacks, the RunPython
targets and the UDF wrappers are checked against the real Python they call. The
LNP_Tools.xlam add-in (issue 11 s2, X3) passes the same checks as the two templates.
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
from lnp_excel.build.package import (
    ADDIN_WORKBOOK_TYPE,
    MACRO_WORKBOOK_TYPE,
    deterministic_zip,
)
from lnp_excel.build.workbooks import (
    ADDINS,
    ALL_WORKBOOKS,
    SOURCES,
    WORKBOOKS,
    build_workbook,
    file_name,
    vba_modules,
)
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


@pytest.mark.parametrize("name", ALL_WORKBOOKS)
def test_every_module_holds_exactly_its_source(name: str) -> None:
    found = macros(build_workbook(name))
    for module in vba_modules(name):
        assert module.name in found, f"{module.name} missing from {name}"
        assert code_lines(found[module.name]) == code_lines(module.source)


@pytest.mark.parametrize("name", ALL_WORKBOOKS)
def test_every_ribbon_button_has_its_callback_and_its_action(name: str) -> None:
    ribbon = ElementTree.fromstring((SOURCES / name / "ribbon.xml").read_text(encoding="utf-8"))
    callbacks = {b.get("onAction") for b in ribbon.iter(f"{CUSTOM_UI}button")}
    source = (SOURCES / name / "LnpRibbon.bas").read_text(encoding="utf-8")
    runner = "LnpRunActive" if name in ADDINS else "LnpRun"
    subs = dict(
        re.findall(rf'Public Sub (\w+)\(control As IRibbonControl\)\s+{runner} "([\w-]+)"', source)
    )
    assert callbacks and callbacks == set(subs), "ribbon callbacks and Subs differ"
    for sub, action_name in subs.items():
        assert action_name in ACTIONS, f"{sub} runs unknown action {action_name}"
        # the add-in carries the buttons of both templates (X3)
        assert name in ADDINS or ACTIONS[action_name].workbook in (name, "both")


def test_the_addin_has_every_button_of_both_templates() -> None:
    def actions(name: str) -> set[str]:
        source = (SOURCES / name / "LnpRibbon.bas").read_text(encoding="utf-8")
        return set(re.findall(r'LnpRun(?:Active)? "([\w-]+)"', source))

    for addin in ADDINS:
        assert actions(addin) == set().union(*(actions(name) for name in WORKBOOKS))


def test_run_python_target_is_a_real_function() -> None:
    shell = (SOURCES / "LnpShell.bas").read_text(encoding="utf-8")
    module_name, function = re.search(
        r'RunPython "import ([\w.]+) as shell; shell\.(\w+)\(\'" & actionName', shell
    ).groups()
    target = getattr(importlib.import_module(module_name), function)
    assert list(inspect.signature(target).parameters)[0] == "action_name"


def test_addin_run_python_target_takes_the_active_workbook_and_sheet() -> None:
    """RunPython from an add-in names the add-in (ThisWorkbook): the active workbook and
    sheet are passed explicitly, each through LnpCodes."""
    shell = (SOURCES / "LNP_Tools" / "LnpActive.bas").read_text(encoding="utf-8")
    command = re.search(r'RunPython "(.*?)"\s*$', shell.replace(" _\n", ""), re.M).group(1)
    module_name, function = re.search(r"import ([\w.]+) as addin; addin\.(\w+)\(", command).groups()
    assert "LnpCodes(ActiveWorkbook.Name)" in command and "LnpCodes(ActiveSheet.Name)" in command
    target = getattr(importlib.import_module(module_name), function)
    assert list(inspect.signature(target).parameters)[:3] == ["action_name", "workbook", "sheet"]
    assert "Public Function LnpAsk(" in shell  # what addin.run asks the customer's name with


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


@pytest.mark.parametrize("name", ALL_WORKBOOKS)
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


@pytest.mark.parametrize("name", ALL_WORKBOOKS)
def test_committed_workbook_matches_a_fresh_build(name: str) -> None:
    committed = REPO / "workbooks" / file_name(name)
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


def xlsm_twin(addin: bytes) -> bytes:
    """The add-in's package with the workbook part typed as an .xlsm's (openpyxl's reader
    knows no add-in content type, and refuses .xlam outright)."""
    with zipfile.ZipFile(io.BytesIO(addin)) as package:
        entries = [(info, package.read(info)) for info in package.infolist()]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as twin:
        for info, data in entries:
            if info.filename == "[Content_Types].xml":
                data = data.replace(ADDIN_WORKBOOK_TYPE.encode(), MACRO_WORKBOOK_TYPE.encode())
            twin.writestr(info, data)
    return deterministic_zip(output.getvalue())


def test_the_addin_is_an_addin_and_differs_from_its_xlsm_twin_in_that_only() -> None:
    for name in ADDINS:
        addin = build_workbook(name)
        with (
            zipfile.ZipFile(io.BytesIO(addin)) as a,
            zipfile.ZipFile(io.BytesIO(xlsm_twin(addin))) as b,
        ):
            types = a.read("[Content_Types].xml").decode()
            assert f'PartName="/xl/workbook.xml" ContentType="{ADDIN_WORKBOOK_TYPE}"' in types
            assert MACRO_WORKBOOK_TYPE not in types
            differ = [n for n in a.namelist() if a.read(n) != b.read(n)]
        assert differ == ["[Content_Types].xml"] and a.namelist() == b.namelist()


@pytest.mark.parametrize("name", ALL_WORKBOOKS)
def test_openpyxl_opens_it_and_keeps_vba_and_ribbon_on_save(name: str, tmp_path: Path) -> None:
    data = build_workbook(name)
    if name in ADDINS:
        data = xlsm_twin(data)  # the only difference, proven above
    wb = openpyxl.load_workbook(io.BytesIO(data), keep_vba=True)
    assert "xlwings.conf" in wb.sheetnames
    assert "Changes" in wb.sheetnames or "Settings" in wb.sheetnames
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
