"""`lnp-excel loa`: one Letter of Authorization (.docx) per account of a list (L1-L5).

The list is planned as ``plan`` plans it (same options); each account of the plan that has
its authorized person, account number, BTN and service address gets
``LOA_<carrier>_<account>.docx`` in the folder. With ``--csr`` (the losing carriers' CSRs,
as ``check`` reads them) a letter also lists the numbers that stay on the account.

Exit codes: 0 every account got its letter; 1 the letters of the ready accounts were
written and the others are listed with what they lack (L4); 2 unusable input (or letters
already in the folder without ``--overwrite``), with a message naming the file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from lnp_excel.cli.common import default_output, shared_options
from lnp_excel.cli.plan import csr_option, make_plan, plan_options
from lnp_excel.core.carriers import CarrierDirectory
from lnp_excel.core.loa import Letters, letters_of_authorization
from lnp_excel.core.values import plural

EXAMPLE = """examples:
  lnp-excel loa samples/customer_loa.csv -o letters/
  lnp-excel loa samples/customer_loa.csv --submit-date 2026-12-07 --csr samples/csr_att.csv \\
      -o letters_with_csr/
"""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "loa",
        help="write a Letter of Authorization per account (L1-L5)",
        description="Plan a customer's list as `plan` does and write one Letter of "
        "Authorization per account (carrier, account number, BTN, authorized person, "
        "service address), filled in from the list, for the customer to sign.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    shared_options(
        parser,
        input_help="the list (.csv, .xlsx or .xlsm)",
        output_help="the folder for the letters (default: <input>_LOA here)",
        overwrite_help="replace letters already in the folder",
        output_folder=True,
        number_column=True,
    )
    plan_options(parser)
    csr_option(parser, "the letters list the numbers that stay on the account (L1)")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Plan, then write the letters; an InputError reaches ``main``: exit 2."""
    source = Path(args.input)
    folder = args.output_dir or default_output(source, "_LOA")
    csr = None
    if args.csr:
        from lnp_excel.io.carrier_csr import read_csr_files

        csr = read_csr_files(args.csr)
    plan, directory = make_plan(args)
    print(plan.summary_line())
    letters = prepare_letters(
        plan, folder, directory=directory, csr=csr, overwrite=args.overwrite,
        inputs=[source, *args.csr],
    )  # fmt: skip
    return write_and_report(letters, folder, overwrite=args.overwrite)


def prepare_letters(
    plan: object,
    folder: Path,
    *,
    directory: CarrierDirectory,
    csr: pd.DataFrame | None = None,
    overwrite: bool = False,
    inputs: Sequence[Path] = (),
) -> Letters:
    """The letters of ``plan`` (L1-L5), their folder checked: what refuses them (a list
    the letters cannot be drawn from, letters already there) is said before anything is
    written, so ``plan --loa-dir`` never leaves a plan behind an exit 2."""
    from lnp_excel.io.documents.loa import letter_paths

    letters = letters_of_authorization(plan, csr=csr, carrier_directory=directory)
    letter_paths(letters, folder, overwrite=overwrite, inputs=inputs)
    return letters


def write_and_report(letters: Letters, folder: Path, *, overwrite: bool = False) -> int:
    """Write the letters of the ready accounts, list the others (L4); 0 or 1."""
    from lnp_excel.io.documents.loa import write_letters

    written = write_letters(letters, folder, overwrite=overwrite)
    print(f"wrote {plural(len(written), 'letter')} of authorization to {folder}")
    for line in letters.not_ready_lines():
        print(f"lnp-excel: {line}", file=sys.stderr)
    if not letters.letters and not letters.not_ready:
        print("lnp-excel: no number could be planned, so no letter was written", file=sys.stderr)
        return 1
    return 1 if letters.not_ready else 0
