"""`lnp-excel addin install|remove`: the LNP Tools add-in in Excel's start-up folder (X3)."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """what install does (as `xlwings addin install` does for its own add-in):
  copies LNP_Tools.xlam into Excel's start-up folder (XLSTART), so Excel opens it at
  every start, and writes this Python as RunPython's interpreter into the xlwings
  settings (~/.xlwings/xlwings.conf). Quit Excel first; start it again afterwards.

example:
  lnp-excel addin install --folder out/XLSTART --config out/xlwings.conf
  lnp-excel addin remove --folder out/XLSTART
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "addin",
        help="install or remove the LNP Tools add-in (LNP_Tools.xlam) for Excel",
        description="Install the LNP Tools add-in for Excel, or remove it again.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("job", choices=("install", "remove"))
    parser.add_argument(
        "--folder",
        type=Path,
        help="Excel's start-up folder (default: $LNP_EXCEL_STARTUP, a running Excel's, "
        "else %%APPDATA%%\\Microsoft\\Excel\\XLSTART or the Mac's Startup/Excel)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        help="the xlwings settings file (default: $LNP_EXCEL_XLWINGS_CONF, else "
        "xlwings' own, ~/.xlwings/xlwings.conf)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from lnp_excel.excel.addin_install import ADDIN, install, remove

    if args.job == "install":
        for line in install(args.folder, args.config):
            print(line)
        print("Start Excel again: the LNP Tools tab is on the ribbon.")
        return 0
    removed = remove(args.folder)
    print(f"removed {removed}" if removed else f"{ADDIN} was not installed there")
    return 0
