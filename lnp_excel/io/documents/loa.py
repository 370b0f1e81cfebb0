"""The Letter of Authorization as a Word document (L1-L5), one per ready account.

One page for up to about 40 numbers: the account's fields, the authorization sentence,
the signature, printed name and date lines, the sign-by date (L3), the bill-copy reminder
(L5), then the numbers to port (and those that stay, when the CSR is known) in a table of
four number columns laid out by the shared table code: the header row repeats on every
page, rows never split, and a number never breaks across lines. A PIN is never written (L2):
the letter's content (``core.loa.Letter``) has none to write.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Inches, Pt, RGBColor

from lnp_excel.core.errors import InputError
from lnp_excel.core.loa import FULL, PARTIAL, Letter, Letters
from lnp_excel.core.plan.accounts import btn_key
from lnp_excel.io.documents.tables import (
    add_grid,
    clean_text,
    fit_columns,
    same_path,
    save_document,
)
from lnp_excel.io.writers import safe_filename

NUMBER_COLUMNS = 4  # numbers side by side: 40 numbers are 10 rows
MARGIN = Inches(0.75)
BODY_PT = 10.5
LINE = "_" * 34
CHECKED, UNCHECKED = "\u2612", "\u2610"
_GREY = RGBColor(0x59, 0x59, 0x59)


def letter_file_name(letter: Letter) -> str:
    """``LOA_<carrier>_<account>.docx``, each part safe on every system."""
    carrier = safe_filename(letter.account.carrier, fallback="carrier")
    account = safe_filename(letter.account.account_number, fallback="account")
    return f"LOA_{carrier}_{account}.docx"


def shown_number(number: str) -> str:
    """A NANP number, written any way, as carriers print it (512-474-1000); others as given."""
    digits = btn_key(number)
    foreign = str(number).lstrip().startswith("+") and not str(number).lstrip().startswith("+1")
    if len(digits) != 10 or not digits.isdigit() or foreign:
        return str(number)
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def write_letters(
    letters: Letters,
    folder: str | Path,
    *,
    overwrite: bool = False,
    inputs: Sequence[Path] = (),
) -> list[Path]:
    """One .docx per letter in ``folder`` (L1). Letters already there are refused, none
    written, unless ``overwrite``; an input file is never replaced."""
    targets = letter_paths(letters, folder, overwrite=overwrite, inputs=inputs)
    return [
        save_document(letter_document(letter), path)
        for letter, path in zip(letters.letters, targets, strict=True)
    ]


def letter_paths(
    letters: Letters,
    folder: str | Path,
    *,
    overwrite: bool = False,
    inputs: Sequence[Path] = (),
) -> list[Path]:
    """Where each letter goes, or the InputError that refuses them all: known before
    anything is written (``plan --loa-dir`` asks before it writes the plan)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError("the letters go into a folder, and this is a file", file=str(folder))
    targets: list[Path] = []
    taken: set[str] = set()
    for letter in letters.letters:
        name = letter_file_name(letter)
        stem, count = name[: -len(".docx")], 1
        while name.casefold() in taken:  # same carrier and account, another BTN or person
            count += 1
            name = f"{stem} ({count}).docx"
        taken.add(name.casefold())
        targets.append(folder / name)
    for path in targets:
        if any(same_path(path, source) for source in inputs):
            raise InputError(f"the letter {path.name} would replace an input file", file=str(path))
    existing = [path.name for path in targets if path.exists()]
    if existing and not overwrite:
        shown = ", ".join(existing[:5]) + (
            f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        )
        raise InputError(
            f"letters already in {folder}: {shown}; move them away first (the command "
            "line replaces them with --overwrite)",
            file=str(folder),
        )
    return targets


def letter_document(letter: Letter) -> DocumentObject:
    """The letter, laid out for the customer who signs it (L2)."""
    doc = Document()
    _page(doc)
    account = letter.account
    title = doc.add_paragraph()
    run = title.add_run("Letter of Authorization")
    run.bold, run.font.size = True, Pt(18)
    title.paragraph_format.space_after = Pt(0)
    _line(
        doc,
        f"to port telephone numbers from {account.carrier} to {letter.provider}",
        size=11,
        grey=True,
    )
    _line(doc, f"Prepared {long_date(letter.prepared)}", size=9, grey=True, after=8)
    _fields(doc, letter)
    _line(doc, letter.authorization, before=8, after=6)
    _signature(doc, letter)
    sign_by = (
        f"Please sign, date and return this letter by {long_date(letter.sign_by)}. Carriers "
        f"accept a letter signed within the last {(letter.sign_by - letter.prepared).days} days."
    )
    _line(doc, sign_by, bold=True, before=6)
    if letter.bill_copy:
        _line(doc, letter.bill_copy, bold=True, before=2)
    _numbers(doc, f"Numbers to port ({len(account.numbers)})", account.numbers)
    if letter.staying:
        heading = f"Numbers that stay with {account.carrier} ({len(letter.staying)})"
        _numbers(doc, heading, letter.staying)
    return doc


