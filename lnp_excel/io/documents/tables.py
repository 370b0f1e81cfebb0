"""What the Word documents share (C9 CSR, L1-L5 LOA): clean text, measured tables, pages.

A customer reads these documents, so their tables follow one layout: column widths
measured from the header words and the values (a 10-digit number never breaks across
lines, a header word never splits), landscape only when the columns do not fit across a
portrait page, the header row repeated on every page and rows kept whole across page breaks
(``cantSplit``). Word and LibreOffice honour all four.

Every text a document writes goes through ``clean_text``: a control character from a
customer's cell (``AT&T\\x01``) is not allowed in the document's XML (lxml refuses it with a
ValueError), so it is dropped; tabs and line breaks become spaces (issue 18, item 14).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Inches, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from lnp_excel.core.errors import InputError
from lnp_excel.io.writers import atomic_write

TABLE_PT = 10.0  # table text size; shrinks (down to MIN_PT) only when landscape is too narrow
MIN_PT = 7.0
PADDING = Inches(0.2)  # a cell's left and right margins (Word's default 0.08" each) + slack
HEADER_FILL = "D9E2F3"
TWIP = 635  # EMU in a twentieth of a point: Word stores widths in twips
_PHONE_LIKE = re.compile(r"^[+\d][\d\s().-]*$")
_SPACES = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]")
# Control characters (U+0000-U+001F) and the non-characters XML 1.0 forbids (lxml raises on them).
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Calibri advance widths in em (digits, capitals, lower case, space, anything else): close
# enough to choose widths with a 10% margin; Carlito (LibreOffice) has the same metrics.
_EM = {"digit": 0.507, "upper": 0.60, "lower": 0.47, "space": 0.226, "other": 0.50}


def clean_text(value: object) -> str:
    """A value as text a document may hold: controls dropped, line breaks as spaces."""
    text = "" if value is None else str(value)
    return _NOT_XML.sub("", _SPACES.sub(" ", text))


def same_path(a: Path, b: Path) -> bool:
    """True when two paths name one file (an output must never replace an input)."""
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def save_document(doc: DocumentObject, path: Path, *, overwrite: bool = True) -> Path:
    """Write ``doc`` to ``path`` atomically; refuses an existing file unless ``overwrite``."""
    if not overwrite and Path(path).exists():
        raise InputError(
            f"{Path(path).name} exists; pass --overwrite to replace it", file=str(path)
        )
    return atomic_write(path, lambda temp: doc.save(str(temp)))


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


def fit_columns(
    columns: Sequence[str],
    values: Mapping[str, Iterable[object]],
    page: Section,
    *,
    stretch: bool = True,
) -> TableLayout:
    """Widths that fit the header words and every value on one line (C9, L1).

    Each column gets its longest value, and at least its longest header word (a header
    wraps between words, into at most two lines when the values are narrower); with
    ``stretch`` the sum is stretched to the text width. Portrait first, landscape if the
    columns do not fit, and a smaller text size only if even landscape is too narrow.
    """
    shown = {name: {shown_text(v) for v in values.get(name, ())} for name in columns}
    portrait = min(page.page_width, page.page_height) - page.left_margin - page.right_margin
    landscape = max(page.page_width, page.page_height) - page.left_margin - page.right_margin
    points = TABLE_PT
    while True:
        natural = [_natural(name, shown[name], points) for name in columns]
        total = sum(natural)
        for turned, room in ((False, portrait), (True, landscape)):
            if total <= room or (turned and points <= MIN_PT):
                scale = room / total if total and (stretch or total > room) else 1.0
                widths = tuple(int(w * scale) // TWIP * TWIP for w in natural)
                return TableLayout(tuple(columns), widths, points, turned)
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


def shown_text(value: object) -> str:
    """A cell's text; a number with spaces ("+1 416 555 0110") gets no-break spaces (its
    hyphens become no-break hyphens in the cell: ``_cell``)."""
    text = clean_text(value)
    if " " in text and _PHONE_LIKE.match(text):
        return text.replace(" ", "\u00a0")
    return text


def add_grid(doc: DocumentObject, rows: pd.DataFrame, layout: TableLayout) -> Table:
    """A table of ``rows``: fixed widths, a repeated header row, rows never split."""
    grid = doc.add_table(rows=1, cols=max(1, rows.shape[1]))
    grid.style = _table_style(doc)
    grid.autofit = False
    for column, width in zip(grid.columns, layout.widths, strict=False):
        column.width = Emu(width)
    _row_properties(grid.rows[0], header=True)
    for cell, name in zip(grid.rows[0].cells, layout.columns, strict=False):
        _cell(cell, name, layout, bold=True)
        _shade(cell, HEADER_FILL)
    for values_row in rows.itertuples(index=False):  # a document row per table row
        row = grid.add_row()
        _row_properties(row, header=False)
        for cell, value in zip(row.cells, values_row, strict=False):
            _cell(cell, shown_text(value), layout, bold=False)
    for row in grid.rows:
        for cell, width in zip(row.cells, layout.widths, strict=False):
            cell.width = Emu(width)
    return grid


def _cell(cell: object, text: str, layout: TableLayout, *, bold: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    text = clean_text(text)
    number = "-" in text and _PHONE_LIKE.match(text)
    run = paragraph.add_run("" if number else text)
    run.font.size = Pt(layout.points)
    run.bold = bold
    if number:  # 512-474-1000: Word's no-break hyphens, so no font width splits it
        for position, part in enumerate(text.split("-")):
            if position:
                run._r.append(OxmlElement("w:noBreakHyphen"))
            piece = OxmlElement("w:t")
            piece.text = part
            piece.set(qn("xml:space"), "preserve")
            run._r.append(piece)


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


def set_text(paragraph: Paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting."""
    text = clean_text(text)
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
