"""L1-L5 in the Word letters: each .docx written, read back with python-docx and checked
field by field and number by number against the list it came from; no PIN anywhere in
the document's XML; the attachment table's header repeats and rows never split."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from lnp_excel.core.errors import InputError
from lnp_excel.core.loa import letters_of_authorization
from lnp_excel.core.plan.accounts import account_key, btn_key
from lnp_excel.io.documents.loa import write_letters
from lnp_excel.io.documents.tables import TABLE_PT, text_width
from lnp_excel.io.tables import read_table

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "customer_loa.csv"


def list_rows(path: Path = SAMPLE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = handle.read().splitlines()[1:]  # a title row above the header
    return list(csv.DictReader(lines))


def fields_of(document: docx.document.Document) -> dict[str, str]:
    """The letter's label -> value table (the first table)."""
    return {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}


def numbers_of(table) -> list[str]:
    header, *body = table.rows
    labels = [cell.text.strip() for cell in header.cells]
    return [
        cell.text
        for row in body
        for label, cell in zip(labels, row.cells, strict=True)
        if label == "Number" and cell.text
    ]


def digits(text: str) -> str:
    return btn_key(text)


@pytest.fixture
def letters_folder(tmp_path: Path) -> Path:
    letters = letters_of_authorization(read_table(SAMPLE).frame, submit_date="2026-12-07")
    written = write_letters(letters, tmp_path / "loa")
    assert len(written) == len(letters.letters) == 3
    return tmp_path / "loa"


def test_every_field_and_number_matches_the_list(letters_folder: Path) -> None:
    """L1, L2, L3: for each letter, the list's rows of that carrier account (any spelling
    of BTN, account and address) are exactly the numbers in its table, each once; the
    name, address, BTN, account, person and title are the list's."""
    rows = list_rows()
    files = sorted(p.name for p in letters_folder.iterdir())
    assert files == [
        "LOA_AT&T_A-100.docx",
        "LOA_Comcast Business_8155-30-001.docx",
        "LOA_Verizon Wireless_880012.docx",
    ]
    for path in letters_folder.iterdir():
        document = docx.Document(str(path))
        fields = fields_of(document)
        account = fields["Account number"]
        mine = [r for r in rows if account_key(r["Account #"]) == account_key(account)]
        first = next(r for r in mine if r["Authorized Name"])
        assert fields["Customer / business name"] == "Acme Dental LLC"
        assert fields["Billing telephone number (BTN)"] == "{}-{}-{}".format(
            *re.match(r"(\d{3})(\d{3})(\d{4})", btn_key(first["BTN"])).groups()
        )
        assert account == first["Account #"]
        street, place = first["Service Address"].split(", ", 1)
        assert fields["Service address"] == f"{street}\n{place}"
        person = fields["Authorized person"]
        assert person.startswith(first["Authorized Name"])
        assert fields["Gaining provider"] == "8x8, Inc."
        listed = numbers_of(document.tables[-1])
        assert sorted(digits(n) for n in listed) == sorted(digits(r["Phone Number"]) for r in mine)
        assert len(set(listed)) == len(listed)
        text = "\n".join(p.text for p in document.paragraphs)
        assert f"Numbers to port ({len(mine)})" in text
        assert "by January 6, 2027" in text  # L3: 30 days after December 7, 2026
        assert "Authorized signature" in _all_text(document) and "Printed name" in _all_text(
            document
        )
    att = docx.Document(str(letters_folder / "LOA_AT&T_A-100.docx"))
    assert fields_of(att)["Authorized person"] == "Dana Reyes, Office Manager"
    assert fields_of(att)["Our reference"] == "SS-512474-ATT-01, SS-512555-ATT-01"
    comcast = docx.Document(str(letters_folder / "LOA_Comcast Business_8155-30-001.docx"))
    assert "copy of a recent bill" in "\n".join(p.text for p in comcast.paragraphs)  # L5
    assert "copy of a recent bill" not in "\n".join(p.text for p in att.paragraphs)


