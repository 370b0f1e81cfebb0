"""Issue 11 section 4: every ribbon icon is an id from Excel's own control list.

An imageMso id Excel does not know shows a blank button (and "Show add-in user interface
errors" reports it). The allowed ids below were each found in Microsoft's published Excel
control lists, github.com/OfficeDev/office-fluent-ui-command-identifiers, file
``excelcontrols.xlsx`` of Office 2013, Office 2016, Office 2019 and Microsoft 365 Current
Channel (checked 2026-11-30 against the snapshot of 2024-03-18). Ids found only in other
Office apps' lists (``TableOfFiguresInsert``, ``AdpPrimaryKey``, ``AddressBook``, ...)
or in none (``GroupInternational``, ``AutoDial``) are refused.
"""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from lnp_excel.build.workbooks import SOURCES

SOURCE = "excelcontrols.xlsx (Office 2013, 2016, 2019, Microsoft 365 Current Channel)"

EXCEL_IMAGE_MSO = {
    # id: where the Office 2016 list places the control
    "AccountingFormat": "TabHome > GroupNumber",
    "ClearAll": "TabHome > GroupEditingExcel",
    "DataValidation": "TabData > GroupDataTools",
    "FileNew": "not in the ribbon (File menu)",
    "FileSaveAs": "not in the ribbon (File menu)",
    "FileSaveAsOtherFormats": "not in the ribbon (File menu)",
    "FillDown": "TabHome > GroupEditingExcel",
    "MacroPlay": "not in the ribbon (Macros)",
    "PivotTableLayoutReportLayout": "TabPivotTableToolsDesign > GroupPivotTableLayout",
    "RemoveDuplicates": "TabTableToolsDesignExcel > GroupTableTools",
    "ReplaceDialog": "TabHome > GroupEditingExcel",
    "SheetProtect": "context menu ContextMenuWorkbookPly",
    "TableInsertExcel": "not in the ribbon (Insert Table)",
    "Translate": "TabReview > GroupLanguage",
    "Undo": "not in the ribbon (Quick Access Toolbar)",
}

NOT_EXCEL = {
    "GroupInternational": "in no published Office list",
    "AutoDial": "in no published Office list",
    "TableOfFiguresInsert": "other Office apps only",
    "ReviewAcceptChange": "other Office apps only",
    "ExportTextFile": "other Office apps only",
    "AdpPrimaryKey": "other Office apps only",
    "AddressBook": "other Office apps only",
    "TableInsert": "other Office apps only",
}

RIBBONS = sorted(SOURCES.glob("*/ribbon.xml"))


def image_ids(path) -> list[str]:
    root = ElementTree.fromstring(path.read_text(encoding="utf-8"))
    return [e.get("imageMso") for e in root.iter() if e.get("imageMso") is not None]


def test_every_workbook_with_a_ribbon_is_checked() -> None:
    assert {p.parent.name for p in RIBBONS} >= {"Port_Planner", "CSR_Template"}


@pytest.mark.parametrize("ribbon", RIBBONS, ids=[p.parent.name for p in RIBBONS])
def test_ribbon_icons_come_from_excels_own_list(ribbon) -> None:
    ids = image_ids(ribbon)
    assert ids, f"{ribbon} has no icons"
    unknown = sorted(set(ids) - set(EXCEL_IMAGE_MSO))
    assert not unknown, f"not in {SOURCE}: {unknown}"
    assert not set(ids) & set(NOT_EXCEL)
