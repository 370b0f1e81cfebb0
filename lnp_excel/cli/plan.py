"""`lnp-excel plan`: a customer's list -> port requests, cost, dates and checklist (P1-P12).

Exit codes: 0 a plan was written; 1 the workbook was written but no request could be
formed (every row is an exception); 2 unusable input, with a message naming the file,
sheet and column.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lnp_excel.cli.common import default_output, pick_column, progress_bar
from lnp_excel.core.columns import CARRIER_ALIASES, NUMBER_ALIASES
from lnp_excel.core.errors import InputError
from lnp_excel.core.plan import Plan, plan_ports
from lnp_excel.io.carrier_directory import read_carrier_directory
from lnp_excel.io.plan_report import NOT_READY, export_requests, write_plan
from lnp_excel.io.tables import read_table

EXAMPLE = """examples:
  lnp-excel plan samples/customer_numbers.csv -o plan.xlsx
  lnp-excel plan customer.xlsx --sheet DIDs --submit-date 2025-03-03 \\
      --requested-date 2025-03-20 --local-licenses 250 --tollfree-licenses 5 --export-dir requests/
  lnp-excel plan customer.csv --carrier-directory my_carriers.csv --export-dir requests/
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
    parser.set_defaults(run=run)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, help="the list (.csv, .xlsx or .xlsm)")
    parser.add_argument("-o", "--output", type=Path, help="the plan workbook (.xlsx)")
    parser.add_argument(
        "--submit-date", metavar="D", help="when the requests go in (YYYY-MM-DD; default today)"
    )
    parser.add_argument(
        "--requested-date", metavar="D", help="the port date the customer wants (YYYY-MM-DD)"
    )
    parser.add_argument("--local-licenses", type=int, metavar="N", help="local licenses on hand")
    parser.add_argument(
        "--tollfree-licenses", type=int, metavar="N", help="toll-free licenses on hand"
    )
    parser.add_argument(
        "--export-dir", type=Path, metavar="DIR", help="write one CSV per self-service request"
    )
    parser.add_argument("--sheet", help="workbook sheet to read (default: found by header)")
    parser.add_argument("--number-column", help="the number column (default: found by name)")
    parser.add_argument("--carrier-column", help="the carrier column (default: found by name)")
    parser.add_argument(
        "--carrier-directory",
        type=Path,
        metavar="FILE",
        help="your carriers (.csv/.xlsx: Carrier, Aliases, Wireless), added to the shipped "
        "directory (P3b)",
    )
    parser.add_argument("--overwrite", action="store_true", help="allow writing over the input")


def run(args: argparse.Namespace) -> int:
    """Plan, write, report; an InputError is printed (file, sheet, column) and exits 2."""
    try:
        return _run(args)
    except InputError as error:
        print(f"lnp-excel: {error}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    source = Path(args.input)
    output = Path(args.output) if args.output else default_output(source, "_plan.xlsx")
    if output.suffix.lower() != ".xlsx":
        raise InputError("the plan is a workbook: name the output .xlsx", file=str(output))
    number_aliases = (args.number_column,) if args.number_column else NUMBER_ALIASES
    table = read_table(source, sheet=args.sheet, alias_groups=(number_aliases, CARRIER_ALIASES))
    number = pick_column(table, args.number_column, NUMBER_ALIASES, role="phone number")
    carrier = pick_column(
        table, args.carrier_column, CARRIER_ALIASES, role="carrier", required=False
    )
    licenses = {"local": args.local_licenses, "toll-free": args.tollfree_licenses}
    directory = read_carrier_directory(getattr(args, "carrier_directory", None))
    try:
        plan = plan_ports(
            table.frame,
            submit_date=args.submit_date,
            requested_date=args.requested_date,
            licenses=licenses if any(v is not None for v in licenses.values()) else None,
            number_column=str(number),
            carrier_column=None if carrier is None else str(carrier),
            carrier_directory=directory,
            progress=progress_bar(),
        )
    except InputError as error:
        raise table.locate(error) from None
    written = write_plan(plan, output, source=source.name, protect=source, overwrite=args.overwrite)
    exports = export_requests(plan, args.export_dir, protect=source) if args.export_dir else []
    _report(plan, number, carrier, written, exports, args.export_dir)
    if plan.requests.empty:
        print(
            f"lnp-excel: no port request could be formed: all {len(plan.numbers):,} rows are "
            f"exceptions (see the Exceptions sheet of {written})",
            file=sys.stderr,
        )
        return 1
    return 0


def _report(
    plan: Plan,
    number: object,
    carrier: object,
    written: Path,
    exports: list[Path],
    export_dir: Path | None,
) -> None:
    requests = plan.requests
    by_path = requests.groupby("path", sort=False)["count"].agg(["size", "sum"])
    paths = ", ".join(f"{int(row['size']):,} {path}" for path, row in by_path.iterrows())
    carrier_text = f"carrier from '{carrier}'" if carrier is not None else "no carrier column"
    if plan.account_columns:  # P3c: the request fields found, by the list's own names
        carrier_text += "; request fields from " + ", ".join(
            f"'{column}'" for column in plan.account_columns.values()
        )
    print(
        f"{_plural(len(plan.numbers), 'row')} from '{number}' ({carrier_text}): "
        f"{_plural(int(requests['count'].sum()), 'number')} in "
        f"{_plural(len(requests), 'request')}"
        + (f" ({paths})" if paths else "")
        + f", {_plural(len(plan.exceptions), 'exception')}"
    )
    if len(requests):
        cost = requests["cost"].sum()
        dated = requests.dropna(subset=["earliest_date"])
        dates = (
            f"; expected port dates {dated['earliest_date'].min():%Y-%m-%d} to "
            f"{dated['latest_date'].max():%Y-%m-%d}"
            if len(dated)
            else ""
        )
        custom = " + Custom by statement of work" if (requests["path"] == "Custom").any() else ""
        print(f"cost ${cost:,.2f}{custom}{dates}")
    shortfall = plan.licenses.dropna(subset=["shortfall"])
    for row in shortfall[shortfall["shortfall"] > 0].itertuples(index=False):
        print(f"license shortfall: {row.shortfall:,} {row.license} ({row.type})")
    print(f"wrote {written}")
    if export_dir is not None:
        apart = sum(path.parent.name == NOT_READY for path in exports)
        held = (
            f" ({apart:,} not ready, carrier unknown: in {Path(export_dir) / NOT_READY})"
            if apart
            else ""
        )
        print(f"wrote {_plural(len(exports), 'request CSV')} to {export_dir}{held}")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")
