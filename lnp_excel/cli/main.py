"""The ``lnp-excel`` command: one sub-command per job, all over the same core."""

from __future__ import annotations

import argparse
import sys

from lnp_excel import __version__
from lnp_excel.cli import build_workbooks, csr, normalize, plan, run
from lnp_excel.core.errors import InputError

COMMANDS = (plan, csr, normalize, run, build_workbooks)

DESCRIPTION = """Number porting for agents who live in Excel.

jobs:
  plan              plan port-in requests: routing, cost and dates (P1-P12)
  csr               prepare a port-out CSR: fix, build, legacy, doc, case (C1-C13)
  normalize         clean and classify the numbers in a list
  run               run a workbook button's action without Excel
  build-workbooks   build the .xlsm workbooks from their sources
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lnp-excel",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lnp-excel {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; unusable input exits 2 with a message, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except InputError as error:
        print(f"lnp-excel: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lnp-excel: interrupted; no partial output was left behind", file=sys.stderr)
        return 130
    except OSError as error:
        print(
            f"lnp-excel: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
