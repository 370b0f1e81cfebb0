"""Issue 18 item 11: Requests, Numbers and the CSR review print legibly (X4).

The print setup is described once (``SheetLayout.printing``): landscape legal, the header
row on every page and, for a sheet too wide for one page at 70%, as many pages across as
it needs with its first column repeated. The command line's XlsxWriter file and a
button's sheet (the openpyxl adapter here; the xlwings one in test_sheet_formats) are
rendered by LibreOffice to PDF, and the text on every page is measured: 70% or more of
its size on an unscaled page, and page 2 of a wide sheet starts with its first column.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main
from lnp_excel.excel.actions.planner import OUTPUT_SHEETS
from lnp_excel.io.sheet_layout import (
    MARGINS,
    MIN_PRINT_SCALE,
    PAGE_INCHES,
    PrintSetup,
    column_points,
    print_setup,
)
from tests.excel.test_libreoffice import soffice

ROOT = Path(__file__).parents[2]


def test_a_narrow_sheet_prints_one_page_wide() -> None:
    assert print_setup([20, 30, 40], [], 0.0) == PrintSetup()


def test_a_wide_sheet_goes_across_pages_at_70_percent_or_more() -> None:
    widths = [30, *[18] * 25]  # a customer list with many columns
    setup = print_setup(widths, [], 0.0)
    assert setup.pages_wide > 1 and setup.title_columns == 1 and setup.across_first
    # The fewest pages that hold the columns at MIN_PRINT_SCALE, the first on each.
    printable = (PAGE_INCHES[0] - MARGINS[0] - MARGINS[1]) * 72
    total = sum(map(column_points, widths)) + column_points(30) * (setup.pages_wide - 1)
    assert total * MIN_PRINT_SCALE <= printable * setup.pages_wide
    assert MIN_PRINT_SCALE >= 0.7


def test_a_chart_beside_the_table_counts_toward_the_width() -> None:
    assert print_setup([20, 20], [40, 14], 2000.0).pages_wide > 1


def _pdf(workbook: Path, folder: Path) -> Path:
    profile = folder / "profile"
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / f"{workbook.stem}.pdf"


def _pages(pdf: Path) -> list[list[tuple[float, str]]]:
    """Per page: (height in points, text) of each word, from pdftotext's boxes."""
    text = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for page in text.split("<page ")[1:]:
        words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', page)
        pages.append([(float(b) - float(a), word) for a, b, word in words])
    return pages


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    folder = tmp_path_factory.mktemp("print")
    plan = folder / "plan.xlsx"
    source = ROOT / "samples" / "customer_accounts.csv"
    assert main(["plan", str(source), "-o", str(plan)]) == 0
    review = folder / "csr"
    csr = ROOT / "samples" / "csr" / "csr_export.csv"
    assert main(["csr", "fix", str(csr), "--customer", "Tern Labs", "-o", str(review)]) == 0
    button = folder / "button.xlsm"
    template = ROOT / "workbooks" / "Port_Planner.xlsm"
    assert main(["run", str(template), "plan", "-o", str(button)]) == 0
    # Only the sheets the button wrote through the layout: the template's own sheets
    # (Start, Input, Functions, ...) keep the print setup they were built with.
    book = openpyxl.load_workbook(button)
    for name in book.sheetnames:
        if name not in OUTPUT_SHEETS:
            del book[name]
    button = folder / "button_outputs.xlsx"
    book.save(button)
    return {
        "cli": _pages(_pdf(plan, folder)),
        "csr": _pages(_pdf(review / "8x8_Tern Labs_CSR_review.xlsx", folder)),
        "button": _pages(_pdf(button, folder)),
    }


@pytest.mark.parametrize("which", ["cli", "csr", "button"])
def test_every_printed_page_reads_at_70_percent_or_more(rendered, which: str) -> None:
    pages = [page for page in rendered[which] if page]
    # A page's body text is its most common word height (a chart title is larger); the
    # largest of those is the body text of a page printed unscaled (Settings, Checklist).
    body = [statistics.mode(round(height, 1) for height, _ in page) for page in pages]
    full = max(body)
    for number, height in enumerate(body, start=1):
        assert height >= 0.7 * full, (which, number, height / full)


def test_the_pages_of_a_wide_sheet_repeat_its_first_column(rendered) -> None:
    starts = [page[0][1] for page in rendered["cli"] if page]
    requests = [i for i, word in enumerate(starts) if word == "Request"]
    assert len(requests) >= 2  # Requests of 21 columns: several pages, each from Request
    review = [page[0][1] for page in rendered["csr"] if page]
    assert review.count("Row") >= 2
