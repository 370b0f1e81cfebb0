"""`lnp-excel csr ...` on the shipped samples and on files written here; outputs re-read."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import docx
import pandas as pd
import pytest
from openpyxl import load_workbook

from lnp_excel.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "csr"
BILLING = "100 Congress Ave, Austin, TX 78701"


def run(*argv: object) -> int:
    """`lnp-excel csr ...`, in this process: the real entry point and its error handler."""
    return main([str(a) for a in argv])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_out(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture
def samples(tmp_path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    return folder


def test_fix_on_the_shipped_sample(samples, tmp_path, capsys):
    source = samples / "csr_export.csv"
    before = digest(source)
    code = run(
        "csr",
        "fix",
        source,
        "--customer",
        "Acme Dental",
        "--port-orders",
        samples / "port_orders.csv",
        "--billing-address",
        BILLING,
        "--carrier-lookup",
        samples / "carrier_lookup.csv",
        "--address-matrix",
        samples / "address_matrix.csv",
        "-o",
        tmp_path / "out",
    )
    assert code == 0
    assert digest(source) == before  # the input is never modified
    out = tmp_path / "out"
    csv_path = out / "8x8_Acme Dental_CSR.csv"
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # what Excel opens right
    customer = read_out(csv_path)
    original = pd.read_csv(source, dtype=str, keep_default_na=False)
    assert len(customer) == len(original) == 200  # row count in = row count out
    assert list(customer.columns) == list(original.columns)
    assert not customer.isin(["null", "NULL", "Null"]).any().any()  # C2
    non_us = customer[customer["Country"] != "US"]
    assert len(non_us) == 9 and (non_us[["Address", "City", "State", "Zip"]] == "").all().all()
    assert (customer.loc[customer["Carrier"] == "Onvoy, LLC", "PIN"] == "8x82125").all()
    assert (customer.loc[customer["Carrier"] == "Bandwidth", "PIN"] == "").all()
    assert "12 Nullarbor Rd" in set(customer["Address"])
    printed = capsys.readouterr().out
    assert "9 non-US addresses cleared" in printed and "rows flagged" in printed

    book = load_workbook(out / "8x8_Acme Dental_CSR_review.xlsx")
    assert book.sheetnames == ["CSR", "Changes", "Flags", "Settings"]
    changes = pd.DataFrame(book["Changes"].values)
    assert list(changes.iloc[0]) == ["Row", "Column", "Old", "New", "Rule"]
    flags = pd.DataFrame(book["Flags"].values)
    assert list(flags.iloc[0]) == ["Row", "Flag", "Next step", "Rule"]
    sheet = book["CSR"]
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "Row" and "Review flags" in header
    # a changed cell is highlighted: the first non-US row's Address (C3)
    first_non_us = int(non_us.index[0])
    address_cell = sheet.cell(row=first_non_us + 2, column=header.index("Address") + 1)
    assert address_cell.fill.fgColor.rgb.endswith("FFEB9C")
    row_cell = sheet.cell(row=first_non_us + 2, column=1)
    assert row_cell.value == first_non_us + 2  # the input's sheet row
    assert row_cell.fill.fgColor.rgb.endswith("FFC7CE")  # flagged


def test_fix_neutralizes_formulas_and_drops_internal_columns(tmp_path):
    source = tmp_path / "csr.csv"
    source.write_text(
        "Phone Number,Country,Carrier,Address,Notes,Origin\n"
        '2125550100,US,Bandwidth,"=HYPERLINK(""http://x"",""y"")",call back,ported\n',
        encoding="utf-8",
    )
    assert run("csr", "fix", source, "--customer", "Acme", "-o", tmp_path, "--no-review") == 0
    customer = read_out(tmp_path / "8x8_Acme_CSR.csv")
    assert list(customer.columns) == [
        "Phone Number",
        "Country",
        "Carrier",
        "Address",
        "PIN",
        "Billing Telephone Number",
    ]
    assert customer.loc[0, "Address"] == '\'=HYPERLINK("http://x","y")'
    assert not (tmp_path / "8x8_Acme_CSR_review.xlsx").exists()


def test_unsafe_customer_name_is_made_safe(samples, tmp_path):
    out = tmp_path / "out"
    assert (
        run(
            "csr",
            "fix",
            samples / "csr_export.csv",
            "--customer",
            "../../etc/pa:ss*",
            "-o",
            out,
            "--no-review",
        )
        == 0
    )
    written = [p.name for p in out.iterdir()]
    assert len(written) == 1
    assert written[0].startswith("8x8_") and written[0].endswith("_CSR.csv")
    assert "/" not in written[0] and ".." not in written[0] and ":" not in written[0]
    assert not (tmp_path / "etc").exists()


def test_output_over_the_input_is_refused(tmp_path, capsys):
    source = tmp_path / "8x8_Acme_CSR.csv"
    shutil.copy(SAMPLES / "csr_export.csv", source)
    before = digest(source)
    assert run("csr", "fix", source, "--customer", "Acme", "-o", tmp_path) == 2
    assert "would replace the input file" in capsys.readouterr().err
    assert digest(source) == before


def test_fix_a_batch_of_rows_and_of_numbers(samples, tmp_path):
    assert (
        run(
            "csr",
            "fix",
            samples / "csr_export.csv",
            "--customer",
            "Acme",
            "--rows",
            "2-4,10",
            "-o",
            tmp_path / "a",
        )
        == 0
    )
    assert len(read_out(tmp_path / "a" / "8x8_Acme_CSR.csv")) == 4
    book = load_workbook(tmp_path / "a" / "8x8_Acme_CSR_review.xlsx")
    assert "Excluded" in book.sheetnames
    numbers = samples / "batch.csv"
    numbers.write_text("TN\n(212) 555-0120\n", encoding="utf-8")
    assert (
        run(
            "csr",
            "fix",
            samples / "csr_export.csv",
            "--customer",
            "Acme",
            "--numbers",
            numbers,
            "-o",
            tmp_path / "b",
        )
        == 0
    )
    batch = read_out(tmp_path / "b" / "8x8_Acme_CSR.csv")
    assert list(batch["Phone Number"]) == ["2125550120"]
    flags = pd.read_excel(tmp_path / "b" / "8x8_Acme_CSR_review.xlsx", sheet_name="Flags")
    assert flags["Flag"].str.startswith("Main billing number leaves").any()


def test_build_from_the_inventory_sample(samples, tmp_path, capsys):
    assert (
        run(
            "csr",
            "build",
            samples / "inventory_export.xlsx",
            "--customer",
            "Acme",
            "--first-name",
            "Dana",
            "--last-name",
            "Reyes",
            "--billing-address",
            BILLING,
            "--port-orders",
            samples / "port_orders.csv",
            "--as-of",
            "2024-06-10",
            "-o",
            tmp_path,
        )
        == 0
    )
    customer = read_out(tmp_path / "8x8_Acme_CSR.csv")
    assert list(customer.columns) == [
        "phoneNumber",
        "Carrier",
        "Account Number",
        "country",
        "Authorized First Name",
        "Authorized Last Name",
        "Billing Telephone Number",
        "Address",
        "PIN",
    ]
    assert (customer["Billing Telephone Number"] == customer["phoneNumber"]).all()
    assert "rows left out" in capsys.readouterr().out
    book = load_workbook(tmp_path / "8x8_Acme_CSR_review.xlsx")
    assert "Excluded" in book.sheetnames


def test_legacy_from_the_sample(samples, tmp_path):
    assert (
        run(
            "csr",
            "legacy",
            samples / "legacy_export.csv",
            "--customer",
            "Acme",
            "--company",
            "Acme Dental LLC",
            "--authorized-name",
            "Dana Reyes",
            "--billing-address",
            BILLING,
            "--port-orders",
            samples / "port_orders.csv",
            "-o",
            tmp_path,
        )
        == 0
    )
    customer = read_out(tmp_path / "8x8_Acme_CSR.csv")
    assert len(customer) == len(pd.read_csv(samples / "legacy_export.csv"))
    assert list(customer.columns)[:2] == ["Phone Number", "Carrier"]
    assert "Origin" not in customer.columns


def test_doc_one_file_per_carrier(samples, tmp_path, capsys):
    assert (
        run(
            "csr",
            "fix",
            samples / "csr_export.csv",
            "--customer",
            "Acme",
            "--billing-address",
            BILLING,
            "--port-orders",
            samples / "port_orders.csv",
            "-o",
            tmp_path,
            "--no-review",
        )
        == 0
    )
    csv_path = tmp_path / "8x8_Acme_CSR.csv"
    before = digest(csv_path)
    assert run("csr", "doc", csv_path, "-o", tmp_path / "docs") == 0
    assert digest(csv_path) == before
    customer = read_out(csv_path)
    files = sorted((tmp_path / "docs").glob("*.docx"))
    assert len(files) == customer["Carrier"].str.strip().str.casefold().nunique()
    bandwidth = docx.Document(str(tmp_path / "docs" / "8x8_Acme_CSR_Bandwidth.docx"))
    texts = [p.text for p in bandwidth.paragraphs]
    assert "Carrier: Bandwidth" in texts and "Customer: Acme" in texts
    headings = [t for t in texts if t.startswith("Service address: ")]
    assert headings == sorted(headings, key=str.casefold)
    numbers = sum(len(table.rows) - 1 for table in bandwidth.tables)
    assert numbers == (customer["Carrier"] == "Bandwidth").sum()
    assert any("does not cancel" in t for t in texts)  # C12
    assert "{sections}" not in "".join(texts)


def test_case_prints_subject_description_and_reminder(tmp_path, capsys):
    assert (
        run(
            "csr",
            "case",
            "2125550100",
            "+44 20 7946 0958",
            "--verification",
            "PIN verified; role has Phone Numbers",
            "--reason",
            "PIN mismatch",
            "--carrier",
            "Onvoy, LLC",
            "--as-of",
            "2024-06-10",
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "Provide the customer the PIN '8x82125'" in printed  # C10
    assert printed.count("Subject: Port Out - CSR request") == 2
    assert "Owner: Customer Support-UK" in printed
    assert "Rejection reason: PIN mismatch" in printed
    assert "up to 7 business days" in printed and "does not cancel" in printed


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fix", "{missing}", "--customer", "A", "-o", "{out}"], "file not found"),
        (["fix", "{nocarrier}", "--customer", "A", "-o", "{out}"], "no carrier column"),
        (["fix", "{sample}", "--customer", "A", "--as-of", "someday", "-o", "{out}"], "not a date"),
        (["fix", "{sample}", "--customer", "A", "--rows", "9-2", "-o", "{out}"], "backwards"),
        (["fix", "{sample}", "--customer", " ", "-o", "{out}"], "--customer"),
        (
            [
                "fix",
                "{sample}",
                "--customer",
                "A",
                "--address-matrix",
                "{badmatrix}",
                "-o",
                "{out}",
            ],
            "unknown Source",
        ),
        (["case", "123", "--verification", "ok"], "cannot be read"),
    ],
)
def test_unusable_input_exits_2_with_a_message(tmp_path, capsys, argv, message):
    nocarrier = tmp_path / "nocarrier.csv"
    nocarrier.write_text("Phone Number,Address\n2125550100,1 Main St\n", encoding="utf-8")
    paths = {
        "missing": tmp_path / "missing.csv",
        "nocarrier": nocarrier,
        "sample": SAMPLES / "csr_export.csv",
        "badmatrix": ROOT / "tests" / "data" / "csr" / "address_matrix_bad.csv",
        "out": tmp_path / "out",
    }
    assert run("csr", *[a.format(**paths) for a in argv]) == 2
    assert not (tmp_path / "out").exists()  # nothing written
    err = capsys.readouterr().err
    assert err.startswith("lnp-excel: ") and message in err
    assert "Traceback" not in err


def test_missing_column_error_names_the_file(tmp_path, capsys):
    source = tmp_path / "export.csv"
    source.write_text("Phone Number,Address\n2125550100,1 Main St\n", encoding="utf-8")
    assert run("csr", "fix", source, "--customer", "A", "-o", tmp_path) == 2
    err = capsys.readouterr().err
    assert "export.csv" in err and "'Phone Number', 'Address'" in err


def test_review_workbook_when_the_csr_has_its_own_row_column(tmp_path):
    source = tmp_path / "csr.csv"
    source.write_text(
        "Row,Phone Number,Country,Carrier,Address\n1,2125550100,US,Onvoy,NULL\n",
        encoding="utf-8",
    )
    assert run("csr", "fix", source, "--customer", "Acme", "-o", tmp_path / "out") == 0
    sheet = load_workbook(tmp_path / "out" / "8x8_Acme_CSR_review.xlsx")["CSR"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Row (lnp)", "Row", "Phone Number"]
    assert sheet.cell(row=2, column=1).value == 2