def _page(doc: DocumentObject) -> None:
    for section in doc.sections:
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(2)


def _line(
    doc: DocumentObject,
    text: str,
    *,
    size: float | None = None,
    bold: bool = False,
    grey: bool = False,
    before: float = 0,
    after: float = 2,
) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(clean_text(text))
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if grey:
        run.font.color.rgb = _GREY
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)


def _fields(doc: DocumentObject, letter: Letter) -> None:
    """The account as the losing carrier has it: one label and value per row (L2)."""
    account = letter.account
    address = account.street
    place = " ".join(
        p for p in (f"{account.city}," if account.city else "", account.state, account.zip) if p
    )
    if place.strip(","):
        address = f"{address}\n{place.rstrip(',')}"
    person = account.authorized_name + (
        f", {account.authorized_title}" if account.authorized_title else ""
    )
    rows: list[tuple[str, str]] = [
        # L4: a name the list does not give is a line to fill in, never a made-up value
        ("Customer / business name", account.customer_name or f"{LINE}\n(as on the bill)"),
        ("Service address", address),
        ("Losing carrier", account.carrier),
        ("Account number", account.account_number),
        ("Billing telephone number (BTN)", shown_number(account.btn)),
    ]
    if letter.new_btn_line:
        hint = "one of the numbers that stay"
        if not letter.new_btn_needed:
            hint += ", only if numbers stay on the account"
        rows.append(("New BTN for the numbers that stay", f"{LINE}\n({hint})"))
    rows += [
        ("Authorized person", person),
        ("Gaining provider", letter.provider),
        ("Port type", _port_type(letter)),
        ("Our reference", ", ".join(account.requests)),
    ]
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Inches(2.9), Inches(4.1))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for label, value in rows:
        cells = table.add_row().cells
        for cell, text, width in zip(cells, (label, value), widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_before = Pt(1)
            paragraph.paragraph_format.space_after = Pt(1)
            lines = text.split("\n")
            for position, part in enumerate(lines):
                run = paragraph.add_run(clean_text(part))
                run.bold = text is label
                if position < len(lines) - 1:
                    run.add_break()


def _port_type(letter: Letter) -> str:
    carrier = letter.account.carrier
    full = f"Full port: every number on the account moves; the {carrier} account closes"
    partial = "Partial port: other numbers stay on the account"
    if letter.port_type == FULL:
        return f"{CHECKED} {full}"
    if letter.port_type == PARTIAL:
        return f"{CHECKED} {partial} (listed below)"
    return f"{UNCHECKED} {full}\n{UNCHECKED} {partial}"


def _signature(doc: DocumentObject, letter: Letter) -> None:
    """Lines for signature, printed name, title and date (L2), two per row."""
    table = doc.add_table(rows=2, cols=2)
    table.autofit = False
    labels = (("Authorized signature", "Date"), ("Printed name", "Title"))
    for row, pair in zip(table.rows, labels, strict=True):
        for cell, label in zip(row.cells, pair, strict=True):
            cell.width = Inches(3.5)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_before = Pt(14)
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.add_run(LINE)
            caption = cell.add_paragraph()
            caption.paragraph_format.space_after = Pt(0)
            run = caption.add_run(label)
            run.font.size = Pt(8.5)
            run.font.color.rgb = _GREY


def _numbers(doc: DocumentObject, heading: str, numbers: Sequence[str]) -> None:
    """The attachment table: numbers in up to NUMBER_COLUMNS columns, row by row, each
    with its position in the list (1, 2, 3, 4 on the first row)."""
    title = doc.add_paragraph()
    run = title.add_run(clean_text(heading))
    run.bold, run.font.size = True, Pt(11.5)
    title.paragraph_format.space_before = Pt(10)
    title.paragraph_format.keep_with_next = True
    shown = [shown_number(n) for n in numbers]
    blocks = max(1, min(NUMBER_COLUMNS, len(shown)))  # no empty columns for a short list
    height = max(1, math.ceil(len(shown) / blocks))
    columns: dict[str, list[str]] = {}
    names: list[str] = []
    for block in range(blocks):  # numbers run across each row, then the next row, so a
        # page break never interleaves the order
        part = shown[block::blocks]
        count = [str(block + 1 + i * blocks) for i in range(len(part))]
        pad = [""] * (height - len(part))
        names += [f"#{' ' * block}", f"Number{' ' * block}"]
        columns[names[-2]] = count + pad
        columns[names[-1]] = part + pad
    frame = pd.DataFrame(columns, columns=names)
    layout = fit_columns(names, columns, doc.sections[0])
    add_grid(doc, frame, layout).alignment = WD_TABLE_ALIGNMENT.CENTER
