"""check, loa, track and plan --csr/--loa-dir on generated hostile inputs (issues 18-21).

The customer's list comes from ``test_hostile_files``'s generator (with account columns);
the second inputs are generated here, real values mixed with hostile ones:

- CSRs in their three shapes (R1-R9): an agent's CSV/XLSX with the issue-19 columns
  (duplicated, missing, numbers listed in one cell), Telnyx ``customer_service_record``
  JSON and Bandwidth ``CsrData`` XML;
- status exports (T1): Bandwidth CSV, Telnyx JSON and CSV, Twilio JSON, an agent's CSV.

Values are fuzzed: JSON of the wrong type (numbers for text, lists for objects, nulls,
nested junk), control characters, huge or malformed dates, empty files, other encodings,
cut-off files. Each command runs in-process through ``cli.main.main`` and must:

- exit 0, 1 or 2, never a traceback; every stderr line is ``lnp-excel: ...``;
- write nothing outside its output, change no input, and on exit 2 write nothing;
- account for every request and number of the list where it writes: the Check Summary
  and the Tracker have one row per request of the plan (R1, T1), each planned number is in
  exactly one letter or in an account listed as not ready (L1, L4).

The plan the outputs are compared with is the list planned as ``plan`` plans it (or, for
``track``, the Requests sheet of a plan workbook, generated or edited by hand); ``track``
also updates earlier trackers edited by hand (statuses, dates, history, agent columns).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import re
from pathlib import Path

import docx
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lnp_excel.cli.main import build_parser, main
from lnp_excel.cli.plan import make_plan
from lnp_excel.core.errors import InputError
from lnp_excel.io.documents.loa import shown_number
from tests.hostile_inputs import (
    ACCOUNT_COLUMNS,
    LIST_REAL,
    OTHERS,
    TABLE_FORMS,
    column_lists,
    csr_files,
    earlier_trackers,
    edited_plans,
    export_files,
)
from tests.test_hostile_files import SETTINGS, _write, hostile_tables

# --- running and reading back -----------------------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def _planned(source: Path) -> tuple[list[str], set[str]] | None:
    """The list planned as ``plan`` plans it: its request ids and the numbers in them;
    None when planning it is an InputError (the command must then exit 2)."""
    args = build_parser(["plan"]).parse_args(["plan", str(source)])
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            plan, _ = make_plan(args)
        except InputError:
            return None
    numbers = plan.numbers[plan.numbers["request"].astype(str) != ""]
    return list(plan.requests["request"]), set(numbers["number"].astype(str))


def _sheet_column(path: Path, sheet: str, header: str) -> list[str]:
    """The values under ``header`` on ``sheet`` (the header row found by its first cell)."""
    book = load_workbook(path, read_only=True)
    try:
        rows = list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()
    start = next(i for i, row in enumerate(rows) if row and row[0] == header)
    return [str(row[0]) for row in rows[start + 1 :] if row and row[0] is not None]


def _letter_numbers(folder: Path) -> list[set[str]]:
    """The numbers to port of each letter: the first number table after the fields."""
    found = []
    for path in sorted(folder.glob("*.docx")):
        tables = [t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "#"]
        cells = [row.cells for row in tables[0].rows[1:]] if tables else []
        found.append({c.text for row in cells for c in row[1::2] if c.text})
    return found


_NOT_READY = re.compile(r"\((\d[\d,]*) numbers?, [^()]*\): missing ")


def _assert_letters(folder: Path, stderr: str, numbers: set[str]) -> None:
    """L1, L4: each planned number in exactly one letter, or in an account not ready."""
    letters = _letter_numbers(folder)
    shown = {shown_number(n) for n in numbers}
    in_letters = [n for letter in letters for n in letter]
    assert len(in_letters) == len(set(in_letters)), "a number is in two letters"
    assert set(in_letters) <= shown, set(in_letters) - shown
    apart = sum(int(m.group(1).replace(",", "")) for m in _NOT_READY.finditer(stderr))
    assert len(in_letters) + apart == len(numbers), (len(in_letters), apart, len(numbers))


def _run(argv: list[str], base: Path) -> tuple[int, str, Path]:
    """Run ``argv`` from an empty working folder; check the invariants every run keeps."""
    inputs, out, elsewhere = base / "in", base / "out", base / "cwd"
    before, earlier = _digest(inputs), _digest(out)
    stdout, stderr = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(elsewhere)  # a default output would land here: none may
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(argv)
    finally:
        os.chdir(cwd)
    err = stderr.getvalue()
    event(f"exit {code}: {err.splitlines()[0][:70] if code == 2 and err else ''}")
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and ".py:" not in err, err
    assert all(line.startswith("lnp-excel: ") for line in err.splitlines() if line), err
    assert _digest(inputs) == before, "an input changed, or a file was written beside them"
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in base.iterdir()) == ["cwd", "in", "out"]
    assert not [p for p in out.rglob("*") if p.name.startswith(".") or ".tmp" in p.name]
    if code == 2:
        assert err.startswith("lnp-excel: "), err
        assert _digest(out) == earlier, "exit 2 left output behind, or changed it"
    return code, err, out


def _folders(factory: pytest.TempPathFactory) -> Path:
    base = factory.mktemp("hostile2")
    for name in ("in", "out", "cwd"):
        (base / name).mkdir()
    return base


def _list(draw, base: Path) -> Path:
    columns = draw(column_lists(ACCOUNT_COLUMNS, ["Phone Number", "Carrier"]), label="columns")
    table = draw(hostile_tables(columns, LIST_REAL, OTHERS), label="list")
    return _write(base / "in", table, draw(st.sampled_from(TABLE_FORMS), label="list form"))


def _csr_args(draw, base: Path) -> list[str]:
    """``--csr FILE`` for one or two generated CSRs."""
    count = draw(st.integers(1, 2), label="CSRs")
    return [
        a for i in range(count) for a in ("--csr", str(draw(csr_files(base / "in", f"csr{i}"))))
    ]


# --- the properties ---------------------------------------------------------------------

# Each run takes a few tens of milliseconds: 60 examples a command keep the file well under
# a minute. LNP_HOSTILE_EXAMPLES=1000 hunts longer (the crashes fixed with this file were
# found at a few hundred).
EXAMPLES = settings(SETTINGS, max_examples=int(os.environ.get("LNP_HOSTILE_EXAMPLES", 60)))


@EXAMPLES
@given(data=st.data())
def test_check_survives_hostile_lists_and_csrs(
    tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    """R1-R9: exit 0/1 with a Check Summary line per request of the plan, or exit 2."""
    base = _folders(tmp_path_factory)
    source = _list(data.draw, base)
    csr_args = _csr_args(data.draw, base)
    planned = _planned(source)
    output = base / "out" / "check.xlsx"
    code, err, _ = _run(["check", str(source), *csr_args, "-o", str(output)], base)
    if planned is None:
        assert code == 2, "the list cannot be planned, yet check did not refuse it"
    if code == 2:
        return
    summary = _sheet_column(output, "Check Summary", "Request")
    assert sorted(summary) == sorted(planned[0]), "each request of the plan, once"


@EXAMPLES
@given(data=st.data())
def test_loa_survives_hostile_lists_and_csrs(
    tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    """L1, L4: every planned number in one letter or in an account listed as not ready."""
    base = _folders(tmp_path_factory)
    source = _list(data.draw, base)
    csr_args = _csr_args(data.draw, base) if data.draw(st.booleans(), label="with CSR") else []
    planned = _planned(source)
    folder = base / "out" / "letters"
    code, err, _ = _run(["loa", str(source), *csr_args, "-o", str(folder)], base)
    if planned is None:
        assert code == 2
    if code == 2:
        return
    _assert_letters(folder, err, planned[1])


@EXAMPLES
@given(data=st.data())
def test_track_survives_hostile_plans_and_exports(
    tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    """T1: exit 0/1 with one Tracker row per request of the plan, or exit 2. The plan is
    the list itself, the workbook ``plan`` wrote of it, or a plan workbook edited by
    hand; the tracker is new, or an earlier one (edited by hand too) that is updated,
    keeping the agent's own column (T5)."""
    base = _folders(tmp_path_factory)
    shape = data.draw(st.sampled_from(["list", "plan", "edited plan"]), label="plan shape")
    if shape == "edited plan":
        source, expected = data.draw(edited_plans(base / "in" / "plan.xlsx"))
    else:
        source = _list(data.draw, base)
        planned = _planned(source)
        expected = None if planned is None else planned[0]
        if planned is not None and shape == "plan":
            workbook = base / "in" / "plan.xlsx"
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                assert main(["plan", str(source), "-o", str(workbook)]) in (0, 1)
            source = workbook
    count = data.draw(st.integers(1, 3), label="exports")
    exports = [str(data.draw(export_files(base / "in", f"export{i}"))) for i in range(count)]
    as_of = data.draw(st.sampled_from([[], ["--as-of", "2026-03-20"], ["--as-of", "2099-12-31"]]))
    output = base / "out" / "tracker.xlsx"
    earlier = data.draw(st.booleans(), label="earlier tracker")
    kept = (
        _sheet_column(data.draw(earlier_trackers(output, expected or [])), "Tracker", "Request")
        if earlier
        else []
    )
    code, err, _ = _run(["track", str(source), *exports, *as_of, "-o", str(output)], base)
    if expected is None:
        assert code == 2
    if code == 2:
        return
    rows = _sheet_column(output, "Tracker", "Request")
    assert sorted(r for r in rows if r in expected) == sorted(expected), "each request once"
    # An earlier tracker's rows of requests no longer planned stay (nothing typed is lost).
    assert {r for r in rows if r not in expected} <= set(kept), rows
    book = load_workbook(output, read_only=True)
    cells = [v for row in book["Tracker"].iter_rows(values_only=True) for v in row]
    header = next(book["Tracker"].iter_rows(values_only=True))
    book.close()
    years = {v.year for v in cells if isinstance(v, dt.date)}
    assert all(1990 <= year <= 2100 for year in years), years  # no date wrapped round
    if earlier:
        assert "My notes" in header, "the agent's own column is kept (T5)"


@EXAMPLES
@given(data=st.data())
def test_plan_with_csr_and_letters_survives_hostile_inputs(
    tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    """plan --csr --export-dir --loa-dir: every row on Numbers, a Check Summary line per
    request, the letters accounted for (P3c, R1, L1, L4)."""
    base = _folders(tmp_path_factory)
    source = _list(data.draw, base)
    csr_args = _csr_args(data.draw, base)
    planned = _planned(source)
    out = base / "out"
    argv = ["plan", str(source), *csr_args, "-o", str(out / "plan.xlsx")]
    argv += ["--export-dir", str(out / "requests"), "--loa-dir", str(out / "letters")]
    code, err, _ = _run(argv, base)
    if planned is None:
        assert code == 2
    if code == 2:
        return
    requests = _sheet_column(out / "plan.xlsx", "Requests", "Request")
    assert sorted(requests) == sorted(planned[0])
    assert sorted(_sheet_column(out / "plan.xlsx", "Check Summary", "Request")) == sorted(requests)
    _assert_letters(out / "letters", err, planned[1])
