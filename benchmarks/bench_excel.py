"""What an agent feels in Excel: a formula cell and a button click (issue 14 parts 1, 2).

1. Every one-value worksheet function, called as Excel calls a formula filled down a
   column (one value per call, in order, from an empty cache: the first calculation), on
   ~2,000 mixed numbers with repeats, as an agent's sheet has them; against
   ``phonenumbers.parse`` + ``is_valid_number`` on the same values. Target: <= 2x.
   A second pass (Excel recalculating, every answer cached) is shown for information.
2. ``lnp-excel --version`` and ``--help`` (a new Python each, as a button click without
   the UDF server) against ``python -c "import pandas"``, median of 5 each, run
   alternately. Target: <= 0.5x.

    python benchmarks/bench_excel.py [--rows 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import phonenumbers

from lnp_excel.core.numbers import single
from lnp_excel.excel import udfs

# An agent's sheet: a few offices, each a block of numbers, Canada and a London office,
# toll-free lines, numbers listed twice, and what people type instead of a number.
BLOCKS = ["212-736", "212-947", "718-387", "718-411", "312-621", "213-488", "646-202",
          "917-555", "415-281", "512-473", "617-350", "702-385"]  # fmt: skip
CANADA = ["416-363", "416-368", "604-681"]
TOLL_FREE = ["800-555", "888-736", "877-240"]
WORLD = ["+44 20 7946 {:04d}", "011 44 20 7946 {:04d}", "+33 1 42 68 {:04d}",
         "+52 55 5086 {:04d}", "+61 2 9374 {:04d}"]  # fmt: skip
FORMATS = ["({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "+1 {a} {b} {c}", "1-{a}-{b}-{c}",
           "{a}{b}{c}", "'{a}{b}{c}", "{a}-{b}-{c} ", "{a} {b} {c}"]  # fmt: skip
JUNK = [None, None, None, "", "N/A", "TBD", "n/a", "2.12736E+09", "see notes"]
TYPOS = ["{a}-{b}-{c} ext {x}", "{a}-{b}-{c2}", "{b}-{c}", "{a}-{b}-22O1",
         "{a}-{b}-{c}, {a}-{b}-{c2}"]  # fmt: skip


def agent_column(rows: int, seed: int = 14) -> list[object]:
    """~85% US numbers in every format (1 in 6 typed as a number: Excel stores a float),
    Canada, toll-free, other countries, ~12% repeats, ~6% junk and typos."""
    rng = random.Random(seed)
    out: list[object] = []
    for _ in range(rows):
        roll = rng.random()
        if roll < 0.12 and out:
            out.append(rng.choice(out))  # listed twice (also blanks and junk twice)
            continue
        if roll < 0.16:
            out.append(rng.choice(JUNK))
            continue
        a, b = rng.choice(BLOCKS).split("-")
        c, c2, x = f"{rng.randint(0, 9999):04d}", f"{rng.randint(0, 99):02d}", rng.randint(1, 999)
        if roll < 0.18:
            out.append(rng.choice(TYPOS).format(a=a, b=b, c=c, c2=c2, x=x))
        elif roll < 0.21:
            out.append(rng.choice(WORLD).format(rng.randint(0, 9999)))
        else:
            if roll < 0.25:
                a, b = rng.choice(CANADA).split("-")
            elif roll < 0.27:
                a, b = rng.choice(TOLL_FREE).split("-")
            if rng.random() < 1 / 6:
                out.append(float(f"{a}{b}{c}"))
            else:
                out.append(rng.choice(FORMATS).format(a=a, b=b, c=c))
    return out


def bare(value: object) -> None:
    """The baseline: libphonenumber's own parse and validation of one value."""
    with contextlib.suppress(phonenumbers.NumberParseException):
        phonenumbers.is_valid_number(phonenumbers.parse(str(value), "US"))


def clear_caches() -> None:
    """An empty cache, as after opening the workbook (compiled automata stay: per process)."""
    for cached in (udfs._number, udfs._carrier_key, udfs._path_name, udfs._port_dates):
        cached.cache_clear()
    single._WARNINGS.clear()


