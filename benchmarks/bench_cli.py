"""`lnp-excel plan` end to end on a 20,000-number list vs a plain pandas + XlsxWriter
process (issue 14, section 3).

The list is what a customer sends for a bulk port (Bandwidth's bulk-order maximum,
20,000 numbers): about 300 NPA-NXX, 6 carriers in a few spellings, a BTN column and
service-address columns, numbers in mixed human formats with a few duplicates and junk.
It is generated with a fixed seed and written to a temporary CSV.

Both sides are whole processes, start-up included, run alternately ``--pairs`` times:
- the command: ``python -m lnp_excel.cli.main plan list.csv -o plan.xlsx``;
- the baseline: a process that imports pandas and XlsxWriter, reads the same CSV with
  ``pd.read_csv`` and writes its rows x 12 columns (the width of the plan's Numbers
  sheet) with XlsxWriter, one ``write_row`` per row.
The ratio is the median of the per-pair ratios. Target: <= 1.0.

    python benchmarks/bench_cli.py [--rows 20000] [--pairs 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

CARRIERS = np.array(
    ["AT&T", "at&t", "Verizon Business", "Lumen", "Comcast Business", "Spectrum", "Frontier"],
    dtype=object,
)
WEIGHTS = np.array([20, 5, 25, 15, 15, 10, 10], dtype=float)
STREETS = np.array(["Main St", "Congress Ave", "Broadway", "Market St", "Elm St", "5th Ave"])
CITIES = np.array(
    [("New York", "NY"), ("Austin", "TX"), ("Chicago", "IL"), ("Denver", "CO"), ("Miami", "FL")]
)
US_NPA = np.array([212, 646, 718, 512, 312, 773, 303, 720, 305, 786, 415, 617, 404, 206, 214])

BASELINE = """
import sys
import pandas as pd
import xlsxwriter

frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
rows = frame.iloc[:, :12].to_numpy().tolist()
width = 12
workbook = xlsxwriter.Workbook(sys.argv[2])
sheet = workbook.add_worksheet("Numbers")
sheet.write_row(0, 0, [f"Column {i}" for i in range(width)])
for r, row in enumerate(rows, start=1):
    sheet.write_row(r, 0, (row + [""] * width)[:width])
workbook.close()
"""


def make_list(rows: int, seed: int = 14) -> pd.DataFrame:
    """A customer's bulk-port list: ~300 exchanges, 6 carriers, BTN and address columns."""
    rng = np.random.default_rng(seed)
    exchanges = 300
    npa = rng.choice(US_NPA, exchanges)
    nxx = rng.integers(201, 999, exchanges)
    nxx = np.where(nxx % 100 == 11, nxx + 1, nxx)
    nxx = np.where(nxx == 555, 556, nxx)
    which = rng.integers(0, exchanges, rows)
    a, b, c = npa[which], nxx[which], rng.integers(0, 10000, rows)
    a_s, b_s = a.astype(str).astype(object), b.astype(str).astype(object)
    c_s = pd.Series(c.astype(str)).str.zfill(4).to_numpy(dtype=object)
    styles = [
        "(" + a_s + ") " + b_s + "-" + c_s,
        a_s + "-" + b_s + "-" + c_s,
        a_s + b_s + c_s,
        "+1 " + a_s + " " + b_s + " " + c_s,
        a_s + "." + b_s + "." + c_s,
    ]
    style = rng.integers(0, len(styles), rows)
    phone = np.choose(style, styles)
    kind = rng.random(rows)
    phone[kind < 0.003] = "TBD"
    repeat = (kind >= 0.003) & (kind < 0.013)
    phone[repeat] = phone[rng.integers(0, rows, int(repeat.sum()))]
    site = rng.integers(0, 40, exchanges)[which]  # a site per exchange: BTN and address
    carrier = rng.choice(len(CARRIERS), exchanges, p=WEIGHTS / WEIGHTS.sum())[which]
    city = CITIES[site % len(CITIES)]
    return pd.DataFrame(
        {
            "Phone Number": phone,
            "Current Carrier": CARRIERS[carrier],
            "BTN": (a_s + b_s + "0000"),
            "Service Address": (100 + site * 7).astype(str).astype(object)
            + " "
            + STREETS[site % len(STREETS)].astype(object),
            "City": city[:, 0],
            "State": city[:, 1],
            "ZIP": (10001 + site * 13).astype(str),
            "Location": "Site " + site.astype(str).astype(object),
        }
    )


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds (the target) and CPU seconds (user + system: information, less
    sensitive to a machine shared with other jobs) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bulk_port.csv"
        make_list(args.rows).to_csv(source, index=False)
        plan = [sys.executable, "-m", "lnp_excel.cli.main", "plan", str(source)]
        plan += ["-o", str(Path(folder) / "plan.xlsx"), "--submit-date", "2026-12-01"]
        baseline = [sys.executable, "-c", BASELINE, str(source), str(Path(folder) / "b.xlsx")]
        timed(plan), timed(baseline)  # warm the file cache once, untimed
        pairs = []
        for _ in range(args.pairs):
            pairs.append((timed(plan), timed(baseline)))
        written = pd.read_excel(Path(folder) / "plan.xlsx", sheet_name=None)
    for index, (ours, theirs) in enumerate(pairs, start=1):
        print(
            f"pair {index}: lnp-excel plan {ours[0]:.2f} s (cpu {ours[1]:.2f} s), "
            f"pandas + XlsxWriter {theirs[0]:.2f} s (cpu {theirs[1]:.2f} s)"
        )
    ratio = statistics.median(ours[0] / theirs[0] for ours, theirs in pairs)
    cpu_ratio = statistics.median(ours[1] / theirs[1] for ours, theirs in pairs)
    sheets = ", ".join(f"{name} {len(frame):,}" for name, frame in written.items())
    print(f"rows: {args.rows:,}; plan workbook rows: {sheets}")
    print(f"ratio (median of {args.pairs} pairs): {ratio:.2f} (target <= 1.00)")
    print(f"cpu ratio (median, information): {cpu_ratio:.2f}")
    return 0 if ratio <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
