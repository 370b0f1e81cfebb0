"""fix_csr on a 1,000,000-row CSR vs pandas reading and writing the same CSV (issue #4).

About 5% of the rows have a blank or "null" address: half are filled from port orders
whose LOA addresses (5,000 texts) are parsed into Address/City/State/Zip (C4a), the
rest from the billing address; each distinct text is parsed once, never once per row
(issue 12).

Prints, measured in the same run on the same file: pandas' plain read_csv + to_csv, the
time of ``fix_csr`` itself, and the ratio fix_csr / (read + write). Target: <= 1.5.
For information it also times the whole ``csr fix`` pipeline without the review workbook
(lnp_excel's read_table + fix_csr + write_csv).

    python benchmarks/bench_csr.py [--rows 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from lnp_excel.core.address import clear_caches, parse_address
from lnp_excel.core.csr import fix_csr
from lnp_excel.core.csr.port_orders import read_port_orders
from lnp_excel.io.csr_files import read_csr
from lnp_excel.io.writers import write_csv

TARGET = 1.5
CARRIERS = np.array(
    [
        "Bandwidth",
        "Onvoy, LLC",
        "Inteliquent Inc",
        "Intelliquent",
        "INTELIQUENT",
        "Onvoy LLC - NSR",
        "Neutral Tandem-Illinois",
        "Lumen",
        "Peerless Network",
        "null",
    ],
    dtype=object,
)
SITES = np.array(
    ["100 Congress Ave", "2200 S Lamar Blvd", "410 Park Ave", "12 Nullarbor Rd", "77 W Wacker Dr"],
    dtype=object,
)
CITIES = np.array(["Austin", "Austin", "New York", "Round Rock", "Chicago"], dtype=object)
STATES = np.array(["TX", "TX", "NY", "TX", "IL"], dtype=object)
ZIPS = np.array(["78701", "78704", "10022", "78664", "60601"], dtype=object)
LOAS = 5_000  # distinct LOA addresses among the port orders, written several ways (C4b)


def make_csr(rows: int, seed: int = 4) -> pd.DataFrame:
    """A CSR export as the tool writes it, scaled up: ~2% non-US with the tool's default
    address, ~3% blank and ~2% "null" addresses, nulls elsewhere, existing PINs."""
    rng = np.random.default_rng(seed)
    npa = rng.choice(np.array(["212", "312", "415", "512", "617", "713"]), rows)
    line = rng.integers(2_000_000, 9_999_999, rows).astype(str)
    numbers = np.char.add(npa, line).astype(object)
    kind = rng.random(rows)
    country = np.where(kind < 0.01, "CA", np.where(kind < 0.02, "GB", "US")).astype(object)
    numbers[kind < 0.01] = "+1 416 555 0199"
    numbers[(kind >= 0.01) & (kind < 0.02)] = "+44 20 7946 0958"
    site = rng.integers(0, len(SITES), rows)
    address = SITES[site].copy()
    city = CITIES[site].copy()
    state = STATES[site].copy()
    zip_code = ZIPS[site].copy()
    address[country != "US"] = "675 Creekside Way"
    city[country != "US"] = "Campbell"
    state[country != "US"] = "CA"
    zip_code[country != "US"] = "95008"
    gaps = rng.random(rows)
    address[(gaps < 0.03) & (country == "US")] = ""
    address[(gaps >= 0.03) & (gaps < 0.05) & (country == "US")] = "null"
    first = np.full(rows, "Dana", dtype=object)
    first[rng.random(rows) < 0.01] = "NULL"
    pin = np.full(rows, "", dtype=object)
    pin[rng.random(rows) < 0.005] = "4821"
    btn = np.full(rows, numbers[0], dtype=object)
    btn[rng.random(rows) < 0.01] = ""
    return pd.DataFrame(
        {
            "Phone Number": numbers,
            "Country": country,
            "Carrier": CARRIERS[rng.integers(0, len(CARRIERS), rows)],
            "Account Number": "4471920",
            "Authorized First Name": first,
            "Authorized Last Name": "Reyes",
            "Billing Telephone Number": btn,
            "Address": address,
            "City": city,
            "State": state,
            "Zip": zip_code,
            "PIN": pin,
        }
    )


def loa_addresses(count: int, seed: int = 5) -> np.ndarray:
    """LOA addresses for ``count`` port orders: LOAS sites, each written three ways."""
    rng = np.random.default_rng(seed)
    site = rng.integers(1, LOAS // 3 + 1, count)
    way = rng.integers(0, 3, count)
    forms = np.array(
        [
            "{n} E 6th St, Austin, TX 78701",
            "{n} East 6th Street, Austin TX 78701-1234",
            "{n} E 6TH ST, AUSTIN, TX, 78701",
        ],
        dtype=object,
    )
    return np.array([forms[w].format(n=n) for n, w in zip(site, way, strict=True)], dtype=object)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="write the files here instead of a temp dir")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / "csr_1m.csv"
        frame = make_csr(args.rows)
        frame.to_csv(source, index=False)
        blank = frame["Address"].isin(["", "null"]) & (frame["Country"] == "US")
        ported = frame.loc[blank, "Phone Number"].iloc[::2]
        orders = read_port_orders(
            pd.DataFrame({"Phone Number": ported, "LOA Address": loa_addresses(len(ported))})
        )
        del frame

        cpu = time.process_time()
        start = time.perf_counter()
        plain = pd.read_csv(source, dtype=str, keep_default_na=False)
        read_seconds = time.perf_counter() - start
        start = time.perf_counter()
        plain.to_csv(folder / "plain_out.csv", index=False)
        write_seconds = time.perf_counter() - start
        baseline_cpu = time.process_time() - cpu
        del plain
        baseline = read_seconds + write_seconds

        start = time.perf_counter()
        table = read_csr(source)
        table_seconds = time.perf_counter() - start
        clear_caches()  # every distinct address is parsed in the timed run
        cpu = time.process_time()
        start = time.perf_counter()
        result = fix_csr(
            table.frame,
            customer="Bench",
            port_orders=orders,
            billing_address="100 Congress Ave, Austin, TX 78701",
            as_of="2024-06-10",
        )
        fix_seconds = time.perf_counter() - start
        fix_cpu = time.process_time() - cpu
        start = time.perf_counter()
        write_csv(result.customer_table(), folder / "8x8_Bench_CSR.csv")
        out_seconds = time.perf_counter() - start

    assert len(result.table) == args.rows, "row count in must equal row count out"
    ratio = fix_seconds / baseline
    pipeline = table_seconds + fix_seconds + out_seconds
    print(f"rows:                          {args.rows:,}")
    print(
        f"pandas read_csv + to_csv:      {baseline:.2f} s "
        f"(read {read_seconds:.2f} + write {write_seconds:.2f})"
    )
    print(f"fix_csr:                       {fix_seconds:.2f} s")
    print(f"ratio fix_csr / (read+write):  {ratio:.2f}x (target <= {TARGET}x)")
    print(  # on a shared machine CPU seconds vary less than wall-clock seconds
        f"same in CPU seconds:           {fix_cpu:.2f} / {baseline_cpu:.2f} = "
        f"{fix_cpu / baseline_cpu:.2f}x"
    )
    print(
        f"whole csr fix, no workbook:    {pipeline:.2f} s = read_table {table_seconds:.2f} + "
        f"fix_csr {fix_seconds:.2f} + write_csv {out_seconds:.2f} "
        f"({pipeline / baseline:.2f}x the plain read and write)"
    )
    filled = int((result.changes["Rule"] == "C4").sum())
    parsed = parse_address.cache_info().misses
    print(f"addresses filled (C4/C4a):     {filled:,}, from {parsed:,} distinct texts parsed")
    print(f"result: {result.summary()}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
