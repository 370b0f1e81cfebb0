"""Assemble a deterministic .xlsm: XlsxWriter workbook + source-only VBA project + ribbon.

XlsxWriter embeds vbaProject.bin and writes the code names itself, but it cannot add a
ribbon, so the customUI part and its package relationship are added afterwards. A last
re-zip fixes everything zipfile would otherwise take from the platform.
"""

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from xml.etree import ElementTree

import xlsxwriter
from defusedxml import ElementTree as SafeElementTree
from defusedxml import EntitiesForbidden

from lnp_excel.build.vba_project import WORKBOOK_CODE_NAME, VbaModule, build_vba_project

CUSTOM_UI_NAMESPACE = "http://schemas.microsoft.com/office/2006/01/customui"
CUSTOM_UI_PART = "customUI/customUI.xml"
CUSTOM_UI_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
CUSTOM_UI_RELATIONSHIP_ID = "rIdCustomUI"
MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
ADDIN_WORKBOOK_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
"""The workbook part's content type is what makes a package an .xlam add-in."""
CREATED = datetime(2024, 1, 1)
"""Document creation date written when the caller sets none: a clock would break identity."""

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_COMPRESS_LEVEL = 6
_DOS_ARCHIVE = 0x20
_PACKAGE_RELS = "_rels/.rels"
_CONTENT_TYPES = "[Content_Types].xml"
_CALLBACK_ATTRIBUTE = re.compile(r"(on|get)[A-Z]\w*|loadImage")
_PUBLIC_PROCEDURE = re.compile(
    r"^[ \t]*(?:Public[ \t]+)?(?:Sub|Function)[ \t]+(\w+)", re.IGNORECASE | re.MULTILINE
)


def build_xlsm(
    write_sheets: Callable[[xlsxwriter.Workbook], None],
    *,
    modules: Sequence[VbaModule],
    ribbon_xml: str | None,
    project_name: str = "VBAProject",
    addin: bool = False,
) -> bytes:
    """Return .xlsm bytes: the sheets `write_sheets` adds, the VBA modules, optional ribbon.

    ThisWorkbook and one document module per sheet (named by the sheet's code name) are added
    when `modules` does not supply them; Excel expects a document module for each. With
    `addin` the workbook part gets the add-in content type: the bytes of an .xlam.
    """
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    write_sheets(workbook)
    workbook.set_properties({"created": CREATED, **workbook.doc_properties})
    project_modules = _with_document_modules(modules, _sheet_code_names(workbook))
    if ribbon_xml is not None:
        check_ribbon_callbacks(ribbon_xml, project_modules)
    project = build_vba_project(project_modules, project_name=project_name)
    workbook.add_vba_project(io.BytesIO(project), is_stream=True)
    workbook.set_vba_name(WORKBOOK_CODE_NAME)
    workbook.close()
    package = output.getvalue()
    if ribbon_xml is not None:
        package = add_ribbon(package, ribbon_xml)
    if addin:
        package = as_addin(package)
    return deterministic_zip(package)


def as_addin(package: bytes) -> bytes:
    """The same package as an .xlam: only the workbook part's content type differs.

    Excel opens a package whose workbook part is ``addin.macroEnabled.main+xml`` as an
    add-in (IsAddin: its sheets hidden, its ribbon and macros loaded for every workbook).
    """
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    types = dict(entries).get(_CONTENT_TYPES, b"")
    old = f'PartName="/xl/workbook.xml" ContentType="{MACRO_WORKBOOK_TYPE}"'.encode()
    if types.count(old) != 1:
        raise ValueError(f"{_CONTENT_TYPES} has no macro-enabled workbook part to make an add-in")
    new = old.replace(MACRO_WORKBOOK_TYPE.encode(), ADDIN_WORKBOOK_TYPE.encode())
    return _write_zip(
        [(n, data.replace(old, new) if n == _CONTENT_TYPES else data) for n, data in entries]
    )


def add_ribbon(package: bytes, ribbon_xml: str) -> bytes:
    """Add `ribbon_xml` as customUI/customUI.xml plus its relationship in _rels/.rels.

    The 2006 part, not customUI14.xml: openpyxl keeps it when re-saving with keep_vba=True.
    Its content type is covered by the package's Default for the .xml extension.
    """
    check_ribbon_xml(ribbon_xml)
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    names = [name for name, _ in entries]
    if CUSTOM_UI_PART in names:
        raise ValueError(f"package already has {CUSTOM_UI_PART}")
    if _PACKAGE_RELS not in names:
        raise ValueError(f"package has no {_PACKAGE_RELS}")
    if b'Extension="xml"' not in dict(entries).get(_CONTENT_TYPES, b""):
        raise ValueError(f"{_CONTENT_TYPES} has no Default for .xml parts")
    entries = [
        (name, _add_relationship(data) if name == _PACKAGE_RELS else data) for name, data in entries
    ]
    entries.append((CUSTOM_UI_PART, ribbon_xml.encode("utf-8")))
    return _write_zip(entries)


