"""``lnp-excel build-workbooks``: the two .xlsm templates and the LNP_Tools.xlam add-in,
byte for byte, from text sources.

Sources live in ``lnp_excel/workbook_src``: a ``layout.json`` per workbook (sheets, tables,
notes), its ``ribbon.xml`` and ``LnpRibbon.bas``, the shared ``LnpShell.bas`` (the add-in
has its own ``LnpActive.bas``: its buttons act on the active workbook, X3), the dialogs
Python asks through in every workbook (``LnpDialogs.bas``) and ``ThisWorkbook.cls``. The
build adds xlwings' standalone VBA (read from the installed, pinned xlwings), the generated
UDF wrappers, and table contents that the core owns (the default Address Matrix, Carrier
Lookup, escalations, settings), so there is one source for each rule. XlsxWriter with
fixed dates and a normalized zip make the output deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pandas as pd
import xlsxwriter

import lnp_excel
from lnp_excel.build.package import build_xlsm
from lnp_excel.build.udf_wrappers import UDF_MODULE, describe_module_source, udf_module_source
from lnp_excel.build.vba_project import VbaModule, module_from_export
from lnp_excel.core.changes import JOURNAL_COLUMNS
from lnp_excel.core.settings import Settings
from lnp_excel.excel.udfs import UDFS
from lnp_excel.io.writers import atomic_write

SOURCES = Path(lnp_excel.__file__).parent / "workbook_src"
WORKBOOKS = ("Port_Planner", "CSR_Template")
ADDINS = ("LNP_Tools",)
"""Built as .xlam: the add-in content type, buttons that act on the active workbook (X3)."""
ALL_WORKBOOKS = WORKBOOKS + ADDINS
XLWINGS_CONF = (
    ("UDF Modules", UDF_MODULE),
    ("Use UDF Server", "FALSE"),
    ("Show Console", "FALSE"),
    ("ADD_WORKBOOK_TO_PYTHONPATH", "FALSE"),
)
HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "border": 1}
NOTE = {"italic": True, "font_color": "#595959"}


def build_workbook(name: str) -> bytes:
    """The bytes of one workbook (``Port_Planner``, ``CSR_Template``, ``LNP_Tools``)."""
    folder = SOURCES / name
    layout = json.loads((folder / "layout.json").read_text(encoding="utf-8"))
    return build_xlsm(
        lambda workbook: _write_sheets(workbook, layout, folder),
        modules=vba_modules(name),
        ribbon_xml=(folder / "ribbon.xml").read_text(encoding="utf-8"),
        addin=name in ADDINS,
    )


def file_name(name: str) -> str:
    """``Port_Planner.xlsm``, ``LNP_Tools.xlam``: Excel goes by the extension too."""
    return f"{name}.xlam" if name in ADDINS else f"{name}.xlsm"


def build_all(out_dir: str | Path) -> list[Path]:
    """Write every workbook into ``out_dir`` atomically; return the paths."""
    written = []
    for name in ALL_WORKBOOKS:
        data = build_workbook(name)
        target = Path(out_dir) / file_name(name)
        written.append(atomic_write(target, lambda temp, data=data: temp.write_bytes(data)))
    return written


def vba_modules(name: str) -> list[VbaModule]:
    """Every module of a workbook's VBA project, in a fixed order."""
    import xlwings

    xlwings_dir = Path(xlwings.__file__).parent
    modules = [
        module_from_export((xlwings_dir / "xlwings.bas").read_text(encoding="utf-8")),
        module_from_export((xlwings_dir / "addin" / "Dictionary.cls").read_text(encoding="utf-8")),
        _shell_module(name),
        VbaModule("LnpDialogs", "standard", _text(SOURCES / "LnpDialogs.bas")),
        VbaModule("LnpRibbon", "standard", _text(SOURCES / name / "LnpRibbon.bas")),
        VbaModule("xlwings_udfs", "standard", udf_module_source()),
        VbaModule("LnpFunctionHelp", "standard", describe_module_source()),
        VbaModule("ThisWorkbook", "document", _text(SOURCES / "ThisWorkbook.cls")),
    ]
    return modules


def _shell_module(name: str) -> VbaModule:
    """How buttons reach Python: ``LnpRun`` on this workbook, or the add-in's ``LnpRunActive``
    on the active workbook (RunPython itself always names ThisWorkbook, the add-in)."""
    own = SOURCES / name / "LnpActive.bas"
    if own.exists():
        return VbaModule("LnpActive", "standard", _text(own))
    return VbaModule("LnpShell", "standard", _text(SOURCES / "LnpShell.bas"))


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- sheets -------------------------------------------------------------------------------------


