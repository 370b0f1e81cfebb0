"""Issue 18 items 18-19: what Excel could not hold is refused before parsing, naming the
line or cell; what the reader cannot keep is said, never dropped or invented. Small
files that reach the limits by construction (no timing here: benchmarks/bench_hostile.py
measures memory and time on the 200 MB files)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from lnp_excel.core.errors import InputError, InputWarning
from lnp_excel.io.tables import read_table
from lnp_excel.io.text_limits import EXCEL_CELL, EXCEL_COLUMNS, check_text_limits
from lnp_excel.io.workbook_limits import check_workbook_text


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_line_wider_than_excel_is_refused_with_its_line(tmp_path: Path, encoding: str) -> None:
    wide = ",".join(["x"] * (EXCEL_COLUMNS + 1))
    path = _write(
        tmp_path / "wide.csv", f"Phone Number,Name\r\n6175550101,a\r\n{wide}\r\n", encoding
    )
    with pytest.raises(InputError, match="line 3 has 16,385 columns; Excel holds 16,384") as caught:
        read_table(path)
    assert caught.value.row == 3 and caught.value.file == "wide.csv"


def test_exactly_excel_width_and_quoted_commas_are_read(tmp_path: Path) -> None:
    header = ",".join(["Phone Number", *(f"c{i}" for i in range(EXCEL_COLUMNS - 1))])
    quoted = '"' + "," * (EXCEL_COLUMNS + 5) + '"'
    path = _write(tmp_path / "edge.csv", f"{header}\r\n6175550101,{quoted}\r\n")
    frame = read_table(path).frame
    assert frame.shape == (1, EXCEL_COLUMNS)


@pytest.mark.parametrize("quoted_lines", [False, True])
def test_a_cell_longer_than_excel_is_refused_naming_it(tmp_path: Path, quoted_lines: bool) -> None:
    """One line over the limit, or a quoted cell whose lines are each short."""
    long = '"' + ("y" * 100 + "\n") * 330 + '"' if quoted_lines else "y" * (EXCEL_CELL + 1)
    path = _write(
        tmp_path / "long.csv", f"Phone Number,Notes\r\n6175550101,ok\r\n6175550102,{long}\r\n"
    )
    with pytest.raises(
        InputError, match=r"cell B3 holds 3\d,\d{3} characters; an Excel cell holds 32,767"
    ):
        read_table(path)
    fits = _write(tmp_path / "fits.csv", f"Phone Number,Notes\r\n6175550101,{'y' * EXCEL_CELL}\r\n")
    assert len(read_table(fits).frame["Notes"].iloc[0]) == EXCEL_CELL


def _sheet_with(tmp_path: Path, text: bytes) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Phone Number", "Notes"])
    ws.append(["6175550101", "PLACEHOLDER"])
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    path = tmp_path / "inflated.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info.filename, data.replace(b"PLACEHOLDER", text))
    return path


def test_a_workbook_cell_longer_than_excel_is_refused_before_parsing(tmp_path: Path) -> None:
    """The 200 MB case in small: a text only a program could write, entities counted."""
    with pytest.raises(InputError, match=r"32,768 characters \(in cell B2 of sheet1.xml\)"):
        read_table(_sheet_with(tmp_path, b"&amp;" * (EXCEL_CELL + 1)))
    with pytest.raises(InputError, match="more than 32,767 characters"):
        read_table(_sheet_with(tmp_path, b"z" * 2_000_000))
    assert (
        len(read_table(_sheet_with(tmp_path, b"&amp;" * EXCEL_CELL)).frame["Notes"][2])
        == EXCEL_CELL
    )


def test_columns_right_of_the_200th_are_reported(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Phone Number", *([None] * 210), "Late"])
    ws.append(["6175550101", *([None] * 210), "kept?"])
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    with pytest.warns(
        InputWarning, match=r"right of column GR are not read \(the first with a value is HD1\)"
    ):
        read_table(path)


def test_a_long_account_number_stored_as_a_number_is_flagged_not_invented(tmp_path: Path) -> None:
    """More than 15 digits typed as a number: the file holds 15; no digit is made up."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Phone Number", "Account Number"])
    ws.append(["6175550101", 9_876_543_210_123_456_789.0])
    ws.append(["6175550102", 4471920.0])
    path = tmp_path / "accounts.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.frame["Account Number"].tolist() == ["9.87654321012346E+18", 4471920.0]
    assert "Account Number in B2 is the number 9.87654321012346E+18" in table.notes[2][0]
    assert 3 not in table.notes


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 40)),  # (fields, width of each)
        min_size=1,
        max_size=12,
    ),
    st.integers(1, 50),
    st.sampled_from(["\n", "\r\n"]),
)
@settings(max_examples=200, deadline=None)
def test_the_chunked_scan_finds_the_line_a_plain_count_finds(lines, chunk_size, newline):
    """Lines cut across chunks anywhere: the same first line over a (small) limit."""
    rows = [",".join(["a" * width] * fields) for fields, width in lines]
    text = newline.join(rows)
    expected = next((i + 1 for i, (f, w) in enumerate(lines) if f > 20 or (f and w > 30)), None)
    try:
        count = check_text_limits(text, ",", "f.csv", chunk_size=chunk_size, limits=(20, 30))
    except InputError as error:
        assert error.row == expected
    else:
        assert expected is None and count == len(rows)


def test_more_shared_text_than_memory_holds_is_refused(tmp_path: Path) -> None:
    """The limit is 600 MB of shared-string XML; here one that a small file passes."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Phone Number", "Notes"])
    for i in range(3000):
        ws.append([f"61755{i:05d}", f"note {i}"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    shared = tmp_path / "shared.xlsx"  # openpyxl writes inline strings: rename the part
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(shared, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            name = "xl/sharedStrings.xml" if info.filename == "xl/worksheets/sheet1.xml" else None
            out.writestr(info.filename, data)
            if name:
                out.writestr(name, data)
    check_workbook_text(shared)  # a small workbook passes
    with pytest.raises(InputError, match="text takes more than 0 MB unpacked"):
        check_workbook_text(shared, shared_limit=50_000)
