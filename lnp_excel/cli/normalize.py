"""`lnp-excel normalize`: clean and classify every number in a list (N1-N6)."""

from __future__ import annotations

import argparse

from lnp_excel.cli.common import (
    default_output,
    explain_rows,
    progress_bar,
    read_list,
    shared_options,
    usable_frame,
)
from lnp_excel.core.numbers import engine_column, normalized_table, summary_line
from lnp_excel.io.workbook_writer import SheetSpec, write_workbook
from lnp_excel.io.writers import write_csv

STATUS_FILLS = {"invalid": "#FFC7CE", "duplicate": "#FFEB9C"}

EXAMPLE = """example:
  lnp-excel normalize samples/messy_numbers.csv -o numbers.xlsx
  lnp-excel normalize samples/customer.xlsx --sheet DIDs --number-column TN
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
    shared_options(
        parser,
        input_help="the list (.csv, .xlsx or .xlsm)",
        output_help="result .xlsx or .csv (default: <input>_normalized.xlsx here)",
        overwrite_help="allow writing over the input",
        number_column=True,
    )
    parser.add_argument("--region", default="US", help="region for numbers without +country")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    table, column = read_list(args)
    frame = usable_frame(table, column, [column])
    out = normalized_table(frame, column, args.region, progress=progress_bar())
    explain_rows(
        out,
        out.iloc[:, 0].tolist(),  # "Row", or "Row (lnp)" when the list has a Row column
        table,
        [column],
        reason=engine_column(out, "Reason"),
        warning=engine_column(out, "Warning"),
    )
    output = args.output or default_output(args.input, "_normalized.xlsx")
    if output.suffix.lower() == ".csv":
        write_csv(out, output, protect=args.input, overwrite=args.overwrite)
    else:
        status_column = engine_column(out, "Status")
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
    print(summary_line(out, column))
    print(f"wrote {output}")
    return 0