def per_call(function: Callable[..., object], calls: list[tuple]) -> float:
    """Seconds per call, one call per cell, in column order."""
    start = time.perf_counter()
    for arguments in calls:
        function(*arguments)
    return (time.perf_counter() - start) / len(calls)


def bench_udfs(rows: int, runs: int) -> list[tuple[str, float, float, float]]:
    column = agent_column(rows)
    rng = random.Random(5)
    carriers = [rng.choice(["AT&T", "at&t ", "Verizon Business", "Bell Canada", "", None])
                for _ in column]  # fmt: skip
    dates = [dt.date(2026, 11, 2) + dt.timedelta(days=rng.randint(0, 60)) for _ in column]
    counts = [rng.randint(0, 400) for _ in column]
    cases: dict[str, tuple[Callable[..., object], list[tuple]]] = {
        "TN_NORMALIZE(A2)": (udfs.TN_NORMALIZE, [(v,) for v in column]),
        "TN_NPA_NXX(A2)": (udfs.TN_NPA_NXX, [(v,) for v in column]),
        "TN_REGION(A2)": (udfs.TN_REGION, [(v,) for v in column]),
        "PORT_BATCH(A2, B2)": (udfs.PORT_BATCH, list(zip(column, carriers, strict=True))),
        "PORT_PATH(A2)": (udfs.PORT_PATH, [(v,) for v in column]),
        "PORT_COST(C2)": (udfs.PORT_COST, [(n,) for n in counts]),
        'PORT_DATES(D2, "Managed")': (udfs.PORT_DATES, [(d, "Managed") for d in dates]),
        "CSR_PIN(B2)": (udfs.CSR_PIN, [(c,) for c in carriers]),
        "CSR_ESCALATION(B2)": (udfs.CSR_ESCALATION, [(c,) for c in carriers]),
    }
    baseline_calls = [(v,) for v in column]
    # Warm up what a process loads once: libphonenumber's metadata for each country and
    # the engine's automaton for each country code (0.1-0.5 s each, column form alike).
    for function, calls in cases.values():
        per_call(function, calls)
    per_call(bare, baseline_calls)
    results = []
    for name, (function, calls) in cases.items():
        base, first, again = [], [], []
        for _ in range(runs):
            base.append(per_call(bare, baseline_calls))
            clear_caches()
            first.append(per_call(function, calls))
            again.append(per_call(function, calls))
        results.append((name, *map(statistics.median, (base, first, again))))
    return results


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def bench_start_up(runs: int) -> list[tuple[str, float, float]]:
    script = Path(sys.executable).with_name("lnp-excel")
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "lnp_excel.cli.main"]
    pandas = [sys.executable, "-c", "import pandas"]
    results = []
    for flag in ("--version", "--help"):
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(wall([*cli, flag]))
            theirs.append(wall(pandas))
        results.append((f"lnp-excel {flag}", statistics.median(ours), statistics.median(theirs)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    met = True
    print(f"1. one value per call, {args.rows} cells, median of {args.runs} (target <= 2.0x)")
    print(f"   {'formula':<28}{'per call':>10}{'parse+valid':>13}{'ratio':>8}{'recalc':>10}")
    for name, base, first, again in bench_udfs(args.rows, args.runs):
        ratio = first / base
        met &= ratio <= 2.0
        print(
            f"   {name:<28}{first * 1e6:>8.1f}us{base * 1e6:>11.1f}us{ratio:>7.2f}x"
            f"{again * 1e6:>8.1f}us"
        )
    print(f"2. start-up, a new Python each, median of {args.runs} (target <= 0.5x)")
    for name, ours, theirs in bench_start_up(args.runs):
        ratio = ours / theirs
        met &= ratio <= 0.5
        print(f"   {name:<22}{ours:>7.3f} s vs import pandas {theirs:.3f} s: {ratio:.2f}x")
    print("targets met" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
