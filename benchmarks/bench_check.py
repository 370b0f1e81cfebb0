"""The CSR check of 20,000 numbers vs planning the same list (issue 19, R1-R9).

The list is 200 accounts of 100 numbers with what a customer gives (BTN, account number,
service address, customer and authorized names); the CSRs are 200 records frames, one
per account, written the other way a carrier writes them (upper case, USPS abbreviations,
ZIP without +4, legal suffix dropped), a few with a wrong ZIP, a stray number, a pending
order or numbers that stay. Both steps are timed in the same run, best of ``--repeat``;
the address caches are emptied before each plan (a new list), and the check runs right
after its plan, as ``plan --csr`` and ``check`` run them:

- plan: ``plan_ports`` on the list;
- check: ``check_requests`` on that plan and the CSR records (the plan is given: the
  check never plans twice when the plan exists; reading the CSR files is timed apart).

Target: the check costs at most half the plan (ratio <= 0.5).

    python benchmarks/bench_check.py [--numbers 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from lnp_excel.core.address import clear_caches as clear_address_caches
from lnp_excel.core.check import check_requests
from lnp_excel.core.check.fields import clear_caches as clear_check_caches
from lnp_excel.core.plan import plan_ports
from lnp_excel.io.carrier_csr import CSR_COLUMNS, read_csr_files

PER_ACCOUNT = 100
NPAS = ("512", "737", "214", "469", "972", "713", "832", "210")
NXXS = tuple(n for n in range(230, 990) if n % 100 != 11)  # no N11 exchange (N3)
TARGET = 0.5


def make_inputs(numbers: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The customer's list and the CSR records of its accounts (see the module doc)."""
    accounts = max(1, numbers // PER_ACCOUNT)
    rows, records = [], []
    for a in range(accounts):
        npa, nxx = NPAS[a // len(NXXS) % len(NPAS)], NXXS[a % len(NXXS)]
        tns = [f"{npa}{nxx}{1000 + line}" for line in range(PER_ACCOUNT)]
        street = f"{10 + a} North Congress Avenue Suite {a % 7 + 1}"
        for tn in tns:
            rows.append(
                (f"({tn[:3]}) {tn[3:6]}-{tn[6:]}", "AT&T", tns[0], f"AC-{a:05d}",
                 f"{street}, Austin, Texas 78701-1234", f"Client {a}, LLC", "Dana Reyes")
            )  # fmt: skip
        listed = tns + ([f"{npa}{nxx}9999"] if a % 50 == 1 else [])
        zip_code = "78702" if a % 50 == 2 else "78701"
        pending = "LSR 5531" if a % 50 == 3 else ""
        for tn in listed:
            records.append(
                ("bench.csv", "AT&T", f"ac {a:05d}", tns[0], f"CLIENT {a}", "DANA REYES",
                 f"{10 + a} N CONGRESS AVE STE {a % 7 + 1}", "AUSTIN", "TX", zip_code,
                 f"{10 + a} N CONGRESS AVE STE {a % 7 + 1}, AUSTIN, TX {zip_code}",
                 False, pending, "", tn)
            )  # fmt: skip
    columns = ["Phone Number", "Carrier", "BTN", "Account Number", "Service Address",
               "Customer Name", "Authorized Name"]  # fmt: skip
    table = pd.DataFrame(rows, columns=columns, index=range(2, len(rows) + 2))
    return table, pd.DataFrame(records, columns=list(CSR_COLUMNS))


def clear_caches() -> None:
    """Forget every address and name read (a new list, new CSRs)."""
    clear_address_caches()
    clear_check_caches()


def timed(run) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def best_of(repeat: int, run) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        clear_caches()
        spent, result = timed(run)
        best = min(best, spent)
    return best, result


def plan_then_check(table: pd.DataFrame, records: pd.DataFrame, repeat: int):
    """Best plan time and best check time, each run pair cold (caches emptied before
    the plan), the check right after its plan as ``plan --csr`` and ``check`` run it."""
    plan_best = check_best = float("inf")
    plan = check = None
    for _ in range(repeat):
        clear_caches()
        spent, plan = timed(lambda: plan_ports(table, submit_date="2027-03-03"))
        plan_best = min(plan_best, spent)
        spent, check = timed(lambda p=plan: check_requests(p, records))
        check_best = min(check_best, spent)
    return plan_best, plan, check_best, check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    table, records = make_inputs(args.numbers)
    plan_time, plan, check_time, check = plan_then_check(table, records, args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "csr.csv"
        wide = records.rename(
            columns={"number": "Working Telephone Number", "account_number": "Account Number",
                     "btn": "BTN", "customer_name": "Customer Name",
                     "service_address": "Service Address", "pending_order": "Pending Order"}
        )[["Account Number", "BTN", "Customer Name", "Service Address", "Pending Order",
           "Working Telephone Number"]]  # fmt: skip
        wide.to_csv(path, index=False)
        read_time, _ = best_of(args.repeat, lambda: read_csr_files([path]))
    ratio = check_time / plan_time
    print(f"{len(table):,} numbers in {len(plan.requests):,} requests, {len(records):,} CSR rows")
    print(f"plan  {plan_time:8.3f} s")
    print(f"check {check_time:8.3f} s  ({len(check.findings):,} findings, "
          f"{len(check.rejected):,} requests would be rejected)")  # fmt: skip
    print(f"read the CSR CSV (for information) {read_time:8.3f} s")
    verdict = "ok" if ratio <= TARGET else "over target"
    print(f"ratio check/plan {ratio:.2f} (target <= {TARGET}): {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
