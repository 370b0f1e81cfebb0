"""Write a source-only vbaProject.bin ([MS-OVBA]) from VBA text.

The project carries no compiled p-code: `_VBA_PROJECT` declares version 0xFFFF and every
module stream starts with its compressed source (MODULEOFFSET 0), so Excel compiles the
modules from source on first open. The layout mirrors the source-only project in xlwings'
own `quickstart_standalone.xlsm`.
"""

import codecs
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lnp_excel.build.cfb import write_compound_file
from lnp_excel.build.ovba import compress

ModuleKind = Literal["standard", "class", "document"]

WORKBOOK_CODE_NAME = "ThisWorkbook"
"""The document module that gets the Workbook base class; all other documents are worksheets."""

PROJECT_ID = "{5F6E1B2A-7C4D-4E8F-9A0B-1C2D3E4F5A6B}"
"""Fixed project GUID: VBA only needs it to be well formed, and fixed keeps builds identical."""

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}\Z")
_ATTRIBUTE = re.compile(r"Attribute\s+(VB_\w+)\s*=\s*(.*?)\s*\Z")
_MAX_LINE_CHARS = 1023  # longest physical line the VBA editor accepts

_WORKBOOK_BASE = '"0{00020819-0000-0000-C000-000000000046}"'
_WORKSHEET_BASE = '"0{00020820-0000-0000-C000-000000000046}"'
_CLASS_BASE = '"0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"'

_VBA_PROJECT_STREAM = bytes.fromhex("CC61FFFF000100")  # version 0xFFFF: no performance cache
_SYSKIND_WIN64 = 3
_LCID_EN_US = 0x0409
_PROJECT_VERSION = (0x68FBFAC5, 4)  # any value is valid; this one is what the VBA editor wrote
_COOKIE = 0xFFFF  # MS-OVBA: ignored on read, 0xFFFF on write
_ENCRYPTION_SEED = 0x8D
_UNPROTECTED = bytes(4)  # CMG: ProjectProtectionState with no bit set
_NO_PASSWORD = b"\x00"  # DPB: a single null byte means no password
_VISIBLE = b"\xff"  # GC: ProjectVisibilityState, project is visible

_REFERENCES = (
    (
        "stdole",
        r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb"
        "#OLE Automation",
    ),
    (
        "Office",
        r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
        r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library",
    ),
)


@dataclass(frozen=True)
class VbaModule:
    """One VBA module as a developer writes it.

    `source` has no `Attribute VB_Name` line; module-level `Attribute VB_...` lines at its top
    override the defaults the VBA editor would add (e.g. `VB_Exposed = True`).
    """

    name: str
    kind: ModuleKind
    source: str


def build_vba_project(
    modules: Sequence[VbaModule], *, project_name: str = "VBAProject", codepage: int = 1252
) -> bytes:
    """Return vbaProject.bin bytes for `modules`; identical inputs give identical bytes."""
    _check_project(modules, project_name, codepage)
    encoding = f"cp{codepage}"
    streams = {
        "PROJECT": _project_stream(modules, project_name).encode(encoding),
        "PROJECTwm": _project_wm_stream(modules, encoding),
        "VBA/_VBA_PROJECT": _VBA_PROJECT_STREAM,
        "VBA/dir": compress(_dir_stream(modules, project_name, codepage, encoding)),
    }
    for module in modules:
        streams[f"VBA/{module.name}"] = compress(_encode_source(module, encoding))
    return write_compound_file(streams)


def module_from_export(text: str) -> VbaModule:
    """Read a module exported by the VBA editor (.bas, or .cls with its VERSION/BEGIN header)."""
    kind, lines = _strip_class_header(_split_lines(text))
    header_end = next((i for i, line in enumerate(lines) if not _ATTRIBUTE.match(line)), len(lines))
    header = [_ATTRIBUTE.match(line) for line in lines[:header_end]]
    names = [_unquote(match[2]) for match in header if match[1] == "VB_Name"]
    if not names:
        raise ValueError("exported module has no Attribute VB_Name line in its header")
    body = [match[0] for match in header if match[1] != "VB_Name"] + lines[header_end:]
    return VbaModule(name=names[0], kind=kind, source="".join(f"{line}\r\n" for line in body))


