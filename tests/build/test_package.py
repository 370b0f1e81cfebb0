""".xlsm assembly: checked with zipfile, openpyxl (open and re-save) and olevba."""

import hashlib
import io
import os
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from lnp_excel.build.package import (
    ADDIN_WORKBOOK_TYPE,
    CUSTOM_UI_PART,
    CUSTOM_UI_RELATIONSHIP,
    MACRO_WORKBOOK_TYPE,
    add_ribbon,
    as_addin,
    build_xlsm,
    deterministic_zip,
)
from lnp_excel.build.vba_project import VbaModule, stored_source

with warnings.catch_warnings():  # oletools still uses pyparsing's deprecated camelCase API
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser

REPO = Path(__file__).resolve().parents[2]

RIBBON = """<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">
  <ribbon>
    <tabs>
      <tab id="lnpTab" label="LNP">
        <group id="lnpRun" label="Run">
          <button id="lnpRunAll" label="Run all" size="large" imageMso="PlayMacro"
                  onAction="OnRunAll"/>
        </group>
      </tab>
    </tabs>
  </ribbon>
</customUI>
"""

MODULES = [
    VbaModule("ThisWorkbook", "document", "Private Sub Workbook_Open()\nEnd Sub\n"),
    VbaModule(
        "LnpRibbon",
        "standard",
        "Option Explicit\n\nPublic Sub OnRunAll(control As IRibbonControl)\n"
        '    MsgBox "run"\nEnd Sub\n',
    ),
    VbaModule("Counter", "class", "Private mCount As Long\n"),
]


def write_sample_sheets(workbook: xlsxwriter.Workbook) -> None:
    data = workbook.add_worksheet("Data")
    data.write_row(0, 0, ["word", "count"])
    data.write_row(1, 0, ["caf\u00e9", 3])
    settings = workbook.add_worksheet("xlwings.conf")
    settings.write(0, 0, "UDF Modules")
    settings.write(0, 1, "lnp_excel.udfs")


def build_sample() -> bytes:
    return build_xlsm(write_sample_sheets, modules=MODULES, ribbon_xml=RIBBON)


@pytest.fixture(scope="module")
def xlsm() -> bytes:
    return build_sample()


def _parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _has_ribbon_relationship(rels: bytes) -> bool:
    pattern = rf'<Relationship (?=[^>]*Type="{re.escape(CUSTOM_UI_RELATIONSHIP)}")'
    pattern += rf'(?=[^>]*Target="/?{CUSTOM_UI_PART}")'
    return re.search(pattern, rels.decode()) is not None


def test_package_parts(xlsm: bytes) -> None:
    parts = _parts(xlsm)
    assert list(parts)[0] == "[Content_Types].xml"
    assert parts[CUSTOM_UI_PART].decode() == RIBBON
    assert _has_ribbon_relationship(parts["_rels/.rels"])
    assert b"application/vnd.ms-excel.sheet.macroEnabled.main+xml" in parts["[Content_Types].xml"]
    assert b'<workbookPr codeName="ThisWorkbook"' in parts["xl/workbook.xml"]
    assert b'<sheetPr codeName="Sheet1"' in parts["xl/worksheets/sheet1.xml"]
    assert b'<sheetPr codeName="Sheet2"' in parts["xl/worksheets/sheet2.xml"]
    assert b"2024-01-01T00:00:00Z" in parts["docProps/core.xml"]


def test_zip_entries_are_normalised(xlsm: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(xlsm)) as archive:
        assert archive.testzip() is None
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert (info.compress_type, info.create_system) == (zipfile.ZIP_DEFLATED, 0)
            assert info.external_attr == 0x20


