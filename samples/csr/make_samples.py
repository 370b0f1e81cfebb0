"""Write the CSR sample files the README commands and the CLI tests run on (deterministic).

    python samples/csr/make_samples.py

Numbers are fictional (555-01XX US exchanges, Ofcom's 020 7946 0xxx drama range), names and
addresses invented. The CSR export mimics the TAP tools download: phone number in column A,
country in column B ("In column b, filter out US"), nulls written as text in every casing,
the tool's default address on non-US rows, blank addresses on CRM-migrated and ported
numbers, Inteliquent/Onvoy spelled every way agents meet.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
ACCOUNT = "4471920"
CUSTOMER = "Acme Dental"
BILLING = "100 Congress Ave, Austin, TX 78701"
TOOL_DEFAULT = ("675 Creekside Way", "Campbell", "CA", "95008")  # what the tool puts on non-US
US_NPAS = ("512", "212", "312", "415", "617", "713")
CARRIERS = (
    "Bandwidth",
    "Onvoy, LLC",
    "Inteliquent Inc",
    "Intelliquent",
    "INTELIQUENT",
    "Onvoy LLC - NSR",
    "Neutral Tandem-Illinois",
    "Lumen",
    "Peerless Network",
    "Level 3 Communications",
)
SITES = (
    ("100 Congress Ave", "Austin", "TX", "78701"),
    ("2200 S Lamar Blvd", "Austin", "TX", "78704"),
    ("410 Park Ave", "New York", "NY", "10022"),
    ("12 Nullarbor Rd", "Round Rock", "TX", "78664"),
    ("77 W Wacker Dr", "Chicago", "IL", "60601"),
)
NON_US = (
    ("CA", "+1 416 555 01{:02d}", "Rogers"),
    ("GB", "+44 20 7946 0{:03d}", "BT"),
    ("MX", "+52 55 5086 0{:03d}", "Telmex"),
    ("AU", "+61 2 9374 4{:03d}", "Telstra"),
)


def us_numbers(count: int, rng: random.Random) -> list[str]:
    pool = [f"{npa}55501{line:02d}" for npa in US_NPAS for line in range(100)]
    return rng.sample(pool, count)


def csr_export(rng: random.Random) -> tuple[pd.DataFrame, list[str], list[str]]:
    """~200 rows; returns the table, the ported-in blank-address numbers, the provisioned ones."""
    numbers = us_numbers(191, rng)
    rows, ported, provisioned = [], [], []
    for position, number in enumerate(numbers):
        site = SITES[position % len(SITES)]
        carrier = CARRIERS[position % len(CARRIERS)]
        first, last = "Dana", "Reyes"
        btn = numbers[0] if position % 4 else number
        pin = "4821" if position in (7, 8) else ""
        address = list(site)
        if position % 13 == 5:  # CRM-migrated or ported numbers come out without an address
            address = ["", "", "", ""]
            (ported if position % 2 else provisioned).append(number)
        row = [number, "US", carrier, ACCOUNT, first, last, btn, *address, pin]
        rows.append(row)
    # nulls as the tool writes them, in the casings seen
    for position, column in ((3, 7), (17, 8), (29, 4), (44, 5), (58, 6), (71, 11), (90, 2)):
        rows[position][column] = ("null", "NULL", "Null")[position % 3]
    rows[112][7] = "NULL"
    rows[112][8] = "NULL"
    rows[113][7] = "null"
    for index in range(9):
        country, pattern, carrier = NON_US[index % len(NON_US)]
        number = pattern.format(10 + index)
        rows.append([number, country, carrier, ACCOUNT, "Dana", "Reyes", number, *TOOL_DEFAULT, ""])
    columns = [
        "Phone Number",
        "Country",
        "Carrier",
        "Account Number",
        "Authorized First Name",
        "Authorized Last Name",
        "Billing Telephone Number",
        "Address",
        "City",
        "State",
        "Zip",
        "PIN",
    ]
    return pd.DataFrame(rows, columns=columns), ported, provisioned


def port_orders(ported: list[str], extra: list[str]) -> pd.DataFrame:
    rows = []
    for position, number in enumerate(ported + extra):
        rows.append(
            [
                f"({number[:3]}) {number[3:6]}-{number[6:]}",
                f"{500 + position} E 6th St, Austin, TX 78701",
                (dt.date(2023, 3, 1) + dt.timedelta(days=9 * position)).isoformat(),
                ("AT&T", "Spectrum", "Lumen")[position % 3],
                number,
                "Dana Reyes",
            ]
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Phone Number",
            "LOA Address",
            "Port Date",
            "Losing Carrier",
            "Billing Telephone Number",
            "Authorized Name",
        ],
    )


def inventory(rng: random.Random, path: Path) -> list[str]:
    """The DMW Number Inventory export (.xlsx) with statuses the CSR must filter (C5).

    Returns the ported-in numbers (Origin PORTED or CRM Migrated) for the port orders.
    """
    numbers = us_numbers(56, rng)
    header = [
        "phoneNumber",
        "customerId",
        "customerName",
        "Origin",
        "Carrier",
        "country",
        "status",
        "statusDate",
        "numberType",
        "extension",
        "siteName",
    ]
    statuses = ("Assigned", "Assigned", "Assigned", "Available", "Released", "Reserved")
    origins = ("PROVISIONED", "PROVISIONED", "PORTED", "CRM Migrated")
    ported = []
    wb = Workbook()
    ws = wb.active
    ws.title = "Number Inventory"
    ws.append(["Number Inventory export - Acme Dental"])
    ws.append([])
    ws.append(header)
    for position, number in enumerate(numbers):
        status = statuses[position % len(statuses)]
        released = dt.datetime(2024, 5, 20) if position % 12 == 4 else dt.datetime(2024, 1, 10)
        carrier = CARRIERS[position % len(CARRIERS)]
        if origins[position % len(origins)] == "CRM Migrated":
            carrier = "Lumen"
        if origins[position % len(origins)] != "PROVISIONED" and status in statuses[:4]:
            ported.append(number)
        ws.append(
            [
                int(number),
                int(ACCOUNT),
                CUSTOMER,
                origins[position % len(origins)],
                carrier,
                "US",
                status,
                released if status == "Released" else None,
                "Local",
                str(1000 + position),
                ("Austin HQ", "Austin South", "NYC")[position % 3],
            ]
        )
    for index, (country, pattern, carrier) in enumerate(NON_US[:3]):
        number = pattern.format(40 + index)
        ws.append(
            [
                number,
                int(ACCOUNT),
                CUSTOMER,
                "PROVISIONED",
                carrier,
                country,
                "Assigned",
                None,
                "Local",
                str(2000 + index),
                "Remote",
            ]
        )
    ws.append(
        [
            int("5125550199"),
            int(ACCOUNT),
            CUSTOMER,
            "null",
            "NULL",
            "US",
            "Assigned",
            None,
            "Local",
            "3000",
            "Austin HQ",
        ]
    )
    wb.properties.created = dt.datetime(2024, 6, 1)
    wb.properties.modified = dt.datetime(2024, 6, 1)
    wb.save(path)
    return ported[:-1]  # the last one has no port order: the review flags it


def legacy_export(rng: random.Random) -> tuple[pd.DataFrame, list[str]]:
    """The Legacy CRM 360 view download: local numbers in column D (C7)."""
    numbers = us_numbers(30, rng)
    carriers = ("Bandwidth", "Onvoy, LLC", "Lumen")
    rows = []
    for position, number in enumerate(numbers):
        shown = f"({number[:3]}) {number[3:6]}-{number[6:]}" if position % 3 == 0 else number
        rows.append(
            [
                CUSTOMER,
                "LC-" + ACCOUNT,
                "Virtual Office",
                shown,
                "Local",
                carriers[position % 3],
                "Active",
            ]
        )
    rows.append(
        [CUSTOMER, "LC-" + ACCOUNT, "Virtual Office", "512-555-01", "Local", "Bandwidth", "Active"]
    )
    frame = pd.DataFrame(
        rows,
        columns=["Account Name", "Customer ID", "Service", "Number", "Type", "Carrier", "Status"],
    )
    return frame, numbers[1:4]


def write_csv(frame: pd.DataFrame, name: str) -> None:
    frame.to_csv(HERE / name, index=False, lineterminator="\r\n")


def main() -> None:
    rng = random.Random(20240601)
    export, ported, provisioned = csr_export(rng)
    write_csv(export, "csr_export.csv")
    legacy, legacy_ported = legacy_export(rng)
    write_csv(legacy, "legacy_export.csv")
    inventory_ported = inventory(rng, HERE / "inventory_export.xlsx")
    # one ported CSR number has no port order, so the review shows the C4 flag
    write_csv(port_orders(ported[:-1], legacy_ported + inventory_ported), "port_orders.csv")
    matrix = pd.read_csv(HERE.parent.parent / "lnp_excel" / "templates" / "address_matrix.csv")
    write_csv(matrix, "address_matrix.csv")
    lookup = pd.DataFrame(
        [
            [
                "CA",
                "any",
                "Example row: ask the Canadian carrier for the CSR through its "
                "porting portal (replace with your team's instructions)",
            ],
            ["Not listed", "any", "Not listed: talk to your manager for next steps"],
        ],
        columns=["Country", "Carrier", "How to find"],
    )
    write_csv(lookup, "carrier_lookup.csv")
    print(
        f"wrote samples to {HERE} ({len(export)} CSR rows, {len(provisioned)} provisioned "
        f"and {len(ported)} ported without an address)"
    )


if __name__ == "__main__":
    main()