def stored_source(module: VbaModule) -> str:
    """The module text as the VBA editor stores it: attribute header, then code, CRLF lines."""
    attributes, body = _split_attributes(module)
    header = [f"Attribute {key} = {value}" for key, value in attributes.items()]
    return "".join(f"{line}\r\n" for line in header + body)


def _check_project(modules: Sequence[VbaModule], project_name: str, codepage: int) -> None:
    try:
        codecs.lookup(f"cp{codepage}")
    except LookupError:
        raise ValueError(f"unknown codepage {codepage}") from None
    if not _NAME.match(project_name):
        raise ValueError(f"invalid VBA project name {project_name!r}")
    seen: set[str] = set()
    for module in modules:
        if not _NAME.match(module.name):
            raise ValueError(f"invalid VBA module name {module.name!r}")
        if module.kind not in ("standard", "class", "document"):
            raise ValueError(f"module {module.name}: unknown kind {module.kind!r}")
        if module.name.upper() in seen:
            raise ValueError(f"duplicate VBA module name {module.name!r}")
        seen.add(module.name.upper())


def _split_lines(text: str) -> list[str]:
    """Lines of `text` whatever its line ends, without the empty string after a final newline."""
    return text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n").split("\n")


def _strip_class_header(lines: list[str]) -> tuple[ModuleKind, list[str]]:
    """Drop the VERSION 1.0 CLASS / BEGIN ... END block that only exported classes carry."""
    if not (lines and lines[0].startswith("VERSION ") and lines[0].rstrip().endswith("CLASS")):
        return "standard", lines
    stripped = [line.strip() for line in lines]
    if "END" not in stripped:
        raise ValueError("class module export has VERSION but no END line")
    return "class", lines[stripped.index("END") + 1 :]


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def _default_attributes(module: VbaModule) -> dict[str, str]:
    """The module-level attributes the VBA editor stores for each kind of module."""
    attributes = {"VB_Name": f'"{module.name}"'}
    if module.kind == "standard":
        return attributes
    is_document = module.kind == "document"
    if not is_document:
        base = _CLASS_BASE
    elif module.name == WORKBOOK_CODE_NAME:
        base = _WORKBOOK_BASE
    else:
        base = _WORKSHEET_BASE
    attributes |= {
        "VB_Base": base,
        "VB_GlobalNameSpace": "False",
        "VB_Creatable": "False",
        "VB_PredeclaredId": str(is_document),
        "VB_Exposed": str(is_document),
        "VB_TemplateDerived": "False",
        "VB_Customizable": str(is_document),
    }
    return attributes


def _split_attributes(module: VbaModule) -> tuple[dict[str, str], list[str]]:
    """Merge leading `Attribute VB_...` lines of the source into the defaults; return the rest."""
    attributes = _default_attributes(module)
    lines = _split_lines(module.source) if module.source else []
    while lines and (match := _ATTRIBUTE.match(lines[0])):
        key, value = match[1], match[2]
        if key == "VB_Name" and _unquote(value) != module.name:
            raise ValueError(f"module {module.name}: source declares VB_Name {value}")
        attributes[key] = value
        lines.pop(0)
    return attributes, lines


def _encode_source(module: VbaModule, encoding: str) -> bytes:
    text = stored_source(module)
    for number, line in enumerate(text.split("\r\n"), start=1):
        if len(line) > _MAX_LINE_CHARS:
            raise ValueError(f"module {module.name}: line {number} exceeds {_MAX_LINE_CHARS} chars")
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        raise ValueError(f"module {module.name}: text not representable in {encoding}") from error


def _project_stream(modules: Sequence[VbaModule], project_name: str) -> str:
    """The PROJECT stream (2.3.1): module list, project properties, editor workspace."""
    lines = [f'ID="{PROJECT_ID}"']
    for module in modules:
        if module.kind == "document":
            lines.append(f"Document={module.name}/&H00000000")
        elif module.kind == "class":
            lines.append(f"Class={module.name}")
        else:
            lines.append(f"Module={module.name}")
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{_encrypt(_UNPROTECTED)}"',
        f'DPB="{_encrypt(_NO_PASSWORD)}"',
        f'GC="{_encrypt(_VISIBLE)}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
        *(f"{module.name}=0, 0, 0, 0, C" for module in modules),
        "",
    ]
    return "".join(f"{line}\r\n" for line in lines)


