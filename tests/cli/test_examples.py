"""Every example an agent can copy, run (issue 13): the `lnp-excel` lines of the README's
code blocks, in order, and the examples in each command's `--help`, each on copies of the
shipped samples and workbooks, in-process through `main`. An example that names a file the
tool does not write, or a file that is not shipped, fails here."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from lnp_excel.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ["plan", "check", "normalize", "csr", "loa", "track", "run", "build-workbooks", "addin"]
# `check` answers 1 when it predicts a rejection (R1-R9): the samples' CSR has one on
# purpose, so its examples show a real finding. `track` exits 1 when it wrote the tracker
# and something is overdue or in exception (T3).
EXPECTED_CODES = {"check": 1, "track": 1}


def commands_in(text: str) -> list[str]:
    """`lnp-excel ...` commands in ``text``: continuation lines joined, `a && b` split."""
    joined = re.sub(r"\\\n\s*", " ", text)
    found = []
    for line in joined.splitlines():
        for part in line.split("&&"):
            part = part.strip()
            if part.startswith("lnp-excel "):
                found.append(part)
    return found


def readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [command for block in blocks for command in commands_in(block)]


def help_commands(command: str, capsys: pytest.CaptureFixture) -> list[str]:
    assert main([command, "--help"]) == 0
    text = capsys.readouterr().out
    return commands_in(text[text.index("example") :])


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding copies of samples/ and workbooks/, as a new user's checkout."""
    for folder in ("samples", "workbooks"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_all(commands: list[str], capsys: pytest.CaptureFixture) -> None:
    for command in commands:
        argv = shlex.split(command)[1:]
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == EXPECTED_CODES.get(argv[0], 0), f"{command}\n{err}"
        assert "Traceback" not in out + err


def test_the_readme_commands_run_in_order(workspace: Path, capsys) -> None:
    commands = readme_commands()
    assert len(commands) >= 10
    assert {shlex.split(c)[1] for c in commands} == set(COMMANDS) - {"build-workbooks", "addin"}
    run_all(commands, capsys)
    for folder in ("fixed", "built", "legacy"):  # three runs, three CSRs, none replaced
        assert (workspace / "out" / folder / "8x8_Acme Dental_CSR.csv").exists()
    assert list((workspace / "out" / "docs").glob("*.docx"))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_example_runs(command: str, workspace: Path, capsys) -> None:
    examples = help_commands(command, capsys)
    assert examples, f"lnp-excel {command} --help shows no example"
    assert all(shlex.split(e)[1] == command for e in examples)
    run_all(examples, capsys)


def test_the_top_level_help_lists_each_command_once(capsys) -> None:
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    for command in COMMANDS:
        assert len(re.findall(rf"^\s+{re.escape(command)}\b", text, re.M)) == 1, command
