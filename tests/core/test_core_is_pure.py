"""The functional core imports no shell library and opens no files (house rule)."""

from __future__ import annotations

import ast
from pathlib import Path

import lnp_excel.core

SHELL_MODULES = {"xlwings", "openpyxl", "xlsxwriter", "click", "typer", "docx", "argparse"}
FILE_CALLS = {"open", "read_csv", "read_excel", "to_csv", "to_excel"}


def core_modules() -> list[Path]:
    return sorted(Path(lnp_excel.core.__file__).parent.rglob("*.py"))


def test_core_imports_no_shell_library() -> None:
    offenders = []
    for path in core_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in SHELL_MODULES]
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith(
                    ("lnp_excel.io", "lnp_excel.cli", "lnp_excel.excel", "lnp_excel.build")
                )
            ):
                offenders.append(f"{path.name}: {node.module}")
    assert offenders == []


def test_core_touches_no_files() -> None:
    offenders = []
    for path in core_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in FILE_CALLS:
                    offenders.append(f"{path.name}:{node.lineno} {name}")
    assert offenders == []


def test_the_check_sees_every_core_module() -> None:
    names = {p.name for p in core_modules()}
    assert {"engine.py", "phonemeta.py", "planner.py", "fix.py", "settings.py"} <= names
