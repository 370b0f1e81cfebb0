"""`lnp-excel track`: the plan against the platforms' status exports (T1-T5).

Exit codes: 0 the tracker was written and nothing is overdue or in exception; 1 written,
and something is (T3); 2 unusable input, with a message naming the file and where.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lnp_excel.cli.common import pick_column, read_list, usable_frame
from lnp_excel.core.carriers import CarrierDirectory
from lnp_excel.core.columns import CARRIER_ALIASES
from lnp_excel.core.errors import InputError
from lnp_excel.core.plan import Plan, plan_ports
from lnp_excel.core.track import track_ports
from lnp_excel.core.values import DATE_FORMATS_SHOWN as DATES
from lnp_excel.core.values import parse_date
from lnp_excel.io.carrier_directory import read_carrier_directory
from lnp_excel.io.status_exports import read_status_exports
from lnp_excel.io.tracker_report import (
    is_plan_workbook,
    previous_statuses,
    read_plan_workbook,
    read_tracker,
    write_tracker,
)

EXAMPLE = """examples:
  lnp-excel track samples/customer_numbers.csv samples/exports/bandwidth_portins.csv \\
      --as-of 2026-03-20 -o tracker.xlsx
  lnp-excel track samples/customer_numbers.csv samples/exports/telnyx_porting_orders.json \\
      samples/exports/twilio_port_in.json samples/exports/agent_status.csv -o tracker.xlsx
"""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "track",
        help="track the ports: status exports against the plan (T1-T5)",
        description="Read the plan workbook and the platforms' status exports (Bandwidth, "
        "Telnyx, Twilio, or your own CSV) and write a tracker: one row per request with "
        "its status, SLA due date, FOC date, what is overdue, what to fix, and the "
        "day-of-port checks. Naming an existing tracker with -o updates it, keeping its "
        "history and your own columns.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "plan",
        type=Path,
        help="the plan workbook lnp-excel plan wrote, or the customer's list (planned the "
        "same way)",
    )
    parser.add_argument(
        "exports", type=Path, nargs="+", metavar="EXPORT", help="status exports (.csv/.json/.xlsx)"
    )
    parser.add_argument(
        "--as-of", metavar="DATE", help=f"the day to judge by ({DATES}; default today)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the tracker (.xlsx; default tracker.xlsx)",
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="replace an output that is not a tracker"
    )
    parser.add_argument(
        "--carrier-directory",
        type=Path,
        metavar="FILE",
        help="your carriers, added to the shipped directory (P3b)",
    )
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    output = Path(args.output) if args.output else Path.cwd() / "tracker.xlsx"
    if output.suffix.lower() != ".xlsx":
        raise InputError("the tracker is a workbook: name the output .xlsx", file=str(output))
    for given in (args.plan, *args.exports):
        if output.exists() and output.resolve() == Path(given).resolve():
            raise InputError(
                "the tracker would replace an input: name another -o", file=str(output)
            )
    as_of = parse_date(args.as_of, "--as-of date")
    directory = read_carrier_directory(args.carrier_directory)
    plan = read_plan_workbook(args.plan) if is_plan_workbook(args.plan) else _plan(args, directory)
    orders = read_status_exports(args.exports)
    earlier = None if args.overwrite else read_tracker(output)
    old, history = earlier if earlier is not None else (None, None)
    tracking = track_ports(
        plan,
        orders,
        as_of=as_of,
        previous=previous_statuses(old),
        history=history,
        carrier_directory=directory,
    )
    written = write_tracker(tracking, output, old=old)
    print(tracking.summary_line())
    print(f"{'updated' if earlier is not None else 'wrote'} {written}")
    return 1 if tracking.attention else 0


def _plan(args: argparse.Namespace, directory: CarrierDirectory) -> Plan:
    """The customer's list planned as ``lnp-excel plan`` does: the same request ids."""
    listed = argparse.Namespace(input=args.plan, sheet=None, number_column=None)
    table, number = read_list(listed, CARRIER_ALIASES)
    carrier = pick_column(table, None, CARRIER_ALIASES, role="carrier", required=False)
    read = [c for c in (number, carrier) if c is not None]
    try:
        return plan_ports(
            usable_frame(table, number, read),
            number_column=str(number),
            carrier_column=None if carrier is None else str(carrier),
            carrier_directory=directory,
        )
    except InputError as error:
        raise table.locate(error) from None
