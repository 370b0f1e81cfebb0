"""Normalizing 1,000,000 mixed inputs vs libphonenumber one value at a time (issue 2).

Prints both rates and the ratio, measured in the same run, and checks that the verdicts
(valid, region, type) agree on the sample the loop handled. Target: ratio >= 30.

    python benchmarks/bench_numbers.py [--rows 1000000] [--sample 20000]
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import phonenumbers

from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.numbers.phonemeta import TYPE_NAMES

INTERNATIONAL = [
    "+44 20 7946 0",
    "+33 1 42 68 5",
    "+49 30 901820",
    "+61 2 9374 4",
    "+52 55 5086 0",
    "+91 11 2301 2",
    "+353 1 671 1",
    "+81 3 3224 9",
    "+55 11 3141 4",
    "+34 91 123 4",
]
INVALID = [
    "212-736-123",
    "2.12736E+09",
    "CALL-ME-NOW",
    "212-736-1234 x12",
    "0123456789",
    "212 736 1234 / 212 736 1235",
    "555-1234",
]

# Area codes in service, so ~95% of the generated US numbers are valid.
IN_SERVICE_NPA = np.array([212, 213, 312, 415, 512, 617, 646, 702, 713, 818,
                           917, 303, 404, 206, 305, 480, 602, 718, 773, 832])  # fmt: skip


def make_inputs(rows: int, seed: int = 7) -> list[object]:
    """Formats agents meet: punctuation, +1, 1-, floats, spaces, NBSP, apostrophes."""
    rng = np.random.default_rng(seed)
    npa = rng.choice(IN_SERVICE_NPA, rows)
    nxx = rng.integers(200, 1000, rows)
    nxx = np.where(nxx % 100 == 11, nxx + 1, nxx)
    line = rng.integers(0, 10000, rows)
    style = rng.integers(0, 10, rows)
    kind = rng.random(rows)
    out: list[object] = []
    for i in range(rows):
        a, b, c = int(npa[i]), int(nxx[i]), int(line[i])
        if kind[i] < 0.05:
            out.append(INVALID[i % len(INVALID)])
            continue
        if kind[i] < 0.10:
            out.append(f"{INTERNATIONAL[i % len(INTERNATIONAL)]}{c:04d}"[:20])
            continue
        s = style[i]
        if s == 0:
            out.append(f"({a}) {b}-{c:04d}")
        elif s == 1:
            out.append(f"{a}.{b}.{c:04d}")
        elif s == 2:
            out.append(f"+1 {a} {b} {c:04d}")
        elif s == 3:
            out.append(f"1-{a}-{b}-{c:04d}")
        elif s == 4:
            out.append(float(f"{a}{b}{c:04d}"))
        elif s == 5:
            out.append(f"  {a}{b}{c:04d} ")
        elif s == 6:
            out.append(f"{a}\u00a0{b}\u00a0{c:04d}")
        elif s == 7:
            out.append(f"'{a}{b}{c:04d}")
        elif s == 8:
            out.append(int(f"{a}{b}{c:04d}"))
        else:
            out.append(f"{a}-{b}-{c:04d}")
    return out


def libphonenumber_loop(values: list[object]) -> list[tuple[bool, str, str]]:
    """The per-value loop the engine replaces: parse, is_valid, region, type."""
    verdicts = []
    for value in values:
        text = str(int(value)) if isinstance(value, float) else str(value)
        try:
            parsed = phonenumbers.parse(text, "US")
        except phonenumbers.NumberParseException:
            verdicts.append((False, "", ""))
            continue
        valid = phonenumbers.is_valid_number(parsed)
        region = phonenumbers.region_code_for_number(parsed) if valid else ""
        kind = TYPE_NAMES[phonenumbers.number_type(parsed)] if valid else ""
        verdicts.append((valid, region or "", kind))
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    args = parser.parse_args(argv)
    values = make_inputs(args.rows)
    normalize_numbers(values[:1000])  # compile the automata outside the timing, like a warm app

    start = time.perf_counter()
    result = normalize_numbers(values)
    engine_seconds = time.perf_counter() - start

    sample = values[: args.sample]
    start = time.perf_counter()
    loop = libphonenumber_loop(sample)
    loop_seconds = time.perf_counter() - start

    engine_rate = args.rows / engine_seconds
    loop_rate = args.sample / loop_seconds
    head = result.iloc[: args.sample]
    ours = list(zip(head["number"] != "", head["region"], head["type"], strict=True))
    # Inputs the engine refuses on purpose (N2: letters, extensions, two numbers, lost digits)
    # are compared on validity only: libphonenumber reads vanity letters and extensions.
    refused = head["reason"].str.contains("letters|extension|numbers in one cell|scientific")
    disagree = sum(
        1
        for mine, theirs, skip in zip(ours, loop, refused, strict=True)
        if not skip and (mine[0], mine[1] if mine[0] else "", mine[2] if mine[0] else "") != theirs
    )
    print(f"rows normalized:           {args.rows:,} in {engine_seconds:.2f} s")
    print(f"engine rate:               {engine_rate:,.0f} numbers/s")
    print(f"libphonenumber loop rate:  {loop_rate:,.0f} numbers/s ({args.sample:,} sample)")
    print(f"ratio:                     {engine_rate / loop_rate:.1f}x (target >= 30x)")
    print(f"verdicts differing on the sample: {disagree}")
    print(f"statuses: {result['status'].value_counts().to_dict()}")
    return 0 if disagree == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
