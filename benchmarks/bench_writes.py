"""Run all steps on a 20,000-row CSR through the xlwings adapter over the Excel stand-in
(X1): how many Excel calls the writes take, and the time against the old whole-sheet way.

Prints, measured in the same run on the same sheet: changed cells, range writes and fill
calls of the action (each is one Excel call; the old way was one grid write that turned
numeric text into numbers and froze every formula), and the ratio of the action's time to
fix_csr plus one whole-sheet write (the old way). The stand-in is not Excel: the call
counts are what carry over, the times show the Python side's overhead.

    python benchmarks/bench_writes.py [--rows 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lnp_excel.core.columns import NUMBER_ALIASES  # noqa: E402
from lnp_excel.core.csr import fix_csr  # noqa: E402
from lnp_excel.excel.actions import run_action  # noqa: E402
from lnp_excel.excel.actions.common import frame_grid, read_journal, read_table  # noqa: E402
from lnp_excel.excel.xlwings_book import XlwingsBook  # noqa: E402
from tests.excel.fake_excel import FakeBook  # noqa: E402

HEADER = ["Phone Number", "Country", "Carrier", "Account Number", "Billing Telephone Number",
          "Address", "City", "State", "Zip", "PIN", "Length"]  # fmt: skip
CARRIERS = ["Bandwidth", "Onvoy, LLC", "Inteliquent Inc", "Lumen", "Peerless Network"]


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
    return book


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()

    book = csr_book(args.rows)
    start = time.perf_counter()
    target = read_table(XlwingsBook(book), "CSR", (NUMBER_ALIASES,))
    result = fix_csr(target.frame, customer="Bench")
    grid = frame_grid(result.table)
    book.sheets.add("Old way").range((1, 1)).value = grid
    baseline = time.perf_counter() - start

    book = csr_book(args.rows)
    sheet = book.sheets["CSR"]
    book.app.calls = 0
    start = time.perf_counter()
    run_action(XlwingsBook(book), "csr-all")
    action = time.perf_counter() - start
    calls = book.app.calls
    changed = len(read_journal(XlwingsBook(book)))

    print(f"rows:                      {args.rows:,}")
    print(f"cells changed:             {changed:,}")
    print(f"range writes (CSR sheet):  {sheet.writes:,}")
    print(f"fill calls (CSR sheet):    {sheet.format_calls:,}")
    print(f"old way (fix_csr + 1 grid write): {baseline:.2f} s")
    print(f"Run all steps, exact writes:      {action:.2f} s")
    print(f"ratio action / old way:           {action / baseline:.2f}")
    print(f"calls into Excel: {calls}")


if __name__ == "__main__":
    main()
