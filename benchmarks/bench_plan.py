"""Planning 1,000,000 numbers in the core vs reading the same table from CSV (issue 3).

The table is what a large reseller pastes: a "Phone Number" column in mixed human formats
over a few thousand NPA-NXX (some Canadian, a few international and toll-free, duplicates,
blanks and junk) and a "Current Carrier" column with ~20 carriers in several spellings.
It is written to a temporary CSV first; the baseline is ``pd.read_csv(path, dtype=str)``.
Planning time is ``plan_ports`` on the in-memory table, number engine included, no file
I/O. Both are timed in the same run (best of ``--repeat``); the ratio is printed.
Target: planning costs no more than reading the CSV (ratio <= 1).

It also prints, for information, the cost of three steps any planner must take on the
same table (read each input string once, code the carriers, create the Number column's
strings): the part of the budget no implementation can spend elsewhere.

It also plans the frame ``read_csv`` returned. Those are the same
numbers, but their strings lie in memory in row order, as every reader (CSV, openpyxl,
xlwings) creates them; the generated table's strings are scattered across the eight
format arrays it was assembled from, and walking a million scattered strings costs
several times more. The target is judged on the generated table, the harder case.

    python benchmarks/bench_plan.py [--rows 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.numbers.engine import text_array
from lnp_excel.core.numbers.verdicts import ten_digit_texts
from lnp_excel.core.plan import plan_ports

CARRIERS = np.array(
    [
        "AT&T",
        "at&t ",
        "AT & T",
        "Verizon",
        "Verizon Business",
        "verizon",
        "Lumen",
        "CenturyLink",
        "Comcast Business",
        "Spectrum",
        "Frontier",
        "Windstream",
        "Level 3",
        "Level3",
        "Bandwidth",
        "Onvoy, LLC",
        "Cox",
        "Zayo",
        "RingCentral",
        "Vonage",
        "T-Mobile",
        "Consolidated",
        "Bell Canada",
        "Rogers",
        "",
        "N/A",
    ],
    dtype=object,
)
WEIGHTS = np.array(
    [8, 3, 1, 8, 4, 2, 4, 3, 5, 5, 3, 3, 2, 1, 3, 2, 3, 2, 3, 3, 3, 2, 2, 2, 4, 1], dtype=float
)
INTERNATIONAL = np.array(
    ["+44 20 7946 0958", "+61 2 9374 4000", "+33 1 42 68 53 00", "+49 30 901820"], dtype=object
)
JUNK = np.array(["TBD", "212-736-123", "2.12736E+09", "call front desk", "ext 204"], dtype=object)
US_NPA = np.array(
    [
        212,
        213,
        312,
        415,
        512,
        617,
        646,
        702,
        713,
        818,
        917,
        303,
        404,
        206,
        305,
        480,
        602,
        718,
        773,
        832,
        503,
        614,
        919,
        704,
        615,
        801,
        858,
        210,
        214,
        469,
        720,
        571,
    ],
)
CA_NPA = np.array([416, 647, 604, 514, 403, 613])
TOLL_FREE_NPA = np.array([800, 833, 844, 855, 866, 877, 888])


def make_table(rows: int, seed: int = 3) -> pd.DataFrame:
    """A realistic list, generated with numpy (a few seconds for a million rows)."""
    rng = np.random.default_rng(seed)
    # ~4,000 exchanges: 88% US, 7% Canada, 5% toll-free; numbers cluster in them.
    exchanges = 4000
    region = rng.random(exchanges)
    npa = np.where(
        region < 0.88,
        rng.choice(US_NPA, exchanges),
        np.where(
            region < 0.95, rng.choice(CA_NPA, exchanges), rng.choice(TOLL_FREE_NPA, exchanges)
        ),
    )
    nxx = rng.integers(201, 999, exchanges)
    nxx = np.where(nxx % 100 == 11, nxx + 1, nxx)
    nxx = np.where(nxx == 555, 556, nxx)
    which = rng.integers(0, exchanges, rows)
    a, b = npa[which], nxx[which]
    c = rng.integers(0, 10000, rows)
    ten = (a * 10_000_000 + b * 10_000 + c).astype(np.int64)
    digits = ten.astype(str).astype(object)
    a_s, b_s, c_s = (pd.Series(x.astype(str), dtype=object) for x in (a, b, c))
    c_s = c_s.str.zfill(4)
    styles = [
        "(" + a_s + ") " + b_s + "-" + c_s,
        a_s + "." + b_s + "." + c_s,
        "+1 " + a_s + " " + b_s + " " + c_s,
        "1-" + a_s + "-" + b_s + "-" + c_s,
        pd.Series(digits),
        a_s + "-" + b_s + "-" + c_s,
        " " + pd.Series(digits) + " ",
        a_s + "\u00a0" + b_s + "\u00a0" + c_s,
    ]
    style = rng.integers(0, len(styles), rows)
    phone = np.empty(rows, dtype=object)
    for index, values in enumerate(styles):
        chosen = style == index
        phone[chosen] = values.to_numpy(dtype=object)[chosen]
    kind = rng.random(rows)
    phone[kind < 0.01] = rng.choice(INTERNATIONAL, int((kind < 0.01).sum()))
    junk = (kind >= 0.01) & (kind < 0.015)
    phone[junk] = rng.choice(JUNK, int(junk.sum()))
    phone[(kind >= 0.015) & (kind < 0.02)] = ""
    repeat = (kind >= 0.02) & (kind < 0.04)  # 2% repeats of earlier rows
    phone[repeat] = phone[rng.integers(0, rows, int(repeat.sum()))]
    # Carriers are mostly per exchange (a customer site keeps one carrier), with noise.
    exchange_carrier = rng.choice(len(CARRIERS), exchanges, p=WEIGHTS / WEIGHTS.sum())
    carrier_code = exchange_carrier[which]
    noisy = rng.random(rows) < 0.2
    carrier_code[noisy] = rng.choice(len(CARRIERS), int(noisy.sum()), p=WEIGHTS / WEIGHTS.sum())
    return pd.DataFrame({"Phone Number": phone, "Current Carrier": CARRIERS[carrier_code]})


def best_of(repeat: int, run) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def unavoidable_steps(table: pd.DataFrame, repeat: int) -> dict[str, float]:
    """Seconds of the steps every plan of ``table`` takes, however it is written."""
    phones = table["Phone Number"].to_numpy(dtype=object)
    carriers = table["Current Carrier"].to_numpy(dtype=object)
    rng = np.random.default_rng(5)
    keys = np.sort(rng.integers(2_000_000_000, 9_999_999_999, len(table)))
    steps = {
        "read each input string once": lambda: "".join(phones),
        "code the carriers": lambda: pd.factorize(carriers),
        "create the Number column": lambda: text_array(
            np.array(ten_digit_texts(keys), dtype=object)
        ),
    }
    return {name: best_of(repeat, run)[0] for name, run in steps.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    table = make_table(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "numbers.csv"
        table.to_csv(path, index=False)
        size = path.stat().st_size
        read_seconds, frame = best_of(args.repeat, lambda: pd.read_csv(path, dtype=str))
    assert len(frame) == args.rows
    table.index = pd.RangeIndex(2, args.rows + 2)  # the row numbers Excel would show
    plan_seconds, plan = best_of(
        args.repeat,
        lambda: plan_ports(table, submit_date=dt.date(2025, 3, 3), licenses={"local": 0}),
    )

    engine_seconds, _ = best_of(args.repeat, lambda: normalize_numbers(table["Phone Number"]))
    frame.index = table.index
    read_back_seconds, _ = best_of(
        args.repeat,
        lambda: plan_ports(frame, submit_date=dt.date(2025, 3, 3), licenses={"local": 0}),
    )

    floor = unavoidable_steps(table, args.repeat)

    requests = plan.requests
    ss = requests[requests["path"] == "Self-Service"]
    print(f"rows:                {args.rows:,} ({size / 1e6:.1f} MB of CSV)")
    print(f"read_csv(dtype=str): {read_seconds:.3f} s")
    print(f"plan_ports:          {plan_seconds:.3f} s")
    print(f"  number engine:     {engine_seconds:.3f} s (normalize_numbers alone)")
    print(f"  planning proper:   {plan_seconds - engine_seconds:.3f} s (the rest)")
    print(f"ratio plan/read:     {plan_seconds / read_seconds:.2f} (target <= 1.00)")
    print(
        f"plan_ports on the frame read_csv returned (strings in row order): "
        f"{read_back_seconds:.3f} s, ratio {read_back_seconds / read_seconds:.2f}"
    )
    print("steps any planner must take, on the same table:")
    for name, seconds in floor.items():
        print(f"  {name + ':':30s} {seconds:.3f} s ({seconds / read_seconds:.2f}x the read)")
    total = sum(floor.values())
    print(f"  {'together:':30s} {total:.3f} s ({total / read_seconds:.2f}x the read)")
    print(
        f"plan: {int(requests['count'].sum()):,} numbers in {len(requests):,} requests "
        f"({len(ss):,} self-service, largest {int(ss['count'].max())}), "
        f"{len(plan.exceptions):,} exceptions, "
        f"{plan.requests['npa_nxx'].nunique():,} NPA-NXX, "
        f"{len(plan.by_carrier):,} carriers"
    )
    return 0 if plan_seconds <= read_seconds else 1


if __name__ == "__main__":
    sys.exit(main())
