"""The article has agents save the CSR download as 8x8_<Customer>_CSR.csv (C8): fixing it in
place must neither fail nor replace the download."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lnp_excel.cli.main import main

SAMPLE = Path(__file__).parents[2] / "samples" / "csr" / "csr_export.csv"


def test_fixing_the_download_writes_to_corrected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    download = tmp_path / "8x8_Acme Dental_CSR.csv"
    shutil.copy(SAMPLE, download)
    before = download.read_bytes()
    monkeypatch.chdir(tmp_path)
    assert main(["csr", "fix", download.name, "--customer", "Acme Dental"]) == 0
    assert download.read_bytes() == before
    corrected = tmp_path / "corrected" / download.name
    assert corrected.exists() and corrected.read_bytes() != before
    assert "writing the corrected files to ./corrected" in capsys.readouterr().out


def test_an_explicit_output_over_the_download_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    download = tmp_path / "8x8_Acme Dental_CSR.csv"
    shutil.copy(SAMPLE, download)
    monkeypatch.chdir(tmp_path)
    assert main(["csr", "fix", download.name, "--customer", "Acme Dental", "-o", "."]) == 2
