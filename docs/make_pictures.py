"""Render the README pictures from the real workbooks: run actions headless, LibreOffice to
PDF, pdftoppm to PNG, crop to the content. Needs soffice, pdftoppm and pillow (dev only).

    python docs/make_pictures.py            # every picture
    python docs/make_pictures.py --letter   # only the Letter of Authorization
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

REPO = Path(__file__).resolve().parents[1]
SHOTS = (  # workbook, action, sheet index in the PDF (1-based page), picture, width share
    ("Port_Planner", "plan", "Request", "planner_requests.png", 0.575),
    ("CSR_Template", "csr-all", "Phone Number", "csr_corrected.png", 1.0),
)


def page_starting_with(pdf: Path, text: str) -> int:
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    for page in range(2, pages + 1):
        first = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if first.startswith(text):
            return page
    raise SystemExit(f"no page of {pdf.name} starts with {text!r}")


def document_picture(work: Path) -> None:
    """Page 1 of a C9 Word document made from the sample CSR, as a customer sees it."""
    samples = REPO / "samples" / "csr"
    cli = [sys.executable, "-m", "lnp_excel.cli.main", "csr"]
    subprocess.run(
        [*cli, "fix", str(samples / "csr_export.csv"), "--customer", "Acme Dental",
         "--port-orders", str(samples / "port_orders.csv"), "--billing-address",
         "100 Congress Ave, Austin, TX 78701", "-o", str(work), "--no-review"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [*cli, "doc", str(work / "8x8_Acme Dental_CSR.csv"), "-o", str(work / "docs")],
        check=True, capture_output=True,
    )  # fmt: skip
    first_page(work / "docs" / "8x8_Acme Dental_CSR_Onvoy_ LLC.docx", work, "csr_document.png")


def first_page(document: Path, work: Path, picture: str) -> None:
    """Page 1 of a Word document, rendered by LibreOffice, framed, into docs/images."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(work), str(document)],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        ["pdftoppm", "-r", "110", "-png", "-singlefile", "-f", "1", "-l", "1",
         str(work / f"{document.stem}.pdf"), str(work / "first_page")],
        check=True,
    )  # fmt: skip
    page = Image.open(work / "first_page.png").convert("RGB")
    ImageOps.expand(page, border=2, fill="#999999").save(
        REPO / "docs" / "images" / picture, optimize=True
    )
    print(f"wrote docs/images/{picture}")


def letter_picture(work: Path) -> None:
    """The AT&T Letter of Authorization of the sample list with its CSR (L1-L5), page 1."""
    subprocess.run(
        [sys.executable, "-m", "lnp_excel.cli.main", "loa", str(REPO / "samples" /
         "customer_loa.csv"), "--submit-date", "2026-12-07", "--csr",
         str(REPO / "samples" / "csr_att.csv"), "-o", str(work / "letters")],
        check=True, capture_output=True,
    )  # fmt: skip
    first_page(work / "letters" / "LOA_AT&T_A-100.docx", work, "loa_letter.png")


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        letter_picture(work)
        if sys.argv[1:] == ["--letter"]:
            return 0
        document_picture(work)
        for name, action, heading, picture, share in SHOTS:
            book = work / f"{name}.xlsm"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "lnp_excel.cli.main",
                    "run",
                    str(REPO / "workbooks" / f"{name}.xlsm"),
                    action,
                    "-o",
                    str(book),
                ],
                check=True,
                capture_output=True,
            )
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{work}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(book),
                ],
                check=True,
                capture_output=True,
            )
            pdf = work / f"{name}.pdf"
            page = page_starting_with(pdf, heading)
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "180",
                    "-png",
                    "-singlefile",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    str(pdf),
                    str(work / "page"),
                ],
                check=True,
            )
            image = Image.open(work / "page.png").convert("RGB")
            left, top, right, bottom = ImageOps.invert(image).getbbox()
            right = int(left + (right - left) * share)
            image.crop((left - 10, top - 10, right + 10, bottom + 10)).save(
                REPO / "docs" / "images" / picture, optimize=True
            )
            print(f"wrote docs/images/{picture}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
