"""Hostile inputs of a few hundred MB: time and peak memory until the command answers
(issue 18 item 18). Target: under 2 GB for any file under 250 MB, and an early, clear
refusal (exit 2) for what Excel could not hold anyway.

Each file is generated in a temporary folder, then ``lnp-excel normalize FILE`` runs in a
fresh process; its peak RSS is the child's ``ru_maxrss`` from ``os.wait4``. The baseline,
measured in the same run, is the same command on a good 1,000-row list: the ratios say
what the hostile file costs beyond starting the command.

    python benchmarks/bench_hostile.py [--mb 200] [--only commas,cell,wide,xlsx,rows]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

TARGET_MB = 2048
MB = 1 << 20


def _write_commas(path: Path, size: int) -> None:
    """One line of commas: hundreds of millions of empty cells."""
    with path.open("wb") as fh:
        fh.write(b"Phone Number,Name\r\n")
        for _ in range(size // MB):
            fh.write(b"," * MB)


def _write_cell(path: Path, size: int) -> None:
    """One cell of ``size`` characters."""
    with path.open("wb") as fh:
        fh.write(b"Phone Number,Name\r\n6175550101,")
        for _ in range(size // MB):
            fh.write(b"x" * MB)
        fh.write(b"\r\n")


def _write_wide(path: Path, size: int) -> None:
    """A million columns, then rows of them (as many as fit in ``size``)."""
    line = ",".join(["Phone Number", *(f"c{i}" for i in range(1_000_000))]).encode() + b"\r\n"
    with path.open("wb") as fh:
        written = 0
        while written < max(size, len(line)):
            fh.write(line)
            written += len(line)


def _write_xlsx(path: Path, size: int) -> None:
    """A small .xlsx whose one shared string inflates to ``size`` characters."""
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        b'<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
        b"</sheetData></worksheet>"
    )
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/content-types"><Default Extension="rels" ContentType="application/'
            b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            b'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            b'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
            b'"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="rId1" Type="' + rel + b"/"
            b'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            b'<?xml version="1.0"?><workbook ' + ns + b' xmlns:r="' + rel + b'"><sheets>'
            b'<sheet name="Numbers" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="rId1" Type="' + rel + b"/"
            b'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="'
            + rel
            + b'/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><sst ' + ns + b' count="4" uniqueCount="4">')
            member.write(b"<si><t>Phone Number</t></si><si><t>Notes</t></si>")
            member.write(b"<si><t>6175550101</t></si><si><t>")
            for _ in range(size // MB):
                member.write(b"N" * MB)
            member.write(b"</t></si></sst>")


def _write_rows(path: Path, size: int) -> None:
    """A good list of ``size`` bytes, ten columns wide: the file is big, not hostile (its
    cost is the engine's, see bench_scale.py); here for comparison."""
    filler = ",".join(["Acme Dental", "Bandwidth", "100 Congress Ave", "Austin", "TX"])
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Phone Number,Name,Carrier,Street,City,State,ZIP,Site,Notes,Account\r\n")
        written, i = 0, 0
        while written < size:
            line = f"617{i % 10_000_000:07d},line {i},{filler},78701,HQ,{i}\r\n"
            fh.write(line)
            written += len(line)
            i += 1


def _write_good(path: Path, _size: int) -> None:
    rows = "".join(f"617555{i:04d},line {i}\r\n" for i in range(1000))
    path.write_text("Phone Number,Name\r\n" + rows, encoding="utf-8")


CASES = {
    "commas": ("commas.csv", _write_commas),
    "cell": ("cell.csv", _write_cell),
    "wide": ("wide.csv", _write_wide),
    "xlsx": ("inflated.xlsx", _write_xlsx),
    "rows": ("rows.csv", _write_rows),
}


def run(path: Path, folder: Path) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB, first line of stderr) of ``normalize`` on ``path``."""
    command = [sys.executable, "-m", "lnp_excel.cli.main", "normalize", str(path)]
    command += ["-o", str(folder / f"{path.stem}_out.csv"), "--overwrite"]
    start = time.perf_counter()
    with subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL) as child:
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
        child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, seconds, usage.ru_maxrss / 1024, (stderr.splitlines() or [""])[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="size of each hostile file")
    parser.add_argument(
        "--only", default="commas,cell,wide,xlsx", help=f"cases of {', '.join(CASES)}"
    )
    args = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        good = folder / "good.csv"
        _write_good(good, 0)
        code, base_s, base_mb, _ = run(good, folder)
        print(f"baseline (1,000 good rows): exit {code}, {base_s:.2f} s, {base_mb:.0f} MB peak")
        print(f"{'case':8} {'file MB':>8} exit {'s':>7} {'x base':>7} {'peak MB':>8} message")
        for name in args.only.split(","):
            file_name, write = CASES[name]
            path = folder / file_name
            write(path, args.mb * MB)
            code, seconds, peak, message = run(path, folder)
            worst = max(worst, peak)
            size = path.stat().st_size / MB
            print(
                f"{name:8} {size:8.1f} {code:4} {seconds:7.2f} {seconds / base_s:7.1f} "
                f"{peak:8.0f} {message[:110]}"
            )
            path.unlink()
    verdict = "within" if worst < TARGET_MB else "OVER"
    print(f"worst peak {worst:.0f} MB: {verdict} the {TARGET_MB} MB target")
    return 0 if worst < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
