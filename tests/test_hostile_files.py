"""Every command on generated hostile files (issue 18, property-tested with hypothesis).

A file is a header and rows of fuzzed text (control characters, "_xHHHH_" escapes, lone
carriage returns, formulas, very long and odd values, columns named Row or Number, a
header repeated or with control characters) in CSV (any delimiter, UTF-8/16/32, cp1252,
a bad UTF-8 byte) or .xlsx. Each command runs in-process through ``cli.main.main``:

- it exits 0, 1 (a plan with nothing to port) or 2 with one ``lnp-excel: `` message,
  never a traceback and never a source path;
- when it writes, every input row is in the output once (normalize, plan, csr fix);
- nothing is written outside the output folder, and the input is unchanged.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lnp_excel.cli.main import main

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NUMBERS = ["(617) 555-0101", "+44 20 7946 0958", "617.555.0102", "TBD", "#N/A", "2.12E+09"]
HOSTILE = [
    "_x005F_x0041_",
    "_x0001_",
    "a\rb",
    "line\nbreak",
    '=HYPERLINK("x")',
    "@SUM(1)",
    "\x01\x02\x1b",
    "\ufeffBOM",
    "\u202eRTL",
    "null",
    " ",
    "😀" * 3,
    "²",
    "x" * 300,
]
# Columns named like the outputs' own (Row, Number, Request, Reason: issue 18 item 13).
COLUMNS = [
    "Carrier",
    "Country",
    "Address",
    "Account Number",
    "Status",
    "Row",
    "Number",
    "Request",
    "Reason",
]
CELL = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(NUMBERS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)
REAL = {
    "Carrier": ["AT&T", "Bandwidth", "Onvoy, LLC"],
    "Country": ["US", "GB", "Canada"],
    "Address": ["100 Congress Ave, Austin, TX 78701", "1 Main St, Boston, MA 02108"],
    "Status": ["Active", "Cancelled"],
}
# Each command, its options, and the columns it needs (so that most runs get past them).
COMMANDS = {
    "normalize": (["-o", "OUT/result.csv"], ["Phone Number"]),
    "plan": (["-o", "OUT/plan.xlsx"], ["Phone Number", "Carrier"]),
    "csr fix": (
        ["--customer", "Acme\x01", "-o", "OUT"],
        ["Phone Number", "Country", "Carrier", "Address"],
    ),
    "csr doc": (["-o", "OUT"], ["Phone Number", "Country", "Carrier", "Address"]),
    "csr legacy": (
        ["--customer", "Acme", "-o", "OUT"],
        ["Account Name", "Customer ID", "Number", "Carrier", "Status"],
    ),
    "csr build": (
        ["--customer", "Acme", "-o", "OUT"],
        ["phoneNumber", "customerId", "customerName", "Carrier", "country", "status"],
    ),
}


@st.composite
def hostile_tables(
    draw,
    needed: list[str],
    real: dict[str, list[str]] | None = None,
    others: list[str] | None = None,
) -> list[list[str]]:
    """The columns a command needs and fuzzed others (from ``others``, COLUMNS unless
    given); rows whose number cell is never blank (an all-blank row is not a row to keep),
    other cells real (``real``, by column, REAL unless given) or hostile."""
    real_values = REAL if real is None else real
    names = COLUMNS if others is None else others
    extra = draw(st.lists(st.sampled_from(names + ["Notes\x01", "notes\x01", ""]), max_size=3))
    header = [*needed, *extra]

    def cell(column: str) -> str:
        if column in ("Phone Number", "Number", "phoneNumber"):
            return draw(st.sampled_from(NUMBERS))
        known = real_values.get(column, [])
        return draw(st.one_of(st.sampled_from(known), CELL) if known else CELL)

    return [header, *([cell(c) for c in header] for _ in range(draw(st.integers(1, 8))))]


def _write(folder: Path, table: list[list[str]], form: str, name: str = "list") -> Path:
    """The table as a file: CSV in an encoding and delimiter, or an .xlsx."""
    if form == "xlsx":
        path = folder / f"{name}.xlsx"
        book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
        sheet = book.add_worksheet("List")
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                sheet.write_string(r, c, value)
        book.close()
        return path
    encoding, delimiter = form.split("|", 1)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    data = buffer.getvalue().encode(encoding.removesuffix("+bad"), errors="replace")
    if encoding.endswith("+bad"):
        data = data[:-2] + b"\xff" + data[-2:]  # one invalid UTF-8 byte, last line
    path = folder / f"{name}.csv"
    path.write_bytes(data)
    return path


FORMS = [
    "utf-8|,",
    "utf-8-sig|;",
    "utf-16|\t",
    "utf-32|,",
    "cp1252||",
    "utf-8+bad|,",
    "xlsx",
]


def _run(command: str, args: list[str], source: Path, out: Path) -> tuple[int, str]:
    argv = [*command.split(), str(source), *(a.replace("OUT", str(out)) for a in args)]
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    return code, stderr.getvalue()


def _rows_written(command: str, out: Path) -> int | None:
    """Data rows in the command's main output, or None for a command not counted."""
    if command == "normalize":
        with (out / "result.csv").open(encoding="utf-8-sig", newline="") as fh:
            return len(list(csv.DictReader(fh)))
    if command == "plan":
        book = load_workbook(out / "plan.xlsx", read_only=True)
        try:
            return sum(1 for row in book["Numbers"].iter_rows(min_row=2) if row[0].value)
        finally:
            book.close()
    if command == "csr fix":
        (written,) = out.glob("*_CSR.csv")
        with written.open(encoding="utf-8-sig", newline="") as fh:
            return len(list(csv.DictReader(fh)))
    return None


@pytest.mark.parametrize("command", list(COMMANDS))
@SETTINGS
@given(data=st.data(), form=st.sampled_from(FORMS))
def test_every_command_survives_a_hostile_file(
    tmp_path_factory: pytest.TempPathFactory, command: str, data, form: str
) -> None:
    args, needed = COMMANDS[command]
    table = data.draw(hostile_tables(needed), label="table")
    base = tmp_path_factory.mktemp("hostile")
    inputs, out, elsewhere = base / "in", base / "out", base / "cwd"
    for folder in (inputs, out, elsewhere):
        folder.mkdir()
    source = _write(inputs, table, form)
    before = source.read_bytes()
    cwd = Path.cwd()
    os.chdir(elsewhere)  # a default output would land here: none may
    try:
        code, stderr = _run(command, args, source, out)
    finally:
        os.chdir(cwd)
    assert code in (0, 1, 2), stderr
    assert "Traceback" not in stderr and ".py:" not in stderr, stderr
    assert all(line.startswith("lnp-excel: ") for line in stderr.splitlines() if line), stderr
    assert source.read_bytes() == before
    assert [p.name for p in inputs.iterdir()] == [source.name]
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in base.iterdir()) == ["cwd", "in", "out"]
    if code == 2:
        assert stderr.count("lnp-excel: ") >= 1
        return
    written = _rows_written(command, out)
    if written is not None:
        assert written == len(table) - 1, f"{command}: {len(table) - 1} rows in, {written} out"
    assert not [p for p in out.rglob("*") if p.name.startswith(".") or ".tmp" in p.name]
