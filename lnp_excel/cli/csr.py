"""`lnp-excel csr`: port-out CSR preparation (C1-C13), one sub-command per job.

csr fix     correct a CSR export (C1-C6, C13) -> 8x8_<Customer>_CSR.csv + review .xlsx
csr build   build a CSR from the number inventory export (C5)
csr legacy  build a CSR from a Legacy CRM export (C7)
csr doc     one Word document per carrier from a CSR (C9)
csr case    the CSR request case text (C11, C12) and the escalation answer (C10)
"""

from __future__ import annotations

import argparse
import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from lnp_excel.cli.common import parse_rows, shared_options
from lnp_excel.cli.csr_number import number_named
from lnp_excel.cli.csr_output import finish
from lnp_excel.core.columns import NUMBER_ALIASES, find_column
from lnp_excel.core.csr.build import build_from_inventory
from lnp_excel.core.csr.document import csr_columns
from lnp_excel.core.csr.escalation import csr_request_cases, escalation_answer
from lnp_excel.core.csr.fix import fix_csr
from lnp_excel.core.csr.legacy import build_from_legacy
from lnp_excel.core.errors import InputError
from lnp_excel.core.settings import Settings
from lnp_excel.core.values import DATE_FORMATS_SHOWN as DATES
from lnp_excel.core.values import plural
from lnp_excel.io.csr_files import (
    read_address_matrix,
    read_carrier_lookup,
    read_csr,
    read_port_orders_file,
    write_csr_documents,
)
from lnp_excel.io.tables import SourceTable, read_table

EXAMPLES = """examples (each writes 8x8_Acme Dental_CSR.csv, so each into its own folder):
  lnp-excel csr fix samples/csr/csr_export.csv --customer "Acme Dental" \\
      --port-orders samples/csr/port_orders.csv \\
      --billing-address "100 Main St, Austin, TX 78701" -o fixed
  lnp-excel csr build samples/csr/inventory_export.xlsx --customer "Acme Dental" \\
      --first-name Dana --last-name Reyes --billing-address "100 Main St, Austin, TX 78701" \\
      -o built
  lnp-excel csr legacy samples/csr/legacy_export.csv --customer "Acme Dental" \\
      --company "Acme Dental LLC" --authorized-name "Dana Reyes" \\
      --billing-address "100 Main St, Austin, TX 78701" -o legacy
  lnp-excel csr doc "fixed/8x8_Acme Dental_CSR.csv" -o docs
  lnp-excel csr case 2125550100 2125550101 --verification "Caller passed PIN check; role \\
      includes Phone Numbers" --reason "PIN mismatch" --carrier "Onvoy, LLC"
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``csr`` and its sub-commands; ``args.run`` is set to ``run``."""
    parser = subparsers.add_parser(
        "csr",
        help="prepare a port-out CSR: fix, build, legacy, doc, case (C1-C13)",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    steps = parser.add_subparsers(dest="csr_command", metavar="STEP", required=True)

    fix = steps.add_parser(
        "fix",
        help="correct a CSR export (nulls, non-US and blank addresses, PIN, BTN, C1, C13)",
        description="Correct a CSR export as the CSR article says; write the customer CSV "
        "and a review workbook (changes highlighted, Changes and Flags sheets).",
    )
    _shared(fix, "the CSR export (.csv or .xlsx)")
    _customer(fix)
    _address_options(fix)
    fix.add_argument(
        "--as-of", metavar="DATE", help=f"judge C1 (60 days) on this date ({DATES}; default today)"
    )
    fix.add_argument("--rows", help="a batch of sheet rows only (C13), e.g. 2-40,45")
    fix.add_argument(
        "--numbers",
        help="a batch by phone number (C13): numbers separated by commas, or a .csv/.xlsx "
        "file with a number column",
    )
    _output_options(fix)

    build = steps.add_parser(
        "build",
        help="build a CSR from the DMW number inventory export (C5)",
        description="Build a CSR from the number inventory export when the CSR tool is down.",
    )
    _shared(build, "the inventory export (.xlsx or .csv)")
    _customer(build)
    build.add_argument("--first-name", help="the account administrator's first name")
    build.add_argument("--last-name", help="the account administrator's last name")
    _address_options(build)
    build.add_argument("--as-of", metavar="DATE", help=f"judge C1 (60 days) on this date ({DATES})")
    _output_options(build)

    legacy = steps.add_parser(
        "legacy",
        help="build a CSR from a Legacy CRM number export (C7)",
        description="Build a CSR for a Legacy CRM account: BTN = lowest number per carrier.",
    )
    _shared(legacy, "the Legacy CRM export (.csv or .xlsx)")
    _customer(legacy)
    legacy.add_argument("--company", help="the Company Name in Salesforce")
    legacy.add_argument("--authorized-name", help="the authorized contact on the case")
    legacy.add_argument("--account-number", help="the customer id in Salesforce")
    _address_options(legacy)
    legacy.add_argument(
        "--as-of", metavar="DATE", help=f"judge C1 (60 days) on this date ({DATES})"
    )
    _output_options(legacy)

    doc = steps.add_parser(
        "doc",
        help="one Word document per carrier from a CSR (C9)",
        description="Write one .docx per carrier, sorted by address, one section per address.",
    )
    doc.add_argument(
        "input",
        type=Path,
        help="the CSR (.csv or .xlsx), e.g. 8x8_Acme_CSR.csv or its 8x8_Acme_CSR_review.xlsx",
    )
    doc.add_argument("--customer", help="customer name (default: from the file name)")
    doc.add_argument("--template", type=Path, help="a Blank_CSR.docx of your own")
    doc.add_argument("-o", "--output-dir", type=Path, default=Path("."), help="output folder")

    case = steps.add_parser(
        "case",
        help="print the CSR request case (C11, C12) and the escalation answer (C10)",
        description="Print the Salesforce case to create for a CSR request.",
    )
    case.add_argument("numbers", nargs="*", help="the numbers porting out")
    case.add_argument("--from", dest="from_file", type=Path, help="a .csv/.xlsx of numbers")
    case.add_argument("--verification", required=True, help="the security verification performed")
    case.add_argument("--reason", help="why the port-out was rejected")
    case.add_argument("--carrier", help="the carrier that rejected it (adds the C10 answer)")
    case.add_argument(
        "--pin-request", action="store_true", help="sub-category Account #/PIN Request"
    )
    case.add_argument("--as-of", metavar="DATE", help=f"case date ({DATES}; default today)")
    parser.set_defaults(run=run)


def _customer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--customer", required=True, help="customer name for 8x8_<NAME>_CSR.csv (C8)"
    )


