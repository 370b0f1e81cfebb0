"""`lnp-excel run`: a workbook's ribbon action, headless, on a copy of the workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from lnp_excel.cli.common import parse_rows
from lnp_excel.core.errors import InputError
from lnp_excel.excel.actions import ACTIONS, run_action
from lnp_excel.excel.openpyxl_book import OpenpyxlBook

EXAMPLE = """examples:
  lnp-excel run workbooks/Port_Planner.xlsm plan -o my_plan.xlsm
  lnp-excel run workbooks/CSR_Template.xlsm csr-all --rows 2-120 -o my_csr.xlsm
  lnp-excel run my_csr.xlsm undo --overwrite

--rows picks a batch of sheet rows (C13); --overwrite saves in place, atomically.
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
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="result workbook (default: WORKBOOK_ACTION.xlsm beside it)",
    )
    parser.add_argument("--rows", help="only these sheet rows, e.g. 2-40,45 (C13)")
    parser.add_argument("--overwrite", action="store_true", help="write over the input workbook")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workbook = Path(args.workbook)
    beside = workbook.with_name(f"{workbook.stem}_{args.action}{workbook.suffix or '.xlsm'}")
    output = args.output or (workbook if args.overwrite else beside)
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
