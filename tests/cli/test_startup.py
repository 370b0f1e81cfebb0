"""Start-up (issue 14): ``--version``, ``--help`` and ``import lnp_excel`` import no pandas,
so a button's new Python and a quick ``lnp-excel --version`` do not pay for it."""

from __future__ import annotations

import subprocess
import sys

from lnp_excel.cli.main import COMMANDS

HEAVY = ("pandas", "numpy", "holidays", "xlwings", "openpyxl", "phonenumbers")


def _modules_after(code: str) -> tuple[set[str], str]:
    """Run ``code`` in a new Python; return the modules it imported and what it printed."""
    script = f"import sys\n{code}\nprint('MODULES', ' '.join(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    before, _, modules = run.stdout.rpartition("MODULES ")
    return set(modules.split()), before


def test_version_and_help_import_no_heavy_module() -> None:
    for flag in ("--version", "--help"):
        code = (
            "from lnp_excel.cli.main import main\n"
            f"try:\n    main([{flag!r}])\nexcept SystemExit:\n    pass"
        )
        modules, printed = _modules_after(code)
        assert not modules & set(HEAVY), (flag, modules & set(HEAVY))
        if flag == "--help":
            assert all(name in printed for name in COMMANDS)  # the help still lists them
        else:
            assert printed.startswith("lnp-excel ")


def test_public_names_import_on_first_use() -> None:
    modules, _ = _modules_after("import lnp_excel")
    assert "pandas" not in modules
    modules, printed = _modules_after(
        "from lnp_excel import Settings, normalize_numbers, plan_ports\n"
        "print(normalize_numbers(['212-736-1234']).loc[0, 'number'], Settings().csr_pin)"
    )
    assert "pandas" in modules and printed.startswith("2127361234 ")


def test_a_command_still_runs_with_its_own_help() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "lnp_excel.cli.main", "plan", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--submit-date" in run.stdout