def _address_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port-orders",
        type=Path,
        help="port orders: a number column and the LOA address, in one column or split "
        "(LOA Street, LOA City, LOA State, LOA ZIP) (C4, C4a)",
    )
    parser.add_argument("--billing-address", help="the account's billing address (C4)")
    parser.add_argument("--address-matrix", type=Path, help="your Address Matrix (C4)")
    parser.add_argument("--carrier-lookup", type=Path, help="your Carrier Lookup matrix (C3)")


def _shared(parser: argparse.ArgumentParser, input_help: str) -> None:
    shared_options(
        parser,
        input_help=input_help,
        output_help="output folder (default: here, or ./corrected)",
        overwrite_help="replace the 8x8_<Customer>_CSR files already in the output folder",
        output_folder=True,
        number_column=True,
    )


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-review", action="store_true", help="write the customer CSV only (large files)"
    )


def run(args: argparse.Namespace) -> int:
    """Run one ``csr`` sub-command; an InputError reaches ``main`` (exit 2, message)."""
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "fix": _fix,
        "build": _build,
        "legacy": _legacy,
        "doc": _doc,
        "case": _case,
    }
    return handlers[args.csr_command](args)


# --- sub-commands -------------------------------------------------------------------------


def _fix(args: argparse.Namespace) -> int:
    settings = Settings()
    customer = _customer_name(args.customer)
    table = read_csr(args.input, sheet=args.sheet)
    frame, restore = number_named(table, args.number_column)
    lookups = _lookups(args, settings)
    rows = parse_rows(args.rows)
    numbers = _parse_numbers(args.numbers) if args.numbers else None
    with _located(table):
        result = fix_csr(
            frame,
            customer=customer,
            as_of=args.as_of,
            settings=settings,
            batch_rows=rows,
            batch_numbers=numbers,
            **lookups,
        )
    return finish(restore(result), args, settings, table)


