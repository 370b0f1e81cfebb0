"""``csr.pipeline``: the one sequence of steps every CSR goes through (issue 18). Its
changes are a complete record: replayed newest first onto the corrected CSR they give
back the input cell for cell (C8 control characters, C4a padded ZIPs, N2c, C2, ...)."""

from __future__ import annotations

import pandas as pd

from lnp_excel.core.csr import fix_csr
from lnp_excel.core.csr.controls import remove_control_characters, without_controls
from lnp_excel.io.csr_files import read_csr
from tests.core.csr.support import write_csv

ROWS = [
    ["Phone Number", "Country", "Carrier", "Account Number", "Address", "City", "State", "Zip"],
    ["2075550141", "US", "Onvoy\x01 LLC", "A\x1f7", "45 Exchange St", "Portland", "ME", "4101"],
    ["353861234568", "Ireland", "Vodafone", "null", "1 Default Way", "Austin", "TX", "78701"],
    ["6035550142", "US", "Lumen", "A7", "9 Pleasant St", "Concord", "NH", "3301"],
    ["6035550143", "US", "Lumen", "A7", "9 Pleasant St", "Concord", "TX", "3301"],
]


def csr_file(tmp_path):
    """The rows as a CSV Excel saved: ZIPs without their zeros, control characters kept."""
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in ROWS) + "\n"
    return read_csr(write_csv(tmp_path / "csr.csv", text)).frame


def replay_backwards(table: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    restored = table.copy()
    for row, column, old, _new, _rule in reversed(list(changes.itertuples(index=False))):
        if column in restored.columns:
            restored.loc[row, column] = old
    return restored


def test_the_changes_give_back_the_input(tmp_path):
    """X2 over the pipeline: every cell a step changed is in the log with what it held."""
    source = csr_file(tmp_path)
    result = fix_csr(source, customer="Quay")
    assert {"C8", "C2", "N2c", "C3", "C4a", "C6"} <= set(result.changes["Rule"])
    restored = replay_backwards(result.table, result.changes)[list(source.columns)]
    pd.testing.assert_frame_equal(restored.astype(object), source.astype(object))


def test_pipeline_results_on_the_same_rows(tmp_path):
    source = csr_file(tmp_path)
    table = fix_csr(source, customer="Quay").table
    assert table.loc[2, "Carrier"] == "Onvoy LLC" and table.loc[2, "Account Number"] == "A7"
    assert table.loc[2, "PIN"] == "8x82125"  # C6 reads the cleaned carrier
    assert table["Zip"].tolist() == ["04101", "", "03301", "3301"]  # C4a; TX is flagged
    assert table.loc[3, "Phone Number"] == "+353861234568"


def test_control_characters_only_text_cells():
    """C8: text loses its control characters; tab, LF, CR stay; numbers are untouched."""
    assert without_controls("AT&T\x01") == "AT&T"
    assert without_controls("Suite\x0b200") == "Suite 200"
    assert without_controls("a\tb\nc\rd") == "a\tb\nc\rd"
    assert without_controls(12.5) == 12.5
    table = pd.DataFrame({"A": ["x\x00y", None, 3], "B": [1, 2, 3]}, index=[2, 3, 4])
    step = remove_control_characters(table)
    assert step.table["A"].tolist() == ["xy", None, 3]
    assert step.changes[["Row", "Column", "Old", "New", "Rule"]].values.tolist() == [
        [2, "A", "x\x00y", "xy", "C8"]
    ]
