"""`lnp-excel normalize`: clean and classify every number in a list (N1-N6)."""

from __future__ import annotations

import argparse
from pathlib import Path

from lnp_excel.cli.common import default_output, pick_column, progress_bar
from lnp_excel.core.columns import NUMBER_ALIASES
from lnp_excel.core.numbers import normalized_table
from lnp_excel.io.tables import read_table
from lnp_excel.io.workbook_writer import SheetSpec, write_workbook
from lnp_excel.io.writers import write_csv

STATUS_FILLS = {"invalid": "#FFC7CE", "duplicate": "#FFEB9C"}

EXAMPLE = """example:
  lnp-excel normalize samples/messy_numbers.csv -o numbers.xlsx
  lnp-excel normalize customer.xlsx --sheet "DIDs" --column "Main Line"
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "normalize",
        help="clean and classify the numbers in a list (N1-N6)",
        description="Read a .csv/.xlsx/.xlsm list, find the number column and add the "
        "normalized number, region, type, NPA-NXX, status and reason of each row.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", type=Path, help="the list (.csv, .xlsx or .xlsm)")
    parser.add_argument("-o", "--output", type=Path, help="result .xlsx or .csv")
    parser.add_argument("--sheet", help="workbook sheet to read (default: found by header)")
    parser.add_argument("--column", help="the number column (default: found by name)")
    parser.add_argument("--region", default="US", help="region for numbers without +country")
    parser.add_argument("--overwrite", action="store_true", help="allow writing over the input")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    table = read_table(args.input, sheet=args.sheet)
    column = pick_column(table, args.column, NUMBER_ALIASES, role="phone number")
    out = normalized_table(table.frame, column, args.region, progress=progress_bar())
    output = args.output or default_output(args.input, "_normalized.xlsx")
    if output.suffix.lower() == ".csv":
        write_csv(out, output, protect=args.input, overwrite=args.overwrite)
    else:
        status_column = "Status" if "Status" in out.columns else "Status (lnp)"
        fills = {
            (position, status_column): STATUS_FILLS[status]
            for position, status in enumerate(out[status_column])
            if status in STATUS_FILLS
        }
        write_workbook(
            output,
            [SheetSpec("Numbers", out, highlight=fills)],
            protect=args.input,
            overwrite=args.overwrite,
        )
    counts = out[[c for c in out.columns if str(c).startswith("Status")][-1]].value_counts()
    summary = ", ".join(
        f"{counts.get(s, 0):,} {s}" for s in ("ok", "invalid", "duplicate", "empty")
    )
    print(f"{len(out):,} rows from '{column}': {summary}")
    print(f"wrote {output}")
    return 0
