"""Write Blank_CSR.docx, the C9 template ``lnp-excel csr doc`` fills (run once; committed).

    python lnp_excel/templates/make_blank_csr.py

Placeholders are whole paragraphs of one run each, so the filler can replace them without
touching Word's run splitting: ``{customer}``, ``{carrier}``, ``{date}``, ``{count}``,
``{reminder}`` (C12) and ``{sections}``, where one heading and one table per address go.
Agents may restyle the document in Word; keep the placeholders.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

TEMPLATE = Path(__file__).with_name("Blank_CSR.docx")
FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)  # stable document properties


def make(path: Path = TEMPLATE) -> Path:
    document = Document()
    document.core_properties.title = "Customer Service Record"
    document.core_properties.author = "lnp_excel"
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    document.core_properties.last_modified_by = "lnp_excel"
    document.core_properties.revision = 1
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    document.add_heading("Customer Service Record (CSR)", level=0)
    for text in (
        "Customer: {customer}",
        "Carrier: {carrier}",
        "Prepared: {date}",
        "Numbers: {count}",
    ):
        document.add_paragraph(text)
    document.add_paragraph(
        "The information below is the same as in the CSR file (CSV) for these numbers, "
        "grouped by service address."
    )
    document.add_paragraph("{sections}")
    document.add_paragraph("{reminder}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(make(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
