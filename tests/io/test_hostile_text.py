"""Issue 18: text that XML, Excel or a decoder cannot take as it is. Control characters in
headers (item 15), encodings (item 17). Real files written and read back."""

from __future__ import annotations

import codecs
import contextlib
import io
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from lnp_excel.cli.main import main
from lnp_excel.core.errors import InputError, InputWarning
from lnp_excel.io.tables import read_table
from lnp_excel.io.workbook_writer import SheetSpec, write_workbook

ROWS = [["Phone Number", "Name"], ["(617) 555-0101", "Zoë Ñúñez"], ["617.555.0102", "Åsa"]]


def _csv(rows: list[list[str]]) -> str:
    return "".join(",".join(row) + "\r\n" for row in rows)


def test_a_header_control_character_is_shown_and_reported(tmp_path: Path) -> None:
    """Item 15: `Memo\\x02` and `memo\\x02` in one header: the workbook written from them
    opens (legal table XML), the columns are told apart, and the change is reported."""
    source = tmp_path / "ctl.csv"
    source.write_text(
        _csv([["Phone Number", "Memo\x02", "memo\x02", "Site\x7f"], ["6175550101", "a", "b", "c"]])
    )
    with pytest.warns(
        InputWarning, match=r"control characters, written 'Memo\\x02' as 'Memo\u2402'"
    ):
        table = read_table(source)
    assert list(table.frame.columns) == [
        "Phone Number",
        "Memo\u2402",
        "memo\u2402 (2)",
        "Site\u2421",
    ]
    out = write_workbook(tmp_path / "out.xlsx", [SheetSpec("Numbers", table.frame)])
    ws = load_workbook(out)["Numbers"]
    assert [c.value for c in ws[1]] == list(table.frame.columns)
    table_columns = [c.name for c in ws.tables["tbl_Numbers"].tableColumns]
    assert table_columns == list(table.frame.columns)


def test_a_frame_with_a_control_character_header_still_writes(tmp_path: Path) -> None:
    """Item 15 through the API: a frame built in code gets the same treatment."""
    frame = pd.DataFrame({"Notes\x01": ["x"], "NOTES\x01": ["y"], "B" * 300: ["z"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        out = write_workbook(tmp_path / "api.xlsx", [SheetSpec("S", frame)])
    headers = [c.value for c in load_workbook(out)["S"][1]]
    assert headers[:2] == ["Notes\u2401", "NOTES\u2401 (2)"]
    assert len(headers[2]) == 255


@pytest.mark.parametrize("bom", [True, False])
def test_utf32_is_read_as_utf32(tmp_path: Path, bom: bool) -> None:
    """Item 17: not as UTF-16 (which doubled the rows and spaced out the header)."""
    path = tmp_path / "u32.csv"
    text = _csv(ROWS)
    path.write_bytes(text.encode("utf-32") if bom else text.encode("utf-32-le"))
    frame = read_table(path).frame
    assert list(frame.columns) == ["Phone Number", "Name"]
    assert frame["Name"].tolist() == ["Zoë Ñúñez", "Åsa"]


def test_a_zero_character_inside_utf16_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(
        codecs.BOM_UTF16_LE + _csv([*ROWS, ["6175550103", "B\x00ob"]]).encode("utf-16-le")
    )
    with pytest.raises(InputError, match="1 zero character") as caught:
        read_table(path)
    assert caught.value.row == 4 and caught.value.file == "u16.csv"


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_utf8_with_one_bad_byte_stays_utf8_and_names_the_line(tmp_path: Path, bom: bytes) -> None:
    """Item 17: the accents of the file survive; the bad byte becomes U+FFFD, warned."""
    path = tmp_path / "bad.csv"
    data = _csv([*ROWS, ["6175550103", "Bob X"]]).encode("utf-8").replace(b"Bob X", b"Bob \x96")
    path.write_bytes(bom + data)
    with pytest.warns(InputWarning, match=r"1 byte not valid UTF-8 .* \(line 4\)"):
        frame = read_table(path).frame
    assert frame["Name"].tolist() == ["Zoë Ñúñez", "Åsa", "Bob \ufffd"]
    assert list(frame.columns) == ["Phone Number", "Name"]  # no BOM left in the header


def test_cp1252_is_still_cp1252(tmp_path: Path) -> None:
    """A real cp1252 export: every accent is invalid UTF-8, none is a valid pair."""
    path = tmp_path / "cp.csv"
    path.write_bytes(_csv(ROWS).encode("cp1252"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        assert read_table(path).frame["Name"].tolist() == ["Zoë Ñúñez", "Åsa"]


def test_a_library_warning_is_one_line_of_ours(tmp_path: Path) -> None:
    """Item 19: openpyxl's warning about a name defined for a sheet that is not there
    reaches the terminal as ``lnp-excel: warning: ...``, without the site-packages path
    and source line Python prints."""
    wb = Workbook()
    wb.active.append(["Phone Number"])
    wb.active.append(["6175550101"])
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    source = tmp_path / "lost_name.xlsx"
    lost = b'<definedNames><definedName name="Lost" localSheetId="7">Sheet!$A$1</definedName>'
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(source, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"<definedNames/>", lost + b"</definedNames>")
            new.writestr(info.filename, data)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = main(["normalize", str(source), "-o", str(tmp_path / "out.csv")])
    assert code == 0
    shown = stderr.getvalue()
    assert "lnp-excel: warning: Defined names for sheet index 7 cannot be located" in shown
    assert "site-packages" not in shown and ".py:" not in shown
