"""The ``lnp-excel`` command: one sub-command per job, all over the same core."""

from __future__ import annotations

import argparse
import sys

from lnp_excel import __version__
from lnp_excel.cli import build_workbooks, csr, normalize, plan, run
from lnp_excel.core.errors import InputError

COMMANDS = (plan, csr, normalize, run, build_workbooks)

DESCRIPTION = """Number porting for agents who live in Excel.

Each command below has its own options and examples: lnp-excel COMMAND --help
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
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage error argparse printed
        return done.code if isinstance(done.code, int) else 2
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
