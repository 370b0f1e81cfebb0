"""The engine's verdicts and reasons on a typed list, pinned (N1-N3, N2a, N2b, N5, N6).

Issue 17 makes the batch engine find N2 reasons only for the values that fail, by shape
in numpy. Nothing an agent sees may change with it, so the verdicts, reasons, warnings
and extensions of a seeded mixed list (``mixed_inputs``: a third of it not one number)
were saved from the engine before that change (``tests/data/numbers/pinned_verdicts.csv.gz``)
and must come out the same; and each value read alone (the worksheet function's path)
must give the row the whole list gives it.

Re-pin only on purpose (a reason reworded), and say so in the commit:

    python -m tests.core.numbers.test_pinned_verdicts --write
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from lnp_excel.core.numbers import DUPLICATE, normalize_numbers
from lnp_excel.core.numbers.single import normalize_one
from tests.core.numbers.mixed_inputs import mixed_inputs

PINNED = Path(__file__).parents[2] / "data" / "numbers" / "pinned_verdicts.csv.gz"
ROWS = 30_000
ENGINE_COLUMNS = ["number", "extension", "region", "type", "npa_nxx", "status", "reason", "warning"]


def verdicts(values: list[object]) -> pd.DataFrame:
    """The engine's columns as text, with each input's repr (which also pins the list)."""
    frame = normalize_numbers(values)[ENGINE_COLUMNS].astype(str)
    frame.insert(0, "input", [repr(v) for v in values])
    return frame.reset_index(drop=True)


def test_verdicts_and_reasons_on_a_mixed_list_are_the_pinned_ones() -> None:
    got = verdicts(mixed_inputs(ROWS))
    pinned = pd.read_csv(PINNED, dtype=str, keep_default_na=False)
    assert got["input"].tolist() == pinned["input"].tolist(), "the generated list changed"
    assert (pinned["status"] == "invalid").mean() > 0.25  # the list is as mixed as meant
    differing = (got != pinned).any(axis=1)
    assert not differing.any(), pd.concat(
        {"now": got[differing].head(10), "pinned": pinned[differing].head(10)}, axis=1
    ).to_string()


def test_each_value_alone_gets_the_row_the_list_gives_it() -> None:
    values = mixed_inputs(1_500, seed=1717)
    frame = normalize_numbers(values)
    for position, value in enumerate(values):
        whole = frame.iloc[position]
        alone = normalize_one(value)
        if whole["status"] == DUPLICATE:  # N6 needs the list: alone it is the number itself
            assert alone["number"] == whole["number"] and alone["status"] == "ok", value
            continue
        assert {c: str(alone[c]) for c in ENGINE_COLUMNS} == {
            c: str(whole[c]) for c in ENGINE_COLUMNS
        }, value


def write_pinned() -> None:
    """Save the engine's current answers as the pinned ones."""
    PINNED.parent.mkdir(parents=True, exist_ok=True)
    verdicts(mixed_inputs(ROWS)).to_csv(PINNED, index=False)


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    write_pinned()
