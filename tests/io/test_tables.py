"""read_table / read_rows on real CSV and .xlsx files, good and bad."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from lnp_excel.core.columns import CARRIER_ALIASES, NUMBER_ALIASES, find_column
from lnp_excel.core.errors import InputError, InputWarning
from lnp_excel.io.tables import SourceTable, read_rows, read_table

ROWS = [
    ["Phone Number", "Carrier", "Country"],
    ["2127361234", "Société Générale", "US"],
    ["0012127361235", "AT&T, Inc.", "US"],
]


def write_text(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def csv_text(rows: list[list[str]], delimiter: str = ",", newline: str = "\r\n") -> str:
    def cell(value: str) -> str:
        if delimiter in value or '"' in value or "\n" in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(v) for v in row) + newline for row in rows)


# --- CSV: encodings, delimiters, exact text -----------------------------------------------


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),  # Python writes a BOM
        ("utf-16-le", b""),  # BOM-less, found by its NUL bytes
        ("utf-16-be", b""),
        ("cp1252", b""),
    ],
)
def test_csv_encodings_read_exact_text(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "numbers.csv"
    path.write_bytes(prefix + csv_text(ROWS).encode(encoding))
    table = read_table(path)
    assert list(table.frame.columns) == ["Phone Number", "Carrier", "Country"]
    assert table.frame["Carrier"].tolist() == ["Société Générale", "AT&T, Inc."]
    assert table.frame["Phone Number"].tolist() == ["2127361234", "0012127361235"]
    assert table.sheet is None and table.header_row == 1
    assert table.frame.index.tolist() == [2, 3]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    rows = [*ROWS, ["+1 212 736 1236", "Verizon; Wireless|x", "CA"]]
    path = write_text(tmp_path / "n.txt", csv_text(rows, delimiter), "utf-8")
    frame = read_table(path).frame
    assert frame.shape == (3, 3)
    assert frame.iloc[2].tolist() == ["+1 212 736 1236", "Verizon; Wireless|x", "CA"]


def test_csv_values_are_object_text_never_numbers(tmp_path: Path) -> None:
    path = write_text(tmp_path / "n.csv", "TN,Count\n2127361234,007\n2.12736E+09,\n", "utf-8")
    frame = read_table(path).frame
    assert frame.dtypes.tolist() == [object, object]
    assert frame.iloc[0].tolist() == ["2127361234", "007"]
    assert frame.iloc[1].tolist() == ["2.12736E+09", ""]


def test_csv_title_lines_blank_lines_and_row_numbers(tmp_path: Path) -> None:
    text = (
        "Port request for Acme\n"
        "Prepared 2024-05-01\n"
        "\n"
        "Phone,Carrier\n"
        "2127361234,AT&T\n"
        "\n"
        '2127361235,"Bandwidth\nCLEC"\n'
        "2127361236,Onvoy\n"
    )
    table = read_table(write_text(tmp_path / "t.csv", text, "utf-8"))
    assert table.header_row == 4
    # Excel shows the quoted two-line cell as one row, so row numbers follow records.
    assert table.frame.index.tolist() == [5, 7, 8]
    assert table.frame.loc[7, "Carrier"] == "Bandwidth\nCLEC"
    assert table.frame.index.name == "row"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_csv_line_endings_and_blank_looking_rows(tmp_path: Path, newline: str) -> None:
    rows = [["Phone", "Carrier", ""], ["2127361234", "AT&T", "  "], ["   ", " ", ""], ["", "", ""]]
    path = write_text(tmp_path / "e.csv", csv_text(rows, newline=newline), "utf-8")
    frame = read_table(path).frame
    assert list(frame.columns) == ["Phone", "Carrier"]
    assert frame.index.tolist() == [2]


def test_csv_semicolons_with_decimal_commas(tmp_path: Path) -> None:
    text = "Nummer;Anbieter;Kosten\n2127361234;Telekom;1,50\n2127361235;O2;2,50\n"
    frame = read_table(write_text(tmp_path / "de.csv", text, "cp1252")).frame
    assert frame["Kosten"].tolist() == ["1,50", "2,50"]


def test_csv_row_wider_than_the_sample_gets_a_column(tmp_path: Path) -> None:
    rows = [["Number", "Carrier"]] + [[f"21273600{i:02d}", "AT&T"] for i in range(60)]
    rows.append(["2127369999", "AT&T", "stray note"])
    frame = read_table(write_text(tmp_path / "w.csv", csv_text(rows), "utf-8")).frame
    assert list(frame.columns) == ["Number", "Carrier", "Column C"]
    assert frame["Column C"].iloc[-1] == "stray note"
    assert frame["Column C"].iloc[0] == ""


def test_csv_headers_blank_duplicate_and_trailing_empty_columns(tmp_path: Path) -> None:
    text = "Phone,,phone,Carrier,,\n2127361234,x,2127361235,AT&T,,\n"
    frame = read_table(write_text(tmp_path / "d.csv", text, "utf-8")).frame
    assert list(frame.columns) == ["Phone", "Column B", "phone (2)", "Carrier"]
    with pytest.raises(InputError, match="two columns look like the phone number"):
        find_column(frame.columns, NUMBER_ALIASES, role="phone number")


def test_csv_max_rows(tmp_path: Path) -> None:
    rows = [["Title"], ["Number", "Carrier"]] + [[str(2127360000 + i), "X"] for i in range(100)]
    table = read_table(write_text(tmp_path / "m.csv", csv_text(rows), "utf-8"), max_rows=5)
    assert len(table.frame) == 5 and table.frame.index.tolist() == [3, 4, 5, 6, 7]


def test_csv_alias_groups_choose_header(tmp_path: Path) -> None:
    text = "Carrier report\nCarrier,Count\nAT&T,3\n"
    table = read_table(
        write_text(tmp_path / "c.csv", text, "utf-8"), alias_groups=(CARRIER_ALIASES,)
    )
    assert table.header_row == 2 and table.frame["Carrier"].tolist() == ["AT&T"]


def test_xls_named_file_that_is_really_tab_separated_text(tmp_path: Path) -> None:
    path = write_text(tmp_path / "export.xls", "Phone\tCarrier\n2127361234\tAT&T\n", "utf-8")
    assert read_table(path).frame.iloc[0].tolist() == ["2127361234", "AT&T"]


def test_csv_one_million_rows_are_all_read_with_their_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    body = "".join(f"{2002000000 + i},AT&T,US,Assigned,note {i}\n" for i in range(1_000_000))
    path.write_text("Phone Number,Carrier,Country,Status,Notes\n" + body, encoding="utf-8")
    table = read_table(path)  # its speed is measured in benchmarks/bench_csr.py
    assert table.frame.shape == (1_000_000, 5)
    assert table.frame.index[-1] == 1_000_001
    assert table.frame.iat[-1, 0] == str(2002000000 + 999_999)


def test_read_rows_csv(tmp_path: Path) -> None:
    path = write_text(tmp_path / "r.csv", "a;b\n1;2\n\n", "utf-8")
    assert read_rows(path) == ([["a", "b"], ["1", "2"]], None)


# --- CSV: bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"\r\n  \r\n", "the file is empty"),
        (b"Phone,Carrier\r\n", "header row but no data rows"),
        (b"Phone,Carrier\n\n\n", "header row but no data rows"),
        (b"2127361234\n2127361235\n", "no header row found in the first 30 rows"),
        (b'Phone,Carrier\n2127361234,"AT&T\n', "a quoted cell never ends"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "does not look like a text"),
        (b"%PDF-1.7 ...", "PDF"),
    ],
)
def test_bad_csv_is_an_input_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        read_table(path)
    assert caught.value.file == "bad.csv"
    assert "bad.csv" in str(caught.value)


def test_header_only_error_names_the_row(tmp_path: Path) -> None:
    path = write_text(tmp_path / "h.csv", "Report\nPhone,Carrier\n", "utf-8")
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.row == 2


# --- xlsx -----------------------------------------------------------------------------------


def test_xlsx_title_rows_merged_cells_and_native_values(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Numbers"
    ws["A1"] = "Port-in request: Acme"
    ws.merge_cells("A1:F1")
    ws["A2"] = dt.datetime(2024, 5, 1)
    ws.append([])
    ws.append(["Phone Number", "Carrier", "Released Date", "Cost", "Total", "Check"])
    ws.append(["2127361234", "AT&T", dt.datetime(2024, 1, 5), 12.5, "=D5*2", "#N/A"])
    ws.append([2127361235, "Verizon", dt.date(2024, 1, 6), 3, None, True])
    ws.append([])
    ws.append([2127361236.0, None, None, None, None, None])
    ws.append(["  ", None, " ", None, None, None])  # only spaces: an empty row
    path = tmp_path / "a.xlsx"
    wb.save(path)

    table = read_table(path)
    frame = table.frame
    assert (table.sheet, table.header_row, table.path) == ("Numbers", 4, path)
    assert list(frame.columns) == [
        "Phone Number",
        "Carrier",
        "Released Date",
        "Cost",
        "Total",
        "Check",
    ]
    assert frame.index.tolist() == [5, 6, 8]
    assert frame.loc[5, "Phone Number"] == "2127361234"  # text stays text
    assert frame.loc[6, "Phone Number"] == 2127361235
    assert frame.loc[5, "Released Date"] == dt.datetime(2024, 1, 5)
    assert frame.loc[5, "Cost"] == 12.5 and isinstance(frame.loc[5, "Cost"], float)
    assert frame.loc[5, "Total"] is None  # formula without a cached value
    assert frame.loc[5, "Check"] == "#N/A"
    assert frame.loc[6, "Check"] is True
    assert frame.loc[8, "Carrier"] is None
    assert all(pd.api.types.is_object_dtype(dtype) for dtype in frame.dtypes)


def test_xlsx_formula_with_cached_value_reads_the_value(make_xlsx, edit_zip) -> None:
    path = make_xlsx({"S": [["TN", "Total"], ["2127361234", "=1+1"]]})
    edit_zip(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<v></v>", b"<v>2</v>"))
    assert read_table(path).frame.loc[2, "Total"] == 2


def test_xlsx_huge_declared_dimension_reads_only_real_rows(make_xlsx, edit_zip) -> None:
    path = make_xlsx({"S": [["TN", "Carrier"], ["2127361234", "AT&T"]]})
    edit_zip(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    table = read_table(path)  # a sheet sized by its declaration would need 17 billion cells
    assert table.frame.shape == (1, 2)


def test_xlsx_styled_empty_rows_and_far_columns_are_ignored(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Phone", "Carrier"])
    ws.append(["2127361234", "AT&T"])
    ws.cell(row=5000, column=1).fill = PatternFill("solid", fgColor="FFFF00")
    ws.cell(row=2, column=300, value="far away")
    path = tmp_path / "styled.xlsx"
    wb.save(path)
    with pytest.warns(InputWarning, match=r"right of column GR are not read .* is KN2"):
        frame = read_table(path).frame  # ignored, but said (issue 18 item 19)
    assert frame.shape == (1, 2)


def test_xlsx_sheet_choice(make_xlsx) -> None:
    path = make_xlsx(
        {
            "Hidden": [["Phone", "Carrier"], ["1", "x"]],
            "Instructions": [["Read me first"], ["Then fill in the list"]],
            "Port List": [["Customer: Acme"], ["TN", "Carrier"], ["2127361234", "AT&T"]],
        },
        hidden=["Hidden"],
    )
    assert read_table(path).sheet == "Port List"
    assert read_table(path, sheet="port list").sheet == "Port List"
    assert read_table(path, sheet="Hidden").frame["Phone"].tolist() == ["1"]
    with pytest.raises(InputError, match="no sheet named 'Nope'.*'Instructions', 'Port List'"):
        read_table(path, sheet="Nope")


def test_xlsx_without_matching_sheet_uses_first_visible_and_locates_errors(make_xlsx) -> None:
    path = make_xlsx({"Notes": [["just one note"]], "Data": [[1, 2]]})
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.sheet == "Notes"
    assert caught.value.file == "book.xlsx"
    assert "no header row found" in str(caught.value)


def test_xlsx_header_only_and_empty_sheet(make_xlsx) -> None:
    path = make_xlsx({"Only": [["Title"], ["Phone", "Carrier"]], "Empty": []})
    with pytest.raises(InputError, match="header row but no data rows") as caught:
        read_table(path, sheet="Only")
    assert (caught.value.sheet, caught.value.row) == ("Only", 2)
    with pytest.raises(InputError, match="the sheet is empty"):
        read_table(path, sheet="Empty")


def test_xlsx_max_rows_and_read_rows(make_xlsx) -> None:
    rows = [["Title"], [], ["Number", "Carrier"]] + [[str(2127360000 + i), "X"] for i in range(50)]
    path = make_xlsx({"S": rows})
    assert read_table(path, max_rows=3).frame.index.tolist() == [4, 5, 6]
    grid, sheet = read_rows(path)
    assert sheet == "S" and grid[0] == ["Title"] and grid[1] == [] and len(grid) == 53


def test_xlsx_renamed_to_csv_is_still_read_as_a_workbook(make_xlsx) -> None:
    path = make_xlsx({"S": [["TN"], ["2127361234"]]}, name="really.csv")
    assert read_table(path).sheet == "S"


def test_source_table_locate(make_xlsx) -> None:
    table = read_table(make_xlsx({"S": [["TN"], ["1"]]}))
    error = table.locate(InputError("bad number", row=2, column="TN"))
    assert str(error) == "bad number (file book.xlsx, sheet 'S', row 2, column 'TN')"
    assert isinstance(table, SourceTable)


# --- bad workbooks and other files ---------------------------------------------------------


def ole_file(path: Path, encrypted: bool) -> Path:
    body = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    if encrypted:
        mark = "EncryptionInfo".encode("utf-16-le")
        body[1024 : 1024 + len(mark)] = mark
    path.write_bytes(bytes(body))
    return path


def zip_file(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda p: ole_file(p / "locked.xlsx", True), "password-protected workbook"),
        (lambda p: ole_file(p / "old.xls", False), "old .xls file"),
        (lambda p: ole_file(p / "old.xlsx", False), "old .xls file"),
        (lambda p: write_text(p / "page.xls", "<html><table>", "utf-8"), "web page"),
        (lambda p: zip_file(p / "x.xlsx", {"readme.txt": b"hi"}), "zip file, not an Excel"),
        (
            lambda p: zip_file(p / "x.ods", {"mimetype": b"application/vnd.oasis.opendocument"}),
            "OpenDocument",
        ),
        (lambda p: zip_file(p / "x.xlsx", {"xl/workbook.bin": b""}), ".xlsb"),
        (lambda p: zip_file(p / "x.docx", {"word/document.xml": b""}), "Word document"),
        (lambda p: write_text(p / "x.xlsx", "PK\x03\x04 not really", "latin-1"), "damaged"),
        (lambda p: write_text(p / "x.xlsx", "Phone\n1\n", "utf-8"), "not a valid Excel"),
        (lambda p: write_text(p / "x.xlsx", "", "utf-8"), "empty"),
        (lambda p: write_text(p / "x.ods", "text", "utf-8"), "save it as .xlsx"),
        (lambda p: write_text(p / "x.json", "{}", "utf-8"), "unsupported file type '.json'"),
        (lambda p: p / "missing.csv", "file not found"),
        (lambda p: (p / "folder.csv").mkdir() or p / "folder.csv", "folder"),
    ],
)
def test_bad_files_are_input_errors(tmp_path: Path, build, message: str) -> None:
    path = build(tmp_path)
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        read_table(path)
    assert path.name in str(caught.value)
    with pytest.raises(InputError):
        read_rows(path)


def test_workbook_missing_its_sheet_part(make_xlsx, edit_zip) -> None:
    path = make_xlsx({"S": [["TN"], ["1"]]})
    edit_zip(path, "xl/worksheets/sheet1.xml", lambda xml: None)
    with pytest.raises(InputError, match="workbook") as caught:
        read_table(path)
    assert caught.value.file == "book.xlsx"


def test_workbook_with_broken_sheet_xml(make_xlsx, edit_zip) -> None:
    path = make_xlsx({"S": [["TN"], ["1"]]})
    edit_zip(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    with pytest.raises(InputError, match="damaged") as caught:
        read_table(path)
    assert caught.value.file == "book.xlsx"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>TN</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>
</sheetData></worksheet>"""


def test_xml_entity_expansion_is_refused(make_xlsx, edit_zip) -> None:
    path = make_xlsx({"S": [["TN"], ["1"]]})
    edit_zip(path, "xl/worksheets/sheet1.xml", lambda xml: BILLION_LAUGHS)
    with pytest.raises(InputError, match="XML entity declarations") as caught:
        read_table(path)  # refused before expanding: expanded, it is gigabytes
    assert caught.value.file == "book.xlsx"


def test_frame_is_a_plain_dataframe(make_xlsx) -> None:
    frame = read_table(make_xlsx({"S": [["TN", "n"], ["1", 2]]})).frame
    assert isinstance(frame, pd.DataFrame)
    assert frame.index.dtype == "int64"
