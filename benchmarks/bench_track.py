"""`track` on a bulk port: 20,000 Bandwidth orders read and matched to the requests of a
plan of 20,000 numbers (T1-T5), against reading the same CSV with ``pd.read_csv``.

The plan is ``plan_ports`` of generated numbers (one carrier, a few hundred NPA-NXX, the
valid ones in requests of at most 50 numbers); a third of the orders name the request id
(PON), a third only a BTN of the request and its carrier, a third nothing the plan knows.
Both sides run in this process, alternately ``--pairs`` times; the ratio is the median
of the per-pair ratios (``read_status_exports`` + ``track_ports`` over ``pd.read_csv``).

    python benchmarks/bench_track.py [--rows 20000] [--pairs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from lnp_excel import plan_ports, track_ports
from lnp_excel.io.status_exports import read_status_exports


def export(plan, rows: int, path: Path) -> Path:
    requests = plan.requests
    first = requests["first_number"].to_numpy()
    ids = requests["request"].to_numpy()
    n = len(requests)
    frame = pd.DataFrame(
        {
            "OrderId": [f"o-{i}" for i in range(rows)],
            "PON": [ids[i % n] if i % 3 == 0 else "" for i in range(rows)],
            "ProcessingStatus": ["SUBMITTED", "FOC", "EXCEPTION"] * (rows // 3)
            + ["FOC"] * (rows % 3),
            "OrderDate": ["2026-03-02T15:04:05.000Z"] * rows,
            "ActualFOCDate": ["2026-03-16T00:00:00Z", "", "3/20/2026"] * (rows // 3)
            + [""] * (rows % 3),
            "BillingTelephoneNumber": [
                first[i % n] if i % 3 == 1 else f"99955{i % 100000:05d}" for i in range(rows)
            ],
            "LNPLosingCarrierName": ["AT&T Corp"] * rows,
        }
    )
    frame.to_csv(path, index=False)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()
    numbers = pd.DataFrame(
        {
            "Number": [f"{212 + i % 400:03d}555{i // 400:04d}" for i in range(args.rows)],
            "Carrier": ["AT&T"] * args.rows,
        }
    )
    plan = plan_ports(numbers, submit_date="2026-03-02")
    with tempfile.TemporaryDirectory() as folder:
        path = export(plan, args.rows, Path(folder) / "portins.csv")
        ratios = []
        for _ in range(args.pairs):
            start = time.perf_counter()
            pd.read_csv(path, dtype=str, keep_default_na=False)
            baseline = time.perf_counter() - start
            start = time.perf_counter()
            tracking = track_ports(plan, read_status_exports([path]), as_of="2026-03-20")
            ours = time.perf_counter() - start
            ratios.append(ours / baseline)
    print(
        f"track: {args.rows:,} orders against {len(plan.requests):,} requests: "
        f"{ours:.2f} s; read_csv {baseline:.3f} s; ratio {statistics.median(ratios):.1f} "
        f"({len(tracking.unmatched):,} unmatched)"
    )


if __name__ == "__main__":
    main()
