"""The Word version of a CSR (C9): one .docx per carrier from a copy of Blank_CSR.docx.

Laid out for a customer to read by the shared table code (``documents.tables``): widths
measured so a 10-digit number never breaks across lines, landscape when the columns do not
fit across a portrait page, the header row repeated on every page, rows kept whole across
page breaks. ``docs/images/csr_document.png`` shows a rendered page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from docx import Document
from docx.document import Document as DocumentObject
from docx.section import Section

from lnp_excel.core.csr.document import CarrierDocument, carrier_documents
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.io.documents.tables import (
    TableLayout,
    add_grid,
    clean_text,
    fit_columns,
    same_path,
    save_document,
    set_text,
)
from lnp_excel.io.writers import safe_filename

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
BLANK_CSR = TEMPLATES / "Blank_CSR.docx"


def table_layout(document: CarrierDocument, page: Section) -> TableLayout:
    """One layout for every address table of a carrier's document (C9)."""
    columns = tuple(str(c) for c in document.sections[0].rows.columns) if document.sections else ()
    values: dict[str, set[object]] = {c: set() for c in columns}
    for section in document.sections:
        for column, name in zip(section.rows.columns, columns, strict=True):
            values[name].update(pd.unique(section.rows[column].to_numpy()))
    return fit_columns(columns, values, page)


def write_csr_documents(
    table: pd.DataFrame,
    folder: Path,
    *,
    customer: str,
    template: Path | None = None,
    inputs: Sequence[Path] = (),
    settings: Settings | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """One .docx per carrier from a copy of the template (C9); returns the files written."""
    settings = settings or Settings()
    template = Path(template) if template is not None else BLANK_CSR
    if not template.is_file():
        raise InputError("template document not found", file=str(template))
    documents = carrier_documents(table)
    if not documents:
        raise InputError("the CSR has no rows to put in a document")
    stem = f"{settings.csr_file_prefix}_{safe_filename(customer)}_CSR"
    taken: set[str] = set()
    written = []
    for document in documents:
        name = safe_filename(document.carrier, fallback="carrier")
        candidate, count = name, 1
        while candidate.casefold() in taken:
            count += 1
            candidate = f"{name} ({count})"
        taken.add(candidate.casefold())
        path = Path(folder) / f"{stem}_{candidate}.docx"
        if any(same_path(path, source) for source in inputs):
            raise InputError(f"the output {path.name} would replace an input file", file=str(path))
        filled = _fill(template, document, customer, settings, today or dt.date.today())
        written.append(save_document(filled, path))
    return written


def _fill(
    template: Path,
    document: CarrierDocument,
    customer: str,
    settings: Settings,
    today: dt.date,
) -> DocumentObject:
    try:
        doc = Document(str(template))
    except Exception as exc:  # python-docx raises many types for a bad file
        raise InputError(f"cannot open the template document ({exc})", file=str(template)) from exc
    values = {
        "{customer}": customer,
        "{carrier}": document.carrier,
        "{date}": today.isoformat(),
        "{count}": str(document.numbers),
        "{reminder}": settings.port_out_reminder,
    }
    marker = None
    for paragraph in list(doc.paragraphs):
        text = paragraph.text
        if text.strip() == "{sections}":
            marker = paragraph
            continue
        if any(key in text for key in values):
            for key, value in values.items():
                text = text.replace(key, value)
            set_text(paragraph, text)
    if marker is None:
        raise InputError(
            "the template has no {sections} paragraph to put the addresses in",
            file=str(template),
        )
    layout = table_layout(document, doc.sections[0])
    layout.apply(doc)
    for section in document.sections:
        heading = doc.add_heading(clean_text(f"Service address: {section.address}"), level=2)
        heading.paragraph_format.keep_with_next = True  # never alone at a page's foot
        marker._p.addprevious(heading._p)
        marker._p.addprevious(add_grid(doc, section.rows, layout)._tbl)
        spacer = doc.add_paragraph("")
        marker._p.addprevious(spacer._p)
    marker._p.getparent().remove(marker._p)
    return doc


__all__ = ["BLANK_CSR", "table_layout", "write_csr_documents"]
