"""`lnp-excel run`: a workbook's ribbon action, headless, on a copy of the workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from lnp_excel.cli.common import default_output
from lnp_excel.core.errors import InputError
from lnp_excel.excel.actions import ACTIONS, run_action
from lnp_excel.excel.openpyxl_book import OpenpyxlBook

EXAMPLE = """examples:
  lnp-excel run workbooks/Port_Planner.xlsm plan -o my_plan.xlsm
  lnp-excel run my_csr.xlsm csr-all --rows 2-120     (a batch of rows, C13)
  lnp-excel run my_csr.xlsm undo --overwrite         (in place, atomically)
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    actions = ", ".join(sorted(ACTIONS))
    parser = subparsers.add_parser(
        "run",
        help="run a workbook button's action without Excel",
        description=f"Run one of the workbook actions ({actions}) on a .xlsm file, exactly "
        "as its ribbon button does, and save the result as a new workbook.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("workbook", type=Path, help="Port_Planner.xlsm or CSR_Template.xlsm copy")
    parser.add_argument("action", help="the action name (see above)")
    parser.add_argument("-o", "--output", type=Path, help="result workbook (default: new file)")
    parser.add_argument("--rows", help="only these sheet rows, e.g. 2-40,45 (C13)")
    parser.add_argument("--overwrite", action="store_true", help="write over the input workbook")
    parser.set_defaults(run=run)


def parse_rows(text: str | None) -> list[int] | None:
    """ "2-40,45" -> [2, ..., 40, 45]; a clear error for anything else."""
    if not text:
        return None
    rows: set[int] = set()
    for part in text.split(","):
        bounds = part.strip().split("-")
        try:
            low, high = int(bounds[0]), int(bounds[-1])
        except ValueError:
            raise InputError(f"--rows: '{part}' is not a row or a range like 2-40") from None
        if len(bounds) > 2 or low < 1 or high < low:
            raise InputError(f"--rows: '{part}' is not a row or a range like 2-40")
        rows.update(range(low, high + 1))
    return sorted(rows)


def run(args: argparse.Namespace) -> int:
    output = args.output or (
        args.workbook if args.overwrite else default_output(args.workbook, f"_{args.action}.xlsm")
    )
    book = OpenpyxlBook(
        args.workbook, selection=parse_rows(args.rows), quiet=False, folder=output.parent
    )
    try:
        summary = run_action(book, args.action)
    except InputError as error:
        raise error.located(file=args.workbook.name) from None
    book.save(output, overwrite=args.overwrite)
    print(summary)
    print(f"wrote {output}")
    return 0