def _all_text(document) -> str:
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_no_pin_anywhere_in_the_document_xml(letters_folder: Path) -> None:
    """L2: the list's Transfer PIN (4321) is in no part of any letter."""
    pins = {r["Transfer PIN"] for r in list_rows() if r["Transfer PIN"]}
    assert pins == {"4321"}
    for path in letters_folder.iterdir():
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                xml = archive.read(name).decode("utf-8", errors="replace")
                assert not any(pin in xml for pin in pins), (path.name, name)
        assert not re.search(r"\b(PIN|passcode)\b", _all_text(docx.Document(str(path))), re.I)


def test_long_lists_repeat_the_header_and_fit_numbers_on_one_line(tmp_path: Path) -> None:
    """L1 layout like C9: 40 numbers are 10 rows; the header repeats on every page, rows
    never split, a number fits its column on one line."""
    frame = pd.DataFrame(
        {
            "Phone Number": [f"(212) 555-{n:04d}" for n in range(100, 240)],
            "Carrier": "Verizon",
            "BTN": "212-555-0100",
            "Account Number": "V 77",
            "Service Address": "1 Main St, New York, NY 10001",
            "Authorized Name": "Ana Lopez\x01",  # a control character from the customer's file
        }
    )
    letters = letters_of_authorization(frame, submit_date="2026-12-07")
    (path,) = write_letters(letters, tmp_path)
    document = docx.Document(str(path))
    table = document.tables[-1]
    header, *body = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    assert len(body) == 35 and len(numbers_of(table)) == 140
    # read row by row, the numbers are in order, so a page break never mixes the order
    assert numbers_of(table) == [f"212-555-{n:04d}" for n in range(100, 240)]
    widths = [column.width for column in table.columns]
    for row in body:
        for cell, width in zip(row.cells, widths, strict=True):
            assert text_width(cell.text, TABLE_PT) <= width
    assert fields_of(document)["Authorized person"] == "Ana Lopez"


def test_not_ready_accounts_get_no_letter_and_existing_letters_are_kept(tmp_path: Path) -> None:
    """L4: the Frontier account (no BTN, nobody to sign) has no file; a second run refuses
    to replace the letters unless asked."""
    listed = tmp_path / "list.csv"
    listed.write_text(
        SAMPLE.read_text(encoding="utf-8")
        + '512-474-2001,Frontier,Acme Dental LLC,,F-77,"500 Oak Rd, Austin, TX 78704",,,,\n',
        encoding="utf-8",
    )
    letters = letters_of_authorization(read_table(listed).frame, submit_date="2026-12-07")
    assert [(a.carrier, a.missing) for a in letters.not_ready] == [
        ("Frontier", ("authorized person", "BTN"))
    ]
    written = write_letters(letters, tmp_path / "loa")
    assert not any("Frontier" in p.name for p in written)
    before = written[0].read_bytes()
    with pytest.raises(InputError, match="letters already in .*--overwrite"):
        write_letters(letters, tmp_path / "loa")
    assert written[0].read_bytes() == before
    assert write_letters(letters, tmp_path / "loa", overwrite=True) == written


def test_with_csr_records_the_letter_lists_the_numbers_that_stay(tmp_path: Path) -> None:
    """L1, L2, R8: a partial port ticked, its staying numbers in their own table, and the
    new-BTN line because the BTN ports while numbers stay."""
    csr = pd.DataFrame(
        {
            "carrier": "AT&T",
            "account_number": "A-100",
            "btn": "5124741000",
            "number": ["5124741000", "5124741001", "5124741002", "5125550142", "5124741050"],
        }
    )
    letters = letters_of_authorization(read_table(SAMPLE).frame, submit_date="2026-12-07", csr=csr)
    written = write_letters(letters, tmp_path)
    document = docx.Document(str(next(p for p in written if "AT&T" in p.name)))
    fields = fields_of(document)
    assert fields["Port type"].startswith("\u2612 Partial port")
    assert fields["New BTN for the numbers that stay"].startswith("____")
    ported, staying = document.tables[-2], document.tables[-1]
    assert numbers_of(staying) == ["512-474-1050"] and len(numbers_of(ported)) == 4
    assert "Numbers that stay with AT&T (1)" in "\n".join(p.text for p in document.paragraphs)
