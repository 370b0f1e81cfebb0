"""How the planner and the CSR fix grow with size: time and peak memory per row count (issue #6).

Each (size, job) runs in a fresh Python process, so its peak memory is its own: the
figure is the child's ``ru_maxrss`` as the kernel reports it to ``os.wait4`` (input table
included; the table alone is shown apart as "input"). The input is generated in the
child (``bench_plan.make_table`` / ``bench_csr.make_csr``, in 250k-row chunks so that
generation does not set the peak); the time is ``plan_ports`` or ``fix_csr`` only.

The last column is the cost per row relative to the smallest size: ~1.0 everywhere means
linear growth. Target: linear, and 5M rows within 8 GB on a 2-core machine.

    python benchmarks/bench_scale.py [--sizes 100k,1M,5M] [--jobs plan,csr]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHUNK = 250_000
TARGET_GB = 8.0
JOBS = ("plan", "csr")


def parse_size(text: str) -> int:
    """ "100k" -> 100_000, "1M" -> 1_000_000, "2500" -> 2500."""
    text = text.strip().lower().replace("_", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    return int(float(number) * scale)


def label(rows: int) -> str:
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}M"
    if rows % 1_000 == 0:
        return f"{rows // 1_000}k"
    return str(rows)


# --- the child: one job on one size --------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def _chunked(make, rows: int):
    """``make(n, seed)`` in chunks, concatenated; the row index is what Excel would show."""
    import pandas as pd

    parts = []
    for seed, start in enumerate(range(0, rows, CHUNK)):
        parts.append(make(min(CHUNK, rows - start), seed=seed + 3))
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    del parts
    table.index = pd.RangeIndex(2, rows + 2)
    return table


def child(job: str, rows: int) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    import bench_csr
    import bench_plan

    from lnp_excel.core.csr import fix_csr
    from lnp_excel.core.plan import plan_ports

    start = time.perf_counter()
    if job == "plan":
        table = _chunked(bench_plan.make_table, rows)
    else:
        table = _chunked(bench_csr.make_csr, rows)
    generated = time.perf_counter() - start
    input_mb = _rss_mb()

    start = time.perf_counter()
    if job == "plan":
        result = plan_ports(table, submit_date=dt.date(2025, 3, 3), licenses={"local": 0})
        detail = f"{len(result.requests):,} requests, {len(result.exceptions):,} exceptions"
        assert len(result.numbers) == rows
    else:
        result = fix_csr(
            table,
            customer="Scale Test",
            billing_address="100 Main St, Austin, TX 78701",
            as_of=dt.date(2025, 3, 3),
        )
        detail = f"{len(result.changes):,} changes, {len(result.flags):,} flags"
        assert len(result.table) == rows
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "generated": generated, "input_mb": input_mb, "detail": detail}


# --- the parent: one fresh process per (size, job) ------------------------------------------


def measure(job: str, rows: int) -> dict[str, object]:
    """Run the child; its own peak RSS comes from ``wait4`` (not the max over children)."""
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", job, str(rows)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{job} on {rows:,} rows failed (exit {process.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1M,5M", help="row counts, e.g. 100k,1M,5M")
    parser.add_argument("--jobs", default=",".join(JOBS), help="plan, csr or both")
    parser.add_argument("--child", nargs=2, metavar=("JOB", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return 0

    sizes = sorted(parse_size(s) for s in args.sizes.split(",") if s.strip())
    jobs = [j.strip() for j in args.jobs.split(",") if j.strip()]
    unknown = set(jobs) - set(JOBS)
    if unknown:
        parser.error(f"unknown job(s): {', '.join(sorted(unknown))}; choose from {JOBS}")
    print(f"{os.cpu_count()} CPU(s); a fresh process per (size, job); peak = its max RSS")
    header = f"{'job':<5} {'rows':>5} {'seconds':>8} {'us/row':>7} {'input MB':>9} {'peak MB':>8}"
    print(header + f" {'x smallest':>10}  result")
    worst = 0.0
    for job in jobs:
        base = None
        for rows in sizes:
            found = measure(job, rows)
            per_row = found["seconds"] / rows * 1e6
            base = base or per_row
            worst = max(worst, found["peak_mb"])
            print(
                f"{job:<5} {label(rows):>5} {found['seconds']:>8.2f} {per_row:>7.2f} "
                f"{found['input_mb']:>9.0f} {found['peak_mb']:>8.0f} {per_row / base:>10.2f}  "
                f"{found['detail']}",
                flush=True,
            )
    print(f"largest peak: {worst / 1024:.2f} GB (target <= {TARGET_GB:.0f} GB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
