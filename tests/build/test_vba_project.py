"""vbaProject.bin writer: checked against the MS-OVBA examples and independent readers.

The readers are oletools (decompressor, olevba) and olefile; the reference project is the
source-only vbaProject.bin in xlwings' own quickstart_standalone.xlsm, saved by Excel.
"""

import hashlib
import io
import json
import os
import random
import re
import struct
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import olefile
import pytest
import xlwings

from lnp_excel.build.cfb import cfb_name_key, write_compound_file
from lnp_excel.build.ovba import compress
from lnp_excel.build.vba_project import (
    PROJECT_ID,
    VbaModule,
    build_vba_project,
    module_from_export,
    stored_source,
)
from tests.build.ovba_oracle import decompress

with warnings.catch_warnings():  # oletools still uses pyparsing's deprecated camelCase API
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser, decompress_stream

REPO = Path(__file__).resolve().parents[2]
XLWINGS_DIR = Path(xlwings.__file__).parent
STRICT = olefile.DEFECT_POTENTIAL  # olefile raises on anything it finds even suspicious
RED, BLACK = 0, 1  # MS-CFB 2.6.1 node colours


def _hex(text: str) -> bytes:
    return bytes.fromhex(text)


# --- MS-OVBA 2.4.1 compression ---------------------------------------------------------------

NORMAL_INPUT = b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"


def test_compress_no_compression_example_3_2_1() -> None:
    expected = _hex(
        "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E"
    )
    assert compress(b"abcdefghijklmnopqrstuv.") == expected
    assert decompress(expected) == b"abcdefghijklmnopqrstuv."


def test_compress_maximum_compression_example_3_2_3() -> None:
    assert compress(b"a" * 73) == _hex("01 03 B0 02 61 45 00")
    assert decompress(_hex("01 03 B0 02 61 45 00")) == b"a" * 73


def test_decompress_normal_compression_example_3_2_2() -> None:
    spec_output = _hex(
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30"
        "6D 6E 6F 70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C"
    )
    assert decompress(spec_output) == NORMAL_INPUT


def test_compress_normal_example_follows_the_spec_algorithm() -> None:
    """The printed 3.2.2 output picks farther equal-length matches than the spec's own search
    (nearest first) does; three copy tokens differ, and both decode to the same text."""
    by_the_algorithm = _hex(
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20"
        "6D 6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C"
    )
    assert compress(NORMAL_INPUT) == by_the_algorithm
    assert decompress_stream(by_the_algorithm) == NORMAL_INPUT


