"""C4, C4a through `lnp-excel csr fix` on files written here (issue 18): ZIP codes Excel
typed as numbers, ZIPs outside their state in one-line addresses, port orders whose LOA
address is split into columns. Outputs are read back from the files written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from lnp_excel.cli.main import main
from lnp_excel.core.address import padded_zip, zip_state_problem


def run(*argv: object) -> int:
    return main([str(a) for a in argv])


def read_out(folder: Path, customer: str = "Harbor") -> pd.DataFrame:
    path = folder / f"8x8_{customer}_CSR.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def review(folder: Path, sheet: str, customer: str = "Harbor") -> pd.DataFrame:
    book = load_workbook(folder / f"8x8_{customer}_CSR_review.xlsx", read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    start = next(i for i, row in enumerate(rows) if row and row[0] in ("Row", "Setting"))
    return pd.DataFrame(rows[start + 1 :], columns=rows[start])


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("state", "typed", "problem_words", "padded"),
    [
        ("RI", "2903", "02903 is in RI", "02903"),  # Providence
        ("NH", "3301-2201", "03301 is in NH", "03301-2201"),  # Concord, ZIP+4
        ("NJ", "7102", "07102 is in NJ", "07102"),  # Newark
        ("CT", "6103", "06103 is in CT", "06103"),
        ("FL", "2903", "02903 is in RI, not FL", ""),  # padded, but not Florida's
        ("VT", "512", "not a US ZIP", ""),
    ],
)
def test_short_zips_are_named_and_padded_only_in_their_state(state, typed, problem_words, padded):
    """C4a: a 3-4 digit ZIP lost its leading zeros; padded only when it is the state's."""
    assert problem_words in zip_state_problem(state, typed)
    assert padded_zip(state, typed) == padded


def test_zip_typed_as_a_number_in_an_xlsx_is_written_back_padded(tmp_path, capsys):
    """C4a: the ZIP column of an .xlsx CSR holds numbers; the padded ZIP goes to the
    customer, is logged as a change (undoable) and a ZIP that is not the state's is
    flagged, never padded."""
    source = xlsx(
        tmp_path / "csr.xlsx",
        [
            ["Phone Number", "Country", "Carrier", "Address", "City", "State", "Zip"],
            ["4015550111", "US", "Bandwidth", "1 Kennedy Plz", "Providence", "RI", 2903],
            ["8605550112", "US", "Bandwidth", "10 Main St", "Hartford", "CT", 6103.0],
            ["3055550113", "US", "Bandwidth", "12 Ocean Dr", "Miami", "FL", 2903],
            ["5125550114", "US", "Bandwidth", "100 Lamar Blvd", "Austin", "TX", 78701],
        ],
    )
    assert run("csr", "fix", source, "--customer", "Harbor", "-o", tmp_path / "out") == 0
    out = read_out(tmp_path / "out")
    assert out["Zip"].tolist() == ["02903", "06103", "2903", "78701"]
    changes = review(tmp_path / "out", "Changes")
    zips = changes[changes["Column"] == "Zip"]
    assert zips[["Row", "New", "Rule"]].values.tolist() == [
        [2, "02903", "C4a"],
        [3, "06103", "C4a"],
    ]
    assert float(zips["Old"].iloc[0]) == 2903  # what the cell held, for undo
    assert "2 ZIP codes given back their leading zeros" in capsys.readouterr().out
    flags = review(tmp_path / "out", "Flags")
    florida = flags[flags["Row"] == 4]["Flag"].tolist()
    assert any("02903 is in RI, not FL" in flag for flag in florida)
    assert flags[flags["Row"].isin([2, 3, 5])].empty


def test_one_line_address_zip_outside_its_state_is_flagged(tmp_path):
    """C4a: a single Address column is parsed; a ZIP outside its state is flagged as it is
    for split columns, and a ZIP that lost its zero is padded inside the text."""
    source = tmp_path / "csr.csv"
    source.write_text(
        "Phone Number,Country,Carrier,Service Address\n"
        '6175550121,US,Lumen,"200 Boylston St, Boston, MA 2116"\n'
        '7135550122,US,Lumen,"900 Main St, Houston, TX 60601"\n'
        '5125550123,US,Lumen,"100 Lamar Blvd, Austin, TX 78701"\n',
        encoding="utf-8",
    )
    assert run("csr", "fix", source, "--customer", "Harbor", "-o", tmp_path / "out") == 0
    out = read_out(tmp_path / "out")
    assert out["Service Address"].tolist() == [
        "200 Boylston St, Boston, MA 02116",
        "900 Main St, Houston, TX 60601",
        "100 Lamar Blvd, Austin, TX 78701",
    ]
    flags = review(tmp_path / "out", "Flags")
    assert flags[flags["Row"] == 3]["Flag"].tolist() == ["Address: ZIP 60601 is in IL, not TX"]
    assert flags[flags["Row"].isin([2, 4])].empty
    changes = review(tmp_path / "out", "Changes")
    assert changes[changes["Rule"] == "C4a"]["Row"].tolist() == [2]


@pytest.mark.parametrize(
    "header",
    [
        "Number,LOA Street,LOA City,LOA State,LOA ZIP",
        "TN,Street,City,State,ZIP",
        "Phone,Address 1,Town,ST,Postal Code",
        # the customer's own City beside the LOA's: every part from the LOA
        "Number,City,LOA Street,LOA City,LOA State,LOA ZIP",
    ],
)
def test_port_orders_with_split_loa_columns(tmp_path, header):
    """C4, C4a: port orders whose LOA address is split into columns fill the CSR from one
    row, every part from the same order; a ZIP typed without its zero is padded."""
    orders = tmp_path / "orders.csv"
    own_city = "Cranston," if header.count("City") == 2 else ""
    orders.write_text(
        header + f"\n4015550131,{own_city}55 Westminster St,Providence,RI,2903\n"
        f"5125550132,{own_city.replace('Cranston', 'Round Rock')}300 W 6th St,Austin,TX,78701\n",
        encoding="utf-8",
    )
    source = tmp_path / "csr.csv"
    source.write_text(
        "Phone Number,Country,Carrier,Address,City,State,Zip\n"
        "4015550131,US,Bandwidth,,,,\n"
        "5125550132,US,Bandwidth,,,,\n",
        encoding="utf-8",
    )
    code = run(
        "csr", "fix", source, "--customer", "Harbor", "--port-orders", orders,
        "-o", tmp_path / "out",
    )  # fmt: skip
    assert code == 0
    out = read_out(tmp_path / "out")
    assert out[["Address", "City", "State", "Zip"]].values.tolist() == [
        ["55 Westminster St", "Providence", "RI", "02903"],
        ["300 W 6th St", "Austin", "TX", "78701"],
    ]


def test_port_orders_without_an_address_name_each_alias_once(tmp_path, capsys):
    orders = tmp_path / "orders.csv"
    orders.write_text("Number,Carrier\n4015550131,Bandwidth\n", encoding="utf-8")
    source = tmp_path / "csr.csv"
    source.write_text("Phone Number,Carrier,Address\n4015550131,Bandwidth,\n", encoding="utf-8")
    code = run("csr", "fix", source, "--customer", "H", "--port-orders", orders, "-o", tmp_path)
    assert code == 2
    message = capsys.readouterr().err
    assert "'LOA Street'" in message and "orders.csv" in message
    assert message.count("'LOA Address'") == 1
