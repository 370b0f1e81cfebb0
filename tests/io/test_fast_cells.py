"""fast_cells (issue 14): a plain sheet's rows made column by column read back exactly as
the same rows written cell by cell through XlsxWriter: values, types, number formats."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from lnp_excel.io import fast_cells
from lnp_excel.io.tables import read_table
from lnp_excel.io.workbook_writer import SheetSpec, write_workbook


def awkward_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Row": [2, 3, 4, 5],
            "Input": [" (212) 736-1234", "AT&T <main>", "tab\tand\x01bell", None],
            "Number": pd.array(["2127361234", "", "x0041 literal", "+442079460958"], "str"),
            "Carrier": pd.Categorical(["AT&T", "Lumen", None, "AT&T"]),
            "Big": [12345678901234567, 1, 2, 3],
            "Cost": [1.5, float("nan"), 0.1, 50.0],
            "Ported": pd.to_datetime(["2026-12-10", None, "2026-12-15", "2026-12-31"]),
            "Done": [True, False, True, False],
            "Blank": [None, None, None, None],
        }
    )


def cells(path: Path, sheet: str) -> list[list[tuple]]:
    ws = load_workbook(path)[sheet]
    return [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()]


def test_fast_rows_equal_xlsxwriter_rows(tmp_path: Path) -> None:
    frame = awkward_frame()
    assert fast_cells.plain(frame)
    fast = write_workbook(tmp_path / "fast.xlsx", [SheetSpec("Numbers", frame)])
    # A fill on one cell sends the sheet through XlsxWriter's own cell writer.
    slow = write_workbook(
        tmp_path / "slow.xlsx", [SheetSpec("Numbers", frame, highlight={(0, "Row"): "#FFEB9C"})]
    )
    assert b"inlineStr" in zipfile.ZipFile(fast).read("xl/worksheets/sheet1.xml")
    assert b"inlineStr" not in zipfile.ZipFile(slow).read("xl/worksheets/sheet1.xml")
    got, expected = cells(fast, "Numbers"), cells(slow, "Numbers")
    assert got == expected
    assert got[1][1][0] == " (212) 736-1234"  # spaces kept
    # a control character is written as SpreadsheetML escapes it (openpyxl shows the escape)
    assert got[3][1][0] == "tab\tand_x0001_bell" and got[3][2][0] == "x0041 literal"
    assert got[1][4][0] == "12345678901234567"  # every digit, as text
    ws = load_workbook(fast)["Numbers"]
    assert ws.tables["tbl_Numbers"].ref == "A1:I5"


def _texts(xml: bytes) -> list[str]:
    return re.findall(r"<t(?: xml:space=\"preserve\")?>(.*?)</t>", xml.decode(), re.S)


def test_fast_text_is_escaped_as_xlsxwriter_escapes_it(tmp_path: Path) -> None:
    """Issue 18 item 19: a literal "_xHHHH_" keeps its "_" escaped (Excel would read the
    escape), a carriage return stays a carriage return, edge spaces are preserved: the
    inline strings hold exactly the text XlsxWriter puts in its shared strings."""
    hostile = ["_x005F_x0041_", "_x0041_", "cr\rhere", "nul\x00x\x1f", " edge ", "\ufffe", "a&<b>"]
    frame = pd.DataFrame({"Text": hostile})
    fast = write_workbook(tmp_path / "fast.xlsx", [SheetSpec("S", frame)])
    slow = write_workbook(
        tmp_path / "slow.xlsx", [SheetSpec("S", frame, highlight={(0, "Text"): "#FFEB9C"})]
    )
    inline = _texts(zipfile.ZipFile(fast).read("xl/worksheets/sheet1.xml"))
    shared = _texts(zipfile.ZipFile(slow).read("xl/sharedStrings.xml"))
    assert inline == [t for t in shared if t != "Text"]
    assert inline[0] == "_x005F_x005F_x0041_" and inline[2] == "cr_x000D_here"
    assert b'<t xml:space="preserve"> edge </t>' in zipfile.ZipFile(fast).read(
        "xl/worksheets/sheet1.xml"
    )


def test_fast_rows_keep_notes_beside_the_table_and_read_back(tmp_path: Path) -> None:
    frame = pd.DataFrame({"Phone Number": [f"21273612{i:02d}" for i in range(30)], "n": range(30)})
    path = write_workbook(
        tmp_path / "w.xlsx", [SheetSpec("S", frame, notes=["first", ("Count", 30)])]
    )
    ws = load_workbook(path)["S"]
    assert (ws["D1"].value, ws["D2"].value, ws["E2"].value) == ("first", "Count", 30)
    assert ws["A31"].value == "2127361229" and ws["B31"].value == 29
    assert read_table(path).frame["Phone Number"].tolist() == frame["Phone Number"].tolist()


def test_mixed_columns_take_the_cell_writer() -> None:
    assert not fast_cells.plain(pd.DataFrame({"Value": ["text", 5, None]}))
    assert not fast_cells.plain(pd.DataFrame({"Value": [1.5, "x"]}))
    assert fast_cells.plain(pd.DataFrame({"n": np.arange(3), "t": ["a", None, "b"]}))
