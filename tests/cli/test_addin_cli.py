"""`lnp-excel addin install|remove` (issue 17 s7, X3): the add-in copied into Excel's
start-up folder and this Python written as RunPython's interpreter, as `xlwings addin
install` does; here into temporary folders named by option or environment variable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lnp_excel.cli.main import main
from lnp_excel.excel import addin_install

ROOT = Path(__file__).resolve().parents[2]


def test_install_copies_the_addin_and_names_this_python(tmp_path: Path, capsys) -> None:
    folder, config = tmp_path / "XLSTART", tmp_path / "xlwings" / "xlwings.conf"
    config.parent.mkdir()
    config.write_text('"UDF Modules","my_udfs"\n"INTERPRETER_WIN","C:\\old\\python.exe"\n')
    assert main(["addin", "install", "--folder", str(folder), "--config", str(config)]) == 0
    installed = folder / "LNP_Tools.xlam"
    assert installed.read_bytes() == (ROOT / "workbooks" / "LNP_Tools.xlam").read_bytes()
    lines = config.read_text().splitlines()
    key = addin_install.interpreter_key()
    assert f'"{key}","{sys.executable}"' in lines
    assert '"UDF Modules","my_udfs"' in lines  # the agent's other settings stay
    assert len([line for line in lines if line.startswith(f'"{key}"')]) == 1
    assert str(installed) in capsys.readouterr().out

    assert main(["addin", "remove", "--folder", str(folder)]) == 0
    assert not installed.exists() and "removed" in capsys.readouterr().out
    assert main(["addin", "remove", "--folder", str(folder)]) == 0  # nothing left: says so
    assert "was not installed" in capsys.readouterr().out


def test_the_folders_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(addin_install.STARTUP_ENV, str(tmp_path / "start"))
    monkeypatch.setenv(addin_install.CONFIG_ENV, str(tmp_path / "xlwings.conf"))
    assert main(["addin", "install"]) == 0
    assert (tmp_path / "start" / "LNP_Tools.xlam").is_file()
    assert sys.executable in (tmp_path / "xlwings.conf").read_text()
    assert main(["addin", "remove"]) == 0
    assert not (tmp_path / "start" / "LNP_Tools.xlam").exists()


def test_the_addin_is_built_from_the_packaged_sources_without_a_clone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A wheel has no workbooks/ folder: the same bytes come from the shipped sources."""
    fake_package = tmp_path / "site" / "lnp_excel" / "__init__.py"
    fake_package.parent.mkdir(parents=True)
    fake_package.write_text("")
    monkeypatch.setattr(addin_install.lnp_excel, "__file__", str(fake_package))
    assert addin_install.addin_bytes() == (ROOT / "workbooks" / "LNP_Tools.xlam").read_bytes()


def test_without_excel_on_this_system_the_folder_must_be_named(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.delenv(addin_install.STARTUP_ENV, raising=False)
    monkeypatch.setattr(addin_install.sys, "platform", "linux")
    assert main(["addin", "install"]) == 2
    err = capsys.readouterr().err
    assert "--folder" in err and "Traceback" not in err
