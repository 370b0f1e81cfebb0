"""`lnp-excel plan`: a customer's list -> port requests, cost, dates and checklist (P1-P12).

Exit codes: 0 a plan was written; 1 the workbook was written but no request could be
formed (every row is an exception), or with ``--loa-dir`` an account got no letter (L4);
2 unusable input, with a message naming the file, sheet and column.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from lnp_excel.cli.common import (
    count_option,
    date_option,
    default_output,
    explain_rows,
    pick_column,
    progress_bar,
    read_list,
    shared_options,
    usable_frame,
)
from lnp_excel.core.carriers import CarrierDirectory
from lnp_excel.core.check import Check, check_requests
from lnp_excel.core.columns import CARRIER_ALIASES
from lnp_excel.core.errors import InputError
from lnp_excel.core.plan import Plan, plan_ports
from lnp_excel.core.values import DATE_FORMATS_SHOWN as DATES
from lnp_excel.core.values import plural
from lnp_excel.io.carrier_csr import read_csr_files
from lnp_excel.io.carrier_directory import read_carrier_directory
from lnp_excel.io.check_report import held_back
from lnp_excel.io.plan_report import (
    NOT_READY,
    REASONS_FILE,
    export_requests,
    write_plan,
    zero_led_examples,
)
from lnp_excel.io.request_folder import earlier_requests

EXAMPLE = """examples:
  lnp-excel plan samples/customer_numbers.csv -o plan.xlsx
  lnp-excel plan samples/customer.xlsx --sheet DIDs --submit-date 3/3/2027 \\
      --requested-date 2027-03-20 --local-licenses 250 --tollfree-licenses 5 --export-dir requests/
  lnp-excel plan samples/customer_accounts.csv --carrier-directory samples/my_carriers.csv \\
      --export-dir acme_requests/
  lnp-excel plan samples/customer_accounts.csv -o acme_plan.xlsx --export-dir acme_requests/ \\
      --overwrite
  lnp-excel plan samples/customer_loa.csv --submit-date 2026-12-07 --loa-dir letters/
  lnp-excel plan samples/customer_accounts.csv --csr samples/csr_att.csv -o checked_plan.xlsx \\
      --export-dir checked_requests/
"""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "plan",
        help="plan port-in requests: routing, cost and dates (P1-P12)",
        description="Read a customer's list of numbers (and the current carrier of each) "
        "and write the port requests to submit, what each costs and when it should land, "
        "the exceptions and the checklist, as one workbook.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    csr_option(parser, "adds the Check sheets, holds predicted rejections back (R1-R9)")
    parser.set_defaults(run=run)
    return parser


def add_arguments(
    parser: argparse.ArgumentParser, *, output_help: str | None = None, planning: bool = True
) -> None:
    """The options of ``plan``; ``check`` shares those that shape the requests (it plans
    the list the same way), ``planning`` adds licenses and request files."""
    shared_options(
        parser,
        input_help="the list (.csv, .xlsx or .xlsm)",
        output_help=output_help or "the plan workbook (.xlsx; default: <input>_plan.xlsx here)",
        overwrite_help="allow writing over the input, and replace the request files an "
        "earlier plan wrote into --export-dir (its manifest names them)",
        number_column=True,
    )
    if planning:
        parser.add_argument(
            "--local-licenses",
            metavar="N",
            type=count_option("--local-licenses", "local license count"),
            help="local licenses on hand",
        )
        parser.add_argument(
            "--tollfree-licenses",
            metavar="N",
            type=count_option("--tollfree-licenses", "toll-free license count"),
            help="toll-free licenses on hand",
        )
        parser.add_argument(
            "--export-dir", type=Path, metavar="DIR", help="write one CSV per self-service request"
        )
        parser.add_argument(
            "--loa-dir",
            type=Path,
            metavar="DIR",
            help="write one Letter of Authorization (.docx) per account (L1-L5)",
        )
    plan_options(parser, dates=planning)


def plan_options(parser: argparse.ArgumentParser, *, dates: bool = True) -> None:
    """What planning a list takes, for ``plan`` and the commands that plan first (check,
    loa); ``check`` compares fields, so it takes no dates."""
    if dates:
        parser.add_argument(
            "--submit-date",
            metavar="DATE",
            type=date_option("--submit-date", "submission date"),
            help=f"when the requests go in ({DATES}; default today)",
        )
        parser.add_argument(
            "--requested-date",
            metavar="DATE",
            type=date_option("--requested-date", "requested date"),
            help=f"the port date the customer wants ({DATES})",
        )
    parser.add_argument("--carrier-column", help="the carrier column (default: found by name)")
    parser.add_argument(
        "--carrier-directory",
        type=Path,
        metavar="FILE",
        help="your carriers (.csv/.xlsx: Carrier, Aliases, Wireless, Bill Copy), added to the "
        "shipped directory (P3b)",
    )


def csr_option(parser: argparse.ArgumentParser, what: str, *, required: bool = False) -> None:
    """``--csr FILE`` (repeatable), the losing carriers' CSRs, for plan, check and loa."""
    parser.add_argument(
        "--csr",
        type=Path,
        action="append",
        default=[],
        required=required,
        metavar="FILE",
        help="a losing carrier's CSR: an agent's .csv/.xlsx, Telnyx customer_service_record "
        f".json or Bandwidth CsrData .xml; repeat for more: {what}",
    )


