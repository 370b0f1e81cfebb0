"""What a file shows but does not hold, and text files that are not quite text (issue #6).

Real files written by openpyxl and edited at the XML level, then read back; nothing mocked.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from openpyxl import Workbook

from lnp_excel.core.errors import InputError
from lnp_excel.io.tables import read_table

SHEET = "xl/worksheets/sheet1.xml"


def _book(tmp_path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Numbers"
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


# --- formulas never calculated ----------------------------------------------------------------


def test_formulas_without_saved_results_are_refused_in_the_columns_read(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        [["Phone Number", "Total", "Site"], ["=A9&A10", "=1+1", "HQ"], ["2127361235", "=2+2"]],
    )
    table = read_table(path)
    assert table.frame.loc[2, "Phone Number"] is None  # the value a value-read gives
    assert [s.where for s in table.suspect["Phone Number"]] == ["A2"]
    assert [s.where for s in table.suspect["Total"]] == ["B2", "B3"]
    with pytest.raises(InputError) as caught:
        table.require(["Phone Number"])
    error = caught.value
    assert "formulas whose results were never saved (A2)" in error.message
    assert (error.file, error.sheet, error.row, error.column) == (
        "book.xlsx",
        "Numbers",
        2,
        "Phone Number",
    )


def test_saved_results_are_not_suspect(tmp_path: Path, edit_zip) -> None:
    path = _book(tmp_path, [["Phone Number", "Note"], ["=A9", '=""'], ["=A10", "=1"]])
    # What Excel saves: a text result (an empty text is a result too) and a number.
    edit_zip(
        path,
        SHEET,
        lambda xml: (
            xml.replace(
                b'<c r="A2"><f>A9</f><v></v>', b'<c r="A2" t="str"><f>A9</f><v>2127361234</v>'
            )
            .replace(b'<c r="B2"><f>""</f><v></v>', b'<c r="B2" t="str"><f>""</f><v></v>')
            .replace(b'<c r="A3"><f>A10</f><v></v>', b'<c r="A3"><f>A10</f><v>2127361235</v>')
            .replace(b'<c r="B3"><f>1</f><v></v>', b'<c r="B3"><f>1</f><v>1</v>')
        ),
    )
    table = read_table(path)
    assert table.suspect == {}
    assert table.frame["Phone Number"].tolist() == ["2127361234", 2127361235]
    table.require(table.frame.columns)


def test_a_namespace_prefix_does_not_hide_a_formula(tmp_path: Path, edit_zip) -> None:
    path = _book(tmp_path, [["Phone Number"], ["=A9"], ["2127361235"]])
    edit_zip(
        path,
        SHEET,
        lambda xml: (
            xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=")
            .replace(b"</worksheet>", b"</x:worksheet>")
            .replace(b"<", b"<x:")
            .replace(b"<x:/", b"</x:")
            .replace(b"<x:x:", b"<x:")
            .replace(b"</x:x:", b"</x:")
        ),
    )
    table = read_table(path)
    assert [s.where for s in table.suspect["Phone Number"]] == ["A2"]


# --- merged cells ------------------------------------------------------------------------------


def test_merged_cells_below_the_header_apply_to_every_row_with_a_warning(
    tmp_path: Path,
) -> None:
    """Issue 13: Excel shows a merged value over every row of the range, and that is what
    the agent means; each of those rows is warned, the file is not refused."""
    path = _book(
        tmp_path,
        [
            ["Acme numbers", None, None],
            ["Phone Number", "Carrier", "Site"],
            ["2127361234", "AT&T", "HQ"],
            ["2127361235", None, None],
            ["2127361236", "Verizon", "Annex"],
        ],
        merges=("A1:C1", "B3:B4", "C3:C4"),
    )
    table = read_table(path)
    assert table.header_row == 2
    assert table.suspect == {}
    table.require(table.frame.columns)
    assert table.frame["Carrier"].tolist() == ["AT&T", "AT&T", "Verizon"]
    assert table.frame["Site"].tolist() == ["HQ", "HQ", "Annex"]
    assert table.notes[3] == table.notes[4]
    assert [n.split(":")[0] for n in table.notes[4]] == ["merged cells (B3", "merged cells (C3"]
    assert 5 not in table.notes


def test_a_sideways_merge_in_the_data_keeps_its_value_in_the_first_column(
    tmp_path: Path,
) -> None:
    path = _book(
        tmp_path,
        [["Phone Number", "Street", "City"], ["2127361234", "1 Main St", None]],
        merges=("B2:C2",),
    )
    table = read_table(path)
    assert table.frame.loc[2, "Street"] == "1 Main St" and table.frame.loc[2, "City"] is None
    assert table.notes == {
        2: ["merged cells (B2:C2): the value of B2 was applied to each row; check it"]
    }


def test_a_header_merged_into_the_data_is_refused(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        [["Phone Number", "Carrier"], [None, "AT&T"], ["2127361235", "AT&T"]],
        merges=("A1:A2",),
    )
    table = read_table(path)
    with pytest.raises(InputError, match=r"merged cells \(A1:A2\): the value Excel shows"):
        table.require(["Phone Number"])


def test_unsaved_formulas_cost_their_row_only(tmp_path: Path) -> None:
    """Issue 13: the row gets the reason, the rest of the file is read."""
    path = _book(tmp_path, [["Phone Number", "Carrier"], ["=A9", "AT&T"], ["2127361235", "=B9"]])
    table = read_table(path)
    table.require(table.frame.columns, formulas=False)
    assert table.unread(["Phone Number"]) == {
        2: "a formula whose result was never saved (A2): the file was written by a program, "
        "not by Excel. Open it in Excel, save it, and try again"
    }
    assert list(table.unread(["Phone Number", "Carrier"])) == [2, 3]
    with pytest.raises(InputError, match=r"1 cell with formulas whose results were never saved"):
        table.require(["Carrier"])


# --- text that is not quite text ---------------------------------------------------------------


def test_zero_bytes_in_a_text_file_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    lines = ["Phone Number,Label"] + [f"212736{i:04d},line {i}" for i in range(2000)]
    data = "\r\n".join(lines).encode("utf-8").replace(b"line 1500", b"line\x00\x001500")
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert "2 zero bytes (NUL), the first on line 1502" in caught.value.message
    assert caught.value.row == 1502


def test_utf16_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "Phone Number\r\n2127361234\r\n".encode("utf-16-le"))
    assert read_table(path).frame["Phone Number"].tolist() == ["2127361234"]


def test_a_file_of_blank_lines_and_separators_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("\r\n,,\r\n  \r\n,,,\r\n\t\r\n", encoding="utf-8")
    with pytest.raises(InputError, match="only blank lines and separators"):
        read_table(path)


def test_excel_text_formulas_in_a_csv_read_as_excel_shows_them(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_text(
        'Phone Number,Note\r\n="0012127361234",="say ""hi"""\r\n'
        '="2127361235"&"x",=A1\r\n2127361236,="\r\n',
        encoding="utf-8",
    )
    frame = read_table(path).frame
    assert frame["Phone Number"].tolist() == ["0012127361234", '="2127361235"&"x"', "2127361236"]
    assert frame["Note"].tolist() == ['say "hi"', "=A1", '="']