def _vba_like_text(size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    words = [b"Dim", b"As", b"String", b"    ", b"End Sub", b"\r\n", b"x", b"Call", b"'note"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) + b" "
    return bytes(out[:size])


ROUND_TRIP_INPUTS = {
    "empty": b"",
    "one byte": b"x",
    "chunk minus one": _vba_like_text(4095, 1),
    "exactly one chunk": _vba_like_text(4096, 2),
    "chunk plus one": _vba_like_text(4097, 3),
    "over 64 KB": _vba_like_text(70_000, 4),
    "long runs": b"a" * 10_000 + b"b" * 5000 + b"ab" * 3000,
    "random, raw chunks": random.Random(5).randbytes(3 * 4096),
    "random, short": random.Random(6).randbytes(3000),
    "low entropy": bytes(random.Random(7).choice(b"abc") for _ in range(20_000)),
    "all byte values": bytes(range(256)) * 40,
}


@pytest.mark.parametrize("data", ROUND_TRIP_INPUTS.values(), ids=ROUND_TRIP_INPUTS.keys())
def test_round_trip_through_oletools(data: bytes) -> None:
    compressed = compress(data)
    assert decompress_stream(compressed) == data
    assert decompress(compressed) == data


@pytest.mark.parametrize("size", [3700, 4000, 4096 + 3700, 2 * 4096 + 4095])
def test_incompressible_final_chunk_is_raw_and_not_padded(size: int) -> None:
    """MS-OVBA 2.4.1.3.10: random bytes leave no copy token, so the tokens of a final chunk of
    over 3641 bytes (n + n/8 flag bytes) overflow 4096 and it must be written raw. A raw chunk
    carries the chunk's own bytes: zero padding would come back as text after the module."""
    data = random.Random(size).randbytes(size)
    compressed = compress(data)
    headers, pos = [], 1
    while pos < len(compressed):
        (header,) = struct.unpack_from("<H", compressed, pos)
        headers.append(header)
        pos += 2 + 4096 if not header & 0x8000 else (header & 0x0FFF) + 3
    assert headers and all(h == 0x3FFF for h in headers), "every chunk is raw, size 4098"
    assert len(compressed) == 1 + 2 * len(headers) + size, "no padding after the last chunk"
    assert decompress_stream(compressed) == data
    assert decompress(compressed) == data


def test_decompress_rejects_malformed_input() -> None:
    with pytest.raises(ValueError):
        decompress(b"\x02\x00")
    with pytest.raises(ValueError):
        decompress(_hex("01 19 B0 00 61"))  # chunk longer than the container
    with pytest.raises(ValueError):
        decompress(_hex("01 19 30 00 61"))  # a raw chunk must declare 4096 bytes


# --- MS-CFB compound file ----------------------------------------------------------------


CFB_STREAMS = {
    "PROJECT": b"P" * 613,
    "PROJECTwm": b"",
    "VBA/_VBA_PROJECT": _hex("CC61FFFF000100"),
    "VBA/dir": random.Random(9).randbytes(1273),
    "VBA/mini max": random.Random(10).randbytes(4095),
    "VBA/big min": random.Random(11).randbytes(4096),
    "VBA/big": random.Random(12).randbytes(100_001),
    "VBA/Nested/Deep": b"deep",
    **{f"VBA/Module{i}": bytes([i]) * (i * 37) for i in range(1, 30)},
}


def test_compound_file_reads_back_with_olefile() -> None:
    ole = olefile.OleFileIO(io.BytesIO(write_compound_file(CFB_STREAMS)), raise_defects=STRICT)
    listed = {"/".join(path) for path in ole.listdir(streams=True, storages=False)}
    assert listed == set(CFB_STREAMS)
    for path, data in CFB_STREAMS.items():
        assert ole.openstream(path).read() == data


def test_compound_file_is_independent_of_dict_order() -> None:
    reversed_streams = dict(reversed(list(CFB_STREAMS.items())))
    assert write_compound_file(reversed_streams) == write_compound_file(CFB_STREAMS)


def _check_red_black_subtree(entries: list, sid: int) -> tuple[int, list[str]]:
    """Return (black height, names in order) of the subtree at `sid`; assert RB invariants."""
    if sid == olefile.NOSTREAM:
        return 1, []
    node = entries[sid]
    for child in (node.sid_left, node.sid_right):
        if node.color == RED and child != olefile.NOSTREAM:
            assert entries[child].color == BLACK, "red node with red child"
    left_height, left_names = _check_red_black_subtree(entries, node.sid_left)
    right_height, right_names = _check_red_black_subtree(entries, node.sid_right)
    assert left_height == right_height, "unequal black heights"
    return left_height + (node.color == BLACK), [*left_names, node.name, *right_names]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 17, 40])
def test_directory_is_a_valid_red_black_tree(count: int) -> None:
    names = [f"{'s' * (i % 5 + 1)}{chr(65 + i % 26)}{i}" for i in range(count)]
    data = write_compound_file({name: b"x" for name in names})
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=STRICT)
    entries = ole.direntries
    root_child = entries[0].sid_child
    assert entries[root_child].color == BLACK
    _, in_order = _check_red_black_subtree(entries, root_child)
    assert in_order == sorted(names, key=cfb_name_key)


def test_sibling_order_is_length_then_upper_case() -> None:
    names = ["dir", "PROJECTwm", "_VBA_PROJECT", "Sheet1", "abc", "ABD", "xlwings"]
    assert sorted(names, key=cfb_name_key) == [
        "abc",
        "ABD",
        "dir",
        "Sheet1",
        "xlwings",
        "PROJECTwm",
        "_VBA_PROJECT",
    ]


@pytest.mark.parametrize("path", ["", "A//B", "x" * 32, "a:b", "S/x!"])
def test_compound_file_rejects_invalid_names(path: str) -> None:
    with pytest.raises(ValueError):
        write_compound_file({path: b""})


def test_compound_file_rejects_stream_used_as_storage() -> None:
    with pytest.raises(ValueError):
        write_compound_file({"A": b"1", "A/B": b"2"})


# --- vbaProject.bin --------------------------------------------------------------------


