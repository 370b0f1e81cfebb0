"""The ``lnp-excel`` command: one sub-command per job, all over the same core.

A command's module (and with it pandas, openpyxl, ...) is imported only when that
command runs: ``--version`` and ``--help`` start in a fraction of ``import pandas``
(issue 14; ``benchmarks/bench_excel.py`` measures it).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from lnp_excel import __version__
from lnp_excel.core.errors import TOO_MUCH_DATA, InputError, OptionError

# Command name -> the module whose ``register(subparsers)`` adds it.
COMMANDS = {
    "plan": "lnp_excel.cli.plan",
    "check": "lnp_excel.cli.check",
    "csr": "lnp_excel.cli.csr",
    "loa": "lnp_excel.cli.loa",
    "normalize": "lnp_excel.cli.normalize",
    "track": "lnp_excel.cli.track",
    "run": "lnp_excel.cli.run",
    "build-workbooks": "lnp_excel.cli.build_workbooks",
    "addin": "lnp_excel.cli.addin",
}

DESCRIPTION = """Number porting for agents who live in Excel.

jobs:
  plan              plan port-in requests: routing, cost and dates (P1-P12)
  check             predict carrier rejections: each request against the CSR (R1-R9)
  csr               prepare a port-out CSR: fix, build, legacy, doc, case (C1-C13)
  loa               write a Letter of Authorization per account (L1-L5)
  normalize         clean and classify the numbers in a list
  track             track the ports: status exports against the plan (T1-T5)
  run               run a workbook button's action without Excel
  build-workbooks   build the .xlsm workbooks from their sources
  addin             install or remove the LNP Tools add-in for Excel (X3)

Each command has its own options and examples: lnp-excel COMMAND --help
"""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; of the commands, only the one ``argv`` names is imported and registered
    (every one when ``argv`` is None), the others are placeholders the help lists."""
    wanted = None if argv is None else next((a for a in argv if not a.startswith("-")), "")
    parser = argparse.ArgumentParser(
        prog="lnp-excel",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lnp-excel {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if wanted is None or name == wanted:
            importlib.import_module(module).register(subparsers)
        else:
            subparsers.add_parser(name)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; unusable input exits 2 with a message, never a traceback."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage error argparse printed
        return done.code if isinstance(done.code, int) else 2
    except OptionError as error:  # an option's value: --local-licenses 1e30 (issue 18)
        print(f"lnp-excel: {error}", file=sys.stderr)
        return 2
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        return _run(args)


def _show_warning(message: Warning | str, *_where: object) -> None:
    """A warning (ours, pandas', openpyxl's) as one line of ours: no source path."""
    text = " ".join(str(message).split())
    print(f"lnp-excel: warning: {text}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args) or 0)
    except InputError as error:
        if error.kind == TOO_MUCH_DATA and getattr(args, "input", None):
            error = error.located(file=Path(args.input).name)  # the input, not our sheet
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
