"""C9: one document per carrier, sorted by address, one section per address (C4b), laid
out so a customer can read it; the .docx files are written and read back."""

from __future__ import annotations

import docx
import pandas as pd
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from lnp_excel.core.csr.document import NO_ADDRESS, carrier_documents
from lnp_excel.io.csr_files import read_csr, write_csr_documents
from lnp_excel.io.documents.tables import TABLE_PT
from lnp_excel.io.documents.tables import text_width as text_width_of
from tests.core.csr.support import write_csv

CSR = """Phone Number,Carrier,Address,City,PIN
2125550100,Onvoy LLC,9 Zeta St,Austin,8x82125
2125550101,Bandwidth,2 Beta Ave,Austin,
2125550102,onvoy llc ,1 alpha Rd,Austin,8x82125
2125550103,Onvoy LLC,9 Zeta St,Austin,8x82125
2125550104,Bandwidth,,,
"""


def test_documents_per_carrier_sections_per_address(tmp_path):
    table = read_csr(write_csv(tmp_path / "8x8_Acme_CSR.csv", CSR)).frame
    documents = carrier_documents(table)
    assert [d.carrier for d in documents] == ["Bandwidth", "Onvoy LLC"]
    bandwidth, onvoy = documents
    assert [s.address for s in onvoy.sections] == ["1 alpha Rd, Austin", "9 Zeta St, Austin"]
    assert list(onvoy.sections[1].rows["Phone Number"]) == ["2125550100", "2125550103"]
    assert list(onvoy.sections[0].rows.columns) == ["Phone Number", "PIN"]
    assert [s.address for s in bandwidth.sections] == ["2 Beta Ave, Austin", NO_ADDRESS]
    assert sum(d.numbers for d in documents) == len(table)


# --- C4b sections and the document a customer reads (C9) ------------------------------------

SEVERAL_WAYS = """\
Phone Number,Carrier,Account Number,Billing Telephone Number,Address,City,State,Zip,PIN
2125550100,Bandwidth,4471920,2125550100,100 Congress Ave,Austin,TX,78701,
2125550101,Bandwidth,4471920,2125550100,100 CONGRESS AVENUE,AUSTIN,Texas,78701-1234,
2125550102,Bandwidth,4471920,2125550100,2200 S Lamar Blvd,Austin,TX,78704,
2125550103,Bandwidth,4471920,2125550100,100 Congress Ave.,Austin,TX,78701,
2125550104,Bandwidth,4471920,2125550100,2200 South Lamar Boulevard,Austin,TX,78704,
"""


def test_the_same_address_written_several_ways_is_one_section(tmp_path):
    table = read_csr(write_csv(tmp_path / "csr.csv", SEVERAL_WAYS)).frame
    (document,) = carrier_documents(table)
    # headed with the first spelling met, as the source wrote it (C4b: text unchanged)
    assert [s.address for s in document.sections] == [
        "100 Congress Ave, Austin, TX 78701",
        "2200 S Lamar Blvd, Austin, TX 78704",
    ]
    first, second = document.sections
    assert list(first.rows["Phone Number"]) == ["2125550100", "2125550101", "2125550103"]
    assert list(second.rows["Phone Number"]) == ["2125550102", "2125550104"]


def _words_of(path):
    return docx.Document(str(path))


def test_word_tables_repeat_the_header_keep_rows_whole_and_fit_the_numbers(tmp_path):
    rows = ["Phone Number,Country,Carrier,Account Number,Authorized First Name,"
            "Authorized Last Name,Billing Telephone Number,Address,City,State,Zip,PIN"]  # fmt: skip
    for n in range(120):  # enough rows for several pages
        rows.append(
            f"21255501{n:02d},US,Bandwidth,4471920,Dana,Reyes,2125550100,"
            f"{100 + n % 3} Congress Ave,Austin,TX,78701,"
        )
    rows.append("+1 416 555 0110,CA,Bandwidth,4471920,Dana,Reyes,+1 416 555 0110,,,,,")
    source = write_csv(tmp_path / "8x8_Acme_CSR.csv", "\n".join(rows) + "\n")
    table = read_csr(source).frame
    (path,) = write_csr_documents(table, tmp_path / "docs", customer="Acme", inputs=[source])
    doc = _words_of(path)
    assert len(doc.tables) == 4  # one section per address, and one without
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    for grid in doc.tables:
        header, *body = grid.rows
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in grid.rows)
        widths = [column.width for column in grid.columns]
        assert sum(widths) <= text_width
        names = [cell.text for cell in header.cells]
        for row in body:
            for name, cell, width in zip(names, row.cells, widths, strict=True):
                # every value fits its column on one line (numbers never break) ...
                assert text_width_of(cell.text, TABLE_PT) <= width, (name, cell.text)
        for name, width in zip(names, widths, strict=True):
            # ... and no header word is split
            assert max(text_width_of(w, TABLE_PT, bold=True) for w in name.split()) <= width
    # seven columns of numbers and names do not fit a portrait page: landscape
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    spaced = [c.text for t in doc.tables for r in t.rows for c in r.cells if "416" in c.text]
    assert spaced[0] == "+1\u00a0416\u00a0555\u00a00110"  # no-break spaces inside a number


def test_a_narrow_csr_stays_portrait(tmp_path):
    source = write_csv(
        tmp_path / "8x8_Acme_CSR.csv",
        "Phone Number,Carrier,Address,PIN\n2125550100,Bandwidth,1 Main St,\n",
    )
    (path,) = write_csr_documents(read_csr(source).frame, tmp_path, customer="Acme")
    section = _words_of(path).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT and section.page_width < section.page_height


def test_a_control_character_in_a_cell_does_not_stop_the_document(tmp_path):
    """Issue 18, item 14: "AT&T\\x01" (a stray control character from a customer's file) is
    not allowed in a document's XML; the writer drops it instead of failing (C9)."""

    table = pd.DataFrame(
        {
            "Phone Number": ["2125550100", "2125550101"],
            "Carrier": ["AT&T\x01", "AT&T\x01"],
            "Address": ["1 Main\x0bSt", "1 Main\x0bSt"],
            "Notes": ["line\x00one\ttwo", "\x1f"],
        }
    )
    (path,) = write_csr_documents(table, tmp_path, customer="Acme\x02 Dental")
    doc = _words_of(path)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "lineone two" in cells and "2125550101" in cells
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "AT&T" in text and "Acme Dental" in text and "\x01" not in text
    assert "Service address: 1 Main St" in text