def _modules() -> list[VbaModule]:
    xlwings_bas = (XLWINGS_DIR / "xlwings.bas").read_text(encoding="cp1252")
    dictionary_cls = (XLWINGS_DIR / "addin" / "Dictionary.cls").read_text(encoding="cp1252")
    return [
        VbaModule(
            "ThisWorkbook",
            "document",
            'Private Sub Workbook_Open()\n    Application.StatusBar = "Ready"\nEnd Sub\n',
        ),
        VbaModule("Sheet1", "document", ""),
        VbaModule("Sheet2", "document", "Option Explicit\r\n"),
        module_from_export(xlwings_bas),
        module_from_export(dictionary_cls),
        VbaModule(
            "Counter",
            "class",
            "Option Explicit\nPrivate mCount As Long\n\n"
            "Public Sub Increment()\n    mCount = mCount + 1\nEnd Sub\n"
            "Public Property Get Value() As Long\n    Value = mCount\nEnd Property",
        ),
        VbaModule(
            "Ribbon",
            "standard",
            "Option Explicit\r\nPublic Sub OnRun(control As IRibbonControl)\r\n"
            '    MsgBox "Caf\u00e9 \u00e0 la carte"\r\nEnd Sub\r\n',
        ),
    ]


@pytest.fixture(scope="module")
def modules() -> list[VbaModule]:
    return _modules()


@pytest.fixture(scope="module")
def project(modules: list[VbaModule]) -> bytes:
    return build_vba_project(modules)


def _olevba_modules(data: bytes) -> dict[str, tuple[str, str]]:
    """Stream name -> (file name olevba gives the module, source text)."""
    parser = VBA_Parser(filename="vbaProject.bin", data=data)
    try:
        return {
            stream.split("/")[-1]: (file_name, code)
            for _, stream, file_name, code in parser.extract_macros()
        }
    finally:
        parser.close()


def _code_lines(source: str) -> list[str]:
    """A source's lines without its leading attribute header, line ends normalised."""
    lines = source.replace("\r\n", "\n").splitlines()
    while lines and lines[0].startswith("Attribute VB_"):
        lines.pop(0)
    return lines


def test_olevba_lists_exactly_the_modules(modules: list[VbaModule], project: bytes) -> None:
    found = _olevba_modules(project)
    assert list(found) == [m.name for m in modules]
    extensions = {"standard": ".bas", "class": ".cls", "document": ".cls"}
    for module in modules:
        assert found[module.name][0] == module.name + extensions[module.kind]


def test_olevba_returns_each_source(modules: list[VbaModule], project: bytes) -> None:
    found = _olevba_modules(project)
    for module in modules:
        code = found[module.name][1]
        assert code == stored_source(module)
        assert _code_lines(code) == _code_lines(module.source)


def test_real_xlwings_module_survives_intact(project: bytes) -> None:
    original = (XLWINGS_DIR / "xlwings.bas").read_text(encoding="cp1252")
    assert len(original) > 4096 * 8
    assert _olevba_modules(project)["xlwings"][1] == original.replace("\r\n", "\n").replace(
        "\n", "\r\n"
    )


def _quickstart_module(name: str) -> str:
    """A module's source as Excel stored it in xlwings' quickstart workbook."""
    with zipfile.ZipFile(XLWINGS_DIR / "quickstart_standalone.xlsm") as package:
        ole = olefile.OleFileIO(io.BytesIO(package.read("xl/vbaProject.bin")))
    records = _dir_records(decompress_stream(ole.openstream("VBA/dir").read()))
    names = [payload.decode("cp1252") for rid, payload in records if rid == 0x0019]
    offsets = [struct.unpack("<I", payload)[0] for rid, payload in records if rid == 0x0031]
    raw = ole.openstream(f"VBA/{name}").read()
    return decompress_stream(raw[offsets[names.index(name)] :]).decode("cp1252")


def test_stored_forms_match_what_excel_stored(modules: list[VbaModule]) -> None:
    """Excel normalises identifier case (err.Raise -> Err.Raise) but keeps everything else."""
    by_name = {m.name: m for m in modules}
    assert stored_source(by_name["Dictionary"]).lower() == _quickstart_module("Dictionary").lower()
    assert stored_source(VbaModule("ThisWorkbook", "document", "")) == _quickstart_module(
        "ThisWorkbook"
    )
    assert stored_source(VbaModule("Sheet1", "document", "")) == _quickstart_module("Sheet1")


