"""docs/rules.md explains every rule id the package cites (issue 13: users never see the
steering documents, so the project keeps its own reference)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

import lnp_excel
from lnp_excel.cli.main import main
from lnp_excel.io.writers import RULES_NOTE

PACKAGE = Path(lnp_excel.__file__).parent
RULES = PACKAGE.parent / "docs" / "rules.md"
RULE_ID = re.compile(r"\b([NPCXLRT]\d{1,2}[a-c]?)\b")
NOT_RULES = {"N11"}  # the NANP term for an exchange such as 411, not a rule id
CITING = ("*.py", "*.bas", "*.json", "*.xml", "*.csv")


def documented_ids() -> set[str]:
    return set(re.findall(r"^\| ([NPCXLRT]\d{1,2}[a-c]?) \|", RULES.read_text(), flags=re.M))


def cited_ids() -> dict[str, str]:
    cited: dict[str, str] = {}
    for pattern in CITING:
        for path in PACKAGE.rglob(pattern):
            for found in RULE_ID.findall(path.read_text(encoding="utf-8", errors="replace")):
                cited.setdefault(found, str(path.relative_to(PACKAGE)))
    return {rule: where for rule, where in cited.items() if rule not in NOT_RULES}


def test_every_cited_rule_id_is_explained() -> None:
    missing = {rule: where for rule, where in cited_ids().items() if rule not in documented_ids()}
    assert missing == {}


def test_the_reference_covers_each_family_in_order() -> None:
    ids = documented_ids()
    for family, last in (("N", 6), ("P", 12), ("R", 9), ("C", 13), ("L", 5), ("T", 5), ("X", 4)):
        assert {f"{family}{k}" for k in range(1, last + 1)} <= ids


def sheet_texts(path: Path, sheet: str) -> set[str]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    return {str(v) for row in workbook[sheet].iter_rows(values_only=True) for v in row if v}


def test_outputs_that_cite_rule_ids_point_to_the_reference(tmp_path: Path) -> None:
    samples = PACKAGE.parent / "samples"
    plan = tmp_path / "plan.xlsx"
    assert main(["plan", str(samples / "customer_numbers.csv"), "-o", str(plan)]) == 0
    assert RULES_NOTE in sheet_texts(plan, "Summary")
    assert "docs/rules.md" in RULES_NOTE and RULES.exists()
    csr = samples / "csr" / "csr_export.csv"
    assert main(["csr", "fix", str(csr), "--customer", "Acme", "-o", str(tmp_path)]) == 0
    assert RULES_NOTE in sheet_texts(tmp_path / "8x8_Acme_CSR_review.xlsx", "CSR")
