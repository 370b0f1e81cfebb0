"""`lnp-excel check`: each port-in request against the losing carrier's CSR (R1-R9).

The list is planned exactly as ``plan`` plans it (same options), then every request is
compared with the CSRs given by ``--csr``. Exit codes: 0 no request would be rejected;
1 some would (the workbook says which and why); 2 unusable input, with a message naming
the file and where.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lnp_excel.cli.common import default_output
from lnp_excel.cli.plan import add_arguments, check_plan, csr_option, plan_list
from lnp_excel.io.carrier_csr import read_csr_files
from lnp_excel.io.check_report import write_check

EXAMPLE = """examples:
  lnp-excel check samples/customer_accounts.csv --csr samples/csr_att.csv -o check.xlsx
  lnp-excel check samples/customer_accounts.csv --csr samples/csr_att.csv \\
      --csr samples/csr_verizon_wireless.json -o check_all.xlsx
"""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "check",
        help="predict carrier rejections: each request against the CSR (R1-R9)",
        description="Plan the customer's list as `plan` does, then compare every request "
        "with the losing carrier's Customer Service Record: account number, BTN, service "
        "address, names, PIN, numbers on the account, partial port, pending orders. "
        "Writes a Check sheet (one finding a row, with the carrier's reject code and the "
        "fix) and a Check Summary (a line per request). Exit 0: no rejection predicted; "
        "1: some request would be rejected; 2: unusable input.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(
        parser,
        output_help="the check workbook (.xlsx; default: <input>_check.xlsx)",
        planning=False,
    )
    csr_option(parser, "every request is compared with them", required=True)
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Plan, check, write, report: 1 when the carrier would reject a request."""
    source = Path(args.input)
    output = Path(args.output) if args.output else default_output(source, "_check.xlsx")
    plan, source, directory = plan_list(args, output)
    check = check_plan(plan, read_csr_files(args.csr), directory)
    inputs = [source, *args.csr, args.carrier_directory]  # none replaced unless --overwrite
    written = write_check(
        check, output, source=source.name, protect=inputs, overwrite=args.overwrite
    )
    print(check.summary_line())
    for line in check.summary.itertuples(index=False):
        if line.rejections:
            print(f"  {line.request}: {line.summary}")
    print(f"wrote {written}")
    return 1 if check.rejected else 0