def _olevba_modules(package: bytes) -> dict[str, str]:
    parser = VBA_Parser(filename="workbook.xlsm", data=package)
    try:
        return {stream.split("/")[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()


def test_olevba_sees_document_and_code_modules(xlsm: bytes) -> None:
    found = _olevba_modules(xlsm)
    assert list(found) == ["ThisWorkbook", "Sheet1", "Sheet2", "LnpRibbon", "Counter"]
    for module in MODULES:
        assert found[module.name] == stored_source(module)
    assert found["Sheet1"] == stored_source(VbaModule("Sheet1", "document", ""))


def test_openpyxl_opens_and_resave_keeps_vba_and_ribbon(xlsm: bytes) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(xlsm), keep_vba=True)
    assert workbook.sheetnames == ["Data", "xlwings.conf"]
    assert [c.value for c in workbook["Data"][2]] == ["caf\u00e9", 3]
    resaved = io.BytesIO()
    workbook.save(resaved)
    parts = _parts(resaved.getvalue())
    assert parts["xl/vbaProject.bin"] == _parts(xlsm)["xl/vbaProject.bin"]
    assert parts[CUSTOM_UI_PART].decode() == RIBBON
    assert _has_ribbon_relationship(parts["_rels/.rels"])
    assert b'codeName="Sheet1"' in parts["xl/worksheets/sheet1.xml"]
    assert list(_olevba_modules(resaved.getvalue())) == list(_olevba_modules(xlsm))


def test_explicit_code_names_and_properties_are_kept() -> None:
    def write(workbook: xlsxwriter.Workbook) -> None:
        workbook.set_properties({"title": "LNP"})
        workbook.add_worksheet("Data").set_vba_name("DataSheet")

    modules = [VbaModule("DataSheet", "document", "Private Sub Worksheet_Activate()\nEnd Sub")]
    parts = _parts(build_xlsm(write, modules=modules, ribbon_xml=None))
    assert CUSTOM_UI_PART not in parts
    assert b"<dc:title>LNP</dc:title>" in parts["docProps/core.xml"]
    assert b"2024-01-01T00:00:00Z" in parts["docProps/core.xml"]
    assert list(_olevba_modules(build_xlsm(write, modules=modules, ribbon_xml=None))) == [
        "ThisWorkbook",
        "DataSheet",
    ]


_SUBPROCESS = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
import test_package
sys.stdout.write(hashlib.sha256(test_package.build_sample()).hexdigest())
"""


def test_builds_are_byte_identical(xlsm: bytes) -> None:
    assert build_sample() == xlsm
    for seed, zone in (("1", "UTC"), ("4242", "Pacific/Auckland")):
        result = subprocess.run(
            [sys.executable, "-c", _SUBPROCESS, str(Path(__file__).parent)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed, "TZ": zone},
            check=True,
        )
        assert result.stdout == hashlib.sha256(xlsm).hexdigest()


def test_deterministic_zip_keeps_entries_and_is_idempotent(xlsm: bytes) -> None:
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr(zipfile.ZipInfo("b.xml", (2020, 5, 6, 7, 8, 10)), b"<b/>")
        archive.writestr("a.bin", bytes(range(256)), compress_type=zipfile.ZIP_STORED)
    normalised = deterministic_zip(source.getvalue())
    assert list(_parts(normalised).items()) == [("b.xml", b"<b/>"), ("a.bin", bytes(range(256)))]
    assert deterministic_zip(normalised) == normalised
    assert deterministic_zip(xlsm) == xlsm


@pytest.mark.parametrize(
    ("ribbon", "message"),
    [
        ("<customUI", "not well formed"),
        ('<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"/>', "namespace"),
        (RIBBON.replace('id="lnpRun"', 'id="lnpTab"'), "more than once: lnpTab"),
    ],
)
def test_bad_ribbons_are_rejected(xlsm: bytes, ribbon: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        add_ribbon(xlsm, ribbon)


def test_ribbon_needs_a_default_xml_content_type() -> None:
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships></Relationships>")
    with pytest.raises(ValueError, match="Default"):
        add_ribbon(source.getvalue(), RIBBON)


def test_ribbon_is_added_once_only(xlsm: bytes) -> None:
    with pytest.raises(ValueError, match="already has"):
        add_ribbon(xlsm, RIBBON)


def test_ribbon_callbacks_must_exist() -> None:
    private = [
        VbaModule("R", "standard", "Private Sub OnRunAll(control As IRibbonControl)\nEnd Sub")
    ]
    with pytest.raises(ValueError, match="OnRunAll"):
        build_xlsm(write_sample_sheets, modules=private, ribbon_xml=RIBBON)


def test_document_modules_must_match_sheets() -> None:
    modules = [VbaModule("Sheet9", "document", "")]
    with pytest.raises(ValueError, match="Sheet9"):
        build_xlsm(write_sample_sheets, modules=modules, ribbon_xml=None)


def test_chart_sheets_are_refused() -> None:
    def write(workbook: xlsxwriter.Workbook) -> None:
        workbook.add_worksheet("Data").write_column(0, 0, [1, 2, 3])
        chart = workbook.add_chart({"type": "line"})
        chart.add_series({"values": "=Data!$A$1:$A$3"})
        workbook.add_chartsheet().set_chart(chart)

    with pytest.raises(ValueError, match="chart sheets"):
        build_xlsm(write, modules=[], ribbon_xml=None)


def test_ribbon_xml_with_entities_is_refused_not_expanded() -> None:
    from lnp_excel.build.package import check_ribbon_xml

    bomb = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">&b;</customUI>'
    )
    with pytest.raises(ValueError, match="entities"):
        check_ribbon_xml(bomb)


def test_an_addin_is_the_same_package_with_the_addin_workbook_type() -> None:
    """Issue 11 s2: an .xlam differs from its .xlsm in the workbook part's content type."""
    xlsm = build_xlsm(write_sample_sheets, modules=MODULES, ribbon_xml=RIBBON)
    xlam = build_xlsm(write_sample_sheets, modules=MODULES, ribbon_xml=RIBBON, addin=True)
    with zipfile.ZipFile(io.BytesIO(xlsm)) as a, zipfile.ZipFile(io.BytesIO(xlam)) as b:
        assert a.namelist() == b.namelist()
        assert [n for n in a.namelist() if a.read(n) != b.read(n)] == ["[Content_Types].xml"]
        types = b.read("[Content_Types].xml").decode()
        macro_types = a.read("[Content_Types].xml").decode()
    assert types.replace(ADDIN_WORKBOOK_TYPE, MACRO_WORKBOOK_TYPE) == macro_types
    assert f'PartName="/xl/workbook.xml" ContentType="{ADDIN_WORKBOOK_TYPE}"' in types
    assert build_xlsm(write_sample_sheets, modules=MODULES, ribbon_xml=RIBBON, addin=True) == xlam


def test_as_addin_refuses_a_package_without_a_macro_workbook() -> None:
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    workbook.add_worksheet("Data")
    workbook.close()
    with pytest.raises(ValueError, match="add-in"):
        as_addin(output.getvalue())