def _write_sheets(workbook: xlsxwriter.Workbook, layout: dict, folder: Path) -> None:
    formats = {
        "header": workbook.add_format(HEADER),
        "note": workbook.add_format(NOTE),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "text": workbook.add_format({"num_format": "@"}),
        "title": workbook.add_format({"bold": True, "font_size": 16, "font_color": "#1F4E78"}),
    }
    workbook.set_properties({"title": layout["title"], "author": "lnp_excel"})
    for spec in layout["sheets"]:
        sheet = workbook.add_worksheet(spec["name"])
        _printable(sheet)
        if spec["kind"] == "start":
            _write_start(sheet, spec, formats, folder, layout)
        else:
            WRITERS[spec["kind"]](sheet, spec, formats, folder)
    workbook.worksheets()[0].activate()


def _printable(sheet) -> None:
    """Agents print plans and CSRs: landscape, one page wide, the header on every page."""
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_paper(1)  # Letter


def _write_table(sheet, spec: dict, formats: dict, folder: Path) -> None:
    """An Excel table from A1 (so pasted rows extend it), notes to its right."""
    if "source" in spec:
        frame = TABLE_SOURCES[spec["source"]](folder)
        columns = [(str(c), 18) for c in frame.columns]
        rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    else:
        columns = [tuple(c) for c in spec["columns"]]
        rows = spec["rows"]
    for index, (_, width) in enumerate(columns):
        sheet.set_column(index, index, width, formats["text"])
    sheet.add_table(
        0,
        0,
        max(len(rows), 1),
        len(columns) - 1,
        {
            "name": spec.get("table", "tbl" + spec["name"].replace(" ", "")),
            "columns": [{"header": name} for name, _ in columns],
            "data": rows or [[None] * len(columns)],
            "style": "Table Style Medium 2",
        },
    )
    sheet.freeze_panes(1, 0)


def _write_start(sheet, spec: dict, formats: dict, folder: Path, layout: dict) -> None:
    """How to use the workbook: every sheet's notes, so table sheets hold only their table."""
    sheet.write_string(0, 0, layout["title"], formats["title"])
    sheet.write_string(
        1,
        0,
        layout.get(
            "intro",
            "Buttons are on the LNP Tools tab. Nothing is lost: every "
            "change is listed on the Changes sheet, and Undo puts it back.",
        ),
        formats["note"],
    )
    sheet.write_row(3, 0, ["Sheet", "What to do"], formats["header"])
    row = 4
    for other in layout["sheets"]:
        for note in other.get("notes", ()):
            sheet.write_string(row, 0, other["name"])
            sheet.write_string(row, 1, note)
            row += 1
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 110)


def _write_settings(sheet, spec: dict, formats: dict, folder: Path) -> None:
    """Setting / Value / Description: the workbook's inputs, then every handbook constant."""
    rows = [tuple(row) for row in spec.get("inputs", ())]
    defaults = Settings()
    for field in fields(Settings):
        value = getattr(defaults, field.name)
        text = "; ".join(value) if isinstance(value, tuple) else str(value)
        rows.append((field.name, text, SETTING_HELP.get(field.name, "handbook default")))
    sheet.write_row(0, 0, ["Setting", "Value", "Description"], formats["header"])
    for index, (name, value, help_text) in enumerate(rows, start=1):
        sheet.write_string(index, 0, name)
        if value is None:
            sheet.write_blank(index, 1, None)
        else:
            sheet.write_string(index, 1, str(value))
        sheet.write_string(index, 2, help_text)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 40, formats["text"])
    sheet.set_column(2, 2, 80)
    sheet.freeze_panes(1, 0)


def _write_output(sheet, spec: dict, formats: dict, folder: Path) -> None:
    sheet.write_string(0, 0, spec.get("hint", ""), formats["note"])
    sheet.set_column(0, 0, 60)


def _write_changes(sheet, spec: dict, formats: dict, folder: Path) -> None:
    sheet.write_row(0, 0, JOURNAL_COLUMNS, formats["header"])
    sheet.set_column(0, len(JOURNAL_COLUMNS) - 1, 14)
    sheet.freeze_panes(1, 0)