def plan_list(args: argparse.Namespace, output: Path) -> tuple[Plan, Path, CarrierDirectory]:
    """Read the list and plan it (P1-P12), rows explained; errors located (exit 2)."""
    source = Path(args.input)
    if output.suffix.lower() != ".xlsx":
        raise InputError("the output is a workbook: name the output .xlsx", file=str(output))
    if getattr(args, "export_dir", None):  # another plan's request files: refused first (P3c)
        earlier_requests(args.export_dir, replace=args.overwrite)
    plan, directory = make_plan(args)
    return plan, source, directory


def make_plan(args: argparse.Namespace) -> tuple[Plan, CarrierDirectory]:
    """The plan of ``args.input`` with the plan options, and the carrier directory used;
    rows the reader could not use carry their reason (``explain_rows``)."""
    table, number = read_list(args, CARRIER_ALIASES)
    carrier = pick_column(
        table, args.carrier_column, CARRIER_ALIASES, role="carrier", required=False
    )
    read = [c for c in (number, carrier) if c is not None]
    licenses = {
        "local": getattr(args, "local_licenses", None),
        "toll-free": getattr(args, "tollfree_licenses", None),
    }
    directory = read_carrier_directory(getattr(args, "carrier_directory", None))
    try:
        plan = plan_ports(
            usable_frame(table, number, read),
            submit_date=getattr(args, "submit_date", None),
            requested_date=getattr(args, "requested_date", None),
            licenses=licenses if any(v is not None for v in licenses.values()) else None,
            number_column=str(number),
            carrier_column=None if carrier is None else str(carrier),
            carrier_directory=directory,
            progress=progress_bar(),
        )
    except InputError as error:
        raise table.locate(error) from None
    explain_rows(plan.numbers, plan.numbers.index, table, read, reason="reason", warning="warning")
    return plan, directory


def check_plan(plan: Plan, records: pd.DataFrame, directory: CarrierDirectory) -> Check:
    """The plan's requests against the CSR records of ``--csr`` (R1-R9)."""
    return check_requests(plan, records, carrier_directory=directory)


def run(args: argparse.Namespace) -> int:
    """Plan, check, write, report; an InputError (file, sheet, column) reaches ``main``:
    exit 2."""
    source = Path(args.input)
    output = Path(args.output) if args.output else default_output(source, "_plan.xlsx")
    plan, source, directory = plan_list(args, output)
    records = read_csr_files(args.csr) if args.csr else None
    check = check_plan(plan, records, directory) if records is not None else None
    letters = None
    if args.loa_dir is not None:  # refused (exit 2) before the plan is written, if at all
        from lnp_excel.cli.loa import prepare_letters, write_and_report

        letters = prepare_letters(
            plan, args.loa_dir, directory=directory, csr=records,  # staying numbers (L1)
            overwrite=args.overwrite, inputs=[source, *args.csr],
        )  # fmt: skip
    inputs = [source, *args.csr, args.carrier_directory]  # none replaced unless --overwrite
    written = write_plan(
        plan, output, source=source.name, protect=inputs, overwrite=args.overwrite, check=check
    )
    exports = []
    if args.export_dir:
        held = held_back(check) if check is not None else None
        exports = export_requests(
            plan,
            args.export_dir,
            protect=source,
            held=held,
            overwrite=args.overwrite,
            source=source.name,
        )
    _report(plan, written, exports, args.export_dir)
    if check is not None:
        print(check.summary_line())
    code = 0
    if letters is not None:
        code = write_and_report(letters, args.loa_dir, overwrite=args.overwrite)
    if plan.requests.empty:
        print(
            f"lnp-excel: no port request could be formed: all {len(plan.numbers):,} rows are "
            f"exceptions (see the Exceptions sheet of {written})",
            file=sys.stderr,
        )
        return 1
    return code


def _report(plan: Plan, written: Path, exports: list[Path], export_dir: Path | None) -> None:
    print(plan.summary_line())
    print(f"wrote {written}")
    if export_dir is not None:
        apart = sum(path.parent.name == NOT_READY for path in exports)
        reasons = Path(export_dir) / NOT_READY / REASONS_FILE
        why = f"reasons in {reasons}" if reasons.exists() else "carrier unknown"
        held = f" ({apart:,} not ready, {why}: in {Path(export_dir) / NOT_READY})"
        print(f"wrote {plural(len(exports), 'request CSV')} to {export_dir}{held if apart else ''}")
        zeros = zero_led_examples(plan)
        if zeros and exports:
            shown = ", ".join(f"{field} {value}" for field, value in zeros.items())
            print(
                f"note: Excel drops the leading zeros of these request fields ({shown}) when "
                "it opens a CSV; the request files are right as written: upload them as they "
                f"are and check the values on the Requests sheet of {written.name}"
            )
