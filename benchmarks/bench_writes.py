"""Run all steps on a 20,000-row CSR through the ribbon's entry point (``xlwings_book.run``)
over the Excel stand-in (X1): how many calls into Excel it makes, and its time against the
old whole-sheet way.

Each call into Excel is a COM round trip (roughly 0.2-1 ms); the stand-in counts them
(every Range property read or written, every sheet, table, status-bar or page-setup
operation is one). Target (issue 17 s8): at most 2 calls per 100 rows, with exact writes:
every cell ends with the value, formula and fill meant, nothing else changes. Also printed,
measured in the same run on the same sheet: the ratio of the action's time to fix_csr plus
one whole-sheet write (the old way, which turned numeric text into numbers and froze every
formula). The stand-in is not Excel: the call counts are what carry over, the times show
the Python side's overhead.

Also counted: Update tracker on ``--requests`` requests (one account each), pressed twice
with the same export in Port_Planner.xlsm (the second press changes nothing, T5).

    python benchmarks/bench_writes.py [--rows 20000] [--requests 2000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lnp_excel.build.workbooks import build_workbook  # noqa: E402
from lnp_excel.core.columns import NUMBER_ALIASES  # noqa: E402
from lnp_excel.core.csr import fix_csr  # noqa: E402
from lnp_excel.excel.actions.common import frame_grid, read_journal, read_table  # noqa: E402
from lnp_excel.excel.xlwings_book import XlwingsBook, run  # noqa: E402
from tests.excel.fake_excel import FakeBook  # noqa: E402
from tests.excel.test_buttons_as_excel_behaves import column, exports, planner  # noqa: E402

HEADER = ["Phone Number", "Country", "Carrier", "Account Number", "Billing Telephone Number",
          "Address", "City", "State", "Zip", "PIN", "Length"]  # fmt: skip
CARRIERS = ["Bandwidth", "Onvoy, LLC", "Inteliquent Inc", "Lumen", "Peerless Network"]
TARGET_PER_100_ROWS = 2.0


def csr_book(rows: int) -> FakeBook:
    """A CSR opened in Excel: text cells (numbers as text), a formula column, some nulls."""
    book = FakeBook("bench.xlsm")
    sheet = book.sheets.add("CSR")
    for c, name in enumerate(HEADER, 1):
        sheet.cells[(1, c)] = name
    for r in range(2, rows + 2):
        number = f"{2125550000 + r}"
        address = "null" if r % 7 == 0 else f"{r} Main St"
        btn = number if r % 3 else None
        account, zip_code = f"{r % 997:07d}", f"{r % 90000:05d}"
        values = [number, "US", CARRIERS[r % 5], account, btn, address, "Austin", "TX", zip_code]
        for c, value in enumerate(values, 1):
            if value is not None:
                sheet.cells[(r, c)] = value
        sheet.formulas[(r, 11)] = f"=LEN(A{r})"
        sheet.cells[(r, 11)] = 10.0
    book.app.calls = 0
    return book


def tracker_calls(requests: int) -> list[int]:
    """Calls into Excel of Update tracker on ``requests`` requests, pressed twice."""
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / "built.xlsm"
        built.write_bytes(build_workbook("Port_Planner"))
        rows = [
            [f"{2127360000 + i}", "Verizon Business", "", "", f"A{i:06d}"] for i in range(requests)
        ]
        book = planner({"Port_Planner": built}, Path(folder), rows)
        run("plan", book=book)
        ids = [v for v in column(book.sheets["Requests"], "Request") if v]
        export = exports(Path(folder), ids)
        calls = []
        for _ in range(2):
            book.answers = [str(export)]
            book.app.calls = 0
            if run("track", book=book) is None:
                raise SystemExit(f"Update tracker stopped: {book.app.alerts}")
            calls.append(book.app.calls)
        return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=2_000)
    args = parser.parse_args()

    book = csr_book(args.rows)
    start = time.perf_counter()
    target = read_table(XlwingsBook(book), "CSR", (NUMBER_ALIASES,))
    result = fix_csr(target.frame, customer="Bench")
    grid = frame_grid(result.table)
    book.sheets.add("Old way").range((1, 1)).value = grid
    baseline = time.perf_counter() - start

    book = csr_book(args.rows)
    start = time.perf_counter()
    summary = run("csr-all", book=book)
    action = time.perf_counter() - start
    calls = book.app.calls
    if summary is None:
        raise SystemExit(f"Run all steps stopped: {book.app.alerts}")
    changed = len(read_journal(XlwingsBook(book)))
    per_100 = calls / args.rows * 100

    print(f"rows:                             {args.rows:,}")
    print(f"cells changed:                    {changed:,}")
    print(f"calls into Excel:                 {calls:,}")
    print(f"calls per 100 rows:               {per_100:.2f} (target <= {TARGET_PER_100_ROWS:g})")
    print(f"old way (fix_csr + 1 grid write): {baseline:.2f} s")
    print(f"Run all steps, exact writes:      {action:.2f} s")
    print(f"ratio action / old way:           {action / baseline:.2f}")
    first, again = tracker_calls(args.requests)
    print(f"Update tracker, {args.requests:,} requests:  {first:,} calls, again {again:,} calls")


if __name__ == "__main__":
    main()
