"""C9 through `lnp-excel csr doc` on the review workbook (issue 18): the document shows
the CSR's columns only (never the review's Row, Review flags or notes, never Origin) and
names the customer from the file name without this package's suffixes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from lnp_excel.cli.main import main
from lnp_excel.core.settings import Settings
from lnp_excel.io.csr_files import customer_from_file_name


def run(*argv: object) -> int:
    return main([str(a) for a in argv])


def headers(path: Path) -> list[list[str]]:
    document = docx.Document(str(path))
    return [[cell.text for cell in table.rows[0].cells] for table in document.tables]


def texts(path: Path) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]


@pytest.fixture
def fixed(tmp_path) -> Path:
    """A CSR export with its own `Row` and `Notes` columns, fixed with a review workbook."""
    source = tmp_path / "export.csv"
    source.write_text(
        "Row,Phone Number,Country,Carrier,Account Number,Address,Notes\n"
        '7,5035550181,US,Lumen,PX-1,"9 Pine St, Portland, OR 97204",call first\n'
        '8,5035550182,US,Onvoy LLC,PX-1,"9 Pine St, Portland, OR 97204",\n'
        "9,5035550183,US,Lumen,PX-1,,\n",
        encoding="utf-8",
    )
    folder = tmp_path / "out"
    assert run("csr", "fix", source, "--customer", "Pine & Co", "-o", folder) == 0
    return folder


def test_doc_from_the_review_workbook_equals_doc_from_the_csv(fixed, tmp_path, capsys):
    review = fixed / "8x8_Pine & Co_CSR_review.xlsx"
    assert run("csr", "doc", review, "-o", tmp_path / "from_review") == 0
    assert run("csr", "doc", fixed / "8x8_Pine & Co_CSR.csv", "-o", tmp_path / "from_csv") == 0
    from_review = sorted(p.name for p in (tmp_path / "from_review").glob("*.docx"))
    from_csv = sorted(p.name for p in (tmp_path / "from_csv").glob("*.docx"))
    assert (
        from_review
        == from_csv
        == ["8x8_Pine & Co_CSR_Lumen.docx", "8x8_Pine & Co_CSR_Onvoy LLC.docx"]
    )
    for name in from_review:
        shown = headers(tmp_path / "from_review" / name)
        assert shown == headers(tmp_path / "from_csv" / name)
        for header in shown:
            assert "Row (lnp)" not in header and "Review flags" not in header
            assert "Notes" not in header and not any(h.startswith("Customer:") for h in header)
            assert "Row" in header  # the customer's own column named Row stays
    assert "Customer: Pine & Co" in texts(tmp_path / "from_review" / from_review[0])


@pytest.mark.parametrize(
    ("name", "customer"),
    [
        ("8x8_Pine & Co_CSR.csv", "Pine & Co"),
        ("8x8_Pine & Co_CSR_review.xlsx", "Pine & Co"),
        ("8x8_Pine & Co_CSR (2).csv", "Pine & Co"),
        ("8x8_Pine & Co_CSR_review (1).xlsx", "Pine & Co"),
        ("pine_export.xlsx", None),
        ("8x8__CSR.csv", None),
    ],
)
def test_customer_read_from_the_file_name_without_our_suffixes(name, customer):
    """C8 read backwards: the CSR's name and its review workbook's name give the customer."""
    assert customer_from_file_name(name, Settings()) == customer


def test_a_csr_with_row_and_row_lnp_columns_keeps_both_and_its_documents(tmp_path):
    """Issue 18 item 13 on the CSR side: an export that already has `Row` and `Row (lnp)`
    (and `Review flags`) gets the review's own columns under free names (one naming rule,
    ``core.columns.free_name``), and its documents still show the CSR's columns only."""
    source = tmp_path / "export.csv"
    source.write_text(
        "Row,Row (lnp),Phone Number,Country,Carrier,Address,Review flags\n"
        '1,a,5035550181,US,Lumen,"9 Pine St, Portland, OR 97204",mine\n'
        '2,b,5035550182,US,Lumen,"9 Pine St, Portland, OR 97204",\n',
        encoding="utf-8",
    )
    folder = tmp_path / "out"
    assert run("csr", "fix", source, "--customer", "Pine", "-o", folder) == 0
    review = folder / "8x8_Pine_CSR_review.xlsx"
    assert run("csr", "doc", review, "-o", tmp_path / "docs") == 0
    (document,) = (tmp_path / "docs").glob("*.docx")
    shown = {header for table in headers(document) for header in table}
    assert {"Row", "Row (lnp)", "Phone Number"} <= shown  # the customer's own columns
    assert not {"Row (lnp 2)", "Review flags (lnp)"} & shown  # never the review's