def test_document_and_class_headers() -> None:
    sheet = stored_source(VbaModule("Sheet7", "document", ""))
    assert 'Attribute VB_Base = "0{00020820-0000-0000-C000-000000000046}"' in sheet
    assert "Attribute VB_PredeclaredId = True\r\nAttribute VB_Exposed = True\r\n" in sheet
    workbook = stored_source(VbaModule("ThisWorkbook", "document", ""))
    assert 'Attribute VB_Base = "0{00020819-0000-0000-C000-000000000046}"' in workbook
    assert stored_source(VbaModule("C", "class", "Option Explicit")) == (
        'Attribute VB_Name = "C"\r\n'
        'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"\r\n'
        "Attribute VB_GlobalNameSpace = False\r\n"
        "Attribute VB_Creatable = False\r\n"
        "Attribute VB_PredeclaredId = False\r\n"
        "Attribute VB_Exposed = False\r\n"
        "Attribute VB_TemplateDerived = False\r\n"
        "Attribute VB_Customizable = False\r\n"
        "Option Explicit\r\n"
    )


def test_module_from_export_reads_class_header() -> None:
    module = module_from_export((XLWINGS_DIR / "addin" / "Dictionary.cls").read_text("cp1252"))
    assert (module.name, module.kind) == ("Dictionary", "class")
    assert not module.source.startswith(("VERSION", "BEGIN"))
    assert "Attribute VB_Name" not in module.source
    assert "Attribute VB_Exposed = True\r\n" in stored_source(module)
    assert stored_source(module).count("VB_Exposed") == 1


def _dir_records(data: bytes) -> list[tuple[int, bytes]]:
    """Split a decompressed dir stream into (id, payload); PROJECTVERSION lies about its size."""
    records, pos = [], 0
    while pos < len(data):
        record_id, size = struct.unpack_from("<HI", data, pos)
        size = 6 if record_id == 0x0009 else size
        records.append((record_id, data[pos + 6 : pos + 6 + size]))
        pos += 6 + size
    return records


def test_dir_stream(modules: list[VbaModule], project: bytes) -> None:
    ole = olefile.OleFileIO(io.BytesIO(project), raise_defects=STRICT)
    records = _dir_records(decompress(ole.openstream("VBA/dir").read()))
    ids = [rid for rid, _ in records]
    payload = dict(records)  # first occurrence wins only for unique ids used below
    assert ids[:5] == [0x0001, 0x0002, 0x0014, 0x0003, 0x0004]
    assert struct.unpack("<H", payload[0x0003])[0] == 1252
    assert payload[0x0004] == b"VBAProject"
    libids = [p[4:].decode("cp1252") for rid, p in records if rid == 0x000D]
    assert [libid[:41] for libid in libids] == [
        r"*\G{00020430-0000-0000-C000-000000000046}",
        r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}",
    ]
    assert [p for rid, p in records if rid == 0x0016] == [b"stdole", b"Office"]
    assert struct.unpack("<H", payload[0x000F])[0] == len(modules)
    assert [p.decode() for rid, p in records if rid == 0x001A] == [m.name for m in modules]
    assert {p for rid, p in records if rid == 0x0031} == {bytes(4)}
    types = [rid for rid in ids if rid in (0x0021, 0x0022)]
    assert types == [0x0021 if m.kind == "standard" else 0x0022 for m in modules]
    assert ids.count(0x002B) == len(modules)
    assert records[-1] == (0x0010, b"")


def _decrypt(hex_text: str, project_id: str) -> bytes:
    """MS-OVBA 2.4.3.3 decryption, written from the spec independently of the writer."""
    data = bytes.fromhex(hex_text)
    seed, version_enc, key_enc = data[:3]
    assert seed ^ version_enc == 2
    assert seed ^ key_enc == sum(project_id.encode()) & 0xFF
    plain = bytearray()
    unencrypted, enc1, enc2 = seed ^ key_enc, key_enc, version_enc
    for byte in data[3:]:
        decoded = byte ^ ((enc2 + unencrypted) & 0xFF)
        plain.append(decoded)
        enc2, enc1, unencrypted = enc1, byte, decoded
    body = plain[(seed & 6) >> 1 :]
    (length,) = struct.unpack_from("<I", body)
    assert length == len(body) - 4
    return bytes(body[4:])