def _build(args: argparse.Namespace) -> int:
    settings = Settings()
    customer = _customer_name(args.customer)
    table = read_csr(args.input, sheet=args.sheet)
    frame, restore = number_named(table, args.number_column)
    lookups = _lookups(args, settings)
    with _located(table):
        result = build_from_inventory(
            frame,
            customer=customer,
            first_name=args.first_name,
            last_name=args.last_name,
            as_of=args.as_of,
            settings=settings,
            **lookups,
        )
    return finish(restore(result), args, settings, table)


def _legacy(args: argparse.Namespace) -> int:
    settings = Settings()
    customer = _customer_name(args.customer)
    table = read_csr(args.input, sheet=args.sheet)
    frame, restore = number_named(table, args.number_column)
    lookups = _lookups(args, settings)
    with _located(table):
        result = build_from_legacy(
            frame,
            customer=customer,
            company=args.company,
            authorized_name=args.authorized_name,
            account_number=args.account_number,
            as_of=args.as_of,
            settings=settings,
            **lookups,
        )
    return finish(restore(result), args, settings, table)


def _doc(args: argparse.Namespace) -> int:
    settings = Settings()
    table = read_table(args.input, alias_groups=(NUMBER_ALIASES,))
    table.require(table.frame.columns)
    customer = _customer_name(args.customer or _customer_from_name(args.input, settings))
    inputs = [args.input] + ([args.template] if args.template else [])
    with _located(table):
        written = write_csr_documents(
            csr_columns(table.frame),  # the CSR's columns, even from the review workbook
            args.output_dir,
            customer=customer,
            template=args.template,
            inputs=inputs,
            settings=settings,
        )
    print(f"{plural(len(written), 'document')}, one per carrier:")
    for path in written:
        print(f"wrote {path}")
    return 0


def _case(args: argparse.Namespace) -> int:
    numbers: list[object] = list(args.numbers)
    if args.from_file:
        table = read_table(args.from_file)
        with _located(table):
            column = find_column(list(table.frame.columns), NUMBER_ALIASES, role="phone number")
        table.require([column])
        numbers += [v for v in table.frame[column].tolist() if str(v).strip()]
    if args.carrier:
        answer = escalation_answer(args.carrier, args.reason or "")
        print(f"Escalation (C10): {answer.situation}: {answer.resolution}")
        print()
    cases = csr_request_cases(
        numbers,
        verification=args.verification,
        rejection_reason=args.reason,
        pin_request=args.pin_request,
        as_of=args.as_of,
    )
    for position, case in enumerate(cases):
        if position:
            print("\n" + "-" * 60 + "\n")
        print(case.text())
    return 0


# --- helpers ------------------------------------------------------------------------------


@contextlib.contextmanager
def _located(table: SourceTable) -> Iterator[None]:
    """Add the input file and sheet to errors the core raises about the table."""
    try:
        yield
    except InputError as error:
        raise table.locate(error) from None


def _lookups(args: argparse.Namespace, settings: Settings) -> dict[str, object]:
    return {
        "port_orders": read_port_orders_file(args.port_orders) if args.port_orders else None,
        "billing_address": args.billing_address,
        "address_matrix": read_address_matrix(args.address_matrix, settings)
        if args.address_matrix
        else None,
        "carrier_lookup": read_carrier_lookup(args.carrier_lookup, settings)
        if args.carrier_lookup
        else None,
    }


def _customer_name(name: str | None) -> str:
    if not name or not name.strip():
        raise InputError("give the customer's name with --customer (it names the CSR file, C8)")
    return name.strip()


def _customer_from_name(path: Path, settings: Settings) -> str:
    """``8x8_Acme_Dental_CSR.csv`` or ``..._CSR_review.xlsx`` -> "Acme_Dental"; any other
    name -> its stem."""
    from lnp_excel.io.csr_files import customer_from_file_name

    return customer_from_file_name(path.name, settings) or path.stem


def _parse_numbers(spec: str) -> list[object]:
    """Numbers separated by commas or semicolons, or a file holding a number column."""
    path = Path(spec)
    if path.suffix.lower() in {".csv", ".txt", ".xlsx", ".xlsm"}:
        table = read_table(path)  # a missing file is an InputError naming it
        with _located(table):
            column = find_column(list(table.frame.columns), NUMBER_ALIASES, role="phone number")
        table.require([column])
        return [v for v in table.frame[column].tolist() if str(v).strip()]
    numbers = [part.strip() for part in re.split(r"[,;\n]", spec) if part.strip()]
    if not numbers:
        raise InputError("--numbers: no numbers given")
    return numbers