def _encrypt(data: bytes) -> str:
    """MS-OVBA 2.4.3 data encryption with a fixed seed; the key byte comes from the project ID."""
    seed = _ENCRYPTION_SEED
    version = 2
    project_key = sum(PROJECT_ID.encode("ascii")) & 0xFF
    out = bytearray([seed, seed ^ version, seed ^ project_key])
    unencrypted, encrypted1, encrypted2 = project_key, seed ^ project_key, seed ^ version
    ignored = bytes((seed & 6) >> 1)
    for byte in ignored + struct.pack("<I", len(data)) + data:
        encrypted = byte ^ ((encrypted2 + unencrypted) & 0xFF)
        out.append(encrypted)
        encrypted2, encrypted1, unencrypted = encrypted1, encrypted, byte
    return out.hex().upper()


def _project_wm_stream(modules: Sequence[VbaModule], encoding: str) -> bytes:
    """PROJECTwm (2.3.3): each module name in the codepage and in UTF-16, then a terminator."""
    out = bytearray()
    for module in modules:
        out += module.name.encode(encoding) + b"\x00"
        out += module.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + b"\x00\x00")


def _record(record_id: int, payload: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(payload)) + payload


def _text_pair(record_id: int, unicode_id: int, text: str, encoding: str) -> bytes:
    """A string record followed by its UTF-16 twin, the pattern most dir records use."""
    return _record(record_id, text.encode(encoding)) + _record(unicode_id, text.encode("utf-16-le"))


def _dir_stream(
    modules: Sequence[VbaModule], project_name: str, codepage: int, encoding: str
) -> bytes:
    """The uncompressed `dir` stream (2.3.4.2): project information, references, modules."""
    return (
        _project_information(project_name, codepage, encoding)
        + b"".join(_reference(name, libid, encoding) for name, libid in _REFERENCES)
        + _record(0x000F, struct.pack("<H", len(modules)))
        + _record(0x0013, struct.pack("<H", _COOKIE))
        + b"".join(_module_record(module, encoding) for module in modules)
        + struct.pack("<HI", 0x0010, 0)
    )


def _project_information(project_name: str, codepage: int, encoding: str) -> bytes:
    major, minor = _PROJECT_VERSION
    return (
        _record(0x0001, struct.pack("<I", _SYSKIND_WIN64))
        + _record(0x0002, struct.pack("<I", _LCID_EN_US))
        + _record(0x0014, struct.pack("<I", _LCID_EN_US))
        + _record(0x0003, struct.pack("<H", codepage))
        + _record(0x0004, project_name.encode(encoding))
        + _text_pair(0x0005, 0x0040, "", encoding)  # docstring
        + _text_pair(0x0006, 0x003D, "", encoding)  # help file
        + _record(0x0007, struct.pack("<I", 0))  # help context
        + _record(0x0008, struct.pack("<I", 0))  # library flags
        + struct.pack("<HIIH", 0x0009, 4, major, minor)  # version: size field is always 4
        + _text_pair(0x000C, 0x003C, "", encoding)  # conditional compilation constants
    )


def _reference(name: str, libid: str, encoding: str) -> bytes:
    """REFERENCENAME plus REFERENCEREGISTERED for a type library found through the registry."""
    libid_bytes = libid.encode(encoding)
    registered = struct.pack("<I", len(libid_bytes)) + libid_bytes + struct.pack("<IH", 0, 0)
    return _text_pair(0x0016, 0x003E, name, encoding) + _record(0x000D, registered)


def _module_record(module: VbaModule, encoding: str) -> bytes:
    module_type = 0x0021 if module.kind == "standard" else 0x0022
    return (
        _record(0x0019, module.name.encode(encoding))
        + _record(0x0047, module.name.encode("utf-16-le"))
        + _text_pair(0x001A, 0x0032, module.name, encoding)  # stream name
        + _text_pair(0x001C, 0x0048, "", encoding)  # docstring
        + _record(0x0031, struct.pack("<I", 0))  # source starts at offset 0: no p-code
        + _record(0x001E, struct.pack("<I", 0))  # help context
        + _record(0x002C, struct.pack("<H", _COOKIE))
        + struct.pack("<HI", module_type, 0)
        + struct.pack("<HI", 0x002B, 0)  # module terminator
    )
