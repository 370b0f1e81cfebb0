"""Every file of the bad-input corpus through the real command line, in a subprocess.

``tests/data/bad/expected.csv`` says, for each file made by ``make_bad_inputs.py``, the
command to run (``@name`` in its args: a second input from ``second/``, a CSR or a status
export), the exit code and words the outcome must contain: on exit 2 the message
on stderr (and then no output file and no temporary file may exist), on exit 0/1 a reason
in the output's exception rows (normalize: Reason; plan: the Exceptions sheet; csr fix:
the review workbook's Flags; check: the findings and summary lines; track: the statuses
and the platforms' details), the number of rows written (every input row accounted for)
and optionally a text that must come back in the output (encodings, neutralized formulas).
Nothing may print a traceback and no input file may change.

The subprocesses run a few at a time in one module fixture; each case is its own test.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lnp_excel.io.writers import neutralize_formula

BAD = Path(__file__).parent / "data" / "bad"
MANIFEST = BAD / "expected.csv"
CASES = list(csv.DictReader(MANIFEST.open(encoding="utf-8", newline="")))
CUSTOMER = "Acme"
DEFAULT_OUTPUT = {
    "normalize": "result.xlsx",
    "plan": "plan.xlsx",
    "csr fix": ".",
    "check": "check.xlsx",
    "loa": "letters",
    "track": "tracker.xlsx",
}
# A second input (a CSR for check, a status export for track) is named "@file" in the
# args: a file of second/, made by the same script.
SECOND = BAD / "second"


@dataclass
class Run:
    """What one command did: its exit, its streams and the folder it wrote to."""

    case: dict[str, str]
    code: int
    stdout: str
    stderr: str
    folder: Path
    output: Path
    unchanged: bool  # the input's bytes after the run equal those before


def _second_inputs(case: dict[str, str]) -> list[Path]:
    return [SECOND / arg[1:] for arg in shlex.split(case["args"]) if arg.startswith("@")]


def _command(case: dict[str, str], folder: Path) -> tuple[list[str], Path]:
    args = [str(SECOND / a[1:]) if a.startswith("@") else a for a in shlex.split(case["args"])]
    name = DEFAULT_OUTPUT[case["command"]]
    if "-o" in args:
        at = args.index("-o")
        name = args[at + 1]
        del args[at : at + 2]
    output = (folder / name).resolve()
    command = [sys.executable, "-m", "lnp_excel.cli.main", *case["command"].split()]
    command += [str(BAD / case["file"]), *args, "-o", str(output)]
    if case["command"] == "csr fix":
        command += ["--customer", CUSTOMER]
    return command, output


def _run(case: dict[str, str], base: Path) -> Run:
    folder = base / case["file"].replace(".", "_")
    folder.mkdir()
    command, output = _command(case, folder)
    sources = [BAD / case["file"], *_second_inputs(case)]
    before = [hashlib.sha256(source.read_bytes()).digest() for source in sources]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=folder,
        timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    after = [hashlib.sha256(source.read_bytes()).digest() for source in sources]
    return Run(case, done.returncode, done.stdout, done.stderr, folder, output, before == after)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    base = tmp_path_factory.mktemp("bad")
    with ThreadPoolExecutor(max_workers=max(2, min(4, (os.cpu_count() or 2) + 1))) as pool:
        return {run.case["file"]: run for run in pool.map(lambda c: _run(c, base), CASES)}


# --- reading what was written ---------------------------------------------------------------


def _sheet(path: Path, name: str) -> list[dict[str, object]]:
    workbook = load_workbook(path, read_only=True)
    try:
        rows = list(workbook[name].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = [str(h) for h in rows[0]]
    return [
        dict(zip(header, row, strict=False)) for row in rows[1:] if any(v is not None for v in row)
    ]


def _has_rows(path: Path, name: str) -> bool:
    workbook = load_workbook(path, read_only=True)
    try:
        return any(True for _ in workbook[name].iter_rows(min_row=2, values_only=True))
    finally:
        workbook.close()


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _outcome(run: Run) -> tuple[list[str], int, list[str]]:
    """(reasons, data rows written, every cell written) for a run that exited 0 or 1."""
    command = run.case["command"]
    if command == "check":  # the findings' codes and fixes, a summary line per request
        findings, summary = _sheet(run.output, "Check"), _sheet(run.output, "Check Summary")
        reasons = [str(row.get(key)) for row in findings for key in ("Code", "Fix")]
        reasons += [str(row["Summary"]) for row in summary]
        return reasons, len(summary), [str(v) for row in findings for v in row.values()]
    if command == "track":  # one row per request; the orders no request claims apart
        tracker = _sheet(run.output, "Tracker") if _has_rows(run.output, "Tracker") else []
        apart = _sheet(run.output, "Unmatched orders")
        said = [str(row.get(key)) for row in tracker for key in ("Status", "Platform Details")]
        said += [str(row.get("Platform Details")) for row in apart]
        cells = [str(v) for row in [*tracker, *apart] for v in row.values()]
        return said + [run.stdout], len(tracker), cells
    if command == "csr fix":
        table = _csv(run.output / f"8x8_{CUSTOMER}_CSR.csv")
        flags = _sheet(run.output / f"8x8_{CUSTOMER}_CSR_review.xlsx", "Flags")
        reasons = [str(row["Flag"]) for row in flags]
        cells = [str(v) for row in flags for v in row.values()]
        return reasons, len(table), cells + [v for row in table for v in row.values()]
    if command == "plan":
        exceptions = _sheet(run.output, "Exceptions")
        numbers = _sheet(run.output, "Numbers")
        cells = [str(v) for row in numbers for v in row.values()]
        return [str(row["Reason"]) for row in exceptions], len(numbers), cells
    rows = _csv(run.output) if run.output.suffix == ".csv" else _sheet(run.output, "Numbers")
    reasons = [str(v) for row in rows for k, v in row.items() if k.startswith("Reason") and v]
    return reasons, len(rows), [str(v) for row in rows for v in row.values()]


# --- the corpus --------------------------------------------------------------------------------


def test_the_corpus_is_what_the_script_makes() -> None:
    """Every file is in the manifest once, and the generator makes exactly these bytes."""
    spec = importlib.util.spec_from_file_location("make_bad_inputs", BAD / "make_bad_inputs.py")
    assert spec and spec.loader
    make_bad_inputs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_bad_inputs)
    made = make_bad_inputs.corpus()
    listed = [case["file"] for case in CASES]
    assert len(listed) == len(set(listed)) >= 40
    assert sorted(listed) == sorted(made)
    for name, data in made.items():
        assert (BAD / name).read_bytes() == data, f"{name} is stale: run make_bad_inputs.py"
    second = make_bad_inputs.second_inputs()
    named = {arg[1:] for case in CASES for arg in shlex.split(case["args"]) if arg[:1] == "@"}
    assert named <= set(second) and sorted(p.name for p in SECOND.iterdir()) == sorted(second)
    for name, data in second.items():
        assert (SECOND / name).read_bytes() == data, f"second/{name} is stale"


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_bad_input(case: dict[str, str], runs: dict[str, Run]) -> None:
    run = runs[case["file"]]
    assert "Traceback" not in run.stderr + run.stdout
    assert ".py:" not in run.stderr, "a warning printed a source path (issue 18)"
    assert run.code == int(case["exit_code"]), run.stderr
    assert run.unchanged, "the input file was modified"
    left = sorted(p.name for p in run.folder.rglob("*"))
    assert not [name for name in left if name.startswith(".") or ".tmp" in name], left
    if run.code == 2:
        assert case["expect"] in run.stderr, run.stderr
        assert run.stderr.startswith("lnp-excel: ")
        assert left == [], f"exit 2 left output behind: {left}"
        assert "wrote" not in run.stdout
        return
    reasons, rows, cells = _outcome(run)
    assert any(case["expect"] in reason for reason in reasons), reasons
    assert rows == int(case["rows"]), "every input row must be written, once"
    if case["output_text"]:
        assert any(case["output_text"] in cell for cell in cells), cells
    for path in run.folder.rglob("*.csv"):  # nothing a spreadsheet would run as a formula
        for row in _csv(path):
            for value in row.values():
                assert neutralize_formula(value) == value, (path.name, value)