def _write_functions(sheet, spec: dict, formats: dict, folder: Path) -> None:
    """The worksheet functions and their arguments, as help agents can read in place."""
    sheet.write_row(0, 0, ["Function", "Arguments", "What it gives"], formats["header"])
    for row, udf in enumerate(UDFS, start=1):
        arguments = ", ".join(
            f"[{name}]" if optional else name for name, _, optional in udf.arguments
        )
        sheet.write_string(row, 0, f"={udf.name}({arguments})")
        sheet.write_string(row, 1, "; ".join(f"{n}: {h}" for n, h, _ in udf.arguments))
        sheet.write_string(row, 2, udf.description)
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 2, 90)
    sheet.freeze_panes(1, 0)


def _write_xlwings_conf(sheet, spec: dict, formats: dict, folder: Path) -> None:
    """xlwings reads keys from column A and values from B, no header (WORKBOOKS.md);
    the layout's ``keys`` override the defaults above."""
    for row, (key, value) in enumerate({**dict(XLWINGS_CONF), **spec.get("keys", {})}.items()):
        sheet.write_string(row, 0, key)
        sheet.write_string(row, 1, value)
    sheet.set_column(0, 1, 30)


WRITERS: dict[str, Callable] = {
    "table": _write_table,
    "settings": _write_settings,
    "output": _write_output,
    "changes": _write_changes,
    "functions": _write_functions,
    "xlwings_conf": _write_xlwings_conf,
}

SETTING_HELP = {
    "self_service_max_numbers": "P1: numbers per self-service request",
    "self_service_min_days": "P7: business days, earliest",
    "self_service_max_days": "P7: business days, latest",
    "managed_price_per_number": "P5: dollars per number",
    "managed_minimum_charge": "P5: dollars per order",
    "managed_min_days": "P5: business days, earliest",
    "managed_max_days": "P5: business days, latest",
    "custom_suggest_from": "P6: suggest Custom porting from this many numbers",
    "expedite_min_per_number": "P8: dollars per number, low end",
    "expedite_max_per_number": "P8: dollars per number, high end",
    "port_out_window_days": "C1: days after release a number can still port out",
    "csr_pin": "C6, C10: the PIN for Inteliquent / Onvoy / Neutral Tandem numbers",
    "csr_file_prefix": "C8: the CSR file is <prefix>_<Customer>_CSR.csv",
    "gaining_provider": "L2: the provider the Letters of Authorization port the numbers to",
    "loa_valid_days": "L3: days after signing a carrier accepts a Letter of Authorization",
    "loa_authorization": "L2: the letter's authorization sentence ({provider}, {carrier})",
    "loa_bill_copy": "L5: the reminder on letters to carriers marked Bill Copy ({carrier})",
}


def _csv_source(file_name: str) -> Callable[[Path], pd.DataFrame]:
    def read(folder: Path) -> pd.DataFrame:
        return pd.read_csv(folder / file_name, dtype=str, keep_default_na=False)

    return read


def _core_source(module: str, function: str) -> Callable[[Path], pd.DataFrame]:
    """Tables whose defaults the core owns: imported when a workbook needs them."""

    def read(folder: Path) -> pd.DataFrame:
        import importlib

        return getattr(importlib.import_module(module), function)()

    return read


TABLE_SOURCES: dict[str, Callable[[Path], pd.DataFrame]] = {
    "csr_sample": _csv_source("csr_sample.csv"),
    "inventory_sample": _csv_source("inventory_sample.csv"),
    "port_orders_sample": _csv_source("port_orders_sample.csv"),
    "address_matrix": _core_source("lnp_excel.core.csr.matrices", "default_address_matrix"),
    "carrier_lookup": _core_source("lnp_excel.core.csr.matrices", "default_carrier_lookup"),
    "carrier_directory": _core_source("lnp_excel.core.carriers", "default_directory_table"),
    "escalations": lambda folder: escalation_table(),
}


def escalation_table() -> pd.DataFrame:
    """C10 as a table, from the core's own answers for each situation the article lists."""
    from lnp_excel.core.csr.escalation import escalation_answer

    examples = ("Inteliquent", "Bandwidth", "Verizon", "Any other carrier")
    answers = [escalation_answer(carrier) for carrier in examples]
    return pd.DataFrame(
        {"Situation": [a.situation for a in answers], "Resolution": [a.resolution for a in answers]}
    )
