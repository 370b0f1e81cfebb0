"""Writers: atomic files, formula neutralization, CSV for Excel, typed workbooks, file names."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.styles.numbers import is_date_format

from lnp_excel.core.errors import TOO_MUCH_DATA, InputError
from lnp_excel.io.tables import read_table
from lnp_excel.io.workbook_writer import ChartSpec, SheetSpec, safe_sheet_name, write_workbook
from lnp_excel.io.writers import (
    FORMULA_STARTS,
    atomic_write,
    neutralize_formula,
    neutralize_frame,
    safe_filename,
    write_csv,
)

PHONE_LIKE = re.compile(r"\+[\d \-.()]*\d[\d \-.()]*|-(?:\d+(?:\.\d*)?|\.\d+)")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


# --- atomic_write ----------------------------------------------------------------------------


def test_atomic_write_creates_parents_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out" / "deeper" / "result.txt"
    seen: list[Path] = []

    def write(temp: Path) -> None:
        seen.append(temp)
        assert temp.parent == target.parent and temp != target
        temp.write_text("done", encoding="utf-8")

    assert atomic_write(target, write) == target
    assert target.read_text(encoding="utf-8") == "done"
    assert not seen[0].exists() and leftovers(target.parent) == []


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_atomic_write_cleans_up_and_keeps_the_old_file(tmp_path: Path, error) -> None:
    target = tmp_path / "result.csv"
    target.write_text("previous", encoding="utf-8")

    def write(temp: Path) -> None:
        temp.write_text("half a fi", encoding="utf-8")
        raise error

    with pytest.raises(type(error)):
        atomic_write(target, write)
    assert target.read_text(encoding="utf-8") == "previous"
    assert leftovers(tmp_path) == []


def test_atomic_write_protects_the_input(tmp_path: Path) -> None:
    source = tmp_path / "input.csv"
    source.write_text("original", encoding="utf-8")
    same_file = tmp_path / "sub" / ".." / "input.csv"
    (tmp_path / "sub").mkdir()

    def write(temp: Path) -> None:
        temp.write_text("new", encoding="utf-8")

    with pytest.raises(
        InputError, match="refusing to overwrite the input file input.csv"
    ) as caught:
        atomic_write(same_file, write, protect=source)
    assert "--overwrite" in str(caught.value)
    assert source.read_text(encoding="utf-8") == "original"
    atomic_write(source, write, protect=source, overwrite=True)
    assert source.read_text(encoding="utf-8") == "new"
    atomic_write(tmp_path / "other.csv", write, protect=source)  # other outputs are fine


def test_atomic_write_os_errors_are_input_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="could not write the file") as caught:
        atomic_write(blocker / "out.csv", lambda temp: None)
    assert caught.value.file == str(blocker / "out.csv")
    with pytest.raises(InputError, match="is a folder"):
        atomic_write(tmp_path, lambda temp: None)


# --- formula neutralization --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("+", "'+"),
        ("-", "'-"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("+12127361234", "+12127361234"),
        ("+1 (212) 736-1234", "+1 (212) 736-1234"),
        ("+1.212.736.1234", "+1.212.736.1234"),
        ("-12.50", "-12.50"),
        ("-.5", "-.5"),
        ("2127361234", "2127361234"),
        ("AT&T", "AT&T"),
        (" =1+1", " =1+1"),  # Excel reads a leading space as text
        ("", ""),
    ],
)
def test_neutralize_formula(value: str, expected: str) -> None:
    assert neutralize_formula(value) == expected


@given(st.text())
def test_neutralized_text_never_starts_a_formula(text: str) -> None:
    result = neutralize_formula(text)
    assert result in (text, "'" + text)
    if result[:1] in FORMULA_STARTS:
        assert PHONE_LIKE.fullmatch(result)


@given(st.from_regex(r"\+[1-9][0-9 ().\-]{0,18}[0-9]", fullmatch=True))
def test_phone_numbers_pass_unchanged(number: str) -> None:
    assert neutralize_formula(number) == number


def test_neutralize_frame_text_only_and_input_untouched() -> None:
    frame = pd.DataFrame(
        {
            "=Name": ["=1+1", "+12127361234", None, "ok"],
            "Mixed": [1, "@x", 2.5, dt.date(2024, 1, 1)],
            "Count": [1, -2, 3, 4],
            "Str": pd.Series(["-5", "-x", "y", pd.NA], dtype="string"),
        }
    )
    before = frame.copy()
    out = neutralize_frame(frame)
    assert list(out.columns) == ["'=Name", "Mixed", "Count", "Str"]
    assert out["'=Name"].tolist()[:2] == ["'=1+1", "+12127361234"]
    assert pd.isna(out["'=Name"].iloc[2])
    assert out["Mixed"].tolist() == [1, "'@x", 2.5, dt.date(2024, 1, 1)]
    assert out["Count"].tolist() == [1, -2, 3, 4]
    assert out["Str"].tolist()[:3] == ["-5", "'-x", "y"]
    pd.testing.assert_frame_equal(frame, before)
    assert out.dtypes.tolist() == frame.dtypes.tolist()


def test_neutralize_frame_leaves_non_text_cells_that_print_like_formulas() -> None:
    # Only text runs as a formula: -3, -1.5 or a Decimal in a mixed column stay numbers.
    frame = pd.DataFrame({"Mixed": [-3, -1.5, Decimal("-2"), "-x", "", None, "=y"]})
    out = neutralize_frame(frame)["Mixed"].tolist()
    assert out[:4] == [-3, -1.5, Decimal("-2"), "'-x"]
    assert out[4:6] == ["", None] and out[6] == "'=y"


def test_neutralize_frame_with_repeated_index_labels() -> None:
    frame = pd.DataFrame({"a": ["=x", "ok", "@y"]}, index=[7, 7, 7])
    assert neutralize_frame(frame)["a"].tolist() == ["'=x", "ok", "'@y"]


def test_neutralize_frame_on_a_million_cells_touches_only_formulas() -> None:
    frame = pd.DataFrame({"a": ["=x", "+12127361234", "-5", "plain"] * 250_000})
    out = neutralize_frame(frame)
    assert out["a"].tolist()[:4] == ["'=x", "+12127361234", "-5", "plain"]
    assert int((out["a"] != frame["a"]).sum()) == 250_000  # every "=x", nothing else


# --- CSV -------------------------------------------------------------------------------------


def test_write_csv_bom_crlf_neutralized_and_reads_back(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"Phone Number": ["0012127361234", "2127361235"], "Carrier": ["=cmd()", "Société"]}
    )
    path = write_csv(frame, tmp_path / "out.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfPhone Number,Carrier\r\n")
    assert data.count(b"\r\n") == 3 and b"\n" not in data.replace(b"\r\n", b"")
    table = read_table(path)
    assert table.frame["Phone Number"].tolist() == ["0012127361234", "2127361235"]
    assert table.frame["Carrier"].tolist() == ["'=cmd()", "Société"]


def test_write_csv_protects_the_input(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("Phone\n1\n", encoding="utf-8")
    with pytest.raises(InputError, match="refusing to overwrite"):
        write_csv(pd.DataFrame({"a": [1]}), source, protect=source)
    assert source.read_text(encoding="utf-8") == "Phone\n1\n"


# --- workbooks -------------------------------------------------------------------------------


def sample_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Phone Number": ["2127361234", "=1+1", "+12127361236"],
            "Carrier": ["AT&T", "Verizon", "AT&T"],
            "Count": [3, 5, 2],
            "Monthly Cost": [Decimal("5"), Decimal("12.50"), None],
            "Released": [dt.date(2024, 1, 5), None, dt.datetime(2024, 1, 6, 14, 30)],
            "Ported": pd.to_datetime(["2024-02-01", None, "2024-02-03"]),
            "Active": [True, False, None],
            "Score": [1.5, float("nan"), 2.25],
            "Big": [12345678901234567, 1, 2],
        }
    )


def test_write_workbook_round_trip_with_openpyxl(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "plan.xlsx",
        [
            SheetSpec(
                "Plan",
                sample_frame(),
                highlight={(1, "Carrier"): "#FFC7CE", (2, "Score"): "#FFEB9C"},
                chart=ChartSpec("column", "Numbers by carrier", "Carrier", ["Count"]),
                notes=[
                    "Prices from the handbook",
                    "Managed minimum $50",
                    ("Cost", Decimal("1234.50")),
                    ("First port", dt.date(2025, 3, 12)),
                    ("Requests", 7),
                    ("Custom cost", "statement of work"),
                ],
            )
        ],
    )
    wb = load_workbook(path)
    ws = wb["Plan"]
    assert list(ws.tables) == ["tbl_Plan"]
    table = ws.tables["tbl_Plan"]
    assert table.ref == "A1:I4" and table.tableStyleInfo.name == "TableStyleMedium2"
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]][:9] == list(sample_frame().columns)
    assert ws["A2"].value == "2127361234" and ws["A2"].data_type == "s"
    assert ws["A3"].value == "=1+1" and ws["A3"].data_type == "s"  # never a formula
    assert ws["C2"].value == 3 and ws["C2"].data_type == "n"
    assert ws["D2"].value == 5 and "$" in ws["D2"].number_format
    assert ws["D4"].value is None
    assert ws["E2"].value == dt.datetime(2024, 1, 5) and is_date_format(ws["E2"].number_format)
    assert ws["E2"].number_format == "yyyy-mm-dd"
    assert ws["E4"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["F2"].value == dt.datetime(2024, 2, 1) and ws["F2"].number_format == "yyyy-mm-dd"
    assert ws["F3"].value is None
    assert ws["G2"].value is True and ws["G4"].value is None
    assert ws["H3"].value is None and ws["H4"].value == 2.25
    assert ws["I2"].value == "12345678901234567"  # beyond 15 digits: kept as text
    assert ws["B3"].fill.fgColor.rgb == "FFFFC7CE"
    assert ws["H4"].fill.fgColor.rgb == "FFFFEB9C"
    assert ws["B2"].fill.fgColor.rgb != "FFFFC7CE"
    assert ws["K1"].value == "Prices from the handbook" and ws["K2"].value.startswith("Managed")
    assert ws["L1"].value is None and ws["L2"].value is None  # a line has one cell
    # A (label, value) note puts its value beside the label, typed, so it can be computed.
    assert ws["K3"].value == "Cost" and ws["L3"].value == 1234.5
    assert ws["L3"].data_type == "n" and "$" in ws["L3"].number_format
    assert ws["L4"].value == dt.datetime(2025, 3, 12) and ws["L4"].number_format == "yyyy-mm-dd"
    assert ws["L5"].value == 7 and ws["L5"].data_type == "n"
    assert ws["L6"].value == "statement of work"
    assert all(ws.column_dimensions[c].width < 61 for c in "ABCDEFGHI")
    names = zipfile.ZipFile(path).namelist()
    assert "xl/charts/chart1.xml" in names
    assert b"<c:barChart>" in zipfile.ZipFile(path).read("xl/charts/chart1.xml")


def test_write_workbook_reads_back_through_read_table(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "w.xlsx", [SheetSpec("Numbers", sample_frame())])
    frame = read_table(path).frame
    assert frame["Phone Number"].tolist() == ["2127361234", "=1+1", "+12127361236"]
    assert frame.index.tolist() == [2, 3, 4]


def test_write_workbook_sheet_rules_empty_plain_and_pie(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"Carrier": ["AT&T", "Onvoy"], "Numbers": [10, 4], "Notes": ["x" * 200, ""]}
    )
    path = write_workbook(
        tmp_path / "w.xlsx",
        [
            SheetSpec("Summary: [draft]/v2 with a very long name indeed", frame),
            SheetSpec("summary: [draft]/v2 with a very long name indeed", frame),
            SheetSpec("Empty", frame.iloc[:0]),
            SheetSpec(
                "Plain",
                frame,
                as_table=False,
                chart=ChartSpec("pie", "Share", "Carrier", ["Numbers"]),
            ),
        ],
    )
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Summary_ _draft__v2 with a very",
        "summary_ _draft__v2 with a (2)",
        "Empty",
        "Plain",
    ]
    assert len(wb.worksheets[0].tables) == 1 and len(wb.worksheets[1].tables) == 1
    assert set(wb.worksheets[0].tables) != set(wb.worksheets[1].tables)
    assert 60 <= wb.worksheets[0].column_dimensions["C"].width < 61  # capped at 60
    empty = wb["Empty"]
    assert not empty.tables and [c.value for c in empty[1]] == ["Carrier", "Numbers", "Notes"]
    assert empty.freeze_panes == "A2"
    plain = wb["Plain"]
    assert not plain.tables and plain["A1"].font.b and plain["B2"].value == 10
    assert b"<c:pieChart>" in zipfile.ZipFile(path).read("xl/charts/chart1.xml")


def test_write_workbook_protects_input_and_rejects_bad_specs(tmp_path: Path) -> None:
    source = tmp_path / "in.xlsx"
    write_workbook(source, [SheetSpec("S", pd.DataFrame({"a": [1]}))])
    before = source.read_bytes()
    with pytest.raises(InputError, match="refusing to overwrite"):
        write_workbook(source, [SheetSpec("S", pd.DataFrame({"a": [2]}))], protect=source)
    assert source.read_bytes() == before
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(ValueError, match="chart column 'nope'"):
        write_workbook(
            tmp_path / "x.xlsx", [SheetSpec("S", frame, chart=ChartSpec("bar", "t", "a", ["nope"]))]
        )
    with pytest.raises(ValueError, match="outside sheet"):
        write_workbook(tmp_path / "x.xlsx", [SheetSpec("S", frame, highlight={(5, "a"): "red"})])
    assert leftovers(tmp_path) == []


def test_write_workbook_refuses_more_rows_than_excel_has(tmp_path: Path) -> None:
    frame = pd.DataFrame({"n": np.zeros(1_048_576, dtype=np.int8)})
    with pytest.raises(InputError, match="too much data for one Excel sheet") as caught:
        write_workbook(tmp_path / "big.xlsx", [SheetSpec("Numbers", frame)])
    assert caught.value.kind == TOO_MUCH_DATA and caught.value.sheet is None  # issue 18
    assert not (tmp_path / "big.xlsx").exists()


def test_write_workbook_100k_rows(tmp_path: Path) -> None:
    rows = 100_000
    frame = pd.DataFrame(
        {
            "Phone Number": [str(2127360000 + i) for i in range(rows)],
            "Carrier": ["AT&T"] * rows,
            "Count": np.arange(rows),
            "Cost": np.arange(rows) * 1.5,
        }
    )
    write_workbook(tmp_path / "big.xlsx", [SheetSpec("Numbers", frame)])
    archive = zipfile.ZipFile(tmp_path / "big.xlsx")
    assert b'<dimension ref="A1:D100001"/>' in archive.read("xl/worksheets/sheet1.xml")
    sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b'<c r="A40001" s="1" t="inlineStr"><is><t>2127399999</t></is></c>' in sheet
    assert b'<c r="C100001"><v>99999</v></c>' in sheet  # a number stays a number


def test_safe_sheet_name() -> None:
    taken: set[str] = set()
    assert safe_sheet_name("'History'", taken) == "History_"
    assert safe_sheet_name("", taken) == "Sheet"
    assert safe_sheet_name("sheet", taken) == "sheet (2)"
    assert len(safe_sheet_name("x" * 40)) == 31


# --- file names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Acme, Inc.", "Acme_ Inc"),
        ("AT&T (East)", "AT&T (East)"),
        ("../../etc/passwd", "_etc_passwd"),
        ("a__b..c._d", "a_b.c_d"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("  .hidden. ", "hidden"),
        ("x..y", "x.y"),
        ("CON", "CON_"),
        ("nul.txt", "nul_.txt"),
        ("com1", "com1_"),
        ("Société Générale", "Société Générale"),
        ("", "customer"),
        ("///", "customer"),
        ("x" * 150, "x" * 100),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_safe_filename_fallback() -> None:
    assert safe_filename("???", fallback="unknown") == "unknown"
    assert safe_filename("???", fallback="///") == "file"


@given(st.text())
def test_safe_filename_is_always_safe(name: str) -> None:
    result = safe_filename(name)
    assert 0 < len(result) <= 100
    assert "/" not in result and "\\" not in result and ".." not in result
    assert result[0] not in ". " and result[-1] not in ". "
    assert result.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert all(ch.isalnum() or ch in " -_.()&" for ch in result)


@pytest.mark.parametrize("highlight", [False, True])
def test_a_number_no_cell_holds_is_kept_as_text(tmp_path: Path, highlight: bool) -> None:
    """An earlier tracker's agent column held a number read as inf (a cell of
    1.797693134862316E+308): the fast writer wrote <v>inf</v>, a workbook openpyxl (and
    Excel) cannot open; the other one wrote a number past Excel's largest. Both keep such
    numbers as text (found fuzzing issue 21's earlier trackers)."""
    values = [float("inf"), 1.7976931348623155e308, -float("inf"), 2.5]
    frame = pd.DataFrame({"Request": ["SS-1", "SS-2", "SS-3", "SS-4"], "Mine": values})
    path = tmp_path / "out.xlsx"
    spec = SheetSpec("Tracker", frame, highlight={(0, "Request"): "#FFC7CE"} if highlight else {})
    write_workbook(path, [spec])
    rows = list(load_workbook(path)["Tracker"].iter_rows(values_only=True))
    assert [value for _, value in rows[1:]] == ["inf", "1.7976931348623155e+308", "-inf", 2.5]
