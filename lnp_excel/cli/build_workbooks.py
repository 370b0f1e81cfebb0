"""`lnp-excel build-workbooks`: write workbooks/*.xlsm and the .xlam add-in from text sources."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build-workbooks",
        help="build Port_Planner.xlsm, CSR_Template.xlsm and LNP_Tools.xlam from their sources",
        description="Write the workbooks and the add-in, byte for byte reproducibly, from "
        "lnp_excel/workbook_src (layouts, ribbon XML, VBA) and the installed xlwings.",
        epilog="example:\n  lnp-excel build-workbooks -o workbooks",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-o", "--output", type=Path, default=Path("workbooks"), help="folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lnp_excel.build.workbooks import build_all

    for path in build_all(args.output):
        print(f"wrote {path}")
    return 0
