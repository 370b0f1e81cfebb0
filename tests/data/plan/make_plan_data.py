"""Regenerate the messy customer lists the planner tests and the README run on.

    python tests/data/plan/make_plan_data.py

Deterministic (seeded): the files are committed, this script documents how they were
made and what each is meant to exercise. Lists imitate what partners receive: a title row
or two above the header, every number format a person or Excel produces, carriers spelled
three ways, blanks, duplicates and junk.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
SAMPLES = HERE.parents[2] / "samples"


def fmt(ten: str, style: int) -> str | float:
    a, b, c = ten[:3], ten[3:6], ten[6:]
    return [
        f"({a}) {b}-{c}",
        f"{a}.{b}.{c}",
        f"+1 {a} {b} {c}",
        f"1-{a}-{b}-{c}",
        ten,
        f"{a}-{b}-{c} ",
        f"{a} {b} {c}",
        f"'{ten}",
    ][style % 8]


def customer_numbers(rng: random.Random) -> list[list[object]]:
    """~300 rows for the README: four US exchanges, Toronto, London, toll-free, mess."""
    rows: list[list[object]] = []
    sites = [
        # (exchange, first line, how many, carriers as typed, location)
        (
            "212736",
            1200,
            118,
            ["Verizon Business", "Verizon Business", "verizon business "],
            "NYC HQ",
        ),
        ("212947", 3300, 24, ["Verizon Business", "Verizon"], "NYC HQ - Floor 9"),
        ("312621", 5000, 56, ["AT&T", "at&t ", "AT&T", "AT & T"], "Chicago Branch"),
        ("213488", 2000, 31, ["Spectrum Enterprise", "spectrum enterprise"], "LA Office"),
        ("416363", 2000, 22, ["Bell Canada", "Bell Canada", "BELL CANADA"], "Toronto"),
        ("647258", 7100, 6, ["Rogers"], "Toronto"),
    ]
    for exchange, first, count, carriers, location in sites:
        lines = sorted(rng.sample(range(first, first + int(count * 1.2)), count))
        for line in lines:
            carrier = rng.choice(carriers)
            if rng.random() < 0.05:
                carrier = rng.choice(["", "", "Unknown", "N/A"])
            rows.append([fmt(f"{exchange}{line:04d}", rng.randrange(8)), carrier, location])
    for line in ("0001", "0123", "0456", "0789", "0950"):
        rows.append([f"+44 20 7946 {line}", "BT", "London"])
    rows.append(["011 44 20 7946 0999", "BT", "London"])
    for number, carrier in [
        ("(800) 222-4357", "AT&T"),
        ("1-888-736-4400", "Verizon Business"),
        ("877.736.4401", "Verizon Business"),
        ("1 (844) 736-4402", "at&t"),
        ("866-736-4403", ""),
    ]:
        rows.append([number, carrier, "Main toll-free"])
    junk = [
        ["TBD", "AT&T", "Chicago Branch"],
        ["212-736-12", "Verizon Business", "NYC HQ"],
        ["2.12736E+09", "Verizon Business", "NYC HQ"],
        ["212-736-1204 x204", "Verizon Business", "NYC HQ - reception"],
        ["see attached", "", "LA Office"],
        ["312-621-5007 / 312-621-5008", "AT&T", "Chicago Branch"],
        ["", "Verizon Business", "NYC HQ - spare"],
        ["", "AT&T", "Chicago Branch"],
        ["", "", "fax line (cancelled)"],
    ]
    rng.shuffle(rows)
    for item in junk:
        rows.insert(rng.randrange(len(rows)), item)
    for _ in range(8):  # the same number typed again, in another format
        number, carrier, location = rows[rng.randrange(len(rows))]
        digits = "".join(ch for ch in str(number) if ch.isdigit())[-10:]
        if len(digits) == 10 and not str(number).startswith(("+44", "011")):
            rows.insert(
                rng.randrange(len(rows)), [fmt(digits, rng.randrange(8)), carrier, location]
            )
    return rows


def write_csv(path: Path, head: list[list[str]], rows: list[list[object]], delimiter=",") -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerows(head)
        writer.writerows(rows)


def dental_group(rng: random.Random) -> list[list[object]]:
    """120 numbers in one exchange and one carrier: 3 requests (50, 50, 20) - P1."""
    rows = [
        [fmt(f"617227{2000 + i:04d}", i), "Comcast Business", f"Op {i % 4 + 1}"] for i in range(120)
    ]
    rows += [["617-227-2000", "Comcast Business", "repeat of the first"]]
    rows += [["(617) 227-3001", "Lumen", "Op 1"], ["617 227 3002", "CenturyLink", "Op 2"]]
    return rows


def main() -> None:
    rng = random.Random(20250303)
    SAMPLES.mkdir(exist_ok=True)
    write_csv(
        SAMPLES / "customer_numbers.csv",
        [["Acme Logistics - numbers to port (exported from the customer's phone bill)"], []],
        [["Phone Number", "Current Carrier", "Location"], *customer_numbers(rng)],
    )
    write_csv(
        HERE / "dental_group.csv",
        [["Bright Smiles Dental Group"], ["Prepared by: front office", "", ""]],
        [["Number to Port", "Losing Carrier", "Operatory"], *dental_group(rng)],
    )
    # Canada only, 160 numbers: Managed, $800, and the P6 hint to consider Custom.
    write_csv(
        HERE / "toronto_managed.csv",
        [],
        [["Telephone", "Provider"]]
        + [
            [f"+1 416 363 {4000 + i:04d}", rng.choice(["Bell", "bell ", "BELL"])]
            for i in range(160)
        ],
        delimiter=";",
    )
    # Nothing usable: exit code 1.
    write_csv(
        HERE / "nothing_valid.csv",
        [["Numbers we think we have"]],
        [
            ["Phone", "Carrier"],
            ["TBD", "AT&T"],
            ["call Bob", ""],
            ["555-1234", "Verizon"],
            ["", "x"],
        ],
    )
    # A workbook: a notes sheet first, title rows, numbers stored as floats, "TN" header.
    wb = Workbook()
    notes = wb.active
    notes.title = "Read me"
    notes.append(["Numbers are on the next sheet. Carrier from the last bill."])
    ws = wb.create_sheet("DIDs")
    ws.append(["Harbor & Reed LLP"])
    ws.append(["DID inventory", None, None, "as of March"])
    ws.append([])
    ws.append(["Site", "TN", "Carrier Name", "Notes"])
    for i in range(70):
        ws.append(
            [
                "Boston",
                float(f"617722{1100 + i:04d}"),
                rng.choice(["Verizon", "verizon", "Verizon "]),
                None,
            ]
        )
    for i in range(12):
        ws.append(
            ["Providence", 4012740000 + 10 * i, rng.choice(["Cox Business", "COX business"]), None]
        )
    ws.append(["Montreal", "+1 (514) 861-2000", "Videotron", "new office"])
    ws.append(["Boston", "617-722-1100", "Verizon", "duplicate of the first row"])
    ws.append(["Boston", "8007224400", "", "toll-free main line"])
    ws.append(["Boston", "617-722-11", "Verizon", "typo"])
    ws.append(["Boston", None, "Verizon", "spare"])
    wb.save(HERE / "harbor_reed.xlsx")
    wb.save(SAMPLES / "customer.xlsx")  # the workbook the README and --help examples use
    # Numbers only, no carrier column, .xlsm suffix is not needed: plain xlsx.
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Phone"])
    for i in range(30):
        ws.append([f"(303) 861-{7000 + i:04d}"])
    wb.save(HERE / "no_carrier.xlsx")


if __name__ == "__main__":
    main()
