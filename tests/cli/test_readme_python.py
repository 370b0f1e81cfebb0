"""Issue 18 item 12: the README's Python examples run, on a new user's checkout.

Each ```python block of the README is run in a folder holding a copy of samples/, and
must finish without an error and print what it promises (P1-P12 through the API).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)


def test_the_readme_has_a_python_example() -> None:
    assert any("read_table" in block and "plan_ports" in block for block in python_blocks())


@pytest.mark.parametrize("block", python_blocks())
def test_each_python_example_runs(
    block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {"__name__": "readme_example"})
    out = printed.getvalue()
    if "print(plan.summary_line())" in block:
        assert "rows from 'Phone Number'" in out and "requests" in out
        assert "SS-212736-VERIZONBUSINESS-01" in out
    if "print(tracking.summary_line())" in block:  # T1-T3 on the shipped exports
        assert "requests tracked as of 2026-03-20" in out and "overdue" in out