def deterministic_zip(zip_bytes: bytes) -> bytes:
    """Same entries in the same order, each dated 1980-01-01, DOS archive attribute, deflate 6."""
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as source:
        return _write_zip([(info.filename, source.read(info)) for info in source.infolist()])


def check_ribbon_xml(ribbon_xml: str) -> None:
    """Raise ValueError for what Excel rejects silently: bad XML, wrong namespace, repeated ids."""
    root = _parse_ribbon(ribbon_xml)
    if root.tag != f"{{{CUSTOM_UI_NAMESPACE}}}customUI":
        raise ValueError(f"ribbon root must be customUI in the {CUSTOM_UI_NAMESPACE} namespace")
    ids = [element.get("id") for element in root.iter() if element.get("id") is not None]
    repeated = sorted({control_id for control_id in ids if ids.count(control_id) > 1})
    if repeated:
        raise ValueError(f"ribbon control ids used more than once: {', '.join(repeated)}")


def check_ribbon_callbacks(ribbon_xml: str, modules: Sequence[VbaModule]) -> None:
    """Raise ValueError if a ribbon callback names no public procedure of a standard module.

    Excel only reports a missing callback when the control is used, so check it at build time.
    """
    defined = {
        name.upper()
        for module in modules
        if module.kind == "standard"
        for name in _PUBLIC_PROCEDURE.findall(module.source)
    }
    missing = sorted(
        {
            value
            for element in _parse_ribbon(ribbon_xml).iter()
            for attribute, value in element.attrib.items()
            if _CALLBACK_ATTRIBUTE.fullmatch(attribute)
            and value.rsplit(".", 1)[-1].upper() not in defined
        }
    )
    if missing:
        raise ValueError(f"ribbon callbacks without a public VBA procedure: {', '.join(missing)}")


def _parse_ribbon(ribbon_xml: str) -> ElementTree.Element:
    try:
        return SafeElementTree.fromstring(ribbon_xml)  # no entity expansion (issue 6)
    except EntitiesForbidden:
        raise ValueError("ribbon XML must not declare entities") from None
    except ElementTree.ParseError as error:
        raise ValueError(f"ribbon XML is not well formed: {error}") from error


def _sheet_code_names(workbook: xlsxwriter.Workbook) -> list[str]:
    """Fix every sheet's code name now (XlsxWriter's default, Sheet<n>) so VBA can match it."""
    names = []
    for sheet in workbook.worksheets():
        if sheet.is_chartsheet:
            raise ValueError("chart sheets are not supported in VBA-enabled workbooks")
        if sheet.vba_codename is None:
            sheet.set_vba_name()
        names.append(sheet.vba_codename)
    return names


def _with_document_modules(
    modules: Sequence[VbaModule], sheet_code_names: list[str]
) -> list[VbaModule]:
    """ThisWorkbook, then one document module per sheet in sheet order, then the others."""
    documents = {m.name: m for m in modules if m.kind == "document"}
    expected = [WORKBOOK_CODE_NAME, *sheet_code_names]
    unknown = sorted(set(documents) - set(expected))
    if unknown:
        raise ValueError(f"document modules without a matching sheet code name: {unknown}")
    return [documents.get(name, VbaModule(name, "document", "")) for name in expected] + [
        m for m in modules if m.kind != "document"
    ]


def _add_relationship(rels: bytes) -> bytes:
    text = rels.decode("utf-8")
    if f'Id="{CUSTOM_UI_RELATIONSHIP_ID}"' in text:
        raise ValueError(f"{_PACKAGE_RELS} already uses Id {CUSTOM_UI_RELATIONSHIP_ID}")
    relationship = (
        f'<Relationship Id="{CUSTOM_UI_RELATIONSHIP_ID}" '
        f'Type="{CUSTOM_UI_RELATIONSHIP}" Target="{CUSTOM_UI_PART}"/>'
    )
    head, closing, tail = text.rpartition("</Relationships>")
    if not closing:
        raise ValueError(f"{_PACKAGE_RELS} has no closing </Relationships>")
    return (head + relationship + closing + tail).encode("utf-8")


def _write_zip(entries: list[tuple[str, bytes]]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, as Excel writes; zipfile would say Unix off Windows
            info.external_attr = _DOS_ARCHIVE  # zipfile replaces 0 with Unix permissions
            target.writestr(info, data, compresslevel=_COMPRESS_LEVEL)
    return output.getvalue()
