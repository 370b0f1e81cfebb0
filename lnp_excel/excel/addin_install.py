"""Installing LNP_Tools.xlam the way ``xlwings addin install`` installs its own add-in (X3).

xlwings 0.37.8 (``cli.py``: ``addin_install``, ``get_addin_dir``, ``config_create``,
``runpython_install``) copies the add-in into Excel's start-up folder (Excel's
``Application.StartupPath``, the user's XLSTART), so Excel opens it at every start, and
writes the Python that RunPython starts into the user's xlwings settings
(``~/.xlwings/xlwings.conf``, on a Mac inside Excel's sandbox container) as
``"INTERPRETER_WIN","<python>"`` (``INTERPRETER_MAC`` on a Mac). On a Mac it also copies
xlwings' AppleScript into ``~/Library/Application Scripts/com.microsoft.Excel``, without
which RunPython cannot start Python there. Here the interpreter written is always the
Python running this command (xlwings keeps an existing settings file as it is), so the
first click finds the Python that has lnp_excel.

Both folders can be named (``--folder``, ``--config``, or ``LNP_EXCEL_STARTUP`` and
``LNP_EXCEL_XLWINGS_CONF``), which is also how a test installs into a temporary folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import lnp_excel
from lnp_excel.core.errors import InputError
from lnp_excel.io.writers import atomic_write

ADDIN = "LNP_Tools.xlam"
STARTUP_ENV = "LNP_EXCEL_STARTUP"
CONFIG_ENV = "LNP_EXCEL_XLWINGS_CONF"
MAC_STARTUP = (
    "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
)


def addin_bytes() -> bytes:
    """The add-in: ``workbooks/LNP_Tools.xlam`` beside the package (a clone), else built
    from the sources the package ships (the same bytes: the build is reproducible)."""
    beside = Path(lnp_excel.__file__).resolve().parents[1] / "workbooks" / ADDIN
    if beside.is_file():
        return beside.read_bytes()
    from lnp_excel.build.workbooks import build_workbook

    return build_workbook(Path(ADDIN).stem)


def startup_folder(given: str | Path | None = None) -> Path:
    """Excel's start-up folder: the one named, a running Excel's ``startup_path``, else
    Excel's default per system (Windows ``%APPDATA%\\Microsoft\\Excel\\XLSTART``)."""
    given = given or os.environ.get(STARTUP_ENV)
    if given:
        return Path(given)
    running = _running_excel_startup()
    if running is not None:
        return running
    if sys.platform.startswith("win") and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "Microsoft" / "Excel" / "XLSTART"
    if sys.platform == "darwin":
        return Path.home() / MAC_STARTUP
    raise InputError(
        "Excel runs on Windows and macOS: on this system name the start-up folder with "
        f"--folder (or {STARTUP_ENV})"
    )


def _running_excel_startup() -> Path | None:
    """What a running Excel says (xlwings ``App.startup_path``); None without one."""
    try:
        import xlwings as xw

        if xw.apps:
            return Path(xw.apps.active.startup_path)
    except Exception:  # noqa: BLE001 - no xlwings, no Excel, or not Windows/macOS
        return None
    return None


def xlwings_config(given: str | Path | None = None) -> Path:
    """The user's xlwings settings file (xlwings ``USER_CONFIG_FILE``), or the one named."""
    given = given or os.environ.get(CONFIG_ENV)
    if given:
        return Path(given)
    try:
        import xlwings as xw
    except ImportError:
        raise InputError(
            "xlwings is not installed in this Python: install lnp_excel with its excel "
            'extra (pip install ".[excel]" in a clone, or the wheel with [excel])'
        ) from None
    return Path(xw.USER_CONFIG_FILE)


def interpreter_key() -> str:
    return "INTERPRETER_MAC" if sys.platform == "darwin" else "INTERPRETER_WIN"


def write_interpreter(config: Path, python: str) -> None:
    """Set this Python as RunPython's interpreter; every other setting stays."""
    key = interpreter_key()
    lines = config.read_text(encoding="utf-8").splitlines() if config.is_file() else []
    kept = [line for line in lines if not line.upper().startswith(f'"{key}"')]
    text = "\n".join([*kept, f'"{key}","{python}"']) + "\n"
    config.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(config, lambda temp: temp.write_text(text, encoding="utf-8"))


def install(folder: str | Path | None = None, config: str | Path | None = None) -> list[str]:
    """Copy the add-in into the start-up folder and point xlwings at this Python."""
    target_folder = startup_folder(folder)
    content = addin_bytes()
    target_folder.mkdir(parents=True, exist_ok=True)
    target = target_folder / ADDIN
    try:
        atomic_write(target, lambda temp: temp.write_bytes(content))
    except InputError as error:
        raise InputError(f"{error}: if Excel is running, quit Excel and try again") from None
    settings = xlwings_config(config)
    write_interpreter(settings, sys.executable)
    done = [f"installed {target}", f"RunPython's Python ({interpreter_key()}) in {settings}"]
    if sys.platform == "darwin" and not (folder or os.environ.get(STARTUP_ENV)):
        from xlwings.cli import runpython_install  # the AppleScript RunPython needs

        runpython_install(None)
        done.append("xlwings' AppleScript for RunPython installed (xlwings runpython install)")
    return done


def remove(folder: str | Path | None = None) -> Path | None:
    """Delete the add-in from the start-up folder; None when it was not there."""
    target = startup_folder(folder) / ADDIN
    if not target.exists():
        return None
    try:
        target.unlink()
    except PermissionError:
        raise InputError(
            f"could not remove {target}: Excel has it open; quit Excel and try again"
        ) from None
    return target