def test_project_stream(modules: list[VbaModule], project: bytes) -> None:
    ole = olefile.OleFileIO(io.BytesIO(project), raise_defects=STRICT)
    text = ole.openstream("PROJECT").read().decode("cp1252")
    lines = text.split("\r\n")
    assert lines[0] == f'ID="{PROJECT_ID}"'
    assert lines[1:8] == [
        "Document=ThisWorkbook/&H00000000",
        "Document=Sheet1/&H00000000",
        "Document=Sheet2/&H00000000",
        "Module=xlwings",
        "Class=Dictionary",
        "Class=Counter",
        "Module=Ribbon",
    ]
    values = dict(re.findall(r'^(CMG|DPB|GC)="([0-9A-F]+)"\r$', text, re.MULTILINE))
    assert _decrypt(values["CMG"], PROJECT_ID) == bytes(4)  # not protected
    assert _decrypt(values["DPB"], PROJECT_ID) == b"\x00"  # no password
    assert _decrypt(values["GC"], PROJECT_ID) == b"\xff"  # visible
    assert "[Host Extender Info]" in lines and "[Workspace]" in lines
    assert text.endswith("Ribbon=0, 0, 0, 0, C\r\n\r\n")


def test_decryption_check_agrees_with_excel() -> None:
    """The test's decryptor reads what Excel wrote in xlwings' quickstart."""
    quickstart_id = "{5CF9CDAB-B77B-4FE4-BD7E-D29900070E1B}"
    assert _decrypt("8D8FA61394EA98EA98EA98EA98", quickstart_id) == bytes(4)
    assert _decrypt("8D8FA61394EF95EF95EF", quickstart_id) == b"\x00"


def test_small_streams(modules: list[VbaModule], project: bytes) -> None:
    ole = olefile.OleFileIO(io.BytesIO(project), raise_defects=STRICT)
    assert ole.openstream("VBA/_VBA_PROJECT").read() == _hex("CC 61 FF FF 00 01 00")
    expected_wm = b"".join(
        m.name.encode() + b"\x00" + m.name.encode("utf-16-le") + b"\x00\x00" for m in modules
    )
    assert ole.openstream("PROJECTwm").read() == expected_wm + b"\x00\x00"
    assert ole.exists("VBA/xlwings") and ole.get_size("VBA/xlwings") > 4096


def test_text_is_stored_in_the_codepage(project: bytes) -> None:
    ole = olefile.OleFileIO(io.BytesIO(project), raise_defects=STRICT)
    ribbon = decompress(ole.openstream("VBA/Ribbon").read())
    assert "Caf\u00e9 \u00e0 la carte".encode("cp1252") in ribbon
    assert b"\n" not in ribbon.replace(b"\r\n", b"")


_BUILD_IN_SUBPROCESS = """
import hashlib, json, sys
from lnp_excel.build.vba_project import VbaModule, build_vba_project
modules = [VbaModule(*fields) for fields in json.load(sys.stdin)]
sys.stdout.write(hashlib.sha256(build_vba_project(modules)).hexdigest())
"""


def test_builds_are_byte_identical(modules: list[VbaModule], project: bytes) -> None:
    assert build_vba_project(_modules()) == project
    payload = json.dumps([[m.name, m.kind, m.source] for m in modules])
    for seed in ("0", "12345"):
        result = subprocess.run(
            [sys.executable, "-c", _BUILD_IN_SUBPROCESS],
            input=payload,
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        assert result.stdout == hashlib.sha256(project).hexdigest()


@pytest.mark.parametrize(
    ("modules_", "message"),
    [
        ([VbaModule("1st", "standard", "")], "invalid VBA module name"),
        ([VbaModule("A", "standard", ""), VbaModule("a", "class", "")], "duplicate"),
        ([VbaModule("A", "form", "")], "unknown kind"),  # type: ignore[arg-type]
        ([VbaModule("A", "standard", "' \u4e2d")], "not representable"),
        ([VbaModule("A", "standard", 'Attribute VB_Name = "B"')], "declares VB_Name"),
        ([VbaModule("A", "standard", "'" + "x" * 1100)], "exceeds"),
    ],
)
def test_invalid_projects_are_rejected(modules_: list[VbaModule], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_vba_project(modules_)


def test_invalid_project_settings_are_rejected() -> None:
    with pytest.raises(ValueError, match="codepage"):
        build_vba_project([], codepage=99999)
    with pytest.raises(ValueError, match="project name"):
        build_vba_project([], project_name="My Project")
