"""Issue 18 item 1: a request folder holds one plan's request files, never two (P3c).

Two lists planned into one ``--export-dir``: the second is refused (exit 2, naming the
files) unless ``--overwrite``, which removes exactly the files the first plan's manifest
names. A number is never in two request files of the folder.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from lnp_excel.cli.main import main
from lnp_excel.io.request_folder import MANIFEST, NOT_READY, earlier_requests

FIRST = [  # a bakery's lines: Denver and Boulder, one without a carrier
    ("(303) 555-0140", "Lumen"),
    ("303-555-0141", "Lumen"),
    ("720.555.0142", "Comcast Business"),
    ("303 555 0143", ""),
]
SECOND = [  # the same customer after the carrier was found on the bill
    ("(303) 555-0140", "Lumen"),
    ("303-555-0141", "Lumen"),
    ("303 555 0143", "Lumen"),
]


def _list(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("Phone", "Carrier"), *rows])
    return path


def _request_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.csv"))


def _numbers_per_file(folder: Path) -> dict[str, list[str]]:
    out = {}
    for path in folder.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            out[path.name] = [row["Phone Number"] for row in csv.DictReader(fh)]
    return out


@pytest.fixture
def planned(tmp_path: Path) -> tuple[Path, list[str]]:
    folder = tmp_path / "requests"
    first = _list(tmp_path / "first.csv", FIRST)
    assert (
        main(["plan", str(first), "-o", str(tmp_path / "a.xlsx"), "--export-dir", str(folder)]) == 0
    )
    return folder, _request_files(folder)


def test_the_manifest_names_every_file_the_plan_wrote(planned: tuple[Path, list[str]]) -> None:
    folder, files = planned
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == files
    assert manifest["source"] == "first.csv"
    assert any(name.startswith(f"{NOT_READY}/") for name in files)


def test_a_second_plan_is_refused_naming_the_earlier_files_and_writes_nothing(
    planned: tuple[Path, list[str]], capsys: pytest.CaptureFixture
) -> None:
    folder, files = planned
    capsys.readouterr()
    second = _list(folder.parent / "second.csv", SECOND)
    output = folder.parent / "b.xlsx"
    assert main(["plan", str(second), "-o", str(output), "--export-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lnp-excel: ") and "--overwrite" in err
    assert all(Path(name).name in err for name in files), err
    assert not output.exists()  # refused before the workbook was written
    assert _request_files(folder) == files


def test_overwrite_removes_exactly_the_earlier_plans_files(
    planned: tuple[Path, list[str]],
) -> None:
    folder, files = planned
    mine = folder / "my notes.txt"
    mine.write_text("call Lumen on Monday", encoding="utf-8")
    second = _list(folder.parent / "second.csv", SECOND)
    argv = ["plan", str(second), "-o", str(folder.parent / "b.xlsx"), "--export-dir", str(folder)]
    assert main([*argv, "--overwrite"]) == 0
    now = _request_files(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == now
    assert not (folder / NOT_READY).exists()  # every carrier is known now
    assert mine.read_text(encoding="utf-8") == "call Lumen on Monday"
    numbers = [n for listed in _numbers_per_file(folder).values() for n in listed]
    assert sorted(numbers) == ["3035550140", "3035550141", "3035550143"]  # each once


def test_request_files_no_manifest_lists_are_refused_even_with_overwrite(
    planned: tuple[Path, list[str]], capsys: pytest.CaptureFixture
) -> None:
    folder, _ = planned
    stray = folder / "SS-303555-LUMEN-07.csv"
    stray.write_text("Phone Number\n3035550199\n", encoding="utf-8")
    capsys.readouterr()
    second = _list(folder.parent / "second.csv", SECOND)
    argv = ["plan", str(second), "-o", str(folder.parent / "b.xlsx"), "--export-dir", str(folder)]
    assert main([*argv, "--overwrite"]) == 2
    err = capsys.readouterr().err
    assert "SS-303555-LUMEN-07.csv" in err and "no plan's manifest" in err
    assert stray.exists()


def test_a_hostile_manifest_never_removes_files_outside_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "requests"
    folder.mkdir()
    outside = tmp_path / "SS-1-X-01.csv"
    outside.write_text("keep", encoding="utf-8")
    listed = ["../SS-1-X-01.csv", "/etc/SS-passwd.csv", "sub/SS-2-X-01.csv", 7]
    (folder / MANIFEST).write_text(json.dumps({"files": listed}), encoding="utf-8")
    assert earlier_requests(folder, replace=True) == []
    assert outside.read_text(encoding="utf-8") == "keep"
    (folder / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="manifest"):
        earlier_requests(folder, replace=True)


def test_the_export_button_replaces_its_own_earlier_export(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """The Export request files button (run headless): a second click replaces the files
    of the first, listed in the manifest; a request file no manifest lists stops it."""
    template = Path(__file__).parents[2] / "workbooks" / "Port_Planner.xlsm"
    output = tmp_path / "planner.xlsm"
    assert main(["run", str(template), "export", "-o", str(output)]) == 0
    folder = tmp_path / "port_requests"
    first = _request_files(folder)
    assert first and (folder / MANIFEST).exists()
    assert main(["run", str(template), "export", "-o", str(output), "--overwrite"]) == 0
    assert _request_files(folder) == first
    (folder / "SS-999555-COPY-01.csv").write_text("Phone Number\n9995550100\n", "utf-8")
    capsys.readouterr()
    assert main(["run", str(template), "export", "-o", str(output), "--overwrite"]) == 2
    assert "SS-999555-COPY-01.csv" in capsys.readouterr().err
