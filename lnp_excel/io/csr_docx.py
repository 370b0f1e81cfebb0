"""The Word version of a CSR (C9): one .docx per carrier from a copy of Blank_CSR.docx.

Laid out for a customer to read: column widths measured from the header words and the
values (a 10-digit number never breaks across lines, a header word never splits),
landscape when the columns do not fit across a portrait page, the header row repeated on
every page, and rows kept whole across page breaks (``cantSplit``). Word and LibreOffice
honour all four; ``docs/images/csr_document.png`` shows a rendered page.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Inches, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from lnp_excel.core.csr.document import CarrierDocument, carrier_documents
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.io.writers import atomic_write, safe_filename

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
BLANK_CSR = TEMPLATES / "Blank_CSR.docx"
TABLE_PT = 10.0  # table text size; shrinks (down to MIN_PT) only when landscape is too narrow
MIN_PT = 7.0
PADDING = Inches(0.2)  # a cell's left and right margins (Word's default 0.08" each) + slack
HEADER_FILL = "D9E2F3"
TWIP = 635  # EMU in a twentieth of a point: Word stores widths in twips
_PHONE_LIKE = re.compile(r"^[+\d][\d\s().-]*$")
# Calibri advance widths in em (digits, capitals, lower case, space, anything else): close
# enough to choose widths with a 10% margin; Carlito (LibreOffice) has the same metrics.
_EM = {"digit": 0.507, "upper": 0.60, "lower": 0.47, "space": 0.226, "other": 0.50}


def same_path(a: Path, b: Path) -> bool:
    """True when two paths name one file (an output must never replace an input)."""
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def text_width(text: str, points: float, bold: bool = False) -> int:
    """Estimated width of ``text`` in EMU at ``points`` (Calibri metrics, +10%)."""
    em = 0.0
    for char in text:
        if char.isdigit():
            em += _EM["digit"]
        elif char.isupper():
            em += _EM["upper"]
        elif char.islower():
            em += _EM["lower"]
        elif char.isspace():
            em += _EM["space"]
        else:
            em += _EM["other"]
    return int(em * points * 12700 * (1.15 if bold else 1.1))


@dataclass(frozen=True)
class TableLayout:
    """Column widths (EMU), the text size and the page orientation of one document."""

    columns: tuple[str, ...]
    widths: tuple[int, ...]
    points: float
    landscape: bool

    def apply(self, doc: DocumentObject) -> None:
        """Turn every page of the document to landscape when the layout needs it."""
        if not self.landscape:
            return
        for section in doc.sections:
            if section.orientation != WD_ORIENT.LANDSCAPE:
                width, height = section.page_width, section.page_height
                section.orientation = WD_ORIENT.LANDSCAPE
                section.page_width, section.page_height = height, width


def table_layout(document: CarrierDocument, page: Section) -> TableLayout:
    """Widths that fit the header words and every value on one line (C9).

    Each column gets its longest value, and at least its longest header word (a header
    wraps between words, into at most two lines when the values are narrower); the sum is
    stretched to the text width. Portrait first, landscape if the columns do not fit, and a
    smaller text size only if even landscape is too narrow.
    """
    columns = tuple(str(c) for c in document.sections[0].rows.columns) if document.sections else ()
    values: dict[str, set[str]] = {c: set() for c in columns}
    for section in document.sections:
        for column, name in zip(section.rows.columns, columns, strict=True):
            values[name].update(_shown(v) for v in pd.unique(section.rows[column].to_numpy()))
    portrait = min(page.page_width, page.page_height) - page.left_margin - page.right_margin
    landscape = max(page.page_width, page.page_height) - page.left_margin - page.right_margin
    points = TABLE_PT
    while True:
        natural = [_natural(name, values[name], points) for name in columns]
        total = sum(natural)
        for turned, room in ((False, portrait), (True, landscape)):
            if total <= room or (turned and points <= MIN_PT):
                scale = room / total if total else 1.0
                widths = tuple(int(w * scale) // TWIP * TWIP for w in natural)
                return TableLayout(columns, widths, points, turned)
        points -= 0.5


def _natural(header: str, values: set[str], points: float) -> int:
    value_width = max((text_width(v, points) for v in values), default=0)
    words = header.split() or [""]
    word_width = max(text_width(w, points, bold=True) for w in words)
    half = math.ceil(len(words) / 2)
    two_lines = max(
        text_width(" ".join(words[:half]), points, bold=True),
        text_width(" ".join(words[half:]), points, bold=True),
    )
    return max(value_width, word_width if value_width >= two_lines else two_lines) + PADDING


def _shown(value: object) -> str:
    """A cell's text; a number with spaces ("+1 416 555 0110") gets no-break spaces."""
    text = "" if value is None else str(value)
    if " " in text and _PHONE_LIKE.match(text):
        return text.replace(" ", "\u00a0")
    return text


def _grid(doc: DocumentObject, rows: pd.DataFrame, layout: TableLayout) -> Table:
    """One address's table: fixed widths, a repeated header row, rows never split."""
    grid = doc.add_table(rows=1, cols=max(1, rows.shape[1]))
    grid.style = _table_style(doc)
    grid.autofit = False
    for column, width in zip(grid.columns, layout.widths, strict=False):
        column.width = Emu(width)
    _row_properties(grid.rows[0], header=True)
    for cell, name in zip(grid.rows[0].cells, layout.columns, strict=False):
        _cell(cell, name, layout, bold=True)
        _shade(cell, HEADER_FILL)
    for values_row in rows.itertuples(index=False):  # a document row per number
        row = grid.add_row()
        _row_properties(row, header=False)
        for cell, value in zip(row.cells, values_row, strict=False):
            _cell(cell, _shown(value), layout, bold=False)
    for row in grid.rows:
        for cell, width in zip(row.cells, layout.widths, strict=False):
            cell.width = Emu(width)
    return grid


def _cell(cell: object, text: str, layout: TableLayout, *, bold: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(layout.points)
    run.bold = bold


def _row_properties(row: object, *, header: bool) -> None:
    """``cantSplit`` on every row; ``tblHeader`` (repeat on each page) on the header."""
    properties = row._tr.get_or_add_trPr()
    names = ("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",)
    for name in names:
        element = OxmlElement(name)
        element.set(qn("w:val"), "true")
        properties.append(element)


def _shade(cell: object, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


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
        written.append(atomic_write(path, lambda temp, doc=filled: doc.save(str(temp))))
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
            _set_text(paragraph, text)
    if marker is None:
        raise InputError(
            "the template has no {sections} paragraph to put the addresses in",
            file=str(template),
        )
    layout = table_layout(document, doc.sections[0])
    layout.apply(doc)
    for section in document.sections:
        heading = doc.add_heading(f"Service address: {section.address}", level=2)
        heading.paragraph_format.keep_with_next = True  # never alone at a page's foot
        marker._p.addprevious(heading._p)
        marker._p.addprevious(_grid(doc, section.rows, layout)._tbl)
        spacer = doc.add_paragraph("")
        marker._p.addprevious(spacer._p)
    marker._p.getparent().remove(marker._p)
    return doc


def _set_text(paragraph: Paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting."""
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _table_style(doc: DocumentObject) -> object | None:
    names = {style.name for style in doc.styles}
    return doc.styles["Table Grid"] if "Table Grid" in names else None


__all__ = ["BLANK_CSR", "TableLayout", "same_path", "table_layout", "write_csr_documents"]
