"""`lnp-excel plan` on messy real-looking lists: the workbook, the exports, the exit codes.

Every test writes real files and reads them back with openpyxl or the csv module.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lnp_excel.cli.main import main
from lnp_excel.core.plan import plan_ports
from lnp_excel.io.plan_report import EXPORT_HEADERS
from lnp_excel.io.tables import read_table

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "samples" / "customer_numbers.csv"
DATA = ROOT / "tests" / "data" / "plan"
SHEETS = ["Summary", "Requests", "Numbers", "Exceptions", "Checklist", "Settings"]
# P3c: every column of the list as given, then the plan's own columns.
NUMBER_COLUMNS = ["Row", "Phone Number", "Current Carrier", "Location", "Number", "Extension"]
NUMBER_COLUMNS += ["Region", "Type", "NPA-NXX", "Carrier", "Request", "Path", "Status", "Reason"]
REQUEST_COLUMNS = ["Request", "Path", "NPA-NXX", "Carrier", "Type", "Count", "Cost"]
REQUEST_COLUMNS += ["Earliest Date", "Latest Date", "Port Window"]


def cli(*argv: str) -> int:
    """`lnp-excel plan ...`, in this process: the real entry point and its error handler."""
    return main(["plan", *argv])


def rows_of(path: Path, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    width = len([h for h in rows[0] if h is not None])
    header = rows[0][:width]
    return [dict(zip(header, r[:width], strict=True)) for r in rows[1:] if any(r[:width])]


@pytest.fixture(scope="module")
def sample_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("sample")
    output, exports = folder / "plan.xlsx", folder / "requests"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli(
            str(SAMPLE),
            "-o",
            str(output),
            "--submit-date",
            "2025-03-03",
            "--local-licenses",
            "200",
            "--tollfree-licenses",
            "10",
            "--export-dir",
            str(exports),
        )
    assert code == 0
    return output, exports, out.getvalue()


def test_sample_workbook_has_every_sheet_as_a_table_with_a_frozen_header(
    sample_plan: tuple[Path, Path, str],
) -> None:
    output, _, printed = sample_plan
    wb = openpyxl.load_workbook(output)
    assert wb.sheetnames == SHEETS
    for name in SHEETS:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert len(ws.tables) == 1, name
    assert f"wrote {output}" in printed
    with zipfile.ZipFile(output) as archive:  # the Summary chart is a native Excel chart
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "Numbers by path and carrier" in chart and "<c:barChart>" in chart


def test_numbers_sheet_has_one_row_per_input_row_in_order(
    sample_plan: tuple[Path, Path, str],
) -> None:
    output, _, _ = sample_plan
    rows = rows_of(output, "Numbers")
    assert list(rows[0])[: len(NUMBER_COLUMNS)] == NUMBER_COLUMNS
    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    data = {i + 1: line for i, line in enumerate(lines) if i >= 3 and any(line)}
    assert [r["Row"] for r in rows] == list(data)  # Excel's row numbers, title rows skipped
    for row in rows:
        source = data[row["Row"]]
        assert [row["Phone Number"] or "", row["Location"] or ""] == [source[0], source[2]]
        if row["Status"] == "ok":
            assert row["Request"] and row["Path"] in {"Self-Service", "Managed", "Custom"}
        else:
            assert not row["Request"] and row["Reason"]
    assert sum(r["Status"] == "duplicate" for r in rows) >= 5


def test_requests_respect_p1_to_p3_and_dates_are_dates(
    sample_plan: tuple[Path, Path, str],
) -> None:
    output, _, _ = sample_plan
    requests = rows_of(output, "Requests")
    numbers = rows_of(output, "Numbers")
    assert list(requests[0])[: len(REQUEST_COLUMNS)] == REQUEST_COLUMNS
    paths = {r["Path"] for r in requests}
    assert paths == {"Self-Service", "Managed", "Custom"}
    for request in requests:
        members = [n for n in numbers if n["Request"] == request["Request"]]
        assert len(members) == request["Count"]
        assert len({n["Type"] == "toll-free" for n in members}) == 1
        if request["Path"] == "Self-Service":
            assert request["Count"] <= 50
            assert {n["NPA-NXX"] for n in members} == {request["NPA-NXX"]}
            assert len({n["Carrier"] for n in members}) == 1
            assert request["Cost"] == 0
            assert isinstance(request["Earliest Date"], dt.datetime)
            assert request["Earliest Date"].date() == dt.date(2025, 3, 12)
            assert request["Latest Date"].date() == dt.date(2025, 3, 17)
        if request["Path"] == "Managed":
            assert request["Cost"] == max(50, 5 * request["Count"])
            assert request["Latest Date"].date() == dt.date(2025, 4, 1)
    ws = openpyxl.load_workbook(output)["Requests"]
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Earliest Date") + 1).is_date
    assert "$" in ws.cell(2, header.index("Cost") + 1).number_format
    verizon = [r for r in requests if r["Carrier"] == "Verizon Business"]
    assert verizon and all("VERIZONBUSINESS" in r["Request"] for r in verizon)


def test_exceptions_checklist_and_summary(sample_plan: tuple[Path, Path, str]) -> None:
    output, _, _ = sample_plan
    exceptions = rows_of(output, "Exceptions")
    assert exceptions and all(r["Reason"] for r in exceptions)
    reasons = " ".join(r["Reason"] for r in exceptions)
    assert "scientific notation" in reasons
    # N2a: a DID with a PBX extension is planned, not an exception
    numbers = {r["Phone Number"]: r for r in rows_of(output, "Numbers")}
    assert numbers["212-736-1204 x204"]["Number"] == "2127361204"
    assert numbers["212-736-1204 x204"]["Extension"] == "204"  # its own column (N2a)
    checklist = rows_of(output, "Checklist")
    items = [r["Item"] for r in checklist]
    assert "CSR from AT&T" in items and "CSR from Bell Canada" in items
    assert "Losing carrier unknown" in items
    assert "Managed case created" in items  # P11 since Toronto is Managed
    assert "License shortfall: local" in items  # 263 local numbers, 200 licenses
    assert {r["Rule"] for r in checklist} >= {"P10", "P11", "P12", "P9"}
    ws = openpyxl.load_workbook(output)["Summary"]
    figures = {row[0].value: row[1] for row in ws.iter_rows(min_col=7, max_col=8) if row[0].value}
    assert figures["Submission date"].value == dt.datetime(2025, 3, 3)  # a date, not text
    assert figures["Submission date"].is_date
    cost = figures["Cost (Self-Service and Managed)"]
    assert cost.data_type == "n" and cost.value > 0 and "$" in cost.number_format
    planned = figures["Numbers planned"].value
    assert planned == sum(r["Count"] for r in rows_of(output, "Requests"))
    assert figures["Requested date"].value == "none"


def test_exports_one_upload_ready_csv_per_self_service_request(
    sample_plan: tuple[Path, Path, str],
) -> None:
    """P3c: one file per self-service request with the port form's columns; requests
    with an unknown carrier go to not_ready/, so uploading the folder skips them."""
    output, exports, printed = sample_plan
    requests = [r for r in rows_of(output, "Requests") if r["Path"] == "Self-Service"]
    files = sorted(exports.glob("*.csv"))
    held = sorted((exports / "not_ready").glob("*.csv"))
    unknown = sorted(r["Request"] for r in requests if "carrier unknown" in (r["Notes"] or ""))
    assert unknown and [f.stem for f in held] == unknown
    assert sorted(f.stem for f in files + held) == sorted(r["Request"] for r in requests)
    numbers = rows_of(output, "Numbers")
    for path in files + held:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        with path.open(encoding="utf-8-sig", newline="") as fh:
            lines = list(csv.reader(fh))
        assert lines[0] == list(EXPORT_HEADERS.values())
        expected = sorted(n["Number"] for n in numbers if n["Request"] == path.stem)
        assert [line[0] for line in lines[1:]] == expected and len(lines) - 1 <= 50
    assert f"wrote {len(files) + len(held)} request CSVs to {exports}" in printed
    assert f"({len(held)} not ready, carrier unknown" in printed


def test_workbook_with_title_rows_floats_and_a_notes_sheet(tmp_path: Path) -> None:
    output = tmp_path / "harbor.xlsx"
    assert (
        cli(str(DATA / "harbor_reed.xlsx"), "-o", str(output), "--submit-date", "2025-03-03") == 0
    )
    numbers = rows_of(output, "Numbers")
    assert numbers[0]["Row"] == 5 and numbers[0]["Number"] == "6177221100"
    by_number = {n["Number"]: n for n in numbers if n["Number"]}
    assert by_number["5148612000"]["Path"] == "Managed"
    assert by_number["8007224400"]["Request"] == "SS-800722-UNKNOWN-01"
    requests = {r["Request"]: r for r in rows_of(output, "Requests")}
    assert requests["SS-617722-VERIZON-01"]["Count"] == 50
    assert requests["SS-617722-VERIZON-02"]["Count"] == 20
    assert requests["SS-401274-COX-01"]["Count"] == 12  # "Cox Business" is Cox (P3b)
    assert "carrier unknown" in requests["SS-800722-UNKNOWN-01"]["Notes"]


def test_dental_group_splits_one_exchange_into_50_50_20(tmp_path: Path) -> None:
    output = tmp_path / "dental.xlsx"
    assert cli(str(DATA / "dental_group.csv"), "-o", str(output)) == 0
    requests = rows_of(output, "Requests")
    counts = {r["Request"]: r["Count"] for r in requests}
    assert counts == {
        "SS-617227-COMCASTBUSINESS-01": 50,
        "SS-617227-COMCASTBUSINESS-02": 50,
        "SS-617227-COMCASTBUSINESS-03": 20,
        "SS-617227-LUMEN-01": 2,  # CenturyLink is Lumen in the carrier directory (P3b)
    }


def test_canada_only_list_is_one_managed_order_with_the_custom_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    output = tmp_path / "toronto.xlsx"
    code = cli(
        str(DATA / "toronto_managed.csv"),
        "-o",
        str(output),
        "--submit-date",
        "2025-03-03",
        "--requested-date",
        "2025-03-10",
        "--export-dir",
        str(tmp_path / "none"),
    )
    assert code == 0
    (request,) = rows_of(output, "Requests")
    assert (request["Request"], request["Count"]) == ("MG-LOCAL", 160)
    assert request["Carrier"] == "Bell Canada"  # "Bell", "bell ", "BELL": one carrier (P3b)
    assert request["Cost"] == 800
    assert "Custom porting may cost less" in request["Notes"]
    assert request["Expedite Cost From"] == 160 * 75 and request["Expedite Cost To"] == 160 * 300
    printed = capsys.readouterr().out
    assert "cost $800.00" in printed and "wrote 0 request CSVs" in printed


def test_no_carrier_column_flags_every_request(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    assert cli(str(DATA / "no_carrier.xlsx"), "-o", str(output)) == 0
    (request,) = rows_of(output, "Requests")
    assert request["Request"] == "SS-303861-UNKNOWN-01" and request["Count"] == 30
    ws = openpyxl.load_workbook(output)["Requests"]
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Carrier") + 1).fill.fgColor.rgb.endswith("FFEB9C")


def test_nothing_valid_is_exit_1_with_the_workbook_written(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    output = tmp_path / "plan.xlsx"
    assert cli(str(DATA / "nothing_valid.csv"), "-o", str(output)) == 1
    assert "no port request could be formed" in capsys.readouterr().err
    assert len(rows_of(output, "Exceptions")) == 4
    assert rows_of(output, "Requests") == []


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--number-column", "Mobile"], ["no column named 'Mobile'", "list.csv", "Phone"]),
        (["--carrier-column", "Telco"], ["no column named 'Telco'", "list.csv"]),
        (["--submit-date", "next week"], ["cannot read the submission date"]),
        (["--requested-date", "2020-01-01", "--submit-date", "2025-03-03"], ["before"]),
        (["--local-licenses", "-3"], ["license count"]),
        (["-o", "plan.csv"], ["name the output .xlsx"]),
    ],
)
def test_unusable_input_is_exit_2_with_a_located_message(
    tmp_path: Path, capsys: pytest.CaptureFixture, extra: list[str], expected: list[str]
) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Name,Phone,Carrier\nA,2127361234,AT&T\n", encoding="utf-8")
    output = [] if "-o" in extra else ["-o", str(tmp_path / "p.xlsx")]
    assert cli(str(source), *output, *extra) == 2
    err = capsys.readouterr().err
    assert err.startswith("lnp-excel: ") and "Traceback" not in err
    for text in expected:
        assert text in err


def test_missing_sheet_is_exit_2_listing_the_sheets(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert (
        cli(str(DATA / "harbor_reed.xlsx"), "--sheet", "Numbers", "-o", str(tmp_path / "p.xlsx"))
        == 2
    )
    err = capsys.readouterr().err
    assert "harbor_reed.xlsx" in err and "'DIDs'" in err


def test_missing_number_column_names_file_and_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    source = tmp_path / "carriers.csv"
    source.write_text("Customer list\nName,Carrier\nA,AT&T\n", encoding="utf-8")
    assert cli(str(source)) == 2
    err = capsys.readouterr().err
    assert "carriers.csv" in err and "phone number" in err


def test_the_input_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Phone", "Carrier"])
    wb.active.append(["2127361234", "AT&T"])
    wb.save(source)
    before = source.read_bytes()
    assert cli(str(source), "-o", str(source)) == 2
    assert source.read_bytes() == before


def test_default_output_lands_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli(str(DATA / "dental_group.csv")) == 0
    assert (tmp_path / "dental_group_plan.xlsx").exists()
    assert "dental_group_plan.xlsx" in capsys.readouterr().out


def test_xlsm_input_and_the_python_api_on_a_source_table(tmp_path: Path) -> None:
    source = tmp_path / "harbor.xlsm"
    shutil.copy(DATA / "harbor_reed.xlsx", source)
    output = tmp_path / "plan.xlsx"
    assert cli(str(source), "-o", str(output), "--sheet", "dids") == 0
    assert len(rows_of(output, "Numbers")) == 87

    table = read_table(DATA / "dental_group.csv")
    result = plan_ports(table, submit_date="2025-03-03")  # a SourceTable works as it is
    assert result.numbers.index[0] == 4  # the row Excel shows under two title rows
    assert result.number_column == "Number to Port"
    assert result.carrier_column == "Losing Carrier"


def test_carrier_directory_option_adds_the_agents_aliases(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """P3b: --carrier-directory extends the shipped directory: "ATT Corp" joins AT&T once
    the agent adds it as an alias; a bad file exits 2 naming the file and row."""
    source = tmp_path / "list.csv"
    source.write_text(
        "Phone Number,Carrier\n212-736-1001,AT&T\n212-736-1002,ATT Corp\n", encoding="utf-8"
    )
    output = tmp_path / "plan.xlsx"
    assert cli(str(source), "-o", str(output)) == 0
    assert len(rows_of(output, "Requests")) == 2  # not merged silently
    mine = tmp_path / "carriers.csv"
    mine.write_text("Carrier,Aliases,Wireless\nAT&T,ATT Corp,no\n", encoding="utf-8")
    assert cli(str(source), "-o", str(output), "--carrier-directory", str(mine)) == 0
    (request,) = rows_of(output, "Requests")
    assert (request["Carrier"], request["Count"]) == ("AT&T", 2)
    mine.write_text("Carrier,Aliases,Wireless\nAT&T,ATT Corp,maybe\n", encoding="utf-8")
    capsys.readouterr()
    assert cli(str(source), "-o", str(output), "--carrier-directory", str(mine)) == 2
    error = capsys.readouterr().err
    assert "carriers.csv" in error and "row 2" in error and "yes or no" in error


def test_readme_accounts_sample_gives_the_documented_request_file(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """P3a, P3c: the README's example file, from samples/customer_accounts.csv."""
    exports = tmp_path / "requests"
    sample = ROOT / "samples" / "customer_accounts.csv"
    assert cli(str(sample), "-o", str(tmp_path / "plan.xlsx"), "--export-dir", str(exports)) == 0
    printed = capsys.readouterr().out
    assert "request fields from 'BTN', 'Account #', 'Authorized Name', 'Transfer PIN'" in printed
    assert "(1 not ready, carrier unknown" in printed
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("`SS-512474-ATT-G2-01.csv`", 1)[1]
    shown = after.split("```csv\n", 1)[1].split("```", 1)[0]
    written = (exports / "SS-512474-ATT-G2-01.csv").read_text(encoding="utf-8-sig")
    assert written.replace("\r\n", "\n") == shown
    assert [p.name for p in (exports / "not_ready").iterdir()] == ["SS-512474-UNKNOWN-01.csv"]
